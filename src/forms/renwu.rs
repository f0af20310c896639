//! 科普信息员工作任务分解表 (seeds/002 附件1, FORMS.md D): the rules of the
//! table. Each row's figures follow the seed's 说明 unless the user types
//! another figure into that row.

use serde::{Deserialize, Serialize};

use crate::rules::problem::Problem;

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
}

/// Whether `name` is a village or community, the units the seed's rules speak of.
pub fn is_village_or_community(name: &str) -> bool {
    let name = name.trim();
    name.ends_with('村') || name.ends_with("社区") || name.ends_with("居委会")
}

fn whole(typed: &str) -> Option<u32> {
    let t = typed.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
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

    /// Replaces the rows by one per name, one name per line (blank lines and repeats skipped),
    /// each with the seed's figures: 2 骨干, and 45 registrations for a village or community.
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
                registrations: String::new(),
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
    if whole(&table.per_person).is_none() && !table.per_person.trim().is_empty() {
        out.push(Problem::error(Field::PerPerson, "每名骨干全年分享次数应为整数，如2200"));
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
    fn names_list_skips_blanks_and_repeats() {
        let mut t = Renwu::default();
        t.fill_from_names("  甲村 \r\n\n乙社区\n甲村\n");
        let names: Vec<(u32, &str)> = t.rows.iter().map(|u| (u.id, u.name.as_str())).collect();
        assert_eq!(names, [(1, "甲村"), (2, "乙社区")]);
        assert_eq!(t.totals(), Figures { core: 4, registrations: 90, spread: 8800 });
    }
}
