//! Writes OFD copies of the corpus PDFs (`tests/data/pdf/*.pdf`): the positioned text and
//! ruling lines our PDF reader finds, as OFD `TextObject`s and `PathObject`s
//! (`policydiff::harness::ofd`), and the hostile OFDs of issue 26.
//!
//! cargo run --example ofd -- DIR
//!
//! The end-to-end tests (`tests/e2e/ofd.rs`) write the same files at test time.

use std::fs;
use std::path::Path;

use policydiff::harness::ofd;

const NOTICES: [&str; 5] = [
    "anhui-province-2022",
    "chizhou-city-2018",
    "chizhou-city-2021",
    "jiujiang-city-2021",
    "lezhi-county-2021",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: ofd DIR")?;
    let dir = Path::new(&dir);
    fs::create_dir_all(dir)?;
    for name in NOTICES {
        let pdf = fs::read(format!("tests/data/pdf/{name}.pdf"))?;
        fs::write(dir.join(format!("{name}.ofd")), ofd::from_pdf(&pdf)?)?;
    }
    for (name, bytes) in [
        ("ofd-notice.ofd", ofd::ofd_notice()),
        ("ofd-zip-bomb.ofd", ofd::ofd_zip_bomb(200_000_000)),
        ("ofd-self-template.ofd", ofd::ofd_self_template()),
        ("ofd-nested.ofd", ofd::ofd_nested(100_000)),
        ("ofd-many-glyphs.ofd", ofd::ofd_many_glyphs(300_000)),
    ] {
        fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}
