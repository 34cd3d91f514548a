//! Property tests: arbitrary bytes never panic the reader or parser; a generated notice
//! rendered as a table and parsed back keeps its tasks; a notice compared with itself is
//! all carried.

use policydiff::align::{AlignOptions, align};
use policydiff::ingest::{IngestOptions, read_bytes};
use policydiff::parse::parse_document;
use policydiff::segment::Segmenter;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_give_a_notice_or_a_typed_error(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(doc) = read_bytes("p.txt", &bytes, &IngestOptions::default()) {
            let _ = parse_document(&doc);
        }
    }

    #[test]
    fn any_text_gives_a_notice_or_a_typed_error(text in "[一二三四五六七八九十、（）()\\t\\n|0-9 政务公开负责落实牵头年底前月日。，]{0,400}") {
        if let Ok(doc) = read_bytes("p.txt", text.as_bytes(), &IngestOptions::default()) {
            let _ = parse_document(&doc);
        }
    }
}

/// Requirement texts as policy writers write them: a verb phrase and an object.
fn requirement() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["加强", "做好", "推进", "建立", "完善", "规范"]),
        prop::sample::select(vec![
            "政府信息公开",
            "政策解读",
            "政务新媒体",
            "规范性文件",
            "依申请公开",
            "基层政务公开",
            "政府网站",
            "政务舆情回应",
        ]),
        prop::sample::select(vec![
            "工作，提升质量",
            "建设，接受社会监督",
            "管理，做到应公开尽公开",
            "机制，及时回应关切",
        ]),
        0u32..1000,
    )
        .prop_map(|(v, o, t, n)| format!("{v}{o}{t}，编号{n}。"))
}

fn units() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    (
        prop::collection::vec(
            prop::sample::select(vec!["市财政局", "市司法局", "市数据资源局", "市政府办公室"]),
            0..3,
        ),
        prop::collection::vec(
            prop::sample::select(vec!["市政府各部门", "各县区政府", "市政府有关部门"]),
            1..3,
        ),
    )
        .prop_map(|(mut l, mut u)| {
            l.dedup();
            u.dedup();
            (
                l.into_iter().map(String::from).collect(),
                u.into_iter().map(String::from).collect(),
            )
        })
}

fn deadline() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["年底前", "持续推进", "9月底前", "6月30日前", "全年"])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parse_of_a_rendered_notice_keeps_its_tasks(
        tasks in prop::collection::vec((requirement(), units(), deadline()), 1..25)
    ) {
        let mut text = String::from("测试市人民政府办公室关于印发2021年政务公开重点工作任务分工的通知\n\n工作任务\t具体要求\t责任单位\t时限要求\n");
        for (i, (req, (lead, imp), dl)) in tasks.iter().enumerate() {
            let mut cell = String::new();
            if !lead.is_empty() {
                cell.push_str(&format!("{}牵头，", lead.join("、")));
            }
            cell.push_str(&format!("{}负责落实", imp.join("、")));
            let heading = if i % 5 == 0 { format!("（{}）做好第{}类工作", ["一", "二", "三", "四", "五"][i / 5 % 5], i / 5 + 1) } else { String::new() };
            text.push_str(&format!("{heading}\t{} {req}\t{cell}\t{dl}\n", i + 1));
        }
        let doc = read_bytes("gen.txt", text.as_bytes(), &IngestOptions::default()).unwrap();
        let n = parse_document(&doc).unwrap();
        prop_assert_eq!(n.tasks.len(), tasks.len());
        for (t, (req, (lead, imp), dl)) in n.tasks.iter().zip(&tasks) {
            prop_assert_eq!(&t.text, req);
            prop_assert_eq!(&t.lead_units, lead);
            prop_assert_eq!(&t.units, imp);
            prop_assert_eq!(t.deadline.raw.as_deref(), Some(*dl));
        }
    }

    #[test]
    fn a_notice_compared_with_itself_is_all_carried(
        tasks in prop::collection::btree_set(requirement(), 1..15)
    ) {
        let mut text = String::from("工作任务\t具体要求\t责任单位\t时限要求\n");
        for (i, req) in tasks.iter().enumerate() {
            text.push_str(&format!("（一）加强\t{} {req}\t市政府各部门负责落实\t年底前\n", i + 1));
        }
        let doc = read_bytes("gen.txt", text.as_bytes(), &IngestOptions::default()).unwrap();
        let n = parse_document(&doc).unwrap();
        let a = align(n.clone(), n, Segmenter::shared(), &AlignOptions::default());
        prop_assert!(a.dropped.is_empty());
        prop_assert!(a.added.is_empty());
        for t in &a.upper.tasks {
            prop_assert_eq!(a.upper_status(&t.id), policydiff::model::Status::Carried);
        }
    }
}
