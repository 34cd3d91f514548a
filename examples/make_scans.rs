//! Makes the scanned copies of the corpus PDFs that the OCR tests read
//! (`tests/data/scan/*.pdf`), as an office scanner would: each page rendered at 200 dpi
//! in grey (`pdftoppm`, from poppler-utils), turned by up to ±1° (the sign and size
//! vary from page to page), blurred, speckled with dust and dropouts, JPEG-compressed,
//! and wrapped one image a page into a PDF with no text layer. Deterministic: the same
//! input gives the same bytes.
//!
//! cargo run --example make_scans -- [OUT_DIR] [--quality Q] [NAME …]
//!
//! NAME is a stem of `tests/data/pdf/` (default: the five corpus notices); OUT_DIR
//! defaults to `tests/data/scan`.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::GrayImage;
use image::codecs::jpeg::JpegEncoder;
use lopdf::{Document, Object, Stream, dictionary};

const NOTICES: [&str; 5] = [
    "anhui-province-2022",
    "chizhou-city-2018",
    "chizhou-city-2021",
    "jiujiang-city-2021",
    "lezhi-county-2021",
];
const DPI: u32 = 200;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut quality = 30u8;
    if let Some(i) = args.iter().position(|a| a == "--quality") {
        quality = args
            .get(i + 1)
            .and_then(|q| q.parse().ok())
            .expect("--quality takes a number");
        args.drain(i..i + 2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = args
        .first()
        .filter(|a| !NOTICES.contains(&a.as_str()) && !a.ends_with(".pdf"))
        .map_or_else(|| root.join("tests/data/scan"), PathBuf::from);
    let names: Vec<String> = args
        .iter()
        .filter(|a| NOTICES.contains(&a.as_str()))
        .cloned()
        .collect();
    let names = if names.is_empty() {
        NOTICES.iter().map(|s| s.to_string()).collect()
    } else {
        names
    };
    std::fs::create_dir_all(&out).expect("create the output directory");
    for (k, name) in names.iter().enumerate() {
        let pdf = root.join("tests/data/pdf").join(format!("{name}.pdf"));
        let pages = render(&pdf);
        let mut jpegs = Vec::new();
        for (n, page) in pages.into_iter().enumerate() {
            // ±1°, alternating, in steps: 1.0, -0.6, 0.8, -1.0, 0.4 …
            let seed = (k * 31 + n * 7) as u64;
            let angle = [1.0f32, -0.6, 0.8, -1.0, 0.4, -0.8][(k + n) % 6];
            let scanned = speckle(&blur(&rotate(&page, angle)), seed);
            let mut bytes = Vec::new();
            JpegEncoder::new_with_quality(&mut bytes, quality)
                .encode_image(&scanned)
                .expect("encode JPEG");
            jpegs.push((scanned.width(), scanned.height(), bytes));
        }
        let target = out.join(format!("{name}.pdf"));
        let size = write_pdf(&target, &jpegs);
        eprintln!("{}: {} pages, {size} bytes", target.display(), jpegs.len());
    }
}

/// The PDF's pages at [`DPI`] in grey, through pdftoppm (PNG files in a temporary
/// directory).
fn render(pdf: &Path) -> Vec<GrayImage> {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let status = Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-gray", "-png"])
        .arg(pdf)
        .arg(tmp.path().join("p"))
        .status()
        .expect("run pdftoppm (poppler-utils)");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .expect("read the rendered pages")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| image::open(f).expect("read a rendered page").into_luma8())
        .collect()
}

/// Turned by `degrees` about the centre (bilinear), white where nothing was.
fn rotate(img: &GrayImage, degrees: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let get = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
            255.0
        } else {
            img.get_pixel(x as u32, y as u32)[0] as f32
        }
    };
    GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
        let (sx, sy) = (c * dx - s * dy + cx - 0.5, s * dx + c * dy + cy - 0.5);
        let (x0, y0) = (sx.floor(), sy.floor());
        let (ax, ay) = (sx - x0, sy - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let top = get(x0, y0) * (1.0 - ax) + get(x0 + 1, y0) * ax;
        let bottom = get(x0, y0 + 1) * (1.0 - ax) + get(x0 + 1, y0 + 1) * ax;
        image::Luma([(top * (1.0 - ay) + bottom * ay).round() as u8])
    })
}

/// A light blur (a 3×3 kernel 1-2-1), as a scanner's optics give.
fn blur(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    let get = |x: i64, y: i64| -> u32 {
        let x = x.clamp(0, w as i64 - 1) as u32;
        let y = y.clamp(0, h as i64 - 1) as u32;
        img.get_pixel(x, y)[0] as u32
    };
    GrayImage::from_fn(w, h, |x, y| {
        let (x, y) = (x as i64, y as i64);
        let mut sum = 0;
        for (dy, wy) in [(-1, 1), (0, 2), (1, 1)] {
            for (dx, wx) in [(-1, 1), (0, 2), (1, 1)] {
                sum += get(x + dx, y + dy) * wy * wx;
            }
        }
        image::Luma([(sum / 16) as u8])
    })
}

/// Dust (dark specks of 1–2 pixels) and dropouts (white specks in the ink), and a grey
/// paper tone: a pseudo-random sequence from `seed`.
fn speckle(img: &GrayImage, seed: u64) -> GrayImage {
    let mut out = img.clone();
    let (w, h) = img.dimensions();
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    for p in out.pixels_mut() {
        // Paper: 255 → about 235.
        p[0] = (p[0] as u32 * 235 / 255) as u8;
    }
    let specks = (w as u64 * h as u64 / 4000) as usize;
    for _ in 0..specks {
        let (x, y) = (next() % w, next() % h);
        let size = 1 + next() % 2;
        let dark = next() % 3 != 0;
        for dy in 0..size {
            for dx in 0..size {
                if x + dx < w && y + dy < h {
                    let v = if dark { 40 + (next() % 60) as u8 } else { 235 };
                    out.put_pixel(x + dx, y + dy, image::Luma([v]));
                }
            }
        }
    }
    out
}

/// One JPEG a page, drawn over the whole A4 page; no text. Returns the file's size.
fn write_pdf(path: &Path, pages: &[(u32, u32, Vec<u8>)]) -> usize {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for (w, h, jpeg) in pages {
        let (pw, ph) = (*w as f32 * 72.0 / DPI as f32, *h as f32 * 72.0 / DPI as f32);
        let image = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => *w as i64,
                "Height" => *h as i64,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            },
            jpeg.clone(),
        );
        let image_id = doc.add_object(image);
        let content = format!("q {pw:.2} 0 0 {ph:.2} 0 0 cm /Im0 Do Q");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(pw), Object::Real(ph)],
            "Contents" => content_id,
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => image_id },
            },
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("write the PDF");
    std::fs::write(path, &bytes).expect("write the PDF file");
    bytes.len()
}
