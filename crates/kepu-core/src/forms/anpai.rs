//! 重点活动安排表 (seeds/004 附件1, FORMS.md E): the year's planned activities,
//! each over a range of months, in month order, with a warning when two
//! activities share a 活动地点 in overlapping months.

use serde::{Deserialize, Serialize};

use chrono::{Datelike, NaiveDate};

use crate::forms::tongji::{self, Tongji};
use crate::rules::contact::normalise;
use crate::form::Export;
use crate::rules::csv_out;
use crate::rules::print::{Block, Cell, Row, Sheet, Table};
use crate::rules::problem::Problem;

/// The paper's name, for file names.
pub const FORM_NAME: &str = "重点活动安排表";

/// The paper's columns, in order.
pub const COLUMNS: [&str; 6] = ["计划活动", "工作内容", "牵头部门", "责任部门", "开展时间", "活动地点"];

/// 开展时间: a range of months of the year, `1-2月` or `3月` on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Months {
    /// First month, 1–12.
    pub from: u32,
    /// Last month, 1–12, not before `from`.
    pub to: u32,
}

impl Months {
    /// The paper's way of writing it: `1-2月`, `3月`.
    pub fn label(self) -> String {
        if self.from == self.to { format!("{}月", self.from) } else { format!("{}-{}月", self.from, self.to) }
    }

    /// Reads `1-2月`, `1 - 2 月`, `1月-2月`, `1至2月`, `３月` and the like; `None` when it is not a range of months.
    pub fn parse(text: &str) -> Option<Months> {
        let t: String = normalise(text).chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.strip_suffix('月').unwrap_or(&t);
        let (a, b) = match t.split_once(['-', '至', '~', '～']) {
            Some((a, b)) => (a.strip_suffix('月').unwrap_or(a), b),
            None => (t, t),
        };
        let month = |s: &str| s.parse::<u32>().ok().filter(|m| (1..=12).contains(m));
        let (from, to) = (month(a)?, month(b)?);
        (from <= to).then_some(Months { from, to })
    }

    /// Whether the two ranges share a month.
    pub fn overlaps(self, other: Months) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// Whether `month` (1–12) is in the range.
    pub fn contains(self, month: u32) -> bool {
        (self.from..=self.to).contains(&month)
    }
}

/// The month choices of the two 开展时间 selects.
pub const MONTHS: [&str; 12] = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];

/// A column of an activity's row as the screen shows it: 开展时间 is two choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Col {
    /// 计划活动
    Activity,
    /// 工作内容
    Content,
    /// 牵头部门
    Lead,
    /// 责任部门
    Responsible,
    /// 开展时间's first month
    From,
    /// 开展时间's last month
    To,
    /// 活动地点
    Place,
}

impl Col {
    /// The columns in screen order.
    pub const ALL: [Col; 7] =
        [Col::Activity, Col::Content, Col::Lead, Col::Responsible, Col::From, Col::To, Col::Place];
}

/// One planned activity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id, kept when rows move.
    pub id: u32,
    /// 计划活动
    pub activity: String,
    /// 工作内容
    pub content: String,
    /// 牵头部门
    pub lead: String,
    /// 责任部门
    pub responsible: String,
    /// 开展时间, chosen as two months.
    pub months: Option<Months>,
    /// 活动地点: one or more places, separated by spaces or 、.
    pub place: String,
}

impl Plan {
    /// The cell's text: a month choice reads `3月`, or empty when none is chosen.
    pub fn get(&self, col: Col) -> String {
        match col {
            Col::Activity => self.activity.clone(),
            Col::Content => self.content.clone(),
            Col::Lead => self.lead.clone(),
            Col::Responsible => self.responsible.clone(),
            Col::From => self.months.map(|m| format!("{}月", m.from)).unwrap_or_default(),
            Col::To => self.months.map(|m| format!("{}月", m.to)).unwrap_or_default(),
            Col::Place => self.place.clone(),
        }
    }

    /// Sets a cell. Choosing a first month after the last (or a last before the first) moves
    /// the other end along, so the range stays a range; choosing no month clears 开展时间.
    pub fn set(&mut self, col: Col, value: String) {
        let month = || Months::parse(&value).filter(|m| m.from == m.to).map(|m| m.from);
        match col {
            Col::Activity => self.activity = value,
            Col::Content => self.content = value,
            Col::Lead => self.lead = value,
            Col::Responsible => self.responsible = value,
            Col::Place => self.place = value,
            Col::From => {
                self.months = month().map(|from| Months { from, to: self.months.map_or(from, |m| m.to.max(from)) });
            }
            Col::To => {
                self.months = month().map(|to| Months { from: self.months.map_or(to, |m| m.from.min(to)), to });
            }
        }
    }

    /// The places named in 活动地点.
    pub fn places(&self) -> Vec<&str> {
        self.place
            .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';'))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

fn month_order(p: &Plan) -> (u32, u32) {
    p.months.map_or((13, 13), |m| (m.from, m.to))
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Anpai {
    /// 年度, e.g. 2021.
    pub year: String,
    /// The issuing unit, e.g. 柳州市科协.
    pub issuer: String,
    /// The series brand, e.g. 科普梦·乡村情.
    pub brand: String,
    /// The activities.
    pub rows: Vec<Plan>,
}

/// A field of the table, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 年度
    Year,
    /// 单位
    Issuer,
    /// 计划活动 of row `i` (0-based).
    Activity(usize),
    /// 开展时间 of row `i`.
    Months(usize),
    /// 活动地点 of row `i`.
    Place(usize),
}

impl Field {
    /// The cell a message of this field shows in; `None` for the fields above the table.
    pub fn cell(self) -> Option<(usize, Col)> {
        match self {
            Field::Year | Field::Issuer => None,
            Field::Activity(i) => Some((i, Col::Activity)),
            Field::Months(i) => Some((i, Col::From)),
            Field::Place(i) => Some((i, Col::Place)),
        }
    }
}

/// A field of the 重点活动安排表 above its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// 年度
    Year,
    /// 单位
    Issuer,
    /// The brand in the title; may stay blank (the title then names no brand).
    Brand,
}

impl crate::form::Heads for Anpai {
    type Head = Head;

    crate::text_heads! {
        Head::Year => year,
        Head::Issuer => issuer,
        Head::Brand => brand,
    }

    fn checked(head: Head) -> Option<Field> {
        match head {
            Head::Year => Some(Field::Year),
            Head::Issuer => Some(Field::Issuer),
            Head::Brand => None,
        }
    }
}

crate::one_export_form!(Anpai, FORM_NAME, Export::FORM, |table, _| csv_file_name(table), |first| {
    crate::form::starts_with(first, &COLUMNS)
});

impl crate::draft::Stored for Anpai {
    type Field = Field;

    /// This year's table.
    fn blank(today: NaiveDate) -> Self {
        Anpai { year: today.year().to_string(), ..Anpai::default() }
    }

    /// This year's table, with the issuer and the brand kept.
    fn fresh(&self, today: NaiveDate) -> Self {
        Anpai { issuer: self.issuer.clone(), brand: self.brand.clone(), ..Anpai::blank(today) }
    }

    /// `柳州市科协 · 2021年`
    fn list_title(&self) -> String {
        crate::drafts::unit_and_year(&self.issuer, &self.year)
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

impl Anpai {
    /// Adds an empty activity at the end; its id.
    pub fn add_row(&mut self) -> u32 {
        let id = self.rows.iter().map(|p| p.id).max().map_or(1, |m| m + 1);
        self.rows.push(Plan { id, ..Plan::default() });
        id
    }

    /// `2021年柳州市科协“科普梦·乡村情”系列科普品牌重点活动安排表`
    pub fn title(&self) -> String {
        let brand = self.brand.trim();
        let series = if brand.is_empty() { String::new() } else { format!("“{brand}”系列科普品牌") };
        format!("{}年{}{series}重点活动安排表", self.year.trim(), self.issuer.trim())
    }

    /// Puts the rows in month order (by first month, then last); rows without months go last.
    pub fn sort_by_months(&mut self) {
        self.rows.sort_by_key(month_order);
    }

    /// The rows in month order, as printed and exported; the screen keeps the user's order.
    pub fn in_order(&self) -> Vec<&Plan> {
        let mut rows: Vec<&Plan> = self.rows.iter().collect();
        rows.sort_by_key(|p| month_order(p));
        rows
    }

    /// Whether the rows are already in month order.
    pub fn in_month_order(&self) -> bool {
        self.rows.is_sorted_by_key(month_order)
    }

    /// The activities planned in `month` (1–12), in table order: what 生成本月统计表 starts from.
    pub fn planned_in(&self, month: u32) -> Vec<&Plan> {
        self.rows.iter().filter(|p| p.months.is_some_and(|m| m.contains(month))).collect()
    }
}

impl Anpai {
    /// 生成本月统计表: a 活动统计表 for `month` (1–12) of this table's year, filled in `today`,
    /// with one row per activity planned in that month (活动内容 from 计划活动, 活动地点
    /// carried over); `Err` says in Chinese why there is none.
    pub fn statistics_sheet(&self, month: u32, today: NaiveDate) -> Result<Tongji, String> {
        let year = crate::rules::numbers::year(&self.year);
        let Some(year) = year.filter(|&y| NaiveDate::from_ymd_opt(y, month, 1).is_some()) else {
            return Err(crate::rules::numbers::year_message());
        };
        let planned = self.planned_in(month);
        if planned.is_empty() {
            return Err(format!("{month}月没有计划活动，请先在开展时间中安排"));
        }
        let mut sheet = Tongji { unit: self.issuer.trim().to_owned(), ..Tongji::new_for(today) };
        sheet.month = format!("{year:04}-{month:02}");
        if !self.brand.trim().is_empty() {
            sheet.brand = self.brand.trim().to_owned();
        }
        for plan in planned {
            sheet.add_row();
            if let Some(row) = sheet.rows.last_mut() {
                row.set(tongji::Col::Content, plan.activity.trim().to_owned());
                row.set(tongji::Col::Place, plan.place.trim().to_owned());
            }
        }
        Ok(sheet)
    }
}

/// Every problem of the table: missing 计划活动, 开展时间 or 活动地点 (errors), and two activities
/// at the same place in overlapping months (a warning on the later row).
pub fn validate(table: &Anpai) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    if crate::rules::numbers::year(&table.year).is_none() {
        out.push(Problem::error(Field::Year, crate::rules::numbers::year_message()));
    }
    if table.issuer.trim().is_empty() {
        out.push(Problem::error(Field::Issuer, "请填写单位，如：柳州市科协"));
    }
    for (i, plan) in table.rows.iter().enumerate() {
        let n = i + 1;
        if plan.activity.trim().is_empty() {
            out.push(Problem::error(Field::Activity(i), format!("第{n}行：请填写计划活动")));
        }
        if plan.months.is_none() {
            out.push(Problem::error(Field::Months(i), format!("第{n}行：请选择开展时间的起止月份")));
        }
        if plan.place.trim().is_empty() {
            out.push(Problem::error(Field::Place(i), format!("第{n}行：请填写活动地点")));
        }
        let Some(months) = plan.months else { continue };
        for (j, earlier) in table.rows.iter().enumerate().take(i) {
            let Some(other) = earlier.months.filter(|m| m.overlaps(months)) else { continue };
            let shared: Vec<&str> = plan.places().into_iter().filter(|p| earlier.places().contains(p)).collect();
            if let Some(place) = shared.first() {
                out.push(Problem::warning(
                    Field::Months(i),
                    format!(
                        "第{n}行与第{}行在{place}的开展时间重叠（{}、{}），请确认是否有意安排",
                        j + 1,
                        months.label(),
                        other.label()
                    ),
                ));
            }
        }
    }
    out
}

/// The table as CSV: the paper's columns, a row per activity in month order.
pub fn to_csv(table: &Anpai) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for c in COLUMNS {
        out.text(c);
    }
    out.end_row();
    for p in table.in_order() {
        for cell in [&p.activity, &p.content, &p.lead, &p.responsible] {
            out.text(cell.trim());
        }
        out.text(&p.months.map(Months::label).unwrap_or_default());
        out.text(p.place.trim());
        out.end_row();
    }
    out.finish()
}

/// `{单位}_重点活动安排表_{年度}.csv`
pub fn csv_file_name(table: &Anpai) -> String {
    let year = table.year.trim();
    csv_out::file_name(&table.issuer, FORM_NAME, if year.is_empty() { "未填年度" } else { year })
}

/// The 重点活动安排表 as a workbook's one sheet, named for its tab.
pub fn workbook(table: &Anpai) -> Vec<(&'static str, Sheet)> {
    vec![(FORM_NAME, print_sheet(table))]
}

/// The paper 附件1 on A4 landscape: the activities in month order.
pub fn print_sheet(table: &Anpai) -> Sheet {
    let rows = table
        .in_order()
        .into_iter()
        .map(|plan| {
            let months = plan.months.map(Months::label).unwrap_or_default();
            let cells = [&plan.activity, &plan.content, &plan.lead, &plan.responsible, &months, &plan.place];
            Row::of(cells.into_iter().map(|c| Cell::text(c.trim())).collect())
        })
        .collect();
    Sheet {
        attachment: "附件1".into(),
        title: table.title(),
        failed_check: crate::rules::problem::has_errors(&validate(table)),
        landscape: true,
        blocks: vec![Block::Table(Table {
            class: "print-table print-anpai",
            columns: Vec::new(),
            head: COLUMNS.map(str::to_owned).to_vec(),
            rows,
        })],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Stored;

    /// The seed's seven rows (seeds/004 附件1), 开展时间 and 活动地点 as printed; 工作内容 shortened.
    fn seed() -> Anpai {
        let rows = [
            (
                "欢欢喜喜过大年 科普祝福迎新春",
                "柳州科技馆",
                "柳州科技馆、各县区科协",
                "1-2 月",
                "市本级、各县区科协在当地开展因地制宜科普活动",
            ),
            (
                "党旗引领学雷锋 科普宣传护消费",
                "市科协科技社团党委、市科协党支部、市科协办公室、柳州科技馆",
                "市科协、柳州科技馆、各县区科协",
                "3 月",
                "鹿寨县",
            ),
            (
                "学术科普进乡村 暖心慰问科普人",
                "市科协科技社团党委、市科协学会部",
                "市科协、各县区科协",
                "4 月",
                "融安县 融水县",
            ),
            (
                "青少年科普进校园 禁毒宣传我先行",
                "市科协科普部、市科协学会部、柳州科技馆",
                "市科协、柳州科技馆、各县区科协",
                "5-6 月",
                "柳江区 三江县",
            ),
            (
                "建党百年有积淀 创先争优向党",
                "市科协科技社团党委、市科协党支部",
                "市科协、各县区科协",
                "7-8 月",
                "融水县 融安县",
            ),
            (
                "全市科普大联合 乡村振兴齐助力",
                "市科协科普部、学会部、柳州科技馆",
                "市科协、柳州科技馆、各县区科协",
                "9-10 月",
                "三江县",
            ),
            (
                "消防安全进万家 法学普及你我他",
                "市科协科普部、柳州科技馆",
                "市科协、柳州科技馆、各县区科协",
                "11-12 月",
                "柳城县 鹿寨县",
            ),
        ];
        Anpai {
            year: "2021".into(),
            issuer: "柳州市科协".into(),
            brand: "科普梦·乡村情".into(),
            rows: rows
                .iter()
                .zip(1..)
                .map(|(&(activity, lead, responsible, months, place), id)| Plan {
                    id,
                    activity: activity.into(),
                    content: format!("{activity}的工作内容"),
                    lead: lead.into(),
                    responsible: responsible.into(),
                    months: Months::parse(months),
                    place: place.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_seed_table_reads_back_in_month_order_without_problems() {
        let t = seed();
        assert_eq!(t.title(), "2021年柳州市科协“科普梦·乡村情”系列科普品牌重点活动安排表");
        let labels: Vec<String> = t.rows.iter().map(|p| p.months.unwrap().label()).collect();
        assert_eq!(labels, ["1-2月", "3月", "4月", "5-6月", "7-8月", "9-10月", "11-12月"]);
        assert!(t.in_month_order());
        assert_eq!(validate(&t), []);
        assert_eq!(t.rows[2].places(), ["融安县", "融水县"]);
    }

    #[test]
    fn month_ranges_are_read_as_people_write_them() {
        let m = |from, to| Some(Months { from, to });
        assert_eq!(Months::parse("1-2月"), m(1, 2));
        assert_eq!(Months::parse(" 11 - 12 月"), m(11, 12));
        assert_eq!(Months::parse("1月-2月"), m(1, 2));
        assert_eq!(Months::parse("5至6月"), m(5, 6));
        assert_eq!(Months::parse("１－２月"), m(1, 2));
        assert_eq!(Months::parse("3"), m(3, 3));
        for bad in ["", "13月", "0月", "2-1月", "春节", "1-"] {
            assert_eq!(Months::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn overlapping_months_at_a_shared_place_are_a_warning() {
        let mut t = seed();
        t.rows[4].months = Months::parse("4-5月");
        let problems = validate(&t);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Months(4));
        assert!(!problems[0].is_error());
        assert_eq!(problems[0].message, "第5行与第3行在融水县的开展时间重叠（4-5月、4月），请确认是否有意安排");
        t.rows[4].place = "柳南区".into();
        assert_eq!(validate(&t), []);
    }

    #[test]
    fn sorting_puts_rows_in_month_order_and_unscheduled_last() {
        let mut t = seed();
        t.rows.swap(0, 6);
        t.rows[3].months = None;
        assert!(!t.in_month_order());
        t.sort_by_months();
        let ids: Vec<u32> = t.rows.iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 2, 3, 5, 6, 7, 4]);
        assert_eq!(validate(&t).iter().map(|p| p.field).collect::<Vec<_>>(), [Field::Months(6)]);
    }

    #[test]
    fn the_activities_of_a_month_for_its_statistics_sheet() {
        let t = seed();
        let names = |m| t.planned_in(m).iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(names(2), [1]);
        assert_eq!(names(6), [4]);
        assert_eq!(names(12), [7]);
    }

    #[test]
    fn month_choices_keep_a_range() {
        let mut p = Plan::default();
        p.set(Col::To, "5月".into());
        assert_eq!(p.months, Some(Months { from: 5, to: 5 }));
        p.set(Col::From, "3月".into());
        assert_eq!((p.get(Col::From), p.get(Col::To)), ("3月".into(), "5月".into()));
        p.set(Col::From, "7月".into());
        assert_eq!(p.months, Some(Months { from: 7, to: 7 }));
        p.set(Col::To, "2月".into());
        assert_eq!(p.months, Some(Months { from: 2, to: 2 }));
        p.set(Col::From, String::new());
        assert_eq!(p.months, None);
    }

    #[test]
    fn a_statistics_sheet_for_a_month_lists_its_planned_activities() {
        let today = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        let sheet = seed().statistics_sheet(6, today).unwrap();
        assert_eq!(
            (sheet.unit.as_str(), sheet.month.as_str(), sheet.brand.as_str()),
            ("柳州市科协", "2021-06", "科普梦·乡村情")
        );
        assert_eq!(sheet.filled_on, "2021-06-30");
        let rows: Vec<(&str, &str)> = sheet.rows.iter().map(|r| (r.content.as_str(), r.place.as_str())).collect();
        assert_eq!(rows, [("青少年科普进校园 禁毒宣传我先行", "柳江区 三江县")]);
        assert_eq!(seed().statistics_sheet(2, today).unwrap().rows.len(), 1);
        let mut t = seed();
        t.rows.retain(|p| p.id != 4);
        assert_eq!(t.statistics_sheet(6, today).unwrap_err(), "6月没有计划活动，请先在开展时间中安排");
        t.year = "二〇二一".into();
        assert_eq!(t.statistics_sheet(2, today).unwrap_err(), "请填写四位数的年度（2000—2100），如：2021");
    }

    #[test]
    fn csv_has_the_paper_columns_and_month_labels() {
        let text = String::from_utf8(to_csv(&seed())).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "计划活动,工作内容,牵头部门,责任部门,开展时间,活动地点");
        assert!(lines[3].ends_with(",4月,融安县 融水县"), "{}", lines[3]);
        assert_eq!(lines.len(), 9);
        assert_eq!(csv_file_name(&seed()), "柳州市科协_重点活动安排表_2021.csv");
    }

    #[test]
    fn the_year_and_the_unit_above_the_table_are_checked() {
        let blank = Anpai::default();
        let problems: Vec<_> = validate(&blank).into_iter().map(|p| (p.field, p.message)).collect();
        assert_eq!(
            problems,
            [
                (Field::Year, "请填写四位数的年度（2000—2100），如：2021".to_owned()),
                (Field::Issuer, "请填写单位，如：柳州市科协".to_owned()),
            ]
        );
        let typed = Anpai { year: "２０２１年".into(), issuer: "柳州市科协".into(), ..Anpai::default() };
        assert_eq!(validate(&typed), []);
        assert_eq!((Field::Year.cell(), Field::Months(2).cell()), (None, Some((2, Col::From))));
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let this_year = Anpai::blank(today);
        assert_eq!(this_year.title(), "2026年重点活动安排表");
        let next = Stored::fresh(&Anpai { issuer: "柳州市科协".into(), brand: "科普梦·乡村情".into(), ..typed }, today);
        assert_eq!(next.title(), "2026年柳州市科协“科普梦·乡村情”系列科普品牌重点活动安排表");
    }
}
