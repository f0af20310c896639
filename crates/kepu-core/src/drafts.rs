//! The drafts of one form: where each is kept, which one opens on start, the
//! list the user sees, and renaming, copying, deleting and undoing a delete.
//!
//! Each draft has its own key, `kepu-forms:{form}:draft:{id}`, so a backup
//! merges by draft id and two tabs on different drafts never touch each other.

use crate::draft::{Doc, DraftStore, KEY_PREFIX, Kind, ReadDoc, StoreError, Unread, saved_at};

/// The key of draft `id` of `form`.
pub fn key(form: &str, id: &str) -> String {
    format!("{KEY_PREFIX}{form}:draft:{id}")
}

/// Where the id of the draft last opened is kept: a preference, not a draft.
pub fn last_key(form: &str) -> String {
    format!("{KEY_PREFIX}{form}:last")
}

/// The draft id in `key` when it is a draft key of `form`.
pub fn id_of<'a>(form: &str, key: &'a str) -> Option<&'a str> {
    let id = key.strip_prefix(KEY_PREFIX)?.strip_prefix(form)?.strip_prefix(":draft:")?;
    (!id.is_empty() && !id.contains(':')).then_some(id)
}

/// Whether `key` holds a draft of any form (not a preference or a quarantined copy).
pub fn is_draft_key(key: &str) -> bool {
    let Some(rest) = key.strip_prefix(KEY_PREFIX) else {
        return false;
    };
    rest.split_once(':').is_some_and(|(form, _)| id_of(form, key).is_some())
}

/// The ids of every stored draft of `form`.
pub fn ids(store: &dyn DraftStore, form: &str) -> Result<Vec<String>, StoreError> {
    Ok(store.keys()?.iter().filter_map(|k| id_of(form, k)).map(str::to_owned).collect())
}

/// `base`, or `base-2`, `base-3`… whichever is not taken.
fn free_id(taken: &[String], base: &str) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// The draft id made from the time `stamp`: `2024-04-01T10:00:00` → `20240401-100000`.
pub fn id_for(stamp: &str) -> String {
    // To the second: a save time's milliseconds would only lengthen the id.
    let seconds = stamp.get(..19).unwrap_or(stamp);
    let id: String = seconds.chars().filter(|c| c.is_ascii_digit() || *c == 'T').collect();
    if id.is_empty() { "draft".into() } else { id.replacen('T', "-", 1) }
}

/// A new draft id made from the time `stamp`, unique among the stored drafts.
pub fn new_id(store: &dyn DraftStore, form: &str, stamp: &str) -> Result<String, StoreError> {
    Ok(free_id(&ids(store, form)?, &id_for(stamp)))
}

/// Moves drafts kept under earlier key schemes into the list: the single
/// draft of the releases before there was a list (`kepu-forms:{form}`), and
/// copies set aside when a sheet was replaced (`kepu-forms:{form}:replaced:{stamp}`).
/// Each is written under its new key before the old key is removed. Returns how many moved.
pub fn migrate(store: &dyn DraftStore, form: &str) -> Result<usize, StoreError> {
    let mut moved = 0;
    for old in store.keys()? {
        let Some(stamp) = earlier_scheme(form, &old) else {
            continue;
        };
        let Some(raw) = store.get(&old)? else {
            continue;
        };
        let raw = if raw.starts_with("{\"format\":") {
            raw
        } else {
            // A bare sheet, as `以上月为模板新建` and `导入CSV` set aside in format 2.
            format!(
                "{{\"format\":2,\"app\":\"\",\"saved_at\":\"{}\",\"name\":\"被替换前的内容\",\"form\":{raw}}}",
                stamp.replace('"', "")
            )
        };
        let taken = ids(store, form)?;
        let id = free_id(&taken, &if stamp.is_empty() { "0".to_owned() } else { id_for(stamp) });
        store.set(&key(form, &id), &raw)?;
        store.remove(&old)?;
        moved += 1;
    }
    Ok(moved)
}

/// The stamp of `key` when it holds a draft of `form` under an earlier key
/// scheme (see [`migrate`]): empty for the single draft of the first releases.
fn earlier_scheme<'a>(form: &str, key: &'a str) -> Option<&'a str> {
    let rest = key.strip_prefix(KEY_PREFIX)?.strip_prefix(form)?;
    if rest.is_empty() { Some("") } else { rest.strip_prefix(":replaced:") }
}

/// Whether `keys` hold a draft of `form` to read when its page opens, under
/// this key scheme or an earlier one.
pub fn any_stored(form: &str, keys: &[String]) -> bool {
    keys.iter().any(|k| id_of(form, k).is_some() || earlier_scheme(form, k).is_some())
}

/// The draft to open at start: the one last opened if it is still stored,
/// else the most recently saved, else `None` (start a new one).
pub fn start_id(store: &dyn DraftStore, form: &str) -> Result<Option<String>, StoreError> {
    let ids = ids(store, form)?;
    if let Some(last) = store.get(&last_key(form))?
        && ids.contains(&last)
    {
        return Ok(Some(last));
    }
    let mut newest: Option<(String, String)> = None;
    for id in ids {
        let at = store.get(&key(form, &id))?.map(|raw| saved_at(&raw)).unwrap_or_default();
        if newest.as_ref().is_none_or(|(best, best_id)| (&at, &id) > (best, best_id)) {
            newest = Some((at, id));
        }
    }
    Ok(newest.map(|(_, id)| id))
}

/// Remembers `id` as the draft to open next time.
pub fn set_last(store: &dyn DraftStore, form: &str, id: &str) -> Result<(), StoreError> {
    store.set(&last_key(form), id)
}

/// What the list says about a draft's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Read back; this many errors remain (0: passes 检查).
    Errors(usize),
    /// Cannot be read.
    Unread(Unread),
    /// Not read: the page's reader is not there yet.
    NotRead,
}

impl State {
    /// `通过检查`, `3处错误`, …
    pub fn text(&self) -> String {
        match self {
            State::Errors(0) => "通过检查".into(),
            State::Errors(n) => format!("{n}处错误"),
            State::Unread(Unread::Newer(format)) => format!("由更新版本保存（格式{format}）"),
            State::Unread(Unread::Broken) => "无法读取".into(),
            State::NotRead => "尚未读取".into(),
        }
    }
}

/// One line of the draft list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The draft id.
    pub id: String,
    /// The user's name for it, else who and which month.
    pub title: String,
    /// Local time of the last save, `YYYY-MM-DDTHH:MM:SS`; empty when not saved yet.
    pub saved_at: String,
    /// Whether it passes 检查.
    pub state: State,
}

impl Summary {
    /// The summary of a draft's content.
    pub fn of(id: &str, name: &str, form: &dyn Doc, saved_at: &str) -> Self {
        Summary {
            id: id.into(),
            title: title(name, form),
            saved_at: saved_at.into(),
            state: State::Errors(form.error_count()),
        }
    }

    /// `2024-04-01 10:00:00`, or `尚未保存`.
    pub fn saved_text(&self) -> String {
        if self.saved_at.is_empty() { "尚未保存".into() } else { crate::rules::dates::saved_text(&self.saved_at) }
    }
}

/// The list title of a yearly table: `柳州市科协 · 2021年`, with 未填单位 when no unit is given.
pub fn unit_and_year(unit: &str, year: &str) -> String {
    let who = unit.trim();
    let who = if who.is_empty() { "未填单位" } else { who };
    match year.trim() {
        "" => who.to_owned(),
        year => format!("{who} · {year}年"),
    }
}

/// A draft's title: the user's name for it, else who and which month.
pub fn title(name: &str, form: &dyn Doc) -> String {
    if name.trim().is_empty() { form.list_title() } else { name.trim().to_owned() }
}

/// Every stored draft of form `kind`, most recently saved first.
pub fn list(store: &dyn DraftStore, kind: &Kind) -> Result<Vec<Summary>, StoreError> {
    let mut out = Vec::new();
    for id in ids(store, kind.slug)? {
        let Some(raw) = store.get(&key(kind.slug, &id))? else {
            continue;
        };
        let unread = |state| Summary { title: format!("草稿 {id}"), saved_at: saved_at(&raw), state, id: id.clone() };
        out.push(match (kind.read)(&raw) {
            Some(Ok(read)) => Summary::of(&id, &read.name, read.doc.as_ref(), &read.saved_at),
            Some(Err(why)) => unread(State::Unread(why)),
            None => unread(State::NotRead),
        });
    }
    out.sort_by(|a, b| (&b.saved_at, &b.id).cmp(&(&a.saved_at, &a.id)));
    Ok(out)
}

/// Why an operation on a draft (rename, copy, delete, 撤销, a hand-over) did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The storage failed.
    Store(StoreError),
    /// The draft is no longer stored (deleted in another tab).
    Gone,
    /// The stored draft cannot be read.
    Unread(Unread),
    /// The open draft had to be saved first, and could not be.
    NotPutAway,
    /// The page showing the draft was closed meanwhile.
    Closed,
    /// The page's reader of drafts is not there yet (see [`crate::draft::Reader`]).
    NoReader,
}

impl From<StoreError> for DraftError {
    fn from(e: StoreError) -> Self {
        DraftError::Store(e)
    }
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftError::Store(e) => e.fmt(f),
            DraftError::Gone => f.write_str("这份草稿已不存在"),
            DraftError::Unread(Unread::Newer(_)) => f.write_str("这份草稿由更新版本的科普表单保存，请刷新页面后再操作"),
            DraftError::Unread(Unread::Broken) => f.write_str("这份草稿无法读取，请先在“备份全部草稿”中保存一份"),
            DraftError::NotPutAway => f.write_str("当前草稿未能保存，请先处理上方的提示"),
            DraftError::Closed => f.write_str("页面已关闭"),
            DraftError::NoReader => f.write_str("读取草稿的功能还未载入，请稍候再试；如网络已中断，请联网后再试"),
        }
    }
}

fn read_stored(store: &dyn DraftStore, kind: &Kind, id: &str) -> Result<ReadDoc, DraftError> {
    let raw = store.get(&key(kind.slug, id))?.ok_or(DraftError::Gone)?;
    (kind.read)(&raw).ok_or(DraftError::NoReader)?.map_err(DraftError::Unread)
}

fn store_doc(store: &dyn DraftStore, key: &str, doc: &dyn Doc, name: &str, saved_at: &str) -> Result<(), StoreError> {
    store.set(key, &doc.envelope(name, saved_at)?)
}

/// Gives stored draft `id` the name `name` (blank: back to the title from its content).
pub fn rename(store: &dyn DraftStore, kind: &Kind, id: &str, name: &str) -> Result<(), DraftError> {
    let read = read_stored(store, kind, id)?;
    Ok(store_doc(store, &key(kind.slug, id), read.doc.as_ref(), name.trim(), &read.saved_at)?)
}

/// Copies stored draft `id` to a new draft named `…（副本）`, saved at `stamp` (to the
/// millisecond, as every save); returns the copy's id.
pub fn duplicate(store: &dyn DraftStore, kind: &Kind, id: &str, stamp: &str) -> Result<String, DraftError> {
    let read = read_stored(store, kind, id)?;
    let title = title(&read.name, read.doc.as_ref());
    let copy = new_id(store, kind.slug, stamp)?;
    store_doc(store, &key(kind.slug, &copy), read.doc.as_ref(), &format!("{title}（副本）"), stamp)?;
    Ok(copy)
}

/// Removes draft `id` and hands back its stored text, for 撤销.
pub fn delete(store: &dyn DraftStore, form: &str, id: &str) -> Result<Option<String>, StoreError> {
    let draft_key = key(form, id);
    let raw = store.get(&draft_key)?;
    store.remove(&draft_key)?;
    Ok(raw)
}

/// Puts a deleted draft back, under its old id unless that was taken meanwhile; returns the id used.
pub fn undelete(store: &dyn DraftStore, form: &str, id: &str, raw: &str) -> Result<String, StoreError> {
    let id = free_id(&ids(store, form)?, id);
    store.set(&key(form, &id), raw)?;
    Ok(id)
}

/// Bytes the app's keys take in localStorage, which keeps text as UTF-16.
pub fn usage(store: &dyn DraftStore) -> Result<usize, StoreError> {
    let mut bytes = 0;
    for k in store.keys()?.into_iter().filter(|k| k.starts_with(KEY_PREFIX)) {
        let value = store.get(&k)?.unwrap_or_default();
        bytes += 2 * (k.encode_utf16().count() + value.encode_utf16().count());
    }
    Ok(bytes)
}

/// `512 B`, `12.2 KB`, `4.5 MB`, `2.0 GB`.
///
/// Integer arithmetic: formatting an `f64` would add the float printer to the page.
pub fn format_bytes(bytes: u64) -> String {
    let units = [("GB", 1u64 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    match units.iter().find(|(_, size)| bytes >= *size) {
        Some((unit, size)) => {
            // Rounded down, so 1023.99 KB never shows as "1024.0 KB".
            let tenths = bytes * 10 / size;
            format!("{}.{} {unit}", tenths / 10, tenths % 10)
        }
        None => format!("{bytes} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{self, Loaded, MemoryStore};
    use crate::forms::shenbao::Shenbao;
    use crate::forms::tongji::Tongji;

    const SHENBAO: Kind = Kind::of::<Shenbao>();

    fn stored(store: &MemoryStore, id: &str, community: &str, name: &str, at: &str) {
        let form = Shenbao { community: community.into(), ..Shenbao::default() };
        draft::save(store, &key("shenbao", id), &form, name, at).unwrap();
    }

    #[test]
    fn keys_and_ids() {
        assert_eq!(key("shenbao", "20240401-100000"), "kepu-forms:shenbao:draft:20240401-100000");
        assert_eq!(id_of("shenbao", "kepu-forms:shenbao:draft:7"), Some("7"));
        assert_eq!(id_of("shenbao", "kepu-forms:shenbao:draft:7:unreadable:x"), None);
        assert_eq!(id_of("shenbao", "kepu-forms:tongji:draft:7"), None);
        assert_eq!(id_of("shenbao", "kepu-forms:shenbao"), None);
        assert_eq!(id_of("shen", "kepu-forms:shenbao:draft:7"), None);
        assert!(is_draft_key("kepu-forms:tongji:draft:7"));
        assert!(!is_draft_key("kepu-forms:tongji:last"));
        assert!(!is_draft_key("kepu-forms:tongji:draft:7:unreadable:1"));
    }

    #[test]
    fn new_ids_come_from_the_time_and_never_collide() {
        let store = MemoryStore::default();
        assert_eq!(new_id(&store, "shenbao", "2024-04-01T10:00:00").unwrap(), "20240401-100000");
        stored(&store, "20240401-100000", "甲", "", "t");
        assert_eq!(new_id(&store, "shenbao", "2024-04-01T10:00:00").unwrap(), "20240401-100000-2");
        stored(&store, "20240401-100000-2", "乙", "", "t");
        assert_eq!(new_id(&store, "shenbao", "2024-04-01T10:00:00").unwrap(), "20240401-100000-3");
        assert_eq!(new_id(&store, "tongji", "2024-04-01T10:00:00").unwrap(), "20240401-100000");
    }

    #[test]
    fn the_single_draft_of_earlier_releases_joins_the_list() {
        let store = MemoryStore::default();
        let old = r#"{"format":1,"app":"0.1.0","saved_at":"2024-03-01T09:00:00","form":{"community":"河东社区","budget":"500元"}}"#;
        store.set("kepu-forms:shenbao", old).unwrap();
        store.set("kepu-forms:shenbao:unreadable:x", "{").unwrap();
        assert_eq!(migrate(&store, "shenbao").unwrap(), 1);
        assert_eq!(store.get("kepu-forms:shenbao").unwrap(), None);
        assert_eq!(store.get("kepu-forms:shenbao:draft:0").unwrap().as_deref(), Some(old));
        assert_eq!(store.get("kepu-forms:shenbao:unreadable:x").unwrap().as_deref(), Some("{"));
        assert_eq!(migrate(&store, "shenbao").unwrap(), 0, "idempotent");
        match draft::load::<Shenbao>(&store, "kepu-forms:shenbao:draft:0", "s") {
            Loaded::Draft(env) => assert_eq!(env.form.budget.rows[0].note, "500元"),
            other => panic!("{other:?}"),
        }
        assert_eq!(start_id(&store, "shenbao").unwrap().as_deref(), Some("0"));
    }

    #[test]
    fn a_page_knows_whether_it_has_a_draft_to_read_under_any_key_scheme() {
        let keys = |ks: &[&str]| ks.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert!(any_stored("shenbao", &keys(&["kepu-forms:shenbao:draft:7"])));
        assert!(any_stored("shenbao", &keys(&["kepu-forms:shenbao"])));
        assert!(any_stored("tongji", &keys(&["kepu-forms:tongji:replaced:2024-10-31T17:00:00"])));
        let none = keys(&[
            "kepu-forms:shenbao:last",
            "kepu-forms:shenbao:draft:7:unreadable:s",
            "kepu-forms:tongji:draft:1",
            "kepu-forms:shenbaox",
            "other",
        ]);
        assert!(!any_stored("shenbao", &none));
    }

    #[test]
    fn sheets_set_aside_on_replace_become_named_drafts() {
        let store = MemoryStore::default();
        let sheet = serde_json::to_string(&Tongji { unit: "柳城县科协".into(), ..Tongji::default() }).unwrap();
        store.set("kepu-forms:tongji:replaced:2024-10-31T17:00:00", &sheet).unwrap();
        store.set("kepu-forms:tongji", r#"{"format":2,"app":"","saved_at":"2024-11-01T08:00:00","form":{}}"#).unwrap();
        assert_eq!(migrate(&store, "tongji").unwrap(), 2);
        let list = list(&store, &Kind::of::<Tongji>()).unwrap();
        assert_eq!(list.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["0", "20241031-170000"]);
        assert_eq!(list[1].title, "被替换前的内容");
        assert_eq!(list[1].saved_at, "2024-10-31T17:00:00");
        assert_eq!(store.keys().unwrap().len(), 2);
    }

    #[test]
    fn start_opens_the_last_opened_else_the_newest() {
        let store = MemoryStore::default();
        assert_eq!(start_id(&store, "shenbao").unwrap(), None);
        stored(&store, "a", "甲", "", "2024-04-01T10:00:00");
        stored(&store, "b", "乙", "", "2024-04-03T10:00:00");
        stored(&store, "c", "丙", "", "2024-04-02T10:00:00");
        assert_eq!(start_id(&store, "shenbao").unwrap().as_deref(), Some("b"));
        set_last(&store, "shenbao", "c").unwrap();
        assert_eq!(start_id(&store, "shenbao").unwrap().as_deref(), Some("c"));
        delete(&store, "shenbao", "c").unwrap();
        assert_eq!(start_id(&store, "shenbao").unwrap().as_deref(), Some("b"));
    }

    #[test]
    fn list_shows_title_time_and_check_newest_first() {
        let store = MemoryStore::default();
        stored(&store, "a", "河东社区", "", "2024-04-01T10:00:00");
        stored(&store, "b", "", "第二稿", "2024-04-03T10:00:00");
        store.set(&key("shenbao", "c"), "{broken").unwrap();
        store.set(&key("shenbao", "d"), r#"{"format":99,"saved_at":"2024-04-02T00:00:00"}"#).unwrap();
        store.set(&key("tongji", "e"), "{}").unwrap();
        let list = list(&store, &SHENBAO).unwrap();
        let lines: Vec<_> = list.iter().map(|s| (s.id.as_str(), s.title.as_str(), s.state.text())).collect();
        assert_eq!(
            lines,
            [
                ("b", "第二稿", "11处错误".to_owned()),
                ("d", "草稿 d", "由更新版本保存（格式99）".to_owned()),
                ("a", "河东社区", "10处错误".to_owned()),
                ("c", "草稿 c", "无法读取".to_owned()),
            ]
        );
        assert_eq!(list[0].saved_text(), "2024-04-03 10:00:00");
        assert_eq!(list[3].saved_text(), "尚未保存");
    }

    #[test]
    fn rename_duplicate_delete_and_undo() {
        let store = MemoryStore::default();
        stored(&store, "a", "河东社区", "", "2024-04-01T10:00:00");
        rename(&store, &SHENBAO, "a", "  五月活动 ").unwrap();
        let list1 = list(&store, &SHENBAO).unwrap();
        assert_eq!((list1[0].title.as_str(), list1[0].saved_at.as_str()), ("五月活动", "2024-04-01T10:00:00"));

        let copy = duplicate(&store, &SHENBAO, "a", "2024-04-02T08:00:00.250").unwrap();
        assert_eq!(copy, "20240402-080000");
        assert_eq!(saved_at(&store.get(&key("shenbao", &copy)).unwrap().unwrap()), "2024-04-02T08:00:00.250");
        let list2 = list(&store, &SHENBAO).unwrap();
        assert_eq!(list2[0].title, "五月活动（副本）");

        let raw = delete(&store, "shenbao", "a").unwrap().unwrap();
        assert_eq!(ids(&store, "shenbao").unwrap(), ["20240402-080000"]);
        assert_eq!(undelete(&store, "shenbao", "a", &raw).unwrap(), "a");
        assert_eq!(list(&store, &SHENBAO).unwrap()[1].title, "五月活动");

        store.set(&key("shenbao", "x"), r#"{"format":99}"#).unwrap();
        assert_eq!(rename(&store, &SHENBAO, "x", "n"), Err(DraftError::Unread(Unread::Newer(99))));
        assert_eq!(duplicate(&store, &SHENBAO, "nope", "t"), Err(DraftError::Gone));
        assert_eq!(DraftError::Gone.to_string(), "这份草稿已不存在");
        assert_eq!(store.get(&key("shenbao", "x")).unwrap().as_deref(), Some(r#"{"format":99}"#));
    }

    #[test]
    fn undelete_never_overwrites_a_draft_made_meanwhile() {
        let store = MemoryStore::default();
        stored(&store, "a", "甲", "", "t");
        let raw = delete(&store, "shenbao", "a").unwrap().unwrap();
        stored(&store, "a", "乙", "", "t");
        assert_eq!(undelete(&store, "shenbao", "a", &raw).unwrap(), "a-2");
        assert_eq!(ids(&store, "shenbao").unwrap(), ["a", "a-2"]);
    }

    #[test]
    fn usage_counts_our_keys_as_utf16() {
        let store = MemoryStore::default();
        store.set("kepu-forms:x", "科普").unwrap();
        store.set("other", "xxxxxxxx").unwrap();
        assert_eq!(usage(&store).unwrap(), 2 * (12 + 2));
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(12_595), "12.2 KB");
        assert_eq!(format_bytes(1023 * 1024 + 1000), "1023.9 KB");
        assert_eq!(format_bytes(5 << 20), "5.0 MB");
        assert_eq!(format_bytes(25_000_000_000), "23.2 GB");
    }
}
