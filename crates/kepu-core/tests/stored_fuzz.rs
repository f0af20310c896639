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

/// What serde_json reads of `raw` as an envelope's format and save time: what
/// `draft::newer_format` and `draft::saved_at` answered before they peeked
/// without it (`kepu_core::peek`).
fn by_serde(raw: &str) -> (Option<u32>, String) {
    #[derive(serde::Deserialize)]
    struct FormatOnly {
        format: u32,
    }
    #[derive(serde::Deserialize)]
    struct SavedAtOnly {
        #[serde(default)]
        saved_at: String,
    }
    let format = serde_json::from_str::<FormatOnly>(raw).ok().map(|f| f.format).filter(|&f| f > draft::FORMAT_VERSION);
    (format, serde_json::from_str::<SavedAtOnly>(raw).map(|s| s.saved_at).unwrap_or_default())
}

/// Whether the peek and serde_json agree on `raw` (a save time written with escapes,
/// which the app never writes, is read as none).
fn peeks_as_serde(raw: &str) -> bool {
    let (format, saved_at) = by_serde(raw);
    let escaped = kepu_core::peek::top_level(raw, "saved_at").is_some_and(|v| v.contains('\\'));
    draft::newer_format(raw) == format && (escaped || draft::saved_at(raw) == saved_at)
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
        assert!(peeks_as_serde(text), "{slug}");
        assert_ne!(draft::saved_at(text), "", "{slug}");
        let newer = text.replacen("\"format\":2", "\"format\":3", 1);
        assert_eq!(draft::newer_format(&newer), Some(3), "{slug}");
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
        let damaged = String::from_utf8_lossy(&bytes);
        let _ = forms::visit(slug, ReadBack(&damaged));
        prop_assert!(peeks_as_serde(&damaged), "{damaged}");
    }

    #[test]
    fn any_text_peeks_as_serde_reads_it(text in r#"[{}\[\]",:0-9a-z \\.eE+-]{0,60}"#) {
        let text = format!("{{\"format\":{text}");
        prop_assert!(peeks_as_serde(&text), "{text}");
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
