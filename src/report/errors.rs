//! A command's error as one line in the report's language: the typed errors of
//! [`crate::run::Error`] worded here, at the edge, as the warnings are in
//! [`crate::report::describe`]. English is the errors' own `Display`; Chinese is worded
//! here for the errors a user meets reading notices and writing reports (a file missing,
//! unreadable, empty, too large, of an unsupported kind, with no task list; a report that
//! cannot be written). Errors of side files (overrides, gold, lexicon, workspace store)
//! keep their English wording after a Chinese lead, so that no message loses its detail.

use std::io;

use crate::LoadError;
use crate::ingest::IngestError;
use crate::parse::ParseError;
use crate::report::{Lang, ReportError};
use crate::run::Error;

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
        Error::Strict(why) => format!("{why}（因 --strict 而停止）"),
        other => format!("无法完成：{other}"),
    }
}

/// An I/O error's kind in Chinese, the system's own words after it.
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
    format!("{kind}（{e}）")
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
            "{path}：不支持{what}；policydiff 读取纯文本（UTF-8 或 GB18030）、Word .docx（装有 LibreOffice 时也读 .doc）、网页 HTML、有文字层的 PDF 和电子表格：请另存为 .docx 或文本后重试"
        ),
        IngestError::NeedsOcr { path, what, reason } => format!(
            "{path}：{what}：需用文字识别（OCR）引擎读取，但未安装（{reason}）；请运行 scripts/install-ocr.sh（见 README「Scanned notices」），或改用通知的文本、.docx 或有文字层的 PDF"
        ),
        IngestError::NeedsLibreOffice { path, what } => format!(
            "{path}：{what}：需用 LibreOffice 转换，但未安装（PATH 中没有 soffice 或 libreoffice）；请在 Word 或 WPS 中另存为 .docx，或安装 LibreOffice 后重试"
        ),
        IngestError::Conversion { path, reason } => {
            format!("{path}：无法转换这份旧版 Word 文档：{reason}")
        }
        IngestError::Binary { path, what } => {
            format!("{path}：是二进制数据，不是文本通知（发现{what}）")
        }
        IngestError::NoTextLayer { path } => format!(
            "{path}：PDF 既无文字层，也无可识别的页面图像：请使用有文字的 PDF，或通知的文本、.docx"
        ),
        IngestError::Malformed {
            path,
            format,
            reason,
        } => format!("{path}：不是可读的 {format} 文件：{reason}"),
    }
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
