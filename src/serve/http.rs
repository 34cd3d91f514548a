//! The small pieces of HTTP `serve` needs beyond what tiny_http gives: query strings and
//! form bodies, `multipart/form-data` uploads (with a size cap, read by hand), the Host
//! check against DNS rebinding, Basic authentication, and constant-time comparison.

/// Decodes `application/x-www-form-urlencoded` (query strings and form bodies) into
/// (name, value) pairs, in order; malformed escapes are kept as written.
pub fn form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding, `+` as a space.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encoding of everything but unreserved characters, for URLs the pages build.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One file of a multipart upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// The file name the browser sent (its last path component only).
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// Splits a `multipart/form-data` body by the boundary of its content type; `None` when
/// the type or the body is not well formed.
pub fn multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))?
        .trim_matches('"');
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
        || boundary.is_empty()
        || boundary.len() > 200
    {
        return None;
    }
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let mut parts = Vec::new();
    let mut rest = &body[find(body, delim)? + delim.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        let after = &rest[head_end + 4..];
        let mut end_delim = b"\r\n".to_vec();
        end_delim.extend_from_slice(delim);
        let end = find(after, &end_delim)?;
        let data = after[..end].to_vec();
        rest = &after[end + end_delim.len()..];
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        let param = |key: &str| -> Option<String> {
            disposition.split(';').map(str::trim).find_map(|p| {
                p.strip_prefix(key)
                    .and_then(|v| v.strip_prefix('='))
                    .map(|v| v.trim_matches('"').to_string())
            })
        };
        let filename = param("filename").map(|f| {
            // Browsers send the bare name; older ones the whole client path.
            f.rsplit(['/', '\\']).next().unwrap_or_default().to_string()
        });
        parts.push(Part {
            name: param("name")?,
            filename,
            data,
        });
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether a request's Host header names this server as a loopback address
/// (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`): a page of another site that
/// rebinds its name to 127.0.0.1 sends its own name and is refused.
pub fn loopback_host(host: &str, port: u16) -> bool {
    let host = host.trim().to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|h| host == format!("{h}:{port}"))
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The password of an `Authorization: Basic …` header (the user name is ignored).
pub fn basic_password(header: &str) -> Option<String> {
    let b64 = header.trim().strip_prefix("Basic ")?.trim();
    let bytes = base64(b64)?;
    let s = String::from_utf8(bytes).ok()?;
    s.split_once(':').map(|(_, p)| p.to_string())
}

fn base64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let s = s.trim_end_matches('=').as_bytes();
    if s.len() > 4096 {
        return None;
    }
    let mut out = Vec::new();
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_percent_escapes_and_plus() {
        assert_eq!(
            form("a=1&b=%E5%85%AC+x&c"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "公 x".into()),
                ("c".into(), String::new())
            ]
        );
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode(&encode("上级/../x y")), "上级/../x y");
    }

    #[test]
    fn multipart_bodies_split_into_named_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"C:\\\\dir\\\\a.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nabc\r\n--XyZ--\r\n";
        let parts = multipart("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].filename.as_deref(), Some("a.txt"));
        assert_eq!(parts[0].data, b"line1\r\nline2");
        assert_eq!(
            (parts[1].name.as_str(), parts[1].data.as_slice()),
            ("t", &b"abc"[..])
        );
        assert!(multipart("text/plain; boundary=XyZ", body).is_none());
        assert!(multipart("multipart/form-data; boundary=XyZ", b"--XyZ\r\nbroken").is_none());
    }

    #[test]
    fn only_loopback_names_of_this_port_pass_the_host_check() {
        assert!(loopback_host("127.0.0.1:8080", 8080));
        assert!(loopback_host("LOCALHOST:8080", 8080));
        assert!(!loopback_host("evil.example:8080", 8080));
        assert!(!loopback_host("127.0.0.1:8081", 8080));
        assert!(!loopback_host("127.0.0.1", 8080));
    }

    #[test]
    fn basic_auth_gives_the_password() {
        // "auditor:s3cret"
        assert_eq!(
            basic_password("Basic YXVkaXRvcjpzM2NyZXQ=").as_deref(),
            Some("s3cret")
        );
        assert!(basic_password("Bearer x").is_none());
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
    }
}
