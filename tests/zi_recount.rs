//! The incremental 字数 count gives the full count after any sequence of texts.
#![cfg(not(target_arch = "wasm32"))]

use kepu_forms::rules::zi::{Recount, count};
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
