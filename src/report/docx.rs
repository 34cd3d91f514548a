//! Word documents (`.docx`), the auditors' own working-paper format: a title, both notices'
//! metadata, the memo paragraph, the summary, the 未落实 list with full text, 牵头单位 and
//! nearest lower task, the 待核实 list and the per-task table (portrait A4, its header row
//! repeated on every page, page numbers in the footer); for a chain the levels, the memo
//! with the end-to-end figure and the lineage table; for a coverage run the localities and
//! the tasks nobody carried first.
//!
//! The OOXML is written here by hand (a handful of fixed parts and one `document.xml`)
//! into a zip archive with the `zip` crate the reader side already uses: the document
//! needs no feature a library would add, and writing it keeps every byte reproducible
//! (fixed dates in the archive and the core properties). Every notice text is XML-escaped
//! and stripped of the control characters XML 1.0 cannot hold ([`xml_text`]).

use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::model::{Alignment, Chain, Coverage, Status, Warning};
use crate::report::captions;
use crate::report::rows::rows;
use crate::report::view;
use crate::report::{Lang, RenderOptions, Renderer, describe, report_label};

/// The Word renderer.
pub struct Docx;

impl Renderer for Docx {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let title = title_of_compare(a, opts.lang);
        out.write_all(&package(&compare_body(a, opts), &title, opts.lang)?)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let title = title_of_chain(c, opts.lang);
        out.write_all(&package(&chain_body(c, opts), &title, opts.lang)?)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let title = title_of_coverage(c, opts.lang);
        out.write_all(&package(&coverage_body(c, opts), &title, opts.lang)?)
    }
}

/// The text width of a portrait A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11_906 - 2 * 1_134;

/// Text as XML character data: escaped, and without the characters XML 1.0 forbids
/// (control characters other than tab and line breaks, which the callers turn into
/// `<w:tab/>` and `<w:br/>`).
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One run of text (`<w:r>`), bold or not, its line breaks as `<w:br/>`.
fn run(text: &str, bold: bool) -> String {
    let mut out = String::from("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", xml_text(piece));
            }
        }
    }
    out.push_str("</w:r>");
    out
}

/// A table cell: its width, its text (bold or not), a shading colour.
struct Cell {
    text: String,
    bold: bool,
    fill: Option<&'static str>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        bold: false,
        fill: None,
    }
}

/// The background of a status cell: the HTML report's light colours.
fn status_fill(s: Status) -> &'static str {
    match s {
        Status::Carried => "E8F5E9",
        Status::Reworded => "E3F2FD",
        Status::Dropped => "FFEBEE",
        Status::Added => "FFF3E0",
    }
}

fn status_cell(s: Status, lang: Lang) -> Cell {
    Cell {
        text: report_label(s, lang),
        bold: false,
        fill: Some(status_fill(s)),
    }
}

/// The body of `word/document.xml`, paragraph by paragraph.
#[derive(Default)]
struct Body {
    xml: String,
}

impl Body {
    fn styled(&mut self, style: &str, text: &str) {
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
            run(text, false)
        );
    }
    fn title(&mut self, text: &str) {
        self.styled("Title", text);
    }
    fn h1(&mut self, text: &str) {
        self.styled("Heading1", text);
    }
    fn para(&mut self, text: &str) {
        self.runs(&[(text, false)]);
    }
    /// A paragraph of runs, each bold or not.
    fn runs(&mut self, runs: &[(&str, bool)]) {
        self.xml.push_str("<w:p>");
        for (t, b) in runs {
            self.xml.push_str(&run(t, *b));
        }
        self.xml.push_str("</w:p>");
    }
    /// The memo: a shaded, bordered paragraph.
    fn memo(&mut self, text: &str) {
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"Memo\"/></w:pPr>{}</w:p>",
            run(text, false)
        );
    }
    fn bullet(&mut self, text: &str) {
        self.runs(&[("• ", false), (text, false)]);
    }
    /// A table with a header row repeated on every page; `widths` in twentieths of a point.
    fn table(&mut self, widths: &[u32], header: &[&str], rows: &[Vec<Cell>]) {
        let total: u32 = widths.iter().sum();
        let _ = write!(
            self.xml,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        );
        for w in widths {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (h, w) in header.iter().zip(widths) {
            self.cell(
                *w,
                &Cell {
                    text: h.to_string(),
                    bold: true,
                    fill: Some("E7ECF3"),
                },
            );
        }
        self.xml.push_str("</w:tr>");
        for row in rows {
            self.xml.push_str("<w:tr>");
            for (c, w) in row.iter().zip(widths) {
                self.cell(*w, c);
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl><w:p/>");
    }
    fn cell(&mut self, width: u32, c: &Cell) {
        let _ = write!(
            self.xml,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        );
        if let Some(fill) = c.fill {
            let _ = write!(
                self.xml,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        let _ = write!(
            self.xml,
            "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"Cell\"/></w:pPr>{}</w:p></w:tc>",
            run(&c.text, c.bold)
        );
    }
    fn warnings(&mut self, warnings: &[Warning], lang: Lang) {
        if warnings.is_empty() {
            return;
        }
        self.h1(&format!("⚠ {}", describe::warnings_heading(lang)));
        for w in describe::warnings(warnings, lang) {
            self.bullet(&w);
        }
    }
    fn timestamp(&mut self, opts: &RenderOptions) {
        if let Some(ts) = &opts.timestamp {
            self.para(&format!(
                "{}{}{ts}",
                captions::of(opts.lang).generated,
                captions::of(opts.lang).colon
            ));
        }
    }
}

fn title_of_compare(a: &Alignment, lang: Lang) -> String {
    format!(
        "{}{}{} → {}",
        captions::of(lang).implementation_comparison,
        captions::of(lang).colon,
        describe::heading(&a.upper),
        describe::heading(&a.lower)
    )
}

fn title_of_chain(c: &Chain, lang: Lang) -> String {
    let names: Vec<String> = c.notices.iter().map(describe::heading).collect();
    format!(
        "{}{}{}",
        captions::of(lang).implementation_down_the_levels,
        captions::of(lang).colon,
        names.join(" → ")
    )
}

fn title_of_coverage(c: &Coverage, lang: Lang) -> String {
    format!(
        "{}{}{}",
        captions::of(lang).coverage_across_localities,
        captions::of(lang).colon,
        describe::heading(&c.upper)
    )
}

/// Splits the text width into columns: `fixed` widths, the rest shared by the `None`s.
fn widths(cols: &[Option<u32>]) -> Vec<u32> {
    let fixed: u32 = cols.iter().flatten().sum();
    let free = cols.iter().filter(|c| c.is_none()).count().max(1) as u32;
    let share = TEXT_WIDTH.saturating_sub(fixed) / free;
    cols.iter().map(|c| c.unwrap_or(share)).collect()
}

fn compare_body(a: &Alignment, opts: &RenderOptions) -> String {
    let lang = opts.lang;
    let colon = captions::of(lang).colon;
    let (open, close) = (captions::of(lang).open, captions::of(lang).close);
    let mut b = Body::default();
    b.title(&title_of_compare(a, lang));
    b.table(
        &widths(&[Some(1_700), None, None]),
        &[
            "",
            captions::of(lang).upper_notice,
            captions::of(lang).lower_notice,
        ],
        &describe::meta_rows(a, lang)
            .into_iter()
            .map(|(c, u, l)| {
                vec![
                    Cell {
                        text: c.to_string(),
                        bold: true,
                        fill: None,
                    },
                    cell(u),
                    cell(l),
                ]
            })
            .collect::<Vec<_>>(),
    );
    b.timestamp(opts);
    b.warnings(&a.warnings, lang);
    b.h1(view::memo_heading(lang));
    b.memo(&view::compare_memo(a, lang));

    // The summary.
    let s = &a.summary;
    b.h1(captions::of(lang).summary);
    b.table(
        &widths(&[None, Some(1_500), Some(1_500), Some(1_500), Some(1_500)]),
        &[
            captions::of(lang).upper_section,
            captions::of(lang).upper_tasks,
            &report_label(Status::Carried, lang),
            &report_label(Status::Reworded, lang),
            &report_label(Status::Dropped, lang),
        ],
        &std::iter::once(vec![
            Cell {
                text: format!(
                    "{}{open}{} {:.1}%{close}",
                    captions::of(lang).all,
                    captions::of(lang).coverage,
                    s.coverage_pct
                ),
                bold: true,
                fill: None,
            },
            cell(s.upper_tasks.to_string()),
            cell(s.carried.to_string()),
            cell(s.reworded.to_string()),
            cell(s.dropped.to_string()),
        ])
        .chain(s.sections.iter().map(|sec| {
            vec![
                cell(format!(
                    "{}{open}{:.1}%{close}",
                    describe::section_name(&sec.section, lang),
                    sec.coverage_pct
                )),
                cell(sec.upper_tasks.to_string()),
                cell(sec.carried.to_string()),
                cell(sec.reworded.to_string()),
                cell(sec.dropped.to_string()),
            ]
        }))
        .collect::<Vec<_>>(),
    );
    b.para(&match lang {
        Lang::Zh => format!(
            "下级通知共{}项任务，其中新增{}项；{}条对应关系。",
            s.lower_tasks, s.added, s.links
        ),
        Lang::En => format!(
            "The lower notice has {} tasks, {} of them added; {} links.",
            s.lower_tasks, s.added, s.links
        ),
    });

    // 未落实清单, each with its full text.
    let dropped = view::dropped(a);
    b.h1(&format!(
        "{}{open}{}{close}",
        captions::of(lang).dropped_upper_tasks,
        dropped.len()
    ));
    if dropped.is_empty() {
        b.para(captions::of(lang).none);
    }
    for d in &dropped {
        let mut head = format!("{} {}", captions::of(lang).upper_task, d.id);
        if !d.section.is_empty() {
            head.push_str(" · ");
            head.push_str(&d.section);
        }
        if d.review {
            head.push(' ');
            head.push_str(describe::review_label(lang));
        }
        b.runs(&[(&head, true)]);
        b.para(&d.text);
        b.runs(&[
            (&format!("{}{colon}", captions::of(lang).lead_units), true),
            (&d.units, false),
            (
                &format!(
                    "{}{}{colon}",
                    captions::of(lang).semicolon,
                    captions::of(lang).deadline
                ),
                true,
            ),
            (&d.deadline, false),
        ]);
        let nearest = match &d.nearest {
            Some((id, score, text)) => format!(
                "{} {id}{open}{} {}{close}{colon}{text}",
                captions::of(lang).lower_word,
                captions::of(lang).score,
                describe::score(*score),
            ),
            None => captions::of(lang).no_lower_task_comes_near.to_string(),
        };
        b.runs(&[
            (
                &format!("{}{colon}", captions::of(lang).nearest_lower_task),
                true,
            ),
            (&nearest, false),
        ]);
    }

    // 待核实清单.
    let reviews = view::reviews(a, lang);
    b.h1(&format!(
        "{}{open}{}{close}",
        captions::of(lang).decisions_to_check,
        reviews.len()
    ));
    if reviews.is_empty() {
        b.para(captions::of(lang).none);
    } else {
        b.para(describe::review_note(lang));
        b.table(
            &widths(&[Some(800), None, Some(1_300), Some(3_000)]),
            &[
                captions::of(lang).upper_id,
                captions::of(lang).upper_text,
                captions::of(lang).status,
                captions::of(lang).why,
            ],
            &reviews
                .iter()
                .map(|r| {
                    vec![
                        cell(&r.id),
                        cell(&r.text),
                        status_cell(r.status, lang),
                        cell(&r.reason),
                    ]
                })
                .collect::<Vec<_>>(),
        );
    }

    // The per-task table.
    b.h1(captions::of(lang).task_by_task);
    let table: Vec<Vec<Cell>> = rows(a, lang)
        .into_iter()
        .map(|r| {
            let changes: Vec<&str> = [
                r.deadline_change.as_str(),
                &r.unit_change,
                &r.number_changes,
                &r.review,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            vec![
                cell(r.upper_id.clone()),
                cell(r.upper_text.clone()),
                status_cell(r.status, lang),
                cell(r.lower_ids.clone()),
                cell(r.lower_text.clone()),
                cell(changes.join("\n")),
            ]
        })
        .collect();
    b.table(
        &widths(&[Some(700), None, Some(1_000), Some(700), None, Some(1_400)]),
        &[
            captions::of(lang).upper_id,
            captions::of(lang).upper_text,
            captions::of(lang).status,
            captions::of(lang).lower_ids,
            captions::of(lang).lower_text,
            captions::of(lang).changes,
        ],
        &table,
    );
    b.xml
}

fn chain_body(c: &Chain, opts: &RenderOptions) -> String {
    let lang = opts.lang;
    let v = view::chain(c);
    let mut b = Body::default();
    b.title(&title_of_chain(c, lang));
    b.table(
        &widths(&[Some(1_400), None, Some(1_200)]),
        &[
            captions::of(lang).level,
            captions::of(lang).notice,
            captions::of(lang).tasks,
        ],
        &c.notices
            .iter()
            .map(|n| {
                vec![
                    cell(describe::level(n)),
                    cell(format!(
                        "{}\n{}",
                        describe::heading(n),
                        describe::source_name(n)
                    )),
                    cell(n.tasks.len().to_string()),
                ]
            })
            .collect::<Vec<_>>(),
    );
    b.timestamp(opts);
    b.warnings(&c.warnings, lang);
    b.h1(view::memo_heading(lang));
    b.memo(&view::chain_memo(c, lang));
    let (reached, total) = v.end_to_end;
    b.runs(&[
        (
            &format!(
                "{}{}",
                captions::of(lang).reaching_the_lowest_level,
                captions::of(lang).colon
            ),
            true,
        ),
        (&format!("{reached} / {total}"), false),
    ]);
    b.h1(captions::of(lang).per_level);
    b.table(
        &widths(&[
            None,
            Some(1_300),
            Some(1_300),
            Some(1_300),
            Some(1_300),
            Some(1_300),
        ]),
        &[
            captions::of(lang).level,
            captions::of(lang).coverage,
            &report_label(Status::Carried, lang),
            &report_label(Status::Reworded, lang),
            &report_label(Status::Dropped, lang),
            &report_label(Status::Added, lang),
        ],
        &v.levels
            .iter()
            .map(|(n, s)| {
                vec![
                    cell(describe::heading(n)),
                    cell(format!("{:.1}%", s.coverage_pct)),
                    cell(s.carried.to_string()),
                    cell(s.reworded.to_string()),
                    cell(s.dropped.to_string()),
                    cell(s.added.to_string()),
                ]
            })
            .collect::<Vec<_>>(),
    );
    b.h1(captions::of(lang).chain_task_by_task);
    let mut cols = vec![Some(700), None];
    cols.extend(std::iter::repeat_n(Some(1_700), v.levels.len()));
    let level_names: Vec<String> = v.levels.iter().map(|(n, _)| describe::level(n)).collect();
    let mut header: Vec<&str> = vec![captions::of(lang).id, captions::of(lang).requirement];
    header.extend(level_names.iter().map(String::as_str));
    b.table(
        &widths(&cols),
        &header,
        &v.rows
            .iter()
            .map(|r| {
                let mut row = vec![cell(r.id), cell(r.text)];
                row.extend(r.cells.iter().map(|x| Cell {
                    text: view::chain_cell(x, lang),
                    bold: false,
                    fill: Some(status_fill(x.status)),
                }));
                row
            })
            .collect::<Vec<_>>(),
    );
    b.xml
}

fn coverage_body(c: &Coverage, opts: &RenderOptions) -> String {
    let lang = opts.lang;
    let mut b = Body::default();
    b.title(&title_of_coverage(c, lang));
    b.para(&format!(
        "{}{}{}",
        captions::of(lang).upper_notice_heading,
        captions::of(lang).colon,
        describe::source_name(&c.upper)
    ));
    b.timestamp(opts);
    b.warnings(&c.all_warnings(), lang);
    if !c.failures.is_empty() {
        b.h1(captions::of(lang).inputs_left_out);
        for f in &c.failures {
            b.bullet(&crate::report::errors::skipped(f, lang));
        }
    }
    b.h1(view::memo_heading(lang));
    b.memo(&view::coverage_memo(c, lang));
    b.h1(captions::of(lang).coverage_per_locality);
    b.table(
        &widths(&[
            None,
            Some(1_300),
            Some(1_300),
            Some(1_300),
            Some(1_300),
            Some(1_300),
        ]),
        &[
            captions::of(lang).locality,
            captions::of(lang).coverage,
            &report_label(Status::Carried, lang),
            &report_label(Status::Reworded, lang),
            &report_label(Status::Dropped, lang),
            describe::review_label(lang),
        ],
        &c.localities
            .iter()
            .map(|l| {
                vec![
                    cell(&l.name),
                    cell(format!("{:.1}%", l.summary.coverage_pct)),
                    cell(l.summary.carried.to_string()),
                    cell(l.summary.reworded.to_string()),
                    cell(l.summary.dropped.to_string()),
                    cell(l.summary.review.to_string()),
                ]
            })
            .collect::<Vec<_>>(),
    );
    b.h1(captions::of(lang).per_task_the_least_carried);
    let v = view::coverage(c);
    b.table(
        &widths(&[Some(700), None, Some(1_000), Some(1_000), Some(2_400)]),
        &[
            captions::of(lang).id,
            captions::of(lang).requirement,
            captions::of(lang).localities_carrying,
            &report_label(Status::Dropped, lang),
            captions::of(lang).localities_that_dropped_it,
        ],
        &v.ranked
            .iter()
            .map(|&(t, row)| {
                let dropped_by: Vec<&str> = v
                    .dropped_by(row)
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect();
                vec![
                    cell(&t.id),
                    cell(&t.text),
                    cell(format!(
                        "{} / {}",
                        t.carried + t.reworded,
                        c.localities.len()
                    )),
                    Cell {
                        text: t.dropped.to_string(),
                        bold: false,
                        fill: (t.carried + t.reworded == 0 && !c.localities.is_empty())
                            .then(|| status_fill(Status::Dropped)),
                    },
                    cell(dropped_by.join(captions::of(lang).list_sep)),
                ]
            })
            .collect::<Vec<_>>(),
    );
    b.xml
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>policydiff</Application></Properties>"#;

/// Styles: 宋体/SimSun body text at 10.5 pt (五号), headings in 黑体/SimHei, table cells
/// a little smaller, the memo shaded and bordered, a grid table style.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Cell"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="260" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Memo"><w:name w:val="Memo"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="8899AA"/><w:left w:val="single" w:sz="4" w:space="4" w:color="8899AA"/><w:bottom w:val="single" w:sz="4" w:space="4" w:color="8899AA"/><w:right w:val="single" w:sz="4" w:space="4" w:color="8899AA"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F4F6F9"/><w:ind w:firstLine="420"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

/// The footer: 第 N 页 共 M 页 (page N of M) through PAGE and NUMPAGES fields.
fn footer(lang: Lang) -> String {
    let field = |name: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    let (a, b, c) = match lang {
        Lang::Zh => ("第 ", " 页 共 ", " 页"),
        Lang::En => ("Page ", " of ", ""),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{}{}{}{}{}</w:p></w:ftr>"#,
        run(a, false),
        field("PAGE"),
        run(b, false),
        field("NUMPAGES"),
        if c.is_empty() {
            String::new()
        } else {
            run(c, false)
        }
    )
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// The core properties: the title, policydiff as the creator (the mark by which
/// `coverage` knows its own reports, `ingest::own`), and a fixed date so that the same
/// inputs give the same bytes.
fn core(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created></cp:coreProperties>"#,
        xml_text(title),
        crate::model::GENERATOR
    )
}

/// The .docx archive of a document body.
fn package(body: &str, title: &str, lang: Lang) -> io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(title)),
        ("docProps/app.xml", APP.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document(body)),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", SETTINGS.to_string()),
    ];
    for (name, text) in parts
        .iter()
        .chain(std::iter::once(&("word/footer1.xml", footer(lang))))
    {
        zip.start_file(*name, options).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(xml_text("a<b>&\"c\u{1}\u{7}d"), "a&lt;b&gt;&amp;&quot;cd");
        let r = run("一\n二\t三", true);
        assert_eq!(
            r,
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">一</w:t><w:br/><w:t xml:space=\"preserve\">二</w:t><w:tab/><w:t xml:space=\"preserve\">三</w:t></w:r>"
        );
    }

    #[test]
    fn columns_fill_the_text_width() {
        let w = widths(&[Some(700), None, Some(1_100), None]);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH - (TEXT_WIDTH - 1_800) % 2);
        assert_eq!(w[1], w[3]);
    }
}
