//! Compiles the segmentation dictionary (src/segment/jieba-dict.txt, then domain.txt) into
//! the table `src/lexicon/words.rs` searches in place, so that no dictionary is built when
//! the program starts.
//!
//! The entries are merged as jieba-rs loads them: a word listed twice keeps its last
//! frequency, and the total is the sum over distinct words.
//!
//! Every character of the dictionary gets a code, 1, 2, … in character order (0 stands
//! for a character no word contains). The table is a trie over codes in breadth-first
//! order: node `k` for `1 ≤ k ≤ K` is the one-character prefix with code `k`, so the
//! first step of a walk costs nothing; the children of a node are consecutive nodes,
//! sorted by code, and one offset per node says where they start (the next node's offset
//! says where they end). Numbers are little-endian:
//!
//! ```text
//! u32: magic, node count N, code count K, count M of codes above U+FFFF,
//!      count F of distinct frequencies, total (low, high)
//! u16 bmp_code[0x10000]   the code of each character of the Basic Multilingual Plane
//! u32 wide_char[M], u32 wide_code[M]   the others, sorted by character
//! u32 freqs[F]            the distinct frequencies
//! u32 first[N + 1]        first child of each node; a node's children are first[n]..first[n + 1]
//! u16 label[N]            the code leading to each node
//! u16 freq[N]             1 + the index in freqs of the word ending at each node (0: no word)
//! ```
//!
//! Two bytes a node for what most steps read keeps the table, and the pages a run touches,
//! small (4 MB for jieba's 349,000 words). No dependencies, and linear in the size of the
//! dictionary: it runs in a fraction of a second even unoptimised.

use std::fs;
use std::path::PathBuf;

/// The sources, in the order their entries are loaded (later ones override earlier ones).
const SOURCES: [&str; 2] = ["src/segment/jieba-dict.txt", "src/segment/domain.txt"];
/// Identifies the layout; `src/lexicon/words.rs` checks it.
const MAGIC: u32 = 0x5044_4432;

fn main() {
    for s in SOURCES {
        println!("cargo::rerun-if-changed={s}");
    }
    println!("cargo::rerun-if-changed=build.rs");

    let texts: Vec<String> = SOURCES
        .iter()
        .map(|s| fs::read_to_string(s).unwrap_or_else(|e| panic!("cannot read {s}: {e}")))
        .collect();

    // Every entry in load order, then sorted by word (stably: entries for one word stay in
    // load order) and each word kept once with its last frequency, as jieba-rs's
    // `load_dict` keeps it. Byte order of UTF-8 is code-point order, so the words end up
    // sorted character by character.
    let mut entries: Vec<(&str, u64)> = Vec::new();
    for (source, text) in SOURCES.iter().zip(&texts) {
        for (no, line) in text.lines().enumerate() {
            let mut fields = line.split_whitespace();
            let Some(word) = fields.next() else { continue };
            let freq: u64 = match fields.next() {
                None => 0,
                Some(f) => f.parse().unwrap_or_else(|e| {
                    panic!(
                        "{source}:{}: frequency `{f}` is not a valid integer: {e}",
                        no + 1
                    )
                }),
            };
            assert!(
                freq < u64::from(u32::MAX),
                "{source}:{}: frequency {freq} is too large for the table",
                no + 1
            );
            entries.push((word, freq));
        }
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut words: Vec<(&str, u64)> = Vec::with_capacity(entries.len());
    for (w, f) in entries {
        match words.last_mut() {
            Some(last) if last.0 == w => last.1 = f,
            _ => words.push((w, f)),
        }
    }
    let total: u64 = words.iter().map(|e| e.1).sum();

    // Character codes, in character order.
    let mut chars: Vec<char> = words.iter().flat_map(|(w, _)| w.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    assert!(
        chars.len() < usize::from(u16::MAX),
        "more than 65,534 distinct characters"
    );
    let code = |c: char| chars.binary_search(&c).expect("a dictionary character") as u32 + 1;
    let mut freqs: Vec<u64> = words.iter().map(|(_, f)| *f).collect();
    freqs.sort_unstable();
    freqs.dedup();
    assert!(
        freqs.len() < usize::from(u16::MAX),
        "more than 65,534 distinct frequencies"
    );
    let freq_index = |f: u64| freqs.binary_search(&f).expect("a dictionary frequency") as u16 + 1;

    // The trie, one level at a time. The first level holds every code. `active` holds the
    // words longer than the depth, in order, each with the byte offset of its character at
    // this depth and its node one level up; sorted words with the same prefix are
    // adjacent, so each new node's children arrive together and in code order, and
    // numbering nodes as they arrive numbers them breadth-first.
    let k = chars.len();
    let mut label: Vec<u16> = (0..=k as u16).collect();
    let mut freq: Vec<u16> = vec![0; k + 1];
    let mut children: Vec<u32> = vec![0; k + 1];
    children[0] = k as u32;
    let mut active: Vec<(usize, usize, u32)> = Vec::with_capacity(words.len());
    for (w, &(word, f)) in words.iter().enumerate() {
        let c = word.chars().next().expect("a word has a character");
        let id = code(c);
        if c.len_utf8() == word.len() {
            freq[id as usize] = freq_index(f);
        } else {
            active.push((w, c.len_utf8(), id));
        }
    }
    while !active.is_empty() {
        let mut next = Vec::with_capacity(active.len());
        let mut last: Option<(u32, char, u32)> = None;
        for (w, at, parent) in active {
            let (word, f) = words[w];
            let c = word[at..]
                .chars()
                .next()
                .expect("a character at this depth");
            let id = match last {
                Some((p, lc, id)) if p == parent && lc == c => id,
                _ => {
                    let id = label.len() as u32;
                    label.push(code(c) as u16);
                    freq.push(0);
                    children.push(0);
                    children[parent as usize] += 1;
                    last = Some((parent, c, id));
                    id
                }
            };
            let after = at + c.len_utf8();
            if after == word.len() {
                freq[id as usize] = freq_index(f);
            } else {
                next.push((w, after, id));
            }
        }
        active = next;
    }

    let nodes = label.len();
    let mut first: Vec<u32> = Vec::with_capacity(nodes + 1);
    let mut at = 1u32;
    for &n in &children {
        first.push(at);
        at += n;
    }
    first.push(at);
    let mut bmp_code = vec![0u16; 0x10000];
    let (mut wide_char, mut wide_code) = (Vec::new(), Vec::new());
    for &c in &chars {
        match u16::try_from(c as u32) {
            Ok(b) => bmp_code[usize::from(b)] = code(c) as u16,
            Err(_) => {
                wide_char.push(c as u32);
                wide_code.push(code(c));
            }
        }
    }
    let freqs: Vec<u32> = freqs.iter().map(|&f| f as u32).collect();

    let mut out: Vec<u8> = Vec::with_capacity(2 * 0x10000 + 8 * nodes + 4 * freqs.len() + 64);
    let header = [
        MAGIC,
        nodes as u32,
        k as u32,
        wide_char.len() as u32,
        freqs.len() as u32,
        total as u32,
        (total >> 32) as u32,
    ];
    let put32 = |out: &mut Vec<u8>, a: &[u32]| {
        a.iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes()))
    };
    put32(&mut out, &header);
    let put16 = |out: &mut Vec<u8>, a: &[u16]| {
        a.iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes()))
    };
    put16(&mut out, &bmp_code);
    put32(&mut out, &wide_char);
    put32(&mut out, &wide_code);
    put32(&mut out, &freqs);
    put32(&mut out, &first);
    put16(&mut out, &label);
    put16(&mut out, &freq);
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dir.join("dict.bin"), out).expect("cannot write the compiled dictionary");
}
