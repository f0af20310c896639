//! A table pasted from a notice (Word, WPS, Excel, a web page), as the
//! page's reader (`src/browser/pasted.js`, the browser's own HTML parser)
//! hands it over: lines above, a grid of cells with their spans, lines after.
//! What that means is decided here: the title, the fields above the table,
//! the notes under it, and a list table's columns (two header rows joined:
//! `联络员` over `姓名` is `联络员姓名`) and the rows already filled in.

use serde::Deserialize;

/// A line of the notice outside the table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Line {
    /// Its text, spaces collapsed.
    pub text: String,
    /// Set off as a title: bold or large.
    pub strong: bool,
}

/// A cell of the pasted table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Cell {
    /// Its text; paragraphs as lines.
    pub text: String,
    /// Columns it spans.
    pub cols: usize,
    /// Rows it spans.
    pub rows: usize,
}

impl Cell {
    /// Columns it spans, at least one; a span past [`MAX_COLS`] counts as one more than it.
    pub fn cols(&self) -> usize {
        self.cols.clamp(1, MAX_COLS + 1)
    }

    /// Rows it spans, at least one; a span past [`MAX_ROWS`] counts as one more than it.
    pub fn rows(&self) -> usize {
        self.rows.clamp(1, MAX_ROWS + 1)
    }
}

/// What the page's reader makes of a paste.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Grid {
    /// Lines above the table.
    pub before: Vec<Line>,
    /// The table's rows, each its own cells (a merged cell once, where it starts).
    pub rows: Vec<Vec<Cell>>,
    /// Lines after the table.
    pub after: Vec<Line>,
}

/// Lines of the notice read above the table: its attachment line, title, subtitle and a
/// line of fields. A web page's other text (menus, news) lies further off and is left out.
const LINES_BEFORE: usize = 6;
/// Lines read under the table: its 说明 or 注, however many points they have.
const LINES_AFTER: usize = 12;

impl Grid {
    /// The lines just above the table that can belong to it.
    pub fn near_before(&self) -> &[Line] {
        &self.before[self.before.len().saturating_sub(LINES_BEFORE)..]
    }

    /// The lines just under the table that can belong to it.
    pub fn near_after(&self) -> &[Line] {
        &self.after[..self.after.len().min(LINES_AFTER)]
    }
}

/// The grid of a paste of plain text: tab-separated rows, as Excel and WPS
/// give; or, with no tab in it, one column name a line (a list typed out).
pub fn from_text(text: &str) -> Grid {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let lines = &lines[..lines.iter().rposition(|l| !l.trim().is_empty()).map_or(0, |i| i + 1)];
    let cell = |t: &str| Cell { text: t.trim().to_owned(), cols: 1, rows: 1 };
    let rows = if lines.iter().any(|l| l.contains('\t')) {
        lines.iter().map(|l| l.split('\t').map(cell).collect()).collect()
    } else {
        let names: Vec<Cell> = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| cell(l)).collect();
        if names.is_empty() { Vec::new() } else { vec![names] }
    };
    Grid { before: Vec::new(), rows, after: Vec::new() }
}

/// The most rows and columns a pasted table may have: larger pastes are refused with a message.
pub const MAX_ROWS: usize = 5_000;
/// See [`MAX_ROWS`].
pub const MAX_COLS: usize = 200;

/// The widest row's width in columns, spans counted (a span past [`MAX_COLS`] as one more).
pub fn width(grid: &Grid) -> usize {
    grid.rows.iter().map(|r| r.iter().map(Cell::cols).fold(0, usize::saturating_add)).max().unwrap_or(0)
}

/// The grid with spans laid out: at each (row, column), the row and column
/// of the cell covering it, `None` where a row is short.
pub fn positions(grid: &Grid) -> Vec<Vec<Option<(usize, usize)>>> {
    let width = width(grid).min(MAX_COLS);
    let mut out = vec![vec![None; width]; grid.rows.len().min(MAX_ROWS)];
    for (r, row) in grid.rows.iter().enumerate().take(out.len()) {
        let mut col = 0;
        for (i, cell) in row.iter().enumerate() {
            // Cells pushed right by a span from a row above.
            while col < width && out[r][col].is_some() {
                col += 1;
            }
            for line in out.iter_mut().skip(r).take(cell.rows()) {
                for slot in line.iter_mut().skip(col).take(cell.cols()) {
                    slot.get_or_insert((r, i));
                }
            }
            col += cell.cols();
        }
    }
    out
}

/// A list table as read: its title, the fields above it, its columns, the rows already filled, the notes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListTable {
    /// `附件1`, when the notice says so.
    pub attachment: String,
    /// The title.
    pub title: String,
    /// Labels of the fields above the table: `填报单位（盖章）`, `填报人`, `联系电话`.
    pub fields: Vec<String>,
    /// The columns' names, header levels joined.
    pub columns: Vec<String>,
    /// Rows that already hold something besides their number.
    pub filled: Vec<Vec<String>>,
    /// Lines after the table: `说明：…`, `注：…`.
    pub notes: Vec<String>,
}

/// The label of every `label：` in `line`: `填报单位（盖章）： 填报人：` gives both.
pub fn field_labels(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(['：', ':']) {
        let label = rest[..at].trim();
        // The label is the last word before the colon: what came before it was the previous field's value.
        let label = label.rsplit(' ').next().unwrap_or("").trim();
        if !label.is_empty() {
            out.push(label.to_owned());
        }
        let colon = rest[at..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[at + colon..];
    }
    out
}

/// Whether the first row is the table's title, Excel's way: text in its first
/// cell only (merged across the table, or with empty cells after it in plain text).
pub fn has_title_row(grid: &Grid, width: usize) -> bool {
    width > 1
        && grid.rows.first().is_some_and(|r| {
            !r.is_empty() && !r[0].text.trim().is_empty() && r[1..].iter().all(|c| c.text.trim().is_empty())
        })
}

/// Reads `grid` as a list table: header rows, then rows to fill.
pub fn read_list(grid: &Grid) -> ListTable {
    let mut table = ListTable::default();
    let at = positions(grid);
    let width = at.first().map_or(0, Vec::len);
    let text = |r: usize, c: usize| at[r][c].map_or("", |(row, i)| grid.rows[row][i].text.as_str());
    let mut first = 0;
    if has_title_row(grid, width) {
        table.title = grid.rows[0][0].text.clone();
        first = 1;
    }
    for line in grid.near_before() {
        if table.attachment.is_empty() && table.title.is_empty() && is_attachment(&line.text) {
            table.attachment = line.text.clone();
        } else if table.title.is_empty() && (line.strong || !line.text.contains(['：', ':'])) {
            table.title = line.text.clone();
        } else {
            table.fields.extend(field_labels(&line.text));
        }
    }
    // Header rows: as many as the tallest cell of the first one spans.
    let header = grid.rows.get(first).map_or(0, |r| r.iter().map(Cell::rows).max().unwrap_or(1));
    let body = (first + header).min(at.len());
    for c in 0..width {
        let mut name = String::new();
        for r in first..body {
            let part = text(r, c);
            if !name.ends_with(part) {
                name.push_str(part);
            }
        }
        table.columns.push(name.split_whitespace().collect());
    }
    let numbered = table.columns.first().is_some_and(|c| c == "序号");
    for r in body..at.len() {
        let cells: Vec<String> = (0..width).map(|c| text(r, c).to_owned()).collect();
        let skip = usize::from(numbered);
        if cells.iter().skip(skip).any(|c| !c.trim().is_empty()) {
            table.filled.push(cells);
        }
    }
    table.notes = grid.near_after().iter().map(|l| l.text.clone()).collect();
    table
}

/// `附件1`, `附件 3`.
fn is_attachment(text: &str) -> bool {
    text.strip_prefix("附件").is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_from_a_line_of_fields() {
        assert_eq!(field_labels("填报单位（盖章）： 填报人： 联系电话："), ["填报单位（盖章）", "填报人", "联系电话"]);
        assert_eq!(field_labels("填报单位：柳城县科协 填报人：王芳"), ["填报单位", "填报人"]);
        assert!(field_labels("说明").is_empty());
    }

    #[test]
    fn spans_push_later_cells_right() {
        let cell = |text: &str, cols, rows| Cell { text: text.into(), cols, rows };
        let grid = Grid {
            before: vec![],
            rows: vec![vec![cell("序号", 1, 2), cell("联络员", 2, 1)], vec![cell("姓名", 1, 1), cell("职务", 1, 1)]],
            after: vec![],
        };
        assert_eq!(
            positions(&grid),
            [[Some((0, 0)), Some((0, 1)), Some((0, 1))], [Some((0, 0)), Some((1, 0)), Some((1, 1))]]
        );
    }

    #[test]
    fn any_spans_lay_out_without_panicking_and_within_bounds() {
        // A small generator, so the test needs no crate and runs the same every time.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..500 {
            let rows = (0..next(8))
                .map(|_| (0..next(6)).map(|_| Cell { text: "x".into(), cols: next(4), rows: next(4) }).collect())
                .collect();
            let grid = Grid { before: vec![], rows, after: vec![] };
            let at = positions(&grid);
            assert_eq!(at.len(), grid.rows.len());
            for (r, line) in at.iter().enumerate() {
                for (row, i) in line.iter().flatten() {
                    assert!(*row <= r && *i < grid.rows[*row].len());
                }
            }
            let _ = read_list(&grid);
        }
        let huge = Grid {
            before: vec![],
            rows: vec![vec![Cell { text: String::new(), cols: 1000, rows: 1000 }]],
            after: vec![],
        };
        assert_eq!(positions(&huge)[0].len(), MAX_COLS);
    }
}
