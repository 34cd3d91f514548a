//! Benchmarks of each pipeline stage on the real corpus: ingest + parse of each notice,
//! segmenting a notice, the score matrix and the alignment of a gold pair, the report
//! renderers, ingest + parse of the fragments in tests/data/wild, ingest + parse of a
//! 1,000-row .xlsx workbook, ingest + parse of a 20 MB notice made by repeating table
//! rows, and of PDF notices (one of 32 pages).
//!
//! cargo bench --bench pipeline

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policydiff::align::{AlignOptions, align, score};
use policydiff::ingest::{IngestOptions, read_bytes};
use policydiff::parse::parse_document;
use policydiff::segment::Segmenter;

#[path = "big.rs"]
mod big;
use big::big_notice;

/// The binary's allocator (`src/main.rs`), so the figures are the shipped program's.
#[cfg(all(unix, not(feature = "system-malloc")))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(format!("{stem}.txt"))
}

const NOTICES: [&str; 5] = [
    "anhui-province-2022",
    "chizhou-city-2018",
    "chizhou-city-2021",
    "jiujiang-city-2021",
    "lezhi-county-2021",
];

/// An .xlsx of a title row, the header and `n` task rows: the rows of the anhui table
/// repeated with fresh numbers (stored as numbers), its section cells merged over
/// their rows as in the original.
pub fn big_workbook(n: usize) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let src = std::fs::read_to_string(corpus("anhui-province-2022")).expect("corpus");
    let rows: Vec<Vec<&str>> = src
        .lines()
        .filter(|l| l.contains('\t') && !l.starts_with("工作任务"))
        .map(|l| l.trim_end().split('\t').map(str::trim).collect())
        // Rows whose last three cells are requirement, units and deadline.
        .filter(|cells: &Vec<&str>| cells.len() >= 4 && cells[cells.len() - 3].chars().count() > 16)
        .collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let wrap = Format::new().set_text_wrap();
    ws.merge_range(0, 0, 0, 4, "某省2022年政务公开重点工作任务分工", &wrap)
        .expect("title");
    for (c, h) in ["工作任务", "序号", "具体要求", "责任单位", "时限要求"]
        .iter()
        .enumerate()
    {
        ws.write(1, c as u16, *h).expect("header");
    }
    let mut section_start = 2u32;
    for i in 0..n {
        let r = 2 + i as u32;
        let cells = &rows[i % rows.len()];
        let last = cells.len() - 1;
        if i % 10 == 0 {
            if r > section_start + 1 {
                ws.merge_range(section_start, 0, r - 1, 0, "", &wrap).ok();
            }
            section_start = r;
            ws.write(r, 0, format!("（{}）第{}组任务", i / 10 + 1, i / 10 + 1))
                .expect("section");
        }
        ws.write_number(r, 1, (i + 1) as f64).expect("number");
        ws.write_with_format(r, 2, cells[last - 2], &wrap)
            .expect("text");
        ws.write(r, 3, cells[last - 1]).expect("units");
        ws.write(r, 4, cells[last]).expect("deadline");
    }
    wb.save_to_buffer().expect("xlsx")
}

fn parse_bytes(name: &str, bytes: &[u8]) -> policydiff::Notice {
    let doc = read_bytes(name, bytes, &IngestOptions::default()).expect("ingest");
    parse_document(&doc).expect("parse")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest+parse");
    for stem in NOTICES {
        let bytes = std::fs::read(corpus(stem)).expect("corpus");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(stem, |b| b.iter(|| parse_bytes(stem, black_box(&bytes))));
    }
    // The fragments of real notices in other layouts (tests/data/wild), all of them per
    // iteration: layout detection and the fallbacks tried on each.
    let wild_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wild");
    let mut wild: Vec<(String, Vec<u8>)> = std::fs::read_dir(&wild_dir)
        .expect("tests/data/wild")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("fragment"),
            )
        })
        .collect();
    wild.sort();
    g.throughput(Throughput::Bytes(
        wild.iter().map(|(_, b)| b.len() as u64).sum(),
    ));
    g.bench_function("wild fragments", |b| {
        b.iter(|| {
            for (name, bytes) in &wild {
                let doc =
                    read_bytes(name, black_box(bytes), &IngestOptions::default()).expect("ingest");
                // One fragment (a table whose cells are empty) has no task list, by design.
                let _ = black_box(parse_document(&doc));
            }
        })
    });
    let book = big_workbook(1000);
    assert_eq!(parse_bytes("big.xlsx", &book).tasks.len(), 1000);
    g.throughput(Throughput::Bytes(book.len() as u64));
    g.bench_function("xlsx 1000 rows", |b| {
        b.iter(|| parse_bytes("big.xlsx", black_box(&book)))
    });
    let big = big_notice(20 * 1024 * 1024);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_function("20MB", |b| {
        b.iter(|| parse_bytes("big.txt", black_box(big.as_bytes())))
    });
    g.finish();

    // PDF: the corpus notices printed by Chromium (tests/data/pdf), and the five of them
    // in one 32-page document.
    let mut g = c.benchmark_group("ingest+parse pdf");
    g.sample_size(20);
    let pdf_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    for stem in ["lezhi-county-2021", "jiujiang-city-2021", "all-notices"] {
        let bytes = std::fs::read(pdf_dir.join(format!("{stem}.pdf"))).expect("pdf fixture");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let name = if stem == "all-notices" {
            "all-notices (32 pages)"
        } else {
            stem
        };
        g.bench_function(name, |b| b.iter(|| parse_bytes("n.pdf", black_box(&bytes))));
    }
    g.finish();

    let upper = parse_bytes("u", &std::fs::read(corpus("anhui-province-2022")).unwrap());
    let lower = parse_bytes("l", &std::fs::read(corpus("chizhou-city-2021")).unwrap());
    let mut g = c.benchmark_group("segment");
    // The dictionary is compiled in: making a segmenter only sets up the stop list.
    g.bench_function("new segmenter", |b| b.iter(Segmenter::full));
    let seg = Segmenter::shared();
    g.bench_function("tokenize anhui-province-2022", |b| {
        b.iter(|| score::tokenize(black_box(&upper.tasks), seg))
    });
    let text: String = upper.tasks.iter().map(|t| t.text.as_str()).collect();
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("cut anhui-province-2022 task texts", |b| {
        b.iter(|| seg.words(black_box(&text)).len())
    });
    g.finish();

    let mut g = c.benchmark_group("align anhui→chizhou");
    let ut = score::tokenize(&upper.tasks, seg);
    let lt = score::tokenize(&lower.tasks, seg);
    g.bench_function("score matrix", |b| {
        b.iter(|| {
            let (uf, lf, v) = score::features_of(&ut, &lt);
            score::score_matrix(&uf, &lf, &v)
        })
    });
    let opts = AlignOptions::default();
    g.bench_function("alignment with details", |b| {
        b.iter(|| align(upper.clone(), lower.clone(), seg, &opts))
    });
    g.finish();

    let a = align(upper.clone(), lower.clone(), seg, &opts);
    let mut g = c.benchmark_group("report");
    g.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            policydiff::report::json(&a, &mut out).unwrap();
            out
        })
    });
    g.bench_function("table", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            policydiff::report::terminal::compare::render(
                &a,
                policydiff::report::Lang::Zh,
                Some(160),
                &mut out,
            )
            .unwrap();
            out
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
