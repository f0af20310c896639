//! What the page reads back from its own storage and from a backup file,
//! fuzzed: no text, and no damaged real draft or backup, makes a reader or a
//! form read from it panic. `make fuzz` runs it at scale (FUZZ_CASES).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{cases, damage};
use kepu_core::backup;
use kepu_core::draft::{self, DraftStore, MemoryStore};
use kepu_core::form::{Form, Visit};
use kepu_core::forms;
use proptest::prelude::*;

/// The frozen drafts: one stored draft of every form, as the browser keeps them.
const DRAFTS: [(&str, &str); 6] = [
    ("shenbao", include_str!("fixtures/shenbao-v2.json")),
    ("tongji", include_str!("fixtures/tongji-v2.json")),
    ("renwu", include_str!("fixtures/renwu-v2.json")),
    ("anpai", include_str!("fixtures/anpai-v2.json")),
    ("huizong", include_str!("fixtures/huizong-v2.json")),
    ("ziding", include_str!("fixtures/ziding-v2.json")),
];

/// Reads stored text as a draft of the form visited, and what the page then asks of it.
struct ReadBack<'a>(&'a str);

impl Visit for ReadBack<'_> {
    type Out = bool;

    fn visit<T: Form>(self) -> bool {
        match draft::read::<T>(self.0) {
            Ok(envelope) => {
                let _ = (envelope.form.validate(), envelope.form.list_title(), envelope.form.error_count());
                true
            }
            Err(_) => false,
        }
    }
}

/// A backup of every frozen draft, as 备份全部草稿 writes it.
fn backup_text() -> String {
    let store = MemoryStore::default();
    for (slug, text) in DRAFTS {
        store.set(&format!("kepu-forms:{slug}:draft:1"), text).unwrap();
    }
    backup::to_json(&backup::make(&store, "2026-12-02T10:00:00").unwrap())
}

#[test]
fn every_frozen_draft_reads_as_its_form() {
    for (slug, text) in DRAFTS {
        assert_eq!(forms::visit(slug, ReadBack(text)), Some(true), "{slug}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn no_text_makes_a_reader_panic(text in ".{0,300}", form in 0usize..6) {
        let _ = forms::visit(DRAFTS[form].0, ReadBack(&text));
        let _ = backup::read(&text);
    }

    #[test]
    fn damaged_drafts_never_make_a_form_panic(
        form in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let (slug, text) = DRAFTS[form];
        let mut bytes = text.as_bytes().to_vec();
        damage(&mut bytes, &edits);
        let _ = forms::visit(slug, ReadBack(&String::from_utf8_lossy(&bytes)));
    }

    /// A damaged backup is refused, or restored into a store whose every draft the page can read.
    #[test]
    fn damaged_backups_are_refused_or_restore_readable_drafts(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = backup_text().into_bytes();
        damage(&mut bytes, &edits);
        if let Ok(read) = backup::read(&String::from_utf8_lossy(&bytes)) {
            let store = MemoryStore::default();
            let steps = backup::plan(&read, &store).unwrap();
            for (key, _) in &steps {
                let _ = backup::apply(&read, key, &store, "2026-12-02T10:00:01");
            }
            for key in store.keys().unwrap() {
                if let Some(slug) = backup::form_of_key(&key) {
                    let text = store.get(&key).unwrap().unwrap_or_default();
                    let _ = forms::visit(slug, ReadBack(&text));
                }
            }
        }
    }
}
