//! The large tab-table notice of the parse throughput figures, shared by the criterion
//! bench (`benches/pipeline.rs`) and the instruction-count example (`examples/parse_big.rs`).

use std::path::Path;

/// A tab-table notice of about `bytes` bytes: the anhui preamble, then its rows repeated
/// with fresh numbers.
pub fn big_notice(bytes: usize) -> String {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/anhui-province-2022.txt"),
    )
    .expect("corpus");
    let lines: Vec<&str> = src.lines().collect();
    let rows: Vec<&str> = lines[18..]
        .iter()
        .copied()
        .filter(|l| l.contains('\t') && !l.starts_with("工作任务"))
        .collect();
    let mut out: String = lines[..18].join("\n");
    out.push('\n');
    let mut n = 0;
    let mut i = 0;
    while out.len() < bytes {
        let mut cells: Vec<String> = rows[i % rows.len()].split('\t').map(String::from).collect();
        i += 1;
        if let Some(c) = cells.iter_mut().find(|c| {
            c.trim()
                .split(' ')
                .next()
                .is_some_and(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_digit()))
        }) {
            n += 1;
            let t = c.trim().to_string();
            let num = t.split(' ').next().unwrap_or("").to_string();
            *c = t.replacen(&num, &n.to_string(), 1);
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}
