//! A 自定义表格's CSV as a unit sends it back (written by [`super::to_csv`], or
//! re-saved by Excel or WPS), read for the 汇总: which table and version it is,
//! who filled it in, its columns and rows.

use serde::{Deserialize, Serialize};

use super::form::{CSV_MARK, SUMS_MARK, TOTAL_LABEL, names_unit};
use crate::rules::csv_out;

/// A returned 自定义表格 file, as the 汇总 keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Returned {
    /// The table's 编号.
    pub id: String,
    /// Its 版本.
    pub version: u32,
    /// Its title.
    pub title: String,
    /// 填报单位: the first field naming a 单位, else the file name's first part; empty when neither says.
    pub unit: String,
    /// The columns a 汇总 totals.
    pub sums: Vec<String>,
    /// The columns: a list table's (without 序号), or a label grid's fields but the unit's.
    pub columns: Vec<String>,
    /// The rows, without the 合计: a list table's, or a label grid's one.
    pub rows: Vec<Vec<String>>,
}

/// A record's cells as typed: the formula guard undone, trimmed, trailing empty cells
/// (which Excel adds up to the widest line) dropped.
fn cells(record: &csv::StringRecord) -> Vec<String> {
    let mut cells: Vec<String> = record.iter().map(|c| csv_out::restore(c).trim().to_owned()).collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// Reads the CSV file `name` whose records are `records`; why not, in Chinese, with the line.
pub fn returned(name: &str, records: &[(u64, csv::StringRecord)]) -> Result<Returned, String> {
    let mut lines = records.iter().map(|(line, r)| (*line, cells(r))).skip_while(|(_, c)| c.is_empty());
    let (line, first) = lines.next().ok_or("文件是空的")?;
    let at = |i: usize| first.get(i).map_or("", String::as_str);
    let version = at(5).parse::<u32>().ok().filter(|&v| v > 0);
    let (Some(version), CSV_MARK, "编号", "版本", false) = (version, at(0), at(2), at(4), at(3).is_empty()) else {
        return Err(format!(
            "第{line}行：缺少表格的编号或版本，无法判断是哪一张自定义表格：请用本页自定义表格的“导出CSV”重新导出"
        ));
    };
    let mut table = Returned {
        id: at(3).to_owned(),
        version,
        title: at(1).to_owned(),
        sums: if at(6) == SUMS_MARK { first[7..].to_vec() } else { Vec::new() },
        ..Returned::default()
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    let (mut list, mut last) = (false, line);
    for (line, cells) in lines.by_ref() {
        last = line;
        match cells.as_slice() {
            [] => {
                list = true;
                break;
            }
            [label] => fields.push((label.clone(), String::new())),
            [label, value] => fields.push((label.clone(), value.clone())),
            [label, ..] => return Err(format!("第{line}行：“{label}”一行应只有名称和填写内容两格")),
        }
    }
    let unit_at = fields.iter().position(|(label, _)| names_unit(label));
    table.unit = match unit_at.map(|i| fields[i].1.as_str()) {
        Some(unit) if !unit.is_empty() => unit.to_owned(),
        _ => unit_in_name(name, &table.title),
    };
    if !list {
        let others = fields.into_iter().enumerate().filter(|&(i, _)| Some(i) != unit_at).map(|(_, f)| f);
        let (columns, values) = others.unzip();
        table.columns = columns;
        table.rows = vec![values];
        return Ok(table);
    }
    let mut lines = lines.filter(|(_, c)| !c.is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(format!("第{last}行之后缺少表头：文件不完整"));
    };
    let numbered = header.first().is_some_and(|h| h == "序号");
    table.columns = header[usize::from(numbered)..].to_vec();
    let width = table.columns.len();
    for (line, mut cells) in lines {
        if cells.first().is_some_and(|c| c == TOTAL_LABEL || c == "总计") {
            continue;
        }
        if numbered {
            cells.remove(0);
        }
        if let Some(extra) = cells.get(width..).and_then(|rest| rest.iter().find(|c| !c.is_empty())) {
            return Err(format!("第{line}行：“{extra}”在表头之外，列数与表头不符"));
        }
        cells.resize(width, String::new());
        table.rows.push(cells);
    }
    Ok(table)
}

/// The unit a file's name starts with, as 导出CSV names it (`{单位}_{表名}_{日期}.csv`).
fn unit_in_name(name: &str, title: &str) -> String {
    let marker = format!("_{title}_");
    match name.split_once(marker.as_str()) {
        Some((unit, _)) if unit.trim() != "未填单位" => unit.trim().to_owned(),
        _ => String::new(),
    }
}
