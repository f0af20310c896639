//! Drafts kept in the browser: a versioned envelope around each form, a
//! storage interface, and what happens when stored data cannot be read.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The version of the stored format; raise it with a migration when the form data changes shape.
///
/// 1: the first release (申报表 with 活动预算 as free text).
/// 2: 活动预算 became a table.
pub const FORMAT_VERSION: u32 = 2;

/// The app's version, stored beside each draft to help read a bug report.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every key the app stores starts with this.
pub const KEY_PREFIX: &str = "kepu-forms:";

/// A stored draft: the form and what is needed to read it back later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// [`FORMAT_VERSION`] when written.
    pub format: u32,
    /// [`APP_VERSION`] when written.
    pub app: String,
    /// Local time of the save, `YYYY-MM-DDTHH:MM:SS`.
    pub saved_at: String,
    /// The name the user gave the draft; empty for the title made from its content.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The form itself.
    pub form: T,
}

/// Why the storage refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No storage at all: private mode, disabled cookies, a sandboxed frame.
    Unavailable(String),
    /// The storage is full.
    QuotaExceeded,
    /// Anything else the browser threw.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => {
                write!(f, "浏览器不允许本页保存数据（{why}），草稿只保留在本页中，请勿关闭页面")
            }
            StoreError::QuotaExceeded => {
                write!(
                    f,
                    "浏览器存储空间已满，草稿未能保存：请立即点击页面右上角的“备份全部草稿”保存到文件，再清理浏览器数据"
                )
            }
            StoreError::Other(why) => write!(f, "草稿未能保存：{why}"),
        }
    }
}

/// A key–value store of strings: localStorage in the browser, memory in tests.
pub trait DraftStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory [`DraftStore`], optionally with a size limit to play a full disk.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    /// Refuse a write that would bring the stored bytes above this.
    pub limit: Option<usize>,
}

impl DraftStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(limit) = self.limit {
            let others: usize = entries.iter().filter(|(k, _)| *k != key).map(|(k, v)| k.len() + v.len()).sum();
            if others + key.len() + value.len() > limit {
                return Err(StoreError::QuotaExceeded);
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}

/// A form that can be stored and listed. Its `Deserialize` reads every older
/// format's shape (fields added since get defaults, changed fields accept
/// their old type), and `upgrade` fixes what types alone cannot.
///
/// Older shapes are read by the form's own types rather than through
/// `serde_json::Value`, which would add about 20 KB to the page.
pub trait Stored: Serialize + DeserializeOwned {
    /// The form's part of every key: `kepu-forms:{SLUG}:…`.
    const SLUG: &'static str;
    /// Brings a form read from format `from` (older than [`FORMAT_VERSION`]) up to date.
    fn upgrade(_from: u32, _form: &mut Self) {}
    /// The draft list's title when the user gave no name: who and which month.
    fn list_title(&self) -> String;
    /// How many errors 检查 would report; 0 means the draft passes.
    fn error_count(&self) -> usize;
}

/// What was found under a draft's key at start.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing stored yet.
    Empty,
    /// A draft, read back.
    Draft(Envelope<T>),
    /// Stored data that could not be read; it was copied to `kept_under`.
    Unreadable {
        /// The key now holding the raw stored text.
        kept_under: String,
        /// The raw text, to offer as a download.
        raw: String,
    },
    /// A draft written by a newer app version; it was copied to `kept_under`.
    Newer {
        /// The stored format version.
        format: u32,
        /// The key now holding the raw stored text.
        kept_under: String,
    },
    /// The storage itself failed.
    Failed(StoreError),
}

/// The key of the raw copy of unreadable data found under `key`.
pub fn quarantine_key(key: &str, stamp: &str) -> String {
    format!("{key}:unreadable:{stamp}")
}

/// Why stored text could not be read as a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Written by a newer app in this format version.
    Newer(u32),
    /// Not a draft at all: cut short, edited by hand, another program's data.
    Broken,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: u32,
}

/// Reads `raw` as an envelope of this or an older format, upgrading the form.
pub fn read<T: Stored>(raw: &str) -> Result<Envelope<T>, Unread> {
    match serde_json::from_str::<Envelope<T>>(raw) {
        Ok(mut envelope) if envelope.format <= FORMAT_VERSION => {
            if envelope.format < FORMAT_VERSION {
                T::upgrade(envelope.format, &mut envelope.form);
            }
            Ok(envelope)
        }
        _ => match serde_json::from_str::<FormatOnly>(raw) {
            Ok(FormatOnly { format }) if format > FORMAT_VERSION => Err(Unread::Newer(format)),
            _ => Err(Unread::Broken),
        },
    }
}

/// Reads the draft under `key`; unreadable data is copied aside under a
/// quarantine key (stamped with `stamp`) before anything can overwrite it.
pub fn load<T: Stored>(store: &dyn DraftStore, key: &str, stamp: &str) -> Loaded<T> {
    let raw = match store.get(key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Empty,
        Err(e) => return Loaded::Failed(e),
    };
    let unread = match read::<T>(&raw) {
        Ok(envelope) => return Loaded::Draft(envelope),
        Err(unread) => unread,
    };
    let kept_under = quarantine_key(key, stamp);
    if let Err(e) = store.set(&kept_under, &raw) {
        return Loaded::Failed(e);
    }
    match unread {
        Unread::Newer(format) => Loaded::Newer { format, kept_under },
        Unread::Broken => Loaded::Unreadable { kept_under, raw },
    }
}

/// Stores `form`, named `name`, under `key` in the current format.
pub fn save<T: Serialize>(
    store: &dyn DraftStore,
    key: &str,
    form: &T,
    name: &str,
    saved_at: &str,
) -> Result<(), StoreError> {
    let envelope = Envelope {
        format: FORMAT_VERSION,
        app: APP_VERSION.to_owned(),
        saved_at: saved_at.to_owned(),
        name: name.to_owned(),
        form,
    };
    let json = serde_json::to_string(&envelope).map_err(|e| StoreError::Other(e.to_string()))?;
    store.set(key, &json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::shenbao::Shenbao;

    const KEY: &str = "kepu-forms:shenbao";

    #[test]
    fn save_then_load_gives_the_same_form() {
        let store = MemoryStore::default();
        let form =
            Shenbao { community: "河东社区".into(), plan: "第一段\n第二段".into(), ..Shenbao::default() };
        save(&store, KEY, &form, "", "2024-04-01T10:00:00").unwrap();
        let raw = store.get(KEY).unwrap().unwrap();
        assert!(raw.starts_with(r#"{"format":2,"app":""#), "{raw}");
        match load::<Shenbao>(&store, KEY, "x") {
            Loaded::Draft(env) => {
                assert_eq!(env.form, form);
                assert_eq!(env.saved_at, "2024-04-01T10:00:00");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_stored_is_empty() {
        assert_eq!(load::<Shenbao>(&MemoryStore::default(), KEY, "x"), Loaded::Empty);
    }

    #[test]
    fn corrupt_data_is_kept_aside_not_lost() {
        let store = MemoryStore::default();
        store.set(KEY, "{\"format\":1,\"form\":{\"plan\":\"写了一半").unwrap();
        let loaded = load::<Shenbao>(&store, KEY, "20240401T100000");
        let kept = "kepu-forms:shenbao:unreadable:20240401T100000".to_owned();
        assert_eq!(
            loaded,
            Loaded::Unreadable {
                kept_under: kept.clone(), raw: "{\"format\":1,\"form\":{\"plan\":\"写了一半".into()
            }
        );
        assert_eq!(store.get(&kept).unwrap().as_deref(), Some("{\"format\":1,\"form\":{\"plan\":\"写了一半"));
    }

    #[test]
    fn newer_format_is_recognised_and_kept() {
        let store = MemoryStore::default();
        store.set(KEY, r#"{"format":99,"app":"9.0.0","saved_at":"","form":{"x":[]}}"#).unwrap();
        let loaded = load::<Shenbao>(&store, KEY, "s");
        assert_eq!(loaded, Loaded::Newer { format: 99, kept_under: format!("{KEY}:unreadable:s") });
    }

    #[test]
    fn full_store_reports_quota() {
        let store = MemoryStore { limit: Some(64), ..MemoryStore::default() };
        let form = Shenbao { plan: "科".repeat(100), ..Shenbao::default() };
        assert_eq!(save(&store, KEY, &form, "", "t"), Err(StoreError::QuotaExceeded));
        assert_eq!(store.get(KEY).unwrap(), None);
    }
}
