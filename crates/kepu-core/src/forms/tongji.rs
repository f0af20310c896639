//! 活动统计表 — the monthly statistics sheet (seeds/004 附件2, FORMS.md
//! section C): header, activity rows, the 合计 row, the due date, CSV out and back in.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::calendar::{self, Due};
use crate::rules::contact::{self, PhoneKind};
use crate::form::Export;
use crate::rules::csv_out::{self, ReadError};
use crate::rules::dates;
pub use crate::rules::dates::{parse_day, parse_month};
use crate::rules::numbers;
use crate::rules::print::{Block, Cell, Column, Row, Sheet, Table, Value};
use crate::rules::problem::Problem;

/// The form's name in file names.
pub const FORM_NAME: &str = "活动统计表";

/// The brand of the seed's campaign, the default 品牌名.
pub const DEFAULT_BRAND: &str = "科普梦·乡村情";

/// The two 活动形式.
pub const MODES: [&str; 2] = ["线上", "线下"];

/// A column of the activity table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    /// 活动内容
    Content,
    /// 活动形式（线上/线下）
    Mode,
    /// 活动地点
    Place,
    /// 活动时间
    Date,
    /// 参与人数
    Participants,
    /// 发放科普宣传资料数量
    Materials,
    /// 宣传展板数量
    Boards,
    /// 媒体报道篇数
    Reports,
    /// 备注
    Remark,
}

impl Col {
    /// The nine columns, in the paper's order.
    pub const ALL: [Col; 9] = [
        Col::Content,
        Col::Mode,
        Col::Place,
        Col::Date,
        Col::Participants,
        Col::Materials,
        Col::Boards,
        Col::Reports,
        Col::Remark,
    ];

    /// The four count columns, summed in the 合计 row.
    pub const COUNTS: [Col; 4] = [Col::Participants, Col::Materials, Col::Boards, Col::Reports];

    /// The label on the paper.
    pub const fn label(self) -> &'static str {
        match self {
            Col::Content => "活动内容",
            Col::Mode => "活动形式（线上/线下）",
            Col::Place => "活动地点",
            Col::Date => "活动时间",
            Col::Participants => "参与人数",
            Col::Materials => "发放科普宣传资料数量",
            Col::Boards => "宣传展板数量",
            Col::Reports => "媒体报道篇数",
            Col::Remark => "备注",
        }
    }

    /// The label where space is short: `活动形式` for `活动形式（线上/线下）`.
    pub const fn short(self) -> &'static str {
        match self {
            Col::Mode => "活动形式",
            other => other.label(),
        }
    }
}

/// A header field of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Head {
    /// 品牌名 (in the title)
    Brand,
    /// 填报单位
    Unit,
    /// 统计月份
    Month,
    /// 填报人
    Reporter,
    /// 联系电话
    Phone,
    /// 填报日期
    FilledOn,
}

impl Head {
    /// The header fields, in the CSV's order.
    pub const ALL: [Head; 6] = [Head::Unit, Head::Month, Head::Reporter, Head::Phone, Head::FilledOn, Head::Brand];

    /// The label on the paper.
    pub const fn label(self) -> &'static str {
        match self {
            Head::Brand => "品牌名",
            Head::Unit => "填报单位",
            Head::Month => "统计月份",
            Head::Reporter => "填报人",
            Head::Phone => "联系电话",
            Head::FilledOn => "填报日期",
        }
    }
}

/// What a problem of the sheet belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A header field.
    Head(Head),
    /// A cell: row index from 0, column.
    Cell(usize, Col),
    /// The table as a whole.
    Rows,
}

/// One activity, as typed.

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Activity {
    /// Stable identity for the screen's row keys; not exported.
    pub id: u32,
    /// 活动内容
    pub content: String,
    /// 活动形式: `线上`, `线下` or blank.
    pub mode: String,
    /// 活动地点
    pub place: String,
    /// 活动时间, `YYYY-MM-DD`.
    pub date: String,
    /// 参与人数
    pub participants: String,
    /// 发放科普宣传资料数量
    pub materials: String,
    /// 宣传展板数量
    pub boards: String,
    /// 媒体报道篇数
    pub reports: String,
    /// 备注
    pub remark: String,
}

impl Activity {
    /// The value in `col`.
    pub fn get(&self, col: Col) -> &str {
        match col {
            Col::Content => &self.content,
            Col::Mode => &self.mode,
            Col::Place => &self.place,
            Col::Date => &self.date,
            Col::Participants => &self.participants,
            Col::Materials => &self.materials,
            Col::Boards => &self.boards,
            Col::Reports => &self.reports,
            Col::Remark => &self.remark,
        }
    }

    /// Replaces the value in `col`.
    pub fn set(&mut self, col: Col, value: String) {
        *match col {
            Col::Content => &mut self.content,
            Col::Mode => &mut self.mode,
            Col::Place => &mut self.place,
            Col::Date => &mut self.date,
            Col::Participants => &mut self.participants,
            Col::Materials => &mut self.materials,
            Col::Boards => &mut self.boards,
            Col::Reports => &mut self.reports,
            Col::Remark => &mut self.remark,
        } = value;
    }
}

/// A 活动统计表 as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tongji {
    /// 品牌名, in the title.
    pub brand: String,
    /// 填报单位
    pub unit: String,
    /// 统计月份, `YYYY-MM`.
    pub month: String,
    /// 填报人
    pub reporter: String,
    /// 联系电话
    pub phone: String,
    /// 填报日期, `YYYY-MM-DD`.
    pub filled_on: String,
    /// The activities.
    pub rows: Vec<Activity>,
}

impl Default for Tongji {
    fn default() -> Self {
        Self {
            brand: DEFAULT_BRAND.into(),
            unit: String::new(),
            month: String::new(),
            reporter: String::new(),
            phone: String::new(),
            filled_on: String::new(),
            rows: Vec::new(),
        }
    }
}

impl crate::form::Heads for Tongji {
    type Head = Head;

    fn head(&self, head: Head) -> &str {
        Tongji::head(self, head)
    }

    fn set_head(&mut self, head: Head, value: String) {
        Tongji::set_head(self, head, value);
    }

    fn checked(head: Head) -> Option<Field> {
        Some(Field::Head(head))
    }

    /// The brand may stay as set, and 填报日期 defaults to today.
    fn required(&self, head: Head) -> bool {
        !matches!(head, Head::Brand | Head::FilledOn)
    }
}

// Excel users reorder or drop the lines above the table: any of them, or the table's header, starts a sheet.
crate::one_export_form!(Tongji, FORM_NAME, Export::FORM, |sheet, _| csv_file_name(sheet), |first| {
    let first = first.first().map_or("", |c| c.trim());
    first == Col::Content.label() || Head::ALL.iter().any(|h| h.label() == first)
});

impl crate::draft::Stored for Tongji {
    type Field = Field;

    /// This month's sheet.
    fn blank(today: NaiveDate) -> Self {
        Tongji::new_for(today)
    }

    /// This month's sheet, with who fills it in and the brand kept.
    fn fresh(&self, today: NaiveDate) -> Self {
        Tongji {
            unit: self.unit.clone(),
            reporter: self.reporter.clone(),
            phone: self.phone.clone(),
            brand: self.brand.clone(),
            ..Tongji::new_for(today)
        }
    }

    /// `柳城县科协 · 2024年10月`
    fn list_title(&self) -> String {
        let who = self.unit.trim();
        let who = if who.is_empty() { "未填填报单位" } else { who };
        match parse_month(&self.month) {
            Some(month) => format!("{who} · {}年{}月", month.year(), month.month()),
            None => who.to_owned(),
        }
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

/// `2024-04`, the value of an `<input type=month>`.
pub fn month_value(first: NaiveDate) -> String {
    format!("{:04}-{:02}", first.year(), first.month())
}

impl Tongji {
    /// `“{品牌名}”系列科普品牌活动统计表`
    pub fn title(&self) -> String {
        let brand = self.brand.trim();
        let brand = if brand.is_empty() { DEFAULT_BRAND } else { brand };
        format!("“{brand}”系列科普品牌活动统计表")
    }

    /// The value of a header field.
    pub fn head(&self, head: Head) -> &str {
        match head {
            Head::Brand => &self.brand,
            Head::Unit => &self.unit,
            Head::Month => &self.month,
            Head::Reporter => &self.reporter,
            Head::Phone => &self.phone,
            Head::FilledOn => &self.filled_on,
        }
    }

    /// Replaces a header field.
    pub fn set_head(&mut self, head: Head, value: String) {
        *match head {
            Head::Brand => &mut self.brand,
            Head::Unit => &mut self.unit,
            Head::Month => &mut self.month,
            Head::Reporter => &mut self.reporter,
            Head::Phone => &mut self.phone,
            Head::FilledOn => &mut self.filled_on,
        } = value;
    }

    /// The first day of 统计月份, when it is a month.
    pub fn month_start(&self) -> Option<NaiveDate> {
        parse_month(&self.month)
    }

    /// `报送截止：YYYY年M月D日`: the last working day of 统计月份.
    pub fn due(&self) -> Option<Due> {
        let first = self.month_start()?;
        calendar::last_working_day(first.year(), first.month())
    }

    /// A new blank sheet for `today`: this month, filled in today.
    pub fn new_for(today: NaiveDate) -> Self {
        Self {
            month: month_value(today.with_day(1).unwrap_or(today)),
            filled_on: dates::to_iso(today),
            ..Self::default()
        }
    }

    /// Next month's sheet from this one: header kept, 填报日期 today; rows
    /// dropped, or kept with dates moved a month on and the counts blank
    /// so last month's figures are not sent again by mistake.
    pub fn next_month(&self, today: NaiveDate, keep_rows: bool) -> Self {
        let next = self.month_start().and_then(|m| m.checked_add_months(Months::new(1)));
        let rows = if keep_rows {
            self.rows
                .iter()
                .map(|r| Activity {
                    date: parse_day(&r.date)
                        .and_then(|d| d.checked_add_months(Months::new(1)))
                        .map(dates::to_iso)
                        .unwrap_or_default(),
                    participants: String::new(),
                    materials: String::new(),
                    boards: String::new(),
                    reports: String::new(),
                    ..r.clone()
                })
                .collect()
        } else {
            Vec::new()
        };
        Self { month: next.map(month_value).unwrap_or_default(), filled_on: dates::to_iso(today), rows, ..self.clone() }
    }

    /// Appends an empty row; returns its id.
    pub fn add_row(&mut self) -> u32 {
        let id = self.next_id();
        self.rows.push(Activity { id, ..Activity::default() });
        id
    }

    fn next_id(&self) -> u32 {
        self.rows.iter().map(|r| r.id).max().map_or(1, |m| m + 1)
    }

    /// Copies the row with `id` right below it (the same activity in another village).
    pub fn duplicate_row(&mut self, id: u32) -> Option<u32> {
        let index = self.rows.iter().position(|r| r.id == id)?;
        let new_id = self.next_id();
        let copy = Activity { id: new_id, ..self.rows[index].clone() };
        self.rows.insert(index + 1, copy);
        Some(new_id)
    }
}

/// The 合计 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Number of activities.
    pub activities: usize,
    /// Of which 线上.
    pub online: usize,
    /// Of which 线下.
    pub offline: usize,
    /// Sums of 参与人数, 发放科普宣传资料数量, 宣传展板数量, 媒体报道篇数 (valid cells only).
    pub counts: [u64; 4],
}

impl Totals {
    /// `共3项（线上1项，线下2项）`
    pub fn summary(&self) -> String {
        format!("共{}项（线上{}项，线下{}项）", self.activities, self.online, self.offline)
    }
}

/// Computes the 合计 row.
pub fn totals(sheet: &Tongji) -> Totals {
    let mut t = Totals { activities: sheet.rows.len(), ..Totals::default() };
    for row in &sheet.rows {
        match row.mode.trim() {
            "线上" => t.online += 1,
            "线下" => t.offline += 1,
            _ => {}
        }
        for (sum, col) in t.counts.iter_mut().zip(Col::COUNTS) {
            *sum = sum.saturating_add(numbers::whole(row.get(col)).unwrap_or(0));
        }
    }
    t
}

fn required(value: &str, field: Field, message: impl FnOnce() -> String, out: &mut Vec<Problem<Field>>) -> bool {
    let ok = !value.trim().is_empty();
    if !ok {
        out.push(Problem::error(field, message()));
    }
    ok
}

/// Every problem of the sheet: header first, then row by row.
pub fn validate(sheet: &Tongji) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    let head = |h: Head| Field::Head(h);
    required(&sheet.unit, head(Head::Unit), || "请填写填报单位".into(), &mut out);
    let month = sheet.month_start();
    if required(&sheet.month, head(Head::Month), || "请填写统计月份".into(), &mut out) && month.is_none() {
        out.push(Problem::error(head(Head::Month), "统计月份格式不正确：请选择年份和月份，如2024年4月"));
    }
    required(&sheet.reporter, head(Head::Reporter), || "请填写填报人".into(), &mut out);
    if required(&sheet.phone, head(Head::Phone), || "请填写联系电话".into(), &mut out) {
        match contact::classify_phone(&sheet.phone) {
            PhoneKind::Mobile | PhoneKind::Landline => {}
            PhoneKind::LocalOnly => {
                out.push(Problem::warning(head(Head::Phone), "联系电话缺少区号：请在号码前加上区号，如0772-2625843"))
            }
            PhoneKind::Invalid => out.push(Problem::error(
                head(Head::Phone),
                "联系电话格式不正确：请填写11位手机号（如13877246160）或带区号的固定电话（如0772-2625843）",
            )),
        }
    }
    if !sheet.filled_on.trim().is_empty() && parse_day(&sheet.filled_on).is_none() {
        out.push(Problem::error(head(Head::FilledOn), "填报日期不是有效日期，请重新选择"));
    }
    if sheet.rows.is_empty() {
        out.push(Problem::warning(Field::Rows, "本月还没有填写任何活动：如确无活动，可直接报送"));
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        check_row(i, row, month, &mut out);
    }
    out
}

fn check_row(i: usize, row: &Activity, month: Option<NaiveDate>, out: &mut Vec<Problem<Field>>) {
    let at = format!("第{}行", i + 1);
    let cell = |c: Col| Field::Cell(i, c);
    required(&row.content, cell(Col::Content), || format!("{at}：请填写活动内容"), out);
    if required(&row.mode, cell(Col::Mode), || format!("{at}：请选择活动形式（线上或线下）"), out)
        && !MODES.contains(&row.mode.trim())
    {
        out.push(Problem::error(cell(Col::Mode), format!("{at}：活动形式只能是线上或线下")));
    }
    required(&row.place, cell(Col::Place), || format!("{at}：请填写活动地点（线上活动填平台名称）"), out);
    if required(&row.date, cell(Col::Date), || format!("{at}：请填写活动时间"), out) {
        match (parse_day(&row.date), month) {
            (None, _) => out.push(Problem::error(cell(Col::Date), format!("{at}：活动时间不是有效日期"))),
            (Some(d), Some(m)) if (d.year(), d.month()) != (m.year(), m.month()) => out.push(Problem::error(
                cell(Col::Date),
                format!(
                    "{at}：活动时间{}不在统计月份{}年{}月内，请核对日期或统计月份",
                    dates::format_cn(d),
                    m.year(),
                    m.month()
                ),
            )),
            _ => {}
        }
    }
    for col in Col::COUNTS {
        let typed = row.get(col);
        if typed.trim().is_empty() {
            out.push(Problem::error(cell(col), format!("{at}：请填写{}（没有请填0）", col.label())));
        } else if numbers::whole(typed).is_none() {
            out.push(Problem::error(cell(col), format!("{at}：{}应为不小于0的整数", col.label())));
        }
    }
}

/// A count cell: a plain number when it is digits only, else the text as typed.
fn count_cell(out: &mut csv_out::Writer, typed: &str) {
    if !typed.is_empty() && typed.bytes().all(|b| b.is_ascii_digit()) {
        out.number(typed);
    } else {
        out.text(typed);
    }
}

/// The first cell of the 合计 row.
const TOTAL_LABEL: &str = "合计";

/// The sheet as CSV bytes: the header fields as label/value lines, the
/// table's header row, one row per activity, and the 合计 row.
pub fn to_csv(sheet: &Tongji) -> Vec<u8> {
    // Written cell by cell from the sheet: a thousand rows are common enough to matter.
    let mut out = csv_out::Writer::new();
    for h in Head::ALL {
        out.text(h.label());
        out.text(sheet.head(h));
        out.end_row();
    }
    for c in Col::ALL {
        out.text(c.label());
    }
    out.end_row();
    for row in &sheet.rows {
        for c in Col::ALL {
            if Col::COUNTS.contains(&c) {
                count_cell(&mut out, row.get(c));
            } else {
                out.text(row.get(c));
            }
        }
        out.end_row();
    }
    let t = totals(sheet);
    out.text(TOTAL_LABEL);
    out.text(&t.summary());
    out.text("");
    out.text("");
    for n in t.counts {
        out.number(&n.to_string());
    }
    out.text("");
    out.end_row();
    out.finish()
}

/// `{填报单位}_活动统计表_{年月}.csv`
pub fn csv_file_name(sheet: &Tongji) -> String {
    let ym = sheet.month_start().map(dates::year_month).unwrap_or_else(|| "未填月份".into());
    csv_out::file_name(&sheet.unit, FORM_NAME, &ym)
}

/// Reads a sheet back from CSV bytes written by [`to_csv`], also after Excel or
/// WPS re-saved them (UTF-8 or, through `gb18030`, GB18030). The 合计 row is
/// recomputed, not read. Errors name the line and column.
pub fn from_csv(bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Result<Tongji, ReadError> {
    from_records(csv_out::read(bytes, gb18030)?)
}

/// [`from_csv`] of records already read (the 汇总 reads a file once to know which form it is).
pub fn from_records(records: csv_out::Records) -> Result<Tongji, ReadError> {
    let mut sheet = Tongji { brand: String::new(), ..Tongji::default() };
    let mut seen_brand = false;
    let mut in_table = false;
    for (line, cells) in records {
        let cells: Vec<&str> = cells.iter().map(csv_out::restore).collect();
        let first = cells.first().copied().unwrap_or("").trim();
        if !in_table {
            if first == Col::Content.label() {
                check_table_header(line, &cells)?;
                in_table = true;
                continue;
            }
            if first.is_empty() && cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let head = Head::ALL.into_iter().find(|h| h.label() == first).ok_or_else(|| {
                csv_out::error_at(line, Some(1), format!("无法识别的项目“{first}”，表头之前只能是填报单位、统计月份等"))
            })?;
            if let Some(extra) = cells.iter().skip(2).position(|c| !c.trim().is_empty()) {
                return Err(csv_out::error_at(line, Some(extra + 3), "表头项目只能有一个值"));
            }
            seen_brand |= head == Head::Brand;
            sheet.set_head(head, cells.get(1).copied().unwrap_or("").to_owned());
            continue;
        }
        if first == TOTAL_LABEL {
            break;
        }
        if let Some(extra) = cells.iter().skip(Col::ALL.len()).position(|c| !c.trim().is_empty()) {
            return Err(csv_out::error_at(
                line,
                Some(extra + Col::ALL.len() + 1),
                "超出统计表的列，请检查是否多了一列",
            ));
        }
        // Ids in file order; add_row would search the rows for the next one each time.
        let mut row = Activity { id: u32::try_from(sheet.rows.len() + 1).unwrap_or(u32::MAX), ..Activity::default() };
        for (col, value) in Col::ALL.into_iter().zip(cells.iter().chain(std::iter::repeat(&""))) {
            row.set(col, (*value).to_owned());
        }
        sheet.rows.push(row);
    }
    if !in_table {
        return Err(ReadError {
            line: None,
            message: format!(
                "文件中没有统计表的表头（以“{}”开头的一行），请确认导入的是活动统计表CSV",
                Col::Content.label()
            ),
        });
    }
    if !seen_brand {
        sheet.brand = DEFAULT_BRAND.into();
    }
    normalise_imported(&mut sheet);
    Ok(sheet)
}

fn check_table_header(line: u64, cells: &[&str]) -> Result<(), ReadError> {
    for (i, col) in Col::ALL.iter().enumerate() {
        let found = cells.get(i).copied().unwrap_or("").trim();
        if found != col.label() {
            return Err(csv_out::error_at(line, Some(i + 1), format!("应为“{}”，实为“{found}”", col.label())));
        }
    }
    Ok(())
}

/// Spreadsheets rewrite dates (`2024/4/3`, `2024年4月`): bring them back to
/// the form's own `YYYY-MM-DD` / `YYYY-MM`, leaving anything unreadable as it was.
fn normalise_imported(sheet: &mut Tongji) {
    if let Some(m) = parse_month(&sheet.month)
        && dates::parse_iso(&format!("{}-01", sheet.month.trim())).is_none_or(|d| d != m)
    {
        sheet.month = month_value(m);
    }
    if let Some(d) = parse_day(&sheet.filled_on)
        && dates::parse_iso(&sheet.filled_on) != Some(d)
    {
        sheet.filled_on = dates::to_iso(d);
    }
    for row in &mut sheet.rows {
        if let Some(d) = parse_day(&row.date)
            && dates::parse_iso(&row.date) != Some(d)
        {
            row.date = dates::to_iso(d);
        }
    }
}

/// What the printed 附件2 shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintModel {
    /// `“科普梦·乡村情”系列科普品牌活动统计表`
    pub title: String,
    /// `填报单位：…`
    pub unit_line: String,
    /// `统计月份：2024年4月　填报人：…　联系电话：…　填报日期：2024年4月30日`
    pub meta_line: String,
    /// Rows, cells as printed (dates `2024年4月3日`).
    pub rows: Vec<[String; 9]>,
    /// The 合计 row's cells.
    pub total: [String; 9],
}

/// Builds the print model.
pub fn print_model(sheet: &Tongji) -> PrintModel {
    let day = |s: &str| parse_day(s).map(dates::format_cn).unwrap_or_else(|| s.trim().to_owned());
    let month =
        sheet.month_start().map(|m| format!("{}年{}月", m.year(), m.month())).unwrap_or_else(|| sheet.month.clone());
    let t = totals(sheet);
    PrintModel {
        title: sheet.title(),
        unit_line: format!("填报单位：{}", sheet.unit.trim()),
        meta_line: format!(
            "统计月份：{month}\u{3000}填报人：{}\u{3000}联系电话：{}\u{3000}填报日期：{}",
            sheet.reporter.trim(),
            sheet.phone.trim(),
            day(&sheet.filled_on)
        ),
        rows: sheet
            .rows
            .iter()
            .map(|r| Col::ALL.map(|c| if c == Col::Date { day(&r.date) } else { r.get(c).trim().to_owned() }))
            .collect(),
        total: [
            TOTAL_LABEL.to_owned(),
            t.summary(),
            String::new(),
            String::new(),
            t.counts[0].to_string(),
            t.counts[1].to_string(),
            t.counts[2].to_string(),
            t.counts[3].to_string(),
            String::new(),
        ],
    }
}

/// The 活动统计表 as a workbook's one sheet, named for its tab: 活动时间
/// stands for its date and the four counts for their numbers where valid, and
/// 合计 for its sums. Apart from the print, so the page never carries it.
pub fn workbook(sheet: &Tongji) -> Vec<(&'static str, Sheet)> {
    let mut printed = print_sheet(sheet);
    if let Some(Block::Table(table)) = printed.blocks.last_mut() {
        for (row, activity) in table.rows.iter_mut().zip(&sheet.rows) {
            row.cells[3].value = parse_day(&activity.date).map(Value::Date);
            for (i, col) in [(4, Col::Participants), (5, Col::Materials), (6, Col::Boards), (7, Col::Reports)] {
                row.cells[i].value = numbers::whole(activity.get(col)).map(Value::Count);
            }
        }
        if let Some(total) = table.rows.get_mut(sheet.rows.len()) {
            for (cell, n) in total.cells[2..6].iter_mut().zip(totals(sheet).counts) {
                cell.value = Some(Value::Count(n));
            }
        }
    }
    vec![(FORM_NAME, printed)]
}

/// The paper 附件2 on A4 landscape: title, who and which month, the rows and 合计.
pub fn print_sheet(sheet: &Tongji) -> Sheet {
    let m = print_model(sheet);
    let cell = |i: usize, text: &String| if (4..8).contains(&i) { Cell::number(text) } else { Cell::text(text) };
    let mut rows: Vec<Row> =
        m.rows.iter().map(|cells| Row::of(cells.iter().enumerate().map(|(i, c)| cell(i, c)).collect())).collect();
    let [label, summary, _, _, counts @ .., remark] = &m.total;
    let mut total = vec![Cell::text(label), Cell::text(summary).span(3)];
    total.extend(counts.iter().map(Cell::number));
    total.push(Cell::text(remark));
    rows.push(Row::total(total ));
    Sheet {
        attachment: "附件2".into(),
        title: m.title,
        failed_check: crate::rules::problem::has_errors(&validate(sheet)),
        landscape: true,
        blocks: vec![
            Block::Para { class: "print-meta", text: m.unit_line },
            Block::Para { class: "print-meta", text: m.meta_line },
            Block::Table(Table {
                class: "print-table print-tongji",
                columns: [17, 8, 13, 10, 7, 10, 7, 7, 21].map(Column::Percent).to_vec(),
                head: Col::ALL.map(|c| c.label().to_owned()).to_vec(),
                rows,
            }),
        ],
    }
}

/// An activity of [`sample`].
fn activity(id: u32, content: &str, mode: &str, date: &str, counts: [&str; 4]) -> Activity {
    Activity {
        id,
        content: content.into(),
        mode: mode.into(),
        place: "柳城县大埔镇".into(),
        date: date.into(),
        participants: counts[0].into(),
        materials: counts[1].into(),
        boards: counts[2].into(),
        reports: counts[3].into(),
        remark: String::new(),
    }
}

/// The sheet tests start from, in this crate and others: 柳城县科协's April 2024, two activities.
#[doc(hidden)]
pub fn sample() -> Tongji {
    Tongji {
        unit: "柳城县科协".into(),
        month: "2024-04".into(),
        reporter: "陈琰琰".into(),
        phone: "13877246160".into(),
        filled_on: "2024-04-30".into(),
        rows: vec![
            activity(1, "科普进校园", "线下", "2024-04-03", ["120", "300", "4", "1"]),
            activity(2, "防诈骗直播讲座", "线上", "2024-04-18", ["560", "0", "0", "2"]),
        ],
        ..Tongji::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sample_passes_and_totals_add_up() {
        assert_eq!(validate(&sample()), vec![]);
        let t = totals(&sample());
        assert_eq!(t, Totals { activities: 2, online: 1, offline: 1, counts: [680, 300, 4, 3] });
        assert_eq!(t.summary(), "共2项（线上1项，线下1项）");
    }

    #[test]
    fn out_of_month_dates_and_bad_counts_are_errors() {
        let mut sheet = sample();
        sheet.rows[0].date = "2024-05-03".into();
        sheet.rows[1].participants = "".into();
        sheet.rows[1].materials = "-1".into();
        sheet.rows[1].boards = "1.5".into();
        sheet.rows[1].mode = "线下活动".into();
        let messages: Vec<(Field, String)> = validate(&sheet).into_iter().map(|p| (p.field, p.message)).collect();
        assert_eq!(
            messages,
            vec![
                (
                    Field::Cell(0, Col::Date),
                    "第1行：活动时间2024年5月3日不在统计月份2024年4月内，请核对日期或统计月份".into()
                ),
                (Field::Cell(1, Col::Mode), "第2行：活动形式只能是线上或线下".into()),
                (Field::Cell(1, Col::Participants), "第2行：请填写参与人数（没有请填0）".into()),
                (Field::Cell(1, Col::Materials), "第2行：发放科普宣传资料数量应为不小于0的整数".into()),
                (Field::Cell(1, Col::Boards), "第2行：宣传展板数量应为不小于0的整数".into()),
            ]
        );
    }

    #[test]
    fn header_is_checked() {
        let sheet = Tongji::default();
        let fields: Vec<Field> = validate(&sheet).iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [Head::Unit, Head::Month, Head::Reporter, Head::Phone]
                .map(Field::Head)
                .into_iter()
                .chain([Field::Rows])
                .collect::<Vec<_>>()
        );
        assert!(!validate(&sheet).last().unwrap().is_error());
    }

    #[test]
    fn due_date_of_the_month() {
        let mut sheet = sample();
        assert_eq!(sheet.due(), Some(Due { date: d(2024, 4, 30), official: true }));
        sheet.month = "2026-02".into();
        assert_eq!(sheet.due().unwrap().date, d(2026, 2, 28));
        sheet.month = "".into();
        assert_eq!(sheet.due(), None);
    }

    #[test]
    fn months_and_days_as_spreadsheets_write_them() {
        for m in ["2024-04", "2024-4", "2024/4", "2024.04", "2024年4月", "２０２４年４月", "2024/4/1", "2024-04-01"]
        {
            assert_eq!(parse_month(m), Some(d(2024, 4, 1)), "{m}");
        }
        for bad in ["", "2024", "24-4", "2024-13", "2024-4-1-1", "四月", "2024/4/3"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        for day in ["2024-04-03", "2024/4/3", "2024.4.3", "2024年4月3日"] {
            assert_eq!(parse_day(day), Some(d(2024, 4, 3)), "{day}");
        }
        assert_eq!(numbers::whole("1,200"), Some(1200));
        assert_eq!(numbers::whole("０"), Some(0));
        assert_eq!(numbers::whole("1.0"), None);
    }

    #[test]
    fn csv_layout() {
        let text = String::from_utf8(to_csv(&sample())).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}填报单位,柳城县科协\r\n统计月份,2024-04\r\n填报人,陈琰琰\r\n联系电话,13877246160\r\n填报日期,2024-04-30\r\n品牌名,科普梦·乡村情\r\n\
             活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注\r\n\
             科普进校园,线下,柳城县大埔镇,2024-04-03,120,300,4,1,\r\n\
             防诈骗直播讲座,线上,柳城县大埔镇,2024-04-18,560,0,0,2,\r\n\
             合计,共2项（线上1项，线下1项）,,,680,300,4,3,\r\n"
        );
        assert_eq!(csv_file_name(&sample()), "柳城县科协_活动统计表_202404.csv");
    }

    fn no_gb(_: &[u8]) -> Option<String> {
        None
    }

    fn without_ids(mut sheet: Tongji) -> Tongji {
        for (i, r) in sheet.rows.iter_mut().enumerate() {
            r.id = i as u32 + 1;
        }
        sheet
    }

    #[test]
    fn csv_round_trip_of_the_sample() {
        assert_eq!(from_csv(&to_csv(&sample()), &no_gb).unwrap(), without_ids(sample()));
    }

    #[test]
    fn import_after_a_spreadsheet_resaved_the_file() {
        let resaved = "填报单位,柳城县科协,,,,,,,\n统计月份,2024年4月,,,,,,,\n填报人,陈琰琰,,,,,,,\n联系电话,13877246160,,,,,,,\n填报日期,2024/4/30,,,,,,,\n品牌名,科普梦·乡村情,,,,,,,\n\
            活动内容,活动形式（线上/线下）,活动地点,活动时间,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,备注\n\
            科普进校园,线下,柳城县大埔镇,2024/4/3,120,300,4,1,\n\
            防诈骗直播讲座,线上,柳城县大埔镇,2024/4/18,560,0,0,2,\n\
            合计,共2项（线上1项，线下1项）,,,680,300,4,3,\n";
        assert_eq!(from_csv(resaved.as_bytes(), &no_gb).unwrap(), without_ids(sample()));
    }

    #[test]
    fn import_errors_name_line_and_column() {
        let e = from_csv("填报单位,甲\n活动内容,活动形式,活动地点\n".as_bytes(), &no_gb).unwrap_err();
        assert_eq!(e.message, "第2行第2列：应为“活动形式（线上/线下）”，实为“活动形式”");
        let e = from_csv("单位名称,甲\n".as_bytes(), &no_gb).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.starts_with("第1行第1列：无法识别的项目“单位名称”"));
        let e = from_csv("填报单位,甲\n".as_bytes(), &no_gb).unwrap_err();
        assert!(e.message.contains("没有统计表的表头"));
        let header = Col::ALL.map(Col::label).join(",");
        let text = format!("填报单位,甲\n{header}\n活动,线下,村,2024-04-01,1,1,1,1,,多出来的\n");
        let e = from_csv(text.as_bytes(), &no_gb).unwrap_err();
        assert_eq!(e.message, "第3行第10列：超出统计表的列，请检查是否多了一列");
    }

    #[test]
    fn rows_add_and_duplicate() {
        let mut sheet = sample();
        let copy = sheet.duplicate_row(1).unwrap();
        assert_eq!(copy, 3);
        assert_eq!(sheet.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 3, 2]);
        assert_eq!(sheet.rows[1].content, "科普进校园");
        assert_eq!(sheet.add_row(), 4);
    }

    #[test]
    fn next_month_from_last_months_sheet() {
        let today = d(2024, 5, 31);
        let cleared = sample().next_month(today, false);
        assert_eq!((cleared.month.as_str(), cleared.filled_on.as_str()), ("2024-05", "2024-05-31"));
        assert_eq!((cleared.unit.as_str(), cleared.rows.len()), ("柳城县科协", 0));
        let kept = sample().next_month(today, true);
        assert_eq!(kept.rows[1].date, "2024-05-18");
        assert_eq!(kept.rows[1].content, "防诈骗直播讲座");
        assert_eq!(kept.rows[1].participants, "");
        let mut december = sample();
        december.month = "2024-12".into();
        assert_eq!(december.next_month(today, false).month, "2025-01");
    }

    #[test]
    fn print_model_writes_dates_the_paper_way() {
        let model = print_model(&sample());
        assert_eq!(model.title, "“科普梦·乡村情”系列科普品牌活动统计表");
        assert_eq!(model.unit_line, "填报单位：柳城县科协");
        assert_eq!(model.rows[0][3], "2024年4月3日");
        assert_eq!(model.total[1], "共2项（线上1项，线下1项）");
        assert_eq!(model.total[4], "680");
        assert!(model.meta_line.starts_with("统计月份：2024年4月"));
    }
}
