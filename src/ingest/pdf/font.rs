//! A PDF font as the text extractor needs it: how many bytes one character code takes,
//! what Unicode text a code stands for, and how far it advances.
//!
//! Codes map to text through the font's `/ToUnicode` CMap first (what browsers and
//! office suites write for the subset CJK fonts they embed: Type0 `Identity-H` fonts and
//! Type3 fonts alike), then, for Type0 fonts without one, through the predefined Chinese
//! CMaps (`UniGB-UCS2-H`, `UniGB-UTF16-H`, `GBK-EUC-H` …), then, for simple fonts,
//! through the `/Encoding` differences' glyph names (`uni4E00`, `space`, `zero` …) or
//! Latin-1.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use super::content::Budget;

/// The most entries one ToUnicode CMap may define (a bfrange counts its whole range).
const MAX_CMAP_ENTRIES: usize = 1 << 20;
/// The most bytes a ToUnicode CMap may decompress to (8 MiB; the CMap of a full CJK
/// font is under 2 MiB): a larger one is not read, and the font's codes have no text.
const MAX_CMAP_BYTES: usize = 8 << 20;
/// The most codespace ranges kept (every glyph is looked up in them; real CMaps have
/// one to a few).
const MAX_CODESPACE_RANGES: usize = 64;
/// The most UTF-16 units one code may stand for (a ligature is 2 or 3; ActualText is
/// how a longer replacement is written).
const MAX_TARGET_UNITS: usize = 32;

/// How a Type0 font's codes are written, when it has no ToUnicode CMap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CidText {
    /// Codes are CIDs with no known text (Identity-H without ToUnicode).
    None,
    /// Codes are UTF-16BE code units (UniGB-UCS2-H, UniGB-UTF16-H).
    Utf16,
    /// Codes are GBK/EUC-CN bytes (GBK-EUC-H, GB-EUC-H, GBKp-EUC-H …).
    Gbk,
}

/// One font of a page's resources.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// Type0 (composite) font: two-byte codes unless its CMap says otherwise.
    composite: bool,
    cid_text: CidText,
    /// Code ranges of the ToUnicode CMap's codespace: (byte length, low, high).
    codespace: Vec<(usize, u32, u32)>,
    to_unicode: BTreeMap<u32, String>,
    /// Simple fonts: text of each code from `/Encoding /Differences`.
    differences: BTreeMap<u32, String>,
    /// Advance of each code in thousandths of the font size (Type3: in glyph space
    /// scaled by the font matrix, to the same unit).
    widths: BTreeMap<u32, f64>,
    default_width: f64,
}

impl Font {
    /// Reads a font dictionary; never fails (a damaged font yields codes without text).
    /// Decoding its ToUnicode CMap is charged to `budget` (bytes, and text for what its
    /// codes stand for).
    pub(crate) fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        let composite = subtype.as_deref() == Some(b"Type0".as_slice());
        let mut font = Font {
            composite,
            cid_text: CidText::None,
            codespace: Vec::new(),
            to_unicode: BTreeMap::new(),
            differences: BTreeMap::new(),
            widths: BTreeMap::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
        };
        if let Some(stream) =
            deref(doc, dict.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
        {
            match stream.decompressed_content_with_limit(budget.bytes.min(MAX_CMAP_BYTES)) {
                Ok(data) => {
                    budget.charge_decode(stream.content.len(), Some(data.len()));
                    font.parse_cmap(&data, &mut budget.text, &mut budget.entries);
                }
                Err(_) => budget.charge_decode(stream.content.len(), None),
            }
        }
        if composite {
            if let Some(enc) = name_of(doc, dict.get(b"Encoding").ok()) {
                let enc = String::from_utf8_lossy(&enc).to_string();
                font.cid_text = if enc.contains("UCS2") || enc.contains("UTF16") {
                    CidText::Utf16
                } else if enc.contains("EUC") || enc.starts_with("GBK") {
                    CidText::Gbk
                } else {
                    CidText::None
                };
            }
            let desc = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, Some(o)))
                .and_then(|o| o.as_dict().ok());
            if let Some(desc) = desc {
                if let Some(dw) = deref(doc, desc.get(b"DW").ok()).and_then(number) {
                    font.default_width = dw;
                }
                if let Some(w) = deref(doc, desc.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    font.parse_cid_widths(doc, w, &mut budget.entries);
                }
            }
        } else {
            // Type3 widths are in glyph space; the font matrix scales them to text space.
            let scale = if subtype.as_deref() == Some(b"Type3".as_slice()) {
                deref(doc, dict.get(b"FontMatrix").ok())
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(number)
                    .map(|a| a.abs() * 1000.0)
                    .unwrap_or(1.0)
            } else {
                1.0
            };
            let first = deref(doc, dict.get(b"FirstChar").ok())
                .and_then(number)
                .unwrap_or(0.0) as u32;
            if let Some(ws) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
                for (i, w) in ws.iter().take(256).enumerate() {
                    if let Some(w) = deref(doc, Some(w)).and_then(number) {
                        font.widths.insert(first + i as u32, w * scale);
                    }
                }
            }
            let missing = deref(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()))
                .and_then(number);
            if let Some(m) = missing {
                font.default_width = m * scale;
            }
            if let Some(enc) = deref(doc, dict.get(b"Encoding").ok()).and_then(|o| o.as_dict().ok())
                && let Some(diffs) =
                    deref(doc, enc.get(b"Differences").ok()).and_then(|o| o.as_array().ok())
            {
                let mut code = 0u32;
                for d in diffs.iter().take(4096) {
                    match deref(doc, Some(d)) {
                        Some(Object::Integer(n)) => code = (*n).clamp(0, 255) as u32,
                        Some(Object::Name(n)) => {
                            if let Some(t) = glyph_name_text(n) {
                                font.differences.insert(code, t);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        font
    }

    /// Splits a shown string into its character codes.
    pub(crate) fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]);
            let mut code = 0u32;
            for b in &bytes[i..i + len] {
                code = (code << 8) | u32::from(*b);
            }
            out.push((code, len));
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        if !self.codespace.is_empty() {
            for len in 1..=4.min(rest.len()) {
                let mut code = 0u32;
                for b in &rest[..len] {
                    code = (code << 8) | u32::from(*b);
                }
                if self
                    .codespace
                    .iter()
                    .any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code))
                {
                    return len;
                }
            }
        }
        let len = if self.composite {
            match self.cid_text {
                CidText::Gbk if rest[0] < 0x80 => 1,
                _ => 2,
            }
        } else {
            1
        };
        len.min(rest.len())
    }

    /// The text a code stands for (empty when the font does not say).
    pub(crate) fn text(&self, code: u32, len: usize) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        if self.composite {
            return match self.cid_text {
                CidText::Utf16 => char::from_u32(code).map(String::from).unwrap_or_default(),
                CidText::Gbk => {
                    let bytes: Vec<u8> = code.to_be_bytes()[4 - len..].to_vec();
                    let (t, _, bad) = encoding_rs::GBK.decode(&bytes);
                    if bad { String::new() } else { t.into_owned() }
                }
                CidText::None => String::new(),
            };
        }
        if let Some(t) = self.differences.get(&code) {
            return t.clone();
        }
        match code {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(code).map(String::from).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The advance of a code, in thousandths of the font size.
    pub(crate) fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// Reads a CIDFont's `/W` array; its entries are charged to `entries_left`.
    fn parse_cid_widths(&mut self, doc: &Document, w: &[Object], entries_left: &mut usize) {
        let limit = MAX_CMAP_ENTRIES.min(*entries_left);
        let mut i = 0;
        let mut entries = 0usize;
        while i < w.len() && entries < limit {
            let Some(first) = deref(doc, Some(&w[i])).and_then(number) else {
                break;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).and_then(|o| deref(doc, Some(o))) {
                Some(Object::Array(ws)) => {
                    for (k, x) in ws.iter().take(limit - entries).enumerate() {
                        if let Some(x) = deref(doc, Some(x)).and_then(number) {
                            self.widths.insert(first.saturating_add(k as u32), x);
                        }
                    }
                    entries += ws.len().min(limit - entries);
                    i += 2;
                }
                Some(o) => {
                    let last = number(o).unwrap_or(0.0).max(0.0) as u32;
                    let x = w
                        .get(i + 2)
                        .and_then(|o| deref(doc, Some(o)))
                        .and_then(number);
                    if let Some(x) = x {
                        let room = (limit - entries).saturating_sub(1).min(65_535) as u32;
                        let last = last.min(first.saturating_add(room));
                        for c in first..=last {
                            self.widths.insert(c, x);
                        }
                        entries += (last.saturating_sub(first)) as usize + 1;
                    }
                    i += 3;
                }
                None => break,
            }
        }
        *entries_left -= entries;
    }

    /// Reads `begincodespacerange`, `beginbfchar` and `beginbfrange` sections.
    /// What the codes stand for is charged to `text` (bytes), the entries to
    /// `entries_left` (the document's, shared by every font); past either, no more
    /// entries.
    pub(crate) fn parse_cmap(&mut self, data: &[u8], text: &mut usize, entries_left: &mut usize) {
        let limit = MAX_CMAP_ENTRIES.min(*entries_left);
        let read = self.read_cmap(data, text, limit);
        *entries_left -= read;
    }

    /// [`Font::parse_cmap`] of at most `limit` entries; the entries read.
    fn read_cmap(&mut self, data: &[u8], text: &mut usize, limit: usize) -> usize {
        let tokens = cmap_tokens(data);
        // The UTF-16 target of a code, cut to MAX_TARGET_UNITS, charged to the budget.
        let mut target = |units: &[u16]| -> Option<String> {
            let t = String::from_utf16_lossy(&units[..units.len().min(MAX_TARGET_UNITS)]);
            if t.len() > *text {
                return None;
            }
            *text -= t.len();
            Some(t)
        };
        let mut i = 0;
        let mut entries = 0usize;
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while i + 1 < tokens.len() {
                        match (&tokens[i], &tokens[i + 1]) {
                            (Tok::Hex(lo), Tok::Hex(hi)) if !lo.is_empty() && lo.len() <= 4 => {
                                if self.codespace.len() < MAX_CODESPACE_RANGES {
                                    self.codespace.push((lo.len(), be(lo), be(hi)));
                                }
                                i += 2;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while i + 1 < tokens.len() && entries < limit {
                        match (&tokens[i], &tokens[i + 1]) {
                            (Tok::Hex(src), Tok::Hex(dst)) => {
                                let Some(t) = target(&utf16_units(dst)) else {
                                    return entries;
                                };
                                self.to_unicode.insert(be(src), t);
                                entries += 1;
                                i += 2;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while i + 2 < tokens.len() && entries < limit {
                        let (Tok::Hex(lo), Tok::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                            break;
                        };
                        let (lo, hi) = (be(lo), be(hi));
                        let hi = hi.min(lo.saturating_add(65_535));
                        match &tokens[i + 2] {
                            Tok::Hex(dst) => {
                                let mut units = utf16_units(dst);
                                units.truncate(MAX_TARGET_UNITS);
                                for code in lo..=hi {
                                    if entries >= limit {
                                        break;
                                    }
                                    let Some(t) = target(&units) else {
                                        return entries;
                                    };
                                    self.to_unicode.insert(code, t);
                                    entries += 1;
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(1);
                                    }
                                }
                                i += 3;
                            }
                            Tok::ArrayStart => {
                                let mut j = i + 3;
                                let mut code = lo;
                                while j < tokens.len() && tokens[j] != Tok::ArrayEnd {
                                    if let Tok::Hex(dst) = &tokens[j]
                                        && code <= hi
                                        && entries < limit
                                    {
                                        let Some(t) = target(&utf16_units(dst)) else {
                                            return entries;
                                        };
                                        self.to_unicode.insert(code, t);
                                        entries += 1;
                                        code = code.saturating_add(1);
                                    }
                                    j += 1;
                                }
                                i = j + 1;
                            }
                            _ => break,
                        }
                    }
                }
                _ => i += 1,
            }
        }
        entries
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Hex(Vec<u8>),
    Word(String),
    ArrayStart,
    ArrayEnd,
}

/// The tokens of a CMap that matter here: hex strings, words, array brackets.
fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let digits: Vec<u8> = data[start..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = hex_val(pair[0]);
                    let lo = pair.get(1).map_or(0, |&b| hex_val(b));
                    bytes.push(hi << 4 | lo);
                }
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrayEnd);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings (CMap names, registry) are skipped.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b if b.is_ascii_alphanumeric() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    out
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect()
}

/// The text of a glyph name: `uni4E00`, `u4E00`, `g123` (none) and the ASCII names
/// office suites use.
fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
    {
        let units: Option<Vec<u16>> = (0..hex.len() / 4)
            .map(|k| u16::from_str_radix(&hex[k * 4..k * 4 + 4], 16).ok())
            .collect();
        return units.map(|u| String::from_utf16_lossy(&u));
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return char::from_u32(v).map(String::from);
    }
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return Some(name.to_string());
    }
    const NAMES: [(&str, &str); 32] = [
        ("space", " "),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("period", "."),
        ("comma", ","),
        ("colon", ":"),
        ("semicolon", ";"),
        ("hyphen", "-"),
        ("minus", "-"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("percent", "%"),
        ("slash", "/"),
        ("bracketleft", "["),
        ("bracketright", "]"),
        ("quotedbl", "\""),
        ("quotesingle", "'"),
        ("plus", "+"),
        ("equal", "="),
        ("underscore", "_"),
        ("ampersand", "&"),
        ("numbersign", "#"),
        ("question", "?"),
        ("exclam", "!"),
    ];
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
}

/// Follows a reference (one level at a time, at most a few deep).
pub(crate) fn deref<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    let mut obj = obj?;
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            o => return Some(o),
        }
    }
    None
}

fn name_of(doc: &Document, obj: Option<&Object>) -> Option<Vec<u8>> {
    match deref(doc, obj)? {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

/// A number operand or value.
pub(crate) fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font_with_cmap(cmap: &str, composite: bool) -> Font {
        let mut f = Font {
            composite,
            cid_text: CidText::None,
            codespace: Vec::new(),
            to_unicode: BTreeMap::new(),
            differences: BTreeMap::new(),
            widths: BTreeMap::new(),
            default_width: 1000.0,
        };
        let (mut text, mut entries) = (usize::MAX, usize::MAX);
        f.parse_cmap(cmap.as_bytes(), &mut text, &mut entries);
        f
    }

    #[test]
    fn tounicode_bfchar_bfrange_and_arrays() {
        let f = font_with_cmap(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
             2 beginbfchar <0003> <0020> <0A1B> <653F> endbfchar\n\
             2 beginbfrange <0010> <0012> <516C> <0020> <0021> [<5F00> <D840DC00>] endbfrange",
            true,
        );
        let codes = f.codes(&[0x0A, 0x1B, 0x00, 0x10, 0x00, 0x21]);
        let text: String = codes.iter().map(|&(c, l)| f.text(c, l)).collect();
        assert_eq!(text, "政公\u{20000}");
        assert_eq!(f.text(0x0003, 2), " ");
    }

    #[test]
    fn one_byte_codespace_of_a_type3_font() {
        let f = font_with_cmap(
            "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <11> <19> <0030> endbfrange",
            false,
        );
        let text: String = f
            .codes(b"\x13\x11")
            .iter()
            .map(|&(c, l)| f.text(c, l))
            .collect();
        assert_eq!(text, "20");
    }

    #[test]
    fn map_entries_are_charged_to_the_documents_budget() {
        let mut f = font_with_cmap("", true);
        let (mut text, mut left) = (usize::MAX, 100);
        // 65,536 codes mapped to nothing: no text to charge, but 65,536 entries.
        f.parse_cmap(
            b"1 beginbfrange <0000> <FFFF> <> endbfrange",
            &mut text,
            &mut left,
        );
        assert_eq!((f.to_unicode.len(), left), (100, 0));
        f.parse_cmap(
            b"1 beginbfchar <FFFF> <0041> endbfchar",
            &mut text,
            &mut left,
        );
        assert_eq!(f.to_unicode.len(), 100, "the budget is spent");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_text(b"uni653F").as_deref(), Some("政"));
        assert_eq!(glyph_name_text(b"zero").as_deref(), Some("0"));
        assert_eq!(glyph_name_text(b"g12"), None);
    }
}
