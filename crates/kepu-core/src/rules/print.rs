//! What a form prints, as plain data: every form builds a [`Sheet`] in its
//! own module, and one renderer in the page draws any sheet on A4, so the
//! print of every form goes the same way (title, 未通过校验, tables whose
//! header repeats on every page, notes, seal boxes). A cell's [`Value`] is
//! what a spreadsheet made from the sheet holds: the number or date its text shows.

use chrono::NaiveDate;

use crate::rules::money::{Money, Quantity};

/// One printed form: the paper's 附件 line, its title and its blocks in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// `附件1`, `附件2`: the notice's attachment number above the title.
    pub attachment: std::borrow::Cow<'static, str>,
    /// The title, as on paper.
    pub title: String,
    /// Whether 检查 still finds errors: the print then says 未通过校验.
    pub failed_check: bool,
    /// A4 landscape rather than portrait.
    pub landscape: bool,
    /// What follows the title.
    pub blocks: Vec<Block>,
}

/// A part of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph with a style class (`print-meta`).
    Para {
        /// Its style class.
        class: &'static str,
        /// Its text.
        text: String,
    },
    /// A heading (`附：活动预算表`).
    Heading {
        /// Its style class.
        class: &'static str,
        /// Its text.
        text: String,
    },
    /// A table.
    Table(Table),
    /// A bar chart, drawn as SVG on screen and on paper.
    Chart(Chart),
    /// Blocks kept together under one style class (a part starting on its own page, the notes).
    Group {
        /// Its style class.
        class: &'static str,
        /// What it holds.
        blocks: Vec<Block>,
    },
}

/// A bar chart: one bar per label, as long as its value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chart {
    /// What the bars measure (`参与人数（按填报单位）`).
    pub title: String,
    /// The bars, in order.
    pub bars: Vec<Bar>,
}

/// One bar of a [`Chart`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Its label (a unit, a month).
    pub label: String,
    /// Its value.
    pub value: u64,
}

impl Chart {
    /// The axis's end: the largest value rounded up to 1, 2 or 5 times a power of ten, so the ticks read well.
    pub fn scale(&self) -> u64 {
        let max = self.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        let mut step = 1u64;
        loop {
            for m in [1, 2, 5] {
                let end = step.saturating_mul(m);
                if end >= max {
                    return end;
                }
            }
            step = step.saturating_mul(10);
        }
    }
}

/// A printed table: its header repeats on every page it spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Style classes of the table.
    pub class: &'static str,
    /// The columns: a style class or a width in percent each; empty for the browser's own.
    pub columns: Vec<Column>,
    /// The header row; empty for none.
    pub head: Vec<String>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// How wide a column prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Width from a style class.
    Class(&'static str),
    /// Width in percent of the table.
    Percent(u8),
}

/// A printed row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// Style classes of the row beside what its kind draws; empty for none.
    pub class: &'static str,
    /// What the row is: every renderer draws a kind its own way.
    pub kind: RowKind,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// What a printed row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    /// A row of the table's content.
    #[default]
    Body,
    /// A 合计, 小计 or 总计: bold.
    Total,
    /// Boxes for signature and seal (签字盖章): tall enough to sign in.
    Seals,
}

/// A printed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// How it prints.
    pub kind: CellKind,
    /// How many columns it spans.
    pub span: u8,
    /// Style classes; empty for none.
    pub class: &'static str,
    /// Its content.
    pub content: Content,
    /// The number or date the content shows, where it shows one.
    pub value: Option<Value>,
}

/// What a cell's text stands for, kept as a number or a date for spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// A whole number: a count of people, activities, articles.
    Count(u64),
    /// An amount of money.
    Money(Money),
    /// A quantity with up to two decimals (数量).
    Quantity(Quantity),
    /// A calendar date.
    Date(NaiveDate),
}

/// What kind of cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A row's label, as the paper's left-hand headings.
    Label,
    /// A value.
    Value,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text (line breaks kept where the cell's style keeps them).
    Text(String),
    /// Lines, each on its own line.
    Lines(Vec<String>),
    /// Paragraphs, each with a style class (a seal box: label, 盖章, date).
    Paras(Vec<(&'static str, String)>),
}

impl Cell {
    /// A value cell holding `text`.
    pub fn text(text: impl Into<String>) -> Self {
        Cell { kind: CellKind::Value, span: 1, class: "", content: Content::Text(text.into()), value: None }
    }

    /// A count, right-aligned, written as digits.
    pub fn count(n: impl Into<u64>) -> Self {
        let n = n.into();
        Cell { value: Some(Value::Count(n)), ..Cell::number(n.to_string()) }
    }

    /// A number, right-aligned.
    pub fn number(text: impl Into<String>) -> Self {
        Cell { class: "num", ..Cell::text(text) }
    }

    /// A row label.
    pub fn label(text: impl Into<String>) -> Self {
        Cell { kind: CellKind::Label, ..Cell::text(text) }
    }

    /// This cell standing for `value` in a spreadsheet (its text prints as it is).
    pub fn value(self, value: Option<Value>) -> Self {
        Cell { value, ..self }
    }

    /// This cell spanning `span` columns.
    pub fn span(self, span: u8) -> Self {
        Cell { span, ..self }
    }

    /// This cell with style classes `class`.
    pub fn class(self, class: &'static str) -> Self {
        Cell { class, ..self }
    }
}

impl Row {
    /// A row of plain cells.
    pub fn of(cells: Vec<Cell>) -> Self {
        Row { cells, ..Row::default() }
    }

    /// A 合计 row.
    pub fn total(cells: Vec<Cell>) -> Self {
        Row { kind: RowKind::Total, cells, ..Row::default() }
    }

    /// Every text the row prints, in order, for tests.
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for cell in &self.cells {
            match &cell.content {
                Content::Text(text) => out.push(text.clone()),
                Content::Lines(lines) => out.extend(lines.iter().cloned()),
                Content::Paras(paras) => out.extend(paras.iter().map(|(_, t)| t.clone())),
            }
        }
        out
    }
}

impl Sheet {
    /// Every text the sheet prints, in order, for tests.
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.attachment.to_string(), self.title.clone()];
        if self.failed_check {
            out.push("未通过校验".into());
        }
        fn walk(blocks: &[Block], out: &mut Vec<String>) {
            for block in blocks {
                match block {
                    Block::Para { text, .. } | Block::Heading { text, .. } => out.push(text.clone()),
                    Block::Group { blocks, .. } => walk(blocks, out),
                    Block::Chart(chart) => {
                        out.push(chart.title.clone());
                        out.extend(chart.bars.iter().flat_map(|b| [b.label.clone(), b.value.to_string()]));
                    }
                    Block::Table(t) => {
                        out.extend(t.head.iter().cloned());
                        out.extend(t.rows.iter().flat_map(Row::texts));
                    }
                }
            }
        }
        walk(&self.blocks, &mut out);
        out
    }
}
