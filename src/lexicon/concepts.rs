//! The concept lexicon of 政务公开: topics (政务新媒体, 便民热线, 预决算 …), the words
//! notices use for each, and which topic is a narrower case of which. Two tasks that name
//! one topic in different words (政务微博 ↔ 政务新媒体, 便民热线 ↔ 12345) share a concept
//! where they share no wording; `align` weighs that as evidence beside the word score.
//!
//! The built-in lexicon is `concepts.txt` beside this file, embedded at build time; its
//! header says what is in it and how it was made. A user's file of the same form extends
//! it ([`Concepts::extended`], `--lexicon FILE`).

use std::path::Path;
use std::sync::LazyLock;

/// Why a lexicon file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    #[error("{path}: cannot read the lexicon: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {problem}")]
    Line {
        path: String,
        line: usize,
        problem: LexiconProblem,
    },
}

/// What is wrong with a line of a lexicon file; worded in English by `Display` and in
/// Chinese by `report::errors`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconProblem {
    #[error("the lexicon is not UTF-8 text")]
    NotUtf8,
    /// A line without exactly three tab-separated fields.
    #[error("expected NAME<TAB>PARENT<TAB>TERMS, found {0} field(s)")]
    Fields(usize),
    #[error("a concept without a name")]
    NoName,
    #[error("the parent `{0}` is not defined on an earlier line")]
    UnknownParent(String),
    #[error("`{0}` cannot be its own parent")]
    OwnParent(String),
    #[error("more than {MAX_CONCEPTS} concepts or {MAX_TERMS} terms")]
    TooLarge,
}

/// The most concepts one lexicon may hold (built-in and a user's together): a lexicon is
/// written by hand; beyond this it is not one.
pub const MAX_CONCEPTS: usize = 10_000;
/// The most terms one lexicon may hold.
pub const MAX_TERMS: usize = 100_000;

/// A set of concepts with their terms and broader concepts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Concepts {
    names: Vec<String>,
    parent: Vec<Option<usize>>,
    /// (term, concept), each term once.
    terms: Vec<(String, usize)>,
}

static BUILTIN: LazyLock<Concepts> = LazyLock::new(|| {
    let mut c = Concepts::default();
    c.add("concepts.txt", include_str!("concepts.txt"))
        .expect("the built-in concept lexicon is well formed (a unit test reads it)");
    c
});

impl Concepts {
    /// The built-in lexicon.
    pub fn builtin() -> &'static Concepts {
        &BUILTIN
    }

    /// The built-in lexicon extended by the lines of the file at `path`.
    pub fn extended(path: &Path) -> Result<Concepts, LexiconError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| LexiconError::Read {
            path: shown.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| LexiconError::Line {
            path: shown.clone(),
            line: 1,
            problem: LexiconProblem::NotUtf8,
        })?;
        let mut c = Self::builtin().clone();
        c.add(&shown, &text)?;
        Ok(c)
    }

    /// Adds the lines of `text` (read from `path`): `NAME <TAB> PARENT <TAB> TERMS`, `#`
    /// comments and blank lines skipped. A concept named again gains terms; its parent
    /// is the first one given.
    fn add(&mut self, path: &str, text: &str) -> Result<(), LexiconError> {
        let err = |line: usize, problem: LexiconProblem| LexiconError::Line {
            path: path.to_string(),
            line,
            problem,
        };
        for (no, line) in text.lines().enumerate() {
            let no = no + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, parent, terms] = fields[..] else {
                return Err(err(no, LexiconProblem::Fields(fields.len())));
            };
            let name = name.trim();
            if name.is_empty() {
                return Err(err(no, LexiconProblem::NoName));
            }
            let id = self.concept(name);
            let parent = parent.trim();
            if parent != "-" && !parent.is_empty() {
                let Some(p) = self.names.iter().position(|n| n == parent) else {
                    return Err(err(no, LexiconProblem::UnknownParent(parent.to_string())));
                };
                if p == id {
                    return Err(err(no, LexiconProblem::OwnParent(name.to_string())));
                }
                self.parent[id].get_or_insert(p);
            }
            for term in std::iter::once(name).chain(terms.split_whitespace()) {
                let term = crate::lexicon::to_simplified(term).into_owned();
                if !self.terms.iter().any(|(t, c)| *t == term && *c == id) {
                    self.terms.push((term, id));
                }
            }
            if self.names.len() > MAX_CONCEPTS || self.terms.len() > MAX_TERMS {
                return Err(err(no, LexiconProblem::TooLarge));
            }
        }
        Ok(())
    }

    fn concept(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name.to_string());
                self.parent.push(None);
                self.names.len() - 1
            }
        }
    }

    /// How many concepts there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The name of concept `id`.
    pub fn name(&self, id: usize) -> &str {
        &self.names[id]
    }

    /// The concepts a text names, with every broader concept of each, sorted. The text
    /// is folded to simplified characters and the titles of cited documents (《…》) are
    /// left out: citing a law names no topic of the task.
    pub fn of(&self, text: &str) -> Vec<usize> {
        let folded = crate::lexicon::to_simplified(text);
        let mut plain = String::with_capacity(folded.len());
        let mut depth = 0usize;
        for c in folded.chars() {
            match c {
                '《' => depth += 1,
                '》' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let mut found: Vec<usize> = self
            .terms
            .iter()
            .filter(|(t, _)| plain.contains(t.as_str()))
            .map(|&(_, c)| c)
            .collect();
        found.sort_unstable();
        found.dedup();
        let mut all = found.clone();
        for c in found {
            // Parents were defined on earlier lines, so the chain ends; the bound keeps
            // a malformed chain from looping all the same.
            let mut at = self.parent[c];
            let mut steps = 0;
            while let Some(p) = at
                && steps < self.names.len()
            {
                all.push(p);
                at = self.parent[p];
                steps += 1;
            }
        }
        all.sort_unstable();
        all.dedup();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &Concepts, text: &str) -> Vec<String> {
        c.of(text).iter().map(|&i| c.name(i).to_string()).collect()
    }

    #[test]
    fn the_builtin_lexicon_reads_and_holds_the_domain_topics() {
        let c = Concepts::builtin();
        assert!(c.len() >= 60, "{}", c.len());
        for topic in [
            "政务新媒体",
            "便民热线",
            "预决算",
            "政策解读",
            "政策咨询",
            "年度报告",
        ] {
            assert!(c.names.iter().any(|n| n == topic), "{topic}");
        }
    }

    #[test]
    fn a_narrower_term_names_its_broader_concept_and_synonyms_meet() {
        let c = Concepts::builtin();
        let weibo = names(c, "规范政务微博、微信、移动客户端管理");
        assert!(weibo.contains(&"政务新媒体".to_string()), "{weibo:?}");
        assert!(weibo.contains(&"政务微博".to_string()), "{weibo:?}");
        let hotline = c.of("优化地方政务服务便民热线");
        let twelve = c.of("统筹12345热线电话");
        let hot = c.names.iter().position(|n| n == "便民热线").unwrap();
        assert!(hotline.contains(&hot) && twelve.contains(&hot));
    }

    #[test]
    fn traditional_text_and_cited_titles_are_handled() {
        let c = Concepts::builtin();
        let trad = names(c, "加強政策諮詢服務");
        assert!(trad.contains(&"政策咨询".to_string()), "{trad:?}");
        assert!(names(c, "贯彻《政府信息公开条例》年度报告").contains(&"年度报告".to_string()));
        assert!(
            !names(c, "按照《关于全面推进政务公开工作的意见》要求")
                .contains(&"政务服务".to_string())
        );
        assert!(c.of("按照《政务新媒体管理办法》要求").is_empty());
    }

    #[test]
    fn a_users_file_extends_the_lexicon_and_bad_lines_name_the_file() {
        let dir = std::env::temp_dir().join(format!("pd-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("extra.tsv");
        std::fs::write(&good, "# mine\n营商环境专线\t便民热线\t营商专线 企业专线\n").unwrap();
        let c = Concepts::extended(&good).unwrap();
        let found = names(&c, "开通企业专线");
        assert!(found.contains(&"营商环境专线".to_string()), "{found:?}");
        assert!(found.contains(&"便民热线".to_string()), "{found:?}");
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, "a\tb\n").unwrap();
        let e = Concepts::extended(&bad).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:1:", bad.display())), "{e}");
        let orphan = dir.join("orphan.tsv");
        std::fs::write(&orphan, "x\tnowhere\ty\n").unwrap();
        let e = Concepts::extended(&orphan).unwrap_err().to_string();
        assert!(e.contains("not defined"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
