//! Chinese text → tokens, with a dictionary for this domain and level words folded.
//!
//! The only module that names jieba types. The dictionary is jieba's own (shipped as
//! `jieba-dict.txt`, MIT) plus `domain.txt` (terms of government transparency work such
//! as 政务公开, 依申请公开, 政府信息公开专栏); `stopwords.txt` lists the words that say
//! nothing about a requirement (负责落实, 切实, 进一步 …).
//!
//! The dictionary is compiled into the binary at build time (`lexicon::words`, made by `build.rs`)
//! and searched in place, so a segmenter costs next to nothing to make: `compare` of two
//! notices and `coverage` of a thousand use the whole dictionary without loading it.
//! `cut.rs` is jieba's cut over it, word for word what jieba-rs cuts with the same
//! dictionary (a test compares the two on every notice in the repository); jieba-rs itself
//! cuts the runs of characters the dictionary does not know, with its hidden Markov model.
//!
//! Level words are folded before comparison ([`fold_levels`]): 省/市/县 in unit names and
//! phrases such as 全省/全市, 各市、县（市、区）/各县区/各乡镇 read the same at every level, so
//! text copied down a level with its level words swapped compares as copied.

mod cut;

use std::collections::HashSet;
use std::sync::LazyLock;

use cut::Cutter;

const STOPWORDS: &str = include_str!("stopwords.txt");
/// The placeholder a folded level word becomes.
pub const LEVEL_MARK: char = '〇';

/// A segmenter: jieba's cut with the domain dictionary, and the stop list.
pub struct Segmenter {
    cutter: Cutter,
    stopwords: HashSet<&'static str>,
}

static SHARED: LazyLock<Segmenter> = LazyLock::new(Segmenter::full);

impl Segmenter {
    /// The process-wide segmenter, made on first use.
    pub fn shared() -> &'static Segmenter {
        &SHARED
    }

    /// A segmenter with the whole dictionary (which is compiled in: this only sets up the
    /// stop list and an HMM-only jieba-rs instance).
    pub fn full() -> Segmenter {
        let stopwords = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        Segmenter {
            cutter: Cutter::new(),
            stopwords,
        }
    }

    /// Jieba's words of `text`, in order, punctuation and whitespace included.
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.cutter.cut(text)
    }

    /// The content terms of `text`: level words folded, then cut, without punctuation,
    /// whitespace, level marks or stop words.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let folded = fold_levels(text);
        self.words(&folded)
            .into_iter()
            .filter(|w| is_content_word(w) && !self.stopwords.contains(w))
            .map(|w| w.trim_matches(LEVEL_MARK).to_string())
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Is `word` on the stop list?
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }
}

/// Does a word carry content (a letter, digit or ideograph other than the level mark)?
pub fn is_content_word(w: &str) -> bool {
    w.chars().any(|c| {
        c != LEVEL_MARK
            && (crate::lexicon::is_alphanumeric(c) || crate::lexicon::is_cjk_ideograph(c))
    })
}

/// Phrases that name "every locality below" at some level; all become `各地`.
const ALL_BELOW: &[&str] = &[
    "各市、县（市、区）",
    "各市、县(市、区)",
    "各县（市、区）",
    "各县(市、区)",
    "各县〔市、区〕",
    "各县（区）",
    "各县(区)",
    "各乡镇（街道）",
    "各乡镇(街道)",
    "各乡（镇）",
    "各市、县",
    "各县市区",
    "各县区",
    "各区县",
    "各乡镇",
    "各街道",
];

/// Folds level words so that the same text at two levels reads the same: `各市、县（市、区）`,
/// `各县区`, `各乡镇（街道）` … become `各地`; `办公厅` becomes `办公室`; every 省/市/县
/// (but not the 市 of 市场, 市值) and a 区/乡镇 beside one becomes [`LEVEL_MARK`]; the 厅
/// of an office becomes 局 (省财政厅 and 市财政局 are the same office).
pub fn fold_levels(text: &str) -> String {
    // Traditional characters compare as simplified ones (a traditional-script mirror).
    let mut s = crate::lexicon::to_simplified(text).into_owned();
    for p in ALL_BELOW {
        if s.contains(p) {
            s = s.replace(p, "各地");
        }
    }
    let s = s.replace("办公厅", "办公室").replace("乡镇", "〇");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        let folded = match c {
            '省' => {
                !matches!(prev, Some('节' | '反' | '自'))
                    && !matches!(next, Some('略' | '去' | '力' | '心' | '钱'))
            }
            '市' => {
                !matches!(next, Some('场' | '值' | '容' | '井'))
                    && !matches!(prev, Some('城' | '都' | '超' | '上'))
            }
            '县' => true,
            '区' | '州' => {
                matches!(
                    prev,
                    Some('省' | '市' | '县' | '各' | '全' | '本' | '我' | '、' | '该')
                ) || matches!(next, Some('政' | '级' | '委' | '县' | '直' | '属'))
            }
            '厅' => {
                matches!(prev, Some(p) if crate::lexicon::is_cjk_ideograph(p)) && next != Some('长')
            }
            _ => false,
        };
        if folded {
            out.push(if c == '厅' { '局' } else { LEVEL_MARK });
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_swapped_texts_fold_to_the_same() {
        assert_eq!(
            fold_levels("全省各市、县（市、区）政府要加强省财政厅工作"),
            fold_levels("全市各县区政府要加强市财政局工作")
        );
        assert_eq!(fold_levels("省政府办公厅"), fold_levels("县政府办公室"));
        assert_eq!(fold_levels("縣政府辦公室"), fold_levels("县政府办公室"));
        assert!(fold_levels("市场主体").contains("市场"));
    }

    #[test]
    fn domain_words_stay_whole_and_stopwords_go() {
        let seg = Segmenter::shared();
        let terms = seg.terms("切实做好政府信息公开专栏建设，进一步规范依申请公开工作");
        assert!(terms.contains(&"政府信息公开专栏".to_string()), "{terms:?}");
        assert!(terms.contains(&"依申请公开".to_string()), "{terms:?}");
        assert!(
            !terms
                .iter()
                .any(|t| t == "切实" || t == "进一步" || t == "，")
        );
    }
}
