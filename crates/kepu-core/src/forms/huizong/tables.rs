//! The 自定义表格 files of the 汇总: each table's files (by its 编号) merged
//! into one table by 填报单位, with the 合计 of the columns the table totals,
//! the units that sent twice or not at all, and the files of another version.

use super::{Content, Flag, Huizong, Received};
use crate::forms::ziding::Returned;
use crate::rules::numbers::Decimal;
use crate::rules::print::{Cell, Column, Row, Table};

/// One 自定义表格's part of the 汇总: every file of its 编号, merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePart<'a> {
    /// The newest version received: its title, version and columns head the part.
    pub newest: &'a Returned,
    /// Its files, in the order of the 应报单位, then as added.
    pub lines: Vec<TableLine<'a>>,
    /// Per column of the newest version, its 合计 when the table totals it.
    pub totals: Vec<Option<Decimal>>,
    /// 应报单位 that sent none.
    pub missing: Vec<String>,
}

/// One returned file in its table's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLine<'a> {
    /// The file.
    pub file: &'a Received,
    /// What was read from it.
    pub table: &'a Returned,
    /// Whether its rows are in the 合计: of the files one unit sent, the last added is.
    pub counted: bool,
    /// How many files its unit sent of this table.
    pub sent: usize,
    /// For each column of the newest version, the file's column of that name.
    pub map: Vec<Option<usize>>,
    /// The file's columns the newest version does not have: not merged.
    pub extra: Vec<&'a str>,
}

impl<'a> TableLine<'a> {
    /// The file's rows in the newest version's columns (empty where it has no such column).
    pub fn rows(&self) -> impl Iterator<Item = Vec<&'a str>> + '_ {
        self.table
            .rows
            .iter()
            .map(|row| self.map.iter().map(|at| at.and_then(|c| row.get(c)).map_or("", String::as_str)).collect())
    }

    /// Whether its columns are the newest version's, in any order.
    pub fn matches(&self) -> bool {
        self.extra.is_empty() && self.map.iter().all(Option::is_some)
    }

    /// 填报单位 as shown.
    pub fn unit(&self) -> &str {
        if self.table.unit.is_empty() { "未填单位" } else { &self.table.unit }
    }
}

fn returned_of(file: &Received) -> Option<&Returned> {
    match &file.content {
        Content::Table(t) => Some(t),
        _ => None,
    }
}

// A 汇总 holds tens of files, not thousands: the parts are found by linear search,
// which costs the page far less code than maps and sorts of new key types.

/// The 自定义表格 files merged, a part per table in the order their first file was added.
pub fn table_parts(h: &Huizong) -> Vec<TablePart<'_>> {
    let files: Vec<(&Received, &Returned)> = h.files.iter().filter_map(|f| returned_of(f).map(|t| (f, t))).collect();
    let expected = h.expected_units();
    let mut parts = Vec::new();
    for (i, (_, t)) in files.iter().enumerate() {
        if !files[..i].iter().any(|(_, o)| o.id == t.id) {
            let of_table: Vec<(&Received, &Returned)> = files.iter().filter(|(_, o)| o.id == t.id).copied().collect();
            parts.push(part(&of_table, &expected));
        }
    }
    parts
}

fn part<'a>(files: &[(&'a Received, &'a Returned)], expected: &[&str]) -> TablePart<'a> {
    // The newest version; of two files of it, the last added (files come in the order added).
    let mut newest = files[0].1;
    for (_, t) in files {
        if t.version >= newest.version {
            newest = t;
        }
    }
    let line = |&(file, table): &(&'a Received, &'a Returned)| {
        let same_unit = files.iter().filter(|(_, o)| !table.unit.is_empty() && o.unit == table.unit);
        let last = same_unit.clone().map(|(f, _)| f.id).next_back().unwrap_or(file.id);
        TableLine {
            file,
            table,
            counted: last == file.id,
            sent: same_unit.count().max(1),
            map: newest.columns.iter().map(|c| table.columns.iter().position(|o| o == c)).collect(),
            extra: table.columns.iter().filter(|c| !newest.columns.contains(c)).map(String::as_str).collect(),
        }
    };
    // In the order of the 应报单位 list the receiver pasted (an official order), then as added.
    let mut lines: Vec<TableLine<'a>> = Vec::with_capacity(files.len());
    for unit in expected {
        lines.extend(files.iter().filter(|(_, t)| t.unit == *unit).map(line));
    }
    lines.extend(files.iter().filter(|(_, t)| !expected.contains(&t.unit.as_str())).map(line));
    let totals = newest
        .columns
        .iter()
        .enumerate()
        .map(|(c, label)| {
            newest.sums.contains(label).then(|| {
                let values = lines.iter().filter(|l| l.counted).flat_map(|l| l.rows().map(move |r| r[c]));
                values.filter_map(Decimal::parse).fold(Decimal::default(), Decimal::plus)
            })
        })
        .collect();
    let missing = expected
        .iter()
        .filter(|u| !files.iter().any(|(_, t)| t.unit == **u))
        .map(|u| (*u).to_owned())
        .collect();
    TablePart { newest, lines, totals, missing }
}

impl TablePart<'_> {
    /// `2023年全国科普日重点科普活动信息表（第2版）`
    pub fn heading(&self) -> String {
        format!("{}（第{}版）", self.newest.title, self.newest.version)
    }

    /// Which of the newest version's columns the table totals.
    fn sums(&self, c: usize) -> bool {
        self.totals.get(c).is_some_and(Option::is_some)
    }

    /// The flags of this table: units that sent twice, files whose columns differ, values
    /// in totalled columns that are not numbers, units that sent none.
    pub fn flags(&self, out: &mut Vec<Flag>) {
        let title = &self.newest.title;
        let mut told = Vec::new();
        for l in &self.lines {
            if l.sent > 1 && !told.contains(&l.table.unit.as_str()) {
                told.push(l.table.unit.as_str());
                let same: Vec<&TableLine<'_>> = self.lines.iter().filter(|o| o.table.unit == l.table.unit).collect();
                let names = same.iter().map(|o| format!("“{}”", o.file.name)).collect::<Vec<_>>().join("、");
                let counted = same.iter().find(|o| o.counted).map_or("", |o| o.file.name.as_str());
                out.push(Flag {
                    kind: "重复报送",
                    text: format!(
                        "{}报送了{}份“{title}”：{names}；计入最后加入的“{counted}”，如需改用另一份，请移除其他的",
                        l.unit(),
                        same.len()
                    ),
                    file: None,
                });
            }
            if !l.matches() {
                let lacking: Vec<&str> = self
                    .newest
                    .columns
                    .iter()
                    .zip(&l.map)
                    .filter(|(_, at)| at.is_none())
                    .map(|(c, _)| c.as_str())
                    .collect();
                let mut why = Vec::new();
                if !lacking.is_empty() {
                    why.push(format!("缺少“{}”列（留空）", lacking.join("”“")));
                }
                if !l.extra.is_empty() {
                    why.push(format!("多出“{}”列（未并入）", l.extra.join("”“")));
                }
                let version = if l.table.version == self.newest.version {
                    String::new()
                } else {
                    format!("是第{}版（最新为第{}版），", l.table.version, self.newest.version)
                };
                out.push(Flag {
                    kind: "版本不符",
                    text: format!("“{}”{version}与“{title}”的列不一致：{}", l.file.name, why.join("，")),
                    file: Some(l.file.id),
                });
            }
            if l.counted {
                for (r, row) in l.rows().enumerate() {
                    for (c, value) in row.iter().enumerate() {
                        if self.sums(c) && !value.is_empty() && Decimal::parse(value).is_none() {
                            out.push(Flag {
                                kind: "不是数字",
                                text: format!(
                                    "“{}”第{}行“{}”填的是“{value}”，未计入合计",
                                    l.file.name,
                                    r + 1,
                                    self.newest.columns[c]
                                ),
                                file: Some(l.file.id),
                            });
                        }
                    }
                }
            }
        }
        if !self.missing.is_empty() {
            out.push(Flag {
                kind: "缺报",
                text: format!("“{title}”缺报{}个单位：{}", self.missing.len(), self.missing.join("、")),
                file: None,
            });
        }
    }

    /// The merged table as printed, written to CSV and shown: 填报单位, the newest
    /// version's columns and a 说明, a row per returned row (a label grid's file is one), then 合计.
    pub fn table(&self) -> Table {
        let mut head = vec!["填报单位".to_owned()];
        head.extend(self.newest.columns.iter().cloned());
        head.push("说明".to_owned());
        let mut rows = Vec::new();
        let mut counted_rows = 0;
        let mut units = Vec::new();
        for l in &self.lines {
            let mut note = if l.counted { "计入".to_owned() } else { "未计入（重复报送）".to_owned() };
            if l.table.version != self.newest.version {
                note.push_str(&format!("；第{}版", l.table.version));
            }
            if l.counted {
                counted_rows += l.table.rows.len();
                if !units.contains(&l.unit()) {
                    units.push(l.unit());
                }
            }
            let class = if l.counted { "" } else { "print-muted" };
            let mut any = false;
            for row in l.rows() {
                any = true;
                let mut cells = vec![Cell::text(l.unit())];
                cells.extend(row.iter().enumerate().map(|(c, v)| match Decimal::parse(v) {
                    Some(d) if self.sums(c) => Cell::number(*v).value(d.value()),
                    _ => Cell::text(*v),
                }));
                cells.push(Cell::text(&note));
                rows.push(Row { class, cells, ..Row::default() });
            }
            if !any {
                let mut cells = vec![Cell::text(l.unit())];
                cells.extend(self.newest.columns.iter().map(|_| Cell::text("")));
                cells.push(Cell::text(format!("{note}；未填写任何一行")));
                rows.push(Row { class, cells, ..Row::default() });
            }
        }
        let mut cells = vec![Cell::label("合计")];
        cells.extend(self.totals.iter().map(|t| match t {
            Some(d) => Cell::number(d.to_string()).value(d.value()),
            None => Cell::text(""),
        }));
        cells.push(Cell::text(format!("{}个单位，{counted_rows}行", units.len())));
        rows.push(Row::total(cells));
        // 填报单位 and 说明 on one line where they can be; the table's own columns share the rest.
        let each = u8::try_from(76 / self.newest.columns.len().max(1)).unwrap_or(1).max(1);
        let mut columns = vec![Column::Percent(12)];
        columns.extend(self.newest.columns.iter().map(|_| Column::Percent(each)));
        columns.push(Column::Percent(12));
        Table { class: "print-table huizong-custom", columns, head, rows }
    }
}
