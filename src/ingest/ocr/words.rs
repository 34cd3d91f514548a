//! Corrections by the dictionary (a language model that knows words, not notices): where
//! the recogniser was unsure of a Chinese character (probability under
//! [`super::LOW_CONFIDENCE`]) and saw a runner-up, the runner-up is taken when it makes a
//! word of the segmentation dictionary (jieba's and the domain's) with its neighbours and
//! what was read makes none: `国有士地` → `国有土地`, `民生福社` → `民生福祉`. A character
//! read with more confidence is left alone even when it makes no word (`各地各部门`: 各
//! makes none, and its runner-up 名 would make `地名`).

use crate::lexicon::is_cjk_ideograph;
use crate::lexicon::words::Dictionary;

/// A character read with less probability than this may be replaced (the probability
/// under which a character counts as uncertain, [`super::LOW_CONFIDENCE`]).
const UNSURE: f32 = super::LOW_CONFIDENCE;
/// The runner-up must have at least this probability: the model saw it, not just noise.
const RUNNER_UP: f32 = 0.1;

/// The longest word looked for around a character.
const LONGEST: usize = 4;

/// The highest frequency of a dictionary word of two to [`LONGEST`] characters of `s`
/// that takes in character `i`; 0 when none does.
fn best_word(dict: &Dictionary, s: &[char], i: usize) -> u64 {
    let mut best = 0;
    let mut w = String::new();
    for a in i.saturating_sub(LONGEST - 1)..=i {
        for b in (i + 1).max(a + 2)..=(a + LONGEST).min(s.len()) {
            if !s[a..b].iter().all(|&c| is_cjk_ideograph(c)) {
                continue;
            }
            w.clear();
            w.extend(&s[a..b]);
            if let Some(f) = dict.freq(&w) {
                best = best.max(f);
            }
        }
    }
    best
}

/// Applies the runner-ups that make words (see the module docs) to a line's characters
/// `(char, x, probability)`; `alts` gives each character's runner-up and its probability.
/// A replaced character keeps its probability, so it still counts as uncertain.
pub(crate) fn correct(chars: &mut [(char, f32, f32)], alts: &[Option<(char, f32)>]) {
    let dict = Dictionary::compiled();
    let mut s: Vec<char> = chars.iter().map(|c| c.0).collect();
    for i in 0..s.len() {
        let Some(&Some((alt, p2))) = alts.get(i) else {
            continue;
        };
        if chars[i].2 >= UNSURE
            || p2 < RUNNER_UP
            || !is_cjk_ideograph(s[i])
            || !is_cjk_ideograph(alt)
        {
            continue;
        }
        if best_word(&dict, &s, i) > 0 {
            continue;
        }
        let was = s[i];
        s[i] = alt;
        if best_word(&dict, &s, i) > 0 {
            chars[i].0 = alt;
        } else {
            s[i] = was;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, unsure: usize, alt: char, p: f32, p2: f32) -> String {
        let mut chars: Vec<(char, f32, f32)> = text.chars().map(|c| (c, 0.0, 0.99)).collect();
        chars[unsure].2 = p;
        let mut alts = vec![None; chars.len()];
        alts[unsure] = Some((alt, p2));
        correct(&mut chars, &alts);
        chars.into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn an_unsure_character_takes_the_runner_up_that_makes_a_word() {
        assert_eq!(
            read("国有士地上房屋", 2, '土', 0.53, 0.45),
            "国有土地上房屋"
        );
        assert_eq!(
            read("增进民生福社等方面", 5, '祉', 0.6, 0.15),
            "增进民生福祉等方面"
        );
    }

    #[test]
    fn a_sure_or_wordy_reading_is_kept() {
        // Sure enough: 各 makes no word, 名 would (地名), but 0.88 is no doubt.
        assert_eq!(read("各地各部门要", 2, '名', 0.88, 0.06), "各地各部门要");
        // Unsure, but the runner-up was barely seen.
        assert_eq!(
            read("国有士地上房屋", 2, '土', 0.53, 0.05),
            "国有士地上房屋"
        );
        // What was read makes a word already (土地).
        assert_eq!(
            read("国有土地上房屋", 2, '士', 0.53, 0.45),
            "国有土地上房屋"
        );
    }
}
