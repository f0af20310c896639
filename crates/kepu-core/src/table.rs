//! The description of an editable table, as data the page's one row engine
//! reads: its columns, what each cell holds, and how its cells are named. A
//! coded form writes it as constants; a table known only at run time (one
//! pasted from a notice) builds the same values from what it read and
//! [`intern`]s them.
//!
//! Everything here is `&'static` on purpose: the engine then compiles to the
//! same code for a coded form as before there were run-time tables (the
//! smallest first visit), and a table read at run time pays one leaked copy
//! per version of its description, which never changes once made.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Free text.
    Text,
    /// A decimal number (money, quantity): right-aligned, decimal keypad.
    Decimal,
    /// A whole number: right-aligned, numeric keypad.
    Count,
    /// A date picker.
    Date,
    /// One of a few choices, with a blank first option.
    Choice(&'static [&'static str]),
    /// A few lines of text, such as a 工作内容.
    LongText,
    /// Computed by the page from the other cells (a 金额): shown, not typed.
    Computed,
}

/// A column of an editable table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its part of the cell ids: `budget-2-price`.
    pub key: &'static str,
    /// The paper's column name; a cell is named `{name} 第{n}行`.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: CellKind,
    /// Id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
}

impl Column {
    /// A column of `kind` cells.
    pub const fn new(key: &'static str, name: &'static str, kind: CellKind) -> Self {
        Column { key, name, kind, list: None }
    }
}

/// The rows of one table: its columns and the buttons on each row.
#[derive(Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// The table's part of every id: `budget`, `tongji`.
    pub slug: &'static str,
    /// Each row starts with its number (序号).
    pub numbered: bool,
    /// The columns (after the row number), in order.
    pub columns: &'static [Column],
    /// Rows have 复制.
    pub copy: bool,
    /// Rows have ↑ and ↓.
    pub reorder: bool,
    /// The column that takes focus in a copied row: the one most often changed.
    pub copy_focus: usize,
}

impl TableSpec {
    /// Element id of the cell at `row` (from 0), `col`: `budget-2-price`.
    pub fn cell_id(&self, row: usize, col: usize) -> String {
        format!("{}-{}-{}", self.slug, row + 1, self.columns.get(col).map_or("", |c| c.key))
    }

    /// The cell (row from 0, column) an element id names, back from [`Self::cell_id`].
    pub fn cell_at(&self, id: &str) -> Option<(usize, usize)> {
        let (n, key) = id.strip_prefix(self.slug)?.strip_prefix('-')?.split_once('-')?;
        let row = n.parse::<usize>().ok()?.checked_sub(1)?;
        let col = self.columns.iter().position(|c| c.key == key)?;
        Some((row, col))
    }

    /// Accessible name of a cell: `数量 第2行`.
    pub fn cell_name(&self, row: usize, col: usize) -> String {
        format!("{} 第{}行", self.columns.get(col).map_or("", |c| c.name), row + 1)
    }

    /// Element id of the 撤销 button.
    pub fn undo_id(&self) -> String {
        format!("{}-undo", self.slug)
    }

    /// The first editable column.
    pub fn first_input(&self) -> usize {
        self.columns.iter().position(|c| c.kind != CellKind::Computed).unwrap_or(0)
    }
}

/// The position of `col` in `all`: a form's typed column as the engine's column index.
pub fn position<C: PartialEq>(all: &[C], col: C) -> usize {
    all.iter().position(|c| *c == col).unwrap_or(0)
}

/// A column read at run time, before it is interned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReadColumn {
    /// Its part of the cell ids.
    pub key: String,
    /// Its name.
    pub name: String,
    /// What its cells hold; the options of a choice.
    pub kind: ReadKind,
}

/// What a cell of a column read at run time holds: [`CellKind`] with its options owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReadKind {
    /// [`CellKind::Text`].
    Text,
    /// [`CellKind::Decimal`].
    Decimal,
    /// [`CellKind::Count`].
    Count,
    /// [`CellKind::Date`].
    Date,
    /// [`CellKind::LongText`].
    LongText,
    /// [`CellKind::Choice`] of these options.
    Choice(Vec<String>),
}

/// A table described at run time: its rows' shape before it is interned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReadTable {
    /// The table's part of every id.
    pub slug: &'static str,
    /// Each row starts with its number (序号).
    pub numbered: bool,
    /// The columns.
    pub columns: Vec<ReadColumn>,
}

/// Every table described at run time in this page's life, by its description.
static INTERNED: Mutex<Option<HashMap<ReadTable, &'static TableSpec>>> = Mutex::new(None);

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// The [`TableSpec`] of a table described at run time, made once per distinct
/// description: asking again for the same description gives the same one.
pub fn intern(table: &ReadTable) -> &'static TableSpec {
    let mut all = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    let all = all.get_or_insert_with(HashMap::new);
    if let Some(spec) = all.get(table) {
        return spec;
    }
    let columns: Vec<Column> = table
        .columns
        .iter()
        .map(|c| {
            let kind = match &c.kind {
                ReadKind::Text => CellKind::Text,
                ReadKind::Decimal => CellKind::Decimal,
                ReadKind::Count => CellKind::Count,
                ReadKind::Date => CellKind::Date,
                ReadKind::LongText => CellKind::LongText,
                ReadKind::Choice(options) => {
                    let options: Vec<&'static str> = options.iter().map(|o| leak(o)).collect();
                    CellKind::Choice(Box::leak(options.into_boxed_slice()))
                }
            };
            Column::new(leak(&c.key), leak(&c.name), kind)
        })
        .collect();
    let spec: &'static TableSpec = Box::leak(Box::new(TableSpec {
        slug: table.slug,
        numbered: table.numbered,
        columns: Box::leak(columns.into_boxed_slice()),
        copy: true,
        reorder: true,
        copy_focus: 0,
    }));
    all.insert(table.clone(), spec);
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [
        Column::new("item", "支出项目", CellKind::Text),
        Column::new("price", "单价（元）", CellKind::Decimal),
        Column::new("amount", "金额（元）", CellKind::Computed),
    ];
    const SPEC: TableSpec =
        TableSpec { slug: "budget", numbered: true, columns: &COLUMNS, copy: false, reorder: true, copy_focus: 0 };

    #[test]
    fn cells_are_named_by_column_and_row_and_found_by_id() {
        assert_eq!(SPEC.cell_id(1, 1), "budget-2-price");
        assert_eq!(SPEC.cell_name(1, 1), "单价（元） 第2行");
        assert_eq!(SPEC.cell_at("budget-2-price"), Some((1, 1)));
        assert_eq!(SPEC.cell_at(&SPEC.cell_id(999, 2)), Some((999, 2)));
        for other in
            ["budget-0-price", "budget-2-nope", "budget-total", "tongji-2-price", "budget-2", "budgets-2-price"]
        {
            assert_eq!(SPEC.cell_at(other), None, "{other}");
        }
        assert_eq!((SPEC.undo_id(), SPEC.first_input()), ("budget-undo".into(), 0));
    }

    #[test]
    fn a_table_read_at_run_time_is_interned_once_per_description() {
        let column = |key: &str, name: &str, kind| ReadColumn { key: key.into(), name: name.into(), kind };
        let table = ReadTable {
            slug: "ziding",
            numbered: true,
            columns: vec![
                column("c1", "联络员姓名", ReadKind::Text),
                column("c2", "形式", ReadKind::Choice(vec!["线上".into(), "线下".into()])),
            ],
        };
        let spec = intern(&table);
        assert_eq!(spec.cell_name(0, 0), "联络员姓名 第1行");
        assert_eq!(spec.cell_at("ziding-3-c2"), Some((2, 1)));
        assert_eq!(spec.columns[1].kind, CellKind::Choice(&["线上", "线下"]));
        assert!(std::ptr::eq(spec, intern(&table.clone())), "the same description gives the same spec");
        let mut renamed = table;
        renamed.columns[0].name = "审核员姓名".into();
        let other = intern(&renamed);
        assert_eq!(other.cell_name(0, 0), "审核员姓名 第1行");
        assert_eq!(spec.cell_name(0, 0), "联络员姓名 第1行", "an earlier version keeps its own");
    }
}
