//! 汇总: the receiving side. The CSV files units email in (活动统计表,
//! 申报表, 活动预算 and 自定义表格, as 导出CSV wrote them or as Excel or WPS
//! re-saved them) read into one summary: statistics by unit and month with the
//! flags of reports sent twice, sent late or missing; the applications with
//! their budgets; each 自定义表格's rows by unit with its 合计 ([`tables`]); a
//! bar chart; the summary CSV and the A4 landscape print.
//!
//! What is kept of a coded form's file is its digest (who, which month, the
//! sums, the check result), not its rows: 200 files stay a small draft. A
//! 自定义表格's rows are kept: they are what its 汇总 shows.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::forms::budget::{self, Budget};
use crate::forms::shenbao::{self, PLAN_MIN_ZI};
use crate::forms::tongji::{self, Tongji};
use crate::forms::ziding::{self, Returned, Ziding};
use crate::rules::calendar::{self, Due};
use crate::form::{Export, Form, Registered, Visit};
use crate::forms;
use crate::rules::csv_out;
use crate::rules::dates;
use crate::rules::money::Money;
use crate::rules::numbers;
use crate::rules::print::{Bar, Block, Cell, Chart, Column, Row, Sheet, Table, Value};
use crate::rules::problem::{self, Problem};
use crate::rules::zi;

/// The 表名 of the summary's file name.
pub const FORM_NAME: &str = "汇总表";

/// The largest file read: the biggest real 统计表 is a few hundred KB; more is not one of ours.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// The 汇总 as kept in the browser: its settings and every file added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Huizong {
    /// 年度, in the title.
    pub year: String,
    /// 汇总单位, in the file name and the print.
    pub issuer: String,
    /// 应报单位: one unit per line, as pasted.
    pub expected: String,
    /// What the chart's bars stand for.
    pub chart: ChartBy,
    /// Every file added, in the order added.
    pub files: Vec<Received>,
    /// The applications' order the user chose by a heading on screen, which
    /// the print and the files follow; none shows them as added. Not stored
    /// (a reload shows them as added again): reading it back would cost every
    /// visit of the 汇总 about 1 KB of serde code for a choice of one click.
    #[serde(skip)]
    pub sort: Option<Sort>,
}

/// An order of the applications: by a column, ascending or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub col: AppCol,
    /// Smallest first.
    pub ascending: bool,
}

impl Sort {
    /// What the print and the files use when the user chose none: by 社区名称.
    pub const DEFAULT: Sort = Sort { col: AppCol::Community, ascending: true };

    /// The order after a click on `col`'s heading: the other way round on the same column, else ascending.
    pub fn clicked(current: Option<Sort>, col: AppCol) -> Sort {
        match current {
            Some(s) if s.col == col => Sort { col, ascending: !s.ascending },
            _ => Sort { col, ascending: true },
        }
    }
}

impl Default for Huizong {
    fn default() -> Self {
        Self {
            year: String::new(),
            issuer: String::new(),
            expected: String::new(),
            chart: ChartBy::Unit,
            files: Vec::new(),
            sort: None,
        }
    }
}

/// The bars of the chart: 参与人数 per unit or per month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartBy {
    /// One bar per 填报单位.
    #[default]
    Unit,
    /// One bar per 统计月份.
    Month,
}

/// One file added to the 汇总.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// Stable identity (removing a file, choosing between two).
    pub id: u32,
    /// The file's name.
    pub name: String,
    /// What was read from it.
    pub content: Content,
}

/// What a file turned out to be. Stored externally tagged (`{"stats": {…}}`):
/// serde's internally tagged enums buffer every value, which costs the page kilobytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// A 活动统计表.
    Stats(StatsFile),
    /// A 申报表.
    Application(Application),
    /// A 活动预算 alone.
    Budget(BudgetFile),
    /// A 自定义表格.
    Table(Returned),
    /// Nothing could be read; why, in Chinese.
    Unread {
        /// `第2行第3列：…`
        reason: String,
    },
}

/// The digest of a 活动统计表.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatsFile {
    /// 填报单位
    pub unit: String,
    /// 统计月份, `YYYY-MM` when it could be read.
    pub month: String,
    /// 填报日期, `YYYY-MM-DD` when it could be read.
    pub filled_on: String,
    /// 活动场次: the number of rows.
    pub activities: u64,
    /// Of which 线上.
    pub online: u64,
    /// Of which 线下.
    pub offline: u64,
    /// Sums of 参与人数, 发放科普宣传资料数量, 宣传展板数量, 媒体报道篇数.
    pub counts: [u64; 4],
    /// Errors 检查 finds in the file.
    pub errors: u32,
    /// The user chose this file over another of the same unit and month.
    pub chosen: bool,
}

/// The digest of a 申报表.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    /// 年度
    pub year: String,
    /// 所在城区
    pub district: String,
    /// 社区名称
    pub community: String,
    /// 活动名称
    pub activity: String,
    /// 开始日期, `YYYY-MM-DD` when it could be read.
    pub start: String,
    /// 结束日期
    pub end: String,
    /// 活动方案's 字数.
    pub plan_zi: u64,
    /// The embedded 活动预算's 合计, in 分.
    pub budget_fen: i64,
    /// 申请市科协扶持（元） as written.
    pub city: String,
    /// Errors 检查 finds in the file.
    pub errors: u32,
}

/// The digest of a 活动预算 sent alone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetFile {
    /// 社区名称, from the file name `{社区名称}_活动预算_{年月}.csv`; empty when it does not say.
    pub community: String,
    /// 合计, in 分.
    pub total_fen: i64,
    /// 申请市科协扶持（元） as written.
    pub city: String,
    /// Expense lines.
    pub rows: u64,
    /// Errors 检查 finds in the table.
    pub errors: u32,
}

/// What a problem of the 汇总 points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 年度
    Year,
    /// The file with this id in the file list.
    File(u32),
}

/// A setting of the 汇总.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// 年度
    Year,
    /// 汇总单位
    Issuer,
    /// 应报单位, one a line.
    Expected,
}

impl crate::form::Heads for Huizong {
    type Head = Head;

    crate::text_heads! {
        Head::Year => year,
        Head::Issuer => issuer,
        Head::Expected => expected,
    }

    fn checked(head: Head) -> Option<Field> {
        (head == Head::Year).then_some(Field::Year)
    }
}

crate::one_export_form!(
    Huizong,
    "汇总",
    Export { key: "form", csv: "导出汇总CSV", excel: "导出Excel" },
    |h, today| csv_file_name(h, today),
    |first| crate::form::starts_with(first, &[ISSUER_LABEL])
);

impl crate::draft::Stored for Huizong {
    type Field = Field;

    /// This year's, empty.
    fn blank(today: NaiveDate) -> Self {
        Huizong { year: today.year().to_string(), ..Huizong::default() }
    }

    /// A new 汇总 with the same settings and list of 应报单位, no files.
    fn fresh(&self, today: NaiveDate) -> Self {
        Huizong { files: Vec::new(), ..self.clone() }.with_year_or(today)
    }

    /// `柳州市科协 · 2024年 · 12份文件`
    fn list_title(&self) -> String {
        format!("{} · {}份文件", crate::drafts::unit_and_year(&self.issuer, &self.year), self.files.len())
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

impl Huizong {
    fn with_year_or(mut self, today: NaiveDate) -> Self {
        if self.year.trim().is_empty() {
            self.year = today.year().to_string();
        }
        self
    }

    /// `2024年科普活动报送汇总表`
    pub fn title(&self) -> String {
        format!("{}年科普活动报送汇总表", self.year.trim())
    }

    /// Adds files read by [`read_file`], in order, except a file already in
    /// the 汇总 (the same name and content: the folder chosen again next
    /// week); returns how many were added.
    pub fn add(&mut self, files: impl IntoIterator<Item = (String, Content)>) -> usize {
        let mut id = self.files.iter().map(|f| f.id).max().unwrap_or(0);
        let before = self.files.len();
        for (name, content) in files {
            if self.files.iter().any(|f| f.name == name && same(&f.content, &content)) {
                continue;
            }
            id += 1;
            self.files.push(Received { id, name, content });
        }
        self.files.len() - before
    }

    /// Removes the file with `id`.
    pub fn remove(&mut self, id: u32) {
        self.files.retain(|f| f.id != id);
    }

    /// Counts the 统计表 `id` for its unit and month instead of the others sent for them.
    pub fn choose(&mut self, id: u32) {
        let Some(key) = self.files.iter().find(|f| f.id == id).and_then(|f| stats_of(f).map(StatsFile::key)) else {
            return;
        };
        for file in &mut self.files {
            if let Content::Stats(s) = &mut file.content
                && s.key() == key
            {
                s.chosen = file.id == id;
            }
        }
    }

    /// The 应报单位, trimmed, blank lines and repeats dropped, in the order pasted.
    pub fn expected_units(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.expected.lines().map(str::trim).filter(|u| !u.is_empty() && seen.insert(*u)).collect()
    }
}

/// The same file's content, whichever of its unit and month the user chose to count.
fn same(a: &Content, b: &Content) -> bool {
    match (a, b) {
        (Content::Stats(a), Content::Stats(b)) => {
            StatsFile { chosen: false, ..a.clone() } == StatsFile { chosen: false, ..b.clone() }
        }
        _ => a == b,
    }
}

fn stats_of(file: &Received) -> Option<&StatsFile> {
    match &file.content {
        Content::Stats(s) => Some(s),
        _ => None,
    }
}

impl StatsFile {
    /// Unit and month: two files with the same key report the same thing.
    fn key(&self) -> (String, String) {
        (self.unit.trim().to_owned(), self.month.trim().to_owned())
    }

    /// 统计月份 as a month, when it is one.
    pub fn month_start(&self) -> Option<NaiveDate> {
        tongji::parse_month(&self.month)
    }

    /// The last working day of 统计月份.
    pub fn due(&self) -> Option<Due> {
        let m = self.month_start()?;
        calendar::last_working_day(m.year(), m.month())
    }

    /// Whether 填报日期 is after the due day.
    pub fn late(&self) -> bool {
        matches!((dates::parse_day(&self.filled_on), self.due()), (Some(on), Some(due)) if on > due.date)
    }

    /// 参与人数
    pub fn participants(&self) -> u64 {
        self.counts[0]
    }
}

/// `2024年4月`, or the text as written when it is not a month.
pub fn month_text(month: &str) -> String {
    match tongji::parse_month(month) {
        Some(m) => format!("{}年{}月", m.year(), m.month()),
        None if month.trim().is_empty() => "未填月份".into(),
        None => month.trim().to_owned(),
    }
}

/// Why a file of `size` bytes is not read, if it is too large; checked before reading it.
pub fn too_large(size: u64) -> Option<String> {
    (size > MAX_FILE_BYTES).then(|| {
        format!(
            "文件太大（{:.1} MB）：本页导出的CSV不超过几百KB，请确认选的是本页导出的CSV文件（上限{} MB）",
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )
    })
}

/// Reads one file: recognises by its header which form it is and keeps its
/// digest, or why it cannot be read. Never panics, whatever the bytes.
pub fn read_file(name: &str, bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Content {
    match recognise(name, bytes, gb18030) {
        Ok(content) => content,
        Err(reason) => Content::Unread { reason },
    }
}

fn recognise(name: &str, bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Result<Content, String> {
    if let Some(why) = too_large(bytes.len() as u64) {
        return Err(why);
    }
    let body = bytes.strip_prefix(csv_out::BOM).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err("文件是空的".into());
    }
    let lower = name.to_lowercase();
    if [".xlsx", ".xls", ".et", ".ods"].iter().any(|ext| lower.ends_with(ext)) || bytes.starts_with(b"PK\x03\x04") {
        return Err("这是Excel或WPS工作簿，不是CSV：请选本页“导出CSV”得到的.csv文件，或在Excel、WPS中另存为CSV".into());
    }
    if bytes.contains(&0) {
        return Err("不是CSV文本文件（可能是图片、压缩包或其他文档）".into());
    }
    let records = csv_out::read(bytes, gb18030).map_err(|e| e.message)?;
    let Some(at) = records.iter().position(|(_, r)| r.iter().any(|c| !c.trim().is_empty())) else {
        return Err("文件是空的".into());
    };
    let (line, first) = &records[at];
    let first: Vec<&str> = first.iter().collect();
    let Some((slug, export)) = forms::ALL.iter().find_map(|(slug, _)| Some((*slug, forms::visit(slug, ExportOf(&first))??)))
    else {
        return Err(format!(
            "第{line}行第1列：无法识别的表格（“{}”）：请选本页导出的活动统计表、申报表、活动预算或自定义表格CSV",
            first.first().map_or("", |c| c.trim()).chars().take(20).collect::<String>()
        ));
    };
    match (slug, export) {
        (shenbao::Shenbao::SLUG, 0) => shenbao::from_records(records)
            .map(|form| Content::Application(application(&form)))
            .map_err(|e| e.message),
        (shenbao::Shenbao::SLUG, shenbao::BUDGET_EXPORT) => {
            let table = budget::read_csv(&records[at..]).map_err(|e| e.message)?;
            Ok(Content::Budget(budget_file(name, &table)))
        }
        (tongji::Tongji::SLUG, 0) => {
            tongji::from_records(records).map(|sheet| Content::Stats(stats(&sheet))).map_err(|e| e.message)
        }
        (Ziding::SLUG, 0) => ziding::returned(name, &records[at..]).map(Content::Table),
        _ => Err(format!(
            "这是“{}”导出的CSV，汇总只合并活动统计表、申报表、活动预算和自定义表格：请选这几种表导出的CSV",
            forms::visit(slug, Named).unwrap_or_default()
        )),
    }
}

/// Which export of a form a CSV is, by its first record.
struct ExportOf<'a>(&'a [&'a str]);

impl Visit for ExportOf<'_> {
    type Out = Option<usize>;

    fn visit<T: Form>(self) -> Option<usize> {
        T::export_of(self.0)
    }
}

/// A form's name.
struct Named;

impl Visit for Named {
    type Out = &'static str;

    fn visit<T: Form>(self) -> &'static str {
        T::NAME
    }
}

fn errors<F>(problems: &[Problem<F>]) -> u32 {
    u32::try_from(problems.iter().filter(|p| p.is_error()).count()).unwrap_or(u32::MAX)
}

/// The digest of a sheet.
pub fn stats(sheet: &Tongji) -> StatsFile {
    let t = tongji::totals(sheet);
    StatsFile {
        unit: sheet.unit.trim().to_owned(),
        month: sheet.month.trim().to_owned(),
        filled_on: sheet.filled_on.trim().to_owned(),
        activities: t.activities as u64,
        online: t.online as u64,
        offline: t.offline as u64,
        counts: t.counts,
        errors: errors(&tongji::validate(sheet)),
        chosen: false,
    }
}

/// The digest of an application.
pub fn application(form: &shenbao::Shenbao) -> Application {
    Application {
        year: form.settings.year.trim().to_owned(),
        district: form.district.trim().to_owned(),
        community: form.community.trim().to_owned(),
        activity: form.activity_name.trim().to_owned(),
        start: form.start_date.trim().to_owned(),
        end: form.end_date.trim().to_owned(),
        plan_zi: zi::zi_count(&form.plan) as u64,
        budget_fen: form.budget.total().fen(),
        city: form.budget.city.trim().to_owned(),
        errors: errors(&shenbao::validate(form)),
    }
}

/// The digest of a budget sent alone; its 社区名称 comes from the file name.
pub fn budget_file(name: &str, table: &Budget) -> BudgetFile {
    let marker = format!("_{}", budget::FORM_NAME);
    BudgetFile {
        community: name.split_once(&marker).map(|(c, _)| c.trim().to_owned()).unwrap_or_default(),
        total_fen: table.total().fen(),
        city: table.city.trim().to_owned(),
        rows: table.rows.len() as u64,
        errors: errors(&budget::validate(table)),
    }
}

fn money(fen: i64) -> Money {
    Money::from_fen(fen).unwrap_or_default()
}

/// 申请市科协扶持 as written, when it is an amount.
fn city_amount(typed: &str) -> Option<Money> {
    Money::parse(typed).ok()
}

/// `已通过校验`, or `未通过校验（3处错误）`.
pub fn check_text(errors: u32) -> String {
    if errors == 0 { "已通过校验".into() } else { format!("未通过校验（{errors}处错误）") }
}

/// One 统计表 in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsLine<'a> {
    /// The file.
    pub file: &'a Received,
    /// Its digest.
    pub stats: &'a StatsFile,
    /// Whether its figures are in the totals (of files for the same unit and month, one is).
    pub counted: bool,
    /// How many files were sent for its unit and month.
    pub sent: usize,
}

/// Sums of a set of 统计表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatsTotals {
    /// Files counted.
    pub files: u64,
    /// 活动场次
    pub activities: u64,
    /// 线上
    pub online: u64,
    /// 线下
    pub offline: u64,
    /// 参与人数, 发放科普宣传资料数量, 宣传展板数量, 媒体报道篇数.
    pub counts: [u64; 4],
}

impl StatsTotals {
    fn add(&mut self, s: &StatsFile) {
        self.files += 1;
        self.activities += s.activities;
        self.online += s.online;
        self.offline += s.offline;
        for (sum, n) in self.counts.iter_mut().zip(s.counts) {
            *sum = sum.saturating_add(n);
        }
    }
}

/// A month's part of the statistics table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPart<'a> {
    /// 统计月份 as written (`2024-04`).
    pub month: String,
    /// Its files, by unit.
    pub lines: Vec<StatsLine<'a>>,
    /// Its 小计 (counted files only).
    pub totals: StatsTotals,
    /// 应报单位 that sent nothing for it.
    pub missing: Vec<String>,
}

/// Something the receiver should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The kind, as the flag list's first words: 重复报送, 逾期报送, 缺报, 未通过校验, 字数不足, 预算不一致, 无对应申报表, 版本不符, 不是数字, 无法读取.
    pub kind: &'static str,
    /// What and who.
    pub text: String,
    /// The file it concerns, when one does.
    pub file: Option<u32>,
}

/// The statistics merged: by month (in order), then unit.
pub fn stats_summary(h: &Huizong) -> (Vec<MonthPart<'_>>, StatsTotals) {
    let files: Vec<(&Received, &StatsFile)> = h.files.iter().filter_map(|f| stats_of(f).map(|s| (f, s))).collect();
    // Of the files for one unit and month: the one the user chose, else the latest 填报日期, else the last added.
    let mut counted: BTreeMap<(String, String), (&Received, &StatsFile)> = BTreeMap::new();
    let mut sent: BTreeMap<(String, String), usize> = BTreeMap::new();
    for &(f, s) in &files {
        *sent.entry(s.key()).or_default() += 1;
        let better = |(of, os): (&Received, &StatsFile)| {
            (s.chosen, dates::parse_day(&s.filled_on), f.id) > (os.chosen, dates::parse_day(&os.filled_on), of.id)
        };
        match counted.get(&s.key()) {
            Some(&other) if !better(other) => {}
            _ => {
                counted.insert(s.key(), (f, s));
            }
        }
    }
    let month_order = |m: &str| (tongji::parse_month(m).is_none(), tongji::parse_month(m), m.to_owned());
    let mut by_month: BTreeMap<(bool, Option<NaiveDate>, String), Vec<StatsLine<'_>>> = BTreeMap::new();
    for &(f, s) in &files {
        let key = s.key();
        let line = StatsLine { file: f, stats: s, counted: counted[&key].0.id == f.id, sent: sent[&key] };
        by_month.entry(month_order(&key.1)).or_default().push(line);
    }
    let expected = h.expected_units();
    let mut overall = StatsTotals::default();
    let parts = by_month
        .into_iter()
        .map(|((_, parsed, month), mut lines)| {
            lines.sort_by(|a, b| (a.stats.unit.trim(), a.file.id).cmp(&(b.stats.unit.trim(), b.file.id)));
            let mut totals = StatsTotals::default();
            for l in lines.iter().filter(|l| l.counted) {
                totals.add(l.stats);
                overall.add(l.stats);
            }
            let reported: BTreeSet<&str> = lines.iter().map(|l| l.stats.unit.trim()).collect();
            let missing = if parsed.is_some() {
                expected.iter().filter(|u| !reported.contains(*u)).map(|u| (*u).to_owned()).collect()
            } else {
                Vec::new()
            };
            MonthPart { month, lines, totals, missing }
        })
        .collect();
    (parts, overall)
}

/// One application in the summary, with the 活动预算 sent alone for its 社区, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppLine<'a> {
    /// The file.
    pub file: &'a Received,
    /// Its digest.
    pub app: &'a Application,
    /// The 活动预算 file of the same 社区名称.
    pub budget: Option<(&'a Received, &'a BudgetFile)>,
}

impl AppLine<'_> {
    /// 预算合计: the application's own; when it has none, the separate budget's.
    pub fn budget_total(&self) -> Money {
        match self.budget {
            Some((_, b)) if self.app.budget_fen == 0 => money(b.total_fen),
            _ => money(self.app.budget_fen),
        }
    }

    /// 申请市科协扶持, as an amount when it is one (the application's, else the separate budget's).
    pub fn city(&self) -> Option<Money> {
        city_amount(&self.app.city).or_else(|| self.budget.and_then(|(_, b)| city_amount(&b.city)))
    }

    /// `2024年6月1日至2024年9月30日`
    pub fn period(&self) -> String {
        let day = |s: &str| dates::parse_day(s).map(dates::format_cn).unwrap_or_else(|| s.to_owned());
        match (self.app.start.is_empty(), self.app.end.is_empty()) {
            (true, true) => String::new(),
            _ => format!("{}至{}", day(&self.app.start), day(&self.app.end)),
        }
    }

    /// Whether the 活动方案 has at least [`PLAN_MIN_ZI`] 字.
    pub fn plan_met(&self) -> bool {
        self.app.plan_zi >= PLAN_MIN_ZI as u64
    }
}

/// A column of the applications table; the table sorts by any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppCol {
    /// 所在城区
    District,
    /// 社区名称
    Community,
    /// 活动名称
    Activity,
    /// 起止时间
    Period,
    /// 方案字数
    Zi,
    /// 预算合计（元）
    Budget,
    /// 申请市科协扶持（元）
    City,
    /// 校验结果
    Check,
}

impl AppCol {
    /// The columns, in the table's order.
    pub const ALL: [AppCol; 8] = [
        AppCol::District,
        AppCol::Community,
        AppCol::Activity,
        AppCol::Period,
        AppCol::Zi,
        AppCol::Budget,
        AppCol::City,
        AppCol::Check,
    ];

    /// The column's heading.
    pub const fn label(self) -> &'static str {
        match self {
            AppCol::District => "所在城区",
            AppCol::Community => "社区名称",
            AppCol::Activity => "活动名称",
            AppCol::Period => "起止时间",
            AppCol::Zi => "方案字数",
            AppCol::Budget => "预算合计（元）",
            AppCol::City => "申请市科协扶持（元）",
            AppCol::Check => "校验结果",
        }
    }
}

/// The applications, in the order added, each joined to its separate budget.
pub fn applications(h: &Huizong) -> Vec<AppLine<'_>> {
    let budgets: Vec<(&Received, &BudgetFile)> = h
        .files
        .iter()
        .filter_map(|f| match &f.content {
            Content::Budget(b) => Some((f, b)),
            _ => None,
        })
        .collect();
    h.files
        .iter()
        .filter_map(|f| match &f.content {
            Content::Application(app) => Some(AppLine {
                file: f,
                app,
                // The latest budget sent for the 社区 (a corrected one comes later).
                budget: budgets
                    .iter()
                    .rev()
                    .find(|(_, b)| !b.community.is_empty() && b.community == app.community)
                    .copied(),
            }),
            _ => None,
        })
        .collect()
}

/// Sorts the applications by `col`, ascending or not; ties keep their order.
pub fn sort_applications(lines: &mut [AppLine<'_>], col: AppCol, ascending: bool) {
    lines.sort_by(|a, b| {
        let order = match col {
            AppCol::District => a.app.district.cmp(&b.app.district),
            AppCol::Community => a.app.community.cmp(&b.app.community),
            AppCol::Activity => a.app.activity.cmp(&b.app.activity),
            AppCol::Period => {
                (dates::parse_day(&a.app.start), &a.app.end).cmp(&(dates::parse_day(&b.app.start), &b.app.end))
            }
            AppCol::Zi => a.app.plan_zi.cmp(&b.app.plan_zi),
            AppCol::Budget => a.budget_total().cmp(&b.budget_total()),
            AppCol::City => a.city().cmp(&b.city()),
            AppCol::Check => a.app.errors.cmp(&b.app.errors),
        };
        if ascending { order } else { order.reverse() }
    });
}

/// 申请市科协扶持 summed over the applications (amounts only).
pub fn city_total(lines: &[AppLine<'_>]) -> Money {
    Money::sum(lines.iter().filter_map(AppLine::city)).unwrap_or_default()
}

/// 预算合计 summed over the applications.
pub fn budget_total(lines: &[AppLine<'_>]) -> Money {
    Money::sum(lines.iter().map(AppLine::budget_total)).unwrap_or_default()
}

/// The flag of a file 检查 finds `errors` in, if any.
fn unchecked(file: &Received, errors: u32) -> Option<Flag> {
    (errors > 0).then(|| Flag {
        kind: "未通过校验",
        text: format!("“{}”：{}", file.name, check_text(errors)),
        file: Some(file.id),
    })
}

/// The 汇总 merged once: what its tables, chart, flags, CSV and print are drawn from.
#[derive(Debug, Clone)]
pub struct Merged<'a> {
    /// The statistics by month; see [`stats_summary`].
    pub parts: Vec<MonthPart<'a>>,
    /// Their 合计.
    pub overall: StatsTotals,
    /// The applications in the order added; see [`applications`].
    pub apps: Vec<AppLine<'a>>,
    /// Each 自定义表格's files merged; see [`table_parts`].
    pub tables: Vec<TablePart<'a>>,
}

/// Merges the 汇总's files.
pub fn merge(h: &Huizong) -> Merged<'_> {
    let (parts, overall) = stats_summary(h);
    Merged { parts, overall, apps: applications(h), tables: table_parts(h) }
}

/// Everything the receiver should look at, in the order of the page.
pub fn flags(h: &Huizong) -> Vec<Flag> {
    flags_of(h, &merge(h))
}

fn flags_of(h: &Huizong, merged: &Merged<'_>) -> Vec<Flag> {
    let mut out = Vec::new();
    for part in &merged.parts {
        let month = month_text(&part.month);
        let mut told: BTreeSet<&str> = BTreeSet::new();
        for line in &part.lines {
            let s = line.stats;
            if line.sent > 1 && told.insert(s.unit.trim()) {
                let same: Vec<&StatsLine<'_>> = part.lines.iter().filter(|l| l.stats.key() == s.key()).collect();
                let names = same.iter().map(|l| format!("“{}”", l.file.name)).collect::<Vec<_>>().join("、");
                let counted = same.iter().find(|l| l.counted).map_or("", |l| l.file.name.as_str());
                let why = if same.iter().any(|l| l.stats.chosen) { "所选的" } else { "填报日期较晚的" };
                out.push(Flag {
                    kind: "重复报送",
                    text: format!("{} {month}报送了{}份：{names}；计入{why}“{counted}”", s.unit.trim(), same.len()),
                    file: None,
                });
            }
            if s.late()
                && let (Some(on), Some(due)) = (dates::parse_day(&s.filled_on), s.due())
            {
                out.push(Flag {
                    kind: "逾期报送",
                    text: format!(
                        "{} {month}：填报日期{}，晚于报送截止{}{}（“{}”）",
                        s.unit.trim(),
                        dates::format_cn(on),
                        dates::format_cn(due.date),
                        if due.official {
                            ""
                        } else {
                            "（该年法定节假日安排尚未收录，按周一至周五推算，请以通知为准）"
                        },
                        line.file.name
                    ),
                    file: Some(line.file.id),
                });
            }
            out.extend(unchecked(line.file, s.errors));
        }
        if !part.missing.is_empty() {
            out.push(Flag {
                kind: "缺报",
                text: format!("{month}缺报{}个单位：{}", part.missing.len(), part.missing.join("、")),
                file: None,
            });
        }
    }
    let apps = &merged.apps;
    let mut seen: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for line in apps {
        let a = line.app;
        if let Some(first) = seen.insert((a.community.as_str(), a.activity.as_str()), line.file.name.as_str()) {
            out.push(Flag {
                kind: "重复报送",
                text: format!("{}的“{}”申报了两次：“{first}”和“{}”", a.community, a.activity, line.file.name),
                file: Some(line.file.id),
            });
        }
        if !line.plan_met() {
            out.push(Flag {
                kind: "字数不足",
                text: format!("{}：活动方案{}字，不足{PLAN_MIN_ZI}字（“{}”）", a.community, a.plan_zi, line.file.name),
                file: Some(line.file.id),
            });
        }
        out.extend(unchecked(line.file, a.errors));
        if let Some((bf, b)) = line.budget
            && a.budget_fen != 0
            && a.budget_fen != b.total_fen
        {
            out.push(Flag {
                kind: "预算不一致",
                text: format!(
                    "{}：申报表中的预算合计{}元，单独报送的活动预算“{}”合计{}元",
                    a.community,
                    money(a.budget_fen).display(),
                    bf.name,
                    money(b.total_fen).display()
                ),
                file: Some(bf.id),
            });
        }
    }
    for part in &merged.tables {
        part.flags(&mut out);
    }
    for f in &h.files {
        match &f.content {
            Content::Budget(b) if !apps.iter().any(|l| l.budget.is_some_and(|(bf, _)| bf.id == f.id)) => {
                let who = if b.community.is_empty() {
                    "文件名中没有社区名称".to_owned()
                } else {
                    b.community.clone()
                };
                let text = format!("活动预算“{}”没有对应的申报表（{who}）", f.name);
                out.push(Flag { kind: "无对应申报表", text, file: Some(f.id) });
            }
            Content::Unread { reason } => {
                out.push(Flag { kind: "无法读取", text: format!("“{}”：{reason}", f.name), file: Some(f.id) });
            }
            _ => {}
        }
    }
    out
}

/// The bars of the chart: 参与人数 of the counted files, by unit (in the table's order) or by month.
pub fn chart(h: &Huizong) -> Chart {
    chart_of(h.chart, &merge(h).parts)
}

fn chart_of(by: ChartBy, parts: &[MonthPart<'_>]) -> Chart {
    let (title, bars) = match by {
        ChartBy::Month => (
            "参与人数（按统计月份）",
            parts.iter().map(|part| Bar { label: month_text(&part.month), value: part.totals.counts[0] }).collect(),
        ),
        ChartBy::Unit => {
            let mut by_unit: BTreeMap<&str, u64> = BTreeMap::new();
            for l in parts.iter().flat_map(|part| &part.lines).filter(|l| l.counted) {
                let sum = by_unit.entry(l.stats.unit.trim()).or_default();
                *sum = sum.saturating_add(l.stats.participants());
            }
            let bars = by_unit.into_iter().map(|(unit, value)| Bar { label: unit.to_owned(), value }).collect();
            ("参与人数（按填报单位）", bars)
        }
    };
    Chart { title: title.into(), bars }
}

/// What 检查 reports: 年度, and each file that could not be read.
pub fn validate(h: &Huizong) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    if numbers::year(&h.year).is_none() {
        out.push(Problem::error(Field::Year, numbers::year_message()));
    }
    for f in &h.files {
        if let Content::Unread { reason } = &f.content {
            out.push(Problem::error(
                Field::File(f.id),
                format!("“{}”未能读取：{reason}。请移除它，或换成正确的文件", f.name),
            ));
        }
    }
    out
}

/// The statistics table's columns.
pub const STATS_HEADER: [&str; 12] = [
    "填报单位",
    "统计月份",
    "活动场次",
    "线上",
    "线下",
    "参与人数",
    "发放科普宣传资料数量",
    "宣传展板数量",
    "媒体报道篇数",
    "填报日期",
    "校验结果",
    "说明",
];

/// `计入`, `未计入（重复）`, with `逾期` where it is late.
pub fn line_note(line: &StatsLine<'_>) -> String {
    let mut note = String::from(if line.counted { "计入" } else { "未计入（重复报送）" });
    if line.stats.late() {
        note.push_str("；逾期");
    }
    note
}

fn totals_cells(label: String, t: &StatsTotals) -> Vec<Cell> {
    let mut cells =
        vec![Cell::label(label).span(2), Cell::count(t.activities), Cell::count(t.online), Cell::count(t.offline)];
    cells.extend(t.counts.iter().map(|&n| Cell::count(n)));
    cells.extend([Cell::text(format!("{}份", t.files)), Cell::text(""), Cell::text("")]);
    cells
}

/// The statistics as a printed table: each month's files, its 小计, then 合计.
fn stats_table_of(parts: &[MonthPart<'_>], overall: &StatsTotals) -> Table {
    let mut rows = Vec::new();
    for part in parts {
        for l in &part.lines {
            let s = l.stats;
            let mut cells = vec![Cell::text(s.unit.trim()), Cell::text(month_text(&s.month))];
            cells.extend([s.activities, s.online, s.offline].map(Cell::count));
            cells.extend(s.counts.map(Cell::count));
            let filled = dates::parse_day(&s.filled_on);
            cells.push(
                Cell::text(filled.map(dates::format_cn).unwrap_or_else(|| s.filled_on.clone()))
                    .value(filled.map(Value::Date)),
            );
            cells.push(Cell::text(check_text(s.errors)));
            cells.push(Cell::text(line_note(l)));
            rows.push(Row { class: if l.counted { "" } else { "print-muted" }, cells, ..Row::default() });
        }
        rows.push(Row::total(
            totals_cells(format!("{}小计", month_text(&part.month)), &part.totals),
        ));
    }
    rows.push(Row::total(totals_cells("合计".into(), overall) ));
    Table {
        class: "print-table huizong-stats",
        // Unit names and dates on one line where they can be: fewer pages for 200 files.
        columns: [14, 8, 6, 5, 5, 7, 9, 7, 7, 10, 9, 13].map(Column::Percent).to_vec(),
        head: STATS_HEADER.map(String::from).to_vec(),
        rows,
    }
}

/// The applications as a printed table, in `lines`' order, with the sum of 申请市科协扶持.
pub fn applications_table(lines: &[AppLine<'_>]) -> Table {
    let mut rows: Vec<Row> = lines
        .iter()
        .map(|l| {
            let a = l.app;
            let zi = format!("{}（{}{PLAN_MIN_ZI}字）", a.plan_zi, if l.plan_met() { "达到" } else { "不足" });
            let total = l.budget_total();
            let city = l.city();
            Row::of(vec![
                Cell::text(&a.district),
                Cell::text(&a.community),
                Cell::text(&a.activity),
                Cell::text(l.period()),
                Cell::number(zi).value(Some(Value::Count(a.plan_zi))),
                Cell::number(total.display()).value(Some(Value::Money(total))),
                Cell::number(city.map_or_else(|| a.city.clone(), Money::display)).value(city.map(Value::Money)),
                Cell::text(check_text(a.errors)),
            ])
        })
        .collect();
    let sum = city_total(lines);
    rows.push(Row::total(
        vec![
            Cell::label("合计").span(2),
            Cell::text(format!("{}份申报表", lines.len())).span(4),
            Cell::number(budget_total(lines).display()).value(Some(Value::Money(budget_total(lines)))),
            Cell::number(sum.display()).value(Some(Value::Money(sum))),
            Cell::text(""),
        ],
    ));
    Table {
        class: "print-table huizong-apps",
        columns: [10, 14, 18, 18, 10, 10, 11, 9].map(Column::Percent).to_vec(),
        head: AppCol::ALL.iter().map(|c| c.label().to_owned()).collect(),
        rows,
    }
}

/// `{汇总单位}_汇总表_{年月}.csv`, 年月 being the month of `today`.
pub fn csv_file_name(h: &Huizong, today: NaiveDate) -> String {
    csv_out::file_name(&h.issuer, FORM_NAME, &dates::year_month(today))
}

fn write_table(out: &mut csv_out::Writer, table: &Table) {
    for head in &table.head {
        out.text(head);
    }
    out.end_row();
    for row in &table.rows {
        for cell in &row.cells {
            match (&cell.content, cell.value) {
                (_, Some(Value::Count(n))) => out.number(&n.to_string()),
                (_, Some(Value::Money(m))) => out.number(&m.plain()),
                (_, Some(Value::Date(d))) => out.text(&dates::to_iso(d)),
                (crate::rules::print::Content::Text(t), _) => out.text(t),
                _ => out.text(""),
            }
            for _ in 1..cell.span {
                out.text("");
            }
        }
        out.end_row();
    }
}

/// The first cell of the summary's CSV.
const ISSUER_LABEL: &str = "汇总单位";

/// The summary as one CSV: the settings, the statistics table, the flags and
/// the applications table (each part under its own title row, when there is one).
pub fn to_csv(h: &Huizong) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for (label, value) in [(ISSUER_LABEL, h.issuer.trim()), ("年度", h.year.trim())] {
        out.text(label);
        out.text(value);
        out.end_row();
    }
    let merged = merge(h);
    if !merged.parts.is_empty() {
        out.text("活动统计表汇总");
        out.end_row();
        write_table(&mut out, &stats_table_of(&merged.parts, &merged.overall));
    }
    let flags = flags_of(h, &merged);
    if !flags.is_empty() {
        out.text("提示");
        out.end_row();
        for f in &flags {
            out.text(f.kind);
            out.text(&f.text);
            out.end_row();
        }
    }
    let mut apps = merged.apps;
    if !apps.is_empty() {
        let sort = h.sort.unwrap_or(Sort::DEFAULT);
        sort_applications(&mut apps, sort.col, sort.ascending);
        out.text("申报表汇总");
        out.end_row();
        write_table(&mut out, &applications_table(&apps));
    }
    for part in &merged.tables {
        out.text(&format!("{}汇总", part.heading()));
        out.end_row();
        write_table(&mut out, &part.table());
    }
    out.finish()
}

/// What the A4 landscape print shows: title, the tables, the chart and the flags.
pub fn print_sheet(h: &Huizong) -> Sheet {
    let received = h.files.len();
    let mut blocks = vec![Block::Para {
        class: "print-meta",
        text: format!("汇总单位：{}　　共{}份文件", h.issuer.trim(), received),
    }];
    let merged = merge(h);
    if !merged.parts.is_empty() {
        blocks.push(Block::Heading { class: "print-heading", text: "活动统计表汇总".into() });
        blocks.push(Block::Table(stats_table_of(&merged.parts, &merged.overall)));
        blocks.push(Block::Chart(chart_of(h.chart, &merged.parts)));
    }
    let flags = flags_of(h, &merged);
    let mut apps = merged.apps;
    if !apps.is_empty() {
        let sort = h.sort.unwrap_or(Sort::DEFAULT);
        sort_applications(&mut apps, sort.col, sort.ascending);
        blocks.push(Block::Heading { class: "print-heading", text: "申报表汇总".into() });
        blocks.push(Block::Table(applications_table(&apps)));
    }
    for part in &merged.tables {
        blocks.push(Block::Heading { class: "print-heading", text: format!("{}汇总", part.heading()) });
        blocks.push(Block::Table(part.table()));
    }
    if !flags.is_empty() {
        let mut notes = vec![Block::Heading { class: "print-heading", text: "提示".into() }];
        notes.extend(
            flags.iter().map(|f| Block::Para { class: "print-note", text: format!("【{}】{}", f.kind, f.text) }),
        );
        blocks.push(Block::Group { class: "print-notes", blocks: notes });
    }
    Sheet { attachment: "".into(), title: h.title(), failed_check: problem::has_errors(&validate(h)), landscape: true, blocks }
}

/// The workbook's sheets: the print as one sheet.
pub fn workbook(h: &Huizong) -> Vec<(&'static str, Sheet)> {
    vec![("汇总表", print_sheet(h))]
}

pub mod tables;
pub use tables::{TableLine, TablePart, table_parts};

#[cfg(test)]
mod tests;
