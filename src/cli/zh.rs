//! The command line in Chinese: the help texts of every command and argument, and the
//! words of clap's own usage errors, for `--lang zh` (the default) or a Chinese locale
//! ([`super::ui_lang`]). The English texts are the doc comments on the clap types; this
//! table says the same in Chinese, keyed by command and argument id.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help template with Chinese headings (`用法`).
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// A command's one-line description.
fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "policydiff" => {
            "对照上下级政府政策通知（政务公开工作要点、任务分工）：上级的要求哪些原文落实、改写落实、未落实，下级新增了哪些"
        }
        "parse" => "解析一份通知，显示其基本信息和任务清单",
        "compare" => "把下级通知的任务与上级通知的任务逐项对照：原文落实、改写落实、未落实、新增",
        "eval" => "用标注好的对照文件给对照结果打分（对应关系 F1、覆盖率准确度等）",
        "chain" => "把最上级通知的每项任务逐级向下追踪：省 → 市 → 县",
        "coverage" => "一份上级通知对照多份下级通知：哪个下级落实了哪项要求",
        "serve" => {
            "在浏览器中使用的工作区：上传通知、对照、复核（复核决定保存在工作区），导出各种报告"
        }
        "help" => "显示本帮助，或指定命令的帮助",
        _ => return None,
    })
}

/// An argument's help, by command and argument id; arguments that mean the same in every
/// command are listed once under `_`.
fn help(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "verbose") => "出错时显示完整的原因链",
        (_, "help") => "显示帮助",
        (_, "version") => "显示版本",
        // parse
        ("parse", "file") => {
            "要解析的通知：纯文本（UTF-8 或 GB18030）、.docx、网页 HTML、PDF 或电子表格"
        }
        ("parse" | "eval", "format") => "输出格式：table（表格）或 json",
        ("parse", "output") => "写入此文件（写完整后才替换），而不是标准输出",
        ("parse", "explain") => {
            "在标准错误上说明选用了哪种版式和编号层级及原因（找不到任务清单时说明尝试过什么）"
        }
        // compare
        ("compare", "upper") => "上级（较高层级）通知",
        ("compare", "lower") => "应当落实上级要求的下级通知",
        ("compare", "overrides") => {
            "审核人员确认或否定的对应关系（TOML，或 TSV：上级序号、下级序号、confirm|reject）；文件头写明的是另一对通知（内容哈希不符）时拒绝使用"
        }
        ("compare", "workspace") => "采用 `policydiff serve` 工作区中对这一对通知所做的复核决定",
        ("compare", "fail_under") => {
            "覆盖率（原文落实 + 改写落实 占上级任务的比例）低于所给百分比（0 到 100）时以退出码 1 结束"
        }
        ("compare", "strict") => {
            "上级通知的层级低于下级通知或日期更新时拒绝（退出码 2）；不加此项时只是警告，显示在标准错误和报告中"
        }
        // eval
        ("eval", "gold") => "标注好的对照文件（TSV，见 tests/data/gold/ANNOTATION.md）",
        ("eval", "upper") => "这对标注通知中的上级通知",
        ("eval", "lower") => "这对标注通知中的下级通知",
        ("eval", "min_f1") => "对应关系 F1 低于此值（0 到 1）时以退出码 1 结束",
        // chain
        ("chain", "notices") => "最上级通知，然后按顺序每一级一份下级通知",
        ("chain", "strict") => {
            "通知顺序不对时拒绝（退出码 2）：某份通知的层级低于或日期新于它下面的一份"
        }
        // coverage
        ("coverage", "inputs") => {
            "先上级通知，再下级通知（文件或存放它们的文件夹）；与 --corpus 同用时只给额外的下级通知"
        }
        ("coverage", "corpus") => "带 corpus.toml 清单的语料文件夹；与 --upper 同用",
        ("coverage", "upper") => {
            "与 --corpus 同用：上级通知的文件名（不含扩展名）；其下级通知是上级链能追溯到它的那些"
        }
        ("coverage", "all_below") => "与 --corpus 同用：取比上级通知低一级的所有通知",
        ("coverage", "jobs") => "工作线程数，1 到 256（默认：全部处理器核心）",
        ("coverage", "strict") => {
            "遇到第一个会被跳过的输入（无法读取、为空、不是通知、与上级通知相同）或层级高于、日期早于上级通知的下级通知时停止（退出码 2）；不加此项时列出它们并照常写报告"
        }
        // serve
        ("serve", "workspace") => "工作区文件夹（不存在时新建）：上传的通知和复核决定的数据库",
        ("serve", "listen") => {
            "在此地址监听（如 0.0.0.0:8080，供多人共用的机器），而不是 127.0.0.1 上的空闲端口；需要 --password 或 POLICYDIFF_PASSWORD"
        }
        ("serve", "password") => {
            "与 --listen 同用时浏览器须输入的密码（HTTP Basic）；未给出时读取环境变量 POLICYDIFF_PASSWORD"
        }
        ("serve", "no_open") => "不在浏览器中打开工作区，只显示其地址",
        ("serve", "lang") => "报告标签的语言：zh（中文）或 en（英文）",
        ("parse" | "eval", "lang") => {
            "表格标签和警告的语言：zh（中文）或 en（英文）；也决定帮助和错误信息的语言"
        }
        // the report arguments of compare, chain and coverage
        (_, "format") => {
            "输出格式：table（终端表格）、json、md（Markdown 报告）、html（独立的网页）、csv（UTF-8 带 BOM，供 Excel 打开）、xlsx（Excel 工作簿）、docx（Word 文档）；默认按 --output 的扩展名推断，否则为 table"
        }
        (_, "output") => "写入此文件（写完整后才替换），而不是标准输出",
        (_, "lang") => {
            "报告标签的语言：zh（中文）或 en（英文）；也决定帮助和错误信息的语言（未给出时按区域设置 LC_ALL、LC_MESSAGES、LANG，英文区域设置用英文，否则用中文）"
        }
        (_, "timestamp") => {
            "在 Markdown 和 HTML 报告中加一行生成时间（默认不加，同样的输入得到逐字节相同的报告）"
        }
        // thresholds
        (_, "link_threshold") => "一对一对应关系的最低得分",
        (_, "extra_link_threshold") => "构成拆分或合并的额外对应关系的最低得分",
        (_, "carried_threshold") => "判为“原文落实”时，上级文字在下级中原样出现的最低比例",
        (_, "phrase_length") => {
            "原样短语的长度：只有一项上级任务和一项下级任务共有这一短语时，把得分判为未落实的上级任务与之对应（0：不用）"
        }
        (_, "lexicon") => {
            "概念词表文件（每行：名称<TAB>上位概念<TAB>词语），在内置的政务公开词表上增加主题和词语"
        }
        // input
        (_, "max_input_size") => "接受的最大输入文件，字节数",
        (_, "input_format") => {
            "按此格式读取输入，而不是根据内容判断：auto（自动）、text（文本）、docx（Word，.doc/.wps 装有 LibreOffice 时转换）、html（网页）、xlsx（任何电子表格：.xlsx、.xls、.ods、WPS .et）、pdf（有文字层的 PDF）"
        }
        _ => return None,
    })
}

/// The default value and the possible values of an argument in Chinese, for its help
/// line (clap's own `[default: …]` and `[possible values: …]` are hidden in Chinese help).
fn values_note(arg: &Arg) -> String {
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && arg.get_num_args().is_none_or(|n| n.takes_values()) {
        notes.push(format!("默认：{}", defaults.join("、")));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() && arg.get_action().takes_values() {
        notes.push(format!("可选：{}", possible.join("、")));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!("（{}）", notes.join("；"))
    }
}

/// The placeholder of an argument's value in Chinese (`<文件>` for `<FILE>`): by its value
/// name, or its id for a positional argument without one.
fn value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "FILE" => "文件",
        "DIR" => "文件夹",
        "NOTICE" => "通知",
        "UPPER" => "上级通知",
        "LOWER" => "下级通知",
        "GOLD" => "标注文件",
        "PCT" => "百分比",
        "SCORE" => "得分",
        "SHARE" => "比例",
        "CHARS" => "字数",
        "BYTES" => "字节数",
        "ADDR" => "地址",
        "PASSWORD" => "密码",
        "WORKSPACE" => "工作区",
        "STEM" => "文件名",
        "FORMAT" | "INPUT_FORMAT" => "格式",
        "LANG" => "语言",
        "F1" | "MIN_F1" => "F1",
        "N" | "JOBS" => "N",
        _ => return None,
    })
}

/// One argument in Chinese: its help from the table (with its values), under 参数 or 选项.
/// Arguments under a heading of one's own are listed in display order, so the positional
/// ones get theirs from `position` (their order on the command line).
fn arg(command: &str, arg: Arg, position: &mut usize) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let arg = match help(command, &id) {
        Some(text) => {
            let note = values_note(&arg);
            let takes_values = arg.get_action().takes_values();
            arg.help(format!("{text}{note}"))
                .long_help(clap::builder::Resettable::<clap::builder::StyledStr>::Reset)
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values)
        }
        None => arg,
    };
    let arg = if arg.is_positional() {
        *position += 1;
        arg.display_order(*position)
    } else {
        arg
    };
    // The value's placeholder: its value name, else (a positional argument) its id.
    let shown = match arg.get_value_names() {
        Some([first, ..]) => Some(first.to_string()),
        _ => arg
            .get_action()
            .takes_values()
            .then(|| id.to_ascii_uppercase()),
    };
    let arg = match shown.as_deref().and_then(value_name) {
        Some(zh) => arg.value_name(zh),
        None => arg,
    };
    arg.help_heading(heading)
}

/// The usage line of a built command in Chinese: clap's, without its `Usage:` heading, with
/// `[选项]` for `[OPTIONS]` and `[命令]` for `[COMMAND]` (the argument placeholders are
/// Chinese already, [`value_name`]).
fn usage_zh(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    usage
        .trim_start_matches("Usage:")
        .trim_start()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]")
}

/// The `help` subcommand clap adds (once the command is built) and the usage lines, in
/// Chinese: its description, its argument's, and every command's usage.
fn finish(mut cmd: Command) -> Command {
    cmd.build();
    let usage = usage_zh(&mut cmd);
    cmd = cmd.override_usage(usage);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |mut s| {
            if sub == "help" {
                s = s
                    .help_template(TEMPLATE)
                    .subcommand_help_heading("命令")
                    .subcommand_value_name("命令")
                    .about(about("help").unwrap_or_default())
                    .mut_args(|a| {
                        a.help("要显示帮助的命令")
                            .value_name("命令")
                            .help_heading("参数")
                    });
                // Its own `help` subcommand, in the expanded tree the build makes.
                if s.find_subcommand("help").is_some() {
                    s = s.mut_subcommand("help", |h| {
                        h.help_template(TEMPLATE)
                            .about(about("help").unwrap_or_default())
                    });
                }
            }
            let usage = usage_zh(&mut s);
            s.override_usage(usage)
        });
    }
    cmd
}

/// `cmd` (a command named `name`, and its subcommands) with Chinese help.
fn command(name: &str, cmd: Command) -> Command {
    let mut position = 0;
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        )
        .mut_args(|a| arg(name, a, &mut position));
    if let Some(text) = about(name) {
        cmd = cmd
            .about(text)
            .long_about(clap::builder::Resettable::<clap::builder::StyledStr>::Reset);
    }
    if name == "policydiff" {
        cmd = cmd
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version),
            )
            .mut_args(|a| arg(name, a, &mut 0)) // no positional arguments at the top
            .after_help("退出码：0 成功；1 检查未通过（eval --min-f1、compare --fail-under）；2 输入或用法错误。");
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| command(&sub, s));
    }
    cmd
}

/// The whole command line with Chinese help texts.
pub fn localise(cmd: Command) -> Command {
    finish(command("policydiff", cmd))
}

/// A clap usage error in Chinese, on one line: what is wrong and with which argument.
pub fn usage_error(e: &clap::Error) -> String {
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (arg, value) = (ctx(ContextKind::InvalidArg), ctx(ContextKind::InvalidValue));
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("未知的命令 {}", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("{arg} 的值“{value}”无效")
            } else {
                format!("{arg} 的值“{value}”无效（可选：{valid}）")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| match s.downcast_ref::<super::ValueError>() {
                    Some(v) => format!("：{}", v.zh()),
                    None => format!("：{s}"),
                })
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg} 不能与 {} 同时使用", ctx(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::NoEquals => format!("{arg} 的值须用 = 连接"),
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    format!("{what}（policydiff --help 显示用法）")
}
