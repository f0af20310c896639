//! 自定义表格: a table a notice brings that no coded form knows, pasted from
//! Word, WPS, Excel or a web page and made a form. Its description
//! ([`Table`]) is data: the title, the fields above the table, a list table's
//! columns or a label grid's cells, each with its [`Kind`], and the notes
//! under it. [`read`] makes one from a pasted grid; the builder corrects it.

mod form;
pub mod kinds;
pub mod pasted;
mod read;
mod returned;
pub mod share;

use serde::{Deserialize, Serialize};

pub use form::{
    CSV_MARK, FORM_NAME, Field, SUMS_MARK, TOTAL_LABEL, Ziding, csv_file_name, fingerprint, names_unit, print_sheet, set_in,
    short, sum_labels, table_id, to_csv, validate, wan_text, workbook, written,
};
pub use returned::{Returned, returned};
pub use kinds::Kind;
pub use read::{Reading, read};

/// A field above the table, a label grid's field, or a list table's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The paper's wording: `填报单位（盖章）`, `联络员手机号码`.
    pub label: String,
    /// What it holds.
    pub kind: Kind,
    /// Marked 必填.
    #[serde(default)]
    pub required: bool,
}

impl Item {
    /// An item of `label`, its kind read from the label and `samples`.
    pub fn read(label: &str, samples: &[&str]) -> Self {
        Item { label: label.to_owned(), kind: kinds::infer(label, samples), required: false }
    }
}

/// A cell of a label grid (a 申报书), as the paper lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Printed text: a label.
    Label {
        /// The text.
        text: String,
        /// Columns it spans.
        span: usize,
    },
    /// The blank beside a label, where field `field` is typed.
    Field {
        /// Index into [`Table::fields`].
        field: usize,
        /// Columns it spans.
        span: usize,
    },
    /// A cell across the table holding its own prompt and what is typed under it
    /// (`项目实施方案（…不少于1500字）`, an 意见 box with （盖章）).
    Block {
        /// Index into [`Table::fields`].
        field: usize,
        /// Columns it spans.
        span: usize,
    },
}

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Header rows, then a row per record.
    #[default]
    List,
    /// Label cells beside blank cells.
    Grid,
}

impl Table {
    /// Whether every cell of its grid names one of its fields and the table is no larger
    /// than a paste may make one: what a link made by hand must be to open.
    pub fn sound(&self) -> bool {
        let slot_ok = |slot: &Slot| match slot {
            Slot::Label { span, .. } => (1..=pasted::MAX_COLS).contains(span),
            Slot::Field { field, span } | Slot::Block { field, span } => {
                *field < self.fields.len() && (1..=pasted::MAX_COLS).contains(span)
            }
        };
        self.columns.len() <= pasted::MAX_COLS
            && self.fields.len() <= pasted::MAX_ROWS
            && self.grid.len() <= pasted::MAX_ROWS
            && self.grid.iter().flatten().all(slot_ok)
    }
}

/// The description of a pasted table: every part of the page reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Table {
    /// `附件1`, when the notice says so.
    #[serde(default)]
    pub attachment: String,
    /// The title.
    pub title: String,
    /// How it is laid out.
    pub layout: Layout,
    /// The fields: above a list table, or a label grid's own.
    #[serde(default)]
    pub fields: Vec<Item>,
    /// A list table's columns, after its 序号.
    #[serde(default)]
    pub columns: Vec<Item>,
    /// A list table's rows start with their number (序号).
    #[serde(default)]
    pub numbered: bool,
    /// A list table ends in a 合计 row of its number and money columns.
    #[serde(default)]
    pub total: bool,
    /// A label grid's rows.
    #[serde(default)]
    pub grid: Vec<Vec<Slot>>,
    /// Lines under the table: `说明：…`, `注：…`.
    #[serde(default)]
    pub notes: Vec<String>,
}
