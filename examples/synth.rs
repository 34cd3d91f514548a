//! Synthetic lower notices for benchmarks: N notices made from one corpus notice by
//! dropping, shuffling and lightly rewording its tasks, with a fixed seed, written as
//! tab-table text files.
//!
//! cargo run --release --example synth -- corpus/chizhou-city-2021.txt 1000 /tmp/synth [SEED]

use std::path::Path;

use policydiff::align::construct::Rng;

const REWORDINGS: &[(&str, &str)] = &[
    ("加强", "强化"),
    ("做好", "抓好"),
    ("推进", "推动"),
    ("及时", "第一时间"),
    ("全面", "全方位"),
    ("各县区政府", "各乡镇人民政府"),
    ("市政府", "县政府"),
    ("年底前", "11月底前"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: synth SOURCE N OUTDIR [SEED]".into());
    }
    let (source, n, out) = (
        Path::new(&args[0]),
        args[1].parse::<usize>()?,
        Path::new(&args[2]),
    );
    let seed = args
        .get(3)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(0x5EED_u64);
    let notice = policydiff::load_notice(source, &Default::default())?;
    std::fs::create_dir_all(out)?;
    let mut rng = Rng(seed | 1);
    for k in 0..n {
        let mut tasks: Vec<&policydiff::Task> =
            notice.tasks.iter().filter(|_| !rng.chance(20)).collect();
        // Shuffle a few neighbouring pairs: lower notices reorder, but not wholesale.
        for _ in 0..tasks.len() / 5 {
            let i = rng.below(tasks.len().saturating_sub(1));
            if i + 1 < tasks.len() {
                tasks.swap(i, i + 1);
            }
        }
        let mut text = format!(
            "第{k}县人民政府办公室\n\n第{k}县2021年政务公开重点工作任务分工\n\n工作任务\t具体要求\t责任单位\t时限要求\n"
        );
        for (i, t) in tasks.iter().enumerate() {
            let mut body = t.text.clone();
            for (from, to) in REWORDINGS {
                if rng.chance(30) {
                    body = body.replace(from, to);
                }
            }
            // Sometimes a clause is left out.
            let clauses: Vec<&str> = body.split('，').collect();
            if clauses.len() > 2 && rng.chance(25) {
                let drop = rng.below(clauses.len());
                body = clauses
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != drop)
                    .map(|(_, c)| *c)
                    .collect::<Vec<_>>()
                    .join("，");
            }
            let units: Vec<String> = t
                .lead_units
                .iter()
                .map(|u| format!("{}牵头", u.replacen('市', "县", 1)))
                .chain(std::iter::once("各乡镇负责落实".to_string()))
                .collect();
            let section = t.section.last().cloned().unwrap_or_default();
            let deadline = t.deadline.raw.clone().unwrap_or_else(|| "全年".into());
            text.push_str(&format!(
                "{section}\t{} {body}\t{}\t{deadline}\n",
                i + 1,
                units.join("，")
            ));
        }
        std::fs::write(out.join(format!("synth-{k:05}.txt")), text)?;
    }
    Ok(())
}
