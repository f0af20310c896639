//! Components: thin views that render form state and dispatch edits.

#[cfg(feature = "anpai")]
pub mod anpai;
pub mod app;
pub mod backup;
#[cfg(feature = "shenbao")]
pub mod budget;
pub mod cells;
pub mod checks;
pub mod counter;
pub mod drafts;
pub mod field;
#[cfg(feature = "huizong")]
pub mod huizong;
pub mod keeper;
pub mod print;
#[cfg(feature = "renwu")]
pub mod renwu;
pub mod rows;
pub mod rows_html;
pub mod shell;
#[cfg(feature = "shenbao")]
pub mod shenbao;
pub mod summary;
#[cfg(feature = "tongji")]
pub mod tongji;
