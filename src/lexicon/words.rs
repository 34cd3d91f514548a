//! The word dictionary (jieba's `src/segment/jieba-dict.txt` and the domain's
//! `src/segment/domain.txt`), compiled into the binary by `build.rs` and searched where it
//! lies. `segment` cuts text with it and OCR's corrections look words up in it, so it sits
//! below both: nothing is parsed, built or copied when
//! the program starts, and the pages of the table a text never reaches are never read.
//!
//! The table is a trie over character codes in breadth-first order (the layout is
//! described in `build.rs`): a character's code is also the node of the one-character
//! prefix, and the children of a node are consecutive entries sorted by code, so a step
//! down is a short scan or a binary search over two-byte labels.

/// The compiled table, as `build.rs` wrote it.
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dict.bin"));
/// `build.rs`'s layout marker.
const MAGIC: u32 = 0x5044_4432;
/// Above this many children a node's are binary-searched rather than scanned.
const SCAN_MAX: usize = 8;

/// A character's code in the dictionary; 0 for one no word contains.
pub(crate) type Code = u16;

/// Jieba's dictionary with the domain words, as words with frequencies.
#[derive(Clone, Copy)]
pub(crate) struct Dictionary {
    bmp_code: &'static [[u8; 2]],
    wide_char: &'static [[u8; 4]],
    wide_code: &'static [[u8; 4]],
    freqs: &'static [[u8; 4]],
    first: &'static [[u8; 4]],
    label: &'static [[u8; 2]],
    freq: &'static [[u8; 2]],
    total: u64,
}

/// Splits `n` little-endian numbers of `N` bytes off the front of `bytes`.
fn take<const N: usize>(bytes: &mut &'static [u8], n: usize) -> &'static [[u8; N]] {
    let (head, rest) = bytes.split_at(n * N);
    *bytes = rest;
    head.as_chunks::<N>().0
}

#[inline(always)]
fn u32_at(a: &[[u8; 4]], i: usize) -> u32 {
    u32::from_le_bytes(a[i])
}

impl Dictionary {
    /// The dictionary compiled into this binary.
    pub(crate) fn compiled() -> Dictionary {
        let mut bytes = COMPILED;
        let header = take::<4>(&mut bytes, 7);
        let h = |i: usize| u32_at(header, i) as usize;
        assert_eq!(
            h(0) as u32,
            MAGIC,
            "the compiled dictionary has an unknown layout"
        );
        let (nodes, wide, freqs) = (h(1), h(3), h(4));
        let d = Dictionary {
            bmp_code: take::<2>(&mut bytes, 0x10000),
            wide_char: take::<4>(&mut bytes, wide),
            wide_code: take::<4>(&mut bytes, wide),
            freqs: take::<4>(&mut bytes, freqs),
            first: take::<4>(&mut bytes, nodes + 1),
            label: take::<2>(&mut bytes, nodes),
            freq: take::<2>(&mut bytes, nodes),
            total: h(5) as u64 | ((h(6) as u64) << 32),
        };
        assert!(
            bytes.is_empty(),
            "the compiled dictionary has trailing bytes"
        );
        d
    }

    /// The sum of all words' frequencies.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// The code of `c`.
    #[inline]
    pub(crate) fn code(&self, c: char) -> Code {
        match u16::try_from(c as u32) {
            Ok(b) => u16::from_le_bytes(self.bmp_code[usize::from(b)]),
            Err(_) => self
                .wide_char
                .binary_search_by_key(&(c as u32), |w| u32::from_le_bytes(*w))
                .map_or(0, |i| u32_at(self.wide_code, i) as Code),
        }
    }

    /// The node reached from `node` by `code`, if any.
    #[inline(always)]
    fn child(&self, node: usize, code: Code) -> Option<usize> {
        let (start, end) = (
            u32_at(self.first, node) as usize,
            u32_at(self.first, node + 1) as usize,
        );
        let labels = &self.label[start..end];
        let found = if labels.len() <= SCAN_MAX {
            labels.iter().position(|l| u16::from_le_bytes(*l) == code)
        } else {
            labels
                .binary_search_by_key(&code, |l| u16::from_le_bytes(*l))
                .ok()
        };
        found.map(|i| start + i)
    }

    /// The distinct frequencies of the dictionary's words; [`Dictionary::prefixes`] names a
    /// word's frequency by its index here.
    pub(crate) fn freqs(&self) -> impl Iterator<Item = u64> {
        self.freqs.iter().map(|f| u64::from(u32::from_le_bytes(*f)))
    }

    /// For every dictionary word that the characters with `codes` begin with, in order of
    /// length: its length in characters and the index of its frequency in
    /// [`Dictionary::freqs`].
    #[inline]
    pub(crate) fn prefixes(&self, codes: &[Code], mut emit: impl FnMut(usize, usize)) {
        let Some((&c, rest)) = codes.split_first() else {
            return;
        };
        if c == 0 {
            return;
        }
        let mut node = usize::from(c);
        let mut len = 1;
        loop {
            let f = u16::from_le_bytes(self.freq[node]);
            if f != 0 {
                emit(len, usize::from(f) - 1);
            }
            match rest.get(len - 1) {
                Some(&c) if c != 0 => match self.child(node, c) {
                    Some(n) => node = n,
                    None => return,
                },
                _ => return,
            }
            len += 1;
        }
    }

    /// The frequency of `word`, if it is in the dictionary.
    pub(crate) fn freq(&self, word: &str) -> Option<u64> {
        let codes: Vec<Code> = word.chars().map(|c| self.code(c)).collect();
        let mut found = None;
        self.prefixes(&codes, |len, f| {
            if len == codes.len() {
                found = Some(u64::from(u32_at(self.freqs, f)));
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
        let codes: Vec<Code> = "政府信息公开专栏建设".chars().map(|c| d.code(c)).collect();
        let mut seen = Vec::new();
        d.prefixes(&codes, |len, _| seen.push(len));
        assert_eq!(seen, [1, 2, 4, 6, 8]);
    }
}
