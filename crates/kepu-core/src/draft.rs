//! Drafts kept in the browser: a versioned envelope around each form, a
//! storage interface, and what happens when stored data cannot be read.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::form::{Export, Form, Registered};
use crate::rules::problem::Problem;

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
    /// Whether a write is on disk only once the store says so later (IndexedDB's
    /// transaction completing); a store that returns from [`DraftStore::set`] with the
    /// value kept says false.
    fn completes_later(&self) -> bool {
        false
    }
}

/// One store seen from several places: two tabs in a test, a page and its draft session.
impl<S: DraftStore + ?Sized> DraftStore for std::rc::Rc<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }

    fn completes_later(&self) -> bool {
        (**self).completes_later()
    }
}

/// An in-memory [`DraftStore`], optionally with a size limit to play a full disk.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    /// Refuse a write that would bring the stored bytes above this.
    pub limit: Cell<Option<usize>>,
}

impl DraftStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(limit) = self.limit.get() {
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
pub trait Stored: Registered + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// What a problem of this form points at.
    type Field;
    /// Brings a form read from format `from` (older than [`FORMAT_VERSION`]) up to date.
    fn upgrade(_from: u32, _form: &mut Self) {}
    /// A new draft started on `today` with nothing to keep.
    fn blank(today: NaiveDate) -> Self;
    /// A new draft made from this one on `today`: what 新建 keeps (the settings, who fills it in).
    fn fresh(&self, today: NaiveDate) -> Self;
    /// The draft list's title when the user gave no name: who and which month.
    fn list_title(&self) -> String;
    /// What 检查 reports.
    fn validate(&self) -> Vec<Problem<Self::Field>>;
    /// How many errors 检查 would report; 0 means the draft passes.
    fn error_count(&self) -> usize {
        self.validate().iter().filter(|p| p.is_error()).count()
    }
}

/// A form of any kind, as the draft session holds it: the draft code is then
/// compiled once, not once per form, and so is the shell that exports and
/// prints it. A form becomes a `Doc` only on its own page (the 安排表 hands
/// its 活动统计表 over as stored text: [`crate::session::hand_over`]), so no
/// page carries another form's CSV and print code.
pub trait Doc: Any + Send + Sync {
    /// The form's stored text in an envelope named `name`, saved at `saved_at`.
    fn envelope(&self, name: &str, saved_at: &str) -> Result<String, StoreError>;
    /// See [`Stored::list_title`].
    fn list_title(&self) -> String;
    /// See [`Stored::error_count`].
    fn error_count(&self) -> usize;
    /// See [`Stored::fresh`].
    fn fresh(&self, today: NaiveDate) -> Box<dyn Doc>;
    /// See [`Form::EXPORTS`].
    fn exports(&self) -> &'static [Export];

    /// For the typed view of the page that shows it.
    fn as_any(&self) -> &dyn Any;
    /// For the typed view of the page that edits it.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Form> Doc for T {
    fn envelope(&self, name: &str, saved_at: &str) -> Result<String, StoreError> {
        encode(self, name, saved_at)
    }

    fn list_title(&self) -> String {
        Stored::list_title(self)
    }

    fn error_count(&self) -> usize {
        Stored::error_count(self)
    }

    fn fresh(&self, today: NaiveDate) -> Box<dyn Doc> {
        Box::new(Stored::fresh(self, today))
    }

    fn exports(&self) -> &'static [Export] {
        T::EXPORTS
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A stored draft read back as a [`Doc`].
pub struct ReadDoc {
    /// The user's name for it.
    pub name: String,
    /// When it was saved.
    pub saved_at: String,
    /// The form.
    pub doc: Box<dyn Doc>,
}

/// Reads stored text as a form: `None` while the page cannot read yet (a
/// release bundle fetches the reader as a part loaded on use), which is never
/// taken for unreadable text nor for an empty draft.
pub type Reader = fn(&str) -> Option<Result<ReadDoc, Unread>>;

/// What the draft code needs to know of a form before it has one: its key
/// part, how to read its stored text and how to start a new one.
#[derive(Clone, Copy)]
pub struct Kind {
    /// See [`Registered::SLUG`].
    pub slug: &'static str,
    /// Reads stored text as this form (see [`read`]).
    pub read: Reader,
    /// See [`Stored::blank`].
    pub blank: fn(NaiveDate) -> Box<dyn Doc>,
}

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kind({})", self.slug)
    }
}

impl Kind {
    /// The kind of form `T`, read at once.
    pub const fn of<T: Form>() -> Kind {
        Kind::read_by::<T>(|raw| Some(read_doc::<T>(raw)))
    }

    /// The kind of form `T`, read by `read` (the page's reader, which may not be there yet).
    pub const fn read_by<T: Form>(read: Reader) -> Kind {
        Kind { slug: T::SLUG, read, blank: blank_doc::<T> }
    }
}

/// Reads stored text as form `T`, as a [`Doc`].
pub fn read_doc<T: Form>(raw: &str) -> Result<ReadDoc, Unread> {
    read::<T>(raw).map(|e| ReadDoc { name: e.name, saved_at: e.saved_at, doc: Box::new(e.form) })
}

fn blank_doc<T: Form>(today: NaiveDate) -> Box<dyn Doc> {
    Box::new(T::blank(today))
}

/// What was found under a draft's key.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<D> {
    /// Nothing stored yet.
    Empty,
    /// A draft, read back.
    Draft(D),
    /// Stored text that could not be read, copied aside.
    Kept(Kept),
    /// Stored text, left unread and untouched: the page cannot read yet (see [`Reader`]).
    NotYet,
    /// The storage itself failed.
    Failed(StoreError),
}

/// Stored text that could not be read as a draft, copied aside before anything could write over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// Why it could not be read.
    pub why: Unread,
    /// The key now holding the text.
    pub kept_under: String,
    /// The text, to offer as a download.
    pub raw: String,
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

/// The format of stored text `raw` when a newer app version wrote it: never
/// written over, and read by no reader of this version.
pub fn newer_format(raw: &str) -> Option<u32> {
    crate::peek::top_level(raw, "format")?.parse().ok().filter(|&format| format > FORMAT_VERSION)
}

/// When stored text `raw` was saved (`YYYY-MM-DDTHH:MM:SS`, which compares as
/// text), without reading its form; empty when it does not say.
pub fn saved_at(raw: &str) -> String {
    crate::peek::top_level(raw, "saved_at").and_then(crate::peek::plain_string).unwrap_or_default().to_owned()
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
        Ok(envelope) => Err(Unread::Newer(envelope.format)),
        // A newer version's form may not read as this version's: its format alone says so.
        Err(_) => match serde_json::from_str::<FormatOnly>(raw) {
            Ok(FormatOnly { format }) if format > FORMAT_VERSION => Err(Unread::Newer(format)),
            _ => Err(Unread::Broken),
        },
    }
}

/// The `format` of any envelope, whatever its form holds.
#[derive(Deserialize)]
struct FormatOnly {
    format: u32,
}

/// Reads the draft under `key` as form `T`; see [`load_with`].
pub fn load<T: Stored>(store: &dyn DraftStore, key: &str, stamp: &str) -> Loaded<Envelope<T>> {
    load_with(store, key, stamp, |raw| Some(read::<T>(raw)))
}

/// Reads the draft under `key` with `read`; unreadable data is copied aside under a
/// quarantine key (stamped with `stamp`) before anything can overwrite it.
pub fn load_with<D>(
    store: &dyn DraftStore,
    key: &str,
    stamp: &str,
    read: impl Fn(&str) -> Option<Result<D, Unread>>,
) -> Loaded<D> {
    let raw = match store.get(key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Empty,
        Err(e) => return Loaded::Failed(e),
    };
    let unread = match read(&raw) {
        Some(Ok(envelope)) => return Loaded::Draft(envelope),
        Some(Err(unread)) => unread,
        None => return Loaded::NotYet,
    };
    let kept_under = quarantine_key(key, stamp);
    if let Err(e) = store.set(&kept_under, &raw) {
        return Loaded::Failed(e);
    }
    Loaded::Kept(Kept { why: unread, kept_under, raw })
}

/// `form` named `name` as stored text in the current format.
pub fn encode<T: Serialize>(form: &T, name: &str, saved_at: &str) -> Result<String, StoreError> {
    let envelope = Envelope {
        format: FORMAT_VERSION,
        app: APP_VERSION.to_owned(),
        saved_at: saved_at.to_owned(),
        name: name.to_owned(),
        form,
    };
    serde_json::to_string(&envelope).map_err(|e| StoreError::Other(e.to_string()))
}

/// Stores `form`, named `name`, under `key` in the current format.
pub fn save<T: Serialize>(
    store: &dyn DraftStore,
    key: &str,
    form: &T,
    name: &str,
    saved_at: &str,
) -> Result<(), StoreError> {
    store.set(key, &encode(form, name, saved_at)?)
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
            Loaded::Kept(Kept {
                why: Unread::Broken,
                kept_under: kept.clone(),
                raw: "{\"format\":1,\"form\":{\"plan\":\"写了一半".into()
            })
        );
        assert_eq!(store.get(&kept).unwrap().as_deref(), Some("{\"format\":1,\"form\":{\"plan\":\"写了一半"));
    }

    #[test]
    fn newer_format_is_recognised_and_kept() {
        let store = MemoryStore::default();
        let raw = r#"{"format":99,"app":"9.0.0","saved_at":"","form":{"x":[]}}"#;
        store.set(KEY, raw).unwrap();
        let loaded = load::<Shenbao>(&store, KEY, "s");
        let kept_under = format!("{KEY}:unreadable:s");
        assert_eq!(loaded, Loaded::Kept(Kept { why: Unread::Newer(99), kept_under, raw: raw.into() }));
    }

    #[test]
    fn a_page_that_cannot_read_yet_leaves_the_stored_text_alone() {
        let store = MemoryStore::default();
        save(&store, KEY, &Shenbao { community: "河东社区".into(), ..Shenbao::default() }, "", "t").unwrap();
        let before = store.keys().unwrap();
        let loaded = load_with(&store, KEY, "s", |_| None::<Result<ReadDoc, Unread>>);
        assert!(matches!(loaded, Loaded::NotYet));
        assert_eq!(store.keys().unwrap(), before, "nothing set aside");
    }

    #[test]
    fn a_newer_format_is_newer_however_its_key_is_written() {
        for raw in [r#"{"form\u0061t":7,"app":"","saved_at":"","form":{"x":1}}"#, r#"{"form\u0061t":7,"form":[]}"#] {
            assert_eq!(read::<Shenbao>(raw).map(drop), Err(Unread::Newer(7)), "{raw}");
        }
        assert_eq!(read::<Shenbao>(r#"{"form\u0061t":2,"form":[]}"#).map(drop), Err(Unread::Broken));
    }

    #[test]
    fn only_a_newer_format_is_newer() {
        assert_eq!(newer_format(r#"{"format":3,"form":{}}"#), Some(3));
        assert_eq!(newer_format(r#"{"format":2,"form":{}}"#), None);
        assert_eq!(newer_format("{\"format\":"), None);
    }

    #[test]
    fn full_store_reports_quota() {
        let store = MemoryStore { limit: Cell::new(Some(64)), ..MemoryStore::default() };
        let form = Shenbao { plan: "科".repeat(100), ..Shenbao::default() };
        assert_eq!(save(&store, KEY, &form, "", "t"), Err(StoreError::QuotaExceeded));
        assert_eq!(store.get(KEY).unwrap(), None);
    }
}
