//! 活动预算 — the budget table of the 申报表 (FORMS.md section B): rows,
//! exact amounts, 合计 and its 人民币大写, and the funding split.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::rules::csv_out::{self, ReadError, Writer};
use crate::rules::money::{self, Money, MoneyError, Quantity};
use crate::rules::print::{Cell, Column, Row, RowKind, Table, Value};
use crate::rules::problem::Problem;

/// The table's name in file names.
pub const FORM_NAME: &str = "活动预算";

/// Suggestions for 支出项目; free text is accepted too.
pub const SUGGESTED_ITEMS: [&str; 7] =
    ["宣传资料印制费", "科普器材耗材费", "场地布置费", "专家讲课费", "志愿者补贴", "交通费", "其他"];

/// A column the user types into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    /// 支出项目
    Item,
    /// 内容说明
    Note,
    /// 单位
    Unit,
    /// 数量
    Quantity,
    /// 单价（元）
    Price,
    /// 备注
    Remark,
}

impl Col {
    /// The editable columns, in the paper's order.
    pub const ALL: [Col; 6] = [Col::Item, Col::Note, Col::Unit, Col::Quantity, Col::Price, Col::Remark];

    /// The column's label on the paper.
    pub const fn label(self) -> &'static str {
        match self {
            Col::Item => "支出项目",
            Col::Note => "内容说明",
            Col::Unit => "单位",
            Col::Quantity => "数量",
            Col::Price => "单价（元）",
            Col::Remark => "备注",
        }
    }
}

/// Where the money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// 申请市科协扶持（元）
    City,
    /// 自筹（元）
    Own,
    /// 其他（元）
    Other,
}

impl Source {
    /// The three sources, in the paper's order.
    pub const ALL: [Source; 3] = [Source::City, Source::Own, Source::Other];

    /// The label on the paper.
    pub const fn label(self) -> &'static str {
        match self {
            Source::City => "申请市科协扶持（元）",
            Source::Own => "自筹（元）",
            Source::Other => "其他（元）",
        }
    }
}

/// What a budget problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BudgetField {
    /// A cell: row index from 0, column.
    Cell(usize, Col),
    /// A funding source.
    Funding(Source),
    /// The table as a whole (no rows yet).
    Rows,
}

/// One expense line, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetRow {
    /// Stable identity across reordering, for the screen's row keys.
    pub id: u32,
    /// 支出项目
    pub item: String,
    /// 内容说明
    pub note: String,
    /// 单位
    pub unit: String,
    /// 数量
    pub quantity: String,
    /// 单价（元）
    pub price: String,
    /// 备注
    pub remark: String,
}

impl BudgetRow {
    /// The value in `col`.
    pub fn get(&self, col: Col) -> &str {
        match col {
            Col::Item => &self.item,
            Col::Note => &self.note,
            Col::Unit => &self.unit,
            Col::Quantity => &self.quantity,
            Col::Price => &self.price,
            Col::Remark => &self.remark,
        }
    }

    /// Replaces the value in `col`.
    pub fn set(&mut self, col: Col, value: String) {
        *match col {
            Col::Item => &mut self.item,
            Col::Note => &mut self.note,
            Col::Unit => &mut self.unit,
            Col::Quantity => &mut self.quantity,
            Col::Price => &mut self.price,
            Col::Remark => &mut self.remark,
        } = value;
    }

    /// 金额 = 数量 × 单价, when both are valid.
    pub fn amount(&self) -> Option<Money> {
        let quantity = Quantity::parse(&self.quantity).ok()?;
        let price = Money::parse(&self.price).ok()?;
        quantity.times(price)
    }
}

/// The budget: its rows and the funding split.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// Expense lines, in order.
    pub rows: Vec<BudgetRow>,
    /// 申请市科协扶持（元）
    pub city: String,
    /// 自筹（元）
    pub own: String,
    /// 其他（元）
    pub other: String,
}

impl Budget {
    /// The typed value of a funding source.
    pub fn funding(&self, source: Source) -> &str {
        match source {
            Source::City => &self.city,
            Source::Own => &self.own,
            Source::Other => &self.other,
        }
    }

    /// Replaces a funding source's value.
    pub fn set_funding(&mut self, source: Source, value: String) {
        *match source {
            Source::City => &mut self.city,
            Source::Own => &mut self.own,
            Source::Other => &mut self.other,
        } = value;
    }

    /// Appends an empty row and returns its id.
    pub fn add_row(&mut self) -> u32 {
        let id = self.rows.iter().map(|r| r.id).max().map_or(1, |m| m + 1);
        self.rows.push(BudgetRow { id, ..BudgetRow::default() });
        id
    }

    /// The row with `id`, mutably.
    pub fn row_mut(&mut self, id: u32) -> Option<&mut BudgetRow> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    /// 合计: the sum of every valid row's 金额.
    pub fn total(&self) -> Money {
        Money::sum(self.rows.iter().filter_map(BudgetRow::amount)).unwrap_or_default()
    }

    /// `人民币壹仟贰佰元整`, the 合计（大写） line's amount.
    pub fn total_upper(&self) -> String {
        format!("人民币{}", money::rmb_upper(self.total()))
    }
}

/// Reads a budget as stored today (a table) or as stored format 1 kept it
/// (free text), which becomes the 内容说明 of one row so nothing typed is lost.
pub fn read_budget<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Budget, D::Error> {
    struct TableOrText;
    impl<'de> Visitor<'de> for TableOrText {
        type Value = Budget;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a budget table or its text")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Budget, E> {
            let mut budget = Budget::default();
            if !text.trim().is_empty() {
                let id = budget.add_row();
                if let Some(row) = budget.row_mut(id) {
                    row.item = "其他".into();
                    row.note = text.to_owned();
                }
            }
            Ok(budget)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Budget, A::Error> {
            Budget::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(TableOrText)
}

fn money_problem(row: usize, col: Col, error: MoneyError) -> Problem<BudgetField> {
    let at = format!("第{}行", row + 1);
    let label = col.label();
    let message = match error {
        MoneyError::Empty => format!("{at}：请填写{label}"),
        other => format!("{at}：{label}{other}"),
    };
    Problem::error(BudgetField::Cell(row, col), message)
}

/// Every problem of the budget, row by row, then the funding split.
pub fn validate(budget: &Budget) -> Vec<Problem<BudgetField>> {
    let mut out = Vec::new();
    if budget.rows.is_empty() {
        out.push(Problem::error(BudgetField::Rows, "活动预算至少填写一项支出：请点击“添加一行”"));
    }
    for (i, row) in budget.rows.iter().enumerate() {
        if row.item.trim().is_empty() {
            out.push(Problem::error(BudgetField::Cell(i, Col::Item), format!("第{}行：请填写支出项目", i + 1)));
        }
        let quantity = Quantity::parse(&row.quantity);
        match quantity {
            Err(e) => out.push(money_problem(i, Col::Quantity, e)),
            Ok(q) if q.is_zero() => {
                out.push(Problem::error(BudgetField::Cell(i, Col::Quantity), format!("第{}行：数量应大于0", i + 1)))
            }
            Ok(_) => {}
        }
        let price = Money::parse(&row.price);
        if let Err(e) = price {
            out.push(money_problem(i, Col::Price, e));
        }
        if let (Ok(q), Ok(p)) = (quantity, price)
            && q.times(p).is_none()
        {
            out.push(Problem::error(
                BudgetField::Cell(i, Col::Price),
                format!("第{}行：金额过大，请核对数量和单价", i + 1),
            ));
        }
    }
    check_funding(budget, &mut out);
    out
}

fn check_funding(budget: &Budget, out: &mut Vec<Problem<BudgetField>>) {
    let mut amounts = Vec::new();
    for source in Source::ALL {
        match Money::parse(budget.funding(source)) {
            Ok(m) => amounts.push(m),
            Err(MoneyError::Empty) => amounts.push(Money::default()),
            Err(e) => out.push(Problem::error(BudgetField::Funding(source), format!("{}{e}", source.label()))),
        }
    }
    if amounts.len() < Source::ALL.len() || budget.rows.is_empty() {
        return;
    }
    let funded = Money::sum(amounts).unwrap_or_default();
    let total = budget.total();
    if funded != total {
        let (more, diff) =
            if funded > total { ("多", funded.fen() - total.fen()) } else { ("少", total.fen() - funded.fen()) };
        let diff = Money::from_fen(diff).unwrap_or_default();
        out.push(Problem::error(
            BudgetField::Funding(Source::City),
            format!(
                "资金来源合计{}元，比预算合计{}元{more}{}元：请调整申请市科协扶持、自筹或其他，使三项之和等于合计",
                funded.display(),
                total.display(),
                diff.display()
            ),
        ));
    }
}

/// The budget as the print shows it: every cell as text, amounts formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintTable {
    /// One line per row, in [`CSV_HEADER`]'s columns.
    pub rows: Vec<[String; 8]>,
    /// 合计（元）, formatted.
    pub total: String,
    /// `人民币…`
    pub total_upper: String,
    /// The funding sources with their amounts as typed (formatted when valid).
    pub funding: [(&'static str, String); 3],
}

impl PrintTable {
    /// `资金来源：申请市科协扶持（元）：2,000.00；自筹（元）：705.00；其他（元）：`
    pub fn funding_line(&self) -> String {
        let parts: Vec<String> = self.funding.iter().map(|(label, value)| format!("{label}：{value}")).collect();
        format!("资金来源：{}", parts.join("；"))
    }
}

/// Builds the print table of `budget`.
pub fn print_table(budget: &Budget) -> PrintTable {
    let shown = |typed: &str| Money::parse(typed).map(Money::display).unwrap_or_else(|_| typed.trim().to_owned());
    PrintTable {
        rows: budget
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                [
                    (i + 1).to_string(),
                    r.item.trim().to_owned(),
                    r.note.trim().to_owned(),
                    r.unit.trim().to_owned(),
                    Quantity::parse(&r.quantity).map(Quantity::plain).unwrap_or_else(|_| r.quantity.trim().to_owned()),
                    shown(&r.price),
                    r.amount().map(Money::display).unwrap_or_default(),
                    r.remark.trim().to_owned(),
                ]
            })
            .collect(),
        total: budget.total().display(),
        total_upper: budget.total_upper(),
        funding: Source::ALL.map(|s| (s.label(), shown(budget.funding(s)))),
    }
}

/// The budget as a printed table: its rows, 合计（元）, 合计（大写） and the funding line.
pub fn print_block(budget: &Budget) -> Table {
    let b = print_table(budget);
    let mut rows: Vec<Row> = b.rows.iter().map(|cells| Row::of(cells.iter().map(Cell::text).collect())).collect();
    rows.push(Row {
        class: "print-budget__total",
        kind: RowKind::Total,
        cells: vec![Cell::label("合计（元）").span(6), Cell::text(&b.total), Cell::text("")],
    });
    rows.push(Row {
        class: "print-budget__total",
        kind: RowKind::Total,
        cells: vec![Cell::text(format!("合计（大写）：{}", b.total_upper)).span(8)],
    });
    rows.push(Row {
        class: "print-budget__funding",
        cells: vec![Cell::text(b.funding_line()).span(8)],
        ..Row::default()
    });
    Table {
        class: "print-table print-budget__table",
        columns: [8, 18, 18, 8, 8, 13, 14, 13].map(Column::Percent).to_vec(),
        head: CSV_HEADER.map(str::to_owned).to_vec(),
        rows,
    }
}

/// [`print_block`] for a spreadsheet: 序号, 数量, 单价, 金额 and 合计 stand for
/// their numbers where valid. Apart from the print, so the page never carries it.
pub fn spreadsheet_block(budget: &Budget) -> Table {
    let mut table = print_block(budget);
    for ((row, line), n) in table.rows.iter_mut().zip(&budget.rows).zip(1u64..) {
        let values = [
            (0, Some(Value::Count(n))),
            (4, Quantity::parse(&line.quantity).ok().map(Value::Quantity)),
            (5, Money::parse(&line.price).ok().map(Value::Money)),
            (6, line.amount().map(Value::Money)),
        ];
        for (i, value) in values {
            row.cells[i].value = value;
        }
    }
    if let Some(total) = table.rows.get_mut(budget.rows.len()) {
        total.cells[1].value = Some(Value::Money(budget.total()));
    }
    table
}

/// The table's header row for CSV.
pub const CSV_HEADER: [&str; 8] = ["序号", "支出项目", "内容说明", "单位", "数量", "单价（元）", "金额（元）", "备注"];

/// A typed number: a plain number when valid, the text as typed otherwise.
fn number_or_text(out: &mut Writer, parsed: Option<String>, typed: &str) {
    match parsed {
        Some(n) => out.number(&n),
        None => out.text(typed),
    }
}

/// Writes the table as CSV rows: header, expense lines, 合计, 大写 and the funding split.
pub fn write_csv(budget: &Budget, out: &mut Writer) {
    for h in CSV_HEADER {
        out.text(h);
    }
    out.end_row();
    for (i, row) in budget.rows.iter().enumerate() {
        out.number(&(i + 1).to_string());
        out.text(&row.item);
        out.text(&row.note);
        out.text(&row.unit);
        number_or_text(out, Quantity::parse(&row.quantity).ok().map(Quantity::plain), &row.quantity);
        number_or_text(out, Money::parse(&row.price).ok().map(Money::plain), &row.price);
        number_or_text(out, row.amount().map(Money::plain), "");
        out.text(&row.remark);
        out.end_row();
    }
    out.text("合计（元）");
    for _ in 0..5 {
        out.text("");
    }
    out.number(&budget.total().plain());
    out.text("");
    out.end_row();
    out.text("合计（大写）");
    out.text(&budget.total_upper());
    out.end_row();
    for source in Source::ALL {
        let typed = budget.funding(source);
        out.text(source.label());
        number_or_text(out, Money::parse(typed).ok().map(Money::plain), typed);
        out.end_row();
    }
}

/// The first cell of the 合计 rows [`write_csv`] writes.
const TOTAL_LABELS: [&str; 2] = ["合计（元）", "合计（大写）"];

/// Reads the table [`write_csv`] wrote, from its header row on (records as
/// [`csv_out::read`] gives them), also after a spreadsheet re-saved it: the
/// expense lines as typed and the funding split. 金额 and 合计 are
/// recomputed, never read, so a file edited by hand cannot disagree with itself.
pub fn read_csv(records: &[(u64, csv::StringRecord)]) -> Result<Budget, ReadError> {
    let Some((header_line, header)) = records.first() else {
        return Err(ReadError { line: None, message: "文件中没有活动预算表".into() });
    };
    for (i, label) in CSV_HEADER.iter().enumerate() {
        let found = header.get(i).unwrap_or("").trim();
        if found != *label {
            return Err(csv_out::error_at(*header_line, Some(i + 1), format!("应为“{label}”，实为“{found}”")));
        }
    }
    let mut budget = Budget::default();
    let mut in_rows = true;
    for (line, record) in &records[1..] {
        let cells: Vec<&str> = record.iter().map(csv_out::restore).collect();
        let first = cells.first().map_or("", |c| c.trim());
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if TOTAL_LABELS.contains(&first) {
            in_rows = false;
            continue;
        }
        if let Some(source) = Source::ALL.into_iter().find(|s| s.label() == first) {
            in_rows = false;
            budget.set_funding(source, cells.get(1).map_or("", |c| c.trim()).to_owned());
            continue;
        }
        if !in_rows {
            return Err(csv_out::error_at(*line, Some(1), format!("合计之后无法识别的项目“{first}”")));
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_owned();
        let id = u32::try_from(budget.rows.len() + 1).unwrap_or(u32::MAX);
        budget.rows.push(BudgetRow {
            id,
            item: cell(1),
            note: cell(2),
            unit: cell(3),
            quantity: cell(4),
            price: cell(5),
            remark: cell(7),
        });
    }
    Ok(budget)
}

/// The budget tests start from, in this crate and others: 10,005.71 (2 × 5,000,
/// 3 × 1.57 and 1 × 1), 申请市科协扶持 `city` and 自筹 5.71.
#[doc(hidden)]
pub fn sample(city: &str) -> Budget {
    let line = |id, item: &str, quantity: &str, price: &str| BudgetRow {
        id,
        item: item.into(),
        quantity: quantity.into(),
        price: price.into(),
        ..BudgetRow::default()
    };
    Budget {
        rows: vec![
            line(1, "专家讲课费", "2", "5,000"),
            line(2, "宣传资料印制费", "3", "1.57"),
            line(3, "交通费", "1", "1"),
        ],
        city: city.into(),
        own: "5.71".into(),
        other: String::new(),
    }
}

/// The table alone as a CSV file.
pub fn to_csv(budget: &Budget) -> Vec<u8> {
    let mut out = Writer::new();
    write_csv(budget, &mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: &str, quantity: &str, price: &str) -> BudgetRow {
        BudgetRow { item: item.into(), quantity: quantity.into(), price: price.into(), ..BudgetRow::default() }
    }

    pub(crate) fn sample() -> Budget {
        let mut budget = Budget {
            rows: vec![
                row("宣传资料印制费", "500", "1.2"),
                row("专家讲课费", "2", "800"),
                row("志愿者补贴", "10", "50.5"),
            ],
            city: "2,000".into(),
            own: "705".into(),
            other: "".into(),
        };
        for (i, r) in budget.rows.iter_mut().enumerate() {
            r.id = i as u32 + 1;
        }
        budget
    }

    #[test]
    fn amounts_total_and_upper() {
        let budget = sample();
        let amounts: Vec<String> = budget.rows.iter().map(|r| r.amount().unwrap().display()).collect();
        assert_eq!(amounts, ["600.00", "1,600.00", "505.00"]);
        assert_eq!(budget.total().display(), "2,705.00");
        assert_eq!(budget.total_upper(), "人民币贰仟柒佰零伍元整");
        assert_eq!(validate(&budget), vec![]);
    }

    #[test]
    fn funding_split_must_add_up_and_says_by_how_much() {
        let mut budget = sample();
        budget.own = "700".into();
        let problems = validate(&budget);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, BudgetField::Funding(Source::City));
        assert_eq!(
            problems[0].message,
            "资金来源合计2,700.00元，比预算合计2,705.00元少5.00元：请调整申请市科协扶持、自筹或其他，使三项之和等于合计"
        );
        budget.other = "10".into();
        assert!(validate(&budget)[0].message.contains("多5.00元"));
    }

    #[test]
    fn row_problems_name_row_and_column() {
        let budget = Budget {
            rows: vec![row("", "0", "abc"), row("交通费", "1.234", "-3"), row("其他", "", "")],
            ..Budget::default()
        };
        let messages: Vec<(BudgetField, String)> =
            validate(&budget).into_iter().map(|p| (p.field, p.message)).collect();
        let cell = BudgetField::Cell;
        assert_eq!(
            messages[..7],
            [
                (cell(0, Col::Item), "第1行：请填写支出项目".to_owned()),
                (cell(0, Col::Quantity), "第1行：数量应大于0".to_owned()),
                (cell(0, Col::Price), "第1行：单价（元）不是有效数字，请只填写数字，如1200.50".to_owned()),
                (cell(1, Col::Quantity), "第2行：数量最多保留两位小数（到分）".to_owned()),
                (cell(1, Col::Price), "第2行：单价（元）不能为负数".to_owned()),
                (cell(2, Col::Quantity), "第3行：请填写数量".to_owned()),
                (cell(2, Col::Price), "第3行：请填写单价（元）".to_owned()),
            ]
        );
    }

    #[test]
    fn empty_budget_asks_for_a_row() {
        let problems = validate(&Budget::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, BudgetField::Rows);
    }

    #[test]
    fn added_rows_get_fresh_ids() {
        let mut budget = sample();
        assert_eq!(budget.add_row(), 4);
        budget.rows.remove(1);
        assert_eq!(budget.add_row(), 5);
    }

    #[test]
    fn csv_holds_rows_total_upper_and_funding() {
        let text = String::from_utf8(to_csv(&sample())).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}序号,支出项目,内容说明,单位,数量,单价（元）,金额（元）,备注\r\n\
             1,宣传资料印制费,,,500,1.20,600.00,\r\n\
             2,专家讲课费,,,2,800.00,1600.00,\r\n\
             3,志愿者补贴,,,10,50.50,505.00,\r\n\
             合计（元）,,,,,,2705.00,\r\n\
             合计（大写）,人民币贰仟柒佰零伍元整\r\n\
             申请市科协扶持（元）,2000.00\r\n\
             自筹（元）,705.00\r\n\
             其他（元）,\r\n"
        );
    }

    #[test]
    fn print_table_formats_amounts() {
        let table = print_table(&sample());
        assert_eq!(table.rows[1], ["2", "专家讲课费", "", "", "2", "800.00", "1,600.00", ""].map(String::from));
        assert_eq!(table.total, "2,705.00");
        assert_eq!(table.total_upper, "人民币贰仟柒佰零伍元整");
        assert_eq!(table.funding[0], ("申请市科协扶持（元）", "2,000.00".to_owned()));
        assert_eq!(table.funding[2], ("其他（元）", "".to_owned()));
        assert_eq!(table.funding_line(), "资金来源：申请市科协扶持（元）：2,000.00；自筹（元）：705.00；其他（元）：");
    }

    #[test]
    fn invalid_numbers_are_exported_as_typed_text() {
        let budget = Budget { rows: vec![row("其他", "=1+1", "abc")], ..Budget::default() };
        let text = String::from_utf8(to_csv(&budget)).unwrap();
        assert!(text.contains("\r\n1,其他,,,'=1+1,abc,,\r\n"), "{text}");
    }
}
