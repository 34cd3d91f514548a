//! OFD documents written from positioned text: OFD copies of the corpus PDFs (the glyphs
//! and ruling lines our PDF reader finds, written as `TextObject`s and `PathObject`s),
//! and hostile OFDs (a zip bomb, templates that draw themselves, deep nesting). Used by
//! `examples/ofd.rs` and the end-to-end tests.

use std::fmt::Write as _;

use crate::ingest::pdf::PositionedPage;

use super::hostile::zip;

const MM: f64 = 25.4 / 72.0;

fn mm(pt: f64) -> f64 {
    (pt * MM * 1000.0).round() / 1000.0
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const NS: &str = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

/// `OFD.xml` naming `Doc_0/Document.xml`.
pub fn ofd_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD {NS} Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>policydiff</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n"
    )
}

/// `Document.xml` with a page area of `w` × `h` mm, these page locations and
/// templates (id, location).
pub fn document_xml(w: f64, h: f64, pages: &[String], templates: &[(u32, String)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>1000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {w} {h}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
    );
    for (id, loc) in templates {
        let _ = write!(s, "<ofd:TemplatePage ID=\"{id}\" BaseLoc=\"{loc}\"/>");
    }
    s.push_str("</ofd:CommonData><ofd:Pages>");
    for (i, loc) in pages.iter().enumerate() {
        let _ = write!(s, "<ofd:Page ID=\"{}\" BaseLoc=\"{loc}\"/>", i + 1);
    }
    s.push_str("</ofd:Pages></ofd:Document>\n");
    s
}

fn public_res() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res {NS} BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"1\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>\n"
    )
}

/// A page's `Content.xml`: each run of glyphs (same baseline and size, each starting
/// where the one before ends) one `TextCode` whose `DeltaX` puts every character where
/// it stood, so the reader finds the width of each but the last of a run again (the
/// last is given the usual width of its kind of character, as in any OFD). Each ruling line is a stroked `PathObject` along its
/// middle, as wide as the rule is thin.
pub fn page_xml(page: &PositionedPage, templates: &[u32]) -> String {
    let (w, h) = (mm(page.width), mm(page.height));
    let mut s = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page {NS}>");
    for t in templates {
        let _ = write!(s, "<ofd:Template TemplateID=\"{t}\"/>");
    }
    s.push_str("<ofd:Content><ofd:Layer ID=\"2\">");
    let mut id = 10u64;
    // Glyphs standing for no text (the rest of an ActualText span) are not drawn.
    let glyphs: Vec<_> = page.glyphs.iter().filter(|g| !g.0.is_empty()).collect();
    let mut i = 0;
    while i < glyphs.len() {
        // One run: same baseline and size, moving right without overlap.
        let mut j = i + 1;
        while j < glyphs.len()
            && (glyphs[j].3 - glyphs[i].3).abs() < 0.01
            && (glyphs[j].4 - glyphs[i].4).abs() < 0.01
            // A gap, or a glyph overlapping the one before (a kerned bracket), starts a
            // run of its own: within a run, a glyph ends where the next begins.
            && (glyphs[j].1 - glyphs[j - 1].2).abs() <= 0.05
        {
            j += 1;
        }
        let run = &glyphs[i..j];
        let size = run[0].4;
        let mut text = String::new();
        let mut xs: Vec<f64> = Vec::new();
        for g in run {
            text.push_str(&g.0);
            xs.push(g.1);
            // Extra chars of a multi-character glyph stand at its left edge.
            for _ in 1..g.0.chars().count() {
                xs.push(g.1);
            }
        }
        let deltas: Vec<String> = xs
            .windows(2)
            // From rounded positions, so rounding does not add up along a line.
            .map(|p| format!("{}", ((mm(p[1]) - mm(p[0])) * 1000.0).round() / 1000.0))
            .collect();
        let _ = write!(
            s,
            "<ofd:TextObject ID=\"{id}\" Boundary=\"0 0 {w} {h}\" Font=\"1\" Size=\"{}\"><ofd:TextCode X=\"{}\" Y=\"{}\" DeltaX=\"{}\">{}</ofd:TextCode></ofd:TextObject>",
            mm(size),
            mm(run[0].1),
            mm(run[0].3),
            deltas.join(" "),
            escape(&text)
        );
        id += 1;
        i = j;
    }
    for r in &page.rules {
        let [x0, y0, x1, y1] = *r;
        let (lw, path) = if x1 - x0 >= y1 - y0 {
            let (t, yc) = (y1 - y0, (y0 + y1) / 2.0);
            (
                t,
                format!(
                    "M {} {} L {} {}",
                    mm(x0 + t / 2.0),
                    mm(yc),
                    mm(x1 - t / 2.0),
                    mm(yc)
                ),
            )
        } else {
            let (t, xc) = (x1 - x0, (x0 + x1) / 2.0);
            (
                t,
                format!(
                    "M {} {} L {} {}",
                    mm(xc),
                    mm(y0 + t / 2.0),
                    mm(xc),
                    mm(y1 - t / 2.0)
                ),
            )
        };
        let _ = write!(
            s,
            "<ofd:PathObject ID=\"{id}\" Boundary=\"0 0 {w} {h}\" LineWidth=\"{}\"><ofd:AbbreviatedData>{path}</ofd:AbbreviatedData></ofd:PathObject>",
            mm(lw)
        );
        id += 1;
    }
    s.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    s
}

/// An OFD of these pages (their page area is the first page's).
pub fn from_pages(pages: &[PositionedPage]) -> Vec<u8> {
    let (w, h) = pages
        .first()
        .map_or((210.0, 297.0), |p| (mm(p.width), mm(p.height)));
    let locs: Vec<String> = (0..pages.len())
        .map(|i| format!("Pages/Page_{i}/Content.xml"))
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("OFD.xml".into(), ofd_xml().into_bytes()),
        (
            "Doc_0/Document.xml".into(),
            document_xml(w, h, &locs, &[]).into_bytes(),
        ),
        ("Doc_0/PublicRes.xml".into(), public_res().into_bytes()),
    ];
    for (p, loc) in pages.iter().zip(&locs) {
        files.push((format!("Doc_0/{loc}"), page_xml(p, &[]).into_bytes()));
    }
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&entries)
}

/// The OFD copy of a PDF: its pages' positioned text and rules, as our reader finds them.
pub fn from_pdf(bytes: &[u8]) -> Result<Vec<u8>, crate::ingest::IngestError> {
    let pages =
        crate::ingest::pdf::positioned("pdf", bytes, crate::ingest::DEFAULT_MAX_INPUT_SIZE)?;
    Ok(from_pages(&pages))
}

/// The small notice of the hostile PDFs as one OFD page, with `extra` entries and
/// templates: what the hostile OFDs add to.
fn notice(
    templates: &[u32],
    template_locs: &[(u32, String)],
    extra: Vec<(String, Vec<u8>)>,
) -> Vec<u8> {
    let page = PositionedPage {
        width: 595.0,
        height: 842.0,
        glyphs: super::readers::LINES
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                let y = 62.0 + 40.0 * i as f64;
                l.chars()
                    .enumerate()
                    .map(move |(k, c)| {
                        let x = 50.0 + 12.0 * k as f64;
                        (c.to_string(), x, x + 12.0, y, 12.0)
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
        rules: Vec::new(),
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("OFD.xml".into(), ofd_xml().into_bytes()),
        (
            "Doc_0/Document.xml".into(),
            document_xml(
                210.0,
                297.0,
                &["Pages/Page_0/Content.xml".into()],
                template_locs,
            )
            .into_bytes(),
        ),
        (
            "Doc_0/Pages/Page_0/Content.xml".into(),
            page_xml(&page, templates).into_bytes(),
        ),
    ];
    files.extend(extra);
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&entries)
}

/// The notice; OFD copy of what the hostile PDFs show.
pub fn ofd_notice() -> Vec<u8> {
    notice(&[], &[], Vec::new())
}

/// The notice, drawn over a template whose content is `inflate` bytes of spaces
/// (deflated to a thousandth of that).
pub fn ofd_zip_bomb(inflate: usize) -> Vec<u8> {
    let mut big = format!("<?xml version=\"1.0\"?><ofd:Page {NS}>").into_bytes();
    big.extend(std::iter::repeat_n(b' ', inflate));
    big.extend(b"</ofd:Page>");
    notice(
        &[1],
        &[(1, "Tpls/T1.xml".into())],
        vec![("Doc_0/Tpls/T1.xml".into(), big)],
    )
}

/// The notice, drawn over two templates that each draw themselves and the other (a
/// template naming itself, and a cycle).
pub fn ofd_self_template() -> Vec<u8> {
    let tpl = |me: u32, other: u32| {
        format!(
            "<?xml version=\"1.0\"?><ofd:Page {NS}><ofd:Template TemplateID=\"{me}\"/><ofd:Template TemplateID=\"{other}\"/><ofd:Content><ofd:Layer ID=\"1\"/></ofd:Content></ofd:Page>"
        )
        .into_bytes()
    };
    notice(
        &[1],
        &[(1, "Tpls/T1.xml".into()), (2, "Tpls/T2.xml".into())],
        vec![
            ("Doc_0/Tpls/T1.xml".into(), tpl(1, 2)),
            ("Doc_0/Tpls/T2.xml".into(), tpl(2, 1)),
        ],
    )
}

/// The notice, then page blocks nested `depth` deep.
pub fn ofd_nested(depth: usize) -> Vec<u8> {
    let page = format!(
        "<?xml version=\"1.0\"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID=\"1\">{}{}</ofd:Layer></ofd:Content></ofd:Page>",
        "<ofd:PageBlock>".repeat(depth),
        "</ofd:PageBlock>".repeat(depth)
    );
    notice(
        &[1],
        &[(1, "Tpls/T1.xml".into())],
        vec![("Doc_0/Tpls/T1.xml".into(), page.into_bytes())],
    )
}

/// The notice, and one character with a `DeltaX` of `g 4000000000 1` and a text of
/// `chars` characters (more than the document may show).
pub fn ofd_many_glyphs(chars: usize) -> Vec<u8> {
    let page = format!(
        "<?xml version=\"1.0\"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID=\"1\"><ofd:TextObject ID=\"5\" Boundary=\"0 0 210 297\" Font=\"1\" Size=\"3\"><ofd:TextCode X=\"10\" Y=\"280\" DeltaX=\"g 4000000000 1\">{}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>",
        "工".repeat(chars)
    );
    notice(
        &[1],
        &[(1, "Tpls/T1.xml".into())],
        vec![("Doc_0/Tpls/T1.xml".into(), page.into_bytes())],
    )
}
