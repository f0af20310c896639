//! Prints an .xlsx file as calamine reads it, as JSON, for the end-to-end
//! tests to check what the page downloaded: each sheet's name, its cells
//! (numbers as numbers, dates as `date:2024-04-03`, text as text), merged
//! ranges and number formats by cell.
//!
//! Usage: cargo run -q -p kepu-xlsx --example read -- FILE.xlsx

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::{Value, json};

fn cell(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Null,
        Data::String(s) => json!(s),
        Data::Float(f) => json!(f),
        Data::Int(i) => json!(i),
        Data::Bool(b) => json!(b),
        Data::DateTime(d) => json!(d.as_datetime().map(|d| format!("date:{}", d.date())).unwrap_or_default()),
        other => json!(format!("{other:?}")),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: read FILE.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("an .xlsx file");
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a worksheet");
        let rows: Vec<Vec<Value>> = range.rows().map(|row| row.iter().map(cell).collect()).collect();
        let merged: Vec<[u32; 4]> = book
            .merge_cells_by_sheet_name(&name)
            .expect("merged ranges")
            .iter()
            .map(|d| [d.start.0, d.start.1, d.end.0, d.end.1])
            .collect();
        let styles = book.worksheet_style(&name).expect("styles");
        let mut formats = serde_json::Map::new();
        for (r, row) in rows.iter().enumerate() {
            for c in 0..row.len() {
                if let Some(format) = styles.get((r as u32, c as u32)).and_then(|s| s.number_format.as_ref()) {
                    formats.insert(format!("{r},{c}"), json!(format.format_code));
                }
            }
        }
        sheets.push(json!({ "name": name, "rows": rows, "merged": merged, "formats": formats }));
    }
    println!("{}", json!({ "sheets": sheets }));
}
