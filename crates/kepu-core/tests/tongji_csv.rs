//! The 活动统计表 CSV: any sheet survives export and import, Excel's GB18030
//! re-save reads back, and no byte input makes the importer panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{cases, gb18030};
use kepu_core::forms::tongji::{self, Activity, Tongji};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Printable text with the characters that stress CSV: quotes, commas,
    // line breaks, formula starts, guards, full-width forms and Ext. B.
    proptest::collection::vec(
        prop_oneof![
            any::<char>().prop_filter("no NUL", |c| *c != '\0'),
            proptest::sample::select(vec![
                '"', ',', '\n', '\r', '=', '+', '-', '@', '\'', '\t', ' ', '科', '𠮷', '，', '合'
            ]),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn activity() -> impl Strategy<Value = Activity> {
    proptest::collection::vec(text(), 9).prop_map(|cells| {
        let mut row = Activity::default();
        for (col, value) in tongji::Col::ALL.into_iter().zip(cells) {
            row.set(col, value);
        }
        row
    })
}

fn sheet() -> impl Strategy<Value = Tongji> {
    (proptest::collection::vec(text(), 6), proptest::collection::vec(activity(), 0..6)).prop_map(|(head, rows)| {
        let mut sheet = Tongji::default();
        for (h, value) in tongji::Head::ALL.into_iter().zip(head) {
            sheet.set_head(h, value);
        }
        sheet.rows = rows.into_iter().enumerate().map(|(i, r)| Activity { id: i as u32 + 1, ..r }).collect();
        sheet
    })
}

/// What an import can give back: the 合计 label starts the footer, an empty
/// brand reads as the default, and dates a spreadsheet could have rewritten
/// are brought back to the ISO form.
fn importable(sheet: &Tongji) -> bool {
    let looks_like_date = |s: &str| tongji::parse_day(s).is_some() || tongji::parse_month(s).is_some();
    !sheet.brand.is_empty()
        && !looks_like_date(&sheet.month)
        && !looks_like_date(&sheet.filled_on)
        && sheet.rows.iter().all(|r| r.content.trim() != "合计" && !looks_like_date(&r.date))
        && tongji::Head::ALL.iter().all(|h| sheet.head(*h).trim() != tongji::Col::Content.label())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(400),
        // A million cases meet more than proptest's default 65,536 inputs its filters turn away.
        max_local_rejects: u32::MAX,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_sheet_survives_export_and_import(sheet in sheet().prop_filter("importable", importable)) {
        let back = tongji::from_csv(&tongji::to_csv(&sheet), &gb18030).unwrap();
        prop_assert_eq!(back, sheet);
    }

    #[test]
    fn no_bytes_make_the_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = tongji::from_csv(&bytes, &gb18030);
    }

    #[test]
    fn no_csv_like_text_makes_the_importer_panic(lines in proptest::collection::vec(text(), 0..12)) {
        let header = tongji::Col::ALL.map(tongji::Col::label).join(",");
        let body = format!("填报单位,甲\n{header}\n{}", lines.join(","));
        let _ = tongji::from_csv(body.as_bytes(), &gb18030);
    }
}

#[test]
fn gb18030_file_from_excel_reads_back() {
    let sheet = Tongji {
        unit: "柳城县科协".into(),
        month: "2024-04".into(),
        reporter: "陈琰琰".into(),
        phone: "13877246160".into(),
        filled_on: "2024-04-30".into(),
        rows: vec![Activity {
            id: 1,
            content: "科普进校园".into(),
            mode: "线下".into(),
            place: "大埔镇".into(),
            date: "2024-04-03".into(),
            participants: "120".into(),
            materials: "300".into(),
            boards: "4".into(),
            reports: "1".into(),
            remark: "𠮷".into(),
        }],
        ..Tongji::default()
    };
    let utf8 = tongji::to_csv(&sheet);
    let text = std::str::from_utf8(&utf8[3..]).unwrap().replace("\r\n", "\n");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err(), "the fixture must really be GB18030");
    assert_eq!(tongji::from_csv(&gb, &gb18030).unwrap(), sheet);
}
