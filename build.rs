//! Compiles the segmentation dictionary (src/segment/jieba-dict.txt, then domain.txt) into
//! the table `src/segment/dict.rs` searches in place, so that no dictionary is built when
//! the program starts.
//!
//! The entries are merged as jieba-rs loads them: a word listed twice keeps its last
//! frequency, and the total is the sum over distinct words. The table is a character trie
//! in breadth-first order, so the children of a node are consecutive nodes, sorted by
//! character, and one offset per node says where they start (the next node's offset says
//! where they end). All numbers are little-endian `u32`s:
//!
//! ```text
//! magic, node count N, root table length R, total (low, high),
//! root[R]        node reached from the root by character c (0: none), for c < R
//! first[N + 1]   first child of each node; a node's children are first[n]..first[n + 1]
//! label[N]       the character leading to each node
//! freq[N]        the frequency of the word ending at each node, plus one (0: no word)
//! ```
//!
//! No dependencies, and linear in the size of the dictionary: it runs in a fraction of a
//! second even unoptimised.

use std::fs;
use std::path::PathBuf;

/// The sources, in the order their entries are loaded (later ones override earlier ones).
const SOURCES: [&str; 2] = ["src/segment/jieba-dict.txt", "src/segment/domain.txt"];
/// Identifies the layout; `src/segment/dict.rs` checks it.
const MAGIC: u32 = 0x5044_4431;

fn main() {
    for s in SOURCES {
        println!("cargo::rerun-if-changed={s}");
    }
    println!("cargo::rerun-if-changed=build.rs");

    let texts: Vec<String> = SOURCES
        .iter()
        .map(|s| fs::read_to_string(s).unwrap_or_else(|e| panic!("cannot read {s}: {e}")))
        .collect();

    // Distinct words with their last frequency, as jieba-rs's `load_dict` keeps them.
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
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
            match index.get(word) {
                Some(&i) => entries[i].1 = freq,
                None => {
                    index.insert(word, entries.len());
                    entries.push((word, freq));
                }
            }
        }
    }
    let total: u64 = entries.iter().map(|e| e.1).sum();
    // Byte order of UTF-8 is code-point order, so this sorts the words character by character.
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let words: Vec<(Vec<char>, u64)> = entries
        .iter()
        .map(|(w, f)| (w.chars().collect(), *f))
        .collect();

    // One level of the trie at a time. `active` holds the words longer than the depth, in
    // order, each with its node one level up; sorted words with the same prefix are
    // adjacent, so each new node's children arrive together and in character order, and
    // numbering nodes as they arrive numbers them breadth-first.
    let mut label: Vec<u32> = vec![0];
    let mut freq: Vec<u32> = vec![0];
    let mut children: Vec<u32> = vec![0];
    let mut active: Vec<(usize, u32)> = (0..words.len()).map(|w| (w, 0)).collect();
    let mut depth = 0;
    while !active.is_empty() {
        let mut next = Vec::with_capacity(active.len());
        let mut last: Option<(u32, char, u32)> = None;
        for (w, parent) in active {
            let (chars, f) = &words[w];
            let c = chars[depth];
            let id = match last {
                Some((p, lc, id)) if p == parent && lc == c => id,
                _ => {
                    let id = label.len() as u32;
                    label.push(c as u32);
                    freq.push(0);
                    children.push(0);
                    children[parent as usize] += 1;
                    last = Some((parent, c, id));
                    id
                }
            };
            if chars.len() == depth + 1 {
                freq[id as usize] = *f as u32 + 1;
            } else {
                next.push((w, id));
            }
        }
        active = next;
        depth += 1;
    }

    let nodes = label.len();
    let mut first: Vec<u32> = Vec::with_capacity(nodes + 1);
    let mut at = 1u32;
    for &n in &children {
        first.push(at);
        at += n;
    }
    first.push(at);
    let root_children = first[0] as usize..first[1] as usize;
    let root_len = root_children
        .clone()
        .map(|n| label[n] + 1)
        .max()
        .unwrap_or(0) as usize;
    let mut root = vec![0u32; root_len];
    for n in root_children {
        root[label[n] as usize] = n as u32;
    }

    let mut out: Vec<u8> = Vec::with_capacity(4 * (5 + root_len + 3 * nodes + 1));
    let header = [
        MAGIC,
        nodes as u32,
        root_len as u32,
        total as u32,
        (total >> 32) as u32,
    ];
    for array in [&header[..], &root, &first, &label, &freq] {
        for v in array {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dir.join("dict.bin"), out).expect("cannot write the compiled dictionary");
}
