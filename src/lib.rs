//! 科普表单: the paper forms of 科协 science-popularisation work, filled,
//! checked, kept, printed and exported in the browser with no server.
//!
//! `rules`, `forms`, `draft`, `drafts` and `backup` are plain Rust (no browser, no UI) and are
//! tested natively; `browser` wraps the few web APIs used; `ui` renders.

pub mod backup;
pub mod browser;
pub mod draft;
pub mod drafts;
pub mod forms;
pub mod rules;
pub mod ui;
