//! Page images: decoding (bounded), deskewing, and the ruling lines of printed tables.
//!
//! - **Decoding**: JPEG, PNG and TIFF through the `image` crate under [`Limits`] (the
//!   pixels a page may have, and the memory a decoder may take), so a file that claims
//!   20,000 × 20,000 pixels is refused before anything is allocated. Raw samples (a PDF's
//!   FlateDecode image) are checked against their stated size.
//! - **Deskew**: the angle within ±[`MAX_SKEW`]° at which the rows of dark pixels of a
//!   reduced copy are most unequal (text lines and rules then fall on few rows); the page
//!   is turned back by it when it is more than a twentieth of a degree.
//! - **Rules**: horizontal and vertical runs of dark pixels at least [`MIN_RULE`] pixels
//!   long (short gaps bridged, as a scan breaks a printed line), joined across
//!   neighbouring rows or columns into thin rectangles.

use image::{DynamicImage, ImageReader, Limits};

/// The most pixels one page image may have (a 300-dpi A3 page is 17.4 million).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The largest skew corrected, degrees.
const MAX_SKEW: f32 = 3.0;
/// A dark run at least this long (pixels at the page's resolution) may be a rule.
const MIN_RULE: usize = 60;
/// A rule is at most this thick (pixels).
const MAX_RULE_THICKNESS: usize = 8;
/// Pixels darker than this are ink.
const INK: u8 = 140;

/// An 8-bit grey image, rows top to bottom.
#[derive(Debug, Clone)]
pub(crate) struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// An axis-aligned rectangle, pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PixRect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl PixRect {
    /// The rectangle of whole pixels from (`x0`, `y0`) up to (`x1`, `y1`).
    fn of_pixels(x0: u32, y0: u32, x1: u32, y1: u32) -> PixRect {
        PixRect {
            x0: x0 as f32,
            y0: y0 as f32,
            x1: x1 as f32,
            y1: y1 as f32,
        }
    }
}

impl Gray {
    fn at(&self, x: u32, y: u32) -> u8 {
        self.pixels[(y * self.width + x) as usize]
    }

    /// Bilinear sample at a point (pixel centres at +0.5); white outside.
    pub(crate) fn sample(&self, x: f32, y: f32) -> f32 {
        let (fx, fy) = (x - 0.5, y - 0.5);
        if fx < -1.0 || fy < -1.0 || fx > self.width as f32 || fy > self.height as f32 {
            return 255.0;
        }
        let (x0, y0) = (fx.floor(), fy.floor());
        let (ax, ay) = (fx - x0, fy - y0);
        let get = |x: f32, y: f32| -> f32 {
            if x < 0.0 || y < 0.0 || x >= self.width as f32 || y >= self.height as f32 {
                255.0
            } else {
                self.at(x as u32, y as u32) as f32
            }
        };
        let top = get(x0, y0) * (1.0 - ax) + get(x0 + 1.0, y0) * ax;
        let bottom = get(x0, y0 + 1.0) * (1.0 - ax) + get(x0 + 1.0, y0 + 1.0) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// A copy scaled to `w` × `h` (box filter when shrinking, bilinear when growing).
    pub(crate) fn resized(&self, w: u32, h: u32) -> Gray {
        let (sx, sy) = (self.width as f32 / w as f32, self.height as f32 / h as f32);
        let mut pixels = Vec::with_capacity((w * h) as usize);
        for y in 0..h {
            for x in 0..w {
                let v = if sx > 1.0 || sy > 1.0 {
                    let (ax, bx) = ((x as f32 * sx) as u32, ((x + 1) as f32 * sx) as u32);
                    let (ay, by) = ((y as f32 * sy) as u32, ((y + 1) as f32 * sy) as u32);
                    let bx = bx.clamp(ax + 1, self.width);
                    let by = by.clamp(ay + 1, self.height);
                    let mut sum = 0u32;
                    for yy in ay..by {
                        for xx in ax..bx {
                            sum += self.at(xx, yy) as u32;
                        }
                    }
                    (sum / ((bx - ax) * (by - ay))) as f32
                } else {
                    self.sample((x as f32 + 0.5) * sx, (y as f32 + 0.5) * sy)
                };
                pixels.push(v.round().clamp(0.0, 255.0) as u8);
            }
        }
        Gray {
            width: w,
            height: h,
            pixels,
        }
    }

    /// The image turned by `degrees` (counter-clockwise positive) about its centre, white
    /// where nothing was.
    pub(crate) fn rotated(&self, degrees: f32) -> Gray {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f32 / 2.0, self.height as f32 / 2.0);
        let mut pixels = Vec::with_capacity(self.pixels.len());
        for y in 0..self.height {
            for x in 0..self.width {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                // Inverse rotation: where in the source this pixel comes from.
                let (srcx, srcy) = (c * dx - s * dy + cx, s * dx + c * dy + cy);
                pixels.push(self.sample(srcx, srcy).round() as u8);
            }
        }
        Gray {
            width: self.width,
            height: self.height,
            pixels,
        }
    }
}

/// Decodes an encoded page image (JPEG, PNG, TIFF) into grey, within the limits.
pub(crate) fn decode(bytes: &[u8]) -> Result<Gray, String> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let mut limits = Limits::default();
    let side = 60_000u32;
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    check_size(w, h)?;
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| format!("cannot decode the image: {}", first_line(&e.to_string())))?;
    Ok(to_gray(img))
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Refuses a page of more than [`MAX_PIXELS`] pixels.
pub(crate) fn check_size(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 {
        return Err("the image is empty (0 pixels wide or high)".to_string());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "a page image of {w} × {h} pixels is larger than the {} million pixels a page may have",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

fn to_gray(img: DynamicImage) -> Gray {
    let g = img.into_luma8();
    Gray {
        width: g.width(),
        height: g.height(),
        pixels: g.into_raw(),
    }
}

/// Raw samples (8 bits; 1 grey or 3 RGB components, or 1-bit grey) → grey.
pub(crate) fn from_samples(
    w: u32,
    h: u32,
    components: u32,
    bits: u32,
    data: &[u8],
) -> Result<Gray, String> {
    check_size(w, h)?;
    let (wu, hu) = (w as usize, h as usize);
    let row = match (bits, components) {
        (8, 1 | 3 | 4) => wu * components as usize,
        (1, 1) => wu.div_ceil(8),
        _ => {
            return Err(format!(
                "an image of {components} colour components at {bits} bits is not read"
            ));
        }
    };
    if data.len() < row * hu {
        return Err(format!(
            "the image data is cut short ({} bytes for {w} × {h} pixels)",
            data.len()
        ));
    }
    let mut pixels = Vec::with_capacity(wu * hu);
    for y in 0..hu {
        let r = &data[y * row..(y + 1) * row];
        for x in 0..wu {
            pixels.push(match (bits, components) {
                (1, _) => {
                    if r[x / 8] & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                }
                (_, 1) => r[x],
                (_, 3) => {
                    let p = &r[x * 3..x * 3 + 3];
                    ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8
                }
                _ => {
                    // CMYK: ink adds up.
                    let p = &r[x * 4..x * 4 + 4];
                    let k = p.iter().map(|&v| v as u32).max().unwrap_or(0);
                    (255 - k.min(255)) as u8
                }
            });
        }
    }
    Ok(Gray {
        width: w,
        height: h,
        pixels,
    })
}

/// The page's skew in degrees (counter-clockwise positive), to within 0.05°.
pub(crate) fn skew(page: &Gray) -> f32 {
    // A reduced copy, at most 1000 pixels wide: ink pixels and their positions.
    let f = (page.width as f32 / 1000.0).max(1.0);
    let (w, h) = (
        ((page.width as f32 / f) as u32).max(1),
        ((page.height as f32 / f) as u32).max(1),
    );
    let small = page.resized(w, h);
    let ink: Vec<(f32, f32)> = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| small.at(x, y) < INK)
        .map(|(x, y)| (x as f32 - w as f32 / 2.0, y as f32 - h as f32 / 2.0))
        .collect();
    if ink.len() < 100 {
        return 0.0;
    }
    let score = |deg: f32| -> f64 {
        let (s, c) = deg.to_radians().sin_cos();
        let rows = (h as usize) * 2 + 2;
        let mut hist = vec![0u32; rows];
        for &(x, y) in &ink {
            // The row the point falls on once the page is turned back by `deg`.
            let r = (y * c + x * s) + h as f32;
            if r >= 0.0 && (r as usize) < rows {
                hist[r as usize] += 1;
            }
        }
        hist.iter().map(|&v| f64::from(v) * f64::from(v)).sum()
    };
    let search = |from: f32, to: f32, step: f32| -> f32 {
        let mut best = (f64::MIN, 0.0f32);
        let mut a = from;
        while a <= to + 1e-4 {
            let s = score(a);
            if s > best.0 {
                best = (s, a);
            }
            a += step;
        }
        best.1
    };
    let coarse = search(-MAX_SKEW, MAX_SKEW, 0.25);
    search(coarse - 0.25, coarse + 0.25, 0.05)
}

/// The page turned straight, and the angle it was turned by.
pub(crate) fn deskew(page: Gray) -> (Gray, f32) {
    let a = skew(&page);
    if a.abs() < 0.05 {
        return (page, 0.0);
    }
    (page.rotated(-a), a)
}

/// Removes dust: connected specks of ink (8-neighbour) of at most [`SPECK_AREA`] pixels
/// within a [`SPECK_SIDE`]-pixel square, scaled to the page's width against 200 dpi A4
/// (1654 pixels). The smallest mark of a notice (a full stop, a decimal point at 10 pt)
/// is larger; a scanner's dust, read as `·` or `.` between characters, is not.
pub(crate) fn despeckle(page: &mut Gray) {
    let (w, h) = (page.width as usize, page.height as usize);
    let scale = (w as f32 / 1654.0).max(0.25);
    let max_area = ((SPECK_AREA as f32) * scale * scale).round().max(1.0) as usize;
    let max_side = ((SPECK_SIDE as f32) * scale).round().max(1.0) as usize;
    let paper = paper_tone(page);
    let faint = ((u16::from(paper) + u16::from(INK)) / 2) as u8;
    let max_faint_side = ((FAINT_SIDE as f32) * scale).round().max(1.0) as usize;
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut comp = Vec::new();
    for start in 0..w * h {
        if seen[start] || page.pixels[start] >= INK {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        comp.clear();
        let mut too_big = false;
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            if !too_big {
                comp.push(i);
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
                too_big = comp.len() > max_area || x1 - x0 >= max_side || y1 - y0 >= max_side;
            }
            for (dx, dy) in [
                (-1i64, -1i64),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if !seen[j] && page.pixels[j] < INK {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        // A dark core as small as dust may be the one dark spot of a lighter mark (a
        // blurred `。`'s ring, a thin `、`): it is dust only when its faint ink, what is
        // darker than halfway from paper to ink, is as small too.
        if !too_big && !faint_is_small(page, &comp, faint, max_faint_side) {
            too_big = true;
        }
        if !too_big {
            // The speck and its grey fringe (JPEG's) become paper.
            for &i in &comp {
                let (x, y) = (i % w, i / w);
                for yy in y.saturating_sub(1)..(y + 2).min(h) {
                    for xx in x.saturating_sub(1)..(x + 2).min(w) {
                        let k = yy * w + xx;
                        // Within a pixel of the speck nothing else is ink (it would
                        // belong to the speck): only its fringe.
                        page.pixels[k] = page.pixels[k].max(paper);
                    }
                }
                page.pixels[i] = paper;
            }
        }
    }
}

/// The largest speck removed: pixels, and side of its bounding square (at 200 dpi A4).
const SPECK_AREA: usize = 4;
const SPECK_SIDE: usize = 3;
/// The widest faint ink around a speck that is still dust (pixels at 200 dpi A4). On the
/// scanned corpus pages a speck of dust, with the fringe its JPEG block gives it, is at
/// most 4 pixels across; a dark spot in a blurred `。` or `、` belongs to faint ink 9 or
/// more across.
const FAINT_SIDE: usize = 6;

/// Is the faint ink (darker than `faint`) connected to the pixels `core` no wider or
/// higher than `max_side`? A flood fill that stops as soon as it is not.
fn faint_is_small(page: &Gray, core: &[usize], faint: u8, max_side: usize) -> bool {
    let (w, h) = (page.width as usize, page.height as usize);
    let Some(&first) = core.first() else {
        return true;
    };
    let (mut x0, mut y0, mut x1, mut y1) = (first % w, first / w, first % w, first / w);
    let mut seen: Vec<usize> = core.to_vec();
    let mut stack: Vec<usize> = core.to_vec();
    while let Some(i) = stack.pop() {
        let (x, y) = (i % w, i / w);
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
        if x1 - x0 >= max_side || y1 - y0 >= max_side {
            return false;
        }
        for (dx, dy) in [
            (-1i64, 0i64),
            (1, 0),
            (0, -1),
            (0, 1),
            (-1, -1),
            (1, -1),
            (-1, 1),
            (1, 1),
        ] {
            let (nx, ny) = (x as i64 + dx, y as i64 + dy);
            if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                continue;
            }
            let j = ny as usize * w + nx as usize;
            if page.pixels[j] < faint && !seen.contains(&j) {
                seen.push(j);
                stack.push(j);
            }
        }
    }
    true
}

/// The commonest grey of a page: its paper.
fn paper_tone(page: &Gray) -> u8 {
    let mut hist = [0usize; 256];
    for &p in &page.pixels {
        hist[p as usize] += 1;
    }
    (0..256).max_by_key(|&v| hist[v]).unwrap_or(255) as u8
}

/// Horizontal and vertical ruling lines.
pub(crate) fn rules(page: &Gray) -> Vec<PixRect> {
    let (w, h) = (page.width as usize, page.height as usize);
    let ink = |x: usize, y: usize| page.pixels[y * w + x] < INK;
    let mut out = Vec::new();
    // Horizontal: runs along rows.
    let mut runs = Vec::new();
    for y in 0..h {
        for (a, b) in line_runs(w, |x| ink(x, y)) {
            runs.push((y, a, b));
        }
    }
    out.extend(join_runs(runs).into_iter().map(|(p0, p1, a, b)| PixRect {
        x0: a as f32,
        x1: b as f32,
        y0: p0 as f32,
        y1: p1 as f32 + 1.0,
    }));
    // Vertical: runs along columns.
    let mut runs = Vec::new();
    for x in 0..w {
        for (a, b) in line_runs(h, |y| ink(x, y)) {
            runs.push((x, a, b));
        }
    }
    out.extend(join_runs(runs).into_iter().map(|(p0, p1, a, b)| PixRect {
        x0: p0 as f32,
        x1: p1 as f32 + 1.0,
        y0: a as f32,
        y1: b as f32,
    }));
    out
}

/// Runs of ink at least [`MIN_RULE`] long along one row or column, gaps of up to 3
/// pixels bridged: (start, end) with end exclusive.
fn line_runs(len: usize, ink: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_ink = 0usize;
    for i in 0..len {
        if ink(i) {
            if start.is_none() {
                start = Some(i);
            }
            last_ink = i;
        } else if let Some(s) = start
            && i - last_ink > 3
        {
            if last_ink + 1 - s >= MIN_RULE {
                out.push((s, last_ink + 1));
            }
            start = None;
        }
    }
    if let Some(s) = start
        && last_ink + 1 - s >= MIN_RULE
    {
        out.push((s, last_ink + 1));
    }
    out
}

/// Runs on neighbouring rows (or columns) that overlap along the line are one rule:
/// (first row, last row, start, end). A group thicker than [`MAX_RULE_THICKNESS`] is a
/// filled area (a dark band, a photo), not a rule, and is dropped.
fn join_runs(runs: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize, usize)> {
    // Open groups: (first, last, start, end).
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done = Vec::new();
    for (p, a, b) in runs {
        // Close groups that ended more than one row or column ago.
        let mut i = 0;
        while i < open.len() {
            if open[i].1 + 1 < p {
                done.push(open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        if let Some(g) = open
            .iter_mut()
            .find(|g| g.1 + 1 >= p && g.1 < p && a < g.3 && b > g.2)
        {
            g.1 = p;
            g.2 = g.2.min(a);
            g.3 = g.3.max(b);
        } else {
            open.push((p, p, a, b));
        }
    }
    done.extend(open);
    done.retain(|g| g.1 - g.0 < MAX_RULE_THICKNESS);
    done.sort_by_key(|g| (g.0, g.2));
    done
}

/// The most table cells one page reads by their ink ([`unread_ink`]).
pub(crate) const MAX_INK_CELLS: usize = 32;
/// Rules' ends or positions this close (pixels) are the same line of the table.
const CELL_TOLERANCE: f32 = 6.0;
/// A side of a cell is drawn when rules cover at least this share of it.
const SIDE_COVERED: f32 = 0.9;
/// The most rule positions across or down a page whose cells are looked for (a notice's
/// table page has a few dozen).
const MAX_POSITIONS: usize = 200;
/// Pixels left between a cell's rules and the ink looked for inside it.
const CELL_PAD: f32 = 3.0;

/// The cells of the ruled tables on a page. A cell's top-left corner is where a
/// horizontal rule position meets a vertical one drawn downwards from it; its right side
/// is the next vertical rule drawn along its first row, its bottom the next horizontal
/// rule drawn across it, and its left and right sides must be drawn all the way down. So
/// a cell spanning rows (a task number beside a requirement split in two) or the column
/// positions of another table on the page (positions are the page's, not the table's) is
/// one cell; a cell whose sides are not drawn is not among them.
pub(crate) fn cells(rules: &[PixRect]) -> Vec<PixRect> {
    let horizontal: Vec<&PixRect> = rules.iter().filter(|r| r.x1 - r.x0 > r.y1 - r.y0).collect();
    let vertical: Vec<&PixRect> = rules.iter().filter(|r| r.y1 - r.y0 > r.x1 - r.x0).collect();
    let ys = positions(horizontal.iter().map(|r| (r.y0 + r.y1) / 2.0));
    let xs = positions(vertical.iter().map(|r| (r.x0 + r.x1) / 2.0));
    // The rules at a position, along it: (start, end, near edge, far edge) where the
    // edges are the rules' extent across it.
    let at = |rs: &[&PixRect], p: f32, across: bool| -> Vec<(f32, f32, f32, f32)> {
        rs.iter()
            .filter_map(|r| {
                let (c, a, b, e0, e1) = if across {
                    ((r.x0 + r.x1) / 2.0, r.y0, r.y1, r.x0, r.x1)
                } else {
                    ((r.y0 + r.y1) / 2.0, r.x0, r.x1, r.y0, r.y1)
                };
                ((c - p).abs() <= CELL_TOLERANCE).then_some((a, b, e0, e1))
            })
            .collect()
    };
    // A page ruled more finely than any notice's table (a hostile grid) has no cells: the
    // search below looks at each corner's rows and columns, so its time is bounded by
    // the cube of this.
    if ys.len() > MAX_POSITIONS || xs.len() > MAX_POSITIONS {
        return Vec::new();
    }
    let drawn = |side: &[(f32, f32, f32, f32)], a: f32, b: f32| {
        covered(side, a, b) >= SIDE_COVERED * (b - a)
    };
    let rows: Vec<_> = ys.iter().map(|&y| at(&horizontal, y, false)).collect();
    let columns: Vec<_> = xs.iter().map(|&x| at(&vertical, x, true)).collect();
    let mut out = Vec::new();
    for i in 0..ys.len().saturating_sub(1) {
        for k in 0..xs.len() {
            // The first row below the corner: the left side must go down it.
            if !drawn(&columns[k], ys[i], ys[i + 1]) {
                continue;
            }
            let Some(k2) = (k + 1..xs.len()).find(|&k2| drawn(&columns[k2], ys[i], ys[i + 1]))
            else {
                continue;
            };
            let v = [xs[k], xs[k2]];
            let top = &rows[i];
            if !drawn(top, v[0], v[1]) {
                continue;
            }
            let Some(j) = (i + 1..ys.len()).find(|&j| drawn(&rows[j], v[0], v[1])) else {
                continue;
            };
            let bottom = &rows[j];
            let w = [ys[i], ys[j]];
            let (left, right) = (&columns[k], &columns[k2]);
            if !(drawn(left, w[0], w[1]) && drawn(right, w[0], w[1])) {
                continue;
            }
            // Inside the rules' inner edges where they cross the cell's span.
            let edge = |side: &[(f32, f32, f32, f32)], a: f32, b: f32, far: bool| {
                side.iter()
                    .filter(|s| s.0 < b && s.1 > a)
                    .map(|s| if far { s.3 } else { s.2 })
                    .fold(None, |m: Option<f32>, e| {
                        Some(match m {
                            None => e,
                            Some(m) if far => m.max(e),
                            Some(m) => m.min(e),
                        })
                    })
            };
            let (Some(x0), Some(x1), Some(y0), Some(y1)) = (
                edge(left, w[0], w[1], true),
                edge(right, w[0], w[1], false),
                edge(top, v[0], v[1], true),
                edge(bottom, v[0], v[1], false),
            ) else {
                continue;
            };
            if x1 > x0 && y1 > y0 {
                out.push(PixRect { x0, y0, x1, y1 });
            }
        }
    }
    out
}

/// Positions (sorted) of rules' centre lines, those within [`CELL_TOLERANCE`] of the
/// previous one merged into it.
fn positions(centres: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = centres.collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for c in v {
        match out.last_mut() {
            Some((sum, n)) if c - *sum / *n as f32 <= CELL_TOLERANCE => {
                *sum += c;
                *n += 1;
            }
            _ => out.push((c, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// The length of `a..b` that the spans cover (their union).
fn covered(spans: &[(f32, f32, f32, f32)], a: f32, b: f32) -> f32 {
    let mut v: Vec<(f32, f32)> = spans
        .iter()
        .map(|s| (s.0.max(a - CELL_TOLERANCE), s.1.min(b + CELL_TOLERANCE)))
        .filter(|s| s.1 > s.0)
        .collect();
    v.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut sum, mut end) = (0.0, f32::MIN);
    for (s, e) in v {
        let s = s.max(end);
        if e > s {
            sum += e - s;
            end = e;
        }
    }
    sum.min(b - a + 2.0 * CELL_TOLERANCE)
}

/// The ink of table cells that no read line covers: per such cell (at most
/// [`MAX_INK_CELLS`] a page, top to bottom), the bounding box of its ink and the cell's
/// inside (within its rules). `read` are the boxes of the lines read; `em` the type size
/// on the page (pixels). A cell is skipped when its ink is less than a thirtieth of an
/// em squared (dust, a JPEG fringe; a lone `1` at 10 pt is twice that), less than a third
/// of an em high (a rule's fragment, an underline), or touches the cell's inside's edge
/// (a rule not quite straight, a neighbour's text).
pub(crate) fn unread_ink(
    page: &Gray,
    rules: &[PixRect],
    read: &[PixRect],
    em: f32,
) -> Vec<(PixRect, PixRect)> {
    if em <= 0.0 {
        return Vec::new();
    }
    let min_ink = (em * em / 30.0).max(4.0) as usize;
    let overlaps =
        |a: &PixRect, b: &PixRect| a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    let mut out = Vec::new();
    let all = cells(rules);
    if std::env::var_os("PD_TRACE").is_some() {
        for c in &all {
            if c.x0 < 405.0 && c.x1 > 405.0 {
                eprintln!("CELLS {:?}", c);
            }
        }
        for r in rules {
            if r.x0 < 480.0 && r.x1 > 380.0 && r.y0 < 1300.0 && r.y1 > 700.0 {
                eprintln!("RULE {:?}", r);
            }
        }
    }
    for c in all {
        let x0 = (c.x0 + CELL_PAD).max(0.0).ceil() as u32;
        let y0 = (c.y0 + CELL_PAD).max(0.0).ceil() as u32;
        let x1 = ((c.x1 - CELL_PAD).floor().max(0.0) as u32).min(page.width);
        let y1 = ((c.y1 - CELL_PAD).floor().max(0.0) as u32).min(page.height);
        if x1 <= x0 + 2 || y1 <= y0 + 2 {
            continue;
        }
        let inside = PixRect::of_pixels(x0, y0, x1, y1);
        if read.iter().any(|r| overlaps(r, &inside)) {
            continue;
        }
        let (mut n, mut bx0, mut by0, mut bx1, mut by1) = (0usize, u32::MAX, u32::MAX, 0, 0);
        for y in y0..y1 {
            for x in x0..x1 {
                if page.at(x, y) < INK {
                    n += 1;
                    bx0 = bx0.min(x);
                    bx1 = bx1.max(x + 1);
                    by0 = by0.min(y);
                    by1 = by1.max(y + 1);
                }
            }
        }
        if std::env::var_os("PD_TRACE").is_some() && x0 < 420 && x1 > 390 {
            eprintln!(
                "CELL {x0},{y0}-{x1},{y1} ink n={n} min={min_ink} box {bx0},{by0}-{bx1},{by1} em={em}"
            );
        }
        if n < min_ink
            || ((by1 - by0) as f32) < em / 3.0
            || bx0 == x0
            || by0 == y0
            || bx1 == x1
            || by1 == y1
        {
            continue;
        }
        let ink = PixRect::of_pixels(bx0, by0, bx1, by1);
        out.push((ink, inside));
        if out.len() >= MAX_INK_CELLS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(w: u32, h: u32) -> Gray {
        Gray {
            width: w,
            height: h,
            pixels: vec![255; (w * h) as usize],
        }
    }

    fn ruled() -> Gray {
        // A 400×300 page with a box of 2-pixel rules and one column rule.
        let mut g = blank(400, 300);
        for x in 50..350 {
            for y in [50, 51, 250, 251] {
                g.pixels[y * 400 + x] = 0;
            }
        }
        for y in 50..252 {
            for x in [50, 51, 200, 201, 348, 349] {
                g.pixels[y * 400 + x] = 0;
            }
        }
        g
    }

    #[test]
    fn rules_of_a_ruled_box() {
        let r = rules(&ruled());
        let horizontal: Vec<_> = r.iter().filter(|r| r.x1 - r.x0 > r.y1 - r.y0).collect();
        let vertical: Vec<_> = r.iter().filter(|r| r.y1 - r.y0 > r.x1 - r.x0).collect();
        assert_eq!(horizontal.len(), 2, "{r:?}");
        assert_eq!(vertical.len(), 3, "{r:?}");
        assert_eq!(
            *horizontal[0],
            PixRect {
                x0: 50.0,
                x1: 350.0,
                y0: 50.0,
                y1: 52.0
            }
        );
    }

    #[test]
    fn skew_of_a_turned_page_is_found_and_undone() {
        // Lines of "text": dark bars 6 pixels high, every 30 pixels.
        let mut g = blank(800, 600);
        for row in 0..15 {
            let y0 = 60 + row * 30;
            for y in y0..y0 + 6 {
                for x in 100..700 {
                    if x % 40 < 30 {
                        g.pixels[y * 800 + x] = 0;
                    }
                }
            }
        }
        assert!(skew(&g).abs() < 0.06, "{}", skew(&g));
        let turned = g.rotated(1.0);
        let a = skew(&turned);
        assert!((a - 1.0).abs() <= 0.1, "found {a}");
        let (straight, by) = deskew(turned);
        assert!((by - 1.0).abs() <= 0.1);
        assert!(skew(&straight).abs() <= 0.1);
    }

    #[test]
    fn dust_is_removed_and_marks_are_kept() {
        let mut g = blank(1654, 40);
        // A 2×2 speck, and a 6×6 full stop.
        for (x, y) in [(100, 10), (101, 10), (100, 11), (101, 11)] {
            g.pixels[y * 1654 + x] = 30;
        }
        for y in 20..26 {
            for x in 200..206 {
                g.pixels[y * 1654 + x] = 30;
            }
        }
        despeckle(&mut g);
        assert_eq!(g.pixels[10 * 1654 + 100], 255, "the speck is gone");
        assert_eq!(g.pixels[22 * 1654 + 202], 30, "the full stop stays");
    }

    #[test]
    fn a_blurred_full_stop_with_one_dark_spot_is_no_dust() {
        // A `。` blurred to grey (170, fainter than ink) 9 pixels across, with the one
        // 2×2 spot dark enough to be ink: as small as dust, but part of a larger mark.
        let mut g = blank(1654, 40);
        for y in 10..19i64 {
            for x in 100..109i64 {
                let d = ((x - 104) * (x - 104) + (y - 14) * (y - 14)) as f32;
                if (9.0..=20.0).contains(&d) {
                    g.pixels[y as usize * 1654 + x as usize] = 170;
                }
            }
        }
        for (x, y) in [(100, 13), (101, 13), (100, 14), (101, 14)] {
            g.pixels[y * 1654 + x] = 90;
        }
        // The same spot on paper is dust.
        for (x, y) in [(300, 13), (301, 13), (300, 14), (301, 14)] {
            g.pixels[y * 1654 + x] = 90;
        }
        despeckle(&mut g);
        assert_eq!(g.pixels[13 * 1654 + 100], 90, "the full stop's spot stays");
        assert_eq!(g.pixels[13 * 1654 + 300], 255, "the speck on paper is gone");
    }

    #[test]
    fn a_huge_page_is_refused_before_decoding() {
        let err = check_size(20_000, 20_000).unwrap_err();
        assert!(err.contains("20000 × 20000"), "{err}");
        assert!(from_samples(20_000, 20_000, 1, 8, &[]).is_err());
    }

    #[test]
    fn samples_cut_short_are_an_error() {
        let err = from_samples(10, 10, 1, 8, &[0; 50]).unwrap_err();
        assert!(err.contains("cut short"), "{err}");
        let g = from_samples(2, 1, 3, 8, &[255, 255, 255, 0, 0, 0]).unwrap();
        assert_eq!(g.pixels, vec![255, 0]);
    }
    #[test]
    fn a_cell_spans_rows_beside_it_and_another_tables_columns() {
        let h = |y: f32, x0: f32, x1: f32| PixRect {
            x0,
            y0: y - 1.0,
            x1,
            y1: y + 1.0,
        };
        let v = |x: f32, y0: f32, y1: f32| PixRect {
            x0: x - 1.0,
            y0,
            x1: x + 1.0,
            y1,
        };
        let rules = [
            // A table of two columns, the right one split in two rows at y 150.
            h(50.0, 50.0, 350.0),
            h(150.0, 200.0, 350.0),
            h(250.0, 50.0, 350.0),
            v(50.0, 50.0, 250.0),
            v(200.0, 50.0, 250.0),
            v(350.0, 50.0, 250.0),
            // Another table below, with a column rule at x 120.
            h(300.0, 50.0, 350.0),
            h(400.0, 50.0, 350.0),
            v(50.0, 300.0, 400.0),
            v(120.0, 300.0, 400.0),
            v(350.0, 300.0, 400.0),
        ];
        let cells = cells(&rules);
        let spans = |c: &PixRect| (c.x0.round(), c.y0.round(), c.x1.round(), c.y1.round());
        let found: Vec<_> = cells.iter().map(spans).collect();
        assert!(found.contains(&(51.0, 51.0, 199.0, 249.0)), "{found:?}");
        assert!(found.contains(&(201.0, 51.0, 349.0, 149.0)), "{found:?}");
        assert!(found.contains(&(201.0, 151.0, 349.0, 249.0)), "{found:?}");
        assert!(found.contains(&(51.0, 301.0, 119.0, 399.0)), "{found:?}");
        assert!(found.contains(&(121.0, 301.0, 349.0, 399.0)), "{found:?}");
        // Between the tables (250 to 300) no side is drawn.
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn a_page_ruled_finer_than_any_table_has_no_cells() {
        let n = MAX_POSITIONS as f32 + 1.0;
        let mut rules = Vec::new();
        for k in 0..=(n as usize) {
            let p = k as f32 * 10.0;
            rules.push(PixRect {
                x0: 0.0,
                y0: p,
                x1: n * 10.0,
                y1: p + 1.0,
            });
            rules.push(PixRect {
                x0: p,
                y0: 0.0,
                x1: p + 1.0,
                y1: n * 10.0,
            });
        }
        assert!(cells(&rules).is_empty());
        // A grid of 11 × 11 rules has its 100 cells.
        let small: Vec<PixRect> = (0..=10)
            .flat_map(|k| {
                let p = k as f32 * 10.0;
                [
                    PixRect {
                        x0: 0.0,
                        y0: p,
                        x1: 100.0,
                        y1: p + 1.0,
                    },
                    PixRect {
                        x0: p,
                        y0: 0.0,
                        x1: p + 1.0,
                        y1: 100.0,
                    },
                ]
            })
            .collect();
        assert_eq!(cells(&small).len(), 100);
    }

    #[test]
    fn inked_cells_without_a_read_line_are_found() {
        // Two cells side by side (rules at x 50, 200, 350; y 50, 250): the left one holds
        // a lone stroke (a `1`, 4 × 20 pixels), the right one a line already read.
        let mut g = ruled();
        for y in 140..160 {
            for x in 120..124 {
                g.pixels[y * 400 + x] = 0;
            }
        }
        let r = rules(&g);
        let cells = cells(&r);
        assert_eq!(cells.len(), 2, "{cells:?}");
        assert!(cells[0].x0 >= 52.0 && cells[0].x1 <= 200.0, "{cells:?}");
        let read = [PixRect {
            x0: 230.0,
            y0: 130.0,
            x1: 320.0,
            y1: 170.0,
        }];
        let found = unread_ink(&g, &r, &read, 30.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            PixRect {
                x0: 120.0,
                y0: 140.0,
                x1: 124.0,
                y1: 160.0
            }
        );
        // Nothing read in the right cell: it is empty, and so not returned.
        assert_eq!(unread_ink(&g, &r, &[], 30.0).len(), 1);
        // Dust, a dash too low to be text, and a rule's stub at a cell's edge are no ink
        // to read.
        let mut g = ruled();
        for (x, y) in [(120, 150), (121, 150), (120, 151)] {
            g.pixels[y * 400 + x] = 0;
        }
        for y in 150..153 {
            for x in 260..290 {
                g.pixels[y * 400 + x] = 0;
            }
        }
        for y in 100..130 {
            for x in 52..56 {
                g.pixels[y * 400 + x] = 0;
            }
        }
        assert_eq!(unread_ink(&g, &rules(&g), &[], 30.0), []);
        // Without rules there are no cells.
        assert_eq!(unread_ink(&g, &[], &[], 30.0), []);
    }
}
