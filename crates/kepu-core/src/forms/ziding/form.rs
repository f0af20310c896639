//! A 自定义表格 draft: a table's description and what is filled into it; its
//! check, 合计, CSV (naming the table and its version, so the 汇总 knows it)
//! and print in the table's own layout.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kinds::{self, Kind, parse_wan};
use super::{Layout, Slot, Table};
use crate::form::Export;
use crate::rules::csv_out;
use crate::rules::money::Money;
use crate::rules::numbers;
use crate::rules::print::{self, Block, Cell, Content, Row, RowKind, Sheet, Value};
use crate::rules::problem::{self, Problem};

/// The menu's name.
pub const FORM_NAME: &str = "自定义表格";

/// The first cell of every CSV of a 自定义表格: the 汇总 recognises it by this.
pub const CSV_MARK: &str = "自定义表格";

/// The cell of the CSV's first line after which the columns a 汇总 totals are named.
pub const SUMS_MARK: &str = "合计列";

/// The first cell of the 合计 row.
pub const TOTAL_LABEL: &str = "合计";

/// A 自定义表格 draft.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ziding {
    /// The table's identity, the same in every browser it is shared to; made when it is first finished.
    #[serde(default)]
    pub id: String,
    /// Its version: 0 while it is first built; a finished table changed makes the next.
    #[serde(default)]
    pub version: u32,
    /// The description.
    #[serde(default)]
    pub table: Table,
    /// The fields' values, by [`Table::fields`] index.
    #[serde(default)]
    pub heads: Vec<String>,
    /// A list table's rows, a value per column.
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
    /// Being changed in the builder after it was finished: the next 完成 makes a new version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub editing: bool,
}

/// Sets value `col` of a row, growing a row stored before a column was added.
pub fn set_in(row: &mut Vec<String>, col: usize, value: String) {
    if row.len() <= col {
        row.resize(col + 1, String::new());
    }
    row[col] = value;
}

fn slot_span(slot: &Slot) -> usize {
    match slot {
        Slot::Label { span, .. } | Slot::Field { span, .. } | Slot::Block { span, .. } => *span,
    }
}

/// What a problem points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The table is still being built.
    Table,
    /// A field, by index.
    Head(usize),
    /// A cell: row, column.
    Cell(usize, usize),
    /// The rows as a whole (none yet).
    Rows,
}

impl Ziding {
    /// Field `i`'s value.
    pub fn head(&self, i: usize) -> &str {
        self.heads.get(i).map_or("", String::as_str)
    }

    /// Sets field `i`'s value.
    pub fn set_head(&mut self, i: usize, value: String) {
        if self.heads.len() <= i {
            self.heads.resize(i + 1, String::new());
        }
        self.heads[i] = value;
    }

    /// The cell at `row`, `col`.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map_or("", String::as_str)
    }

    /// Sets the cell at `row`, `col`.
    pub fn set_cell(&mut self, row: usize, col: usize, value: String) {
        if let Some(r) = self.rows.get_mut(row) {
            set_in(r, col, value);
        }
    }

    /// Inserts a copy of row `row` after it (复制).
    pub fn copy_row(&mut self, row: usize) {
        if let Some(r) = self.rows.get(row).cloned() {
            self.rows.insert(row + 1, r);
        }
    }

    /// Appends an empty row.
    pub fn add_row(&mut self) {
        self.rows.push(vec![String::new(); self.table.columns.len()]);
    }

    /// Whether the table is finished (完成) and can be filled in.
    pub fn finished(&self) -> bool {
        self.version > 0 && !self.editing
    }

    /// Whether a paste has given it a table yet.
    pub fn pasted(&self) -> bool {
        !self.table.title.is_empty() || !self.table.fields.is_empty() || !self.table.columns.is_empty()
    }

    /// 完成: the table as described is the next version, filled in from now on; a table
    /// finished for the first time gets its identity `id`.
    pub fn finish(&mut self, id: impl FnOnce() -> String) {
        if self.id.is_empty() {
            self.id = id();
        }
        if self.editing || self.version == 0 {
            self.version += 1;
        }
        self.editing = false;
    }

    /// 修改表格: back to the builder; the next 完成 makes a new version.
    pub fn edit_table(&mut self) {
        self.editing = true;
    }

    /// Adds a column named `label` at the end, its kind read from the name.
    pub fn add_column(&mut self, label: &str) {
        self.table.columns.push(super::Item::read(label, &[]));
        for row in &mut self.rows {
            row.resize(self.table.columns.len(), String::new());
        }
    }

    /// Removes column `col` and its values.
    pub fn remove_column(&mut self, col: usize) {
        if col < self.table.columns.len() {
            self.table.columns.remove(col);
            for row in &mut self.rows {
                if col < row.len() {
                    row.remove(col);
                }
            }
        }
    }

    /// Swaps columns `a` and `b`, values and all.
    pub fn swap_columns(&mut self, a: usize, b: usize) {
        let n = self.table.columns.len();
        if a < n && b < n {
            self.table.columns.swap(a, b);
            for row in &mut self.rows {
                row.resize(n, String::new());
                row.swap(a, b);
            }
        }
    }

    /// Swaps fields `a` and `b`, values and all: the order above a list table and in the
    /// CSV; a label grid's cells stay where the paper has them.
    pub fn swap_fields(&mut self, a: usize, b: usize) {
        let n = self.table.fields.len();
        if a < n && b < n {
            self.table.fields.swap(a, b);
            self.heads.resize(n.max(self.heads.len()), String::new());
            self.heads.swap(a, b);
            for slot in self.table.grid.iter_mut().flatten() {
                if let Slot::Field { field, .. } | Slot::Block { field, .. } = slot {
                    if *field == a {
                        *field = b;
                    } else if *field == b {
                        *field = a;
                    }
                }
            }
        }
    }

    /// Adds a field named `label` at the end (above the table, or at the end of a label grid).
    pub fn add_field(&mut self, label: &str) {
        let field = self.table.fields.len();
        self.table.fields.push(super::Item::read(label, &[]));
        if self.table.layout == Layout::Grid {
            let span = self.table.grid.iter().map(|r| r.iter().map(slot_span).sum::<usize>()).max().unwrap_or(2);
            self.table.grid.push(vec![
                Slot::Label { text: label.to_owned(), span: 1 },
                Slot::Field { field, span: span.saturating_sub(1).max(1) },
            ]);
        }
    }

    /// Removes field `i` and its value; a label grid loses the cells that held it.
    pub fn remove_field(&mut self, i: usize) {
        if i >= self.table.fields.len() {
            return;
        }
        self.table.fields.remove(i);
        if i < self.heads.len() {
            self.heads.remove(i);
        }
        for row in &mut self.table.grid {
            row.retain(|s| !matches!(s, Slot::Field { field, .. } | Slot::Block { field, .. } if *field == i));
            for slot in row.iter_mut() {
                if let Slot::Field { field, .. } | Slot::Block { field, .. } = slot
                    && *field > i
                {
                    *field -= 1;
                }
            }
        }
        self.table.grid.retain(|r| r.iter().any(|s| !matches!(s, Slot::Label { .. })));
    }

    /// Each column's 合计: the sum of its valid numbers, for number and money columns.
    pub fn totals(&self) -> Vec<Option<String>> {
        let column =
            |c: usize| self.rows.iter().map(move |r| r.get(c).map_or("", |v| v.trim())).filter(|v| !v.is_empty());
        self.table
            .columns
            .iter()
            .enumerate()
            .map(|(c, item)| match item.kind {
                Kind::Integer => Some(column(c).filter_map(numbers::whole).sum::<u64>().to_string()),
                Kind::Money { wan: false } => Some(
                    Money::sum(column(c).filter_map(|v| Money::parse(v).ok())).map_or_else(String::new, Money::plain),
                ),
                Kind::Money { wan: true } => {
                    Some(Money::sum(column(c).filter_map(|v| parse_wan(v).ok())).map_or_else(String::new, wan_text))
                }
                _ => None,
            })
            .collect()
    }

    /// The value of the first field naming a unit (填报单位, 申报单位), for file names and lists.
    pub fn unit(&self) -> &str {
        let at = self.table.fields.iter().position(|f| names_unit(&f.label) && f.kind != Kind::Seal);
        at.map_or("", |i| self.head(i).trim())
    }
}

/// Whether a field's label names who fills the table in: `填报单位（盖章）`, `申报单位`,
/// `单位名称`; not `单位性质` or `单位地址`.
pub fn names_unit(label: &str) -> bool {
    let label = label.trim().trim_end_matches(['：', ':']);
    let label = match label.find(['（', '(']) {
        Some(at) if at > 0 => &label[..at],
        _ => label,
    };
    label.ends_with("单位") || label.ends_with("单位名称")
}

/// A new table's identity: when it was first finished (`20261202-101500`, from the time
/// `stamp`) and four hex digits of a hash of its description, so two clerks pressing 完成
/// in the same second still differ.
pub fn table_id(stamp: &str, table: &Table) -> String {
    format!("{}-{:04x}", crate::drafts::id_for(stamp), fingerprint(table) & 0xffff)
}

/// A 64-bit FNV-1a hash of the description as JSON text: a specified algorithm, so
/// every browser and every later build compute the same (a shared link's check relies on it).
pub fn fingerprint(table: &Table) -> u64 {
    let json = serde_json::to_string(table).unwrap_or_default();
    json.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// An amount kept in 分, written in 万元 with only the decimals it needs: `3.5`.
pub fn wan_text(amount: Money) -> String {
    let fen = amount.fen();
    let (whole, fraction) = (fen / 1_000_000, fen % 1_000_000);
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{fraction:06}").trim_end_matches('0'))
    }
}

/// What 检查 finds.
pub fn validate(form: &Ziding) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    if !form.finished() {
        out.push(Problem::error(Field::Table, "表格还未完成设置：请在上方核对后点“完成”"));
        return out;
    }
    for (i, item) in form.table.fields.iter().enumerate() {
        if item.kind == Kind::Seal {
            continue;
        }
        let value = form.head(i).trim();
        if value.is_empty() {
            if item.required {
                out.push(Problem::error(Field::Head(i), format!("请填写{}", short(&item.label))));
            }
        } else if let Some(why) = kinds::check(&item.kind, value) {
            out.push(Problem::error(Field::Head(i), format!("{}：{why}", short(&item.label))));
        }
    }
    if form.table.layout == Layout::List {
        if form.rows.is_empty() {
            out.push(Problem::error(Field::Rows, "表格还没有填写任何一行"));
        }
        for (r, row) in form.rows.iter().enumerate() {
            for (c, item) in form.table.columns.iter().enumerate() {
                let value = row.get(c).map_or("", |v| v.trim());
                let at = format!("{} 第{}行", short(&item.label), r + 1);
                if value.is_empty() {
                    if item.required {
                        out.push(Problem::error(Field::Cell(r, c), format!("请填写{at}")));
                    }
                } else if let Some(why) = kinds::check(&item.kind, value) {
                    out.push(Problem::error(Field::Cell(r, c), format!("{at}：{why}")));
                }
            }
        }
    }
    out
}

/// A label without its long bracketed guidance, for messages: `项目实施方案（包括…）` → `项目实施方案`.
pub fn short(label: &str) -> &str {
    let first = label.lines().next().unwrap_or(label);
    let cut = first.find(['（', '(']).filter(|&at| at > 0 && first[at..].chars().count() > 12);
    cut.map_or(first, |at| &first[..at]).trim_end_matches(['：', ':']).trim()
}

/// A cell's value as the CSV and the print write it: numbers and amounts in one form
/// (`1,200` → `1200`, `¥800` → `800.00`, dates as typed), with the number a spreadsheet
/// keeps; anything that does not pass its check as it was typed.
pub fn written(kind: &Kind, value: &str) -> (String, Option<Value>) {
    let value = value.trim();
    match kind {
        Kind::Integer => match numbers::whole(value) {
            Some(n) => (n.to_string(), Some(Value::Count(n))),
            None => (value.to_owned(), None),
        },
        Kind::Money { wan: false } => match Money::parse(value) {
            Ok(m) => (m.plain(), Some(Value::Money(m))),
            Err(_) => (value.to_owned(), None),
        },
        Kind::Money { wan: true } => match parse_wan(value) {
            Ok(m) => (wan_text(m), None),
            Err(_) => (value.to_owned(), None),
        },
        Kind::Date => (value.to_owned(), crate::rules::dates::parse_day(value).map(Value::Date)),
        _ => (value.to_owned(), None),
    }
}

/// The columns a 汇总 totals, as the CSV names them: a list table's number and money
/// columns, or a label grid's number and money fields.
pub fn sum_labels(table: &Table) -> Vec<&str> {
    let list = table.layout == Layout::List;
    let items = if list { &table.columns } else { &table.fields };
    items.iter().filter(|i| i.kind.sums()).map(|i| if list { i.label.as_str() } else { short(&i.label) }).collect()
}

/// The CSV: a line naming the table, its version and the columns a 汇总 totals
/// ([`SUMS_MARK`]); the fields as label/value lines; then, for a list table, an
/// empty line, its header, rows and 合计 (the empty line tells the 汇总 where the
/// fields end, whatever the table's columns are).
pub fn to_csv(form: &Ziding) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for cell in [CSV_MARK, &form.table.title, "编号", &form.id, "版本"] {
        out.text(cell);
    }
    out.number(&form.version.to_string());
    let sums = sum_labels(&form.table);
    if !sums.is_empty() {
        out.text(SUMS_MARK);
        for label in sums {
            out.text(label);
        }
    }
    out.end_row();
    for (i, item) in form.table.fields.iter().enumerate() {
        if item.kind != Kind::Seal {
            out.text(short(&item.label));
            out.text(form.head(i).trim());
            out.end_row();
        }
    }
    if form.table.layout == Layout::List {
        out.end_row();
        if form.table.numbered {
            out.text("序号");
        }
        for item in &form.table.columns {
            out.text(&item.label);
        }
        out.end_row();
        for (r, row) in form.rows.iter().enumerate() {
            if form.table.numbered {
                out.number(&(r + 1).to_string());
            }
            for (c, item) in form.table.columns.iter().enumerate() {
                match written(&item.kind, row.get(c).map_or("", String::as_str)) {
                    (text, Some(Value::Count(_) | Value::Money(_))) => out.number(&text),
                    (text, _) => out.text(&text),
                }
            }
            out.end_row();
        }
        if form.table.total {
            if form.table.numbered {
                out.text(TOTAL_LABEL);
            }
            for (c, total) in form.totals().into_iter().enumerate() {
                match total {
                    _ if c == 0 && !form.table.numbered => out.text(TOTAL_LABEL),
                    Some(t) => out.number(&t),
                    None => out.text(""),
                }
            }
            out.end_row();
        }
    }
    out.finish()
}

/// `{单位}_{表名}_{日期}.csv`.
pub fn csv_file_name(form: &Ziding, today: NaiveDate) -> String {
    let title = if form.table.title.trim().is_empty() { FORM_NAME } else { form.table.title.trim() };
    csv_out::file_name(form.unit(), title, &today.format("%Y%m%d").to_string())
}

/// The A4 sheet in the table's own layout: landscape when it is wide.
pub fn print_sheet(form: &Ziding) -> Sheet {
    let table = &form.table;
    let mut blocks = Vec::new();
    let mut rows = Vec::new();
    let mut head = Vec::new();
    if table.layout == Layout::List {
        let meta: Vec<String> = table
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind != Kind::Seal)
            .map(|(i, f)| format!("{}：{}", f.label.trim_end_matches(['：', ':']), form.head(i).trim()))
            .collect();
        if !meta.is_empty() {
            blocks.push(Block::Para { class: "print-meta", text: meta.join("　　") });
        }
        if table.numbered {
            head.push("序号".to_owned());
        }
        head.extend(table.columns.iter().map(|c| c.label.clone()));
        for (r, row) in form.rows.iter().enumerate() {
            let mut cells = Vec::new();
            if table.numbered {
                cells.push(Cell::count((r + 1) as u64));
            }
            for (c, item) in table.columns.iter().enumerate() {
                let (text, value) = written(&item.kind, row.get(c).map_or("", String::as_str));
                let cell = if item.kind.sums() { Cell::number(text) } else { Cell::text(text) };
                cells.push(cell.value(value));
            }
            rows.push(Row::of(cells));
        }
        if table.total {
            let mut cells = Vec::new();
            if table.numbered {
                cells.push(Cell::label(TOTAL_LABEL));
            }
            for (c, total) in form.totals().into_iter().enumerate() {
                cells.push(match total {
                    _ if c == 0 && !table.numbered => Cell::label(TOTAL_LABEL),
                    Some(t) => Cell::number(t),
                    None => Cell::text(""),
                });
            }
            rows.push(Row::total(cells));
        }
    } else {
        for line in &table.grid {
            let mut cells = Vec::new();
            let mut kind = RowKind::Body;
            for slot in line {
                let span = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
                cells.push(match slot {
                    Slot::Label { text, span: n } => Cell::label(text.clone()).span(span(*n)),
                    Slot::Field { field, span: n } => Cell::text(form.head(*field).trim()).span(span(*n)),
                    Slot::Block { field, span: n } => {
                        let item = table.fields.get(*field);
                        let prompt = item.map_or("", |i| i.label.as_str());
                        if item.is_some_and(|i| i.kind == Kind::Seal) {
                            kind = RowKind::Seals;
                            let paras = prompt.lines().map(|l| ("", l.trim().to_owned())).collect();
                            Cell { content: Content::Paras(paras), ..Cell::text("") }.span(span(*n))
                        } else {
                            let paras =
                                vec![("print-prompt", prompt.to_owned()), ("", form.head(*field).trim().to_owned())];
                            Cell { content: Content::Paras(paras), ..Cell::text("") }.span(span(*n))
                        }
                    }
                });
            }
            rows.push(Row { kind, ..Row::of(cells) });
        }
    }
    let width = head.len().max(table.grid.iter().map(|r| r.len()).max().unwrap_or(0));
    blocks.push(Block::Table(print::Table { class: "print-table print-ziding", columns: Vec::new(), head, rows }));
    if !table.notes.is_empty() {
        let notes = table.notes.iter().map(|n| Block::Para { class: "", text: n.clone() }).collect();
        blocks.push(Block::Group { class: "print-notes", blocks: notes });
    }
    Sheet {
        attachment: table.attachment.clone().into(),
        title: if table.title.is_empty() { FORM_NAME.to_owned() } else { table.title.clone() },
        failed_check: problem::has_errors(&validate(form)),
        landscape: width > 7,
        blocks,
    }
}

/// The workbook: the print sheet on one tab.
pub fn workbook(form: &Ziding) -> Vec<(&'static str, Sheet)> {
    vec![(FORM_NAME, print_sheet(form))]
}

crate::one_export_form!(Ziding, FORM_NAME, Export::FORM, |form, today| csv_file_name(form, today), |first| {
    crate::form::starts_with(first, &[CSV_MARK])
});

impl crate::draft::Stored for Ziding {
    type Field = Field;

    fn blank(_today: NaiveDate) -> Self {
        Ziding::default()
    }

    /// The same table again, with who fills it in: a list table keeps its fields, a label grid starts empty.
    fn fresh(&self, _today: NaiveDate) -> Self {
        let heads = if self.table.layout == Layout::List { self.heads.clone() } else { Vec::new() };
        Ziding {
            id: self.id.clone(),
            version: self.version,
            table: self.table.clone(),
            heads,
            rows: Vec::new(),
            editing: self.editing,
        }
    }

    fn list_title(&self) -> String {
        match (self.table.title.trim(), self.unit()) {
            ("", _) => "未粘贴表格".to_owned(),
            (title, "") => title.to_owned(),
            (title, unit) => format!("{unit} · {title}"),
        }
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

impl crate::form::Heads for Ziding {
    /// A field's index in the description.
    type Head = usize;

    fn head(&self, head: usize) -> &str {
        Ziding::head(self, head)
    }

    fn set_head(&mut self, head: usize, value: String) {
        Ziding::set_head(self, head, value);
    }

    fn checked(head: usize) -> Option<Field> {
        Some(Field::Head(head))
    }

    fn required(&self, head: usize) -> bool {
        self.table.fields.get(head).is_some_and(|f| f.required)
    }
}
