//! The open draft of one form, from opening to its last save: one state
//! machine over a [`DraftStore`] and a [`Clock`], the same code for every form.
//!
//! The page shows [`Session::doc`] and reports every edit with
//! [`Session::touched`]; it asks [`Session::wait`] how long until the autosave
//! is due and calls [`Session::tick`] then, calls [`Session::save_now`] when the
//! page is hidden, and [`Session::stored_elsewhere`] when another tab wrote a
//! key. Everything the user must be told is in [`Session::state`] and
//! [`Session::notice`].

use chrono::{NaiveDateTime, TimeDelta};

use crate::draft::{self, Doc, DraftStore, Kept, Kind, Loaded, ReadDoc, StoreError, Stored, Unread};
use crate::drafts::{self, DraftError, Summary};
use crate::rules::dates;

/// How long after the first edit not yet written the draft is written, whether
/// the user pauses or types on: a crash loses at most this much typing.
pub const SAVE_AFTER: TimeDelta = TimeDelta::milliseconds(400);

/// A timer that fires this close to its time counts as on time: browsers fire a few ms early or late.
const SLACK: TimeDelta = TimeDelta::milliseconds(5);

/// The local wall clock, to the millisecond.
pub trait Clock {
    /// The local date and time now.
    fn now(&self) -> NaiveDateTime;
}

/// Where the open draft stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// As stored (or new and empty); nothing typed since it was opened.
    Opened,
    /// Edited since the last write, first at `since`: written [`SAVE_AFTER`] after it.
    Waiting {
        /// The first edit not yet written.
        since: NaiveDateTime,
        /// The last edit.
        last_edit: NaiveDateTime,
    },
    /// Handed to the store at `at`, which has not yet said it is on disk; nothing typed since.
    Writing {
        /// When.
        at: NaiveDateTime,
    },
    /// Written at `at` and on disk; nothing typed since.
    Saved {
        /// When.
        at: NaiveDateTime,
    },
    /// The store refused the last write: the text is unsaved and the next edit, tick or hide tries again.
    Failed {
        /// Why.
        error: StoreError,
        /// The last edit.
        last_edit: NaiveDateTime,
    },
    /// Another tab saved this draft while this page had nothing unsaved: this page shows that version.
    Followed {
        /// When this page took it.
        at: NaiveDateTime,
    },
    /// Another tab saved this draft while this page had unsaved text: saving stopped,
    /// so neither side's text overwrites the other's; [`Session::fork`] keeps this page's as a new draft.
    Stale,
    /// The draft that was to open was written by a newer app version; it is kept
    /// untouched and this page shows a new draft.
    KeptAside {
        /// The stored format version.
        format: u32,
    },
    /// Drafts are being replaced from a backup and the page will reload: nothing is written.
    Suspended,
}

impl State {
    /// Whether the page holds text the store does not have.
    pub fn unsaved(&self) -> bool {
        matches!(self, State::Waiting { .. } | State::Failed { .. } | State::Stale)
    }
}

/// Something about the stored draft the user must be told, above the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The stored draft could not be read (cut short, or written by a newer app version) and was kept aside.
    Kept(Kept),
    /// See [`State::Stale`].
    Stale,
    /// Another tab, running a newer app version, saved this draft in a newer
    /// format: this page stopped saving, so it never writes over it.
    NewerElsewhere {
        /// The stored format version.
        format: u32,
    },
    /// The store failed while opening a draft.
    Store(StoreError),
    /// The draft that was to open could not be read because the page's reader
    /// could not be fetched: it is left untouched and this page shows a new draft.
    NoReader,
}

/// What the user is told when another tab changed the draft while this one had unsaved text.
pub const STALE: &str = "这份草稿已在另一个标签页中修改。为免互相覆盖，本页已停止自动保存。点击“另存为新草稿”可把本页的内容保存为一份新草稿。";

/// What the user is told when the draft to open could not be read for want of the page's reader.
pub const NO_READER: &str = "读取草稿的功能未能载入（网络可能中断，或网站刚刚更新）。上次的草稿原样保存在本浏览器中，不会被改动；本页从新草稿开始。联网后刷新页面，即可在“草稿列表”中打开它。";

impl Notice {
    /// The message.
    pub fn text(&self) -> String {
        match self {
            Notice::Kept(Kept { why: Unread::Broken, kept_under, .. }) => format!(
                "之前保存的草稿无法读取，已原样另存为“{kept_under}”，本页从空白表单开始。可下载原始数据交技术人员恢复。"
            ),
            Notice::Kept(Kept { why: Unread::Newer(format), kept_under, .. }) => format!(
                "草稿由更新版本的科普表单保存（格式版本{format}），已另存为“{kept_under}”，原草稿不会被改动。本页从新草稿开始，请刷新页面以使用最新版本。"
            ),
            Notice::Stale => STALE.into(),
            Notice::NewerElsewhere { format } => format!(
                "这份草稿已由更新版本的科普表单（格式版本{format}）保存。为免覆盖，本页已停止自动保存：请重新载入页面以使用新版本。点击“另存为新草稿”可把本页的内容另存一份。"
            ),
            Notice::Store(e) => e.to_string(),
            Notice::NoReader => NO_READER.into(),
        }
    }

    /// Unreadable raw data the user can download.
    pub fn raw(&self) -> Option<&str> {
        match self {
            Notice::Kept(Kept { why: Unread::Broken, raw, .. }) => Some(raw),
            _ => None,
        }
    }

    /// Whether to offer 另存为新草稿.
    pub fn offers_fork(&self) -> bool {
        matches!(self, Notice::Stale | Notice::NewerElsewhere { .. })
    }
}

/// The open draft of one form.
pub struct Session {
    kind: Kind,
    store: Box<dyn DraftStore>,
    clock: Box<dyn Clock>,
    id: String,
    name: String,
    doc: Box<dyn Doc>,
    state: State,
    notice: Option<Notice>,
    generation: u32,
}

impl Session {
    /// Opens the draft of `kind` opened last (or the newest, or a new one),
    /// after moving drafts of earlier key schemes into the list.
    pub fn open(kind: Kind, store: Box<dyn DraftStore>, clock: Box<dyn Clock>) -> Session {
        let today = clock.now().date();
        let mut session = Session {
            kind,
            store,
            clock,
            id: String::new(),
            name: String::new(),
            doc: (kind.blank)(today),
            state: State::Opened,
            notice: None,
            generation: 0,
        };
        let start =
            drafts::migrate(session.store(), kind.slug).and_then(|_| drafts::start_id(session.store(), kind.slug));
        match start {
            Ok(Some(id)) => session.take(id),
            Ok(None) => session.start_blank(None),
            Err(e) => {
                session.start_blank(None);
                session.notice = Some(Notice::Store(e));
            }
        }
        // So a reload (after 从备份恢复, say) opens this same draft even if another was saved later.
        session.remember();
        session
    }

    fn store(&self) -> &dyn DraftStore {
        self.store.as_ref()
    }

    /// The form's kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The open draft's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The open draft's own name; empty for the title made from its content.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The form as on screen.
    pub fn doc(&self) -> &dyn Doc {
        self.doc.as_ref()
    }

    /// The form, to edit: call [`Self::touched`] after.
    pub fn doc_mut(&mut self) -> &mut dyn Doc {
        self.doc.as_mut()
    }

    /// Where the draft stands.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// What the user must be told, if anything.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The user read the notice.
    pub fn dismiss(&mut self) {
        self.notice = None;
    }

    /// Changes whenever the form is replaced as a whole (another draft, another tab's save),
    /// so views that do not follow every keystroke render afresh.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// The storage key of the open draft.
    pub fn key(&self) -> String {
        drafts::key(self.kind.slug, &self.id)
    }

    /// The open draft's title, as the list shows it.
    pub fn title(&self) -> String {
        drafts::title(&self.name, self.doc())
    }

    fn replace(&mut self, doc: Box<dyn Doc>) {
        self.doc = doc;
        self.generation = self.generation.wrapping_add(1);
    }

    fn remember(&self) {
        // Only a preference: the draft opens from the newest one if this is lost.
        let _ = drafts::set_last(self.store(), self.kind.slug, &self.id);
    }

    /// Shows stored draft `id` (a new one when nothing is stored under it).
    fn take(&mut self, id: String) {
        let now = self.clock.now();
        let key = drafts::key(self.kind.slug, &id);
        let loaded = crate::draft::load_with(self.store(), &key, &dates::stamp(now), self.kind.read);
        self.id = id;
        self.name.clear();
        self.notice = None;
        self.state = State::Opened;
        match loaded {
            Loaded::Draft(ReadDoc { name, doc, .. }) => {
                self.name = name;
                self.replace(doc);
            }
            Loaded::Empty => self.replace((self.kind.blank)(now.date())),
            Loaded::Kept(kept) => {
                if let Unread::Newer(format) = kept.why {
                    // Never written over: this page works on a new draft beside it.
                    self.start_blank(None);
                    self.state = State::KeptAside { format };
                } else {
                    self.replace((self.kind.blank)(now.date()));
                }
                self.notice = Some(Notice::Kept(kept));
            }
            Loaded::Failed(e) => {
                self.replace((self.kind.blank)(now.date()));
                self.notice = Some(Notice::Store(e));
            }
            Loaded::NotYet => {
                // Never written over: this page works on a new draft beside it.
                self.start_blank(None);
                self.notice = Some(Notice::NoReader);
            }
        }
    }

    /// Shows a new, not yet stored draft: made from `from` as 新建 would, or blank.
    fn start_blank(&mut self, from: Option<&dyn Doc>) {
        let now = self.clock.now();
        let stamp = dates::stamp(now);
        self.id = drafts::new_id(self.store(), self.kind.slug, &stamp).unwrap_or_else(|_| drafts::id_for(&stamp));
        self.name.clear();
        self.notice = None;
        self.state = State::Opened;
        let doc = match from {
            Some(from) => from.fresh(now.date()),
            None => (self.kind.blank)(now.date()),
        };
        self.replace(doc);
    }

    /// The page changed the form: the save is due [`SAVE_AFTER`] after the first edit not yet written.
    pub fn touched(&mut self) {
        let last_edit = self.clock.now();
        self.state = match &self.state {
            State::Stale => State::Stale,
            State::Suspended => State::Suspended,
            State::Failed { error, .. } => State::Failed { error: error.clone(), last_edit },
            State::Waiting { since, .. } => State::Waiting { since: *since, last_edit },
            _ => State::Waiting { since: last_edit, last_edit },
        };
    }

    /// How long until the autosave is due; `None` when nothing waits to be saved.
    /// After a failed write the next pause tries again: the user may have freed space.
    pub fn wait(&self) -> Option<TimeDelta> {
        let due = match self.state {
            State::Waiting { since, .. } => since + SAVE_AFTER,
            State::Failed { last_edit, .. } => last_edit + SAVE_AFTER,
            _ => return None,
        };
        Some((due - self.clock.now()).max(TimeDelta::zero()))
    }

    /// The autosave timer fired: saves if the user paused long enough, else
    /// says how much longer to wait (one timer per pause, not one per keystroke).
    pub fn tick(&mut self) -> Option<TimeDelta> {
        match self.wait() {
            Some(rest) if rest > SLACK => Some(rest),
            Some(_) => {
                self.save_now();
                None
            }
            None => None,
        }
    }

    /// Writes the draft now if anything is unsaved. False when the text could
    /// not be written (refused, or not ours to write), so it must stay on screen.
    pub fn save_now(&mut self) -> bool {
        let last_edit = match &self.state {
            State::Waiting { last_edit, .. } | State::Failed { last_edit, .. } => *last_edit,
            State::Stale | State::Suspended => return false,
            State::Opened
            | State::Writing { .. }
            | State::Saved { .. }
            | State::Followed { .. }
            | State::KeptAside { .. } => return true,
        };
        let now = self.clock.now();
        let written =
            self.doc.envelope(&self.name, &dates::stamp_ms(now)).and_then(|json| self.store.set(&self.key(), &json));
        match written {
            Ok(()) => {
                self.state =
                    if self.store.completes_later() { State::Writing { at: now } } else { State::Saved { at: now } };
                true
            }
            Err(error) => {
                self.state = State::Failed { error, last_edit };
                false
            }
        }
    }

    /// The store says its write of `key` completed (on disk) or failed; `in_flight`:
    /// later writes of that key are still on their way. The open draft is 已保存 only
    /// once its last write is on disk; a failure is shown whichever draft it was.
    pub fn written(&mut self, key: &str, result: Result<(), StoreError>, in_flight: bool) {
        match result {
            Err(error) if key == self.key() => {
                if !matches!(self.state, State::Stale | State::Suspended) {
                    let last_edit = match self.state {
                        State::Waiting { last_edit, .. } | State::Failed { last_edit, .. } => last_edit,
                        _ => self.clock.now(),
                    };
                    self.state = State::Failed { error, last_edit };
                }
            }
            Err(error) => self.notice = Some(Notice::Store(error)),
            Ok(()) => {
                if let (State::Writing { at }, false, true) = (&self.state, in_flight, key == self.key()) {
                    self.state = State::Saved { at: *at };
                }
            }
        }
    }

    /// Another tab wrote `key` (`None`: it cleared the whole storage). With
    /// nothing unsaved here the page follows the stored draft; with unsaved text it
    /// stops saving. True when this form's list of drafts may have changed.
    pub fn stored_elsewhere(&mut self, key: Option<&str>) -> bool {
        let ours = key.is_none_or(|k| drafts::id_of(self.kind.slug, k).is_some());
        if key.is_some_and(|k| k == self.key()) && self.state != State::Suspended {
            if let Some(format) = self.stored_newer() {
                self.state = State::Stale;
                self.notice = Some(Notice::NewerElsewhere { format });
            } else if self.state.unsaved() {
                self.state = State::Stale;
                self.notice = Some(Notice::Stale);
            } else {
                let now = self.clock.now();
                match crate::draft::load_with(self.store(), &self.key(), &dates::stamp(now), self.kind.read) {
                    Loaded::Draft(read) => {
                        self.name = read.name;
                        self.replace(read.doc);
                        self.state = State::Followed { at: now };
                    }
                    // What this page shows is no longer what is stored, and it cannot follow:
                    // it stops saving rather than write over the other tab's text.
                    Loaded::NotYet => {
                        self.state = State::Stale;
                        self.notice = Some(Notice::Stale);
                    }
                    Loaded::Empty | Loaded::Kept(_) | Loaded::Failed(_) => {}
                }
            }
        }
        ours
    }

    /// The format of the stored open draft when a newer app version wrote it.
    fn stored_newer(&self) -> Option<u32> {
        draft::newer_format(&self.store.get(&self.key()).ok()??)
    }

    /// Keeps this page's text as a new draft named `…（本页版本）`: the way out
    /// of [`State::Stale`]. False when it could not be written.
    pub fn fork(&mut self) -> bool {
        let title = self.title();
        let stamp = dates::stamp(self.clock.now());
        match drafts::new_id(self.store(), self.kind.slug, &stamp) {
            Ok(id) => {
                self.id = id;
                self.name = format!("{title}（本页版本）");
                self.notice = None;
                let now = self.clock.now();
                self.state = State::Waiting { since: now, last_edit: now };
                let saved = self.save_now();
                if saved {
                    self.remember();
                }
                saved
            }
            Err(error) => {
                self.state = State::Failed { error, last_edit: self.clock.now() };
                false
            }
        }
    }

    /// Saves the open draft before another is shown, keeping this page's text as
    /// a new draft when it may not overwrite the stored one; false when neither worked.
    fn put_away(&mut self) -> bool {
        if self.state == State::Stale {
            return self.fork();
        }
        self.save_now()
    }

    /// Opens stored draft `id` after saving the open one; false (and nothing
    /// changed) when the open one could not be saved.
    pub fn switch_to(&mut self, id: &str) -> bool {
        if !self.put_away() {
            return false;
        }
        self.take(id.to_owned());
        self.remember();
        true
    }

    /// Starts a new draft holding `doc`, stored at once so it is in the list;
    /// the open one is saved first. False (nothing changed) when that failed.
    pub fn create(&mut self, doc: Box<dyn Doc>) -> bool {
        if !self.put_away() {
            return false;
        }
        let stamp = dates::stamp(self.clock.now());
        match drafts::new_id(self.store(), self.kind.slug, &stamp) {
            Ok(id) => {
                self.id = id;
                self.name.clear();
                self.notice = None;
                self.replace(doc);
                let now = self.clock.now();
                self.state = State::Waiting { since: now, last_edit: now };
                self.save_now();
                self.remember();
                true
            }
            Err(error) => {
                self.state = State::Failed { error, last_edit: self.clock.now() };
                false
            }
        }
    }

    /// 新建: a new draft made from the open one (see [`crate::draft::Stored::fresh`]).
    pub fn create_fresh(&mut self) -> bool {
        let doc = self.doc.fresh(self.clock.now().date());
        self.create(doc)
    }

    /// Every draft of this form, the open one first and as on screen (it may be newer than stored).
    pub fn summaries(&self) -> Result<Vec<Summary>, DraftError> {
        let mut list = drafts::list(self.store(), &self.kind)?;
        let saved = list.iter().position(|s| s.id == self.id).map(|i| list.remove(i).saved_at).unwrap_or_default();
        list.insert(0, Summary::of(&self.id, &self.name, self.doc(), &saved));
        Ok(list)
    }

    /// Names draft `id` (blank: back to the title made from its content).
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), DraftError> {
        if id != self.id {
            return drafts::rename(self.store(), &self.kind, id, name);
        }
        self.name = name.trim().to_owned();
        self.touched();
        self.save_now();
        Ok(())
    }

    /// Copies draft `id` to a new draft; the copy's id.
    pub fn duplicate(&mut self, id: &str) -> Result<String, DraftError> {
        if id == self.id && !self.put_away() {
            return Err(DraftError::NotPutAway);
        }
        let stamp = dates::stamp_ms(self.clock.now());
        drafts::duplicate(self.store(), &self.kind, id, &stamp)
    }

    /// Deletes draft `id`, handing back its stored text for 撤销. Deleting the
    /// open draft opens the newest other one, or a new draft with its settings.
    pub fn delete(&mut self, id: &str) -> Result<Option<String>, DraftError> {
        let open = id == self.id;
        // Saved first, so the text handed back for 撤销 has the last keystroke
        // and no pending save can write the deleted draft back.
        if open && !self.put_away() {
            return Err(DraftError::NotPutAway);
        }
        let raw = drafts::delete(self.store(), self.kind.slug, id)?;
        if open {
            match drafts::start_id(self.store(), self.kind.slug) {
                Ok(Some(next)) => self.take(next),
                _ => {
                    let deleted = std::mem::replace(&mut self.doc, (self.kind.blank)(self.clock.now().date()));
                    self.start_blank(Some(deleted.as_ref()));
                }
            }
            self.remember();
        }
        Ok(raw)
    }

    /// Puts a deleted draft back; it opens again when `reopen`.
    pub fn undelete(&mut self, id: &str, raw: &str, reopen: bool) -> Result<(), DraftError> {
        let id = drafts::undelete(self.store(), self.kind.slug, id, raw)?;
        if reopen && !self.switch_to(&id) {
            return Err(DraftError::NotPutAway);
        }
        Ok(())
    }

    /// Stops writing: drafts are being replaced from a backup and the page reloads.
    /// Call after [`Self::save_now`], so nothing typed is left unsaved.
    pub fn suspend(&mut self) {
        self.state = State::Suspended;
    }

    /// Writes again after a restore that failed part way (the page does not reload).
    pub fn resume(&mut self) {
        if self.state == State::Suspended {
            self.state = State::Opened;
        }
    }
}

/// Stores `form` as a new draft of form `T` and makes it that form's last
/// draft, so its page opens it (a 活动统计表 started from the 重点活动安排表); the new id.
pub fn hand_over<T: Stored>(store: &dyn DraftStore, form: &T, now: NaiveDateTime) -> Result<String, DraftError> {
    let stamp = dates::stamp_ms(now);
    let id = drafts::new_id(store, T::SLUG, &stamp)?;
    let json = draft::encode(form, "", &stamp)?;
    store.set(&drafts::key(T::SLUG, &id), &json)?;
    drafts::set_last(store, T::SLUG, &id)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use chrono::NaiveDate;

    use super::*;
    use crate::draft::{MemoryStore, Stored};
    use crate::forms::shenbao::Shenbao;

    const SHENBAO: Kind = Kind::of::<Shenbao>();

    /// A clock the test moves by hand.
    #[derive(Clone)]
    struct TestClock(Rc<Cell<NaiveDateTime>>);

    impl TestClock {
        fn at(text: &str) -> Self {
            TestClock(Rc::new(Cell::new(NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap())))
        }

        fn advance(&self, ms: i64) {
            self.0.set(self.0.get() + TimeDelta::milliseconds(ms));
        }
    }

    impl Clock for TestClock {
        fn now(&self) -> NaiveDateTime {
            self.0.get()
        }
    }

    /// A store the browser refuses: private mode, a sandboxed frame.
    struct Refused;

    impl DraftStore for Refused {
        fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn set(&self, _: &str, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn remove(&self, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
    }

    fn tab(store: &Rc<MemoryStore>, clock: &TestClock) -> Session {
        Session::open(SHENBAO, Box::new(Rc::clone(store)), Box::new(clock.clone()))
    }

    /// An empty store, a clock at 2026-11-23 09:30 and a tab opened on them.
    fn first_tab() -> (Rc<MemoryStore>, TestClock, Session) {
        let store = Rc::new(MemoryStore::default());
        let clock = TestClock::at("2026-11-23T09:30:00");
        let tab = tab(&store, &clock);
        (store, clock, tab)
    }

    fn form(s: &Session) -> &Shenbao {
        s.doc().as_any().downcast_ref().unwrap()
    }

    fn type_into(s: &mut Session, community: &str) {
        s.doc_mut().as_any_mut().downcast_mut::<Shenbao>().unwrap().community = community.into();
        s.touched();
    }

    fn stored(store: &MemoryStore, key: &str) -> Option<Shenbao> {
        match crate::draft::load::<Shenbao>(store, key, "t") {
            Loaded::Draft(e) => Some(e.form),
            _ => None,
        }
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn a_first_visit_opens_a_new_draft_of_this_year_stored_only_once_typed_in() {
        let (store, _, s) = first_tab();
        assert_eq!(s.state(), &State::Opened);
        assert_eq!(s.id(), "20261123-093000");
        assert_eq!(form(&s).settings.year, "2026");
        assert_eq!(s.notice(), None);
        assert_eq!(drafts::ids(store.as_ref(), "shenbao").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn typing_is_written_within_save_after_of_its_first_edit_pause_or_not() {
        let (store, clock, mut s) = first_tab();
        type_into(&mut s, "河");
        let t0 = at("2026-11-23T09:30:00");
        assert_eq!(s.state(), &State::Waiting { since: t0, last_edit: t0 });
        assert_eq!(s.wait(), Some(SAVE_AFTER));
        clock.advance(300);
        type_into(&mut s, "河东社区");
        assert_eq!(s.wait(), Some(TimeDelta::milliseconds(100)), "typing on does not put the write off");
        assert_eq!(stored(&store, &s.key()), None);
        clock.advance(98);
        assert_eq!(s.tick(), None, "2 ms early is on time");
        assert_eq!(s.state(), &State::Saved { at: s.clock.now() });
        assert_eq!(stored(&store, &s.key()).unwrap().community, "河东社区");
        assert_eq!((s.wait(), s.tick()), (None, None));
        assert!(store.get(&s.key()).unwrap().unwrap().contains(r#""saved_at":"2026-11-23T09:30:00.398""#));
        // Typing on: the next write is due SAVE_AFTER after the first edit since.
        clock.advance(50);
        type_into(&mut s, "河东社区居");
        clock.advance(300);
        type_into(&mut s, "河东社区居委会");
        assert_eq!(s.tick(), Some(TimeDelta::milliseconds(100)));
        clock.advance(100);
        assert_eq!(s.tick(), None);
        assert_eq!(stored(&store, &s.key()).unwrap().community, "河东社区居委会");
    }

    /// A store whose writes reach the disk later, as IndexedDB's do.
    struct Later(Rc<MemoryStore>);

    impl DraftStore for Later {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.0.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.0.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.0.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.0.keys()
        }
        fn completes_later(&self) -> bool {
            true
        }
    }

    #[test]
    fn a_write_the_store_completes_later_is_saved_only_once_on_disk() {
        let store = Rc::new(MemoryStore::default());
        let clock = TestClock::at("2026-11-23T09:30:00");
        let mut s = Session::open(SHENBAO, Box::new(Later(Rc::clone(&store))), Box::new(clock.clone()));
        type_into(&mut s, "河东社区");
        assert!(s.save_now());
        let now = clock.now();
        assert_eq!(s.state(), &State::Writing { at: now });
        assert!(!s.state().unsaved(), "the store has it: another draft may be opened");
        let key = s.key();
        s.written(&key, Ok(()), true);
        assert_eq!(s.state(), &State::Writing { at: now }, "a later write of it is still on its way");
        s.written(&key, Ok(()), false);
        assert_eq!(s.state(), &State::Saved { at: now });
        // A write that fails on its way to disk (the disk full) is shown, and tried again.
        clock.advance(1000);
        type_into(&mut s, "河东社区居委会");
        assert!(s.save_now());
        s.written(&key, Err(StoreError::QuotaExceeded), false);
        assert!(matches!(s.state(), State::Failed { error: StoreError::QuotaExceeded, .. }));
        assert_eq!(s.wait(), Some(SAVE_AFTER));
        // Another draft's write failing is told above the form.
        s.written("kepu-forms:shenbao:draft:20261101-080000", Err(StoreError::QuotaExceeded), false);
        assert_eq!(s.notice(), Some(&Notice::Store(StoreError::QuotaExceeded)));
    }

    #[test]
    fn hiding_the_page_saves_at_once_and_reopening_shows_the_same_draft() {
        let (store, clock, mut s) = first_tab();
        type_into(&mut s, "河东社区");
        assert!(s.save_now());
        assert!(matches!(s.state(), State::Saved { .. }));
        let again = tab(&store, &clock);
        assert_eq!((again.id(), form(&again).community.as_str()), (s.id(), "河东社区"));
        assert_eq!(again.state(), &State::Opened);
    }

    #[test]
    fn storage_full_keeps_the_text_says_what_to_do_and_retries_on_the_next_pause() {
        let (store, clock, mut s) = first_tab();
        store.limit.set(Some(100));
        type_into(&mut s, &"科".repeat(200));
        clock.advance(500);
        assert_eq!(s.tick(), None);
        let State::Failed { error, .. } = s.state() else { panic!("{:?}", s.state()) };
        assert_eq!(error, &StoreError::QuotaExceeded);
        assert!(error.to_string().contains("备份全部草稿"));
        assert_eq!(form(&s).community.chars().count(), 200, "the text stays on screen");
        assert!(!s.save_now(), "a page hide tries again and says it failed");
        assert_eq!(s.tick(), None, "a failed write is not retried in a loop");
        // Space freed: the next edit's pause writes it.
        store.limit.set(None);
        type_into(&mut s, "河东社区");
        assert_eq!(s.wait(), Some(SAVE_AFTER));
        clock.advance(500);
        s.tick();
        assert!(matches!(s.state(), State::Saved { .. }));
        assert_eq!(stored(&store, &s.key()).unwrap().community, "河东社区");
    }

    #[test]
    fn storage_refused_works_in_memory_and_says_so() {
        let clock = TestClock::at("2026-11-23T09:30:00");
        let mut s = Session::open(SHENBAO, Box::new(Refused), Box::new(clock.clone()));
        assert_eq!(s.notice(), Some(&Notice::Store(StoreError::Unavailable("SecurityError".into()))));
        assert!(s.notice().unwrap().text().contains("浏览器不允许本页保存数据"));
        assert_eq!(s.id(), "20261123-093000");
        type_into(&mut s, "河东社区");
        assert!(!s.save_now());
        assert!(matches!(s.state(), State::Failed { error: StoreError::Unavailable(_), .. }));
        assert_eq!(form(&s).community, "河东社区");
        assert!(s.summaries().is_err());
    }

    #[test]
    fn another_tab_saving_is_followed_when_nothing_here_is_unsaved() {
        let (store, clock, mut a) = first_tab();
        type_into(&mut a, "甲社区");
        a.save_now();
        let mut b = tab(&store, &clock);
        assert_eq!(b.id(), a.id());
        let generation = b.generation();
        type_into(&mut a, "甲社区二");
        a.save_now();
        clock.advance(1000);
        assert!(b.stored_elsewhere(Some(&a.key())));
        assert_eq!(form(&b).community, "甲社区二");
        assert_eq!(b.state(), &State::Followed { at: clock.now() });
        assert_ne!(b.generation(), generation, "views that skip keystrokes redraw");
        // A key of another form, or a preference: nothing changes.
        assert!(!b.stored_elsewhere(Some("kepu-forms:tongji:draft:1")));
        assert!(!b.stored_elsewhere(Some("kepu-forms:shenbao:last")));
        assert!(b.stored_elsewhere(None));
    }

    #[test]
    fn another_tab_saving_over_unsaved_text_stops_saving_and_offers_a_copy() {
        let (store, clock, mut a) = first_tab();
        type_into(&mut a, "甲社区二");
        a.save_now();
        let mut b = tab(&store, &clock);
        b.doc_mut().as_any_mut().downcast_mut::<Shenbao>().unwrap().contact = "乙".into();
        b.touched();
        type_into(&mut a, "甲社区（更新）");
        a.save_now();
        b.stored_elsewhere(Some(&a.key()));
        assert_eq!(b.state(), &State::Stale);
        assert!(b.notice().unwrap().offers_fork());
        assert_eq!(b.notice().unwrap().text(), STALE);
        // Neither a pause, a page hide nor more typing writes over A's draft.
        clock.advance(2000);
        assert_eq!(b.tick(), None);
        assert!(!b.save_now());
        type_into(&mut b, "甲社区二");
        assert_eq!(b.state(), &State::Stale);
        assert_eq!(stored(&store, &a.key()).unwrap().community, "甲社区（更新）");
        assert_eq!(form(&b).contact, "乙", "what B typed stays on screen");
        // 另存为新草稿 keeps B's text beside A's.
        assert!(b.fork());
        assert_ne!(b.id(), a.id());
        assert_eq!(b.name(), "甲社区二（本页版本）");
        assert!(matches!(b.state(), State::Saved { .. }));
        assert_eq!(b.notice(), None);
        assert_eq!(stored(&store, &b.key()).unwrap().contact, "乙");
        assert_eq!(stored(&store, &a.key()).unwrap().contact, "");
        assert_eq!(drafts::start_id(store.as_ref(), "shenbao").unwrap().as_deref(), Some(b.id()));
    }

    #[test]
    fn switching_away_from_a_stale_draft_keeps_this_pages_text_as_a_copy() {
        let (store, clock, mut a) = first_tab();
        type_into(&mut a, "甲");
        a.save_now();
        let mut b = tab(&store, &clock);
        type_into(&mut b, "乙");
        type_into(&mut a, "甲二");
        a.save_now();
        b.stored_elsewhere(Some(&a.key()));
        clock.advance(1000);
        assert!(b.create_fresh());
        let communities: Vec<String> =
            drafts::list(store.as_ref(), &SHENBAO).unwrap().into_iter().map(|s| s.title).collect();
        assert_eq!(communities, ["未填社区名称", "乙（本页版本）", "甲二"]);
    }

    thread_local! {
        /// Whether [`LATER`]'s reader is there, as a part loaded on use may not be yet.
        static READER_HERE: Cell<bool> = const { Cell::new(false) };
    }

    /// The 申报表 read by a reader that answers only once [`READER_HERE`] says it is there.
    const LATER: Kind =
        Kind::read_by::<Shenbao>(|raw| READER_HERE.get().then(|| (Kind::of::<Shenbao>().read)(raw)).flatten());

    fn tab_reading_later(store: &Rc<MemoryStore>, clock: &TestClock, here: bool) -> Session {
        READER_HERE.set(here);
        Session::open(LATER, Box::new(Rc::clone(store)), Box::new(clock.clone()))
    }

    #[test]
    fn a_draft_the_page_cannot_read_yet_is_left_untouched_and_a_new_one_opens_beside_it() {
        let (store, clock, mut a) = first_tab();
        type_into(&mut a, "甲社区");
        a.save_now();
        let text = store.get(&a.key()).unwrap();
        clock.advance(2000);
        let mut b = tab_reading_later(&store, &clock, false);
        assert_ne!(b.id(), a.id());
        assert_eq!(form(&b).community, "");
        assert_eq!(b.notice(), Some(&Notice::NoReader));
        assert_eq!(b.notice().unwrap().text(), NO_READER);
        type_into(&mut b, "乙社区");
        clock.advance(1000);
        assert!(b.save_now());
        assert_eq!(store.get(&a.key()).unwrap(), text, "the unread draft is as it was");
        assert_eq!(stored(&store, &b.key()).unwrap().community, "乙社区");
        let keys = store.keys().unwrap();
        assert!(!keys.iter().any(|k| k.contains(":unreadable:")), "nothing set aside: {keys:?}");
        // The list says so, and rename or copy of it wait for the reader.
        let list = drafts::list(store.as_ref(), &LATER).unwrap();
        let unread = list.iter().find(|d| d.id == a.id()).unwrap();
        assert_eq!((unread.title.as_str(), unread.state.text()), ("草稿 20261123-093000", "尚未读取".to_owned()));
        assert_eq!(b.rename(a.id(), "新名字"), Err(DraftError::NoReader));
        assert_eq!(b.duplicate(a.id()), Err(DraftError::NoReader));
        assert_eq!(store.get(&a.key()).unwrap(), text);
        // Once it is there, the draft opens as it was.
        READER_HERE.set(true);
        assert!(b.switch_to(a.id()));
        assert_eq!(form(&b).community, "甲社区");
    }

    #[test]
    fn another_tabs_save_the_page_cannot_read_yet_stops_saving_here() {
        let (store, clock, _) = first_tab();
        let mut b = tab_reading_later(&store, &clock, false);
        type_into(&mut b, "乙社区");
        assert!(b.save_now());
        // A opens B's draft and types in it; B has nothing unsaved but cannot read A's text.
        let mut a2 = tab(&store, &clock);
        assert_eq!(a2.id(), b.id());
        type_into(&mut a2, "甲社区");
        assert!(a2.save_now());
        b.stored_elsewhere(Some(&b.key()));
        assert_eq!(b.state(), &State::Stale);
        assert_eq!(b.notice(), Some(&Notice::Stale));
        type_into(&mut b, "乙社区二");
        clock.advance(2000);
        assert!(!b.save_now());
        assert_eq!(stored(&store, &a2.key()).unwrap().community, "甲社区");
    }

    #[test]
    fn a_draft_of_a_newer_version_is_kept_aside_untouched() {
        let store = Rc::new(MemoryStore::default());
        let newer = r#"{"format":99,"app":"9.0.0","saved_at":"2027-01-01T00:00:00","form":{"x":[]}}"#;
        store.set("kepu-forms:shenbao:draft:7", newer).unwrap();
        let clock = TestClock::at("2026-11-23T09:30:00");
        let mut s = tab(&store, &clock);
        assert_eq!(s.state(), &State::KeptAside { format: 99 });
        assert_ne!(s.id(), "7");
        let kept_under = "kepu-forms:shenbao:draft:7:unreadable:2026-11-23T09:30:00".to_owned();
        let kept = Kept { why: Unread::Newer(99), kept_under: kept_under.clone(), raw: newer.into() };
        assert_eq!(s.notice(), Some(&Notice::Kept(kept)));
        assert!(s.notice().unwrap().text().contains("格式版本99"));
        assert_eq!(store.get(&kept_under).unwrap().as_deref(), Some(newer));
        type_into(&mut s, "河东社区");
        assert!(s.save_now());
        assert_eq!(store.get("kepu-forms:shenbao:draft:7").unwrap().as_deref(), Some(newer));
        assert_eq!(stored(&store, &s.key()).unwrap().community, "河东社区");
    }

    /// A tab of the old version stays open while a tab of the new one saves the
    /// same draft in a newer format: the old tab never writes over it, with or
    /// without unsaved text, and can keep its own text as a new draft.
    #[test]
    fn a_tab_of_an_older_version_never_overwrites_what_a_newer_one_saved() {
        let newer = r#"{"format":99,"app":"9.0.0","saved_at":"2026-11-23T09:31:00","form":{"x":[]}}"#;
        for unsaved in [false, true] {
            let (store, clock, mut old) = first_tab();
            type_into(&mut old, "河东社区");
            assert!(old.save_now());
            if unsaved {
                type_into(&mut old, "河东社区（改）");
            }
            store.set(&old.key(), newer).unwrap();
            assert!(old.stored_elsewhere(Some(&old.key())));
            assert_eq!(old.state(), &State::Stale);
            assert_eq!(old.notice(), Some(&Notice::NewerElsewhere { format: 99 }));
            assert!(old.notice().unwrap().text().contains("格式版本99"));
            assert!(old.notice().unwrap().offers_fork());
            clock.advance(1000);
            type_into(&mut old, "河东社区（再改）");
            assert_eq!(old.tick(), None);
            assert!(!old.save_now());
            assert_eq!(store.get(&old.key()).unwrap().as_deref(), Some(newer), "unsaved: {unsaved}");
            // Nothing was copied aside: the newer draft is where the new version left it.
            assert_eq!(store.keys().unwrap().len(), 2, "the draft and the last-opened id");
            assert!(old.fork());
            assert_eq!(stored(&store, &old.key()).unwrap().community, "河东社区（再改）");
            assert_eq!(store.get("kepu-forms:shenbao:draft:20261123-093000").unwrap().as_deref(), Some(newer));
        }
    }

    #[test]
    fn unreadable_data_is_kept_and_offered_for_download() {
        let store = Rc::new(MemoryStore::default());
        store.set("kepu-forms:shenbao:draft:7", "{\"format\":2,\"form\":{\"plan\":\"写了一半").unwrap();
        let clock = TestClock::at("2026-11-23T09:30:00");
        let s = tab(&store, &clock);
        assert_eq!(s.id(), "7");
        assert_eq!(s.state(), &State::Opened);
        let notice = s.notice().unwrap();
        assert_eq!(notice.raw(), Some("{\"format\":2,\"form\":{\"plan\":\"写了一半"));
        assert!(notice.text().contains("kepu-forms:shenbao:draft:7:unreadable:2026-11-23T09:30:00"));
        assert_eq!(form(&s).plan, "");
    }

    #[test]
    fn new_drafts_keep_settings_and_switching_saves_the_open_one_first() {
        let (store, clock, mut s) = first_tab();
        s.doc_mut().as_any_mut().downcast_mut::<Shenbao>().unwrap().settings.city = "南宁市".into();
        type_into(&mut s, "甲社区");
        let first = s.id().to_owned();
        clock.advance(1000);
        assert!(s.create_fresh());
        assert_eq!(stored(&store, &drafts::key("shenbao", &first)).unwrap().community, "甲社区");
        assert_eq!((form(&s).community.as_str(), form(&s).settings.city.as_str()), ("", "南宁市"));
        assert_eq!(s.id(), "20261123-093001");
        assert!(matches!(s.state(), State::Saved { .. }), "stored at once, so it is in the list");
        type_into(&mut s, "乙社区");
        assert!(s.switch_to(&first));
        assert_eq!(form(&s).community, "甲社区");
        assert_eq!(stored(&store, &drafts::key("shenbao", "20261123-093001")).unwrap().community, "乙社区");
        let titles: Vec<String> = s.summaries().unwrap().into_iter().map(|x| x.title).collect();
        assert_eq!(titles, ["甲社区", "乙社区"]);
        assert_eq!(drafts::start_id(store.as_ref(), "shenbao").unwrap(), Some(first));
    }

    #[test]
    fn a_failed_save_blocks_switching_so_nothing_typed_is_lost() {
        let (store, clock, mut s) = first_tab();
        type_into(&mut s, "甲社区");
        s.save_now();
        let first = s.id().to_owned();
        clock.advance(1000);
        s.create_fresh();
        store.limit.set(Some(10));
        type_into(&mut s, "乙社区");
        assert!(!s.switch_to(&first));
        assert!(!s.create_fresh());
        let open = s.id().to_owned();
        assert_eq!(s.delete(&open), Err(DraftError::NotPutAway));
        assert_eq!(form(&s).community, "乙社区");
    }

    #[test]
    fn deleting_the_open_draft_opens_the_newest_other_and_undo_brings_it_back() {
        let (_, clock, mut s) = first_tab();
        type_into(&mut s, "甲社区");
        s.save_now();
        let first = s.id().to_owned();
        clock.advance(1000);
        s.create_fresh();
        type_into(&mut s, "乙社区");
        let second = s.id().to_owned();
        let raw = s.delete(&second).unwrap().unwrap();
        assert_eq!((s.id(), form(&s).community.as_str()), (first.as_str(), "甲社区"));
        assert!(raw.contains("乙社区"), "the last keystroke is in what 撤销 restores");
        s.undelete(&second, &raw, true).unwrap();
        assert_eq!((s.id(), form(&s).community.as_str()), (second.as_str(), "乙社区"));
    }

    #[test]
    fn deleting_the_last_draft_starts_a_new_one_with_its_settings() {
        let (store, clock, mut s) = first_tab();
        s.doc_mut().as_any_mut().downcast_mut::<Shenbao>().unwrap().settings.year = "2027".into();
        type_into(&mut s, "甲社区");
        let only = s.id().to_owned();
        clock.advance(1000);
        s.delete(&only).unwrap();
        assert_eq!(drafts::ids(store.as_ref(), "shenbao").unwrap(), Vec::<String>::new());
        assert_eq!((form(&s).community.as_str(), form(&s).settings.year.as_str()), ("", "2027"));
        assert_eq!(s.state(), &State::Opened);
        assert_ne!(s.id(), only);
    }

    #[test]
    fn rename_copy_and_the_open_drafts_title() {
        let (_, clock, mut s) = first_tab();
        type_into(&mut s, "甲社区");
        assert_eq!(s.title(), "甲社区");
        let id = s.id().to_owned();
        s.rename(&id, " 五月活动 ").unwrap();
        assert_eq!(s.title(), "五月活动");
        assert!(matches!(s.state(), State::Saved { .. }));
        clock.advance(1000);
        let copy = s.duplicate(&id).unwrap();
        s.rename(&copy, "副本改名").unwrap();
        let titles: Vec<String> = s.summaries().unwrap().into_iter().map(|x| x.title).collect();
        assert_eq!(titles, ["五月活动", "副本改名"]);
    }

    #[test]
    fn a_copy_made_in_the_second_another_draft_was_saved_is_the_newer() {
        let (_, clock, mut s) = first_tab();
        type_into(&mut s, "甲社区");
        s.create_fresh();
        type_into(&mut s, "乙社区");
        let first = s.id().to_owned();
        clock.advance(100);
        let other = s.summaries().unwrap()[1].id.clone();
        s.switch_to(&other);
        clock.advance(300);
        let copy = s.duplicate(&other).unwrap();
        s.delete(&other).unwrap();
        // 乙社区 was saved at .100 of the same second as the copy (.400).
        assert_eq!((s.id(), s.title()), (copy.as_str(), "甲社区（副本）".to_owned()));
        assert_ne!(s.id(), first);
    }

    #[test]
    fn a_draft_handed_over_to_a_page_not_open_opens_there_first() {
        let store = Rc::new(MemoryStore::default());
        let clock = TestClock::at("2026-11-23T09:30:00");
        let mut earlier = tab(&store, &clock);
        type_into(&mut earlier, "甲社区");
        earlier.save_now();
        clock.advance(1000);
        let handed = Shenbao { community: "乙社区".into(), ..Shenbao::blank(clock.now().date()) };
        let id = hand_over(store.as_ref(), &handed, clock.now()).unwrap();
        let s = tab(&store, &clock);
        assert_eq!((s.id(), form(&s).community.as_str()), (id.as_str(), "乙社区"));
    }

    #[test]
    fn a_draft_handed_to_an_open_page_never_takes_the_id_of_its_unsaved_draft() {
        let store = Rc::new(MemoryStore::default());
        let clock = TestClock::at("2026-11-23T09:30:00");
        // Opened and typed into within the same second: its id is not stored yet.
        let mut s = tab(&store, &clock);
        type_into(&mut s, "旧表");
        let open = s.id().to_owned();
        let handed = Shenbao { community: "乙社区".into(), ..Shenbao::blank(clock.now().date()) };
        assert!(s.create(Box::new(handed)));
        assert_ne!(s.id(), open);
        assert_eq!(stored(&store, &drafts::key("shenbao", &open)).unwrap().community, "旧表");
        assert_eq!(stored(&store, &s.key()).unwrap().community, "乙社区");
        // A blank draft never stored may give its id away: nothing of it is lost.
        let mut blank = tab(&Rc::new(MemoryStore::default()), &clock);
        let blank_id = blank.id().to_owned();
        assert!(blank.create(Box::new(Shenbao { community: "丙社区".into(), ..Shenbao::default() })));
        assert_eq!((blank.id(), form(&blank).community.as_str()), (blank_id.as_str(), "丙社区"));
    }

    #[test]
    fn suspended_for_a_restore_nothing_is_written() {
        let (store, _, mut s) = first_tab();
        type_into(&mut s, "甲社区");
        s.suspend();
        assert!(!s.save_now());
        type_into(&mut s, "乙社区");
        assert_eq!((s.state(), s.wait()), (&State::Suspended, None));
        s.stored_elsewhere(Some(&s.key()));
        assert_eq!(s.state(), &State::Suspended);
        assert_eq!(store.keys().unwrap(), ["kepu-forms:shenbao:last"]);
        s.resume();
        type_into(&mut s, "丙社区");
        assert!(s.save_now());
        assert_eq!(stored(&store, &s.key()).unwrap().community, "丙社区");
    }

    #[test]
    fn drafts_of_the_first_releases_join_the_list_at_open() {
        let store = Rc::new(MemoryStore::default());
        let old = r#"{"format":1,"app":"0.1.0","saved_at":"2024-03-01T09:00:00","form":{"community":"河东社区"}}"#;
        store.set("kepu-forms:shenbao", old).unwrap();
        let s = tab(&store, &TestClock::at("2026-11-23T09:30:00"));
        assert_eq!((s.id(), form(&s).community.as_str()), ("0", "河东社区"));
        assert_eq!(form(&s).settings.year, "2024", "a stored draft keeps its own settings");
        let _ = NaiveDate::MIN;
    }
}
