//! 科普信息员工作任务分解表 (seeds/002 附件1, FORMS.md D): the rules of the
//! table. Each row's figures follow the seed's 说明 unless the user types
//! another figure into that row.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::forms::reward;
use crate::form::Export;
use crate::rules::csv_out;
use crate::rules::numbers;
use crate::rules::print::{Block, Cell, Row, Sheet, Table, Value};
use crate::rules::problem::Problem;

/// The paper's name, for file names and the menu.
pub const FORM_NAME: &str = "科普信息员工作任务分解表";

/// The paper's columns, in order.
pub const COLUMNS: [&str; 5] =
    ["序号", "单位", "骨干科普信息员人数", "注册任务数（新增人数）", "全年传播量任务（新增分享文章次数）"];

/// The label of the totals row.
pub const TOTAL_LABEL: &str = "总计";

/// 说明1: each village or community has at least this many 骨干科普信息员.
pub const MIN_CORE: u32 = 2;
/// 说明2: new registrations counted per village or community.
pub const DEFAULT_REGISTRATIONS: u32 = 45;
/// 说明3: articles shared per 骨干科普信息员 in a year.
pub const DEFAULT_PER_PERSON: u32 = 2200;

/// One unit of the table: a village, a community, or another unit such as 机关、站所.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Unit {
    /// Stable id, kept when rows move.
    pub id: u32,
    /// 单位
    pub name: String,
    /// 骨干科普信息员人数, as typed.
    pub core: String,
    /// 注册任务数（新增人数）, as typed; empty takes the default of a village or community.
    pub registrations: String,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Renwu {
    /// The town or unit issuing the table, e.g. 插旗镇.
    pub issuer: String,
    /// 年度, e.g. 2021.
    pub year: String,
    /// Articles per 骨干 in a year, as typed; empty means [`DEFAULT_PER_PERSON`].
    pub per_person: String,
    /// The units in order.
    pub rows: Vec<Unit>,
    /// The pasted list of 科普员 and their 全年传播量, for the year-end ranking.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reward_list: String,
}

/// What 按村（社区）名单生成 fills in, as the page explains it.
pub fn generate_hint() -> String {
    format!(
        "生成后每个单位骨干科普信息员{MIN_CORE}名；村、社区注册任务数{DEFAULT_REGISTRATIONS}人，其他单位（如机关、站所）请自行填写。"
    )
}

/// The per-person figure's rule, as the settings explain it.
pub fn per_person_hint() -> String {
    format!("通知的规定为{DEFAULT_PER_PERSON}次；不填按{DEFAULT_PER_PERSON}次计算")
}

/// Whether `name` is a village or community, the units the seed's rules speak of.
pub fn is_village_or_community(name: &str) -> bool {
    let name = name.trim();
    name.ends_with('村') || name.ends_with("社区") || name.ends_with("居委会")
}

/// A whole number as typed, if it fits the table's figures.
fn whole(typed: &str) -> Option<u32> {
    numbers::whole(typed).and_then(|n| u32::try_from(n).ok())
}

/// A column of a unit's row that the user types into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Col {
    /// 单位
    Name,
    /// 骨干科普信息员人数
    Core,
    /// 注册任务数（新增人数）
    Registrations,
}

impl Col {
    /// The typed columns in order.
    pub const ALL: [Col; 3] = [Col::Name, Col::Core, Col::Registrations];

    /// The column's label on paper.
    pub const fn label(self) -> &'static str {
        match self {
            Col::Name => COLUMNS[1],
            Col::Core => COLUMNS[2],
            Col::Registrations => COLUMNS[3],
        }
    }

    /// The field of this column in `row`.
    pub fn field(self, row: usize) -> Field {
        match self {
            Col::Name => Field::Name(row),
            Col::Core => Field::Core(row),
            Col::Registrations => Field::Registrations(row),
        }
    }
}

impl Unit {
    /// The text typed in `col`.
    pub fn get(&self, col: Col) -> &str {
        match col {
            Col::Name => &self.name,
            Col::Core => &self.core,
            Col::Registrations => &self.registrations,
        }
    }

    /// Sets the text of `col`.
    pub fn set(&mut self, col: Col, value: String) {
        match col {
            Col::Name => self.name = value,
            Col::Core => self.core = value,
            Col::Registrations => self.registrations = value,
        }
    }
}

impl Field {
    /// The cell this field is, if it is one.
    pub fn cell(self) -> Option<(usize, Col)> {
        match self {
            Field::Name(i) => Some((i, Col::Name)),
            Field::Core(i) => Some((i, Col::Core)),
            Field::Registrations(i) => Some((i, Col::Registrations)),
            _ => None,
        }
    }
}

/// A field of the table, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 单位 of row `i` (0-based).
    Name(usize),
    /// 骨干科普信息员人数 of row `i`.
    Core(usize),
    /// 注册任务数 of row `i`.
    Registrations(usize),
    /// The per-person figure of the settings.
    PerPerson,
    /// The issuing unit of the title.
    Issuer,
    /// 年度
    Year,
    /// The pasted list of the year-end ranking.
    RewardList,
}

/// The three figures of one row, as the table shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// 骨干科普信息员人数
    pub core: u32,
    /// 注册任务数（新增人数）
    pub registrations: u32,
    /// 全年传播量任务（新增分享文章次数）
    pub spread: u64,
}

impl Renwu {
    /// `{单位}{年度}年各单位科普信息员工作任务分解表`
    pub fn title(&self) -> String {
        format!("{}{}年各单位科普信息员工作任务分解表", self.issuer.trim(), self.year.trim())
    }

    /// Articles per 骨干 in a year: the typed figure, else the seed's 2200.
    pub fn per_person(&self) -> u32 {
        if self.per_person.trim().is_empty() { DEFAULT_PER_PERSON } else { whole(&self.per_person).unwrap_or(0) }
    }

    /// Adds an empty unit at the end; its id.
    pub fn add_row(&mut self) -> u32 {
        let id = self.rows.iter().map(|u| u.id).max().map_or(1, |m| m + 1);
        self.rows.push(Unit { id, core: MIN_CORE.to_string(), ..Unit::default() });
        id
    }

    /// The 说明 lines under the table, with the figures in use.
    pub fn notes(&self) -> [String; 3] {
        [
            format!("1.每个村（社区）骨干科普员人数至少{MIN_CORE}名；"),
            format!("2.新增注册人数按每个村（社区）{DEFAULT_REGISTRATIONS}人计算；"),
            format!("3.新增分享文章次数是按照每个骨干科普信息员全年平均分享文章{}次计算。", self.per_person()),
        ]
    }

    /// Each row's cells as exported: 序号, 单位 and the three figures.
    pub fn print_rows(&self) -> Vec<[String; 5]> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let f = self.figures(u);
                [
                    (i + 1).to_string(),
                    u.name.trim().to_owned(),
                    f.core.to_string(),
                    f.registrations.to_string(),
                    f.spread.to_string(),
                ]
            })
            .collect()
    }

    /// Replaces the rows by one per name, one name per line (blank lines and repeats skipped),
    /// each with the seed's figures: 2 骨干, and 45 registrations for a village or community
    /// (other units, such as 机关、站所, type their own).
    pub fn fill_from_names(&mut self, names: &str) {
        let mut seen = Vec::new();
        for name in names.lines().map(str::trim).filter(|n| !n.is_empty()) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        self.rows = seen
            .into_iter()
            .zip(1..)
            .map(|(name, id)| Unit {
                id,
                name: name.to_owned(),
                core: MIN_CORE.to_string(),
                registrations: if is_village_or_community(name) {
                    DEFAULT_REGISTRATIONS.to_string()
                } else {
                    String::new()
                },
            })
            .collect();
    }

    /// The figures of row `unit`: typed ones where valid, the rules' defaults otherwise (0 when unknown).
    pub fn figures(&self, unit: &Unit) -> Figures {
        let core = whole(&unit.core).unwrap_or(0);
        let registrations = if unit.registrations.trim().is_empty() {
            if is_village_or_community(&unit.name) { DEFAULT_REGISTRATIONS } else { 0 }
        } else {
            whole(&unit.registrations).unwrap_or(0)
        };
        Figures { core, registrations, spread: u64::from(core) * u64::from(self.per_person()) }
    }

    /// The 总计 row.
    pub fn totals(&self) -> Figures {
        self.rows.iter().map(|u| self.figures(u)).fold(Figures::default(), |sum, f| Figures {
            core: sum.core + f.core,
            registrations: sum.registrations + f.registrations,
            spread: sum.spread + f.spread,
        })
    }
}

/// Every problem of the table, in reading order.
pub fn validate(table: &Renwu) -> Vec<Problem<Field>> {
    let mut out = Vec::new();
    if table.issuer.trim().is_empty() {
        out.push(Problem::error(Field::Issuer, "请填写单位，如：插旗镇"));
    }
    if numbers::year(&table.year).is_none() {
        out.push(Problem::error(Field::Year, numbers::year_message()));
    }
    if whole(&table.per_person).is_none() && !table.per_person.trim().is_empty() {
        out.push(Problem::error(Field::PerPerson, format!("每名骨干全年分享次数应为整数，如{DEFAULT_PER_PERSON}")));
    }
    for (i, unit) in table.rows.iter().enumerate() {
        let n = i + 1;
        if unit.name.trim().is_empty() {
            out.push(Problem::error(Field::Name(i), format!("第{n}行：请填写单位")));
        }
        match whole(&unit.core) {
            None => out.push(Problem::error(Field::Core(i), format!("第{n}行：骨干科普信息员人数应为整数"))),
            Some(c) if c < MIN_CORE && is_village_or_community(&unit.name) => out.push(Problem::error(
                Field::Core(i),
                format!("第{n}行：每个村（社区）骨干科普员人数至少{MIN_CORE}名，现为{c}名"),
            )),
            Some(_) => {}
        }
        let registrations = unit.registrations.trim();
        if registrations.is_empty() && !is_village_or_community(&unit.name) {
            out.push(Problem::error(
                Field::Registrations(i),
                format!("第{n}行：请填写注册任务数（默认的{DEFAULT_REGISTRATIONS}人只用于村、社区）"),
            ));
        } else if !registrations.is_empty() && whole(registrations).is_none() {
            out.push(Problem::error(Field::Registrations(i), format!("第{n}行：注册任务数应为整数")));
        }
    }
    out
}

/// A field of the 任务分解表 outside its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// The issuing unit of the title (单位).
    Issuer,
    /// 年度
    Year,
    /// The per-person figure of the settings.
    PerPerson,
    /// The pasted list of the year-end ranking.
    RewardList,
}

impl crate::form::Heads for Renwu {
    type Head = Head;

    crate::text_heads! {
        Head::Issuer => issuer,
        Head::Year => year,
        Head::PerPerson => per_person,
        Head::RewardList => reward_list,
    }

    fn checked(head: Head) -> Option<Field> {
        Some(match head {
            Head::Issuer => Field::Issuer,
            Head::Year => Field::Year,
            Head::PerPerson => Field::PerPerson,
            Head::RewardList => Field::RewardList,
        })
    }

    /// The title's 单位 and 年度; the others have a default or are optional.
    fn required(&self, head: Head) -> bool {
        matches!(head, Head::Issuer | Head::Year)
    }
}

crate::one_export_form!(Renwu, "任务分解表", Export::FORM, |table, _| csv_file_name(table), |first| {
    crate::form::starts_with(first, &COLUMNS)
});

impl crate::draft::Stored for Renwu {
    type Field = Field;

    /// This year's table.
    fn blank(today: NaiveDate) -> Self {
        Renwu { year: today.year().to_string(), ..Renwu::default() }
    }

    /// This year's table, with the issuer and the per-person figure kept.
    fn fresh(&self, today: NaiveDate) -> Self {
        Renwu { issuer: self.issuer.clone(), per_person: self.per_person.clone(), ..Renwu::blank(today) }
    }

    /// `插旗镇 · 2021年`
    fn list_title(&self) -> String {
        crate::drafts::unit_and_year(&self.issuer, &self.year)
    }

    fn validate(&self) -> Vec<Problem<Field>> {
        validate(self)
    }
}

/// The table as CSV (FORMS.md Exports): the paper's columns, a row per unit, 总计.
pub fn to_csv(table: &Renwu) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for c in COLUMNS {
        out.text(c);
    }
    out.end_row();
    for [n, name, core, registrations, spread] in table.print_rows() {
        out.number(&n);
        out.text(&name);
        out.number(&core);
        out.number(&registrations);
        out.number(&spread);
        out.end_row();
    }
    let t = table.totals();
    out.text("");
    out.text(TOTAL_LABEL);
    out.number(&t.core.to_string());
    out.number(&t.registrations.to_string());
    out.number(&t.spread.to_string());
    out.end_row();
    out.finish()
}

fn file_name(table: &Renwu, what: &str) -> String {
    let year = table.year.trim();
    csv_out::file_name(&table.issuer, what, if year.is_empty() { "未填年度" } else { year })
}

/// `{单位}_科普信息员工作任务分解表_{年度}.csv`
pub fn csv_file_name(table: &Renwu) -> String {
    file_name(table, FORM_NAME)
}

/// `{单位}_科普员通讯费补贴_{年度}.csv`, for the year-end ranking.
pub fn reward_file_name(table: &Renwu) -> String {
    file_name(table, "科普员通讯费补贴")
}

/// The 任务分解表 as a workbook's sheets, named for their tabs: the table as
/// printed, and the year-end ranking when a list was pasted.
pub fn workbook(table: &Renwu) -> Vec<(&'static str, Sheet)> {
    let mut sheets = vec![("任务分解表", print_sheet(table))];
    let ranking = reward::rank(&table.reward_list);
    if !ranking.rows.is_empty() {
        let title = format!("{}{}年科普员年终排名与通讯费补贴", table.issuer.trim(), table.year.trim());
        sheets.push(("年终排名", reward::sheet(&ranking, title)));
    }
    sheets
}

/// The paper 附件1 on A4 portrait: title, the units with 总计, and the 说明.
pub fn print_sheet(table: &Renwu) -> Sheet {
    let figures = |f: Figures| [Cell::count(f.core), Cell::count(f.registrations), Cell::count(f.spread)];
    let mut rows: Vec<Row> = table
        .rows
        .iter()
        .zip(1u64..)
        .map(|(unit, n)| {
            // 序号 prints as plain text, as on paper; a spreadsheet still gets the number.
            let serial = Cell::text(n.to_string()).value(Some(Value::Count(n)));
            let mut cells = vec![serial, Cell::text(unit.name.trim())];
            cells.extend(figures(table.figures(unit)));
            Row::of(cells)
        })
        .collect();
    let mut total = vec![Cell::text(""), Cell::text(TOTAL_LABEL)];
    total.extend(figures(table.totals()));
    rows.push(Row::total(total ));
    let mut notes = vec![Block::Para { class: "", text: "说明".into() }];
    notes.extend(table.notes().into_iter().map(|text| Block::Para { class: "", text }));
    Sheet {
        attachment: "附件1".into(),
        title: table.title(),
        failed_check: crate::rules::problem::has_errors(&validate(table)),
        landscape: false,
        blocks: vec![
            Block::Table(Table {
                class: "print-table print-renwu",
                columns: Vec::new(),
                head: COLUMNS.map(str::to_owned).to_vec(),
                rows,
            }),
            Block::Group { class: "print-notes", blocks: notes },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed's table (seeds/002 附件1): 机关、站所 with 10 registrations, eight villages and a community.
    fn seed() -> Renwu {
        let mut t = Renwu { issuer: "插旗镇".into(), year: "2021".into(), ..Renwu::default() };
        t.fill_from_names("机关、站所\n同福村\n注北村\n插旗村\n大湾村\n曙光村\n众城村\n千和村\n向阳街社区\n");
        t.rows[0].registrations = "10".into();
        t
    }

    #[test]
    fn the_seed_table_gives_the_seed_totals() {
        let t = seed();
        assert_eq!(t.rows.len(), 9);
        assert_eq!(t.totals(), Figures { core: 18, registrations: 370, spread: 39600 });
        assert_eq!(t.figures(&t.rows[8]), Figures { core: 2, registrations: 45, spread: 4400 });
        assert_eq!(t.title(), "插旗镇2021年各单位科普信息员工作任务分解表");
        assert_eq!(validate(&t), []);
    }

    #[test]
    fn typed_figures_override_the_rules() {
        let mut t = seed();
        t.rows[1].core = "3".into();
        t.rows[1].registrations = "60".into();
        t.per_person = "2000".into();
        assert_eq!(t.figures(&t.rows[1]), Figures { core: 3, registrations: 60, spread: 6000 });
        assert_eq!(t.totals(), Figures { core: 19, registrations: 385, spread: 38000 });
    }

    #[test]
    fn fewer_than_two_core_in_a_village_is_an_error_elsewhere_not() {
        let mut t = seed();
        t.rows[2].core = "1".into();
        t.rows[0].core = "1".into();
        let problems = validate(&t);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Core(2));
        assert_eq!(problems[0].message, "第3行：每个村（社区）骨干科普员人数至少2名，现为1名");
    }

    #[test]
    fn other_units_need_their_registrations_typed() {
        let mut t = seed();
        t.rows[0].registrations.clear();
        t.rows[3].registrations = "4五".into();
        t.per_person = "两千".into();
        let fields: Vec<Field> = validate(&t).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::PerPerson, Field::Registrations(0), Field::Registrations(3)]);
    }

    #[test]
    fn csv_has_the_paper_columns_rows_and_total() {
        let text = String::from_utf8(to_csv(&seed())).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(lines[1], "1,机关、站所,2,10,4400");
        assert_eq!(lines[9], "9,向阳街社区,2,45,4400");
        assert_eq!(lines[10], ",总计,18,370,39600");
        assert_eq!(csv_file_name(&seed()), "插旗镇_科普信息员工作任务分解表_2021.csv");
        assert_eq!(reward_file_name(&seed()), "插旗镇_科普员通讯费补贴_2021.csv");
    }

    #[test]
    fn names_list_skips_blanks_and_repeats() {
        let mut t = Renwu::default();
        t.fill_from_names("  甲村 \r\n\n乙社区\n甲村\n");
        let names: Vec<(u32, &str)> = t.rows.iter().map(|u| (u.id, u.name.as_str())).collect();
        assert_eq!(names, [(1, "甲村"), (2, "乙社区")]);
        assert_eq!(t.totals(), Figures { core: 4, registrations: 90, spread: 8800 });
    }
}
