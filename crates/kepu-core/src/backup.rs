//! 备份全部草稿 / 从备份恢复: every stored draft of every form in one JSON file,
//! and merging such a file back without silently losing a newer draft.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::draft::{APP_VERSION, DraftStore, KEY_PREFIX, StoreError, saved_at};
use crate::drafts;

/// Marks a file as ours, so a foreign JSON file is refused with a clear message.
const KIND: &str = "kepu-forms-backup";

/// The backup file's own format version.
pub const BACKUP_FORMAT: u32 = 1;

/// The backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Always `kepu-forms-backup`.
    pub kind: String,
    /// [`BACKUP_FORMAT`] when written.
    pub format: u32,
    /// The app version that wrote it.
    pub app: String,
    /// Local time it was made, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    /// Stored key → stored text, exactly as in the browser.
    pub entries: BTreeMap<String, String>,
}

/// Collects every key of ours from `store` into a backup.
pub fn make(store: &dyn DraftStore, created_at: &str) -> Result<Backup, StoreError> {
    let mut entries = BTreeMap::new();
    // Which draft was open last is this browser's preference, not a draft.
    for key in store.keys()?.into_iter().filter(|k| k.starts_with(KEY_PREFIX) && !k.ends_with(":last")) {
        if let Some(value) = store.get(&key)? {
            entries.insert(key, value);
        }
    }
    Ok(Backup {
        kind: KIND.into(),
        format: BACKUP_FORMAT,
        app: APP_VERSION.into(),
        created_at: created_at.into(),
        entries,
    })
}

/// The backup as the file's text.
pub fn to_json(backup: &Backup) -> String {
    serde_json::to_string_pretty(backup).unwrap_or_default()
}

/// `科普表单草稿备份_20241101-093000.json`
pub fn file_name(created_at: &str) -> String {
    let stamp: String = created_at.chars().filter(|c| c.is_ascii_digit() || *c == 'T').collect();
    format!("科普表单草稿备份_{}.json", stamp.replacen('T', "-", 1))
}

/// Reads a backup file; a Chinese message for anything that is not one of ours.
pub fn read(text: &str) -> Result<Backup, String> {
    let backup: Backup = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|_| "这不是科普表单的备份文件（无法读取其内容），没有做任何改动".to_owned())?;
    if backup.kind != KIND {
        return Err("这不是科普表单的备份文件，没有做任何改动".into());
    }
    if backup.format > BACKUP_FORMAT {
        return Err(format!("这个备份由更新版本的科普表单（{}）生成，请刷新页面后再恢复，没有做任何改动", backup.app));
    }
    if let Some(bad) = backup.entries.keys().find(|k| !k.starts_with(KEY_PREFIX)) {
        return Err(format!("备份中含有不属于科普表单的数据（{bad}），没有做任何改动"));
    }
    Ok(backup)
}

/// What restoring one entry will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Not in the browser yet: written.
    Add,
    /// Already the same: nothing to do.
    Same,
    /// The browser's copy is older (or undated): replaced, the old copy kept aside.
    Replace,
    /// The browser's copy is newer: replaced only if the user agrees.
    AskFirst {
        /// When the browser's copy was saved.
        stored: String,
        /// When the backup's copy was saved.
        backed_up: String,
    },
}

/// Decides, entry by entry, what restoring `backup` into `store` would do.
pub fn plan(backup: &Backup, store: &dyn DraftStore) -> Result<Vec<(String, Step)>, StoreError> {
    backup
        .entries
        .iter()
        .map(|(key, value)| {
            let step = match store.get(key)? {
                None => Step::Add,
                Some(current) if &current == value => Step::Same,
                Some(current) => {
                    let (stored, backed_up) = (saved_at(&current), saved_at(value));
                    // ISO local times compare as text.
                    if stored > backed_up { Step::AskFirst { stored, backed_up } } else { Step::Replace }
                }
            };
            Ok((key.clone(), step))
        })
        .collect()
}

/// Writes one planned entry. A draft it replaces is kept as another draft of
/// the same form, so it stays in the list; anything else under `…:replaced:<stamp>`.
pub fn apply(backup: &Backup, key: &str, store: &dyn DraftStore, stamp: &str) -> Result<(), StoreError> {
    let Some(value) = backup.entries.get(key) else {
        return Ok(());
    };
    if let Some(current) = store.get(key)?
        && &current != value
    {
        let form = form_of_key(key).unwrap_or_default();
        let kept = match drafts::id_of(form, key) {
            Some(_) => drafts::key(form, &drafts::new_id(store, form, stamp)?),
            None => format!("{key}:replaced:{stamp}"),
        };
        store.set(&kept, &current)?;
    }
    store.set(key, value)
}

/// The slug of the form a stored key belongs to: `shenbao` for `kepu-forms:shenbao:draft:1`.
pub fn form_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(KEY_PREFIX)?.split(':').next().filter(|slug| !slug.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::MemoryStore;

    fn envelope(saved_at: &str, community: &str) -> String {
        format!(r#"{{"format":2,"app":"0.1.0","saved_at":"{saved_at}","form":{{"community":"{community}"}}}}"#)
    }

    fn store_with(entries: &[(&str, &str)]) -> MemoryStore {
        let store = MemoryStore::default();
        for (k, v) in entries {
            store.set(k, v).unwrap();
        }
        store
    }

    #[test]
    fn backup_holds_every_key_of_ours_and_nothing_else() {
        let a = envelope("2024-04-01T10:00:00", "甲");
        let store = store_with(&[
            ("kepu-forms:shenbao:draft:1", &a),
            ("kepu-forms:shenbao:last", "1"),
            ("kepu-forms:tongji:draft:2", "{}"),
            ("other-app", "x"),
        ]);
        let backup = make(&store, "2024-04-02T08:30:05").unwrap();
        assert_eq!(
            backup.entries.keys().collect::<Vec<_>>(),
            ["kepu-forms:shenbao:draft:1", "kepu-forms:tongji:draft:2"]
        );
        assert_eq!(read(&to_json(&backup)).unwrap(), backup);
        assert_eq!(file_name("2024-04-02T08:30:05"), "科普表单草稿备份_20240402-083005.json");
    }

    #[test]
    fn foreign_or_broken_files_are_refused_with_a_reason() {
        assert!(read("not json").unwrap_err().contains("不是科普表单的备份文件"));
        assert!(
            read(r#"{"kind":"other","format":1,"app":"","created_at":"","entries":{}}"#)
                .unwrap_err()
                .contains("不是科普表单")
        );
        assert!(
            read(r#"{"kind":"kepu-forms-backup","format":9,"app":"9.0","created_at":"","entries":{}}"#)
                .unwrap_err()
                .contains("更新版本")
        );
        assert!(
            read(r#"{"kind":"kepu-forms-backup","format":1,"app":"","created_at":"","entries":{"x":"y"}}"#)
                .unwrap_err()
                .contains("不属于科普表单")
        );
    }

    #[test]
    fn restore_plan_adds_replaces_and_asks_before_overwriting_newer() {
        const A: &str = "kepu-forms:shenbao:draft:a";
        const B: &str = "kepu-forms:tongji:draft:b";
        let old = envelope("2024-04-01T10:00:00", "旧");
        let new = envelope("2024-04-05T10:00:00", "新");
        let backup = make(&store_with(&[(A, &old), (B, &old)]), "t").unwrap();
        let store = store_with(&[(A, &new)]);
        assert_eq!(
            plan(&backup, &store).unwrap(),
            vec![
                (
                    A.to_owned(),
                    Step::AskFirst { stored: "2024-04-05T10:00:00".into(), backed_up: "2024-04-01T10:00:00".into() }
                ),
                (B.to_owned(), Step::Add),
            ]
        );
        let newer_backup = make(&store_with(&[(A, &new)]), "t").unwrap();
        let older_store = store_with(&[(A, &old)]);
        assert_eq!(plan(&newer_backup, &older_store).unwrap()[0].1, Step::Replace);
        apply(&newer_backup, A, &older_store, "2024-04-06T09:00:00").unwrap();
        assert_eq!(older_store.get(A).unwrap(), Some(new.clone()));
        // The replaced draft stays in the list as a draft of its own.
        assert_eq!(older_store.get("kepu-forms:shenbao:draft:20240406-090000").unwrap(), Some(old.clone()));
        assert_eq!(plan(&newer_backup, &older_store).unwrap()[0].1, Step::Same);

        // A backup from before the draft list: the replaced copy is kept aside and moves into the list at start.
        let legacy_backup = make(&store_with(&[("kepu-forms:tongji", &new)]), "t").unwrap();
        let legacy_store = store_with(&[("kepu-forms:tongji", &old)]);
        apply(&legacy_backup, "kepu-forms:tongji", &legacy_store, "s").unwrap();
        assert_eq!(legacy_store.get("kepu-forms:tongji:replaced:s").unwrap(), Some(old));
        assert_eq!(form_of_key("kepu-forms:tongji:replaced:x"), Some("tongji"));
        assert_eq!(form_of_key(A), Some("shenbao"));
        assert_eq!(form_of_key("other"), None);
    }
}
