//! Calibration aid: prints every (upper, lower) pair's score components as TSV, for
//! studying thresholds against the gold files (see bench/calibrate.py).
//!
//! cargo run --release --example pair_scores -- UPPER LOWER > pairs.tsv

use std::path::Path;

use policydiff::align::score;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        return Err("usage: pair_scores UPPER LOWER".into());
    }
    let opts = Default::default();
    let upper = policydiff::load_notice(Path::new(&args[0]), &opts)?;
    let lower = policydiff::load_notice(Path::new(&args[1]), &opts)?;
    let seg = policydiff::segment::Segmenter::shared();
    let (uf, lf, vocab) = score::features(&upper.tasks, &lower.tasks, seg);
    let m = score::score_matrix(&uf, &lf, &vocab);
    println!(
        "upper\tlower\tscore\tterm_cosine\tbigram_cosine\tsection_cosine\tupper_in_lower\tlower_in_upper\tupper_verbatim"
    );
    for (i, row) in m.iter().enumerate() {
        for (j, p) in row.iter().enumerate() {
            println!(
                "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
                upper.tasks[i].id,
                lower.tasks[j].id,
                p.score,
                p.term_cosine,
                p.bigram_cosine,
                p.section_cosine,
                p.upper_in_lower,
                p.lower_in_upper,
                p.upper_verbatim
            );
        }
    }
    Ok(())
}
