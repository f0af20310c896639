//! 科普表单: the paper forms of 科协 science-popularisation work, filled,
//! checked, kept, printed and exported in the browser with no server.
//!
//! The rules, forms and draft storage live in the `kepu_core` crate, which
//! depends on no browser crate; `browser` wraps the few web APIs used; `ui` renders;
//! `contract` names what the app and its JavaScript share.

pub mod browser;
pub mod contract;
pub mod ui;
