//! 申报表 — 社区特色科普活动申报表 (seeds/000 附件1, FORMS.md section A):
//! its data, its check, its CSV and its print model.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::forms::budget::{self, Budget, BudgetField};
use crate::rules::contact::{self, PhoneKind};
use crate::form::Export;
use crate::rules::csv_out;
use crate::rules::dates::{self, BLANK_DATE};
use crate::rules::print::{Block, Cell, Column, Content, Row, RowKind, Sheet, Table};
use crate::rules::problem::{self, Problem};
use crate::rules::zi;

/// The paper form's name in file names and the form switcher.
pub const FORM_NAME: &str = "申报表";

/// 活动方案 must have at least this many 字.
pub const PLAN_MIN_ZI: usize = 800;

/// The organising stage (活动组织阶段) of the notice: June to November.
const STAGE_MONTHS: std::ops::RangeInclusive<u32> = 6..=11;

/// Suggestions for 所在城区 when the city is 柳州市 (FORMS.md A).
pub const LIUZHOU_DISTRICTS: [&str; 10] = [
    "城中区",
    "鱼峰区",
    "柳南区",
    "柳北区",
    "柳江区",
    "柳城县",
    "鹿寨县",
    "融安县",
    "融水苗族自治县",
    "三江侗族自治县",
];

/// Every field a user types into, in the paper's order, settings last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 所在城区
    District,
    /// 社区名称
    Community,
    /// 联系地址
    Address,
    /// 联系人
    Contact,
    /// 联系电话
    Phone,
    /// 电子邮箱
    Email,
    /// 活动名称
    ActivityName,
    /// 活动起止时间: 开始日期
    StartDate,
    /// 活动起止时间: 结束日期
    EndDate,
    /// 活动方案
    Plan,
    /// A cell, funding source or the whole of the 活动预算 table.
    Budget(BudgetField),
    /// 年度 (settings)
    Year,
    /// 城市 (settings)
    City,
    /// 申报截止日期 (settings)
    Deadline,
}

impl Field {
    /// The single-value fields of the form itself, in the paper's order.
    pub const FORM: [Field; 10] = [
        Field::District,
        Field::Community,
        Field::Address,
        Field::Contact,
        Field::Phone,
        Field::Email,
        Field::ActivityName,
        Field::StartDate,
        Field::EndDate,
        Field::Plan,
    ];

    /// The fields of the settings panel.
    pub const SETTINGS: [Field; 3] = [Field::Year, Field::City, Field::Deadline];

    /// The label on the paper.
    pub const fn label(self) -> &'static str {
        match self {
            Field::District => "所在城区",
            Field::Community => "社区名称",
            Field::Address => "联系地址",
            Field::Contact => "联系人",
            Field::Phone => "联系电话",
            Field::Email => "电子邮箱",
            Field::ActivityName => "活动名称",
            Field::StartDate => "开始日期",
            Field::EndDate => "结束日期",
            Field::Plan => "活动方案",
            Field::Budget(_) => "活动预算",
            Field::Year => "年度",
            Field::City => "城市",
            Field::Deadline => "申报截止日期",
        }
    }
}

/// The settings every city and year change: the title and the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// 年度, as typed.
    pub year: String,
    /// 城市
    pub city: String,
    /// 申报截止日期, `YYYY-MM-DD`.
    pub deadline: String,
}

impl Settings {
    /// 年度 as a number, if it is a plausible four-digit year.
    pub fn valid_year(&self) -> Option<i32> {
        crate::rules::numbers::year(&self.year)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self { year: "2024".into(), city: "柳州市".into(), deadline: "2024-04-13".into() }
    }
}

/// A 申报表 as the user typed it: every value kept verbatim, checked separately.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Shenbao {
    /// Title and deadline settings.
    pub settings: Settings,
    /// 所在城区
    pub district: String,
    /// 社区名称
    pub community: String,
    /// 联系地址
    pub address: String,
    /// 联系人
    pub contact: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
    /// 活动名称
    pub activity_name: String,
    /// 开始日期, `YYYY-MM-DD`
    pub start_date: String,
    /// 结束日期, `YYYY-MM-DD`
    pub end_date: String,
    /// 活动方案
    pub plan: String,
    /// 活动预算
    #[serde(deserialize_with = "budget::read_budget")]
    pub budget: Budget,
}

impl Shenbao {
    /// The value of `field`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::District => &self.district,
            Field::Community => &self.community,
            Field::Address => &self.address,
            Field::Contact => &self.contact,
            Field::Phone => &self.phone,
            Field::Email => &self.email,
            Field::ActivityName => &self.activity_name,
            Field::StartDate => &self.start_date,
            Field::EndDate => &self.end_date,
            Field::Plan => &self.plan,
            Field::Budget(BudgetField::Funding(source)) => self.budget.funding(source),
            Field::Budget(_) => "",
            Field::Year => &self.settings.year,
            Field::City => &self.settings.city,
            Field::Deadline => &self.settings.deadline,
        }
    }

    /// Replaces the value of a single-value `field` (the budget's funding lines too);
    /// the budget's rows go through the row engine.
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Budget(BudgetField::Funding(source)) => return self.budget.set_funding(source, value),
            Field::Budget(_) => return,
            Field::District => &mut self.district,
            Field::Community => &mut self.community,
            Field::Address => &mut self.address,
            Field::Contact => &mut self.contact,
            Field::Phone => &mut self.phone,
            Field::Email => &mut self.email,
            Field::ActivityName => &mut self.activity_name,
            Field::StartDate => &mut self.start_date,
            Field::EndDate => &mut self.end_date,
            Field::Plan => &mut self.plan,
            Field::Year => &mut self.settings.year,
            Field::City => &mut self.settings.city,
            Field::Deadline => &mut self.settings.deadline,
        };
        *slot = value;
    }

    /// `{年度}年{城市}社区特色科普活动申报表`
    pub fn title(&self) -> String {
        format!("{}年{}社区特色科普活动申报表", self.settings.year.trim(), self.settings.city.trim())
    }

    /// The deadline as the notice writes it, or what was typed if it is not a date.
    pub fn deadline_text(&self) -> String {
        dates::parse_iso(&self.settings.deadline)
            .map(dates::format_cn)
            .unwrap_or_else(|| self.settings.deadline.clone())
    }

    /// Suggestions for 所在城区 in the configured city.
    pub fn district_suggestions(&self) -> &'static [&'static str] {
        if self.settings.city.trim() == "柳州市" { &LIUZHOU_DISTRICTS } else { &[] }
    }

    /// The 活动起止时间 line of the print: `2024年6月1日至2024年11月30日`.
    pub fn period_text(&self) -> String {
        let show = |s: &str| dates::parse_iso(s).map(dates::format_cn).unwrap_or_else(|| s.trim().to_owned());
        let (start, end) = (show(&self.start_date), show(&self.end_date));
        match (start.is_empty(), end.is_empty()) {
            (true, true) => String::new(),
            _ => format!("{start}至{end}"),
        }
    }
}

/// Format 1 is read by [`budget::read_budget`]; nothing else changed.
/// The 活动预算 alone, exported beside the form (导出预算CSV, 导出预算Excel).
pub const BUDGET_EXPORT: usize = 1;

impl crate::form::Heads for Shenbao {
    type Head = Field;

    fn head(&self, field: Field) -> &str {
        self.get(field)
    }

    fn set_head(&mut self, field: Field, value: String) {
        self.set(field, value);
    }

    fn checked(field: Field) -> Option<Field> {
        Some(field)
    }

    /// Every line of the paper but the budget's funding split, which may stay blank.
    fn required(&self, field: Field) -> bool {
        !matches!(field, Field::Budget(_))
    }
}

impl crate::form::Form for Shenbao {
    const NAME: &'static str = FORM_NAME;
    const EXPORTS: &'static [Export] =
        &[Export::FORM, Export { key: "budget", csv: "导出预算CSV", excel: "导出预算Excel" }];

    fn file_name(&self, export: usize, today: NaiveDate) -> String {
        if export == BUDGET_EXPORT { budget_csv_file_name(self, today) } else { csv_file_name(self, today) }
    }

    fn to_csv(&self, export: usize) -> Vec<u8> {
        if export == BUDGET_EXPORT { budget::to_csv(&self.budget) } else { to_csv(self) }
    }

    fn print_sheet(&self) -> Sheet {
        print_sheet(self)
    }

    fn workbook(&self, export: usize) -> Vec<(&'static str, Sheet)> {
        if export == BUDGET_EXPORT { vec![(budget::FORM_NAME, budget_sheet(self))] } else { workbook(self) }
    }

    fn export_of(first: &[&str]) -> Option<usize> {
        if crate::form::starts_with(first, &CSV_HEADER[..2]) {
            Some(0)
        } else {
            crate::form::starts_with(first, &budget::CSV_HEADER[..2]).then_some(BUDGET_EXPORT)
        }
    }
}

impl crate::draft::Stored for Shenbao {
    type Field = Field;

    /// This year's form for 柳州市; the deadline stays blank until the notice gives it.
    fn blank(today: NaiveDate) -> Self {
        let settings = Settings { year: today.year().to_string(), deadline: String::new(), ..Settings::default() };
        Self { settings, ..Self::default() }
    }

    /// A blank form that keeps this one's settings.
    fn fresh(&self, _today: NaiveDate) -> Self {
        Self { settings: self.settings.clone(), ..Self::default() }
    }

    /// `河东社区 · 2024年6月`: the community and the month the activity starts.
    fn list_title(&self) -> String {
        let who = self.community.trim();
        let who = if who.is_empty() { "未填社区名称" } else { who };
        match dates::parse_iso(&self.start_date) {
            Some(start) => format!("{who} · {}年{}月", start.year(), start.month()),
            None => who.to_owned(),
        }
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

fn required(form: &Shenbao, field: Field, out: &mut Vec<Problem<Field>>) -> bool {
    if form.get(field).trim().is_empty() {
        out.push(Problem::error(field, format!("请填写{}", field.label())));
        false
    } else {
        true
    }
}

fn length_between(form: &Shenbao, field: Field, min: usize, max: usize, out: &mut Vec<Problem<Field>>) {
    let n = zi::zi_count(form.get(field));
    let label = field.label();
    if n < min {
        out.push(Problem::error(field, format!("{label}应为{min}–{max}字，现为{n}字，请补全")));
    } else if n > max {
        out.push(Problem::error(field, format!("{label}应为{min}–{max}字，现为{n}字，请精简")));
    }
}

fn at_most(form: &Shenbao, field: Field, max: usize, out: &mut Vec<Problem<Field>>) {
    let n = zi::zi_count(form.get(field));
    if n > max {
        out.push(Problem::error(field, format!("{}不超过{max}字，现为{n}字，请精简", field.label())));
    }
}

fn date(form: &Shenbao, field: Field, out: &mut Vec<Problem<Field>>) -> Option<NaiveDate> {
    if !required(form, field, out) {
        return None;
    }
    let parsed = dates::parse_iso(form.get(field));
    if parsed.is_none() {
        out.push(Problem::error(field, format!("{}不是有效日期，请按“年-月-日”重新选择", field.label())));
    }
    parsed
}

/// Every problem of `form`, in the paper's order; an empty list means ready to submit.
pub fn validate(form: &Shenbao) -> Vec<Problem<Field>> {
    validate_counted(form, zi::zi_count(&form.plan))
}

/// [`validate`] given the 字数 of the plan, which a page typing into a
/// 20,000-字 plan already keeps (`zi::Recount`) and need not count again.
pub fn validate_counted(form: &Shenbao, plan_zi: usize) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    required(form, Field::District, &mut out);
    if required(form, Field::Community, &mut out) {
        length_between(form, Field::Community, 2, 50, &mut out);
    }
    if required(form, Field::Address, &mut out) {
        at_most(form, Field::Address, 100, &mut out);
    }
    if required(form, Field::Contact, &mut out) {
        length_between(form, Field::Contact, 2, 20, &mut out);
    }
    if required(form, Field::Phone, &mut out) {
        match contact::classify_phone(&form.phone) {
            PhoneKind::Mobile | PhoneKind::Landline => {}
            PhoneKind::LocalOnly => {
                out.push(Problem::warning(Field::Phone, "联系电话缺少区号：请在号码前加上区号，如0772-2625843"))
            }
            PhoneKind::Invalid => out.push(Problem::error(
                Field::Phone,
                "联系电话格式不正确：请填写11位手机号（如13877246160）或带区号的固定电话（如0772-2625843）",
            )),
        }
    }
    if required(form, Field::Email, &mut out) && !contact::is_email(&form.email) {
        out.push(Problem::error(Field::Email, "电子邮箱格式不正确：请填写如 lzkxkpb@163.com 的完整地址"));
    }
    if required(form, Field::ActivityName, &mut out) {
        at_most(form, Field::ActivityName, 50, &mut out);
    }
    check_period(form, &mut out);
    if form.plan.trim().is_empty() {
        out.push(Problem::error(Field::Plan, format!("请填写活动方案（不少于{PLAN_MIN_ZI}字）")));
    } else if plan_zi < PLAN_MIN_ZI {
        out.push(Problem::error(
            Field::Plan,
            format!("活动方案不少于{PLAN_MIN_ZI}字，现为{plan_zi}字，还差{}字，请补充", PLAN_MIN_ZI - plan_zi),
        ));
    }
    out.extend(budget::validate(&form.budget).into_iter().map(|p| Problem {
        field: Field::Budget(p.field),
        severity: p.severity,
        message: p.message,
    }));
    check_settings(form, &mut out);
    out
}

fn check_period(form: &Shenbao, out: &mut Vec<Problem<Field>>) {
    let start = date(form, Field::StartDate, out);
    let end = date(form, Field::EndDate, out);
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        out.push(Problem::error(Field::EndDate, "结束日期早于开始日期：请把结束日期改为开始日期当天或之后"));
    }
    let Some(year) = form.settings.valid_year() else {
        return;
    };
    let in_stage = |d: NaiveDate| d.year() == year && STAGE_MONTHS.contains(&d.month());
    let outside =
        [(Field::StartDate, start), (Field::EndDate, end)].into_iter().find(|(_, d)| d.is_some_and(|d| !in_stage(d)));
    if let Some((field, _)) = outside {
        out.push(Problem::warning(field, format!("活动起止时间不在{year}年6–11月的活动组织阶段内，请确认日期")));
    }
}

fn check_settings(form: &Shenbao, out: &mut Vec<Problem<Field>>) {
    if form.settings.valid_year().is_none() {
        out.push(Problem::error(Field::Year, "年度应为四位年份，如2024"));
    }
    required(form, Field::City, out);
    if !form.settings.deadline.trim().is_empty() && dates::parse_iso(&form.settings.deadline).is_none() {
        out.push(Problem::error(Field::Deadline, "申报截止日期不是有效日期，请重新选择"));
    }
}

/// The CSV header: the paper's labels, the computed 字数 and the check result.
pub const CSV_HEADER: [&str; 14] = [
    "年度",
    "所在城区",
    "社区名称",
    "联系地址",
    "联系人",
    "联系电话",
    "电子邮箱",
    "活动名称",
    "开始日期",
    "结束日期",
    "活动方案",
    "活动方案字数",
    "活动预算合计（元）",
    "校验结果",
];

/// The form as CSV bytes: one header row of labels and one data row, then
/// the 活动预算 table under its own title row.
pub fn to_csv(form: &Shenbao) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for h in CSV_HEADER {
        out.text(h);
    }
    out.end_row();
    let passed = !problem::has_errors(&validate(form));
    out.text(form.settings.year.trim());
    for &f in &Field::FORM {
        out.text(form.get(f));
    }
    out.number(&zi::zi_count(&form.plan).to_string());
    out.number(&form.budget.total().plain());
    out.text(if passed { "已通过校验" } else { "未通过校验" });
    out.end_row();
    out.text(budget::FORM_NAME);
    out.end_row();
    budget::write_csv(&form.budget, &mut out);
    out.finish()
}

/// Reads a 申报表 back from the bytes [`to_csv`] wrote, also after Excel or
/// WPS re-saved them (GB18030 through `gb18030`, dates rewritten as `2024/6/1`).
/// 字数, 合计 and 校验结果 are recomputed from what was read, never trusted.
pub fn from_csv(bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Result<Shenbao, csv_out::ReadError> {
    from_records(csv_out::read(bytes, gb18030)?)
}

/// [`from_csv`] of records already read (the 汇总 reads a file once to know which form it is).
pub fn from_records(records: csv_out::Records) -> Result<Shenbao, csv_out::ReadError> {
    let mut records = records.into_iter().skip_while(|(_, r)| r.iter().all(|c| c.trim().is_empty()));
    let Some((line, header)) = records.next() else {
        return Err(csv_out::ReadError { line: None, message: "文件是空的".into() });
    };
    for (i, label) in CSV_HEADER.iter().enumerate() {
        let found = header.get(i).unwrap_or("").trim();
        if found != *label {
            return Err(csv_out::error_at(line, Some(i + 1), format!("应为“{label}”，实为“{found}”")));
        }
    }
    let Some((line, data)) = records.next() else {
        return Err(csv_out::error_at(line + 1, None, "表头下面没有申报内容"));
    };
    let cells: Vec<&str> = data.iter().map(csv_out::restore).collect();
    let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_owned();
    let mut form =
        Shenbao { settings: Settings { year: cell(0).trim().to_owned(), ..Settings::default() }, ..Shenbao::default() };
    for (i, &field) in Field::FORM.iter().enumerate() {
        form.set(field, cell(i + 1));
    }
    for date in [&mut form.start_date, &mut form.end_date] {
        if let Some(d) = dates::parse_day(date)
            && dates::parse_iso(date) != Some(d)
        {
            *date = dates::to_iso(d);
        }
    }
    let _ = line;
    let rest: Vec<_> =
        records.skip_while(|(_, r)| r.get(0).map(str::trim) != Some(budget::FORM_NAME)).skip(1).collect();
    if !rest.is_empty() {
        form.budget = budget::read_csv(&rest)?;
    }
    Ok(form)
}

/// `{社区名称}_申报表_{年月}.csv`, 年月 being the month of `today`.
pub fn csv_file_name(form: &Shenbao, today: NaiveDate) -> String {
    csv_out::file_name(&form.community, FORM_NAME, &dates::year_month(today))
}

/// `{社区名称}_活动预算_{年月}.csv`, 年月 being the month of `today`.
pub fn budget_csv_file_name(form: &Shenbao, today: NaiveDate) -> String {
    csv_out::file_name(&form.community, budget::FORM_NAME, &dates::year_month(today))
}

/// The budget table alone: `{社区名称}_活动预算_{年月}.csv` and its bytes.
pub fn budget_csv(form: &Shenbao, today: NaiveDate) -> (String, Vec<u8>) {
    (budget_csv_file_name(form, today), budget::to_csv(&form.budget))
}

/// The 申报表 as a workbook's sheets, named for their tabs: the form as
/// printed (its seal boxes included), and the 活动预算 on a sheet of its own.
pub fn workbook(form: &Shenbao) -> Vec<(&'static str, Sheet)> {
    let mut sheet = print_sheet(form);
    // The print's budget page (a group after the form's table) becomes the second sheet.
    sheet.blocks.retain(|block| matches!(block, Block::Table(_)));
    vec![(FORM_NAME, sheet), (budget::FORM_NAME, budget_sheet(form))]
}

/// The 活动预算 alone, as the workbook beside 导出预算CSV: its table under
/// `活动预算表` and who it is for.
pub fn budget_sheet(form: &Shenbao) -> Sheet {
    let who = format!("社区名称：{}\u{3000}活动名称：{}", form.community.trim(), form.activity_name.trim());
    Sheet {
        attachment: "附件1".into(),
        title: format!("{}表", budget::FORM_NAME),
        failed_check: problem::has_errors(&budget::validate(&form.budget)),
        landscape: false,
        blocks: vec![
            Block::Para { class: "print-meta", text: who },
            Block::Table(budget::spreadsheet_block(&form.budget)),
        ],
    }
}

/// One bordered row of the print: two label/value pairs side by side.
pub type PrintPair = [(&'static str, String); 2];

/// What the printed 附件1 shows, cell by cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintModel {
    /// `{年度}年{城市}社区特色科普活动申报表`
    pub title: String,
    /// The four rows of short fields, in the paper's order.
    pub pairs: [PrintPair; 4],
    /// 活动方案 as typed, flowing across pages.
    pub plan: String,
    /// 活动预算, as a table printed after the form.
    pub budget: budget::PrintTable,
    /// Whether the check found errors: the print then carries 未通过校验.
    pub failed_check: bool,
}

/// The two opinion boxes of the paper, each with a seal line and a blank date.
pub const OPINION_BOXES: [&str; 2] = ["城区科协意见", "市科协意见"];

/// The seal mark written in each opinion box.
pub const SEAL: &str = "（盖章）";

/// Builds the print model of `form`.
pub fn print_model(form: &Shenbao) -> PrintModel {
    let v = |f: Field| form.get(f).trim().to_owned();
    PrintModel {
        title: form.title(),
        pairs: [
            [("所在城区", v(Field::District)), ("社区名称", v(Field::Community))],
            [("联系地址", v(Field::Address)), ("联系人", v(Field::Contact))],
            [("联系电话", v(Field::Phone)), ("电子邮箱", v(Field::Email))],
            [("活动名称", v(Field::ActivityName)), ("活动起止时间", form.period_text())],
        ],
        plan: form.plan.clone(),
        budget: budget::print_table(&form.budget),
        failed_check: problem::has_errors(&validate(form)),
    }
}

/// `（不少于800字）`, from [`PLAN_MIN_ZI`]: under 活动方案 on screen and on paper.
pub fn plan_hint() -> String {
    format!("（不少于{PLAN_MIN_ZI}字）")
}

/// The paper 附件1 on A4 portrait: the form with its seal boxes, then the
/// budget table on a page of its own.
pub fn print_sheet(form: &Shenbao) -> Sheet {
    let m = print_model(form);
    let b = &m.budget;
    let mut rows: Vec<Row> = m
        .pairs
        .iter()
        .map(|[(l1, v1), (l2, v2)]| Row {
            class: "print-row",
            cells: vec![Cell::label(*l1), Cell::text(v1), Cell::label(*l2), Cell::text(v2)],
            ..Row::default()
        })
        .collect();
    let plan_label = Content::Lines(vec![Field::Plan.label().into(), plan_hint()]);
    rows.push(Row {
        class: "print-plan",
        cells: vec![Cell { content: plan_label, ..Cell::label("") }, Cell::text(&m.plan).span(3).class("print-long")],
        ..Row::default()
    });
    let summary = Content::Paras(vec![
        ("", format!("合计（元）：{}", b.total)),
        ("", format!("合计（大写）：{}", b.total_upper)),
        ("", b.funding_line()),
        ("", format!("明细见附：{}表", budget::FORM_NAME)),
    ]);
    rows.push(Row {
        class: "print-row",
        cells: vec![
            Cell::label(budget::FORM_NAME),
            Cell { content: summary, ..Cell::text("") }.span(3).class("print-budget-summary"),
        ],
        ..Row::default()
    });
    let opinion = |label: &str| Cell {
        content: Content::Paras(vec![
            ("print-opinion__label", label.to_owned()),
            ("print-opinion__seal", SEAL.to_owned()),
            ("print-opinion__date", BLANK_DATE.to_owned()),
        ]),
        ..Cell::text("").span(2).class("print-opinion")
    };
    rows.push(Row {
        class: "print-row print-opinions",
        kind: RowKind::Seals,
        cells: OPINION_BOXES.iter().map(|l| opinion(l)).collect(),
    });
    let label_value = [Column::Class("print-col-label"), Column::Class("print-col-value")];
    let form_table = Table { class: "print-table", columns: label_value.repeat(2), head: Vec::new(), rows };
    Sheet {
        attachment: "附件1".into(),
        title: m.title,
        failed_check: m.failed_check,
        landscape: false,
        blocks: vec![
            Block::Table(form_table),
            Block::Group {
                class: "print-budget",
                blocks: vec![
                    Block::Heading { class: "print-budget__title", text: format!("附：{}表", budget::FORM_NAME) },
                    Block::Table(budget::print_block(&form.budget)),
                ],
            },
        ],
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_print_sheet_is_the_paper_with_its_seal_boxes_and_budget_page() {
        let sheet = print_sheet(&complete());
        assert_eq!((&*sheet.attachment, sheet.failed_check, sheet.landscape), ("附件1", false, false));
        let texts = sheet.texts();
        for expected in [
            "所在城区",
            "活动方案",
            "（不少于800字）",
            "城区科协意见",
            "市科协意见",
            "（盖章）",
            "附：活动预算表",
            "明细见附：活动预算表",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected} in {texts:?}");
        }
        let Block::Group { blocks, .. } = &sheet.blocks[1] else { panic!() };
        let Block::Table(budget) = &blocks[1] else { panic!() };
        assert_eq!(budget.head.len(), 8);
        assert_eq!(budget.rows.last().unwrap().class, "print-budget__funding");
        assert!(print_sheet(&Shenbao::default()).failed_check);
    }

    /// A form that passes every check.
    pub(crate) fn complete() -> Shenbao {
        Shenbao {
            settings: Settings::default(),
            district: "鱼峰区".into(),
            community: "河东社区".into(),
            address: "柳州市鱼峰区文化广场A1区".into(),
            contact: "姜锦红".into(),
            phone: "0772-2625843".into(),
            email: "lzkxkpb@163.com".into(),
            activity_name: "科普进社区".into(),
            start_date: "2024-06-01".into(),
            end_date: "2024-11-30".into(),
            plan: "科".repeat(800),
            budget: Budget {
                rows: vec![budget::BudgetRow {
                    id: 1,
                    item: "宣传资料印制费".into(),
                    quantity: "1".into(),
                    price: "1200".into(),
                    ..Default::default()
                }],
                city: "1200".into(),
                ..Budget::default()
            },
        }
    }

    fn messages(form: &Shenbao) -> Vec<(Field, String)> {
        validate(form).into_iter().map(|p| (p.field, p.message)).collect()
    }

    #[test]
    fn complete_form_passes() {
        assert_eq!(validate(&complete()), vec![]);
    }

    #[test]
    fn empty_form_names_every_required_field() {
        let form = Shenbao::default();
        let fields: Vec<Field> = validate(&form).iter().map(|p| p.field).collect();
        let mut expected = Field::FORM.to_vec();
        expected.push(Field::Budget(BudgetField::Rows));
        assert_eq!(fields, expected);
        assert_eq!(validate(&form)[0].message, "请填写所在城区");
        assert_eq!(validate(&form)[9].message, "请填写活动方案（不少于800字）");
    }

    #[test]
    fn plan_shorter_than_800_zi_says_how_many_are_missing() {
        let mut form = complete();
        form.plan = "科".repeat(799);
        assert_eq!(messages(&form), vec![(Field::Plan, "活动方案不少于800字，现为799字，还差1字，请补充".to_owned())]);
        form.plan = format!("{} AI", "科".repeat(799));
        assert_eq!(validate(&form), vec![]);
    }

    #[test]
    fn a_page_gives_the_plan_count_it_keeps() {
        let mut form = complete();
        form.plan = "科".repeat(799);
        let kept = zi::Recount::default().count(&form.plan).zi;
        assert_eq!(validate_counted(&form, kept), validate(&form));
        // The count given is the one judged: nothing counts the 20,000 字 again.
        assert_eq!(validate_counted(&form, PLAN_MIN_ZI), vec![]);
    }

    #[test]
    fn lengths_are_counted_in_zi() {
        let mut form = complete();
        form.community = "河".into();
        form.contact = "张".repeat(21);
        form.activity_name = "动".repeat(51);
        form.address = "址".repeat(101);
        assert_eq!(
            messages(&form),
            vec![
                (Field::Community, "社区名称应为2–50字，现为1字，请补全".to_owned()),
                (Field::Address, "联系地址不超过100字，现为101字，请精简".to_owned()),
                (Field::Contact, "联系人应为2–20字，现为21字，请精简".to_owned()),
                (Field::ActivityName, "活动名称不超过50字，现为51字，请精简".to_owned()),
            ]
        );
    }

    #[test]
    fn phone_and_email() {
        let mut form = complete();
        form.phone = "2625843".into();
        form.email = "lzkxkpb@163".into();
        let problems = validate(&form);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].severity, problem::Severity::Warning);
        assert_eq!(problems[0].message, "联系电话缺少区号：请在号码前加上区号，如0772-2625843");
        assert!(problems[1].is_error());
        assert_eq!(problems[1].field, Field::Email);
        form.phone = "12345".into();
        assert!(validate(&form)[0].message.starts_with("联系电话格式不正确"));
    }

    #[test]
    fn period_order_and_stage() {
        let mut form = complete();
        form.start_date = "2024-07-10".into();
        form.end_date = "2024-07-01".into();
        assert_eq!(
            messages(&form),
            vec![(Field::EndDate, "结束日期早于开始日期：请把结束日期改为开始日期当天或之后".to_owned())]
        );
        form.end_date = "2024-12-05".into();
        let problems = validate(&form);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::EndDate);
        assert_eq!(problems[0].severity, problem::Severity::Warning);
        assert_eq!(problems[0].message, "活动起止时间不在2024年6–11月的活动组织阶段内，请确认日期");
        form.start_date = "2024-02-30".into();
        assert_eq!(validate(&form)[0].message, "开始日期不是有效日期，请按“年-月-日”重新选择");
    }

    #[test]
    fn settings_are_checked() {
        let mut form = complete();
        form.settings.year = "24".into();
        form.settings.city = " ".into();
        form.settings.deadline = "2024-04-31".into();
        let fields: Vec<Field> = validate(&form).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec![Field::Year, Field::City, Field::Deadline]);
    }

    #[test]
    fn title_and_deadline_follow_settings() {
        let mut form = Shenbao::default();
        assert_eq!(form.title(), "2024年柳州市社区特色科普活动申报表");
        assert_eq!(form.deadline_text(), "2024年4月13日");
        form.settings.year = "2025".into();
        form.settings.city = "桂林市".into();
        assert_eq!(form.title(), "2025年桂林市社区特色科普活动申报表");
        assert!(form.district_suggestions().is_empty());
    }

    #[test]
    fn new_drafts_keep_settings_only_and_start_on_this_year() {
        use crate::draft::Stored;
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut form = complete();
        form.settings.city = "南宁市".into();
        let blank = Stored::fresh(&form, today);
        assert_eq!(blank.settings, form.settings);
        assert_eq!(blank.plan, "");
        assert_eq!(blank.community, "");
        let first = Shenbao::blank(today);
        assert_eq!(first.title(), "2026年柳州市社区特色科普活动申报表");
        assert_eq!((first.settings.deadline.as_str(), first.deadline_text().as_str()), ("", ""));
    }

    #[test]
    fn get_and_set_address_the_same_slot() {
        let mut form = Shenbao::default();
        for (i, f) in Field::FORM.iter().chain(Field::SETTINGS.iter()).enumerate() {
            form.set(*f, format!("v{i}"));
        }
        for (i, f) in Field::FORM.iter().chain(Field::SETTINGS.iter()).enumerate() {
            assert_eq!(form.get(*f), format!("v{i}"));
        }
        form.set(Field::Budget(BudgetField::Rows), "ignored".into());
        assert_eq!(form.budget, Budget::default());
    }

    #[test]
    fn csv_has_header_and_one_row() {
        let mut form = complete();
        form.plan = format!("=危险开头\r\n{}", "科".repeat(800));
        let text = String::from_utf8(to_csv(&form)).unwrap();
        let plan_cell = format!("\"'=危险开头\r\n{}\"", "科".repeat(800));
        let expected = format!(
            "\u{FEFF}年度,所在城区,社区名称,联系地址,联系人,联系电话,电子邮箱,活动名称,开始日期,结束日期,活动方案,活动方案字数,活动预算合计（元）,校验结果\r\n\
             2024,鱼峰区,河东社区,柳州市鱼峰区文化广场A1区,姜锦红,0772-2625843,lzkxkpb@163.com,科普进社区,2024-06-01,2024-11-30,{plan_cell},805,1200.00,已通过校验\r\n\
             活动预算\r\n\
             序号,支出项目,内容说明,单位,数量,单价（元）,金额（元）,备注\r\n\
             1,宣传资料印制费,,,1,1200.00,1200.00,\r\n\
             合计（元）,,,,,,1200.00,\r\n\
             合计（大写）,人民币壹仟贰佰元整\r\n\
             申请市科协扶持（元）,1200.00\r\n\
             自筹（元）,\r\n\
             其他（元）,\r\n"
        );
        let (name, bytes) = budget_csv(&form, NaiveDate::from_ymd_opt(2024, 4, 2).unwrap());
        assert_eq!(name, "河东社区_活动预算_202404.csv");
        assert!(String::from_utf8(bytes).unwrap().starts_with("\u{FEFF}序号,支出项目"));
        assert_eq!(text, expected);
        let today = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
        assert_eq!(csv_file_name(&form, today), "河东社区_申报表_202404.csv");
    }

    #[test]
    fn csv_marks_a_failed_check() {
        let text = String::from_utf8(to_csv(&Shenbao::default())).unwrap();
        assert!(text.contains(",0,0.00,未通过校验\r\n活动预算\r\n"), "{text}");
    }

    #[test]
    fn print_model_follows_the_paper() {
        let model = print_model(&complete());
        assert_eq!(model.title, "2024年柳州市社区特色科普活动申报表");
        assert_eq!(model.pairs[3][1], ("活动起止时间", "2024年6月1日至2024年11月30日".to_owned()));
        assert_eq!(model.pairs[0][0], ("所在城区", "鱼峰区".to_owned()));
        assert!(!model.failed_check);
        assert_eq!(model.budget.total_upper, "人民币壹仟贰佰元整");
        assert!(print_model(&Shenbao::default()).failed_check);
        assert_eq!(Shenbao::default().period_text(), "");
    }

    #[test]
    fn old_drafts_with_missing_fields_still_read() {
        let form: Shenbao = serde_json::from_str(r#"{"community":"河东社区"}"#).unwrap();
        assert_eq!(form.community, "河东社区");
        assert_eq!(form.settings, Settings::default());
    }
}
