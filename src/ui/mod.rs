//! Components: thin views that render form state and dispatch edits.

pub mod anpai;
pub mod app;
pub mod backup;
pub mod budget;
pub mod cells;
pub mod checks;
pub mod counter;
pub mod drafts;
pub mod field;
pub mod keeper;
pub mod print;
pub mod renwu;
pub mod rows;
pub mod rows_html;
pub mod shell;
pub mod shenbao;
pub mod summary;
pub mod tongji;
