//! A cheap count of the objects a PDF would make lopdf build, taken from the raw bytes
//! before lopdf sees them.
//!
//! lopdf builds every object of a file when it loads it: each number, name, string,
//! array and dictionary becomes an `Object` of about a hundred bytes, so an array of
//! one-digit numbers (two bytes each) costs some 60 times its size, and a 64 MiB file
//! of them 4 GiB. Object streams (`/Type /ObjStm`) are worse: lopdf inflates them and
//! parses the object at every offset their index lists, so an index listing one large
//! array under many numbers builds it once per number. The scan counts, without
//! building anything, the tokens of the file outside stream data and, for each object
//! stream, the tokens of the object at each offset its index lists (inflated under the
//! same byte limit as lopdf's); the reader refuses a file whose count passes
//! [`MAX_TOKENS`] before it is loaded. The count is an upper bound of the objects
//! built (a reference `1 0 R` counts three), never a parse: nothing here is trusted
//! beyond the count.
//!
//! lopdf also parses the object at an offset once for every cross-reference entry that
//! lists the offset, so a table pointing many entries at one large object builds it
//! once per entry. The offsets a table lists (`OFFSET GEN n`) are collected as the file
//! is counted; for an offset listed more than once, the object there is counted once
//! (looked up once, however many entries share it) and added once per extra entry.
//! Cross-reference streams (PDF 1.5) are read for their offsets too when compressed
//! with Flate (PNG predictors undone).

use std::io::Read;

/// The most tokens (numbers, names, strings, keywords, arrays, dictionaries) a PDF may
/// hold, in its body and its object streams together: 4 million, some 500 MB of
/// lopdf's objects at worst (measured: 125 bytes a token for a large array). An 8-page
/// notice printed by Chromium, its fonts as Type 3 glyph procedures, has 105,000, so
/// some 300 such pages pass.
pub const MAX_TOKENS: usize = 4_000_000;

/// Why a file was refused before loading.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// More than [`MAX_TOKENS`] tokens (counted so far, where counting stopped).
    Tokens(usize),
    /// An object stream's data inflates past the byte limit.
    Inflates(usize),
    /// An object stream compressed with a filter the scan cannot look through.
    Filter(String),
}

/// Counts the tokens of `bytes` (and of its object streams, inflating each to at most
/// `cap` bytes); refuses past [`MAX_TOKENS`].
pub(crate) fn check(bytes: &[u8], cap: usize) -> Result<usize, Refusal> {
    let mut count = 0usize;
    let mut lexer = Lexer {
        data: bytes,
        pos: 0,
    };
    // The last tokens of the innermost open dictionary, to recognise `/Type /ObjStm`,
    // `/Filter`, `/First` of the dictionary a `stream` keyword follows.
    let mut dict = DictSeen::default();
    let mut depth = 0usize;
    // The offsets cross-reference tables list, and the two words before the current one.
    let mut offsets: Vec<usize> = Vec::new();
    let mut last: [Option<&[u8]>; 2] = [None, None];
    while let Some(tok) = lexer.next() {
        count += 1;
        if count > MAX_TOKENS {
            return Err(Refusal::Tokens(count));
        }
        let word = match tok {
            Token::Other(w) => Some(w),
            _ => None,
        };
        if word == Some(b"n".as_slice())
            && let [Some(off), Some(generation)] = last
            && generation.iter().all(u8::is_ascii_digit)
            && let Some(off) = std::str::from_utf8(off)
                .ok()
                .and_then(|s| s.parse::<usize>().ok())
        {
            offsets.push(off);
        }
        last = [last[1], word];
        match tok {
            Token::DictOpen => {
                depth += 1;
                if depth == 1 {
                    dict = DictSeen::default();
                }
            }
            Token::DictClose => depth = depth.saturating_sub(1),
            Token::Name(n) if depth == 1 => dict.name(n),
            Token::Other(word) if depth == 1 => dict.word(word),
            Token::ArrayOpen if depth == 1 => dict.array = Some(dict.last_name.clone()),
            Token::ArrayClose if depth == 1 => {
                dict.array = None;
                dict.last_name.clear();
            }
            Token::Name(n) if depth == 2 => dict.inner_name = n.to_vec(),
            Token::Other(word) if depth == 2 => dict.inner_word(word),
            Token::Other(b"stream") => {
                let data = lexer.stream_data();
                if dict.objstm {
                    count = object_stream(data, &dict, cap, count)?;
                }
                if dict.xref {
                    count = xref_stream(data, &dict, cap, count, &mut offsets)?;
                }
                dict = DictSeen::default();
            }
            _ => {}
        }
    }
    repeated_offsets(bytes, offsets, count)
}

/// Adds to `count`, for each offset listed more than once, the tokens of the object
/// there once per extra listing (the body count holds it once). Each such object is
/// counted once; every token counted is also charged, so the work stops at the limit.
fn repeated_offsets(bytes: &[u8], mut offsets: Vec<usize>, count: usize) -> Result<usize, Refusal> {
    // lopdf's offsets start at the header (junk before it is cut off).
    let base = find(bytes, b"%PDF-").unwrap_or(0);
    offsets.sort_unstable();
    let mut count = count;
    for run in offsets.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
        let Some(data) = base.checked_add(run[0]).and_then(|at| bytes.get(at..)) else {
            continue;
        };
        let tokens = indirect_object(data, count)? - count;
        count = count.saturating_add(tokens.saturating_mul(run.len() - 1));
        if count > MAX_TOKENS {
            return Err(Refusal::Tokens(count));
        }
    }
    Ok(count)
}

/// Adds the tokens of the indirect object `data` starts with (`N G obj` and the object)
/// to `count`; nothing when it does not start with one (lopdf fails there at once).
fn indirect_object(data: &[u8], count: usize) -> Result<usize, Refusal> {
    let mut lexer = Lexer { data, pos: 0 };
    let number =
        |t: Option<Token>| matches!(t, Some(Token::Other(w)) if w.iter().all(u8::is_ascii_digit));
    if !number(lexer.next())
        || !number(lexer.next())
        || lexer.next() != Some(Token::Other(b"obj".as_slice()))
    {
        return Ok(count);
    }
    one_object(&data[lexer.pos..], count)
}

/// A Flate stream inflated, refused past `cap` bytes. A damaged stream gives what inflated
/// before the damage (lopdf fails on it too, after counting the same).
fn inflate_capped(data: &[u8], cap: usize) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::new();
    let mut z = flate2::read::ZlibDecoder::new(data).take(cap as u64 + 1);
    let _ = z.read_to_end(&mut out);
    if out.len() > cap {
        return Err(Refusal::Inflates(cap));
    }
    Ok(out)
}

/// Adds the tokens lopdf would build from one object stream to `count`.
fn object_stream(data: &[u8], dict: &DictSeen, cap: usize, count: usize) -> Result<usize, Refusal> {
    let inflated;
    let content: &[u8] = match dict.filter.as_deref() {
        None => data,
        Some(b"FlateDecode") | Some(b"Fl") => {
            inflated = inflate_capped(data, cap)?;
            &inflated
        }
        Some(other) => return Err(Refusal::Filter(String::from_utf8_lossy(other).into())),
    };
    let first = dict.first.unwrap_or(0).min(content.len());
    let mut count = count;
    let mut index = Lexer {
        data: &content[..first],
        pos: 0,
    };
    // Pairs of (object number, offset): the object at each offset is counted once per
    // pair, as lopdf parses it once per pair.
    while let (Some(_), Some(Token::Other(off))) = (index.next(), index.next()) {
        count += 1;
        let Some(off) = std::str::from_utf8(off)
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
        else {
            continue;
        };
        let Some(at) = first.checked_add(off).filter(|&a| a < content.len()) else {
            continue;
        };
        count = one_object(&content[at..], count)?;
    }
    Ok(count)
}

/// Adds the tokens of the one object `data` starts with to `count`.
fn one_object(data: &[u8], mut count: usize) -> Result<usize, Refusal> {
    let mut lexer = Lexer { data, pos: 0 };
    let mut depth = 0usize;
    while let Some(tok) = lexer.next() {
        count += 1;
        if count > MAX_TOKENS {
            return Err(Refusal::Tokens(count));
        }
        match tok {
            Token::DictOpen | Token::ArrayOpen => depth += 1,
            Token::DictClose | Token::ArrayClose => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            break;
        }
    }
    Ok(count)
}

/// What was seen of the dictionary a `stream` keyword may follow.
#[derive(Default)]
struct DictSeen {
    last_name: Vec<u8>,
    objstm: bool,
    /// `/Type /XRef`: a cross-reference stream.
    xref: bool,
    filter: Option<Vec<u8>>,
    first: Option<usize>,
    /// The name of the array being read (at the dictionary's own level).
    array: Option<Vec<u8>>,
    /// `/W`: the byte widths of a cross-reference stream's fields.
    widths: Vec<usize>,
    /// The last name inside a dictionary within this one (`/DecodeParms`).
    inner_name: Vec<u8>,
    predictor: Option<usize>,
    columns: Option<usize>,
}

fn number(w: &[u8]) -> Option<usize> {
    std::str::from_utf8(w).ok().and_then(|s| s.parse().ok())
}

impl DictSeen {
    fn name(&mut self, n: &[u8]) {
        match self.last_name.as_slice() {
            b"Type" if n == b"ObjStm" => self.objstm = true,
            b"Type" if n == b"XRef" => self.xref = true,
            b"Filter" => self.filter = Some(n.to_vec()),
            _ => {}
        }
        self.last_name = n.to_vec();
    }

    fn word(&mut self, w: &[u8]) {
        if let Some(array) = &self.array {
            if array == b"W" && self.widths.len() < 3 {
                self.widths.push(number(w).unwrap_or(0));
            }
            return;
        }
        if self.last_name == b"First" {
            self.first = number(w);
        }
        self.last_name.clear();
    }

    fn inner_word(&mut self, w: &[u8]) {
        match self.inner_name.as_slice() {
            b"Predictor" => self.predictor = number(w),
            b"Columns" => self.columns = number(w),
            _ => {}
        }
    }
}

/// Reads a cross-reference stream: the offset of each entry of type 1 (an object in
/// the file's body) into `offsets`. Each entry is counted as a token (lopdf keeps one
/// per entry). A stream in a filter other than Flate, or with a predictor other than
/// none or PNG's, is not read here (lopdf reads it; its offsets are not counted).
fn xref_stream(
    data: &[u8],
    dict: &DictSeen,
    cap: usize,
    count: usize,
    offsets: &mut Vec<usize>,
) -> Result<usize, Refusal> {
    let inflated;
    let mut content: &[u8] = match dict.filter.as_deref() {
        None => data,
        Some(b"FlateDecode") | Some(b"Fl") => {
            inflated = inflate_capped(data, cap)?;
            &inflated
        }
        Some(_) => return Ok(count),
    };
    let unfiltered;
    match dict.predictor.unwrap_or(1) {
        1 => {}
        p if p >= 10 => {
            unfiltered = png_unfilter(content, dict.columns.unwrap_or(1).clamp(1, 64));
            content = &unfiltered;
        }
        _ => return Ok(count),
    }
    let w = &dict.widths;
    let width: usize = w.iter().sum();
    if w.len() != 3 || width == 0 || w.iter().any(|&x| x > 8) {
        return Ok(count);
    }
    let field = |b: &[u8]| b.iter().fold(0usize, |acc, &x| (acc << 8) | usize::from(x));
    let mut count = count;
    for entry in content.chunks_exact(width) {
        count += 1;
        if count > MAX_TOKENS {
            return Err(Refusal::Tokens(count));
        }
        let kind = if w[0] == 0 { 1 } else { field(&entry[..w[0]]) };
        if kind == 1 {
            offsets.push(field(&entry[w[0]..w[0] + w[1]]));
        }
    }
    Ok(count)
}

/// Undoes PNG row filters (one byte per pixel, as cross-reference streams have) of
/// rows of `columns` bytes, each after its filter byte.
fn png_unfilter(data: &[u8], columns: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; columns];
    for row in data.chunks_exact(columns + 1) {
        let (tag, raw) = (row[0], &row[1..]);
        let mut cur = vec![0u8; columns];
        // a: the byte to the left, b: above, c: above and to the left.
        let (mut a, mut c) = (0u8, 0u8);
        for ((x, &r), &b) in cur.iter_mut().zip(raw).zip(&prev) {
            let predicted = match tag {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let pa = (p - i16::from(a)).abs();
                    let pb = (p - i16::from(b)).abs();
                    let pc = (p - i16::from(c)).abs();
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => 0,
            };
            *x = r.wrapping_add(predicted);
            a = *x;
            c = b;
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    Name(&'a [u8]),
    /// A literal or hexadecimal string.
    Str,
    /// A number or keyword.
    Other(&'a [u8]),
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let d = self.data;
        loop {
            while self.pos < d.len() && white(d[self.pos]) {
                self.pos += 1;
            }
            if self.pos >= d.len() {
                return None;
            }
            if d[self.pos] == b'%' {
                while self.pos < d.len() && d[self.pos] != b'\n' && d[self.pos] != b'\r' {
                    self.pos += 1;
                }
                continue;
            }
            break;
        }
        let start = self.pos;
        let b = d[start];
        self.pos += 1;
        Some(match b {
            b'<' if d.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::DictOpen
            }
            b'>' if d.get(self.pos) == Some(&b'>') => {
                self.pos += 1;
                Token::DictClose
            }
            b'<' => {
                self.pos += d[self.pos..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(d.len() - self.pos, |p| p + 1);
                Token::Str
            }
            b'(' => {
                let mut nest = 1usize;
                while self.pos < d.len() && nest > 0 {
                    match d[self.pos] {
                        b'\\' => self.pos += 1,
                        b'(' => nest += 1,
                        b')' => nest -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                self.pos = self.pos.min(d.len());
                Token::Str
            }
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'/' => {
                while self.pos < d.len() && !white(d[self.pos]) && !delimiter(d[self.pos]) {
                    self.pos += 1;
                }
                Token::Name(&d[start + 1..self.pos])
            }
            _ if delimiter(b) => Token::Other(&d[start..self.pos]),
            _ => {
                while self.pos < d.len() && !white(d[self.pos]) && !delimiter(d[self.pos]) {
                    self.pos += 1;
                }
                Token::Other(&d[start..self.pos])
            }
        })
    }

    /// After the `stream` keyword: the data up to `endstream` (or the end), skipped.
    fn stream_data(&mut self) -> &'a [u8] {
        let d = self.data;
        let mut start = self.pos;
        if d.get(start) == Some(&b'\r') {
            start += 1;
        }
        if d.get(start) == Some(&b'\n') {
            start += 1;
        }
        let start = start.min(d.len());
        let end = find(&d[start..], b"endstream").map_or(d.len(), |p| start + p);
        self.pos = (end + b"endstream".len()).min(d.len());
        &d[start..end]
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    // `memchr` on the first byte, then a comparison: linear for `endstream`, whose
    // first byte does not repeat inside it.
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let p = hay[i..].iter().position(|&b| b == needle[0])?;
        let at = i + p;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::readers;

    #[test]
    fn counts_body_tokens_and_skips_stream_data() {
        let n = check(b"%PDF-1.7\n1 0 obj << /A [1 2 (x)] >> endobj\n2 0 obj << /Length 3 >> stream\n[[[\nendstream endobj", 1 << 20).unwrap();
        // 1 0 obj << /A [ 1 2 (x) ] >> endobj  = 12; 2 0 obj << /Length 3 >> stream endobj = 9.
        assert_eq!(n, 12 + 9);
    }

    #[test]
    fn a_large_array_is_refused_before_loading() {
        let body = "0 ".repeat(MAX_TOKENS);
        let pdf = readers::pdf(&[format!("[{body}]").into_bytes()]);
        assert!(matches!(check(&pdf, 1 << 20), Err(Refusal::Tokens(_))));
    }

    #[test]
    fn an_object_stream_counts_its_object_once_per_index_entry() {
        // One array of 1,000 numbers listed under 5,000 object numbers: 5 million tokens
        // as lopdf would build them.
        let index: String = (0..5000).map(|i| format!("{} 0 ", i + 10)).collect();
        let body = format!("{index}[{}]", "0 ".repeat(1000));
        let z = readers::zlib(body.as_bytes());
        let pdf = readers::pdf(&[readers::stream(
            &format!(
                "/Type /ObjStm /N 5000 /First {} /Filter /FlateDecode",
                index.len()
            ),
            &z,
        )]);
        assert!(matches!(check(&pdf, 1 << 20), Err(Refusal::Tokens(_))));
        // Listed once, it passes.
        let body = format!("10 0 [{}]", "0 ".repeat(1000));
        let z = readers::zlib(body.as_bytes());
        let pdf = readers::pdf(&[readers::stream(
            "/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode",
            &z,
        )]);
        let n = check(&pdf, 1 << 20).unwrap();
        assert!((1000..1100).contains(&n), "{n}");
    }

    #[test]
    fn an_object_stream_past_the_byte_limit_or_in_an_unknown_filter_is_refused() {
        let z = readers::zlib(&vec![b' '; 10_000]);
        let pdf = readers::pdf(&[readers::stream(
            "/Type /ObjStm /N 1 /First 0 /Filter /FlateDecode",
            &z,
        )]);
        assert_eq!(check(&pdf, 1000), Err(Refusal::Inflates(1000)));
        let pdf = readers::pdf(&[readers::stream(
            "/Type /ObjStm /N 1 /First 0 /Filter /LZWDecode",
            b"xx",
        )]);
        assert_eq!(check(&pdf, 1000), Err(Refusal::Filter("LZWDecode".into())));
    }

    #[test]
    fn an_offset_listed_by_many_entries_is_counted_once_per_entry() {
        // An array of 20,000 numbers listed under 250 more object numbers: lopdf builds
        // it 251 times, 5 million objects.
        let pdf = readers::pdf_xref_one_offset(20_000, 250);
        assert!(matches!(check(&pdf, 1 << 20), Err(Refusal::Tokens(_))));
        // Listed under one more number, it is counted twice, and passes.
        let n = check(&readers::pdf_xref_one_offset(20_000, 1), 1 << 20).unwrap();
        assert!((40_000..41_000).contains(&n), "{n}");
        // Junk before the header moves every offset: they are still found.
        let mut shifted = b"junk\n".to_vec();
        shifted.extend(readers::pdf_xref_one_offset(20_000, 1));
        assert_eq!(check(&shifted, 1 << 20), Ok(n + 1), "one more token: junk");
    }

    /// A PDF whose cross-reference stream (`/W [1 4 1]`, rows PNG-filtered "Up") lists
    /// the array of object 3 (`len` numbers) under `entries` more numbers.
    fn xref_stream_one_offset(len: usize, entries: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut at = Vec::new();
        for body in [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [] /Count 0 >>".to_string(),
            format!("[{}]", "0 ".repeat(len)),
        ] {
            at.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", at.len()).as_bytes());
        }
        let xref_at = out.len();
        let mut rows: Vec<[u8; 6]> = vec![[0, 0, 0, 0, 0, 0]];
        let row = |off: usize| {
            let o = (off as u32).to_be_bytes();
            [1, o[0], o[1], o[2], o[3], 0]
        };
        rows.extend(at.iter().map(|&o| row(o)));
        rows.push(row(xref_at));
        rows.extend((0..entries).map(|_| row(at[2])));
        let mut data = Vec::new();
        let mut prev = [0u8; 6];
        for r in &rows {
            data.push(2);
            data.extend(r.iter().zip(&prev).map(|(x, p)| x.wrapping_sub(*p)));
            prev = *r;
        }
        let z = readers::zlib(&data);
        out.extend(
            format!(
                "4 0 obj\n<< /Type /XRef /Size {} /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 >> /Length {} >>\nstream\n",
                rows.len(),
                z.len()
            )
            .as_bytes(),
        );
        out.extend(&z);
        out.extend(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn an_offset_listed_many_times_by_a_cross_reference_stream_is_counted_per_entry() {
        let pdf = xref_stream_one_offset(20_000, 250);
        assert!(matches!(check(&pdf, 1 << 20), Err(Refusal::Tokens(_))));
        let n = check(&xref_stream_one_offset(20_000, 1), 1 << 20).unwrap();
        assert!((40_000..41_000).contains(&n), "{n}");
    }

    #[test]
    fn png_rows_are_unfiltered() {
        // Up from zeros, Sub (each byte adds the one before), Paeth (here: the byte above).
        let rows = [2, 5, 7, 1, 1, 1, 4, 0, 0];
        assert_eq!(png_unfilter(&rows, 2), [5, 7, 1, 2, 1, 2]);
    }

    #[test]
    fn the_corpus_pdfs_are_far_below_the_limit() {
        for name in ["anhui-province-2022", "jiujiang-city-2021"] {
            let bytes = std::fs::read(format!("tests/data/pdf/{name}.pdf")).unwrap();
            let n = check(&bytes, 64 << 20).unwrap();
            assert!(n < MAX_TOKENS / 20, "{name}: {n}");
        }
    }
}
