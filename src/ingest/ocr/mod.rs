//! Scanned notices: text read from page images (OCR), laid out like a text-layer PDF.
//!
//! A PDF page with no text but an image (a scan), or a .png/.jpg/.tif page given
//! directly, is decoded (`raster`, bounded: at most 40 million pixels a page,
//! [`MAX_OCR_PAGES`] pages a file), turned straight (`raster::deskew`), and read by the
//! engine (`engine`: PaddleOCR's PP-OCR models through ONNX Runtime, found at run
//! time; nothing is downloaded). Its lines become positioned glyphs and its ruling lines
//! (`raster::rules`) thin rectangles on the page, in points, and the PDF reader's own
//! layout (`pdf::layout`) builds paragraphs and tables from them, so a scanned table
//! parses like the same table with a text layer. Pages are read in parallel.
//!
//! Without the engine the file is refused with what to install
//! ([`IngestError::NeedsOcr`]). A notice read this way carries [`OcrReading`] (pages,
//! the characters read and how sure the models were), which every report shows.

pub(crate) mod engine;
pub(crate) mod raster;
mod words;

use rayon::prelude::*;

use super::pdf::content::{Glyph, Rect};
use super::pdf::layout;
use super::{IngestError, IngestOptions, OcrReading};
use raster::Gray;

/// The most page images read from one file.
pub const MAX_OCR_PAGES: usize = 300;
/// A letter, digit or Chinese character the recognition model gave less than this
/// probability is uncertain (punctuation is not counted).
pub const LOW_CONFIDENCE: f32 = 0.8;

/// A page image still encoded, with the size of the page it fills (points).
pub(crate) enum PageImage {
    /// JPEG, PNG or TIFF bytes.
    Encoded(Vec<u8>),
    /// Decoded samples: width, height, colour components, bits per component.
    Samples {
        width: u32,
        height: u32,
        components: u32,
        bits: u32,
        data: Vec<u8>,
    },
    /// Samples still compressed (a PDF's FlateDecode image): `inflate` gives them when
    /// the page is read, or says why it cannot.
    Deflated {
        width: u32,
        height: u32,
        components: u32,
        bits: u32,
        inflate: Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send>,
    },
    /// The page has no image (a blank page of a scan).
    Blank,
    /// The image cannot be read; the reason.
    Unreadable(String),
}

/// One page to read: its image and the page's width and height in points.
pub(crate) struct ScanPage {
    pub image: PageImage,
    pub width: f64,
    pub height: f64,
}

/// Is the OCR engine installed? `Err` says what is missing.
pub fn engine_status() -> Result<(), String> {
    engine::engine().map(|_| ())
}

/// Where the engine is looked for (README "Scanned notices").
pub fn engine_places() -> Vec<std::path::PathBuf> {
    engine::model_dirs()
}

/// Reads scanned pages into the layout's pages; `what` says what the file is.
pub(crate) fn read_pages(
    source: &str,
    what: &str,
    pages: Vec<ScanPage>,
    opts: &IngestOptions,
) -> Result<(Vec<layout::Page>, OcrReading), IngestError> {
    if !opts.ocr {
        return Err(IngestError::NoTextLayer {
            path: source.to_string(),
        });
    }
    if pages.len() > MAX_OCR_PAGES {
        return Err(IngestError::Malformed {
            path: source.to_string(),
            format: "scanned",
            reason: format!(
                "it has {} page images; OCR reads at most {MAX_OCR_PAGES}",
                pages.len()
            ),
        });
    }
    // What cannot be read is refused before the engine is loaded.
    if let Some((n, reason)) = pages.iter().enumerate().find_map(|(n, p)| match &p.image {
        PageImage::Unreadable(r) => Some((n, r)),
        _ => None,
    }) {
        return Err(IngestError::Malformed {
            path: source.to_string(),
            format: "scanned",
            reason: format!("page {}: {reason}", n + 1),
        });
    }
    let engine = engine::engine().map_err(|reason| IngestError::NeedsOcr {
        path: source.to_string(),
        what: what.to_string(),
        reason,
    })?;
    let bar = (opts.progress && pages.len() > 1).then(|| {
        let b = indicatif::ProgressBar::new(pages.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("OCR {bar:40} {pos}/{len} pages {eta}")
        {
            b.set_style(style);
        }
        b
    });
    let read: Vec<Result<Option<(layout::Page, PageStats)>, String>> = pages
        .into_par_iter()
        .enumerate()
        .map(|(n, page)| {
            let r = read_page(engine, page).map_err(|e| format!("page {}: {e}", n + 1));
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut out = Vec::with_capacity(read.len());
    let mut reading = OcrReading::default();
    for r in read {
        match r.map_err(|reason| IngestError::Malformed {
            path: source.to_string(),
            format: "scanned",
            reason,
        })? {
            Some((page, stats)) => {
                reading.pages += 1;
                reading.chars += stats.chars;
                reading.uncertain += stats.uncertain;
                reading.confidence_sum += stats.confidence_sum;
                reading.uncertain_spans.extend(stats.spans);
                out.push(page);
            }
            None => out.push(layout::Page {
                width: 595.0,
                height: 842.0,
                glyphs: Vec::new(),
                rules: Vec::new(),
            }),
        }
    }
    Ok((out, reading))
}

#[derive(Debug, Default)]
struct PageStats {
    chars: usize,
    uncertain: usize,
    confidence_sum: f64,
    spans: Vec<(String, f32)>,
}

fn read_page(
    engine: &engine::Engine,
    page: ScanPage,
) -> Result<Option<(layout::Page, PageStats)>, String> {
    let gray = match page.image {
        PageImage::Blank => return Ok(None),
        PageImage::Unreadable(e) => return Err(e),
        PageImage::Encoded(bytes) => raster::decode(&bytes)?,
        PageImage::Samples {
            width,
            height,
            components,
            bits,
            data,
        } => raster::from_samples(width, height, components, bits, &data)?,
        PageImage::Deflated {
            width,
            height,
            components,
            bits,
            inflate,
        } => raster::from_samples(width, height, components, bits, &inflate()?)?,
    };
    let (mut gray, _) = raster::deskew(gray);
    raster::despeckle(&mut gray);
    let rules = raster::rules(&gray);
    let lines = engine.read(&gray, &rules)?;
    Ok(Some(to_layout(
        &gray,
        &lines,
        &rules,
        page.width,
        page.height,
    )))
}

/// A table cell read by OCR whose text ends with `，` or `、` ends with `。`: a comma
/// or an enumeration comma cannot close a cell's text, and the recogniser, on a blurred
/// 200-dpi scan, reads a small `。` as one of them. Paragraphs are left alone (one may
/// go on over a page).
pub(crate) fn closing_stops(blocks: Vec<super::Block>) -> Vec<super::Block> {
    blocks
        .into_iter()
        .map(|b| match b {
            super::Block::Table(rows) => super::Block::Table(
                rows.into_iter()
                    .map(|r| r.into_iter().map(closing_stop).collect())
                    .collect(),
            ),
            b => b,
        })
        .collect()
}

fn closing_stop(mut cell: String) -> String {
    // Not a numbering (`一、`, `3、`): at least four characters before the mark, the last
    // of them no numeral.
    let body = cell.trim_end_matches(['，', '、']);
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if body.len() + '，'.len_utf8() == cell.len()
        && body.chars().count() >= 4
        && body.chars().last().is_some_and(|c| !numeral(c))
    {
        cell.pop();
        cell.push('。');
    }
    cell
}

/// Is a character as wide as it is high (CJK, full-width forms)?
fn is_wide(c: char) -> bool {
    !(c.is_ascii() || ('\u{2000}'..='\u{206F}').contains(&c))
}

/// Read lines and rules (image pixels) → the layout's page (points, y downwards).
fn to_layout(
    gray: &Gray,
    lines: &[engine::TextLine],
    rules: &[raster::PixRect],
    page_w: f64,
    page_h: f64,
) -> (layout::Page, PageStats) {
    let sx = page_w / f64::from(gray.width);
    let sy = page_h / f64::from(gray.height);
    // The type size of a line, from the height of its box: the box is the text's
    // height widened by the detector's margin. Sizes within a quarter of the page's
    // most common size are that size, so that a line is not a new paragraph for the
    // noise of its box.
    let sizes: Vec<f64> = lines
        .iter()
        .map(|l| f64::from(l.text_height) * sy / BOX_PER_EM)
        .collect();
    let common = median(&sizes);
    let mut read: Vec<Vec<(char, f32, f32)>> = lines
        .iter()
        .map(|l| {
            let mut chars = l.chars.clone();
            normalise(&mut chars);
            drop_tags(&mut chars);
            once(&mut chars);
            chars
        })
        .collect();
    let ems: Vec<f32> = lines
        .iter()
        .map(|l| l.text_height / BOX_PER_EM as f32)
        .collect();
    punctuation_by_width(&mut read, &ems);
    let mut stats = PageStats::default();
    let mut glyphs = Vec::new();
    for ((l, &raw), chars) in lines.iter().zip(&sizes).zip(read) {
        let size = if common > 0.0 && (raw - common).abs() <= 0.25 * common {
            common
        } else {
            raw
        };
        let centre = f64::from(l.y0 + l.y1) / 2.0 * sy;
        let baseline = centre + 0.4 * size;
        let solid: Vec<(char, f32)> = chars
            .iter()
            .filter(|c| c.0 != ' ')
            .map(|c| (c.0, c.2))
            .collect();
        // Only letters, digits and Chinese characters: the model hesitates between
        // `(` and `（` or over a full stop, which changes no task's meaning.
        for (i, &(c, p)) in solid.iter().enumerate() {
            if p < LOW_CONFIDENCE && c.is_alphanumeric() {
                let context: String = solid[i.saturating_sub(2)..(i + 3).min(solid.len())]
                    .iter()
                    .map(|c| c.0)
                    .collect();
                stats.spans.push((context, p));
            }
        }
        // A line that opens with a short number and goes on in Chinese (`7认真贯彻`) is
        // a task number and its text: printed with a space the model does not always
        // see. Numbers of years, months, items … (`2022年`, `3项`) are not.
        let digits = chars.iter().take_while(|c| c.0.is_ascii_digit()).count();
        let numbered = (1..=3).contains(&digits)
            && chars
                .get(digits)
                .is_some_and(|c| is_wide(c.0) && c.0.is_alphanumeric() && !COUNTED.contains(c.0));
        let mut space = false;
        let mut prev: Option<(f64, f64, bool)> = None;
        let first = glyphs.len();
        for (k, &(c, x, p)) in chars.iter().enumerate() {
            if numbered && k == digits {
                space = true;
            }
            if c == ' ' {
                space = true;
                continue;
            }
            stats.chars += 1;
            stats.confidence_sum += f64::from(p);
            if p < LOW_CONFIDENCE && c.is_alphanumeric() {
                stats.uncertain += 1;
            }
            let half = if is_wide(c) { 0.5 } else { 0.27 } * size;
            let cx = f64::from(x) * sx;
            // A space where the model read one, or where the gap is a third of an em wider
            // than the two characters need.
            // Between two ASCII characters only: Chinese text has no spaces to keep.
            let gap = !is_wide(c)
                && prev.is_some_and(|(px, ph, pw)| !pw && cx - px - ph - half > 0.3 * size);
            let text = if prev.is_some() && (space || gap) {
                format!(" {c}")
            } else {
                c.to_string()
            };
            glyphs.push(Glyph {
                text,
                x0: cx - half,
                x1: cx + half,
                y: baseline,
                size,
            });
            prev = Some((cx, half, is_wide(c)));
            space = false;
        }
        // The recogniser places a character at the step where it first sees it, up to
        // half a character left of its centre: the line's last character is taken to
        // reach that much further, so that a line that runs to the edge of its cell is
        // not read as ending short of it (which would break the cell's text there).
        if let Some(last) = glyphs[first..].last_mut() {
            last.x1 += LAST_REACH * size;
        }
    }
    let rules = rules
        .iter()
        .map(|r| Rect {
            x0: f64::from(r.x0) * sx,
            x1: f64::from(r.x1) * sx,
            y0: f64::from(r.y0) * sy,
            y1: f64::from(r.y1) * sy,
        })
        .collect();
    (
        layout::Page {
            width: page_w.max(1.0),
            height: page_h.max(1.0),
            glyphs,
            rules,
        },
        stats,
    )
}

/// Corrects what the recognition model confuses in Chinese official text, character
/// for character: ASCII brackets beside Chinese characters, and an opening bracket of
/// another shape closed by `）`, are the full-width ones the notices print (commas are
/// left as read: some notices print ASCII ones); a dash or `=` alone in brackets is 一 or
/// 二 (the numbering `（一）`, `（二）`); `[2021]` before a number is `〔2021〕` (a document
/// number).
fn normalise(chars: &mut [(char, f32, f32)]) {
    let cjk = |c: char| is_wide(c) && c.is_alphanumeric();
    let n = chars.len();
    for i in 0..n {
        let c = chars[i].0;
        let before = (i > 0).then(|| chars[i - 1].0);
        let after = chars.get(i + 1).map(|c| c.0);
        if matches!(c, '(' | '（')
            && i + 2 < n
            && matches!(chars[i + 2].0, ')' | '）')
            && matches!(chars[i + 1].0, '-' | '—' | '_' | '一' | '=' | '二')
        {
            chars[i].0 = '（';
            chars[i + 1].0 = if matches!(chars[i + 1].0, '=' | '二') {
                '二'
            } else {
                '一'
            };
            chars[i + 2].0 = '）';
            continue;
        }
        // A year in brackets: `[2021]`, or in round brackets before the number it dates
        // (`（2021）132号`, the recogniser's reading of `〔2021〕132号`).
        if i + 5 < n
            && chars[i + 1..i + 5].iter().all(|c| c.0.is_ascii_digit())
            && (matches!(c, '[' | '【' | '〔' | '［')
                && matches!(chars[i + 5].0, ']' | '】' | '〕' | '］' | ')' | '）')
                || matches!(c, '(' | '（')
                    && matches!(chars[i + 5].0, ']' | '】' | '〕' | '］' | ')' | '）')
                    && chars.get(i + 6).is_some_and(|c| c.0.is_ascii_digit()))
        {
            chars[i].0 = '〔';
            chars[i + 5].0 = '〕';
            continue;
        }
        // An opening bracket of another shape closed by `）` (`县【市、区）`): `（`.
        if matches!(c, '[' | '【' | '〔' | '［')
            && let Some(close) = chars[i + 1..(i + 9).min(n)]
                .iter()
                .map(|c| c.0)
                .find(|c| matches!(c, ')' | '）' | ']' | '】' | '〕' | '］'))
            && matches!(close, ')' | '）')
        {
            chars[i].0 = '（';
            continue;
        }
        let replaced = match c {
            '(' if after.is_some_and(cjk) => '（',
            ')' if before.is_some_and(cjk) => '）',
            c => c,
        };
        chars[i].0 = replaced;
    }
}

/// Drops the HTML tags a line shows (`<p>`, `</span>`): copied into a notice by mistake,
/// they are printed on the page, and the text layer's copy of them is dropped the same way
/// (`text::stray_tag_len`). Spaces the recogniser read inside one do not hide it, nor a
/// closing tag's slash read as a stroke (`<1p>`, `<|p>`).
fn drop_tags(chars: &mut Vec<(char, f32, f32)>) {
    while let Some(open) = (0..chars.len()).find_map(|i| {
        if chars[i].0 != '<' {
            return None;
        }
        // The characters from `<` on, spaces between its name and `>` left out.
        let mut text = String::new();
        let mut at = Vec::new();
        for (k, c) in chars.iter().enumerate().skip(i) {
            if c.0 == ' ' && !text.contains(|c: char| c.is_whitespace()) && text.len() <= 4 {
                continue;
            }
            let slash = at.len() == 1 && matches!(c.0, '1' | 'l' | 'I' | '|' | '\\' | '／');
            text.push(if slash { '/' } else { c.0 });
            at.push(k);
            if c.0 == '>' {
                break;
            }
        }
        let n = crate::ingest::text::stray_tag_len(&text)?;
        let end = text[..n].chars().count();
        Some((i, at[end - 1] + 1))
    }) {
        chars.drain(open.0..open.1);
    }
}

/// A punctuation mark read twice over (`、、`, `，，`): Chinese text never doubles one; the
/// recogniser, seeing a mark across two of its steps with a blank between, can. And marks
/// read from the edges of other marks or of the table's rules: a `]` before `（`, an unsure
/// `[` or `|` opening a line.
fn once(chars: &mut Vec<(char, f32, f32)>) {
    chars.dedup_by(|b, a| a.0 == b.0 && "、，。；：".contains(a.0));
    // A closing square bracket that nothing opened, right before an opening round one
    // (`部门]（单位）`): the edge of the `（` read a second time.
    let mut opened = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].0;
        // A line's first mark read unsure as a square bracket or a bar that nothing on
        // the line closes: the edge of the rule beside the cell (`[14`). Chinese notices
        // print no bar.
        if i == 0
            && chars[i].2 < LOW_CONFIDENCE
            && (c == '|'
                || matches!(c, '[' | '【' | '［')
                    && !chars[1..]
                        .iter()
                        .any(|n| matches!(n.0, ']' | '】' | '］' | '〕')))
        {
            chars.remove(i);
            continue;
        }
        if matches!(c, '[' | '【' | '［' | '〔') {
            opened = true;
        } else if matches!(c, ']' | '】' | '］')
            && !opened
            && chars.get(i + 1).is_some_and(|n| matches!(n.0, '（' | '('))
        {
            chars.remove(i);
            continue;
        }
        i += 1;
    }
}

/// Punctuation printed in two widths: the ASCII form and the full-width one.
const NARROW_WIDE: [(char, char); 7] = [
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('(', '（'),
    (')', '）'),
    ('!', '！'),
    ('?', '？'),
];

/// Chooses between ASCII and full-width punctuation by the room the mark takes on the
/// line, not by its shape: at 200 dpi the recogniser reads `,` between Chinese characters
/// as `，` because that is what Chinese text mostly prints. Between two Chinese
/// characters a full-width mark takes a whole em, so the characters on either side stand
/// two ems apart (centre to centre); an ASCII one takes a third to a half. The em is the
/// line's own pitch (the median step between neighbouring Chinese characters), or its
/// box's height when it has too few of them. A mark that cannot be measured (at a line's
/// end, beside a digit or a letter) takes the width most marks of the same kind measured
/// on the page have, and is left as read when none were.
fn punctuation_by_width(lines: &mut [Vec<(char, f32, f32)>], ems: &[f32]) {
    let han = crate::lexicon::is_cjk_ideograph;
    let pair = |c: char| NARROW_WIDE.iter().position(|&(a, b)| a == c || b == c);
    // Per kind of mark: (measured narrow, measured wide).
    let mut votes = [(0usize, 0usize); NARROW_WIDE.len()];
    let mut decided: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
    for (k, line) in lines.iter_mut().enumerate() {
        let mut steps: Vec<f32> = line
            .windows(2)
            .filter(|w| han(w[0].0) && han(w[1].0))
            .map(|w| w[1].1 - w[0].1)
            .collect();
        let em = if steps.len() >= 3 {
            steps.sort_by(f32::total_cmp);
            steps[steps.len() / 2]
        } else {
            ems[k]
        };
        if em <= 0.0 {
            continue;
        }
        for i in 1..line.len().saturating_sub(1) {
            let Some(kind) = pair(line[i].0) else {
                continue;
            };
            if !(han(line[i - 1].0) && han(line[i + 1].0)) {
                continue;
            }
            let span = (line[i + 1].1 - line[i - 1].1) / em;
            let narrow = span < NARROW_SPAN;
            line[i].0 = if narrow {
                NARROW_WIDE[kind].0
            } else {
                NARROW_WIDE[kind].1
            };
            decided[k][i] = true;
            if narrow {
                votes[kind].0 += 1;
            } else {
                votes[kind].1 += 1;
            }
        }
    }
    for (line, decided) in lines.iter_mut().zip(decided) {
        for (c, done) in line.iter_mut().zip(decided) {
            if done {
                continue;
            }
            let Some(kind) = pair(c.0) else {
                continue;
            };
            let (narrow, wide) = votes[kind];
            if narrow > wide {
                c.0 = NARROW_WIDE[kind].0;
            } else if wide > narrow {
                c.0 = NARROW_WIDE[kind].1;
            }
        }
    }
}

/// Below this many ems between the characters on either side, a mark is the ASCII one.
/// Measured on the five scanned corpus notices (identical task texts, 2026-12-03): 1.5
/// loses two of chizhou-2018's ASCII commas and gains one of anhui's full-width ones; 1.8
/// loses 5 to 8 full-width commas in each of four notices.
const NARROW_SPAN: f32 = 1.65;

/// What follows a number that counts or dates something, not a task number.
const COUNTED: &str = "年月日号项个条次批家所万亿千百元人名期届周天件类级岁户亩台套篇份余多";

/// How much further than its estimated half width a line's last character may reach
/// (ems).
const LAST_REACH: f64 = 0.5;

/// A detected box's height over the type size of its text.
pub(crate) const BOX_PER_EM: f64 = 1.45;

fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[s.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        let mut chars: Vec<(char, f32, f32)> = s.chars().map(|c| (c, 0.0, 1.0)).collect();
        normalise(&mut chars);
        chars.into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn confusions_of_chinese_text_are_corrected() {
        assert_eq!(read("(-)持续做好"), "（一）持续做好");
        assert_eq!(read("(=)有效改进"), "（二）有效改进");
        assert_eq!(read("县(市、区)政府"), "县（市、区）政府");
        assert_eq!(read("国办函[2021]132号"), "国办函〔2021〕132号");
        assert_eq!(read("九府办函【2021]106号"), "九府办函〔2021〕106号");
        assert_eq!(read("国办函（2021）132号"), "国办函〔2021〕132号");
        assert_eq!(read("皖政办（2018]22号"), "皖政办〔2018〕22号");
        assert_eq!(read("（2021）年度"), "（2021）年度");
        assert_eq!(read("各县【市、区）人民政府"), "各县（市、区）人民政府");
        assert_eq!(read("各县[市、区)人民政府"), "各县（市、区）人民政府");
        assert!(COUNTED.contains('年') && !COUNTED.contains('认'));
        // ASCII between ASCII stays, and so do commas.
        assert_eq!(read("(a, b) 12:30"), "(a, b) 12:30");
        assert_eq!(read("优化,做好"), "优化,做好");
    }

    fn cleaned(s: &str) -> String {
        let mut chars: Vec<(char, f32, f32)> = s.chars().map(|c| (c, 0.0, 1.0)).collect();
        drop_tags(&mut chars);
        once(&mut chars);
        chars.into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn tags_and_doubled_marks_read_from_the_page_are_dropped() {
        assert_eq!(cleaned("<p>各地要充分发挥"), "各地要充分发挥");
        assert_eq!(cleaned("< p >（一）提高</span>质量"), "（一）提高质量");
        // Not a tag: comparisons, and a tag name that is no HTML formatting element.
        assert_eq!(cleaned("x<y，y>z"), "x<y，y>z");
        assert_eq!(cleaned("<x>做好"), "<x>做好");
        assert_eq!(cleaned("余额、、发行，，品种"), "余额、发行，品种");
        assert_eq!(cleaned("——交办"), "——交办");
        assert_eq!(cleaned("牵头部门]（单位）"), "牵头部门（单位）");
        assert_eq!(cleaned("[注]（见附件）"), "[注]（见附件）");
        // A closing tag's slash read as a stroke.
        assert_eq!(cleaned("负责落实<1p>"), "负责落实");
        assert_eq!(cleaned("负责落实<|p>"), "负责落实");
        assert_eq!(cleaned("<1x>"), "<1x>");
    }

    #[test]
    fn an_unsure_bracket_or_bar_opening_a_line_is_the_rule_beside_it() {
        let line = |s: &str, p: f32| -> String {
            let mut chars: Vec<(char, f32, f32)> = s.chars().map(|c| (c, 0.0, 0.99)).collect();
            chars[0].2 = p;
            once(&mut chars);
            chars.into_iter().map(|c| c.0).collect()
        };
        assert_eq!(line("[14", 0.44), "14");
        assert_eq!(line("|做好", 0.5), "做好");
        // Read sure, or closed on the line: kept.
        assert_eq!(line("[14", 0.95), "[14");
        assert_eq!(line("[2021]5号", 0.44), "[2021]5号");
    }

    /// Characters at the given centres (pixels), all read with probability 0.99.
    fn placed(text: &str, xs: &[f32]) -> Vec<(char, f32, f32)> {
        text.chars().zip(xs).map(|(c, &x)| (c, x, 0.99)).collect()
    }

    #[test]
    fn a_cell_closes_with_a_full_stop() {
        use crate::ingest::Block;
        let blocks = vec![
            Block::Table(vec![vec![
                "1".to_string(),
                "一、".to_string(),
                "防止不实炒作、".to_string(),
                "完成整改，".to_string(),
                "省政府办公厅，".to_string(),
                "提升水平。".to_string(),
            ]]),
            Block::Para("下一页接着，".to_string()),
        ];
        let out = closing_stops(blocks);
        assert_eq!(
            out[0],
            Block::Table(vec![vec![
                "1".to_string(),
                "一、".to_string(),
                "防止不实炒作。".to_string(),
                "完成整改。".to_string(),
                "省政府办公厅。".to_string(),
                "提升水平。".to_string(),
            ]])
        );
        assert_eq!(out[1], Block::Para("下一页接着，".to_string()));
    }

    #[test]
    fn punctuation_takes_the_width_it_is_printed_in() {
        // 40 pixels an em. `优化,做好`: the comma takes a third of an em; `优化，做好`: a
        // whole one. Read as `，` both times.
        let narrow = placed(
            "优化，做好工作",
            &[20.0, 60.0, 85.0, 113.0, 153.0, 193.0, 233.0],
        );
        let wide = placed(
            "优化，做好工作",
            &[20.0, 60.0, 90.0, 140.0, 180.0, 220.0, 260.0],
        );
        // A comma ending a line cannot be measured: it takes the page's measured width.
        let end = placed("公开，", &[20.0, 60.0, 90.0]);
        let mut lines = vec![narrow, end.clone()];
        punctuation_by_width(&mut lines, &[40.0, 40.0]);
        let text = |l: &[(char, f32, f32)]| l.iter().map(|c| c.0).collect::<String>();
        assert_eq!(text(&lines[0]), "优化,做好工作");
        assert_eq!(text(&lines[1]), "公开,");
        let mut lines = vec![wide, end.clone()];
        punctuation_by_width(&mut lines, &[40.0, 40.0]);
        assert_eq!(text(&lines[0]), "优化，做好工作");
        assert_eq!(text(&lines[1]), "公开，");
        // Brackets the same way: `办公厅(室)备案` printed with ASCII brackets.
        let mut lines = vec![placed(
            "办公厅（室）备案",
            &[20.0, 60.0, 100.0, 126.0, 146.0, 166.0, 192.0, 232.0],
        )];
        punctuation_by_width(&mut lines, &[40.0]);
        assert_eq!(text(&lines[0]), "办公厅(室)备案");
        // Nothing measured on the page: left as read.
        let mut lines = vec![end];
        punctuation_by_width(&mut lines, &[40.0]);
        assert_eq!(text(&lines[0]), "公开，");
    }

    fn line(text: &str) -> engine::TextLine {
        engine::TextLine {
            y0: 100.0,
            y1: 158.0,
            text_height: 58.0,
            chars: text
                .chars()
                .scan(100.0f32, |x, c| {
                    // Advances as printed: 40 pixels a Chinese character, 22 a digit.
                    let w = if is_wide(c) { 40.0 } else { 22.0 };
                    *x += w;
                    Some((c, *x - w / 2.0, 0.99))
                })
                .collect(),
        }
    }

    #[test]
    fn a_line_opening_with_a_task_number_keeps_it_apart() {
        let page = Gray {
            width: 1654,
            height: 2339,
            pixels: Vec::new(),
        };
        let texts = |l: &engine::TextLine| -> Vec<String> {
            let (p, _) = to_layout(&page, std::slice::from_ref(l), &[], 595.0, 842.0);
            p.glyphs.into_iter().map(|g| g.text).collect()
        };
        assert_eq!(texts(&line("7认真")), ["7", " 认", "真"]);
        assert_eq!(texts(&line("2022年")), ["2", "0", "2", "2", "年"]);
        assert_eq!(texts(&line("a b")), ["a", " b"]);
    }
}
