//! A command's error as one line in the report's language: the typed errors of
//! [`crate::run::Error`] worded here, at the edge, as the warnings are in
//! [`crate::report::describe`]. English is the errors' own `Display`; Chinese is worded
//! here for the errors a user meets reading notices and writing reports (a file missing,
//! unreadable, empty, too large, of an unsupported kind, with no task list; a report that
//! cannot be written; the side files: overrides, gold, lexicon, workspace store, corpus
//! manifest; the inputs of a coverage run and the ones it skipped; a failed check). What
//! stays English under a Chinese lead, always after our own words: the system's words for
//! an I/O error of a kind not worded here, the words of the TOML reader, SQLite, the
//! thread pool and the PDF library (in brackets), and the readers' own account of what
//! is damaged in a file they cannot read (after `不是可读的 … 文件：`).

use std::io;

use crate::LoadError;
use crate::align::{AlignError, OverrideError, OverrideProblem};
use crate::coverage::InputsError;
use crate::eval::{GoldError, GoldProblem};
use crate::ingest::IngestError;
use crate::lexicon::concepts::{LexiconError, LexiconProblem};
use crate::manifest::{ManifestError, ManifestProblem};
use crate::parse::ParseError;
use crate::report::{Lang, ReportError};
use crate::run::{CheckFailed, Error};
use crate::serve::store::StoreError;

/// `error` worded in `lang`, one line naming the file it is about.
pub fn error(error: &Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Zh => zh(error),
    }
}

fn zh(error: &Error) -> String {
    match error {
        Error::Load(LoadError::Ingest(e)) => ingest(e),
        Error::Load(LoadError::Parse(e)) => parse(e),
        Error::Report(e) => report(e),
        Error::Stdout(e) => format!("无法写入标准输出：{}", io_words(e)),
        Error::Strict(why) => format!("{}（因 --strict 而停止）", why.words(Lang::Zh)),
        Error::Overrides(e) => overrides(e),
        Error::Gold(e) => gold(e),
        Error::Lexicon(e) => lexicon(e),
        Error::Store(e) => store(e),
        Error::Align(e) => align(e),
        Error::Inputs(e) => inputs(e),
        Error::ThreadPool(e) => format!("无法启动工作线程（{e}）"),
    }
}

fn status_zh(s: Option<crate::model::Status>) -> &'static str {
    s.map_or("无", |s| s.zh())
}

fn overrides(e: &OverrideError) -> String {
    match e {
        OverrideError::Io { path, source } => {
            format!("{path}：无法读取复核决定文件：{}", io_words(source))
        }
        OverrideError::Invalid { path, problem } => {
            format!("{path}：复核决定文件有误：{}", override_problem(problem))
        }
        OverrideError::OtherPair { path, file, actual } => format!(
            "{path}：这些复核决定是为另一对通知做的：文件写明上级 {}、下级 {}，本次对照的是上级 {}、下级 {}",
            file.0, file.1, actual.0, actual.1
        ),
    }
}

fn override_problem(p: &OverrideProblem) -> String {
    let line = |l: usize| format!("第 {l} 行：");
    match p {
        OverrideProblem::Toml { at, detail } => format!(
            "{}不是有效的复核决定 TOML（{detail}）",
            at.map(|(l, c)| format!("第 {l} 行第 {c} 列："))
                .unwrap_or_default()
        ),
        OverrideProblem::Columns { line: l } => {
            format!("{}应为“上级序号<TAB>下级序号<TAB>confirm|reject”", line(*l))
        }
        OverrideProblem::Action { line: l, found } => {
            format!("{}操作须为 confirm 或 reject，不能是“{found}”", line(*l))
        }
        OverrideProblem::Status { line: l, found } => format!(
            "{}状态须为 carried（原文落实）或 reworded（改写落实），不能是“{found}”",
            l.map(line).unwrap_or_default()
        ),
        OverrideProblem::Both { upper, lower } => {
            format!("上级 {upper} / 下级 {lower} 既被确认又被否定")
        }
        OverrideProblem::Twice {
            upper,
            lower,
            first,
            second,
        } => format!(
            "上级 {upper} / 下级 {lower} 被确认了两次，状态不同（{}和{}）",
            status_zh(*first),
            status_zh(*second)
        ),
        OverrideProblem::UnknownId { upper: true, id } => {
            format!("上级序号“{id}”不是上级通知中的任务")
        }
        OverrideProblem::UnknownId { upper: false, id } => {
            format!("下级序号“{id}”不是下级通知中的任务")
        }
    }
}

fn gold(e: &GoldError) -> String {
    match e {
        GoldError::Io { path, source } => {
            format!("{path}：无法读取标注文件：{}", io_words(source))
        }
        GoldError::Invalid {
            path,
            line,
            problem,
        } => {
            let what = match problem {
                GoldProblem::Columns => "应为以制表符分隔的上级键、下级键和标签",
                GoldProblem::Label => {
                    "标签须为 carried、reworded、dropped 或 added（原文落实、改写落实、未落实、新增）"
                }
            };
            format!("{path}：第 {line} 行：{what}")
        }
    }
}

fn lexicon(e: &LexiconError) -> String {
    match e {
        LexiconError::Read { path, source } => {
            format!("{path}：无法读取概念词表：{}", io_words(source))
        }
        LexiconError::Line {
            path,
            line,
            problem,
        } => {
            let what = match problem {
                LexiconProblem::NotUtf8 => "词表不是 UTF-8 文本".to_string(),
                LexiconProblem::Fields(n) => {
                    format!("应为“名称<TAB>上位概念<TAB>词语”三栏，却有 {n} 栏")
                }
                LexiconProblem::NoName => "概念没有名称".to_string(),
                LexiconProblem::UnknownParent(p) => format!("上位概念“{p}”未在前面的行中定义"),
                LexiconProblem::OwnParent(n) => format!("“{n}”不能是自己的上位概念"),
                LexiconProblem::TooLarge => format!(
                    "概念超过 {} 个或词语超过 {} 个",
                    crate::lexicon::concepts::MAX_CONCEPTS,
                    crate::lexicon::concepts::MAX_TERMS
                ),
            };
            format!("{path}：第 {line} 行：{what}")
        }
    }
}

fn store(e: &StoreError) -> String {
    match e {
        StoreError::NotWorkspace { path } => format!(
            "{path}：不是 policydiff 工作区（其中没有 {}；`policydiff serve` 会新建一个）",
            crate::serve::store::DB_FILE
        ),
        StoreError::Sql { path, source } => format!("{path}：工作区数据库出错（{source}）"),
        StoreError::Io { path, source } => {
            format!("{path}：无法建立工作区：{}", io_words(source))
        }
    }
}

fn align(e: &AlignError) -> String {
    match e {
        AlignError::TooLarge {
            upper,
            lower,
            pairs,
        } => format!(
            "{upper} × {lower}：要比较的任务对太多（{pairs} 对，上限 {}）",
            crate::align::MAX_PAIRS
        ),
        AlignError::TooLong {
            upper,
            lower,
            chars,
        } => format!(
            "{upper} × {lower}：要比较的任务文字太多（{chars} 字，上限 {}）",
            crate::align::MAX_TASK_CHARS
        ),
    }
}

fn inputs(e: &InputsError) -> String {
    match e {
        InputsError::Dir { path, source } => {
            format!("{path}：无法列出文件夹内容：{}", io_words(source))
        }
        InputsError::NoUpper => {
            "coverage 需要上级通知和下级通知，或 --corpus 文件夹加 --upper 文件名".to_string()
        }
        InputsError::NoLowers { path } => format!("{path}：没有可对照的下级通知"),
        InputsError::Manifest(e) => manifest(e),
    }
}

fn manifest(e: &ManifestError) -> String {
    match e {
        ManifestError::Io { path, source } => {
            format!("{path}：无法读取语料清单：{}", io_words(source))
        }
        ManifestError::Invalid {
            path,
            problem: ManifestProblem::Toml { at, detail },
        } => format!(
            "{path}：语料清单有误：{}不是有效的语料清单 TOML（{detail}）",
            at.map(|(l, c)| format!("第 {l} 行第 {c} 列："))
                .unwrap_or_default()
        ),
        ManifestError::Invalid {
            path,
            problem: ManifestProblem::UnknownLevel { file, level },
        } => format!(
            "{path}：语料清单有误：{file} 的层级“{level}”无法识别（应为 national、province、city、county 或 township）"
        ),
        ManifestError::Unknown { path, stem } => {
            format!("{path}：语料清单中没有通知“{stem}”")
        }
    }
}

/// An I/O error in Chinese: its kind, when it is one a user meets; else the system's own
/// words.
fn io_words(e: &io::Error) -> String {
    let kind = match e.kind() {
        io::ErrorKind::NotFound => "文件不存在",
        io::ErrorKind::PermissionDenied => "没有权限",
        io::ErrorKind::InvalidData => "数据无效",
        io::ErrorKind::StorageFull => "磁盘已满",
        io::ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        io::ErrorKind::BrokenPipe => "管道已关闭",
        _ => return format!("{e}"),
    };
    kind.to_string()
}

/// What kind of file something that is not a regular file is (`a named pipe (FIFO)`).
fn kind_words(kind: &str) -> &str {
    match kind {
        "a directory" => "文件夹",
        "a named pipe (FIFO)" | "a named pipe" => "命名管道（FIFO）",
        "a socket" => "套接字",
        "a character device" => "字符设备",
        "a block device" => "块设备",
        other => other,
    }
}

fn ingest(e: &IngestError) -> String {
    match e {
        IngestError::Io { path, source } => format!("{path}：无法读取：{}", io_words(source)),
        IngestError::IsDirectory { path } => format!("{path}：是文件夹，不是通知文件"),
        IngestError::NotRegular { path, kind } => {
            format!("{path}：是{}，不是通知文件", kind_words(kind))
        }
        IngestError::Empty { path } => format!("{path}：文件为空"),
        IngestError::Blank { path } => format!("{path}：文件只有空白字符"),
        IngestError::TooLarge { path, size, limit } => {
            format!("{path}：文件过大（{size} 字节，上限 {limit} 字节，见 --max-input-size）")
        }
        IngestError::TooLargeRead { path, limit } => {
            format!("{path}：文件过大（超过 {limit} 字节，见 --max-input-size）")
        }
        IngestError::Unsupported { path, what } => format!(
            "{path}：不支持{}；policydiff 读取纯文本（UTF-8 或 GB18030）、Word .docx（装有 LibreOffice 时也读 .doc）、网页 HTML、有文字层的 PDF 和电子表格：请另存为 .docx 或文本后重试",
            what_words(what)
        ),
        IngestError::NeedsOcr { path, what, reason } => format!(
            "{path}：{}：需用文字识别（OCR）引擎读取，但未安装（{reason}）；请运行 scripts/install-ocr.sh（见 README「Scanned notices」），或改用通知的文本、.docx 或有文字层的 PDF",
            what_words(what)
        ),
        IngestError::NeedsLibreOffice { path, what } => format!(
            "{path}：{}：需用 LibreOffice 转换，但未安装（PATH 中没有 soffice 或 libreoffice）；请在 Word 或 WPS 中另存为 .docx，或安装 LibreOffice 后重试",
            what_words(what)
        ),
        IngestError::Conversion { path, reason } => {
            format!("{path}：无法转换这份旧版 Word 文档：{reason}")
        }
        IngestError::Binary { path, what } => {
            format!(
                "{path}：是二进制数据，不是文本通知（发现{}）",
                what_words(what)
            )
        }
        IngestError::NoTextLayer { path } => format!(
            "{path}：PDF 既无文字层，也无可识别的页面图像：请使用有文字的 PDF，或通知的文本、.docx"
        ),
        IngestError::Malformed {
            path,
            format,
            reason,
        } => format!("{path}：不是可读的{}文件：{reason}", format_words(format)),
    }
}

/// What the readers found a file to be (`an RTF document`, `12 NUL bytes in the first
/// 4096 bytes`), in Chinese; as they said it when it is none of those.
fn what_words(what: &str) -> String {
    let zh = match what {
        "an RTF document" => "RTF 文档",
        "a GIF image" => "GIF 图像",
        "gzip data" => "gzip 压缩数据",
        "an executable" => "可执行程序",
        "an old Office (OLE compound) file that is neither a Word document nor a workbook" => {
            "既非 Word 文档也非电子表格的旧版 Office（OLE 复合文档）文件"
        }
        "an old binary Word (.doc) or WPS (.wps) document" => {
            "旧版二进制 Word（.doc）或 WPS（.wps）文档"
        }
        "a page image" => "页面图像",
        "a scanned PDF (no text layer)" => "扫描版 PDF（无文字层）",
        other => {
            // `{n} NUL bytes in the first {m} bytes`
            let nuls = other
                .strip_suffix(" bytes")
                .and_then(|o| o.split_once(" NUL bytes in the first "));
            return match nuls {
                Some((n, m)) => format!("前 {m} 字节中有 {n} 个 NUL 字节"),
                None => other.to_string(),
            };
        }
    };
    zh.to_string()
}

/// A kind of file as the readers name it, in Chinese (`Word .docx` → `Word .docx `).
fn format_words(format: &str) -> String {
    let zh = match format {
        "spreadsheet workbook" => "电子表格",
        "image" => "图像",
        "scanned" => "扫描件",
        "old Office (OLE compound)" => "旧版 Office（OLE 复合文档）",
        "input" | "text" => "文本",
        "Word" => "Word ",
        other => return format!(" {other} "),
    };
    zh.to_string()
}

/// A skipped input of a coverage run as one line naming it, in `lang`.
pub fn skipped(f: &crate::model::Failure, lang: Lang) -> String {
    use crate::model::SkipReason as R;
    let path = f.source.clone();
    let load = |e: IngestError| error(&Error::Load(LoadError::Ingest(e)), lang);
    let zh = lang == Lang::Zh;
    match &f.reason {
        R::Unreadable { kind, detail } => load(IngestError::Io {
            path,
            source: io::Error::new(io_kind(kind), detail.clone()),
        }),
        R::NotAFile { kind } if zh => format!("{path}：是{}，不是通知文件", kind_words(kind)),
        R::NotAFile { kind } => format!("{path}: is {kind}, not a notice file"),
        R::Empty => load(IngestError::Empty { path }),
        R::Blank => load(IngestError::Blank { path }),
        R::TooLarge {
            size: Some(size),
            limit,
        } => load(IngestError::TooLarge {
            path,
            size: *size,
            limit: *limit,
        }),
        R::TooLarge { size: None, limit } => load(IngestError::TooLargeRead {
            path,
            limit: *limit,
        }),
        R::Unsupported { what } => load(IngestError::Unsupported {
            path,
            what: what.clone(),
        }),
        R::Binary { what } => load(IngestError::Binary {
            path,
            what: what.clone(),
        }),
        R::NeedsLibreOffice { what } => load(IngestError::NeedsLibreOffice {
            path,
            what: what.clone(),
        }),
        R::ConversionFailed { detail } => load(IngestError::Conversion {
            path,
            reason: detail.clone(),
        }),
        R::NeedsOcr { what, detail } => load(IngestError::NeedsOcr {
            path,
            what: what.clone(),
            reason: detail.clone(),
        }),
        R::NoTextLayer => load(IngestError::NoTextLayer { path }),
        R::Damaged { format, detail } if zh => {
            format!("{path}：不是可读的{}文件：{detail}", format_words(format))
        }
        R::Damaged { format, detail } => {
            format!("{path}: not a readable {format} file: {detail}")
        }
        R::NoTasks => error(
            &Error::Load(LoadError::Parse(ParseError::NoTasks { path })),
            lang,
        ),
        R::EmptyTable { header } => error(
            &Error::Load(LoadError::Parse(ParseError::EmptyTable {
                path,
                header: header.clone(),
            })),
            lang,
        ),
        R::SameTasks { upper } if zh => {
            format!("{path}：任务与上级通知 {upper} 相同，不是下级通知")
        }
        R::SameTasks { upper } => {
            format!("{path}: the same tasks as the upper notice {upper}, so not a lower notice")
        }
        R::TooManyPairs { pairs, limit } if zh => {
            format!("{path}：要比较的任务对太多（{pairs} 对，上限 {limit}）")
        }
        R::TooManyPairs { pairs, limit } => {
            format!("{path}: too many task pairs to compare ({pairs}; the limit is {limit})")
        }
        R::TooMuchText { chars, limit } if zh => {
            format!("{path}：要比较的任务文字太多（{chars} 字，上限 {limit}）")
        }
        R::TooMuchText { chars, limit } => format!(
            "{path}: too much task text to compare ({chars} characters; the limit is {limit})"
        ),
        R::Failed { detail } if zh => format!("{path}：处理这份通知时出错（{detail}）"),
        R::Failed { detail } => format!("{path}: failed on this notice ({detail})"),
        R::DanglingLink if zh => format!("{path}：是指向不存在文件的符号链接"),
        R::DanglingLink => format!("{path}: is a symbolic link to a file that does not exist"),
        R::NotANotice if zh => format!(
            "{path}：不是 policydiff 读取的通知文件（读取 .{}）",
            crate::coverage::NOTICE_EXTENSIONS.join("、.")
        ),
        R::NotANotice => format!(
            "{path}: not a notice policydiff reads (it reads .{})",
            crate::coverage::NOTICE_EXTENSIONS.join(", .")
        ),
        R::OwnReport { format } if zh => {
            format!(
                "{path}：是 policydiff 写出的 {}，不是通知；已略过",
                report_words(format)
            )
        }
        R::OwnReport { format } => {
            format!("{path}: {format} written by policydiff, not a notice; ignored")
        }
    }
}

/// A kind of report as `ingest::own::report_kind` names it, in Chinese.
fn report_words(kind: &str) -> &str {
    match kind {
        "an Excel report" => "Excel 报告",
        "a Word report" => "Word 报告",
        "an HTML report" => "HTML 报告",
        other => other,
    }
}

/// The kind of I/O error a [`crate::model::SkipReason::Unreadable`] names (`NotFound` …).
fn io_kind(kind: &str) -> io::ErrorKind {
    use io::ErrorKind as K;
    [
        K::NotFound,
        K::PermissionDenied,
        K::InvalidData,
        K::StorageFull,
        K::ReadOnlyFilesystem,
        K::BrokenPipe,
        K::IsADirectory,
        K::Interrupted,
        K::TimedOut,
    ]
    .into_iter()
    .find(|k| format!("{k:?}") == kind)
    .unwrap_or(K::Other)
}

fn parse(e: &ParseError) -> String {
    match e {
        ParseError::NoTasks { path } => format!(
            "{path}：未找到任务清单（查找了有编号要求行的表格，或（一）、1.、① 等编号条目；`policydiff parse --explain` 显示尝试过的做法）"
        ),
        ParseError::EmptyTable { path, header } => format!(
            "{path}：未找到任务清单：任务表有列标题（{header}），但单元格中没有要求文字（网页丢失了表格内容；请把原件另存为 .docx 或文本后重试）"
        ),
    }
}

fn report(e: &ReportError) -> String {
    match e {
        ReportError::Write { path, source } => {
            format!("{path}：无法写入报告：{}", io_words(source))
        }
        ReportError::MissingDir { path } => format!("{path}：文件夹不存在"),
        ReportError::WouldOverwriteInput { path, input } => {
            format!("{path}：不覆盖输入文件（本次运行读取 {input}）")
        }
        ReportError::NotRegular { path, what } => {
            format!("{path}：不把报告写在非普通文件上（{}）", kind_words(what))
        }
    }
}

/// A failed check (`compare --fail-under`, `eval --min-f1`) in `lang`.
pub fn check_failed(check: &CheckFailed, lang: Lang) -> String {
    match (check, lang) {
        (_, Lang::En) => check.to_string(),
        (CheckFailed::Coverage { coverage, min }, Lang::Zh) => {
            format!("覆盖率 {coverage:.1}% 低于 --fail-under 要求的 {min}%")
        }
        (CheckFailed::LinkF1 { f1, min }, Lang::Zh) => {
            format!("对应关系 F1 为 {f1:.3}，低于 --min-f1 要求的 {min}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_are_worded_in_both_languages() {
        let e = Error::Load(LoadError::Ingest(IngestError::Io {
            path: "上级.txt".into(),
            source: io::Error::from(io::ErrorKind::NotFound),
        }));
        assert!(error(&e, Lang::Zh).starts_with("上级.txt：无法读取：文件不存在"));
        assert!(error(&e, Lang::En).starts_with("上级.txt: cannot read:"));
    }

    #[test]
    fn notices_without_tasks_are_worded_in_chinese() {
        let e = Error::Load(LoadError::Parse(ParseError::NoTasks {
            path: "n.txt".into(),
        }));
        let zh = error(&e, Lang::Zh);
        assert!(zh.starts_with("n.txt：未找到任务清单"), "{zh}");
        assert!(!zh.contains('\n'));
    }
}
