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

use kepu_core::rules::print::{Block, Cell, CellKind, Content, Row, RowKind, Sheet, Table, Value};
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

#[cfg(target_arch = "wasm32")]
mod worker;

/// The file name and bytes of the workbook of export `what` (an
/// [`kepu_core::form::Export`]'s key: `form`, or `budget` for the 申报表's
/// 活动预算 alone) of the form `slug`, whose stored draft (its envelope, as the
/// page saves it) is `draft`; file names are the CSVs' with `.xlsx`, `today`
/// for those that carry a month.
pub fn export(slug: &str, what: &str, draft: &str, today: chrono::NaiveDate) -> Result<(String, Vec<u8>), String> {
    use kepu_core::draft::Unread;
    use kepu_core::form::{Form, Visit};

    struct Workbook<'a> {
        what: &'a str,
        draft: &'a str,
        today: chrono::NaiveDate,
    }

    impl Visit for Workbook<'_> {
        type Out = Result<(String, Vec<u8>), String>;

        fn visit<T: Form>(self) -> Self::Out {
            let export = T::EXPORTS
                .iter()
                .position(|e| e.key == self.what)
                .ok_or_else(|| format!("“{}”没有这种导出：{}", T::NAME, self.what))?;
            let form = kepu_core::draft::read::<T>(self.draft).map(|envelope| envelope.form).map_err(|e| match e {
                Unread::Newer(format) => format!("草稿由更新版本的科普表单保存（格式版本{format}），请重新载入页面"),
                Unread::Broken => "草稿无法读取".to_owned(),
            })?;
            let csv_name = form.file_name(export, self.today);
            let sheets = form.workbook(export);
            let pages: Vec<Page<'_>> = sheets.iter().map(|(name, sheet)| Page { name, sheet }).collect();
            let bytes = workbook(&pages).map_err(|e| format!("未能生成Excel文件：{e}"))?;
            let name = csv_name.strip_suffix(".csv").unwrap_or(&csv_name).to_owned() + ".xlsx";
            Ok((name, bytes))
        }
    }

    kepu_core::forms::visit(slug, Workbook { what, draft, today })
        .unwrap_or_else(|| Err(format!("没有这种表格可以导出Excel：{slug}")))
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
    /// Each column's width, from every cell of the sheet, before anything is written.
    widths: Vec<f64>,
    /// The first table's header row: frozen, and repeated on every printed page.
    head_row: Option<u32>,
}

/// A box for a signature and seal: at least 50 mm tall, as on the print.
const SEAL_HEIGHT: f64 = 50.0 / 25.4 * 72.0;
/// A line of text in points, at the default 11-point font.
const LINE_HEIGHT: f64 = 15.0;
/// The lines of text one row holds before the text goes on in the next row:
/// Excel's rows are at most 409 points (27 lines), and a row never breaks
/// across printed pages, so shorter rows waste less of each page.
const MAX_LINES: usize = 10;
/// Spreadsheets break CJK lines a little earlier than the widths say: room to spare.
const SLACK: f64 = 1.0;

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
            Block::Para { .. } | Block::Heading { .. } | Block::Chart(_) => Vec::new(),
        })
        .collect()
}

/// A chart in a spreadsheet: its bars as a two-column table under its title (a label and a count each).
fn chart_table(chart: &kepu_core::rules::print::Chart) -> Table {
    use kepu_core::rules::print::{Cell, Row};
    Table {
        class: "print-table",
        columns: Vec::new(),
        head: vec![chart.title.clone(), "参与人数".into()],
        rows: chart.bars.iter().map(|b| Row::of(vec![Cell::text(&b.label), Cell::count(b.value)])).collect(),
    }
}

/// How wide `c` shows in Excel's character widths: a CJK character or full-width sign about two.
fn char_width(c: char) -> f64 {
    if c.len_utf8() >= 3 { 2.0 } else { 1.1 }
}

/// Wide enough for `text`'s longest line, in Excel's character widths.
fn display_width(text: &str) -> f64 {
    text.lines().map(|l| l.chars().map(char_width).sum::<f64>()).fold(0.0, f64::max)
}

/// `text` in pieces that each fit one row `width` wide (at most [`MAX_LINES`]
/// lines), cut at line ends where it can: together they are the text, in order.
fn pieces(text: &str, width: f64) -> Vec<String> {
    let per_line = (width / SLACK).max(2.0);
    let mut out = vec![String::new()];
    let (mut lines, mut used) = (1, 0.0);
    for c in text.chars() {
        let wraps = c != '\n' && used + char_width(c) > per_line;
        if c == '\n' || wraps {
            lines += 1;
            used = 0.0;
        }
        if lines > MAX_LINES {
            out.push(String::new());
            lines = 1;
        }
        used += if c == '\n' { 0.0 } else { char_width(c) };
        if let Some(piece) = out.last_mut() {
            piece.push(c);
        }
    }
    out
}

/// How many lines `text` takes in a cell `width` wide.
fn lines_in(text: &str, width: f64) -> usize {
    text.lines().map(|l| ((display_width(l) * SLACK / width).ceil() as usize).max(1)).sum::<usize>().max(1)
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

/// A cell laid out on its row: where it goes and what it shows.
struct Placed<'c> {
    cell: &'c Cell,
    col: u16,
    last: u16,
    text: String,
    format: Format,
    /// Its text cut into rows, when it is too long for one.
    pieces: Vec<String>,
}

impl<'a> Writer<'a> {
    fn new(sheet: &'a Sheet) -> Self {
        let all = tables(&sheet.blocks);
        let columns = all.iter().map(|t| table_columns(t)).max().unwrap_or(1).max(1);
        let mut widths = vec![0.0f64; usize::from(columns)];
        for table in all {
            for (col, text) in table.head.iter().enumerate() {
                widths[col] = widths[col].max(display_width(text).min(HEAD_WIDTH));
            }
            for row in &table.rows {
                let mut col = 0;
                for cell in &row.cells {
                    if cell.span <= 1 {
                        widths[col] = widths[col].max(display_width(&text_of(&cell.content)));
                    }
                    col += usize::from(cell.span.max(1));
                }
            }
        }
        let widths = widths.into_iter().map(|w| (w + 2.0).clamp(WIDTH.0, WIDTH.1)).collect();
        Self { sheet, columns, row: 0, widths, head_row: None }
    }

    /// The width of columns `first..=last` together.
    fn width(&self, first: u16, last: u16) -> f64 {
        self.widths[usize::from(first)..=usize::from(last)].iter().sum()
    }

    /// Sets the current row's height for `lines` of text when one line is not enough.
    fn fit(&self, ws: &mut Worksheet, lines: usize, at_least: f64) -> Result<(), XlsxError> {
        let height = (lines as f64 * LINE_HEIGHT).max(at_least);
        if height > LINE_HEIGHT {
            ws.set_row_height(self.row, height)?;
        }
        Ok(())
    }

    fn write(mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, width) in self.widths.iter().enumerate() {
            ws.set_column_width(col as u16, *width)?;
        }
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
        if self.row > 0 {
            self.fit(ws, lines_in(text, self.width(0, last)), 0.0)?;
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
                Block::Chart(chart) => self.table(ws, &chart_table(chart))?,
            }
        }
        Ok(())
    }

    fn table(&mut self, ws: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
        if !table.head.is_empty() {
            let format = bordered().set_bold().set_text_wrap().set_align(FormatAlign::Center);
            let mut lines = 1;
            for (col, text) in table.head.iter().enumerate() {
                let col = col as u16;
                ws.write_string_with_format(self.row, col, text, &format)?;
                lines = lines.max(lines_in(text, self.width(col, col)));
            }
            self.fit(ws, lines, 0.0)?;
            self.head_row.get_or_insert(self.row);
            self.row += 1;
        }
        for row in &table.rows {
            self.table_row(ws, row)?;
        }
        Ok(())
    }

    /// One row of a table; a text too long for one row goes on as many rows as
    /// it needs, merged across its columns, with the row's other cells merged down beside it.
    fn table_row(&mut self, ws: &mut Worksheet, row: &Row) -> Result<(), XlsxError> {
        let total = row.kind == RowKind::Total;
        // The print's seal boxes (the 意见 of the 申报表) keep their height.
        let seal = row.kind == RowKind::Seals;
        let mut placed = Vec::with_capacity(row.cells.len());
        let mut col = 0u16;
        for cell in &row.cells {
            let last = col + u16::from(cell.span.max(1)) - 1;
            let text = text_of(&cell.content);
            let mut format = cell_format(cell, &text);
            if total || cell.kind == CellKind::Label {
                format = format.set_bold();
            }
            let pieces = if cell.value.is_none() { pieces(&text, self.width(col, last)) } else { vec![text.clone()] };
            placed.push(Placed { cell, col, last, text, format, pieces });
            col = last + 1;
        }
        let rows = placed.iter().map(|p| p.pieces.len()).max().unwrap_or(1) as u32;
        for p in &placed {
            if p.pieces.len() > 1 {
                for (i, piece) in p.pieces.iter().enumerate() {
                    let at = self.row + i as u32;
                    if p.last > p.col {
                        ws.merge_range(at, p.col, at, p.last, piece, &p.format)?;
                    } else {
                        ws.write_string_with_format(at, p.col, piece, &p.format)?;
                    }
                }
                continue;
            }
            let (first, last) = (self.row, self.row + rows - 1);
            if p.last > p.col || last > first {
                ws.merge_range(first, p.col, last, p.last, "", &p.format)?;
            }
            match (p.cell.value, p.cell.value.and_then(number)) {
                (Some(Value::Date(d)), _) => ws.write_datetime_with_format(first, p.col, d, &p.format)?,
                (_, Some(n)) => ws.write_number_with_format(first, p.col, n, &p.format)?,
                _ if p.text.is_empty() => ws.write_blank(first, p.col, &p.format)?,
                _ => ws.write_string_with_format(first, p.col, &p.text, &p.format)?,
            };
        }
        for i in 0..rows {
            let lines = placed
                .iter()
                .map(|p| match p.pieces.get(i as usize) {
                    Some(piece) if p.cell.value.is_none() => lines_in(piece, self.width(p.col, p.last)),
                    _ => 1,
                })
                .max()
                .unwrap_or(1);
            // Cells merged down share the rows: spread their lines over them.
            let shared = placed
                .iter()
                .filter(|p| p.pieces.len() == 1 && p.cell.value.is_none())
                .map(|p| lines_in(&p.text, self.width(p.col, p.last)).div_ceil(rows as usize))
                .max()
                .unwrap_or(1);
            self.fit(ws, lines.max(shared), if seal { SEAL_HEIGHT } else { 0.0 })?;
            self.row += 1;
        }
        Ok(())
    }
}

/// The number a value stands for (money in 元, a quantity with its decimals); none for a date.
fn number(value: Value) -> Option<f64> {
    match value {
        Value::Count(n) => Some(n as f64),
        Value::Money(m) => Some(m.fen() as f64 / 100.0),
        Value::Quantity(q) => Some(q.hundredths() as f64 / 100.0),
        Value::Date(_) => None,
    }
}

/// A table cell's format: bordered; numbers right-aligned in their format; long text wrapped.
fn cell_format(cell: &Cell, text: &str) -> Format {
    let format = bordered();
    match cell.value {
        Some(Value::Count(_)) => format.set_num_format(COUNT).set_align(FormatAlign::Right),
        Some(Value::Money(_)) => format.set_num_format(MONEY).set_align(FormatAlign::Right),
        // As typed: 500, or 2.5.
        Some(Value::Quantity(_)) => format.set_align(FormatAlign::Right),
        Some(Value::Date(_)) => format.set_num_format(DATE).set_align(FormatAlign::Center),
        None if cell.kind == CellKind::Label => format.set_align(FormatAlign::Center).set_text_wrap(),
        // Long text reads from the top of its cell, as on paper.
        None if text.contains('\n') || display_width(text) > WIDTH.1 => {
            format.set_text_wrap().set_align(FormatAlign::Top)
        }
        None => format,
    }
}
