//! Jieba's cut (`Jieba::cut(text, true)` of jieba-rs) over the compiled [`Dictionary`].
//!
//! The same steps as jieba-rs, so the same words: the text is split into runs of Han
//! characters, ASCII letters and digits and `+#&._%-` (the blocks) and everything else
//! (one word a character, `\r\n` kept together). In a block, every dictionary word
//! starting at each character is an edge of the block's graph; the route maximises the
//! sum of `ln(freq) - ln(total)` over its words (a character without an edge counts with
//! frequency 1; on a tie the longer word wins). Characters the route leaves single are
//! gathered into runs; a run of one character is a word, a run that is itself a dictionary
//! word is cut into characters, and any other run is cut by jieba-rs's hidden Markov
//! model, through a jieba-rs instance with an empty dictionary: given a run, it finds no
//! word in it and hands it whole to its HMM, exactly as a full instance does.

use jieba_rs::Jieba;

use crate::lexicon::words::{Code, Dictionary};

/// Jieba's cut over the compiled dictionary.
pub(crate) struct Cutter {
    dict: Dictionary,
    /// `ln(freq) - ln(total)` of each distinct frequency, as jieba-rs computes it per word.
    log_probs: Vec<f64>,
    log_total: f64,
    /// No dictionary: only its HMM is used, on runs of unknown characters.
    hmm: Jieba,
}

/// Buffers reused across the blocks of one text.
#[derive(Default)]
struct Scratch {
    /// Byte offset in the block and character.
    chars: Vec<(usize, char)>,
    /// The characters' codes in the dictionary.
    codes: Vec<Code>,
    /// The graph's edges (end, `ln(freq) - ln(total)`), character by character;
    /// `starts[i]..starts[i + 1]` are those of character `i`, by increasing end.
    edges: Vec<(usize, f64)>,
    starts: Vec<usize>,
    /// From each character: the best route's log-probability and the end of its first word.
    route: Vec<(f64, usize)>,
}

impl Cutter {
    pub(crate) fn new() -> Cutter {
        let dict = Dictionary::compiled();
        let log_total = (dict.total() as f64).ln();
        Cutter {
            log_probs: dict.freqs().map(|f| (f as f64).ln() - log_total).collect(),
            log_total,
            dict,
            hmm: Jieba::empty(),
        }
    }

    /// The words of `text`, in order, punctuation and whitespace included.
    pub(crate) fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::with_capacity((text.len() / 2).min(1 << 12));
        let mut scratch = Scratch::default();
        let mut pos = 0;
        while let Some(first) = text[pos..].chars().next() {
            let in_block = is_han_default(first);
            let end = text[pos..]
                .char_indices()
                .find(|&(_, c)| is_han_default(c) != in_block)
                .map_or(text.len(), |(i, _)| pos + i);
            let run = &text[pos..end];
            if in_block {
                self.cut_block(run, &mut scratch, &mut out);
            } else {
                let mut rest = run;
                while let Some(c) = rest.chars().next() {
                    let len = if rest.starts_with("\r\n") {
                        2
                    } else {
                        c.len_utf8()
                    };
                    out.push(&rest[..len]);
                    rest = &rest[len..];
                }
            }
            pos = end;
        }
        out
    }

    fn cut_block<'a>(&self, block: &'a str, s: &mut Scratch, out: &mut Vec<&'a str>) {
        s.chars.clear();
        s.chars.extend(block.char_indices());
        let chars = &s.chars;
        let n = chars.len();
        s.codes.clear();
        s.codes
            .extend(chars.iter().map(|&(_, c)| self.dict.code(c)));
        s.edges.clear();
        s.starts.clear();
        for i in 0..n {
            s.starts.push(s.edges.len());
            let edges = &mut s.edges;
            self.dict.prefixes(&s.codes[i..], |len, f| {
                edges.push((i + len, self.log_probs[f]))
            });
        }
        s.starts.push(s.edges.len());

        // The route, from the end (jieba-rs's `calc`, the same operations in the same order).
        s.route.clear();
        s.route.resize(n + 1, (0.0, n));
        let log1 = 0.0f64 - self.log_total;
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            for &(end, log_prob) in &s.edges[s.starts[idx]..s.starts[idx + 1]] {
                let prob = log_prob + s.route[end].0;
                match best {
                    Some((p, e)) if !(prob > p || (prob == p && end > e)) => {}
                    _ => best = Some((prob, end)),
                }
            }
            s.route[idx] = best.unwrap_or((log1 + s.route[idx + 1].0, idx + 1));
        }

        let byte = |i: usize| chars.get(i).map_or(block.len(), |&(b, _)| b);
        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let y = s.route[x].1;
            if y - x == 1 {
                left.get_or_insert(x);
            } else {
                if let Some(start) = left.take() {
                    self.cut_run(block, s, start, x, out);
                }
                out.push(&block[byte(x)..byte(y)]);
            }
            x = y;
        }
        if let Some(start) = left {
            self.cut_run(block, s, start, n, out);
        }
    }

    /// Characters `x..y` of `block`, each of which the route left as a word of its own.
    fn cut_run<'a>(&self, block: &'a str, s: &Scratch, x: usize, y: usize, out: &mut Vec<&'a str>) {
        let byte = |i: usize| s.chars.get(i).map_or(block.len(), |&(b, _)| b);
        let is_word = s.edges[s.starts[x]..s.starts[x + 1]]
            .iter()
            .any(|&(end, _)| end == y);
        if y - x == 1 || is_word {
            out.extend((x..y).map(|i| &block[byte(i)..byte(i + 1)]));
        } else {
            out.extend(
                self.hmm
                    .cut(&block[byte(x)..byte(y)], true)
                    .into_iter()
                    .map(|t| t.word),
            );
        }
    }
}

/// jieba-rs's block characters (its `RE_HAN_DEFAULT`): CJK ideographs, ASCII letters and
/// digits, and `+#&._%-`.
fn is_han_default(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}'
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::LazyLock;

    use jieba_rs::Jieba;

    use super::super::{Segmenter, fold_levels};
    use super::*;

    /// The reference: jieba-rs with the dictionary built at start-up from the same files,
    /// as the segmenter did before the dictionary was compiled in.
    static REFERENCE: LazyLock<Jieba> = LazyLock::new(|| {
        let dict = [
            include_str!("jieba-dict.txt"),
            "\n",
            include_str!("domain.txt"),
        ]
        .concat();
        Jieba::with_dict(&mut dict.as_bytes()).expect("the shipped dictionaries are well-formed")
    });

    fn reference(text: &str) -> Vec<&str> {
        REFERENCE
            .cut(text, true)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    /// Every file under `dir`, recursively, in name order.
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// The texts the pipeline segments, from every notice and fixture in the repository:
    /// each file as it is and as ingested, each of its lines, and each task text as
    /// written, simplified and with level words folded (what `terms` cuts).
    fn texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in [
            "corpus",
            "tests/data/wild",
            "tests/data/unseen",
            "tests/data/docs",
            "tests/data/parse",
        ] {
            files(&root.join(dir), &mut paths);
        }
        let mut texts = Vec::new();
        for p in &paths {
            let raw =
                String::from_utf8_lossy(&std::fs::read(p).expect("readable fixture")).into_owned();
            texts.push(raw);
            let Ok(doc) = crate::ingest::read_path(p, &Default::default()) else {
                continue;
            };
            texts.extend(doc.text.lines().map(str::to_string));
            if let Ok(notice) = crate::parse::parse_document(&doc) {
                for t in &notice.tasks {
                    let simplified = crate::lexicon::to_simplified(&t.text).into_owned();
                    texts.push(fold_levels(&simplified));
                    texts.push(simplified);
                    texts.push(t.text.clone());
                }
            }
            texts.push(doc.text);
        }
        texts
    }

    #[test]
    fn cuts_every_notice_in_the_repository_as_jieba_rs_does() {
        let seg = Segmenter::shared();
        let dict = Dictionary::compiled();
        let (mut chars, mut unknown) = (0, 0);
        for text in texts() {
            let words = seg.words(&text);
            let expected = reference(&text);
            if words != expected {
                let at = words
                    .iter()
                    .zip(&expected)
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let from = at.saturating_sub(3);
                panic!(
                    "cut differs from jieba-rs at word {at}: {:?} against {:?}",
                    &words[from..(at + 4).min(words.len())],
                    &expected[from..(at + 4).min(expected.len())]
                );
            }
            chars += text.chars().count();
            // Words of several Han characters the dictionary does not know came from the HMM.
            unknown += words
                .iter()
                .filter(|w| {
                    w.chars().count() > 1
                        && w.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                        && dict.freq(w).is_none()
                })
                .count();
        }
        assert!(chars > 500_000, "only {chars} characters compared");
        assert!(unknown > 100, "only {unknown} words from the HMM");
    }

    #[test]
    fn cuts_edge_cases_as_jieba_rs_does() {
        let seg = Segmenter::shared();
        for text in [
            "",
            "\r\n",
            "a\r\nb\r\r\n\n",
            "各县（市、区）政府12345热线，办结率达95.5%以上",
            "WES-5.4.5版本、C++和C#、R&D、3.6.3%",
            "乌鲁木齐市达坂城区阿克苏地区库车县",
            "𠮷野家和𪚥字，〇〇办公室",
            "   tabs\tand  spaces　全角空格",
            "ＡＢＣ１２３全角字母",
            "政府信息公开专栏建设规范性文件备案审查",
            "Ⅰ、Ⅱ、①②③（一）【二】《条例》",
        ] {
            assert_eq!(seg.words(text), reference(text), "{text:?}");
        }
    }
}
