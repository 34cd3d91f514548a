//! Similarity of every (upper task, lower task) pair.
//!
//! Each task becomes three sparse TF-IDF vectors, with IDF over the tasks of both notices:
//! - its jieba terms (level words folded, stop words removed);
//! - the character bigrams of its folded text (robust where jieba cuts two wordings of
//!   one phrase differently);
//! - the character bigrams of its section headings (the topic a task sits under).
//!
//! The symmetric score is `(0.5·term cosine + 0.5·bigram cosine + 0.15·section cosine) / 1.15`
//! (the section term left out when either task has no heading).
//! It is **asymmetric** where it must be: a short upper requirement contained whole in a
//! long lower task that merges several requirements has a low cosine, so the score is at
//! least half the IDF-weighted share of the upper text's bigrams found in the lower text
//! (discounted for very short upper texts, which a few common words contain). These
//! weights were chosen on the gold pairs with `bench/calibrate.py`; see `align` for the
//! figures.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::lexicon::{ORG_SUFFIXES, heading_level};
use crate::model::Task;
use crate::segment::{LEVEL_MARK, Segmenter, fold_levels};

/// A sparse vector: (id, weight) sorted by id, L2-normalised.
pub type Sparse = Vec<(u32, f32)>;

/// A task's comparable form.
#[derive(Debug, Clone, Default)]
pub struct TaskFeatures {
    /// TF-IDF of terms.
    pub terms_vec: Sparse,
    /// TF-IDF of character bigrams.
    pub bigram_vec: Sparse,
    /// TF-IDF of the section headings' bigrams.
    pub section_vec: Sparse,
    /// Distinct bigram ids, sorted, and the sum of their IDF.
    pub bigram_ids: Vec<u32>,
    pub bigram_mass: f64,
    /// Distinct term ids, sorted.
    pub term_ids: Vec<u32>,
}

/// The vocabularies and IDF of one comparison.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub terms: Vec<String>,
    pub term_idf: Vec<f64>,
    pub bigram_idf: Vec<f64>,
}

/// Everything the similarity of one pair is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairScore {
    /// The combined score, 0–1.
    pub score: f64,
    pub term_cosine: f64,
    pub bigram_cosine: f64,
    pub section_cosine: f64,
    /// IDF-weighted share of the upper text's bigrams found in the lower text.
    pub upper_in_lower: f64,
    /// IDF-weighted share of the lower text's bigrams found in the upper text.
    pub lower_in_upper: f64,
    /// Plain share of the upper text's bigrams found in the lower text: how nearly
    /// verbatim the upper requirement stands below.
    pub upper_verbatim: f64,
}

/// Weights of the symmetric score.
const W_TERMS: f64 = 0.5;
const W_BIGRAMS: f64 = 0.5;
const W_SECTION: f64 = 0.15;
/// Weight of the upper-in-lower containment floor.
const W_CONTAINED: f64 = 0.5;
/// Containment of upper texts with less bigram IDF mass than this is discounted.
const SHORT_TEXT_MASS: f64 = 40.0;

/// Interns tokens and counts document frequencies. Ids are given in order of first
/// appearance, so they do not depend on the map's order.
struct Interner<K> {
    ids: FxHashMap<K, u32>,
    df: Vec<usize>,
    /// The number of documents added so far, and for each id the last one holding it.
    docs: usize,
    last_doc: Vec<usize>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            ids: FxHashMap::default(),
            df: Vec::new(),
            docs: 0,
            last_doc: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Copy> Interner<K> {
    /// Ids of a document's tokens (with repeats); document frequencies updated.
    fn add(&mut self, tokens: impl IntoIterator<Item = K>) -> Vec<u32> {
        self.docs += 1;
        let doc = self.docs;
        tokens
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                let id = *self.ids.entry(t).or_insert(next);
                let i = id as usize;
                if self.df.len() <= i {
                    self.df.resize(i + 1, 0);
                    self.last_doc.resize(i + 1, 0);
                }
                if self.last_doc[i] != doc {
                    self.last_doc[i] = doc;
                    self.df[i] += 1;
                }
                id
            })
            .collect()
    }

    fn idf(&self, docs: usize) -> Vec<f64> {
        let n = docs.max(1) as f64;
        self.df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.05))
            .collect()
    }
}

/// The TF-IDF vector of a document's token ids, `sorted`.
fn tfidf(sorted: &[u32], idf: &[f64]) -> Sparse {
    let mut v: Sparse = Vec::with_capacity(sorted.len());
    for run in sorted.chunk_by(|a, b| a == b) {
        // The count as f32, as adding 1.0 once per occurrence makes it.
        let c = run.len() as f32;
        v.push((run[0], (1.0 + c.ln()) * idf[run[0] as usize] as f32));
    }
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    v
}

/// Whether a character of folded text takes part in comparison: ideographs, letters and
/// digits; not punctuation, spaces or the mark a folded level word left.
fn compared(c: char) -> bool {
    c != LEVEL_MARK && crate::lexicon::is_alphanumeric(c)
}

/// Character bigrams (ideographs, letters, digits) of a folded text, in order, each
/// packed as `first << 32 | second`.
pub fn bigram_tokens(folded: &str) -> Vec<u64> {
    let chars: Vec<char> = folded.chars().filter(|&c| compared(c)).collect();
    chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect()
}

/// Sorted distinct bigrams packed as integers, for plain containment.
pub fn bigrams(folded: &str) -> Vec<u64> {
    let chars: Vec<char> = folded.chars().filter(|&c| compared(c)).collect();
    let mut out: Vec<u64> = chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The section headings without their markers (`一、`, `（一）`).
fn section_text(task: &Task) -> String {
    task.section
        .iter()
        .map(|s| {
            if heading_level(s).is_some() {
                let start = s
                    .char_indices()
                    .find(|&(_, c)| c == '、' || c == '）' || c == ')')
                    .map_or(0, |(i, c)| i + c.len_utf8());
                s[start..].to_string()
            } else {
                s.clone()
            }
        })
        .collect()
}

/// A task's tokens: its terms, text bigrams and section bigrams.
#[derive(Debug, Clone, Default)]
pub struct TaskTokens {
    pub terms: Vec<String>,
    /// Character bigrams, packed ([`bigram_tokens`]).
    pub bigrams: Vec<u64>,
    pub section: Vec<u64>,
    /// The folded text's characters (ideographs, letters, digits) for finding shared
    /// phrases, with [`PHRASE_BREAK`] where a cited title (《…》) or a dropped mark stood.
    pub chars: Vec<char>,
}

/// Stands in [`TaskTokens::chars`] where a run of characters must not continue.
pub const PHRASE_BREAK: char = '\0';

/// The characters of a folded text a shared phrase may run over: ideographs, letters
/// and digits, with the titles of cited documents (《…》) cut out. Two notices that cite
/// one law by name share that name whatever they require.
pub fn phrase_chars(folded: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(folded.len() / 3);
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '《' => {
                depth += 1;
                out.push(PHRASE_BREAK);
            }
            '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if compared(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text with half-width punctuation as its full-width form (`,` → `，`, a `.` not
/// between two ASCII letters or digits → `。`, `;` → `；` …) and `、` as `，`, so that the
/// segmenter, which reads `.` as part of a word, cuts a text the same whichever way its
/// punctuation was typed.
pub fn same_punctuation(text: &str) -> std::borrow::Cow<'_, str> {
    let swap = |c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '、' | '!' | '?');
    if !text.chars().any(swap) {
        return std::borrow::Cow::Borrowed(text);
    }
    let cs: Vec<char> = text.chars().collect();
    let ascii = |i: Option<&char>| i.is_some_and(|c| c.is_ascii_alphanumeric());
    cs.iter()
        .enumerate()
        .map(|(i, &c)| match c {
            ',' | '、' => '，',
            '.' if !(i > 0 && ascii(cs.get(i - 1)) && ascii(cs.get(i + 1))) => '。',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Tokenises tasks (in parallel, in order). Done once per notice, however many notices it
/// is compared with.
pub fn tokenize(tasks: &[Task], seg: &Segmenter) -> Vec<TaskTokens> {
    tasks
        .par_iter()
        .map(|t| {
            let folded = fold_levels(&t.text);
            TaskTokens {
                terms: seg.terms(&same_punctuation(&crate::lexicon::to_simplified(&t.text))),
                bigrams: bigram_tokens(&folded),
                section: bigram_tokens(&fold_levels(&section_text(t))),
                chars: phrase_chars(&folded),
            }
        })
        .collect()
}

/// Tokenises both notices' tasks and builds their features over shared vocabularies.
pub fn features(
    upper: &[Task],
    lower: &[Task],
    seg: &Segmenter,
) -> (Vec<TaskFeatures>, Vec<TaskFeatures>, Vocabulary) {
    features_of(&tokenize(upper, seg), &tokenize(lower, seg))
}

/// Builds features from tokens, with IDF over the tasks of both notices.
pub fn features_of(
    upper: &[TaskTokens],
    lower: &[TaskTokens],
) -> (Vec<TaskFeatures>, Vec<TaskFeatures>, Vocabulary) {
    let (mut ti, mut bi, mut si) = (
        Interner::<&str>::default(),
        Interner::<u64>::default(),
        Interner::<u64>::default(),
    );
    let ids: Vec<(Vec<u32>, Vec<u32>, Vec<u32>)> = upper
        .iter()
        .chain(lower.iter())
        .map(|t| {
            (
                ti.add(t.terms.iter().map(String::as_str)),
                bi.add(t.bigrams.iter().copied()),
                si.add(t.section.iter().copied()),
            )
        })
        .collect();
    let n = ids.len();
    let (term_idf, bigram_idf, section_idf) = (ti.idf(n), bi.idf(n), si.idf(n));
    let mut feats: Vec<TaskFeatures> = ids
        .iter()
        .map(|(t, b, s)| {
            let (mut t, mut b, mut s) = (t.clone(), b.clone(), s.clone());
            t.sort_unstable();
            b.sort_unstable();
            s.sort_unstable();
            let (terms_vec, bigram_vec, section_vec) = (
                tfidf(&t, &term_idf),
                tfidf(&b, &bigram_idf),
                tfidf(&s, &section_idf),
            );
            let (mut term_ids, mut bigram_ids) = (t, b);
            bigram_ids.dedup();
            term_ids.dedup();
            TaskFeatures {
                terms_vec,
                bigram_vec,
                section_vec,
                bigram_mass: bigram_ids.iter().map(|&i| bigram_idf[i as usize]).sum(),
                bigram_ids,
                term_ids,
            }
        })
        .collect();
    let mut terms = vec![String::new(); ti.ids.len()];
    for (t, &id) in &ti.ids {
        terms[id as usize] = t.to_string();
    }
    let vocab = Vocabulary {
        terms,
        term_idf,
        bigram_idf,
    };
    let lower_feats = feats.split_off(upper.len());
    (feats, lower_feats, vocab)
}

fn cosine(a: &Sparse, b: &Sparse) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += (a[i].1 * b[j].1) as f64;
                i += 1;
                j += 1;
            }
        }
    }
    dot.min(1.0)
}

/// (count, IDF mass) of the ids two sorted lists share.
fn shared(a: &[u32], b: &[u32], idf: &[f64]) -> (usize, f64) {
    let (mut i, mut j, mut n, mut mass) = (0, 0, 0, 0f64);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                mass += idf[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    (n, mass)
}

/// One upper task's vectors spread out by id, so that scoring it against each lower task
/// walks the lower task's lists once instead of merging two lists. The sums run over the
/// shared ids in increasing order, as the merges' do, so the scores are the same to the
/// bit ([`score_pair`]).
#[derive(Default)]
struct Spread {
    terms: Vec<f32>,
    bigrams: Vec<f32>,
    section: Vec<f32>,
    bigram_ids: Vec<bool>,
}

/// `dense[id] = w` for each entry of `v` (`None`: back to 0).
fn spread(dense: &mut Vec<f32>, v: &Sparse, set: bool) {
    for &(id, w) in v {
        let i = id as usize;
        if dense.len() <= i {
            dense.resize(i + 1, 0.0);
        }
        dense[i] = if set { w } else { 0.0 };
    }
}

impl Spread {
    fn set(&mut self, u: &TaskFeatures, set: bool) {
        spread(&mut self.terms, &u.terms_vec, set);
        spread(&mut self.bigrams, &u.bigram_vec, set);
        spread(&mut self.section, &u.section_vec, set);
        for &id in &u.bigram_ids {
            let i = id as usize;
            if self.bigram_ids.len() <= i {
                self.bigram_ids.resize(i + 1, false);
            }
            self.bigram_ids[i] = set;
        }
    }

    /// [`cosine`] of the spread vector and `v`.
    fn cosine(dense: &[f32], v: &Sparse) -> f64 {
        let mut dot = 0f64;
        for &(id, w) in v {
            // A weight is never 0, so 0 marks an id the upper task lacks.
            if let Some(&d) = dense.get(id as usize)
                && d != 0.0
            {
                dot += (d * w) as f64;
            }
        }
        dot.min(1.0)
    }

    /// [`score_pair`] of the spread upper task `u` and `l`.
    fn score(&self, u: &TaskFeatures, l: &TaskFeatures, vocab: &Vocabulary) -> PairScore {
        let (mut n_shared, mut mass_shared) = (0, 0f64);
        for &id in &l.bigram_ids {
            if self.bigram_ids.get(id as usize) == Some(&true) {
                n_shared += 1;
                mass_shared += vocab.bigram_idf[id as usize];
            }
        }
        combine(
            u,
            l,
            [
                Self::cosine(&self.terms, &l.terms_vec),
                Self::cosine(&self.bigrams, &l.bigram_vec),
                Self::cosine(&self.section, &l.section_vec),
            ],
            (n_shared, mass_shared),
        )
    }
}

/// Scores one pair.
pub fn score_pair(u: &TaskFeatures, l: &TaskFeatures, vocab: &Vocabulary) -> PairScore {
    let cosines = [
        cosine(&u.terms_vec, &l.terms_vec),
        cosine(&u.bigram_vec, &l.bigram_vec),
        cosine(&u.section_vec, &l.section_vec),
    ];
    combine(
        u,
        l,
        cosines,
        shared(&u.bigram_ids, &l.bigram_ids, &vocab.bigram_idf),
    )
}

/// The score of a pair from its term, bigram and section cosines and the (count, IDF
/// mass) of the bigrams it shares.
fn combine(
    u: &TaskFeatures,
    l: &TaskFeatures,
    [term_cosine, bigram_cosine, section_cosine]: [f64; 3],
    (n_shared, mass_shared): (usize, f64),
) -> PairScore {
    let ratio = |x: f64, y: f64| if y > 0.0 { (x / y).min(1.0) } else { 0.0 };
    let upper_in_lower = ratio(mass_shared, u.bigram_mass);
    let lower_in_upper = ratio(mass_shared, l.bigram_mass);
    // Tasks outside any section give no section evidence: leave the term out.
    let w_section = if u.section_vec.is_empty() || l.section_vec.is_empty() {
        0.0
    } else {
        W_SECTION
    };
    let symmetric =
        (W_TERMS * term_cosine + W_BIGRAMS * bigram_cosine + w_section * section_cosine)
            / (W_TERMS + W_BIGRAMS + w_section);
    let damp = (u.bigram_mass / SHORT_TEXT_MASS).min(1.0);
    let contained = W_CONTAINED * upper_in_lower * damp;
    PairScore {
        score: symmetric.max(contained).min(1.0),
        term_cosine,
        bigram_cosine,
        section_cosine,
        upper_in_lower,
        lower_in_upper,
        upper_verbatim: ratio(n_shared as f64, u.bigram_ids.len() as f64),
    }
}

/// Pairs of an upper task among `uppers` and a lower task that share a run of at least
/// `len` characters found in no other task of either notice (a distinctive phrase copied
/// verbatim), each with its longest such phrase. Runs do not cross cited titles
/// ([`phrase_chars`]), and a run that ends as an office's name does not count.
pub fn shared_phrases(
    upper: &[TaskTokens],
    lower: &[TaskTokens],
    uppers: &[usize],
    len: usize,
) -> BTreeMap<(usize, usize), String> {
    let mut found = BTreeMap::new();
    if len == 0 || uppers.is_empty() {
        return found;
    }
    // Each run of `len` characters of the wanted upper tasks → the tasks holding it
    // (upper i is i, lower j is nu + j), with where it first stands in each. The other
    // tasks only look their runs up: most of a notice's text is in no wanted task.
    let nu = upper.len();
    let docs: Vec<&[char]> = upper.iter().chain(lower).map(|t| &t.chars[..]).collect();
    let runs = |doc: usize| {
        docs[doc]
            .windows(len)
            .enumerate()
            .filter(|(_, w)| !w.contains(&PHRASE_BREAK))
    };
    let mut holders: FxHashMap<&[char], Holders> = FxHashMap::default();
    for &doc in uppers {
        for (pos, w) in runs(doc) {
            holders.entry(w).or_default().add(doc, pos);
        }
    }
    let wanted: BTreeSet<usize> = uppers.iter().copied().collect();
    for doc in (0..docs.len()).filter(|d| !wanted.contains(d)) {
        for (pos, w) in runs(doc) {
            if let Some(h) = holders.get_mut(w) {
                h.add(doc, pos);
            }
        }
    }
    for h in holders.into_values() {
        if let Holders::Two((a, pa), (b, pb)) = h
            && b >= nu
        {
            let phrase = extend(docs[a], pa, docs[b], pb, len);
            if names_an_office(&phrase) {
                continue;
            }
            let slot = found.entry((a, b - nu)).or_insert_with(String::new);
            // The longest phrase, ties broken by text: the same whatever the map's order.
            let (n, m) = (phrase.chars().count(), slot.chars().count());
            if n > m || (n == m && phrase < *slot) {
                *slot = phrase;
            }
        }
    }
    found
}

/// Whether a phrase ends as the name of an office does (`…主管部门`, `…办公室`): two
/// tasks naming one office share who acts, not what is required.
fn names_an_office(phrase: &str) -> bool {
    ORG_SUFFIXES
        .iter()
        .filter(|s| s.chars().count() >= 2)
        .any(|s| phrase.ends_with(s))
}

/// The common run through `a[pa..pa + len]` = `b[pb..pb + len]`, grown both ways.
fn extend(a: &[char], pa: usize, b: &[char], pb: usize, len: usize) -> String {
    let (mut s, mut t) = (pa, pb);
    while s > 0 && t > 0 && a[s - 1] == b[t - 1] && a[s - 1] != PHRASE_BREAK {
        s -= 1;
        t -= 1;
    }
    let mut e = pa + len;
    let mut f = pb + len;
    while e < a.len() && f < b.len() && a[e] == b[f] && a[e] != PHRASE_BREAK {
        e += 1;
        f += 1;
    }
    a[s..e].iter().collect()
}

/// The tasks holding one run of characters, as far as [`shared_phrases`] needs to
/// know: none, one, exactly two (each with the run's first position), or more.
#[derive(Default)]
enum Holders {
    #[default]
    None,
    One((usize, usize)),
    Two((usize, usize), (usize, usize)),
    Many,
}

impl Holders {
    fn add(&mut self, doc: usize, pos: usize) {
        *self = match *self {
            Holders::None => Holders::One((doc, pos)),
            Holders::One(a) if a.0 == doc => Holders::One(a),
            Holders::One(a) => Holders::Two(a, (doc, pos)),
            Holders::Two(a, b) if b.0 == doc => Holders::Two(a, b),
            _ => Holders::Many,
        };
    }
}

/// The score of every pair, rows = upper tasks, computed in parallel, in input order.
pub fn score_matrix(
    upper: &[TaskFeatures],
    lower: &[TaskFeatures],
    vocab: &Vocabulary,
) -> Vec<Vec<PairScore>> {
    upper
        .par_iter()
        .map_init(Spread::default, |spread, u| {
            spread.set(u, true);
            let row = lower.iter().map(|l| spread.score(u, l, vocab)).collect();
            spread.set(u, false);
            row
        })
        .collect()
}

/// The terms two tasks share, most informative (highest IDF) first, at most `max`.
pub fn shared_terms(
    u: &TaskFeatures,
    l: &TaskFeatures,
    vocab: &Vocabulary,
    max: usize,
) -> Vec<String> {
    let mut common: Vec<u32> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < u.term_ids.len() && j < l.term_ids.len() {
        match u.term_ids[i].cmp(&l.term_ids[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common.push(u.term_ids[i]);
                i += 1;
                j += 1;
            }
        }
    }
    common.sort_by(|a, b| {
        vocab.term_idf[*b as usize]
            .total_cmp(&vocab.term_idf[*a as usize])
            .then(vocab.terms[*a as usize].cmp(&vocab.terms[*b as usize]))
    });
    common
        .into_iter()
        .filter(|&id| vocab.terms[id as usize].chars().count() >= 2)
        .take(max)
        .map(|id| vocab.terms[id as usize].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_typed_either_way_reads_the_same() {
        assert_eq!(
            same_punctuation("做好政务公开.加强解读,回应关切;(一)"),
            same_punctuation("做好政务公开。加强解读，回应关切；（一）")
        );
        assert_eq!(same_punctuation("版本2.5与A.B"), "版本2.5与A.B");
        assert_eq!(same_punctuation("政务、公开"), "政务，公开");
    }
    use crate::model::Deadline;

    fn task(id: &str, text: &str) -> Task {
        Task {
            id: id.into(),
            section: vec![],
            text: text.into(),
            units: vec![],
            lead_units: vec![],
            deadline: Deadline::unspecified(),
            line: 1,
        }
    }

    #[test]
    fn a_task_scores_highest_with_itself() {
        let up = [
            task("1", "主动公开全国统一的市场准入负面清单，切实做到平等准入"),
            task("2", "加强政策解读，丰富解读形式"),
        ];
        let (uf, lf, v) = features(&up, &up, Segmenter::shared());
        let m = score_matrix(&uf, &lf, &v);
        assert!((m[0][0].score - 1.0).abs() < 1e-6);
        assert!(m[0][1].score < 0.5);
    }

    #[test]
    fn short_upper_contained_in_a_merged_lower_scores_high() {
        let up = [
            task(
                "1",
                "持续推进反垄断和反不正当竞争执法信息公开工作，营造公平竞争的市场环境。",
            ),
            task("2", "做好疫情防控信息发布工作。"),
        ];
        let low = [task(
            "1",
            "持续推进反垄断和反不正当竞争执法信息公开工作，营造公平竞争的市场环境。同时做好行政执法信息公开，公开执法基本信息、结果信息，规范公开内容的标准和格式，及时通过政府网站集中公开。",
        )];
        let (uf, lf, v) = features(&up, &low, Segmenter::shared());
        let m = score_matrix(&uf, &lf, &v);
        assert!(m[0][0].upper_in_lower > 0.95, "{:?}", m[0][0]);
        assert!(m[0][0].score >= 0.4, "{:?}", m[0][0]);
        assert!(m[0][0].score > m[1][0].score);
    }

    fn tokens(texts: &[&str]) -> Vec<TaskTokens> {
        let tasks: Vec<Task> = texts.iter().map(|t| task("1", t)).collect();
        tokenize(&tasks, Segmenter::shared())
    }

    #[test]
    fn shared_phrases_are_found_whole_and_only_when_distinctive() {
        let up = tokens(&[
            "提高政府信息公开工作年度报告编制和发布工作水平",
            "做好政务公开工作",
        ]);
        let low = tokens(&[
            "做好信息公开工作",
            "认真落实政府信息公开工作年度报告格式要求",
        ]);
        let all = [0, 1];
        let found = shared_phrases(&up, &low, &all, 10);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [((0, 1), "政府信息公开工作年度报告".to_string())]
        );
        assert!(shared_phrases(&up, &low, &all, 13).is_empty());
        assert!(shared_phrases(&up, &low, &all, 0).is_empty());
        assert!(shared_phrases(&up, &low, &[1], 10).is_empty());
    }

    #[test]
    fn cited_titles_and_office_names_are_not_shared_phrases() {
        let up = tokens(&[
            "正确使用《中华人民共和国政府信息公开条例》，坚持最小化适用原则",
            "市政府信息公开工作主管部门要加强平台管理",
        ]);
        let low = tokens(&[
            "根据新修订的《中华人民共和国政府信息公开条例》调整配套措施",
            "县政府信息公开工作主管部门及财政部门要推动补贴信息公开",
        ]);
        assert!(shared_phrases(&up, &low, &[0, 1], 10).is_empty());
    }

    #[test]
    fn the_matrix_scores_every_pair_as_score_pair_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let read = |stem: &str| {
            crate::load_notice(&root.join(format!("{stem}.txt")), &Default::default())
                .expect("a corpus notice")
        };
        for (up, low) in [
            ("anhui-province-2022", "chizhou-city-2021"),
            ("chizhou-city-2021", "lezhi-county-2021"),
        ] {
            let (u, l) = (read(up), read(low));
            let (uf, lf, v) = features(&u.tasks, &l.tasks, Segmenter::shared());
            let m = score_matrix(&uf, &lf, &v);
            let mut nonzero = 0;
            for (i, row) in m.iter().enumerate() {
                for (j, p) in row.iter().enumerate() {
                    assert_eq!(*p, score_pair(&uf[i], &lf[j], &v), "{up} {i} → {low} {j}");
                    nonzero += usize::from(p.term_cosine > 0.0 && p.section_cosine > 0.0);
                }
            }
            assert!(
                nonzero > 100,
                "{up} → {low}: only {nonzero} pairs share terms and sections"
            );
        }
    }
}
