//! OFD documents (GB/T 33190, China's format for electronic official documents): the
//! text and ruling lines of their pages, laid out by the PDF reader's layout.
//!
//! An `.ofd` is a zip: `OFD.xml` names each document's root (`Doc_0/Document.xml`),
//! which lists the pages (`Pages/Page_0/Content.xml`), the default page area and the
//! page templates. A page's content holds layers of `TextObject`s (a `Boundary` box, a
//! `CTM`, a font `Size`, and `TextCode` runs with their `X`, `Y` and the `DeltaX`
//! between characters, in millimetres, y downwards) and `PathObject`s (an
//! `AbbreviatedData` path: `S`/`M` move, `L` line, `Q`, `B`, `A` curves, `C` close).
//! Each page becomes the same positioned glyphs and ruling lines a PDF page gives
//! (`ingest::pdf::layout`), so an OFD table parses as the PDF table does. Fonts are
//! not needed: an OFD's text codes are Unicode.
//!
//! Bounded like a .docx: the XML read from the zip is at most `--max-input-size` bytes
//! in all, counted as inflated (declared sizes are not trusted); at most
//! [`MAX_ENTRIES`] zip entries, [`MAX_PAGES`] pages, [`MAX_GLYPHS`] characters and
//! [`MAX_RULES`] path segments; XML nested at most [`MAX_DEPTH`] deep; a template drawn
//! on a page (each template at most once per page, so one that names itself or a cycle
//! of them ends). A zip holding two entries of the same name is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::pdf::content::{Glyph, Rect};
use super::pdf::layout;
use super::{Block, IngestError};

/// The most entries an OFD zip may hold.
pub const MAX_ENTRIES: usize = 10_000;
/// The most pages.
pub const MAX_PAGES: usize = super::pdf::MAX_PAGES;
/// The most characters over the whole document.
pub const MAX_GLYPHS: usize = 5_000_000;
/// The most path segments kept over the whole document.
pub const MAX_RULES: usize = 2_000_000;
/// How deep the XML of a page may nest.
pub const MAX_DEPTH: usize = 256;
/// The longest text of one `TextCode` or path kept (longer is cut).
const MAX_TEXT_RUN: usize = 1 << 20;
/// Points per millimetre.
const PT: f64 = 72.0 / 25.4;

const FORMAT: &str = "OFD";

fn malformed(source: &str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason: reason.into(),
    }
}

/// Is this zip an OFD (an `OFD.xml` at its root)?
pub(crate) fn detect(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|z| z.index_for_name("OFD.xml").is_some())
        .unwrap_or(false)
}

/// The zip's entries, read on demand under the byte limit for all of them together.
struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    left: u64,
    limit: u64,
}

impl Package {
    fn read(&mut self, source: &str, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let name = name.trim_start_matches('/');
        let Some(i) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(i)
            .map_err(|e| malformed(source, format!("damaged zip entry {name}: {e}")))?;
        let mut out = Vec::new();
        entry
            .take(self.left + 1)
            .read_to_end(&mut out)
            .map_err(|e| malformed(source, format!("damaged zip entry {name}: {e}")))?;
        if out.len() as u64 > self.left {
            return Err(malformed(
                source,
                format!(
                    "its XML inflates past {} bytes (see --max-input-size)",
                    self.limit
                ),
            ));
        }
        self.left -= out.len() as u64;
        Ok(Some(out))
    }
}

/// What the whole document may still cost.
struct Budget {
    glyphs: usize,
    rules: usize,
}

/// Reads an OFD already in memory; `source` names it in errors.
pub(crate) fn read_ofd(
    source: &str,
    bytes: &[u8],
    max_input_size: u64,
) -> Result<super::Document, IngestError> {
    let blocks = ofd_blocks(source, bytes, max_input_size)?;
    super::structured_document(source, blocks, None, Vec::new())
}

fn ofd_blocks(source: &str, bytes: &[u8], max_input_size: u64) -> Result<Vec<Block>, IngestError> {
    Ok(super::pdf::layout_blocks(ofd_pages(
        source,
        bytes,
        max_input_size,
    )?))
}

/// The pages of an OFD as the layout sees them (points, y downwards).
fn ofd_pages(
    source: &str,
    bytes: &[u8],
    max_input_size: u64,
) -> Result<Vec<layout::Page>, IngestError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        malformed(
            source,
            format!("damaged zip container (truncated or corrupt?): {e}"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(malformed(
            source,
            format!("it holds {} entries; the limit is {MAX_ENTRIES}", zip.len()),
        ));
    }
    let mut names = BTreeSet::new();
    for name in zip.file_names_raw() {
        let name = String::from_utf8_lossy(name);
        if !names.insert(name.to_string()) {
            return Err(malformed(
                source,
                format!("it holds two entries named {name}"),
            ));
        }
    }
    let mut pkg = Package {
        zip,
        left: max_input_size,
        limit: max_input_size,
    };
    let root = pkg
        .read(source, "OFD.xml")?
        .ok_or_else(|| malformed(source, "no OFD.xml"))?;
    let doc_root = first_text(source, &root, "DocRoot")?
        .ok_or_else(|| malformed(source, "OFD.xml names no document (DocRoot)"))?;
    let doc_root = doc_root.trim_start_matches('/').to_string();
    let base = dir_of(&doc_root);
    let document = pkg
        .read(source, &doc_root)?
        .ok_or_else(|| malformed(source, format!("its document {doc_root} is missing")))?;
    let doc = read_document(source, &document, &base)?;
    if doc.pages.is_empty() {
        return Err(malformed(source, "it has no pages"));
    }
    if doc.pages.len() > MAX_PAGES {
        return Err(malformed(
            source,
            format!("it has {} pages; the limit is {MAX_PAGES}", doc.pages.len()),
        ));
    }
    let mut budget = Budget {
        glyphs: MAX_GLYPHS,
        rules: MAX_RULES,
    };
    let mut laid = Vec::with_capacity(doc.pages.len());
    let mut shown = 0usize;
    for loc in &doc.pages {
        let content = pkg
            .read(source, loc)?
            .ok_or_else(|| malformed(source, format!("its page {loc} is missing")))?;
        let mut page = PageOut::default();
        let area = page_area(source, &content)?.unwrap_or(doc.area);
        draw(source, &content, &mut page, &mut budget)?;
        // Templates under the page (each once: one naming itself, or a cycle, ends).
        let mut done = BTreeSet::new();
        let mut queue = templates_of(source, &content)?;
        while let Some(id) = queue.pop() {
            if !done.insert(id.clone()) || done.len() > 64 {
                continue;
            }
            let Some(tloc) = doc.templates.get(&id) else {
                continue;
            };
            if let Some(t) = pkg.read(source, tloc)? {
                draw(source, &t, &mut page, &mut budget)?;
                queue.extend(templates_of(source, &t)?);
            }
        }
        shown += page.glyphs.len();
        laid.push(layout::Page {
            width: area[2] * PT,
            height: (area[3] * PT).max(1.0),
            glyphs: page.glyphs,
            rules: page.rules,
        });
    }
    if shown == 0 {
        return Err(malformed(source, "its pages hold no text"));
    }
    Ok(laid)
}

/// `Doc_0/Document.xml` → `Doc_0/`.
fn dir_of(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => String::new(),
    }
}

/// A location inside the package: absolute (`/Doc_0/...`) or relative to `base`.
fn resolve(base: &str, loc: &str) -> String {
    match loc.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base}{loc}"),
    }
}

struct Doc {
    /// The default page area (x, y, width, height), millimetres.
    area: [f64; 4],
    /// Each page's content, in order.
    pages: Vec<String>,
    /// Template page id → its content.
    templates: BTreeMap<String, String>,
}

/// An element's name without its namespace prefix (`ofd:TextObject` → `TextObject`).
fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.into_owned())
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|t| t.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .collect()
}

fn xml_error(source: &str, e: impl std::fmt::Display) -> IngestError {
    malformed(source, format!("damaged XML: {e}"))
}

/// Walks an XML part, calling `f` on every start tag (with whether it is empty) and on
/// text; refuses nesting deeper than [`MAX_DEPTH`].
fn walk(
    source: &str,
    xml: &[u8],
    mut f: impl FnMut(Option<&BytesStart>, Option<&str>, bool) -> Result<bool, IngestError>,
) -> Result<(), IngestError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(source, e))?;
        let go_on = match &ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(malformed(
                        source,
                        format!("its XML nests more than {MAX_DEPTH} deep"),
                    ));
                }
                f(Some(e), None, false)?
            }
            Event::Empty(e) => f(Some(e), None, true)?,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                f(None, None, false)?
            }
            Event::Text(t) => f(None, Some(&t.xml10_content()), false)?,
            Event::CData(t) => f(None, Some(&t.xml10_content()), false)?,
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| xml_error(source, e))? {
                    f(None, Some(c.encode_utf8(&mut [0; 4])), false)?
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
                    f(None, Some(s), false)?
                } else {
                    true
                }
            }
            Event::Eof => break,
            _ => true,
        };
        if !go_on {
            break;
        }
        buf.clear();
    }
    Ok(())
}

/// The text of the first element named `name`.
fn first_text(source: &str, xml: &[u8], name: &str) -> Result<Option<String>, IngestError> {
    let mut inside = false;
    let mut found = None;
    walk(source, xml, |start, text, empty| {
        if let Some(e) = start {
            inside = !empty && local(e) == name;
        } else if let (Some(t), true) = (text, inside) {
            found = Some(t.trim().to_string());
            return Ok(false);
        } else if text.is_none() {
            inside = false;
        }
        Ok(true)
    })?;
    Ok(found)
}

fn read_document(source: &str, xml: &[u8], base: &str) -> Result<Doc, IngestError> {
    let mut doc = Doc {
        area: [0.0, 0.0, 210.0, 297.0],
        pages: Vec::new(),
        templates: BTreeMap::new(),
    };
    let mut in_area = false;
    let mut in_physical = false;
    walk(source, xml, |start, text, empty| {
        match (start, text) {
            (Some(e), _) => match local(e).as_str() {
                "PageArea" => in_area = !empty,
                "PhysicalBox" => in_physical = in_area && !empty,
                "Page" => {
                    if let Some(loc) = attr(e, "BaseLoc") {
                        if doc.pages.len() > MAX_PAGES {
                            return Err(malformed(
                                source,
                                format!("it has more than {MAX_PAGES} pages"),
                            ));
                        }
                        doc.pages.push(resolve(base, &loc));
                    }
                }
                "TemplatePage" => {
                    if let (Some(id), Some(loc)) = (attr(e, "ID"), attr(e, "BaseLoc")) {
                        doc.templates.insert(id, resolve(base, &loc));
                    }
                }
                _ => {}
            },
            (None, Some(t)) if in_physical => {
                let v = numbers(t);
                if v.len() == 4 && v[2] > 0.0 && v[3] > 0.0 {
                    doc.area = [v[0], v[1], v[2], v[3]];
                }
                in_physical = false;
            }
            _ => {}
        }
        Ok(true)
    })?;
    Ok(doc)
}

/// A page's own area, when its content says one.
fn page_area(source: &str, xml: &[u8]) -> Result<Option<[f64; 4]>, IngestError> {
    let mut in_area = false;
    let mut area = None;
    walk(source, xml, |start, text, empty| {
        match (start, text) {
            (Some(e), _) => match local(e).as_str() {
                "Area" => in_area = !empty,
                "PhysicalBox" if in_area && !empty => {}
                "Content" => return Ok(false),
                _ => {}
            },
            (None, Some(t)) if in_area => {
                let v = numbers(t);
                if v.len() == 4 && v[2] > 0.0 && v[3] > 0.0 {
                    area = Some([v[0], v[1], v[2], v[3]]);
                    return Ok(false);
                }
            }
            _ => {}
        }
        Ok(true)
    })?;
    Ok(area)
}

/// The template ids a page (or template) draws under itself.
fn templates_of(source: &str, xml: &[u8]) -> Result<Vec<String>, IngestError> {
    let mut ids = Vec::new();
    walk(source, xml, |start, _, _| {
        if let Some(e) = start
            && local(e) == "Template"
            && let Some(id) = attr(e, "TemplateID")
            && ids.len() < 64
        {
            ids.push(id);
        }
        Ok(true)
    })?;
    Ok(ids)
}

#[derive(Default)]
struct PageOut {
    glyphs: Vec<Glyph>,
    rules: Vec<Rect>,
}

/// An object's placement: its boundary's origin and its CTM (millimetres).
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    ctm: [f64; 6],
}

impl Place {
    fn of(e: &BytesStart) -> Place {
        let b = attr(e, "Boundary").map(|s| numbers(&s)).unwrap_or_default();
        let ctm = attr(e, "CTM")
            .map(|s| numbers(&s))
            .filter(|v| v.len() == 6)
            .map(|v| [v[0], v[1], v[2], v[3], v[4], v[5]])
            .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        Place {
            x: b.first().copied().unwrap_or(0.0),
            y: b.get(1).copied().unwrap_or(0.0),
            ctm,
        }
    }

    /// A point of the object → the page, in points.
    fn map(&self, x: f64, y: f64) -> (f64, f64) {
        let m = &self.ctm;
        (
            (self.x + m[0] * x + m[2] * y + m[4]) * PT,
            (self.y + m[1] * x + m[3] * y + m[5]) * PT,
        )
    }

    fn scale(&self) -> f64 {
        (self.ctm[2] * self.ctm[2] + self.ctm[3] * self.ctm[3]).sqrt()
    }
}

/// `DeltaX`/`DeltaY`: numbers, with `g N v` standing for `v` repeated `N` times (at
/// most `want` values are expanded).
fn deltas(s: &str, want: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut it = s.split_whitespace();
    while let Some(t) = it.next() {
        if out.len() >= want {
            break;
        }
        if t == "g" {
            let n: usize = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let v: f64 = it.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
            let n = n.min(want - out.len());
            out.extend(std::iter::repeat_n(v, n));
        } else if let Ok(v) = t.parse::<f64>() {
            out.push(v);
        }
    }
    out
}

/// Draws the text and paths of a content part onto `page`.
fn draw(
    source: &str,
    xml: &[u8],
    page: &mut PageOut,
    budget: &mut Budget,
) -> Result<(), IngestError> {
    // The text object being read: placement, size, whether it is drawn.
    let mut text_obj: Option<(Place, f64, bool)> = None;
    // The TextCode being read: x, y, DeltaX, DeltaY.
    let mut code: Option<(f64, f64, String, String)> = None;
    // The path object being read: placement, line width, stroked, filled.
    let mut path_obj: Option<(Place, f64, bool, bool)> = None;
    let mut in_data = false;
    // The text of the TextCode or AbbreviatedData being read (entities come apart).
    let mut buf = String::new();
    walk(source, xml, |start, text, empty| {
        match (start, text) {
            (Some(e), _) => {
                buf.clear();
                match local(e).as_str() {
                    "TextObject" => {
                        let visible = attr(e, "Fill").as_deref() != Some("false")
                            || attr(e, "Stroke").as_deref() == Some("true");
                        let size = attr(e, "Size")
                            .and_then(|s| s.trim().parse::<f64>().ok())
                            .filter(|s| s.is_finite() && *s > 0.0)
                            .unwrap_or(3.5);
                        text_obj = (!empty).then(|| (Place::of(e), size, visible));
                    }
                    "TextCode" if !empty => {
                        let num = |k: &str| {
                            attr(e, k)
                                .and_then(|s| s.trim().parse::<f64>().ok())
                                .filter(|v| v.is_finite())
                        };
                        code = Some((
                            num("X").unwrap_or(0.0),
                            num("Y").unwrap_or(0.0),
                            attr(e, "DeltaX").unwrap_or_default(),
                            attr(e, "DeltaY").unwrap_or_default(),
                        ));
                    }
                    "PathObject" if !empty => {
                        let lw = attr(e, "LineWidth")
                            .and_then(|s| s.trim().parse::<f64>().ok())
                            .filter(|v| v.is_finite())
                            .unwrap_or(0.353);
                        path_obj = Some((
                            Place::of(e),
                            lw,
                            attr(e, "Stroke").as_deref() != Some("false"),
                            attr(e, "Fill").as_deref() == Some("true"),
                        ));
                    }
                    "AbbreviatedData" => in_data = !empty && path_obj.is_some(),
                    _ => {}
                }
            }
            (None, Some(t)) => {
                if (code.is_some() || in_data) && buf.len() + t.len() <= MAX_TEXT_RUN {
                    buf.push_str(t);
                }
            }
            (None, None) => {
                let t = std::mem::take(&mut buf);
                let t = t.as_str();
                if let (Some((x, y, dx, dy)), Some((place, size, visible))) =
                    (code.take(), text_obj.as_ref())
                {
                    if !visible {
                        return Ok(true);
                    }
                    let chars: Vec<char> = t.chars().collect();
                    if chars.len() > budget.glyphs {
                        return Err(malformed(
                            source,
                            format!("its pages show more than {MAX_GLYPHS} characters"),
                        ));
                    }
                    budget.glyphs -= chars.len();
                    let want = chars.len().saturating_sub(1);
                    let dx = deltas(&dx, want);
                    let dy = deltas(&dy, want);
                    let (size, mut cx, mut cy) = (*size, x, y);
                    let shown = size * place.scale() * PT;
                    for (i, c) in chars.iter().enumerate() {
                        // A character ends where the next begins (DeltaX); the last
                        // of a run is as wide as its kind usually is (fonts aside).
                        let own = if c.is_ascii() { size * 0.5 } else { size };
                        let adv = dx.get(i).copied();
                        let width = adv.unwrap_or(own).clamp(0.0, 2.0 * size);
                        let (x0, by) = place.map(cx, cy);
                        let (x1, _) = place.map(cx + width, cy);
                        page.glyphs.push(Glyph {
                            text: c.to_string(),
                            x0: x0.min(x1),
                            x1: x0.max(x1),
                            y: by,
                            size: shown,
                        });
                        cx += adv.unwrap_or(own);
                        cy += dy.get(i).copied().unwrap_or(0.0);
                    }
                } else if in_data && let Some((place, lw, stroke, fill)) = path_obj.as_ref() {
                    path(t, place, *lw, *stroke, *fill, page, budget);
                    in_data = false;
                }
            }
        }
        Ok(true)
    })
}

/// The ruling lines of one `AbbreviatedData` path: each straight segment when stroked
/// (grown by half the line width), and the path's box when filled.
fn path(
    data: &str,
    place: &Place,
    lw: f64,
    stroke: bool,
    fill: bool,
    page: &mut PageOut,
    budget: &mut Budget,
) {
    let half = lw * place.scale() * PT / 2.0;
    let toks: Vec<&str> = data.split_whitespace().collect();
    let mut i = 0;
    let (mut cur, mut start) = (None::<(f64, f64)>, None::<(f64, f64)>);
    let mut all: Vec<(f64, f64)> = Vec::new();
    let mut push = |a: (f64, f64), b: (f64, f64), page: &mut PageOut| {
        if stroke && budget.rules > 0 {
            budget.rules -= 1;
            page.rules.push(Rect {
                x0: a.0.min(b.0) - half,
                x1: a.0.max(b.0) + half,
                y0: a.1.min(b.1) - half,
                y1: a.1.max(b.1) + half,
            });
        }
    };
    let num = |j: usize| toks.get(j).and_then(|t| t.parse::<f64>().ok());
    while i < toks.len() {
        let op = toks[i];
        let arity = match op {
            "S" | "M" | "L" => 2,
            "Q" => 4,
            "B" => 6,
            "A" => 7,
            "C" | "Z" => 0,
            _ => {
                i += 1;
                continue;
            }
        };
        let args: Option<Vec<f64>> = (1..=arity).map(|k| num(i + k)).collect();
        i += 1 + arity;
        let Some(args) = args else { continue };
        match op {
            "S" | "M" => {
                let p = place.map(args[0], args[1]);
                cur = Some(p);
                start = Some(p);
                all.push(p);
            }
            "L" => {
                let p = place.map(args[0], args[1]);
                if let Some(c) = cur {
                    push(c, p, page);
                }
                cur = Some(p);
                all.push(p);
            }
            "C" | "Z" => {
                if let (Some(c), Some(s)) = (cur, start) {
                    push(c, s, page);
                    cur = Some(s);
                }
            }
            _ => {
                let p = place.map(args[arity - 2], args[arity - 1]);
                cur = Some(p);
                all.push(p);
            }
        }
    }
    if fill && !all.is_empty() && budget.rules > 0 {
        let r = all.iter().fold(
            Rect {
                x0: f64::INFINITY,
                y0: f64::INFINITY,
                x1: f64::NEG_INFINITY,
                y1: f64::NEG_INFINITY,
            },
            |r, &(x, y)| Rect {
                x0: r.x0.min(x),
                y0: r.y0.min(y),
                x1: r.x1.max(x),
                y1: r.y1.max(y),
            },
        );
        if r.x1 - r.x0 <= 4.0 || r.y1 - r.y0 <= 4.0 {
            budget.rules -= 1;
            page.rules.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_x_expands_g_runs_up_to_what_is_needed() {
        assert_eq!(deltas("g 3 5.2 1", 10), vec![5.2, 5.2, 5.2, 1.0]);
        assert_eq!(deltas("g 1000000000 1", 2), vec![1.0, 1.0]);
    }

    #[test]
    fn relative_and_absolute_locations() {
        assert_eq!(
            resolve("Doc_0/", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0/", "/Doc_0/Tpls/T.xml"), "Doc_0/Tpls/T.xml");
    }
}
