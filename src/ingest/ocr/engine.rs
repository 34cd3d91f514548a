//! The OCR engine: PaddleOCR's models run by ONNX Runtime, which is opened at run time
//! from the places [`locate`] lists: PP-OCRv4 mobile text detection and PP-OCRv6 small
//! recognition (as RapidOCR packages them; `scripts/install-ocr.sh`). The recogniser was
//! chosen by measurement on the scanned corpus (README "Scanned notices accuracy"): v6
//! small reads the blurred punctuation and the rarer characters (慑, 诿, 纾) that v4 mobile
//! lost, with the same input (48 pixels high) and a character list in its metadata.
//!
//! - **Detection** (DB, differentiable binarisation): the page, scaled so that its longer
//!   side is at most [`DET_MAX_SIDE`] pixels and both sides are multiples of 32, gives a
//!   map of the probability that each pixel is text. Pixels above [`DET_THRESHOLD`]
//!   (the map dilated by one pixel) form connected regions; a region whose mean
//!   probability is below [`BOX_THRESHOLD`] is dropped, the others are widened by
//!   `area × 1.6 / perimeter` on every side (the "unclip" that undoes the model's
//!   shrunken targets) and become the boxes of text lines. Pages are deskewed before
//!   (`raster::deskew`), so a line's box is axis-aligned.
//! - **Recognition** (CRNN with CTC): each line is cut out, scaled to 48 pixels high and
//!   read; the best class of each of the model's time steps (one per 8 input pixels),
//!   repeats and blanks removed, gives the characters, and the time step where each
//!   was read gives its position on the line; where the model was unsure of a Chinese
//!   character, its runner-up is taken when only it makes a word with its neighbours
//!   (`words`). The character list is the model's own
//!   (its metadata key `character`), a space last, as PaddleOCR reads it.
//!
//! Sessions run one page at a time each; pages go in parallel through a pool of
//! sessions ([`Engine::with_session`]), each single-threaded.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ort::session::Session;
use ort::value::Tensor;

use super::raster::{self, Gray, PixRect};
use super::words;

/// Is the recogniser sure of every character of a line?
fn sure(line: &TextLine) -> bool {
    line.chars.iter().all(|c| c.2 >= SURE_OF_WEAK)
}

/// Detection runs on the page scaled to at most this many pixels on its longer side.
pub(crate) const DET_MAX_SIDE: u32 = 2000;
/// A pixel of the probability map above this is text.
const DET_THRESHOLD: f32 = 0.3;
/// A region whose mean probability is below this is no line of text.
const BOX_THRESHOLD: f32 = 0.5;
/// A region whose mean probability is between this and [`BOX_THRESHOLD`] is a weak
/// detection: its line is kept only when the recogniser is sure of every character of
/// it ([`SURE_OF_WEAK`]). A task number alone in its cell (`1`, one thin stroke) is seen
/// so: the detector is trained on lines, and a lone narrow digit looks little like one.
const WEAK_BOX_THRESHOLD: f32 = 0.35;
/// The probability every character of a weakly detected line must have.
const SURE_OF_WEAK: f32 = 0.9;
/// A line must have one character read with at least this probability: one whose every
/// character the recogniser doubts is dust or the edge of a rule (a lone `山` read with
/// 0.32 on a scanned corpus page).
const SEEN: f32 = 0.5;
/// The margin around a cell's ink read by [`Engine::read_cells`], ems.
const CELL_MARGIN: f32 = 0.3;
/// The widening of a detected region: its area times this over its perimeter.
const UNCLIP_RATIO: f32 = 1.6;
/// Recognition's input height.
const REC_HEIGHT: u32 = 48;
/// A line cut out for recognition is at most this wide (pixels at [`REC_HEIGHT`]).
const REC_MAX_WIDTH: u32 = 3200;
/// The most regions one page may have (PaddleOCR's `max_candidates`).
const MAX_REGIONS: usize = 1000;

/// The model files in the engine's directory.
pub const DET_MODEL: &str = "det.onnx";
pub const REC_MODEL: &str = "rec.onnx";

/// Where the engine is, or what is missing.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub models: PathBuf,
    pub runtime: PathBuf,
}

/// The directories searched for the models, in order: `POLICYDIFF_OCR_MODELS`, then
/// `$XDG_DATA_HOME/policydiff/ocr` (or `~/.local/share/policydiff/ocr`), then
/// `/usr/local/share/policydiff/ocr` and `/usr/share/policydiff/ocr`; on Windows
/// `%LOCALAPPDATA%\policydiff\ocr`.
pub(crate) fn model_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("POLICYDIFF_OCR_MODELS").filter(|d| !d.is_empty()) {
        dirs.push(PathBuf::from(d));
        return dirs;
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        dirs.push(Path::new(&d).join("policydiff/ocr"));
    } else if let Some(h) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        dirs.push(Path::new(&h).join(".local/share/policydiff/ocr"));
    }
    if let Some(d) = std::env::var_os("LOCALAPPDATA").filter(|d| !d.is_empty()) {
        dirs.push(Path::new(&d).join("policydiff").join("ocr"));
    }
    dirs.push(PathBuf::from("/usr/local/share/policydiff/ocr"));
    dirs.push(PathBuf::from("/usr/share/policydiff/ocr"));
    dirs
}

/// The ONNX Runtime library's file names, most specific first.
const RUNTIME_NAMES: [&str; 3] = [
    "libonnxruntime.so",
    "onnxruntime.dll",
    "libonnxruntime.dylib",
];

/// Finds the models and the runtime library; `Err` says what was looked for.
pub(crate) fn locate() -> Result<Located, String> {
    let dirs = model_dirs();
    let Some(models) = dirs
        .iter()
        .find(|d| d.join(DET_MODEL).is_file() && d.join(REC_MODEL).is_file())
    else {
        let list: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        return Err(format!(
            "no OCR models ({DET_MODEL}, {REC_MODEL}) in {}",
            list.join(", ")
        ));
    };
    let runtime = match std::env::var_os("ORT_DYLIB_PATH").filter(|d| !d.is_empty()) {
        Some(p) => {
            let p = PathBuf::from(p);
            if !p.is_file() {
                return Err(format!(
                    "ORT_DYLIB_PATH names {}, which is not a file",
                    p.display()
                ));
            }
            p
        }
        None => match RUNTIME_NAMES
            .iter()
            .map(|n| models.join(n))
            .find(|p| p.is_file())
        {
            Some(p) => p,
            None => {
                return Err(format!(
                    "no ONNX Runtime library ({}) in {} and ORT_DYLIB_PATH is not set",
                    RUNTIME_NAMES[0],
                    models.display()
                ));
            }
        },
    };
    Ok(Located {
        models: models.clone(),
        runtime,
    })
}

/// One detection and one recognition session.
struct Sessions {
    det: Session,
    rec: Session,
}

/// The loaded engine: the runtime, a pool of sessions, the character list.
pub(crate) struct Engine {
    env: ort::environment::Environment,
    models: PathBuf,
    pool: Mutex<Vec<Sessions>>,
    chars: Vec<String>,
}

static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// The engine, loaded once per process; `Err` says what is missing or broken.
pub(crate) fn engine() -> Result<&'static Engine, String> {
    ENGINE.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Engine, String> {
    let at = locate()?;
    let env = ort::init_from(&at.runtime)
        .map_err(|e| {
            format!(
                "cannot load ONNX Runtime from {}: {e}",
                at.runtime.display()
            )
        })?
        .with_name("policydiff-ocr")
        .build()
        .map_err(|e| format!("cannot start ONNX Runtime: {e}"))?;
    let first = open_sessions(&env, &at.models)?;
    let meta = first
        .rec
        .metadata()
        .map_err(|e| format!("{}: {e}", at.models.join(REC_MODEL).display()))?;
    let Some(list) = meta.custom("character") else {
        return Err(format!(
            "{}: the recognition model carries no character list (metadata key `character`)",
            at.models.join(REC_MODEL).display()
        ));
    };
    drop(meta);
    let mut chars = vec![String::new()];
    chars.extend(list.lines().map(str::to_string));
    chars.push(" ".to_string());
    Ok(Engine {
        env,
        models: at.models,
        pool: Mutex::new(vec![first]),
        chars,
    })
}

fn open_sessions(env: &ort::environment::Environment, dir: &Path) -> Result<Sessions, String> {
    let open = |name: &str| -> Result<Session, String> {
        let path = dir.join(name);
        let fail = |e: ort::Error| format!("{}: cannot load the model: {e}", path.display());
        // No CPU arena and no memory pattern: recognition's input width changes with
        // every line, and an arena kept per session grows to the largest of them (the
        // peak was 2.1 GiB with two sessions); tensors are allocated as they are needed.
        Session::builder(env)
            .map_err(fail)?
            .with_execution_providers([ort::ep::CPU::default().with_arena_allocator(false).build()])
            .map_err(|e| fail(e.into()))?
            .with_memory_pattern(false)
            .map_err(|e| fail(e.into()))?
            .with_intra_threads(1)
            .map_err(|e| fail(e.into()))?
            .with_inter_threads(1)
            .map_err(|e| fail(e.into()))?
            .commit_from_file(&path)
            .map_err(fail)
    };
    Ok(Sessions {
        det: open(DET_MODEL)?,
        rec: open(REC_MODEL)?,
    })
}

/// One read line: its box (pixels of the page it was read from) and its characters.
#[derive(Debug, Clone)]
pub(crate) struct TextLine {
    pub y0: f32,
    pub y1: f32,
    /// Height of the text itself (the detected region before widening).
    pub text_height: f32,
    /// Each character with the x of its centre on the page and the model's probability.
    pub chars: Vec<(char, f32, f32)>,
}

impl Engine {
    /// Runs `f` with a session of the pool (a new one when all are busy).
    fn with_session<T>(&self, f: impl FnOnce(&mut Sessions) -> T) -> Result<T, String> {
        let taken = self.pool.lock().map_err(|_| "OCR engine poisoned")?.pop();
        let mut s = match taken {
            Some(s) => s,
            None => open_sessions(&self.env, &self.models)?,
        };
        let out = f(&mut s);
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(s);
        }
        Ok(out)
    }

    /// The lines of text on a page image, top to bottom; `rules` are the page's ruling
    /// lines, whose cells holding ink no detected line covers are read by their ink
    /// ([`Engine::read_cells`]).
    pub(crate) fn read(&self, page: &Gray, rules: &[PixRect]) -> Result<Vec<TextLine>, String> {
        self.with_session(|s| {
            let boxes = detect(&mut s.det, page)?;
            let mut lines = Vec::with_capacity(boxes.len());
            let mut kept = Vec::with_capacity(boxes.len());
            for b in boxes {
                if let Some(line) = self.recognise(&mut s.rec, page, b)?
                    && (b.score >= BOX_THRESHOLD || sure(&line))
                    && line.chars.iter().any(|c| c.2 >= SEEN)
                {
                    lines.push(line);
                    kept.push(b);
                }
            }
            for line in self.read_cells(&mut s.rec, page, rules, &kept)? {
                // In reading order: after the lines whose middle is above its own.
                let mid = line.y0 + line.y1;
                let at = lines.partition_point(|l| l.y0 + l.y1 <= mid);
                lines.insert(at, line);
            }
            Ok(lines)
        })?
    }

    /// Table cells that hold ink but no detected line, read as one line each: the ink's
    /// bounding box widened by [`CELL_MARGIN`] em on either side (within the cell) and
    /// as high as the page's detected lines, so that the recogniser sees it as it sees
    /// them. A task number alone in its cell (a lone `1`) can be too little like a line
    /// of text for the detector to find at all. What is read is kept only when it holds
    /// a letter, digit or Chinese character and the recogniser is sure of every
    /// character ([`SURE_OF_WEAK`]).
    fn read_cells(
        &self,
        rec: &mut Session,
        page: &Gray,
        rules: &[PixRect],
        kept: &[DetBox],
    ) -> Result<Vec<TextLine>, String> {
        let mut heights: Vec<f32> = kept.iter().map(|b| b.text_height).collect();
        if heights.is_empty() || rules.is_empty() {
            return Ok(Vec::new());
        }
        heights.sort_by(f32::total_cmp);
        let height = heights[heights.len() / 2];
        let em = height / super::BOX_PER_EM as f32;
        let read: Vec<PixRect> = kept
            .iter()
            .map(|b| PixRect {
                x0: b.x0,
                y0: b.y0,
                x1: b.x1,
                y1: b.y1,
            })
            .collect();
        let mut out = Vec::new();
        for (ink, inside) in raster::unread_ink(page, rules, &read, em) {
            let mid = (ink.y0 + ink.y1) / 2.0;
            let half = (height / 2.0).max((ink.y1 - ink.y0) / 2.0 + CELL_MARGIN * em);
            let b = DetBox {
                x0: (ink.x0 - CELL_MARGIN * em).max(inside.x0),
                x1: (ink.x1 + CELL_MARGIN * em).min(inside.x1),
                y0: (mid - half).max(inside.y0),
                y1: (mid + half).min(inside.y1),
                text_height: height,
                score: 0.0,
            };
            if let Some(line) = self.recognise(rec, page, b)?
                && sure(&line)
                && line.chars.iter().any(|c| c.0.is_alphanumeric())
            {
                out.push(line);
            }
        }
        Ok(out)
    }

    fn recognise(
        &self,
        rec: &mut Session,
        page: &Gray,
        b: DetBox,
    ) -> Result<Option<TextLine>, String> {
        let (x0, y0) = (b.x0.max(0.0).floor() as u32, b.y0.max(0.0).floor() as u32);
        let x1 = (b.x1.ceil() as u32).min(page.width);
        let y1 = (b.y1.ceil() as u32).min(page.height);
        if x1 <= x0 + 1 || y1 <= y0 + 1 {
            return Ok(None);
        }
        let (cw, ch) = (x1 - x0, y1 - y0);
        let scale = REC_HEIGHT as f32 / ch as f32;
        let w = ((cw as f32 * scale).ceil() as u32).clamp(8, REC_MAX_WIDTH);
        let sx = cw as f32 / w as f32;
        let sy = ch as f32 / REC_HEIGHT as f32;
        let plane = (w * REC_HEIGHT) as usize;
        let mut input = vec![0f32; plane * 3];
        for y in 0..REC_HEIGHT {
            for x in 0..w {
                let v = page.sample(
                    x0 as f32 + (x as f32 + 0.5) * sx,
                    y0 as f32 + (y as f32 + 0.5) * sy,
                );
                let n = (v / 255.0 - 0.5) / 0.5;
                let i = (y * w + x) as usize;
                input[i] = n;
                input[plane + i] = n;
                input[2 * plane + i] = n;
            }
        }
        let tensor = Tensor::from_array(([1usize, 3, REC_HEIGHT as usize, w as usize], input))
            .map_err(|e| format!("OCR recognition input: {e}"))?;
        let out = rec
            .run(ort::inputs![tensor])
            .map_err(|e| format!("OCR recognition failed: {e}"))?;
        let (shape, probs) = out[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| format!("OCR recognition output: {e}"))?;
        let (steps, classes) = (shape[1] as usize, shape[2] as usize);
        if steps == 0 || classes == 0 || probs.len() < steps * classes {
            return Ok(None);
        }
        let step_px = w as f32 / steps as f32 * sx;
        let mut chars = Vec::new();
        // Per character read, the runner-up class at its surest step.
        let mut alts: Vec<Option<(char, f32)>> = Vec::new();
        let mut last = 0usize;
        for t in 0..steps {
            let row = &probs[t * classes..(t + 1) * classes];
            let (mut best, mut p, mut second, mut p2) = (0usize, f32::MIN, 0usize, f32::MIN);
            for (i, &v) in row.iter().enumerate() {
                if v > p {
                    (second, p2) = (best, p);
                    (best, p) = (i, v);
                } else if v > p2 {
                    (second, p2) = (i, v);
                }
            }
            let c = self.chars.get(best).and_then(|s| s.chars().next());
            let c2 = self.chars.get(second).and_then(|s| s.chars().next());
            let x = x0 as f32 + (t as f32 + 0.5) * step_px;
            if best != 0
                && best != last
                && let Some(c) = c
            {
                chars.push((c, x, 0.0));
                alts.push(None);
            }
            // The character's probability: at the step of its run where the model was
            // surest of it.
            if best != 0
                && c.is_some()
                && let Some(ch) = chars.last_mut()
                && p > ch.2
            {
                ch.2 = p;
                if let Some(a) = alts.last_mut() {
                    *a = c2.filter(|_| second != 0).map(|c| (c, p2));
                }
            }
            last = best;
        }
        words::correct(&mut chars, &alts);
        // Leading and trailing spaces say nothing.
        while chars.first().is_some_and(|c| c.0 == ' ') {
            chars.remove(0);
        }
        while chars.last().is_some_and(|c| c.0 == ' ') {
            chars.pop();
        }
        if chars.is_empty() {
            return Ok(None);
        }
        Ok(Some(TextLine {
            y0: b.y0,
            y1: b.y1,
            text_height: b.text_height,
            chars,
        }))
    }
}

/// A detected line, page pixels.
#[derive(Debug, Clone, Copy)]
struct DetBox {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text_height: f32,
    /// The region's mean probability of being text.
    score: f32,
}

fn detect(det: &mut Session, page: &Gray) -> Result<Vec<DetBox>, String> {
    let long = page.width.max(page.height) as f32;
    let ratio = (DET_MAX_SIDE as f32 / long).min(1.0);
    let round32 = |v: u32| ((v as f32 * ratio / 32.0).round() as u32).max(1) * 32;
    let (w, h) = (round32(page.width), round32(page.height));
    let (sx, sy) = (page.width as f32 / w as f32, page.height as f32 / h as f32);
    let plane = (w * h) as usize;
    let mut input = vec![0f32; plane * 3];
    let small = page.resized(w, h);
    for (i, &v) in small.pixels.iter().enumerate() {
        let n = (v as f32 / 255.0 - 0.5) / 0.5;
        input[i] = n;
        input[plane + i] = n;
        input[2 * plane + i] = n;
    }
    drop(small);
    let tensor = Tensor::from_array(([1usize, 3, h as usize, w as usize], input))
        .map_err(|e| format!("OCR detection input: {e}"))?;
    let out = det
        .run(ort::inputs![tensor])
        .map_err(|e| format!("OCR detection failed: {e}"))?;
    let (shape, prob) = out[0]
        .try_extract_tensor::<f32>()
        .map_err(|e| format!("OCR detection output: {e}"))?;
    let (mh, mw) = (shape[2] as usize, shape[3] as usize);
    if mh * mw > prob.len() {
        return Err("OCR detection output is smaller than its shape".to_string());
    }
    let regions = regions(prob, mw, mh);
    let mut boxes: Vec<DetBox> = regions
        .into_iter()
        .filter_map(|r| {
            let bw = (r.x1 - r.x0 + 1) as f32;
            let bh = (r.y1 - r.y0 + 1) as f32;
            let score = r.sum / (r.count as f32);
            if bw.min(bh) < 3.0 || score < WEAK_BOX_THRESHOLD {
                return None;
            }
            let d = bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
            Some(DetBox {
                x0: ((r.x0 as f32 - d) * sx).max(0.0),
                y0: ((r.y0 as f32 - d) * sy).max(0.0),
                x1: ((r.x1 as f32 + 1.0 + d) * sx).min(page.width as f32),
                y1: ((r.y1 as f32 + 1.0 + d) * sy).min(page.height as f32),
                text_height: (bh + 2.0 * d) * sy,
                score,
            })
        })
        .collect();
    // Reading order: top to bottom, then left to right.
    boxes.sort_by(|a, b| {
        (a.y0 + a.y1)
            .total_cmp(&(b.y0 + b.y1))
            .then(a.x0.total_cmp(&b.x0))
    });
    Ok(boxes)
}

/// A connected region of the thresholded probability map.
#[derive(Debug, Clone, Copy)]
struct Region {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    sum: f32,
    count: usize,
}

/// Connected (8-neighbour) regions of the map above [`DET_THRESHOLD`], dilated by one
/// pixel right and down as PaddleOCR's 2×2 kernel does; the mean is over the map itself.
fn regions(prob: &[f32], w: usize, h: usize) -> Vec<Region> {
    let on = |x: usize, y: usize| prob[y * w + x] > DET_THRESHOLD;
    let mut bitmap = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            bitmap[y * w + x] = on(x, y)
                || (x > 0 && on(x - 1, y))
                || (y > 0 && on(x, y - 1))
                || (x > 0 && y > 0 && on(x - 1, y - 1));
        }
    }
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !bitmap[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut r = Region {
            x0: usize::MAX,
            y0: usize::MAX,
            x1: 0,
            y1: 0,
            sum: 0.0,
            count: 0,
        };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            r.x0 = r.x0.min(x);
            r.x1 = r.x1.max(x);
            r.y0 = r.y0.min(y);
            r.y1 = r.y1.max(y);
            r.sum += prob[i];
            r.count += 1;
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if bitmap[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push(r);
        if out.len() >= MAX_REGIONS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_connected_components_with_their_mean() {
        // Two blobs on a 6×3 map: one at the left (2 pixels), one at the right.
        let mut p = vec![0.0f32; 18];
        p[0] = 0.9;
        p[1] = 0.7;
        p[5] = 0.4;
        p[17] = 0.2; // below the threshold: not a region of its own
        let r = regions(&p, 6, 3);
        assert_eq!(r.len(), 2, "{r:?}");
        // The left blob dilated takes in (2,0), (0,1), (1,1), (2,1).
        assert_eq!((r[0].x0, r[0].y0, r[0].x1, r[0].y1), (0, 0, 2, 1));
        assert_eq!((r[1].x0, r[1].x1), (5, 5));
    }
}
