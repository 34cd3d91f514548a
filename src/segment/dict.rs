//! The segmentation dictionary, compiled into the binary by `build.rs` from `jieba-dict.txt`
//! and `domain.txt` and searched where it lies: nothing is parsed, built or copied when
//! the program starts, and the pages of the table a text never reaches are never read.
//!
//! The table is a character trie in breadth-first order (the layout is described in
//! `build.rs`): the children of a node are consecutive entries sorted by character, so a
//! step down is a short scan or a binary search, and the first step is one lookup in a
//! table indexed by character.

/// The compiled table, as `build.rs` wrote it.
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dict.bin"));
/// `build.rs`'s layout marker.
const MAGIC: u32 = 0x5044_4431;
/// Above this many children a node's are binary-searched rather than scanned.
const SCAN_MAX: usize = 8;

type Word = [u8; 4];

/// Jieba's dictionary with the domain words, as words with frequencies.
#[derive(Clone, Copy)]
pub(crate) struct Dictionary {
    root: &'static [Word],
    first: &'static [Word],
    label: &'static [Word],
    freq: &'static [Word],
    total: u64,
}

#[inline(always)]
fn at(array: &[Word], i: usize) -> u32 {
    u32::from_le_bytes(array[i])
}

impl Dictionary {
    /// The dictionary compiled into this binary.
    pub(crate) fn compiled() -> Dictionary {
        let (words, _) = COMPILED.as_chunks::<4>();
        let header = |i: usize| at(words, i);
        assert_eq!(
            header(0),
            MAGIC,
            "the compiled dictionary has an unknown layout"
        );
        let nodes = header(1) as usize;
        let root_len = header(2) as usize;
        let total = u64::from(header(3)) | (u64::from(header(4)) << 32);
        let (root, rest) = words[5..].split_at(root_len);
        let (first, rest) = rest.split_at(nodes + 1);
        let (label, freq) = rest.split_at(nodes);
        assert_eq!(freq.len(), nodes, "the compiled dictionary is truncated");
        Dictionary {
            root,
            first,
            label,
            freq,
            total,
        }
    }

    /// The sum of all words' frequencies.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// The node reached from `node` by `c`, if any.
    #[inline(always)]
    fn child(&self, node: usize, c: char) -> Option<usize> {
        let (start, end) = (
            at(self.first, node) as usize,
            at(self.first, node + 1) as usize,
        );
        let labels = &self.label[start..end];
        let c = c as u32;
        let found = if labels.len() <= SCAN_MAX {
            labels.iter().position(|l| u32::from_le_bytes(*l) == c)
        } else {
            labels
                .binary_search_by_key(&c, |l| u32::from_le_bytes(*l))
                .ok()
        };
        found.map(|i| start + i)
    }

    /// For every dictionary word that `chars` begins with, in order of length: its length
    /// in characters and its frequency.
    #[inline]
    pub(crate) fn prefixes(
        &self,
        chars: impl IntoIterator<Item = char>,
        mut emit: impl FnMut(usize, u64),
    ) {
        let mut chars = chars.into_iter();
        let Some(c) = chars.next() else { return };
        let mut node = self
            .root
            .get(c as usize)
            .map_or(0, |n| u32::from_le_bytes(*n)) as usize;
        if node == 0 {
            return;
        }
        let mut len = 1;
        loop {
            let f = at(self.freq, node);
            if f != 0 {
                emit(len, u64::from(f - 1));
            }
            let Some(c) = chars.next() else { return };
            match self.child(node, c) {
                Some(n) => node = n,
                None => return,
            }
            len += 1;
        }
    }

    /// The frequency of `word`, if it is in the dictionary.
    #[cfg(test)]
    pub(crate) fn freq(&self, word: &str) -> Option<u64> {
        let n = word.chars().count();
        let mut found = None;
        self.prefixes(word.chars(), |len, f| {
            if len == n {
                found = Some(f);
            }
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_jieba_and_domain_words_with_their_frequencies() {
        let d = Dictionary::compiled();
        // jieba-dict.txt: `政府 23452 n`; domain.txt: `政务公开 50000 n`.
        assert_eq!(d.freq("政府"), Some(23452));
        assert_eq!(d.freq("政务公开"), Some(50000));
        // In both files: the domain entry, loaded last, wins (jieba-dict.txt says 4).
        assert_eq!(d.freq("预决算"), Some(50000));
        assert_eq!(d.freq("政府x"), None);
        assert_eq!(d.freq("政"), Some(3607));
        assert_eq!(d.freq(""), None);
    }

    #[test]
    fn prefixes_come_in_order_of_length() {
        let d = Dictionary::compiled();
        let mut seen = Vec::new();
        d.prefixes("政府信息公开专栏建设".chars(), |len, _| {
            seen.push(len)
        });
        assert_eq!(seen, [1, 2, 4, 6, 8]);
    }
}
