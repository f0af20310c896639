//! Any form's print sheet ([`Sheet`]) as an Excel workbook that looks like
//! the paper: the title merged, bold and centred across the table, the header
//! lines, the table with thin borders on every cell and its header bold,
//! numbers as numbers (money `#,##0.00`, counts whole, dates `yyyy年m月d日`),
//! the 合计 row bold, columns wide enough for the Chinese text, the header
//! row frozen and repeated on every printed page, A4 (landscape where the
//! paper is) fitted to one page wide. Text is always written as text, so a
//! cell that starts with `=`, `+`, `-` or `@` is never a formula.
//!
//! The second renderer of the one print model: the page draws the same
//! sheet as A4 HTML; nothing here knows a form.

use kepu_core::rules::print::{Block, Cell, CellKind, Content, Row, Sheet, Table, Value};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// Excel's number for A4 paper.
const A4: u8 = 9;
/// How money shows: 10,005.71.
pub const MONEY: &str = "#,##0.00";
/// How counts show: whole numbers.
pub const COUNT: &str = "0";
/// How dates show: 2024年3月25日, no zero padding.
pub const DATE: &str = r#"yyyy"年"m"月"d"日""#;
/// The narrowest and widest a column gets, in Excel's character widths.
const WIDTH: (f64, f64) = (6.0, 50.0);
/// A header cell widens its column at most this much: longer headers wrap.
const HEAD_WIDTH: f64 = 16.0;

/// One worksheet of a workbook: its name on the tab, and the sheet it shows.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The tab's name (at most 31 characters, none of `[]:*?/\`).
    pub name: &'a str,
    /// What it shows.
    pub sheet: &'a Sheet,
}

/// The bytes of an .xlsx file with one worksheet per page, in order.
pub fn workbook(pages: &[Page<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for page in pages {
        let sheet = book.add_worksheet();
        sheet.set_name(page.name)?;
        Writer::new(page.sheet).write(sheet)?;
    }
    book.save_to_buffer()
}

/// Where a sheet is being written.
struct Writer<'a> {
    sheet: &'a Sheet,
    /// Columns the widest table takes.
    columns: u16,
    /// The next row to write.
    row: u32,
    /// Each column's width so far.
    widths: Vec<f64>,
    /// The first table's header row: frozen, and repeated on every printed page.
    head_row: Option<u32>,
}

/// Columns a table takes: its header's, or its widest row's.
fn table_columns(table: &Table) -> u16 {
    let rows = table.rows.iter().map(|r| r.cells.iter().map(|c| u16::from(c.span.max(1))).sum());
    rows.chain([table.head.len() as u16]).max().unwrap_or(0)
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .flat_map(|block| match block {
            Block::Table(table) => vec![table],
            Block::Group { blocks, .. } => tables(blocks),
            Block::Para { .. } | Block::Heading { .. } => Vec::new(),
        })
        .collect()
}

/// Wide enough for `text` in Excel's character widths: a CJK character or
/// full-width sign takes about two, anything else one.
fn display_width(text: &str) -> f64 {
    let line = |l: &str| l.chars().map(|c| if c.len_utf8() >= 3 { 2.0 } else { 1.1 }).sum::<f64>();
    text.lines().map(line).fold(0.0, f64::max)
}

/// What a cell shows as text.
fn text_of(content: &Content) -> String {
    match content {
        Content::Text(text) => text.clone(),
        Content::Lines(lines) => lines.join("\n"),
        Content::Paras(paras) => paras.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"),
    }
}

fn bordered() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter)
}

impl<'a> Writer<'a> {
    fn new(sheet: &'a Sheet) -> Self {
        let columns = tables(&sheet.blocks).into_iter().map(table_columns).max().unwrap_or(1).max(1);
        Self { sheet, columns, row: 0, widths: vec![0.0; usize::from(columns)], head_row: None }
    }

    fn write(mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let title = Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        self.line(ws, &self.sheet.title.clone(), &title)?;
        ws.set_row_height(0, 30)?;
        if self.sheet.failed_check {
            let mark = Format::new().set_bold().set_font_color(Color::Red).set_align(FormatAlign::Center);
            self.line(ws, "未通过校验", &mark)?;
        }
        self.blocks(ws, &self.sheet.blocks)?;
        for (col, width) in self.widths.iter().enumerate() {
            ws.set_column_width(col as u16, (width + 2.0).clamp(WIDTH.0, WIDTH.1))?;
        }
        ws.set_paper_size(A4);
        if self.sheet.landscape {
            ws.set_landscape();
        }
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_header(format!("&L{}", self.sheet.attachment.replace('&', "&&")));
        if let Some(head) = self.head_row {
            ws.set_repeat_rows(head, head)?;
            ws.set_freeze_panes(head + 1, 0)?;
        }
        Ok(())
    }

    /// `text` on a row of its own across the table.
    fn line(&mut self, ws: &mut Worksheet, text: &str, format: &Format) -> Result<(), XlsxError> {
        let last = self.columns - 1;
        if last == 0 {
            ws.write_string_with_format(self.row, 0, text, format)?;
        } else {
            ws.merge_range(self.row, 0, self.row, last, text, format)?;
        }
        self.row += 1;
        Ok(())
    }

    fn blocks(&mut self, ws: &mut Worksheet, blocks: &[Block]) -> Result<(), XlsxError> {
        for block in blocks {
            match block {
                Block::Para { text, .. } => {
                    self.line(ws, text, &Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter))?
                }
                Block::Heading { text, .. } => self.line(ws, text, &Format::new().set_bold())?,
                Block::Group { blocks, .. } => self.blocks(ws, blocks)?,
                Block::Table(table) => self.table(ws, table)?,
            }
        }
        Ok(())
    }

    fn table(&mut self, ws: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
        if !table.head.is_empty() {
            let format = bordered().set_bold().set_text_wrap().set_align(FormatAlign::Center);
            for (col, text) in table.head.iter().enumerate() {
                ws.write_string_with_format(self.row, col as u16, text, &format)?;
                self.widen(col, display_width(text).min(HEAD_WIDTH));
            }
            self.head_row.get_or_insert(self.row);
            self.row += 1;
        }
        for row in &table.rows {
            self.table_row(ws, row)?;
        }
        Ok(())
    }

    fn table_row(&mut self, ws: &mut Worksheet, row: &Row) -> Result<(), XlsxError> {
        let total = row.class.split_whitespace().any(|c| c == "print-total");
        let mut col = 0u16;
        for cell in &row.cells {
            let span = u16::from(cell.span.max(1));
            let text = text_of(&cell.content);
            let mut format = cell_format(cell, &text);
            if total || cell.kind == CellKind::Label {
                format = format.set_bold();
            }
            if span > 1 {
                ws.merge_range(self.row, col, self.row, col + span - 1, "", &format)?;
            } else {
                self.widen(usize::from(col), display_width(&text));
            }
            match cell.value {
                Some(Value::Count(n)) => ws.write_number_with_format(self.row, col, n as f64, &format)?,
                Some(Value::Money(m)) => ws.write_number_with_format(self.row, col, m.fen() as f64 / 100.0, &format)?,
                Some(Value::Date(d)) => ws.write_datetime_with_format(self.row, col, d, &format)?,
                None if text.is_empty() => ws.write_blank(self.row, col, &format)?,
                None => ws.write_string_with_format(self.row, col, &text, &format)?,
            };
            col += span;
        }
        self.row += 1;
        Ok(())
    }

    fn widen(&mut self, col: usize, width: f64) {
        if let Some(w) = self.widths.get_mut(col) {
            *w = w.max(width);
        }
    }
}

/// A table cell's format: bordered; numbers right-aligned in their format; long text wrapped.
fn cell_format(cell: &Cell, text: &str) -> Format {
    let format = bordered();
    match cell.value {
        Some(Value::Count(_)) => format.set_num_format(COUNT).set_align(FormatAlign::Right),
        Some(Value::Money(_)) => format.set_num_format(MONEY).set_align(FormatAlign::Right),
        Some(Value::Date(_)) => format.set_num_format(DATE).set_align(FormatAlign::Center),
        None if cell.kind == CellKind::Label => format.set_align(FormatAlign::Center).set_text_wrap(),
        None if text.contains('\n') || display_width(text) > WIDTH.1 => format.set_text_wrap(),
        None => format,
    }
}
