//! The rules of 科普表单's paper forms in plain Rust: no browser, no UI.
//!
//! `rules` holds what every form shares (字数, money, dates, contact, CSV),
//! `forms` one module per paper form, `draft`/`drafts`/`backup` how drafts are
//! stored, listed and backed up over a [`draft::DraftStore`]. This crate
//! depends on no browser crate, so all of it is tested natively.

pub mod backup;
pub mod draft;
pub mod drafts;
pub mod form;
pub mod forms;
pub mod peek;
pub mod rules;
pub mod session;
pub mod table;
