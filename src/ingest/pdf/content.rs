//! A page's content stream interpreted for what a table reader needs: every glyph with
//! its text and where it stands on the page, every ruling line (thin filled rectangles,
//! stroked lines and rectangles).
//!
//! The interpreter keeps the graphics state (`q`/`Q`, `cm`), the text state (`Tm`,
//! `Td`, `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`, `Ts`, `Tf`) and positions each glyph by
//! its text matrix, font size and the current transformation, advancing by the font's
//! widths and `TJ` adjustments. Marked content with `/ActualText` (what a browser
//! writes where a glyph's ToUnicode entry would be ambiguous) replaces the text of the
//! glyphs inside it. Form XObjects are entered (nested at most [`MAX_FORM_DEPTH`]
//! deep, each at most once per chain). The work is bounded: [`Budget`] caps operations,
//! glyphs and the text they stand for over the whole document, and the bytes of
//! decompressed content, a failed decode included (charged what it may have inflated).
//! Fonts are loaded once per font dictionary, an inline one too.
//!
//! Only what a reader sees is kept: text drawn invisibly (render mode 3 or 7), outside
//! the clipping rectangle, or in white where no shading lies beneath is counted in
//! [`PageContent::hidden`] and left out. A content stream that stops decoding midway is
//! damage, kept in [`PageContent::damage`], not the end of the page's text.
//!
//! Coordinates are PDF user space of the page (points, y upwards).

use std::collections::BTreeMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, deref, number};

/// How deep Form XObjects may nest.
pub(crate) const MAX_FORM_DEPTH: usize = 8;
/// How deep `q` may nest (deeper saves are ignored).
const MAX_SAVE_DEPTH: usize = 256;
/// How deep marked content may nest (deeper levels are counted, not kept).
const MAX_MARKED_DEPTH: usize = 256;
/// The most shaded rectangles remembered per page (where white text may show).
const MAX_SHADED: usize = 128;
/// How many times one content stream's reading resumes after damage.
const MAX_RESYNCS: usize = 1000;
/// The deflate format's largest ratio: what a failed decode is charged per input byte.
const INFLATE_RATIO: usize = 1032;

/// What the whole document may cost to interpret.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Decompressed content bytes left.
    pub bytes: usize,
    /// Content operations left.
    pub ops: usize,
    /// Glyphs left.
    pub glyphs: usize,
    /// Ruling lines left to record (past them, paths are no longer kept).
    pub rules: usize,
    /// Bytes of text left (glyph texts, ActualText, ToUnicode targets).
    pub text: usize,
    /// Entries of the fonts' maps left (ToUnicode codes and `/W` widths, over every
    /// font: fonts sharing one map each keep a copy).
    pub entries: usize,
}

impl Budget {
    /// Charges a stream decode of `raw` input bytes: what it produced, or when it
    /// failed, what it may have inflated before failing.
    pub(crate) fn charge_decode(&mut self, raw: usize, produced: Option<usize>) {
        let cost = produced.unwrap_or(raw.saturating_mul(INFLATE_RATIO));
        self.bytes = self.bytes.saturating_sub(cost);
    }
}

/// Why interpretation stopped early.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Exhausted {
    Bytes,
    Ops,
    Glyphs,
    Text,
    /// The fonts' map entries (`Budget::entries`).
    Entries,
}

/// One shown glyph.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub text: String,
    /// Left and right edge (advance) and baseline, page space.
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    /// Font size on the page.
    pub size: f64,
}

/// An axis-aligned painted rectangle (a ruling line when thin), page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// What one page shows.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rect>,
    /// Glyphs left out as invisible (render mode 3 or 7, clipped away, white on white).
    pub hidden: usize,
    /// What was damaged, when a content stream could not be read to its end.
    pub damage: Option<crate::model::PdfDamage>,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    line_width: f64,
    /// Text render mode (`Tr`): 3 and 7 draw nothing.
    render: i64,
    /// Whether the fill colour is white.
    white: bool,
    /// The clipping rectangle (bounds of the clip path), page space.
    clip: Option<Rect>,
}

/// Which font dictionary a font was loaded from: an object, or a dictionary written
/// inline in a resource dictionary (by its address in the loaded document, which does
/// not move while the interpreter borrows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

/// Interprets pages, caching fonts by dictionary.
pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: BTreeMap<FontKey, Rc<Font>>,
    /// Forms that could not be decoded: drawn again, they are not decoded again.
    broken_forms: std::collections::BTreeSet<ObjectId>,
    pub budget: Budget,
}

struct Run<'r> {
    out: &'r mut PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    /// Marked-content stack: for each level, `Some(text)` when it carries ActualText
    /// (taken when its first glyph is shown).
    marked: Vec<Option<Option<String>>>,
    /// The positions in `marked` of the levels carrying ActualText, innermost last: a
    /// glyph finds its span here in one step, not by a walk down the stack (256 levels
    /// walked per glyph of a million-glyph page took 20 s in a debug build).
    actual: Vec<usize>,
    /// Marked-content levels past [`MAX_MARKED_DEPTH`], counted so `EMC` pairs up.
    marked_over: usize,
    path: Vec<Rect>,
    /// Bounds of every point of the current path (curves too), for a clip.
    path_bounds: Option<Rect>,
    /// `W` or `W*` seen: the path, once ended, clips.
    clip_next: bool,
    /// Filled rectangles in a colour other than white, where white text shows.
    shaded: Vec<Rect>,
    current: Option<(f64, f64)>,
    start: Option<(f64, f64)>,
}

impl<'a> Interpreter<'a> {
    pub(crate) fn new(doc: &'a Document, budget: Budget) -> Self {
        Interpreter {
            doc,
            fonts: BTreeMap::new(),
            broken_forms: Default::default(),
            budget,
        }
    }

    /// Interprets one page.
    pub(crate) fn page(&mut self, page: ObjectId) -> Result<PageContent, Exhausted> {
        let mut out = PageContent::default();
        // Each content stream decoded here, not by `get_page_content`, which hands back
        // the raw bytes of a stream it cannot decode (read as operators, they show
        // nothing, and a damaged page would pass for a scan).
        let mut data = Vec::new();
        for id in self.doc.get_page_contents(page) {
            let Some(stream) = self
                .doc
                .get_object(id)
                .ok()
                .and_then(|o| o.as_stream().ok())
            else {
                continue;
            };
            match stream.decompressed_content_with_limit(self.budget.bytes) {
                Ok(d) if d.len() <= self.budget.bytes => {
                    self.budget.bytes -= d.len();
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
                Ok(_)
                | Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(Exhausted::Bytes),
                Err(e) => {
                    self.budget.charge_decode(stream.content.len(), None);
                    if self.budget.bytes == 0 {
                        return Err(Exhausted::Bytes);
                    }
                    out.damage
                        .get_or_insert_with(|| crate::model::PdfDamage::Content {
                            detail: e.to_string(),
                        });
                }
            }
        }
        let resources = page_resources(self.doc, page);
        let gs = GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
            render: 0,
            white: false,
            clip: None,
        };
        let mut run = Run {
            out: &mut out,
            gs,
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            marked: Vec::new(),
            actual: Vec::new(),
            marked_over: 0,
            path: Vec::new(),
            path_bounds: None,
            clip_next: false,
            shaded: Vec::new(),
            current: None,
            start: None,
        };
        let mut chain = Vec::new();
        self.stream(&data, resources.as_ref(), &mut run, &mut chain)?;
        Ok(out)
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources
            .and_then(|r| deref(self.doc, r.get(b"Font").ok()))
            .and_then(|o| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        let dict = deref(self.doc, Some(entry))?.as_dict().ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            _ => FontKey::Inline(dict as *const Dictionary as usize),
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let font = Rc::new(Font::load(self.doc, dict, &mut self.budget));
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    /// [`Interpreter::font`], refusing once the fonts' maps have used up the document's
    /// entries: a font left without its map would read as text without characters,
    /// damage that would not say what it is.
    fn font_within_budget(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, Exhausted> {
        let font = self.font(resources, name);
        if self.budget.entries == 0 {
            return Err(Exhausted::Entries);
        }
        Ok(font)
    }

    /// Interprets a content stream. Where it cannot be read on (a token lopdf does not
    /// parse stops its decoder, often without an error), the damage is recorded and
    /// reading resumes at the next line: one bad token costs a line, not the page.
    fn stream(
        &mut self,
        data: &[u8],
        resources: Option<&Dictionary>,
        run: &mut Run,
        chain: &mut Vec<ObjectId>,
    ) -> Result<(), Exhausted> {
        let mut start = 0usize;
        for _ in 0..=MAX_RESYNCS {
            let piece = &data[start.min(data.len())..];
            // How far the decoder got: found again as each operator's keyword (past its
            // operands), since the decoder does not say.
            let mut pos = 0usize;
            let mut failed = false;
            for op in Content::decode_iter(piece) {
                let Ok(op) = op else {
                    failed = true;
                    break;
                };
                pos = after_operator(piece, pos, op.operator.as_bytes()).unwrap_or(piece.len());
                self.op(&op, resources, run, chain)?;
            }
            let rest = &piece[pos..];
            let Some(at) = rest
                .iter()
                .position(|b| !b.is_ascii_whitespace() && *b != 0)
            else {
                break;
            };
            if !failed && rest[at] == b'%' && !rest[at..].iter().any(|b| *b == b'\n' || *b == b'\r')
            {
                break;
            }
            let damaged_at = start + pos + at;
            run.out
                .damage
                .get_or_insert(crate::model::PdfDamage::At { byte: damaged_at });
            let Some(nl) = rest[at..].iter().position(|b| *b == b'\n' || *b == b'\r') else {
                break;
            };
            start += pos + at + nl + 1;
        }
        Ok(())
    }

    /// Interprets one operation.
    fn op(
        &mut self,
        op: &lopdf::content::Operation,
        resources: Option<&Dictionary>,
        run: &mut Run,
        chain: &mut Vec<ObjectId>,
    ) -> Result<(), Exhausted> {
        if self.budget.ops == 0 {
            return Err(Exhausted::Ops);
        }
        self.budget.ops -= 1;
        let args = &op.operands;
        let num = |i: usize| args.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" if run.stack.len() < MAX_SAVE_DEPTH => run.stack.push(run.gs.clone()),
            "Q" => {
                if let Some(g) = run.stack.pop() {
                    run.gs = g;
                }
            }
            "cm" if args.len() == 6 => {
                let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                run.gs.ctm = mul(&m, &run.gs.ctm);
            }
            "w" => run.gs.line_width = num(0).abs(),
            "Tr" => run.gs.render = num(0) as i64,
            "g" | "rg" | "k" | "sc" | "scn" => {
                let v: Vec<f64> = args.iter().filter_map(number).collect();
                // Gray and RGB white are 1s; CMYK white is 0s.
                run.gs.white = match v.len() {
                    4 => v.iter().all(|&x| x <= 0.01),
                    1 | 3 => v.iter().all(|&x| x >= 0.99),
                    _ => false,
                };
            }
            "cs" => run.gs.white = false,
            "W" | "W*" => run.clip_next = true,
            "BT" => {
                run.tm = IDENTITY;
                run.tlm = IDENTITY;
            }
            "Tf" => {
                if let Some(Object::Name(n)) = args.first() {
                    run.gs.font = self.font_within_budget(resources, n)?;
                }
                run.gs.size = num(1);
            }
            "Tc" => run.gs.char_space = num(0),
            "Tw" => run.gs.word_space = num(0),
            "Tz" => run.gs.scale = num(0) / 100.0,
            "TL" => run.gs.leading = num(0),
            "Ts" => run.gs.rise = num(0),
            "Td" => run.next_line(num(0), num(1)),
            "TD" => {
                run.gs.leading = -num(1);
                run.next_line(num(0), num(1));
            }
            "Tm" if args.len() == 6 => {
                run.tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                run.tm = run.tlm;
            }
            "T*" => {
                let l = run.gs.leading;
                run.next_line(0.0, -l);
            }
            "Tj" => self.show(run, args.first())?,
            "'" => {
                let l = run.gs.leading;
                run.next_line(0.0, -l);
                self.show(run, args.first())?;
            }
            "\"" => {
                run.gs.word_space = num(0);
                run.gs.char_space = num(1);
                let l = run.gs.leading;
                run.next_line(0.0, -l);
                self.show(run, args.get(2))?;
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Object::String(..) => self.show(run, Some(item))?,
                            o => {
                                if let Some(n) = number(o) {
                                    let tx = -n / 1000.0 * run.gs.size * run.gs.scale;
                                    run.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
                                }
                            }
                        }
                    }
                }
            }
            "BMC" | "BDC" if run.marked.len() >= MAX_MARKED_DEPTH => run.marked_over += 1,
            "BMC" => run.marked.push(None),
            "BDC" => {
                let props = match args.get(1) {
                    Some(Object::Dictionary(d)) => Some(d),
                    Some(Object::Name(n)) => resources
                        .and_then(|r| deref(self.doc, r.get(b"Properties").ok()))
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|p| deref(self.doc, p.get(n).ok()))
                        .and_then(|o| o.as_dict().ok()),
                    _ => None,
                };
                let actual = props
                    .and_then(|p| deref(self.doc, p.get(b"ActualText").ok()))
                    .and_then(|o| match o {
                        Object::String(s, _) => Some(s),
                        _ => None,
                    });
                // Decoded per span: charged to the text budget every time.
                if let Some(s) = actual {
                    if s.len() > self.budget.text {
                        return Err(Exhausted::Text);
                    }
                    self.budget.text -= s.len();
                }
                if actual.is_some() {
                    run.actual.push(run.marked.len());
                }
                run.marked.push(actual.map(|s| Some(decode_text_string(s))));
            }
            "EMC" => {
                if run.marked_over > 0 {
                    run.marked_over -= 1;
                } else if run.marked.pop().is_some_and(|m| m.is_some()) {
                    run.actual.pop();
                }
            }
            "m" => {
                let p = apply(&run.gs.ctm, num(0), num(1));
                run.current = Some(p);
                run.start = Some(p);
                run.extend_bounds(&[p]);
            }
            "l" => {
                let p = apply(&run.gs.ctm, num(0), num(1));
                if let Some(c) = run.current {
                    run.segment(c, p);
                }
                run.current = Some(p);
                run.extend_bounds(&[p]);
            }
            "c" | "v" | "y" => {
                // Curves are no ruling lines; only the current point moves.
                let pts: Vec<(f64, f64)> = (0..args.len() / 2)
                    .map(|i| apply(&run.gs.ctm, num(2 * i), num(2 * i + 1)))
                    .collect();
                run.extend_bounds(&pts);
                if let Some(&p) = pts.last() {
                    run.current = Some(p);
                }
            }
            "h" => {
                if let (Some(c), Some(s)) = (run.current, run.start) {
                    run.segment(c, s);
                    run.current = Some(s);
                }
            }
            "re" => {
                let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                let pts = [
                    apply(&run.gs.ctm, x, y),
                    apply(&run.gs.ctm, x + w, y),
                    apply(&run.gs.ctm, x + w, y + h),
                    apply(&run.gs.ctm, x, y + h),
                ];
                run.path.push(bounds(&pts));
                run.extend_bounds(&pts);
                run.current = Some(pts[0]);
                run.start = Some(pts[0]);
            }
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                run.end_path(true);
                let stroke = op.operator.starts_with(['B', 'b']);
                run.paint(stroke, &mut self.budget.rules)
            }
            "S" | "s" => {
                run.end_path(false);
                run.paint(true, &mut self.budget.rules)
            }
            "n" => {
                run.end_path(false);
                run.path.clear();
                run.current = None;
            }
            "Do" => {
                if let Some(Object::Name(n)) = args.first() {
                    self.xobject(run, resources, n, chain)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        run: &mut Run,
        resources: Option<&Dictionary>,
        name: &[u8],
        chain: &mut Vec<ObjectId>,
    ) -> Result<(), Exhausted> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| deref(doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(stream) = deref(doc, Some(entry)).and_then(|o| o.as_stream().ok()) else {
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok());
        if subtype == Some(b"Form".as_slice()) {
            if chain.len() >= MAX_FORM_DEPTH
                || id.is_some_and(|id| chain.contains(&id) || self.broken_forms.contains(&id))
            {
                return Ok(());
            }
            let data = match stream.decompressed_content_with_limit(self.budget.bytes) {
                Ok(data) => data,
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(Exhausted::Bytes),
                // A damaged form draws nothing, but what it took to find out is charged.
                Err(e) => {
                    self.budget.charge_decode(stream.content.len(), None);
                    if self.budget.bytes == 0 {
                        return Err(Exhausted::Bytes);
                    }
                    if let Some(id) = id {
                        self.broken_forms.insert(id);
                    }
                    run.out
                        .damage
                        .get_or_insert_with(|| crate::model::PdfDamage::Form {
                            detail: e.to_string(),
                        });
                    return Ok(());
                }
            };
            if data.len() > self.budget.bytes {
                return Err(Exhausted::Bytes);
            }
            self.budget.bytes -= data.len();
            let own = deref(doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
            let matrix = deref(doc, stream.dict.get(b"Matrix").ok())
                .and_then(|o| o.as_array().ok())
                .filter(|a| a.len() == 6)
                .map(|a| {
                    let v: Vec<f64> = a.iter().map(|o| number(o).unwrap_or(0.0)).collect();
                    [v[0], v[1], v[2], v[3], v[4], v[5]]
                })
                .unwrap_or(IDENTITY);
            let saved = run.gs.clone();
            let depth = run.stack.len();
            run.gs.ctm = mul(&matrix, &run.gs.ctm);
            chain.push(id.unwrap_or((u32::MAX, 0)));
            let result = self.stream(&data, own.or(resources), run, chain);
            chain.pop();
            run.stack.truncate(depth);
            run.gs = saved;
            result?;
        }
        Ok(())
    }

    fn show(&mut self, run: &mut Run, s: Option<&Object>) -> Result<(), Exhausted> {
        let Some(Object::String(bytes, _)) = s else {
            return Ok(());
        };
        let Some(font) = run.gs.font.clone() else {
            return Ok(());
        };
        let gs = &run.gs;
        for (code, len) in font.codes(bytes) {
            if self.budget.glyphs == 0 {
                return Err(Exhausted::Glyphs);
            }
            self.budget.glyphs -= 1;
            let trm = mul(
                &mul(
                    &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                    &run.tm,
                ),
                &gs.ctm,
            );
            let w = font.width(code) / 1000.0;
            let space = if len == 1 && code == 32 {
                gs.word_space
            } else {
                0.0
            };
            let tx = (w * gs.size + gs.char_space + space) * gs.scale;
            let (x0, y) = apply(&trm, 0.0, 0.0);
            let adv = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
            let (x1, _) = apply(&mul(&adv, &gs.ctm), 0.0, 0.0);
            let glyph_x1 = apply(&trm, w, 0.0).0;
            run.tm = adv;
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let mut text = font.text(code, len);
            // Inside ActualText, the first glyph carries the replacement, the rest none.
            if let Some(&level) = run.actual.last() {
                text = run.marked[level]
                    .as_mut()
                    .and_then(Option::take)
                    .unwrap_or_default();
            }
            let (lo, hi) = if x1 >= x0 {
                (x0, x1.max(glyph_x1))
            } else {
                (x1, x0)
            };
            if run.invisible(lo, y) {
                run.out.hidden += 1;
                continue;
            }
            if text.len() > self.budget.text {
                return Err(Exhausted::Text);
            }
            self.budget.text -= text.len();
            run.out.glyphs.push(Glyph {
                text,
                x0: lo,
                x1: hi,
                y,
                size,
            });
        }
        Ok(())
    }
}

impl Run<'_> {
    fn extend_bounds(&mut self, pts: &[(f64, f64)]) {
        let b = bounds(pts);
        self.path_bounds = Some(match self.path_bounds {
            None => b,
            Some(a) => Rect {
                x0: a.x0.min(b.x0),
                y0: a.y0.min(b.y0),
                x1: a.x1.max(b.x1),
                y1: a.y1.max(b.y1),
            },
        });
    }

    /// A path ends (painted or not): after `W`, it narrows the clip; filled in a colour
    /// other than white, its rectangles are shading white text may show on.
    fn end_path(&mut self, filled: bool) {
        let b = self.path_bounds.take();
        if std::mem::take(&mut self.clip_next)
            && let Some(b) = b
        {
            self.gs.clip = Some(match self.gs.clip {
                None => b,
                Some(c) => Rect {
                    x0: c.x0.max(b.x0),
                    y0: c.y0.max(b.y0),
                    x1: c.x1.min(b.x1),
                    y1: c.y1.min(b.y1),
                },
            });
        }
        if filled && !self.gs.white && self.shaded.len() < MAX_SHADED {
            let room = MAX_SHADED - self.shaded.len();
            let wide = self
                .path
                .iter()
                .filter(|r| r.x1 - r.x0 > 4.0 && r.y1 - r.y0 > 4.0)
                .take(room)
                .copied()
                .collect::<Vec<_>>();
            self.shaded.extend(wide);
        }
    }

    /// Is a glyph at (x, y) drawn so nobody sees it: render mode 3 or 7, outside the
    /// clip, or white with no shading beneath?
    fn invisible(&self, x: f64, y: f64) -> bool {
        const SLACK: f64 = 1.0;
        if matches!(self.gs.render, 3 | 7) {
            return true;
        }
        if let Some(c) = self.gs.clip
            && (x < c.x0 - SLACK || x > c.x1 + SLACK || y < c.y0 - SLACK || y > c.y1 + SLACK)
        {
            return true;
        }
        self.gs.white
            && !self
                .shaded
                .iter()
                .any(|r| x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1)
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.path.push(bounds(&[a, b]));
    }

    fn paint(&mut self, stroke: bool, left: &mut usize) {
        let half = if stroke {
            let (sx, sy) = (
                (self.gs.ctm[0].powi(2) + self.gs.ctm[1].powi(2)).sqrt(),
                (self.gs.ctm[2].powi(2) + self.gs.ctm[3].powi(2)).sqrt(),
            );
            self.gs.line_width * sx.max(sy) / 2.0
        } else {
            0.0
        };
        let mut keep = |r: Rect, out: &mut Vec<Rect>| {
            // Only thin shapes can be ruling lines; cell shading and the like are not kept.
            if (r.x1 - r.x0 <= 4.0 || r.y1 - r.y0 <= 4.0) && *left > 0 {
                *left -= 1;
                out.push(r);
            }
        };
        for r in self.path.drain(..) {
            let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
            if stroke && w > 3.0 && h > 3.0 {
                // A stroked rectangle: its four sides.
                for side in [
                    Rect { y1: r.y0, ..r },
                    Rect { y0: r.y1, ..r },
                    Rect { x1: r.x0, ..r },
                    Rect { x0: r.x1, ..r },
                ] {
                    keep(grow(side, half), &mut self.out.rules);
                }
            } else {
                keep(grow(r, half), &mut self.out.rules);
            }
        }
        self.current = None;
    }
}

fn grow(r: Rect, d: f64) -> Rect {
    Rect {
        x0: r.x0 - d,
        y0: r.y0 - d,
        x1: r.x1 + d,
        y1: r.y1 + d,
    }
}

fn bounds(pts: &[(f64, f64)]) -> Rect {
    let mut r = Rect {
        x0: f64::INFINITY,
        y0: f64::INFINITY,
        x1: f64::NEG_INFINITY,
        y1: f64::NEG_INFINITY,
    };
    for &(x, y) in pts {
        r.x0 = r.x0.min(x);
        r.y0 = r.y0.min(y);
        r.x1 = r.x1.max(x);
        r.y1 = r.y1.max(y);
    }
    r
}

/// Where the keyword `op` ends, searching from `from`: the first occurrence standing as
/// a token of its own (not inside a longer word).
fn after_operator(data: &[u8], from: usize, op: &[u8]) -> Option<usize> {
    if op.is_empty() {
        return Some(from);
    }
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%\0".contains(&b);
    let mut i = from;
    while i + op.len() <= data.len() {
        let at = i + data[i..].windows(op.len()).position(|w| w == op)?;
        let end = at + op.len();
        let before = at == 0 || delimiter(data[at - 1]) || !op[0].is_ascii_alphabetic();
        let after =
            end == data.len() || delimiter(data[end]) || !op[op.len() - 1].is_ascii_alphabetic();
        if before && after {
            return Some(end);
        }
        i = at + 1;
    }
    None
}

/// A PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM, else PDFDocEncoding
/// (read as Latin-1).
pub(crate) fn decode_text_string(s: &[u8]) -> String {
    if s.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = s[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = s.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        s.iter().map(|&b| b as char).collect()
    }
}

/// The page's resources, inherited from the page tree where the page has none.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Some(r) = deref(doc, node.get(b"Resources").ok()).and_then(|o| o.as_dict().ok()) {
            return Some(r.clone());
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The page's visible area (MediaBox, inherited), `[x0, y0, x1, y1]`.
pub(crate) fn media_box(doc: &Document, page: ObjectId) -> [f64; 4] {
    let default = [0.0, 0.0, 595.0, 842.0];
    let Ok(mut node) = doc.get_dictionary(page) else {
        return default;
    };
    for _ in 0..32 {
        for key in [b"CropBox".as_slice(), b"MediaBox"] {
            if let Some(a) = deref(doc, node.get(key).ok()).and_then(|o| o.as_array().ok())
                && a.len() == 4
            {
                let v: Vec<f64> = a.iter().map(|o| number(o).unwrap_or(0.0)).collect();
                return [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ];
            }
        }
        let Some(parent) = node.get(b"Parent").ok().and_then(|o| o.as_reference().ok()) else {
            break;
        };
        let Ok(p) = doc.get_dictionary(parent) else {
            break;
        };
        node = p;
    }
    default
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_found_as_tokens_of_their_own() {
        let data = b"/Tf1 12 Tf (Tj) Tj\n0 0 m T* Q";
        let tf = after_operator(data, 0, b"Tf").unwrap();
        assert_eq!(&data[..tf], b"/Tf1 12 Tf");
        // Inside a string it is found too (the position lags), and the next one
        // catches up.
        let tj = after_operator(data, tf, b"Tj").unwrap();
        assert_eq!(&data[tj - 3..tj], b"(Tj");
        let m = after_operator(data, tj, b"m").unwrap();
        assert_eq!(&data[..m], b"/Tf1 12 Tf (Tj) Tj\n0 0 m");
        assert_eq!(after_operator(data, m, b"T*"), Some(m + 3));
        assert_eq!(after_operator(data, m, b"BT"), None);
    }
}
