//! Are the inputs the right way round? An upper notice should come from a higher
//! administrative level than the notice that implements it, and should not be newer than
//! it: a county notice given as the upper one, or a 2022 province plan "implemented" by a
//! 2021 city plan, still aligns — and reports a coverage that means nothing. These checks
//! say so, one [`Warning`] per problem (worded by the renderers), for `compare`, `chain` and
//! `coverage` to show on stderr and in every report's header (and to refuse under
//! `--strict`).
//!
//! What a notice does not say about itself (no level, no year) is not checked. The
//! checks are added to the results (in front of any other warnings) by
//! [`crate::run::compare`], [`crate::run::chain`] and [`crate::run::coverage`], the last
//! with the levels and years a manifest supplies.

use crate::model::{Notice, NoticeMeta, Warning, file_stem};

/// One side of a check: the notice's name as the user gave it, and its metadata.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub source: &'a str,
    pub meta: &'a NoticeMeta,
}

impl<'a> From<&'a Notice> for Side<'a> {
    fn from(n: &'a Notice) -> Self {
        Side {
            source: &n.source,
            meta: &n.meta,
        }
    }
}

/// Warnings for an upper notice and the lower notice that should implement it: the
/// upper one is of a lower level than the lower one, or newer. The renderers word them
/// (`report::describe::warning`).
pub fn pair(upper: Side<'_>, lower: Side<'_>) -> Vec<Warning> {
    let (u, l) = (file_stem(upper.source), file_stem(lower.source));
    let mut out = Vec::new();
    if let (Some(ul), Some(ll)) = (upper.meta.level, lower.meta.level)
        && ul > ll
    {
        out.push(Warning::LevelInverted {
            upper: u.clone(),
            upper_level: ul,
            lower: l.clone(),
            lower_level: ll,
        });
    }
    if let (Some(uy), Some(ly)) = (upper.meta.year, lower.meta.year)
        && uy > ly
    {
        out.push(Warning::LowerOlder {
            upper: u,
            upper_year: uy,
            lower: l,
            lower_year: ly,
        });
    }
    out
}

/// A warning when the two notices are one: the same file given twice, or two
/// files whose tasks say the same thing (every task of each, punctuation, spaces and
/// traditional characters aside, stands as a task of the other, but for at most one in
/// twenty). Comparing a notice with itself reports everything carried and says nothing
/// about implementation.
pub fn same_input(
    (upper_path, upper): (&std::path::Path, &Notice),
    (lower_path, lower): (&std::path::Path, &Notice),
) -> Vec<Warning> {
    let (u, l) = (file_stem(&upper.source), file_stem(&lower.source));
    let same_file = match (upper_path.canonicalize(), lower_path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => upper_path == lower_path,
    };
    let norm = |t: &str| -> String {
        crate::lexicon::to_simplified(t)
            .chars()
            .filter(|&c| crate::lexicon::is_alphanumeric(c))
            .collect()
    };
    let texts = |n: &Notice| -> std::collections::BTreeSet<String> {
        n.tasks.iter().map(|t| norm(&t.text)).collect()
    };
    let (a, b) = (texts(upper), texts(lower));
    let shared = a.intersection(&b).count();
    let near = !a.is_empty()
        && !b.is_empty()
        && shared * 20 >= a.len() * 19
        && shared * 20 >= b.len() * 19;
    if same_file {
        vec![Warning::SameFile { upper: u }]
    } else if near {
        vec![Warning::SameTasks {
            upper: u,
            lower: l,
            shared,
        }]
    } else {
        Vec::new()
    }
}

/// Warnings for a chain of notices, top first: [`pair`] for each notice and the next.
pub fn chain(notices: &[Notice]) -> Vec<Warning> {
    notices
        .windows(2)
        .flat_map(|w| pair((&w[0]).into(), (&w[1]).into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;
    use crate::report::Lang;
    use crate::report::describe::warning;

    fn words(w: &[Warning], lang: Lang) -> Vec<String> {
        w.iter().map(|w| warning(w, lang)).collect()
    }

    fn meta(level: Option<Level>, year: Option<i32>) -> NoticeMeta {
        NoticeMeta {
            level,
            year,
            ..Default::default()
        }
    }

    fn side<'a>(source: &'a str, meta: &'a NoticeMeta) -> Side<'a> {
        Side { source, meta }
    }

    #[test]
    fn a_county_above_a_province_is_flagged() {
        let (c, p) = (
            meta(Some(Level::County), Some(2021)),
            meta(Some(Level::Province), Some(2021)),
        );
        let w = words(
            &pair(side("a/lezhi.txt", &c), side("b/anhui.txt", &p)),
            Lang::En,
        );
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("lezhi") && w[0].contains("县级") && w[0].contains("省级"));
        assert!(w[0].contains("swapped"), "{}", w[0]);
        let zh = words(
            &pair(side("a/lezhi.txt", &c), side("b/anhui.txt", &p)),
            Lang::Zh,
        );
        assert!(
            zh[0].starts_with("上级通知 lezhi 为县级") && zh[0].contains("颠倒"),
            "{}",
            zh[0]
        );
        assert!(pair(side("b/anhui.txt", &p), side("a/lezhi.txt", &c)).is_empty());
    }

    #[test]
    fn a_lower_notice_older_than_its_upper_is_flagged() {
        let (u, l) = (
            meta(Some(Level::Province), Some(2022)),
            meta(Some(Level::City), Some(2021)),
        );
        let w = words(
            &pair(side("anhui.txt", &u), side("chizhou.txt", &l)),
            Lang::En,
        );
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("2021") && w[0].contains("2022") && w[0].contains("older"));
        let zh = words(
            &pair(side("anhui.txt", &u), side("chizhou.txt", &l)),
            Lang::Zh,
        );
        assert_eq!(
            zh,
            ["下级通知 chizhou（2021年）早于上级通知 anhui（2022年），不可能是对它的落实"]
        );
    }

    #[test]
    fn same_level_same_year_and_unknowns_pass() {
        let a = meta(Some(Level::City), Some(2021));
        let none = meta(None, None);
        assert!(pair(side("x", &a), side("y", &a)).is_empty());
        assert!(pair(side("x", &none), side("y", &a)).is_empty());
        assert!(pair(side("x", &a), side("y", &none)).is_empty());
    }
}
