//! The Leptos side of the draft session, by concern:
//! [`session`]: [`DraftSession`] runs [`kepu_core::session::Session`] (the one
//! state machine, compiled once) over localStorage and the browser clock, arms
//! the autosave timer and turns the session's state into signals;
//! [`drafts`]: [`Drafts`], given by context, holds every form's session so the
//! page-wide events (page hidden, another tab's write, a backup) reach each;
//! [`typed`]: [`Keeper`], a page's typed view of its form's session;
//! [`exports`]: what JavaScript calls ([`save_drafts`], [`open_draft`]);
//! [`reader`]: reading stored drafts, a part loaded on use;
//! [`view`]: the save indicator and the notice above the form.

pub mod drafts;
pub mod exports;
pub mod reader;
pub mod session;
pub mod typed;
pub mod view;

pub use drafts::Drafts;
pub use exports::{open_draft, save_drafts};
pub use session::DraftSession;
pub use typed::{FormView, Keeper};
pub use view::{SaveIndicator, StorageNotice, StorageNoticeView};
