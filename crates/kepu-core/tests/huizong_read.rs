//! The 汇总's reader: files as a spreadsheet re-saved them still read, and
//! no bytes at all make it panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{cases, damage, gb18030};

use kepu_core::forms::huizong::{self, Content};
use kepu_core::forms::{budget, shenbao, tongji};
use proptest::prelude::*;

/// What Excel or WPS writes when told to save a CSV: GB18030, no BOM, LF, dates as `2024/4/3`.
fn resaved(csv: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(csv).unwrap().trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let text =
        text.replace("2024-04-30", "2024/4/30").replace("2024-04-03", "2024/4/3").replace("2024-06-01", "2024/6/1");
    encoding_rs::GB18030.encode(&text).0.into_owned()
}

#[test]
fn files_resaved_by_a_spreadsheet_read_as_the_originals() {
    let mut sheet = tongji::sample();
    sheet.unit = "𠮷祥村😀科协".into();
    sheet.rows[0].content = "=HYPERLINK(\"http://x\")<script>alert(1)</script>".into();
    let original = huizong::read_file("a.csv", &tongji::to_csv(&sheet), &gb18030);
    let again = huizong::read_file("a.csv", &resaved(&tongji::to_csv(&sheet)), &gb18030);
    // 𠮷 and the emoji are outside GB2312 but inside GB18030: they survive.
    let Content::Stats(s) = &again else { panic!("{again:?}") };
    assert_eq!((s.unit.as_str(), s.filled_on.as_str(), s.counts[0]), ("𠮷祥村😀科协", "2024-04-30", 680));
    assert_eq!(original, again);

    let mut form = shenbao::Shenbao {
        community: "河东社区".into(),
        activity_name: "科普进社区".into(),
        start_date: "2024-06-01".into(),
        plan: "科普".repeat(450),
        ..shenbao::Shenbao::default()
    };
    form.budget.add_row();
    form.budget.rows[0].quantity = "2".into();
    form.budget.rows[0].price = "5000.5".into();
    let Content::Application(a) = huizong::read_file("b.csv", &resaved(&shenbao::to_csv(&form)), &gb18030) else {
        panic!()
    };
    assert_eq!((a.start.as_str(), a.plan_zi, a.budget_fen), ("2024-06-01", 900, 1_000_100));
    let Content::Budget(b) =
        huizong::read_file("河东社区_活动预算_202404.csv", &resaved(&budget::to_csv(&form.budget)), &gb18030)
    else {
        panic!()
    };
    assert_eq!((b.community.as_str(), b.total_fen, b.rows), ("河东社区", 1_000_100, 1));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn no_bytes_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), name in ".{0,12}") {
        let _ = huizong::read_file(&name, &bytes, &gb18030);
    }

    /// Real files with bytes changed, cut or inserted: every header and row shape the reader meets.
    #[test]
    fn damaged_real_files_never_make_it_panic(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut sheet = tongji::sample();
        sheet.rows[1].remark = "备注，\"引号\"\r\n换行".into();
        let form = shenbao::Shenbao { community: "河东社区".into(), plan: "科".repeat(10), ..Default::default() };
        let mut bytes = match which {
            0 => tongji::to_csv(&sheet),
            1 => shenbao::to_csv(&form),
            _ => budget::to_csv(&form.budget),
        };
        damage(&mut bytes, &edits);
        let content = huizong::read_file("河东社区_活动预算_202404.csv", &bytes, &gb18030);
        if let Content::Unread { reason } = content {
            prop_assert!(!reason.is_empty());
        }
    }
}
