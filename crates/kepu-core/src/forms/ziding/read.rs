//! A pasted grid read into a [`Table`]: which layout it is, its fields and
//! columns with their kinds, and the rows it already holds.

use super::pasted::{self, Grid, MAX_COLS, MAX_ROWS, field_labels, has_title_row, read_list};
use super::{Item, Layout, Slot, Table};

/// What a paste gave: the description, and the rows it already held (an Excel paste of a filled table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The table.
    pub table: Table,
    /// Its filled rows, a value per column.
    pub rows: Vec<Vec<String>>,
}

/// The first cell of a total row.
const TOTAL_WORDS: [&str; 2] = ["合计", "总计"];

/// Reads a pasted grid; a Chinese message when it holds no table to make a form of.
pub fn read(grid: &Grid) -> Result<Reading, String> {
    let width = pasted::width(grid);
    if grid.rows.len() > MAX_ROWS {
        return Err(format!("表格有{}行，超过了{MAX_ROWS}行：请只复制表头和要填的几行", grid.rows.len()));
    }
    if width > MAX_COLS {
        return Err(format!("表格有{width}列，超过了{MAX_COLS}列：请确认复制的是通知中的表格"));
    }
    if width == 0 || grid.rows.iter().all(|r| r.iter().all(|c| c.text.trim().is_empty())) {
        return Err("粘贴的表格是空的：请复制通知中带表头的表格".to_owned());
    }
    if is_list(grid, width) { Ok(list(grid)) } else { Ok(label_grid(grid, width)) }
}

/// A list table's first row (after a title across the table) names every column.
fn is_list(grid: &Grid, width: usize) -> bool {
    let title = usize::from(has_title_row(grid, width));
    grid.rows.get(title).is_some_and(|row| row.len() >= 2 && row.iter().all(|c| !c.text.trim().is_empty()))
}

fn list(grid: &Grid) -> Reading {
    let read = read_list(grid);
    let numbered = read.columns.first().is_some_and(|c| c == "序号");
    let skip = usize::from(numbered);
    let (totals, filled): (Vec<_>, Vec<_>) = read
        .filled
        .into_iter()
        .partition(|row| row.iter().find(|c| !c.trim().is_empty()).is_some_and(|c| TOTAL_WORDS.contains(&c.trim())));
    let rows: Vec<Vec<String>> = filled.into_iter().map(|row| row.into_iter().skip(skip).collect()).collect();
    let columns = read
        .columns
        .iter()
        .skip(skip)
        .enumerate()
        .map(|(i, name)| {
            let samples: Vec<&str> = rows.iter().filter_map(|r| r.get(i).map(String::as_str)).collect();
            Item::read(name, &samples)
        })
        .collect::<Vec<_>>();
    let total = !totals.is_empty() && columns.iter().any(|c| c.kind.sums());
    let table = Table {
        attachment: read.attachment,
        title: read.title,
        layout: Layout::List,
        fields: read.fields.iter().map(|label| Item::read(label, &[])).collect(),
        columns,
        numbered,
        total,
        grid: Vec::new(),
        notes: read.notes,
    };
    Reading { table, rows }
}

/// A 申报书: label cells beside blank cells, and cells across the table holding their own prompt.
fn label_grid(grid: &Grid, width: usize) -> Reading {
    let mut table = Table {
        attachment: String::new(),
        title: String::new(),
        layout: Layout::Grid,
        fields: Vec::new(),
        columns: Vec::new(),
        numbered: false,
        total: false,
        grid: Vec::new(),
        notes: grid.near_after().iter().map(|l| l.text.clone()).collect(),
    };
    for line in grid.near_before() {
        if table.title.is_empty() && (line.strong || table.attachment.is_empty() && !line.text.starts_with("附件")) {
            table.title = line.text.clone();
        } else if table.title.is_empty() {
            table.attachment = line.text.clone();
        } else {
            // Under the title: a line of fields, or a note on who fills it in.
            let labels = field_labels(&line.text);
            if labels.is_empty() || line.text.starts_with(['（', '(']) {
                table.notes.insert(0, line.text.clone());
            } else {
                table.fields.extend(labels.iter().map(|l| Item::read(l, &[])));
            }
        }
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let mut slots = Vec::new();
        let mut label = String::new();
        for (i, cell) in row.iter().enumerate() {
            let span = cell.cols();
            let text = cell.text.trim();
            if span >= width && !text.is_empty() {
                let field = table.fields.len();
                table.fields.push(Item::read(text, &[]));
                slots.push(Slot::Block { field, span });
            } else if text.is_empty() {
                let field = table.fields.len();
                let name = if label.is_empty() { format!("第{}行第{}格", r + 1, i + 1) } else { label.clone() };
                table.fields.push(Item::read(&name, &[]));
                slots.push(Slot::Field { field, span });
            } else {
                label = text.trim_end_matches(['：', ':']).to_owned();
                slots.push(Slot::Label { text: text.to_owned(), span });
            }
        }
        table.grid.push(slots);
    }
    Reading { table, rows: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::ziding::pasted::{Cell, Line};

    fn cell(text: &str, cols: usize) -> Cell {
        Cell { text: text.into(), cols, rows: 1 }
    }

    #[test]
    fn a_total_row_makes_totals_and_is_not_a_record() {
        let grid = Grid {
            before: vec![Line { text: "经费表".into(), strong: true }],
            rows: vec![
                vec![cell("序号", 1), cell("项目", 1), cell("金额（元）", 1)],
                vec![cell("1", 1), cell("印刷", 1), cell("100", 1)],
                vec![cell("合计", 2), cell("", 1)],
            ],
            after: vec![],
        };
        let reading = read(&grid).unwrap();
        assert!(reading.table.numbered && reading.table.total);
        assert_eq!(reading.table.columns.iter().map(|c| c.kind.name()).collect::<Vec<_>>(), ["文本", "金额（元）"]);
        assert_eq!(reading.rows, [["印刷", "100"]]);
    }

    #[test]
    fn empty_and_huge_pastes_say_why() {
        let empty = Grid { before: vec![], rows: vec![vec![cell("", 1)]], after: vec![] };
        assert_eq!(read(&empty).unwrap_err(), "粘贴的表格是空的：请复制通知中带表头的表格");
        let wide = Grid { before: vec![], rows: vec![(0..201).map(|_| cell("列", 1)).collect()], after: vec![] };
        assert_eq!(read(&wide).unwrap_err(), "表格有201列，超过了200列：请确认复制的是通知中的表格");
        let long = Grid { before: vec![], rows: vec![vec![cell("行", 1)]; 5001], after: vec![] };
        assert_eq!(read(&long).unwrap_err(), "表格有5001行，超过了5000行：请只复制表头和要填的几行");
    }
}
