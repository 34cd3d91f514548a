//! Issue 26, OFD input: OFD copies of the corpus PDFs (their positioned text and rules,
//! written by `policydiff::harness::ofd`, as `cargo run --example ofd` does) parse to the
//! same notice as the PDFs; hostile OFDs end with an exit code, bounded.

use std::fs;

use policydiff::harness::ofd;

use crate::util::{data, parse_capped};

/// `parse -f json` under the hostile-input caps: (exit code, JSON or null, stderr).
fn parse_json(path: &std::path::Path) -> (i32, serde_json::Value, String) {
    let (code, out, err) = parse_capped(path);
    let v = serde_json::from_slice(&out).unwrap_or(serde_json::Value::Null);
    (code, v, err)
}

#[test]
fn issue26_ofd_copies_of_corpus_pdfs_parse_to_the_same_notice() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "anhui-province-2022",
        "chizhou-city-2018",
        "chizhou-city-2021",
        "jiujiang-city-2021",
        "lezhi-county-2021",
    ] {
        let pdf = data(&format!("pdf/{name}.pdf"));
        let path = dir.path().join(format!("{name}.ofd"));
        fs::write(&path, ofd::from_pdf(&fs::read(&pdf).unwrap()).unwrap()).unwrap();
        let (code, mut got, err) = parse_json(&path);
        assert_eq!(code, 0, "{name}: {err}");
        let (_, mut want, _) = parse_json(&pdf);
        // Every field but where it was read from.
        got.as_object_mut().unwrap().remove("source");
        want.as_object_mut().unwrap().remove("source");
        assert!(!want["tasks"].as_array().unwrap().is_empty());
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn issue26_an_ofd_is_told_by_its_content_not_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.docx");
    fs::write(&path, ofd::ofd_notice()).unwrap();
    let (code, v, err) = parse_json(&path);
    assert_eq!(code, 0, "{err}");
    let texts: Vec<&str> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "做好政府信息公开工作，提升政务公开质量。",
            "加强政策解读，及时回应社会关切。"
        ]
    );
}

#[test]
fn issue26_hostile_ofds_end_bounded_with_a_one_line_error_or_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, i32, &str); 4] = [
        (
            "bomb.ofd",
            ofd::ofd_zip_bomb(100_000_000),
            2,
            "not a readable OFD file: its XML inflates past 67108864 bytes (see --max-input-size)",
        ),
        ("self.ofd", ofd::ofd_self_template(), 0, ""),
        (
            "nested.ofd",
            ofd::ofd_nested(100_000),
            2,
            "not a readable OFD file: its XML nests more than 256 deep",
        ),
        ("glyphs.ofd", ofd::ofd_many_glyphs(300_000), 0, ""),
    ];
    for (name, bytes, code, says) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let (got, v, err) = parse_json(&path);
        assert_eq!(got, code, "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        if code == 2 {
            assert!(
                err.starts_with(&format!("policydiff: error: {}: ", path.display())),
                "{name}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{name}: {err}");
            assert!(err.contains(says), "{name}: {err}");
        } else {
            assert_eq!(v["tasks"].as_array().unwrap().len(), 2, "{name}");
        }
    }
}
