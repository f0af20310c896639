//! The 自定义表格's readers fuzzed natively: no pasted grid, no plain text,
//! no link and no returned file makes them panic, and what a crafted link
//! opens (a description with any indices and spans, its check made to match)
//! can be filled, checked, printed and written without panicking.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{cases, damage};

use kepu_core::forms::huizong::{self, Content};
use kepu_core::forms::ziding::pasted::{self, Cell, Grid, Line};
use kepu_core::forms::ziding::{self, Item, Kind, Layout, Slot, Table, Ziding, read, share};
use proptest::prelude::*;

/// Text the reader looks for, mixed with any text.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("序号".to_owned()),
            Just("合计".to_owned()),
            Just("填报单位（盖章）：".to_owned()),
            Just("（线上/线下）".to_owned()),
            Just("不少于800字".to_owned()),
            Just("人数".to_owned()),
            Just("金额（万元）".to_owned()),
            Just("意见\n（盖章）\n年 月 日".to_owned()),
            Just("附件1".to_owned()),
            Just("𠮷".to_owned()),
            "[0-9,.]{0,6}",
            ".{0,4}",
        ],
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

/// A span as the browser gives one, now and then absurd.
fn span() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..4, 1 => Just(1000usize), 1 => Just(usize::MAX)]
}

fn grid() -> impl Strategy<Value = Grid> {
    let line = || (text(), any::<bool>()).prop_map(|(text, strong)| Line { text, strong });
    let cell = (text(), span(), span()).prop_map(|(text, cols, rows)| Cell { text, cols, rows });
    (
        prop::collection::vec(line(), 0..3),
        prop::collection::vec(prop::collection::vec(cell, 0..7), 0..9),
        prop::collection::vec(line(), 0..2),
    )
        .prop_map(|(before, rows, after)| Grid { before, rows, after })
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Text),
        (prop::option::of(0u32..2000), prop::option::of(0u32..2000)).prop_map(|(min, max)| Kind::LongText { min, max }),
        Just(Kind::Integer),
        any::<bool>().prop_map(|wan| Kind::Money { wan }),
        Just(Kind::Date),
        Just(Kind::DateRange),
        Just(Kind::Phone),
        Just(Kind::Mobile),
        Just(Kind::Email),
        Just(Kind::IdCard),
        prop::collection::vec(text(), 0..3).prop_map(|options| Kind::Choice { options }),
        Just(Kind::Seal),
    ]
}

/// Any description, as a crafted link could carry: indices past the fields, any spans.
fn table() -> impl Strategy<Value = Table> {
    let item = || (text(), kind(), any::<bool>()).prop_map(|(label, kind, required)| Item { label, kind, required });
    let slot = prop_oneof![
        (text(), span()).prop_map(|(text, span)| Slot::Label { text, span }),
        (0usize..12, span()).prop_map(|(field, span)| Slot::Field { field, span }),
        (0usize..12, span()).prop_map(|(field, span)| Slot::Block { field, span }),
    ];
    (
        text(),
        any::<bool>(),
        prop::collection::vec(item(), 0..6),
        prop::collection::vec(item(), 0..9),
        (any::<bool>(), any::<bool>()),
        prop::collection::vec(prop::collection::vec(slot, 0..5), 0..6),
    )
        .prop_map(|(title, grid_layout, fields, columns, (numbered, total), grid)| Table {
            title,
            layout: if grid_layout { Layout::Grid } else { Layout::List },
            fields,
            columns,
            numbered,
            total,
            grid,
            ..Table::default()
        })
}

/// Everything a page does with a draft, none of which may panic.
fn exercise(mut form: Ziding, values: &[String]) {
    for (i, v) in values.iter().enumerate() {
        form.set_head(i % 7, v.clone());
        form.add_row();
        form.set_cell(i, i % 11, v.clone());
    }
    form.copy_row(0);
    form.swap_columns(0, 3);
    form.remove_column(2);
    form.remove_field(1);
    let _ = ziding::validate(&form);
    let _ = form.totals();
    let _ = ziding::print_sheet(&form).texts();
    let csv = ziding::to_csv(&form);
    let _ = huizong::read_file("a.csv", &csv, &|_| None);
    let _ = ziding::workbook(&form);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(384), ..ProptestConfig::default() })]

    #[test]
    fn no_grid_makes_the_reader_panic(grid in grid(), values in prop::collection::vec(text(), 0..4)) {
        let _ = pasted::positions(&grid);
        match read(&grid) {
            Ok(reading) => {
                prop_assert!(reading.table.sound(), "a pasted table can always be shared");
                let form = Ziding { id: "t".into(), version: 1, table: reading.table, rows: reading.rows, ..Ziding::default() };
                exercise(form, &values);
            }
            Err(why) => prop_assert!(!why.is_empty()),
        }
    }

    #[test]
    fn no_plain_text_makes_the_reader_panic(text in "(.|\t|\n){0,80}") {
        let _ = read(&pasted::from_text(&text));
    }

    #[test]
    fn no_text_opens_as_a_link_unless_it_is_one(text in ".{0,200}") {
        prop_assert_eq!(share::open(&text).unwrap_err(), share::BROKEN_LINK);
    }

    /// A link's text altered anywhere: refused, or (where the change misses the description) the same table.
    #[test]
    fn an_altered_link_is_refused_or_the_same_table(at in any::<prop::sample::Index>(), with in ".", cut in any::<bool>()) {
        let reading = read(&serde_json::from_str(include_str!("fixtures/paste/word-xinxibiao.grid.json")).unwrap()).unwrap();
        let form = Ziding { id: "t1".into(), version: 1, table: reading.table, ..Ziding::default() };
        let text = share::shared(&form).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        let altered: String = if cut {
            chars[..i].iter().collect()
        } else {
            chars[..i].iter().copied().chain(with.chars()).chain(chars[i + 1..].iter().copied()).collect()
        };
        match share::open(&altered) {
            Ok(opened) => prop_assert_eq!(opened.table, form.table),
            Err(why) => prop_assert_eq!(why, share::BROKEN_LINK),
        }
    }

    /// A crafted link whose check matches opens only a table the page can use.
    #[test]
    fn a_crafted_link_opens_a_table_that_never_panics(table in table(), values in prop::collection::vec(text(), 0..4)) {
        let form = Ziding { id: "t1".into(), version: 1, table, ..Ziding::default() };
        let text = share::shared(&form).unwrap();
        if let Ok(opened) = share::open(&text) {
            prop_assert!(opened.table.sound());
            exercise(opened, &values);
        }
    }

    #[test]
    fn damaged_returned_files_never_make_the_merge_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let reading = read(&serde_json::from_str(include_str!("fixtures/paste/word-xinxibiao.grid.json")).unwrap()).unwrap();
        let mut form = Ziding { id: "t1".into(), version: 1, table: reading.table, ..Ziding::default() };
        form.table.total = true;
        form.set_head(0, "柳城县科协".into());
        form.add_row();
        form.set_cell(0, 6, "1,200".into());
        let mut bytes = ziding::to_csv(&form);
        damage(&mut bytes, &edits);
        let content = huizong::read_file("a.csv", &bytes, &|_| None);
        if let Content::Unread { reason } = &content {
            prop_assert!(!reason.is_empty());
        }
        let mut h = huizong::Huizong { expected: "柳城县科协\n鹿寨县科协".into(), ..Default::default() };
        h.add([("a.csv".to_owned(), content), ("b.csv".to_owned(), huizong::read_file("b.csv", &ziding::to_csv(&form), &|_| None))]);
        let _ = huizong::flags(&h);
        let _ = huizong::to_csv(&h);
        let _ = huizong::print_sheet(&h);
    }
}
