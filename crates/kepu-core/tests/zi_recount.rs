//! The incremental 字数 count gives the full count after any sequence of texts.
#![cfg(not(target_arch = "wasm32"))]

use kepu_core::rules::zi::{Recount, count, same, same_start};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec!["科", "普", "，", "A", "I", "2024", " ", "\n", "\u{3000}", "“", "\r\n"]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn recount_equals_count(texts in proptest::collection::vec(text(), 1..12)) {
        let mut recount = Recount::default();
        for t in &texts {
            prop_assert_eq!(recount.count(t), count(t));
        }
    }
}

fn piece() -> impl Strategy<Value = &'static str> {
    // 科 and 秒 share their first two UTF-8 bytes; 𠮷 is four bytes; letters and digits form runs.
    prop::sample::select(vec!["科", "秒", "𠮷", "，", "A", "I", "x", "2024", " ", "\n", "\u{3000}", "é", "\r\n"])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn recount_follows_typing_and_deleting(
        start in proptest::collection::vec(piece(), 0..60),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..4usize, proptest::collection::vec(piece(), 0..3)), 1..20),
    ) {
        let mut parts: Vec<&str> = start;
        let mut recount = Recount::default();
        prop_assert_eq!(recount.count(&parts.concat()), count(&parts.concat()));
        for (at, remove, insert) in edits {
            let at = at.index(parts.len() + 1);
            let end = (at + remove).min(parts.len());
            parts.splice(at..end, insert);
            let text = parts.concat();
            prop_assert_eq!(recount.count(&text), count(&text), "after editing into {:?}", text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The word-wise comparison gives what a byte loop gives, at every length and offset.
    #[test]
    fn same_start_and_same_are_a_byte_loops(
        common in proptest::collection::vec(piece(), 0..40),
        a in proptest::collection::vec(piece(), 0..6),
        b in proptest::collection::vec(piece(), 0..6),
    ) {
        let (a, b) = (common.concat() + &a.concat(), common.concat() + &b.concat());
        let bytes = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        prop_assert_eq!(same_start(&a, &b), bytes);
        prop_assert_eq!(same(&a, &b), a == b);
    }
}
