//! The year-end ranking of 科普员 and their 通讯费补贴 (seeds/002, 四.2): the
//! top 10 by 全年传播量 get 500 元 each, 11–30 get 300 元, 31–100 get 200 元.

use crate::rules::csv_out;
use crate::rules::money::Money;
use crate::rules::print::{Block, Cell, Row, Sheet, Table, Value};

/// 补贴 tiers: (last rank of the tier, 元 per person).
pub const TIERS: [(usize, u32); 3] = [(10, 500), (30, 300), (100, 200)];

/// The CSV's columns.
pub const COLUMNS: [&str; 5] = ["名次", "姓名", "单位", "全年传播量", "通讯费补贴（元）"];

/// One 科普员 read from the pasted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 姓名
    pub name: String,
    /// 单位, when the line has one.
    pub unit: String,
    /// 全年传播量
    pub count: u64,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// 名次: equal counts share a rank, the next rank skips (1, 2, 2, 4).
    pub rank: usize,
    /// The 科普员.
    pub entry: Entry,
    /// 通讯费补贴 in 元.
    pub subsidy: u32,
}

/// The ranking, the people subsidised and the total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranking {
    /// Everyone, best first; ties keep the pasted order.
    pub rows: Vec<Ranked>,
    /// Lines that could not be read: (line number, message).
    pub problems: Vec<(usize, String)>,
    /// People with a 补贴.
    pub subsidised: usize,
    /// Total 补贴 in 元.
    pub total: u64,
}

/// The subsidy rule as the notice states it, from [`TIERS`]: `…前10名的科普员每人补贴通讯费500元，11—30名…`.
pub fn rule_text() -> String {
    let mut out = String::from("按通知：全年传播量在全县排名");
    let mut from = 1;
    for (i, (last, yuan)) in TIERS.iter().enumerate() {
        let sep = if i == 0 { "" } else { "，" };
        if from == 1 {
            out.push_str(&format!("{sep}前{last}名的科普员每人补贴通讯费{yuan}元"));
        } else {
            out.push_str(&format!("{sep}{from}—{last}名每人{yuan}元"));
        }
        from = last + 1;
    }
    out.push_str("。传播量相同的名次相同。");
    out
}

/// The 补贴 of a person at `rank`.
pub fn subsidy(rank: usize) -> u32 {
    TIERS.iter().find(|(last, _)| rank <= *last).map_or(0, |(_, yuan)| *yuan)
}

/// Reads one line: cells split by tabs (a paste from Excel or WPS), commas or spaces.
fn cells(line: &str) -> Vec<&str> {
    let split: Vec<&str> = if line.contains('\t') {
        line.split('\t').collect()
    } else if line.contains([',', '，']) {
        line.split([',', '，']).collect()
    } else {
        line.split_whitespace().collect()
    };
    split.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// Ranks the pasted list: one 科普员 per line, `姓名 传播量` or `姓名 单位 传播量`.
/// A first line without a number (a header row) is skipped.
pub fn rank(list: &str) -> Ranking {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in list.lines().enumerate() {
        let cells = cells(line);
        if cells.is_empty() {
            continue;
        }
        let count = cells.last().and_then(|c| crate::rules::numbers::whole(c));
        match (count, cells.len()) {
            (Some(count), 2..) => {
                entries.push(Entry { name: cells[0].to_owned(), unit: cells[1..cells.len() - 1].join(" "), count })
            }
            (None, _) if entries.is_empty() && problems.is_empty() => {}
            _ => problems.push((i + 1, format!("第{}行：应为“姓名 传播量”或“姓名 单位 传播量”，传播量为整数", i + 1))),
        }
    }
    // Stable: equal counts keep the pasted order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.count));
    let mut rows: Vec<Ranked> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let rank = match rows.last() {
            Some(prev) if prev.entry.count == entry.count => prev.rank,
            _ => i + 1,
        };
        rows.push(Ranked { rank, entry, subsidy: subsidy(rank) });
    }
    let subsidised = rows.iter().filter(|r| r.subsidy > 0).count();
    let total = rows.iter().map(|r| u64::from(r.subsidy)).sum();
    Ranking { rows, problems, subsidised, total }
}

/// The ranking as a sheet titled `title`: the rule, then 名次, 姓名, 单位,
/// 全年传播量 and 补贴 (numbers), then 合计.
pub fn sheet(ranking: &Ranking, title: String) -> Sheet {
    let yuan = |n: u64| i64::try_from(n).ok().and_then(|n| Money::from_fen(n.saturating_mul(100))).map(Value::Money);
    let mut rows: Vec<Row> = ranking
        .rows
        .iter()
        .map(|r| {
            Row::of(vec![
                Cell::count(r.rank as u64),
                Cell::text(&r.entry.name),
                Cell::text(&r.entry.unit),
                Cell::count(r.entry.count),
                Cell::number(r.subsidy.to_string()).value(yuan(u64::from(r.subsidy))),
            ])
        })
        .collect();
    rows.push(Row::total(vec![
        Cell::text("合计"),
        Cell::text(format!("{}人获补贴", ranking.subsidised)).span(3),
        Cell::number(ranking.total.to_string()).value(yuan(ranking.total)),
    ]));
    Sheet {
        attachment: "".into(),
        title,
        failed_check: false,
        landscape: false,
        blocks: vec![
            Block::Para { class: "print-meta", text: rule_text() },
            Block::Table(Table {
                class: "print-table",
                columns: Vec::new(),
                head: COLUMNS.map(str::to_owned).to_vec(),
                rows,
            }),
        ],
    }
}

/// The ranking as CSV: 名次, 姓名, 单位, 全年传播量, 补贴, then 合计.
pub fn to_csv(ranking: &Ranking) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for c in COLUMNS {
        out.text(c);
    }
    out.end_row();
    for r in &ranking.rows {
        out.number(&r.rank.to_string());
        out.text(&r.entry.name);
        out.text(&r.entry.unit);
        out.number(&r.entry.count.to_string());
        out.number(&r.subsidy.to_string());
        out.end_row();
    }
    out.text("合计");
    out.text(&format!("{}人获补贴", ranking.subsidised));
    out.text("");
    out.text("");
    out.number(&ranking.total.to_string());
    out.end_row();
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_notice() {
        assert_eq!([1, 10, 11, 30, 31, 100, 101].map(subsidy), [500, 500, 300, 300, 200, 200, 0]);
    }

    #[test]
    fn a_pasted_list_is_ranked_with_ties_sharing_a_rank() {
        let list =
            "姓名\t单位\t传播量\n张三\t同福村\t2,300\n李四\t注北村\t5000\n王五\t插旗村\t2300\n赵六\t大湾村\t１００\n";
        let r = rank(list);
        assert_eq!(r.problems, []);
        let got: Vec<(usize, &str, &str, u64, u32)> = r
            .rows
            .iter()
            .map(|x| (x.rank, x.entry.name.as_str(), x.entry.unit.as_str(), x.entry.count, x.subsidy))
            .collect();
        assert_eq!(
            got,
            [
                (1, "李四", "注北村", 5000, 500),
                (2, "张三", "同福村", 2300, 500),
                (2, "王五", "插旗村", 2300, 500),
                (4, "赵六", "大湾村", 100, 500)
            ]
        );
        assert_eq!((r.subsidised, r.total), (4, 2000));
    }

    #[test]
    fn one_hundred_and_twenty_people_give_the_notice_totals() {
        let list: String = (1..=120).map(|i| format!("科普员{i} {}\n", 10_000 - i)).collect();
        let r = rank(&list);
        assert_eq!(r.rows.len(), 120);
        assert_eq!((r.subsidised, r.total), (100, 10 * 500 + 20 * 300 + 70 * 200));
        assert_eq!(r.rows[10].subsidy, 300);
        assert_eq!(r.rows[100].subsidy, 0);
    }

    #[test]
    fn a_tie_across_a_tier_boundary_keeps_the_better_tier() {
        let mut list: String = (1..=9).map(|i| format!("甲{i},{}\n", 100 - i)).collect();
        list.push_str("乙,50\n丙,50\n丁,40\n");
        let r = rank(&list);
        assert_eq!(
            r.rows.iter().map(|x| (x.rank, x.subsidy)).collect::<Vec<_>>()[9..],
            [(10, 500), (10, 500), (12, 300)]
        );
    }

    #[test]
    fn unreadable_lines_are_reported_by_number() {
        let r = rank("张三 100\n李四\n王五 很多\n\n赵六 同福村 80");
        assert_eq!(r.problems.iter().map(|p| p.0).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(r.rows.len(), 2);
    }

    #[test]
    fn csv_lists_everyone_and_the_total() {
        let text = String::from_utf8(to_csv(&rank("张三 同福村 300\n李四 200"))).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}名次,姓名,单位,全年传播量,通讯费补贴（元）\r\n1,张三,同福村,300,500\r\n2,李四,,200,500\r\n合计,2人获补贴,,,1000\r\n"
        );
    }

    #[test]
    fn the_rule_text_follows_the_tiers() {
        assert_eq!(
            rule_text(),
            "按通知：全年传播量在全县排名前10名的科普员每人补贴通讯费500元，11—30名每人300元，31—100名每人200元。传播量相同的名次相同。"
        );
    }
}
