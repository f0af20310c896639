//! 自定义表格 files sent back by units and merged in the 汇总: by table and
//! version, rows by 填报单位, totals, a unit sending twice, units missing, a
//! file of another version, a value that is not a number, a re-saved file.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::gb18030;

use kepu_core::forms::huizong::{self, Content, Huizong};
use kepu_core::forms::ziding::pasted::Grid;
use kepu_core::forms::ziding::{self, Returned, Ziding, read};

fn grid(name: &str) -> Grid {
    let path = format!("{}/tests/fixtures/paste/{name}.grid.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The Word 信息表 as version 1 of table `t1`, no rows.
fn table() -> Ziding {
    let r = read(&grid("word-xinxibiao")).unwrap();
    Ziding { id: "t1".into(), version: 1, table: r.table, ..Ziding::default() }
}

/// `form` filled in by `unit` with rows of (活动名称, 预计参与人数).
fn filled(form: &Ziding, unit: &str, rows: &[(&str, &str)]) -> Ziding {
    let mut z = form.clone();
    z.set_head(0, unit.into());
    for (r, (name, people)) in rows.iter().enumerate() {
        z.add_row();
        z.set_cell(r, 0, (*name).into());
        z.set_cell(r, 6, (*people).into());
    }
    z
}

fn content(form: &Ziding, name: &str) -> Content {
    huizong::read_file(name, &ziding::to_csv(form), &gb18030)
}

/// What Excel writes when it saves a CSV: GB18030, no BOM, LF, every line padded with commas to the widest.
fn resaved(csv: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(csv).unwrap().trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    let width = lines.iter().map(|l| l.matches(',').count()).max().unwrap();
    let padded: Vec<String> =
        lines.iter().map(|l| format!("{l}{}", ",".repeat(width - l.matches(',').count()))).collect();
    let text = padded.join("\n").replace("\"\"", "");
    encoding_rs::GB18030.encode(&text).0.into_owned()
}

#[test]
fn a_returned_file_reads_as_written_and_as_a_spreadsheet_resaved_it() {
    let z = filled(&table(), "柳城县科协", &[("科普进社区", "1,200"), ("科普大篷车", "80")]);
    let csv = String::from_utf8(ziding::to_csv(&z)).unwrap();
    assert!(
        csv.starts_with("\u{feff}自定义表格,2023年全国科普日重点科普活动信息表,编号,t1,版本,1,合计列,预计参与人数\r\n"),
        "{csv}"
    );
    let Content::Table(read) = content(&z, "柳城县科协_2023年全国科普日重点科普活动信息表_20261202.csv")
    else {
        panic!()
    };
    assert_eq!(
        (read.id.as_str(), read.version, read.unit.as_str(), read.sums.as_slice()),
        ("t1", 1, "柳城县科协", ["预计参与人数".to_owned()].as_slice())
    );
    assert_eq!(read.columns.len(), 9);
    assert_eq!(read.rows.len(), 2);
    assert_eq!(
        (read.rows[0][0].as_str(), read.rows[0][6].as_str(), read.rows[1][6].as_str()),
        ("科普进社区", "1200", "80")
    );
    let again = huizong::read_file("x.csv", &resaved(&ziding::to_csv(&z)), &gb18030);
    assert_eq!(again, Content::Table(read));

    // A table with a 合计 row: the row is the table's, not a unit's.
    let mut totalled = z.clone();
    totalled.table.total = true;
    let Content::Table(read) = content(&totalled, "a.csv") else { panic!() };
    assert_eq!(read.rows.len(), 2);

    // No unit typed: the file's name says it, as 导出CSV named it.
    let nameless = filled(&table(), "", &[("a", "1")]);
    let Content::Table(read) = content(&nameless, "鹿寨县科协_2023年全国科普日重点科普活动信息表_20261202.csv")
    else {
        panic!()
    };
    assert_eq!(read.unit, "鹿寨县科协");
    let Content::Table(read) = content(&nameless, "未填单位_2023年全国科普日重点科普活动信息表_20261202.csv")
    else {
        panic!()
    };
    assert_eq!(read.unit, "");
}

#[test]
fn a_broken_file_says_what_is_wrong_in_chinese() {
    let reason = |text: &str| match huizong::read_file("a.csv", text.as_bytes(), &gb18030) {
        Content::Unread { reason } => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason("自定义表格,某表\r\n"),
        "第1行：缺少表格的编号或版本，无法判断是哪一张自定义表格：请用本页自定义表格的“导出CSV”重新导出"
    );
    assert_eq!(reason("自定义表格,某表,编号,t1,版本,1\r\n单位,甲\r\n\"\"\r\n"), "第3行之后缺少表头：文件不完整");
    assert_eq!(reason("自定义表格,某表,编号,t1,版本,1\r\n单位,甲,乙\r\n"), "第2行：“单位”一行应只有名称和填写内容两格");
    assert_eq!(
        reason("自定义表格,某表,编号,t1,版本,1\r\n\"\"\r\n姓名,电话\r\n张三,1,多\r\n"),
        "第4行：“多”在表头之外，列数与表头不符"
    );
}

/// A 汇总 of `files` (name, form) expecting `units`.
fn huizong_of(units: &[&str], files: &[(&str, &Ziding)]) -> Huizong {
    let mut h = Huizong { year: "2023".into(), expected: units.join("\n"), ..Huizong::default() };
    h.add(files.iter().map(|(name, form)| ((*name).to_owned(), content(form, name))));
    h
}

#[test]
fn returned_tables_merge_by_unit_with_totals_duplicates_missing_units_and_versions() {
    let v1 = table();
    let a = filled(&v1, "柳城县科协", &[("科普进社区", "1,200"), ("科普大篷车", "80")]);
    let b = filled(&v1, "鹿寨县科协", &[("天文科普", "300")]);
    let a_again = filled(&v1, "柳城县科协", &[("科普进社区", "1000")]);
    let mut v2 = v1.clone();
    v2.edit_table();
    v2.add_column("备注");
    v2.finish(|| unreachable!());
    assert_eq!(v2.version, 2);
    let mut c = filled(&v2, "融安县科协", &[("科技周", "约50"), ("科普讲座", "40")]);
    c.set_cell(1, 9, "室内".into());
    let h = huizong_of(
        &["柳城县科协", "鹿寨县科协", "融安县科协", "三江县科协"],
        &[("a.csv", &a), ("b.csv", &b), ("a2.csv", &a_again), ("c.csv", &c)],
    );
    let merged = huizong::merge(&h);
    assert_eq!(merged.tables.len(), 1);
    let part = &merged.tables[0];
    assert_eq!(part.heading(), "2023年全国科普日重点科普活动信息表（第2版）");
    assert_eq!(part.missing, ["三江县科协"]);
    let table = part.table();
    assert_eq!(table.head.len(), 12);
    assert_eq!(
        (table.head[0].as_str(), table.head[10].as_str(), table.head[11].as_str()),
        ("填报单位", "备注", "说明")
    );
    let shown: Vec<(String, String, String, String)> = table
        .rows
        .iter()
        .map(|r| {
            let t = r.texts();
            (t[0].clone(), t[1].clone(), t[7].clone(), t[11].clone())
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned());
    assert_eq!(
        shown,
        [
            row("柳城县科协", "科普进社区", "1200", "未计入（重复报送）；第1版"),
            row("柳城县科协", "科普大篷车", "80", "未计入（重复报送）；第1版"),
            row("柳城县科协", "科普进社区", "1000", "计入；第1版"),
            row("鹿寨县科协", "天文科普", "300", "计入；第1版"),
            row("融安县科协", "科技周", "约50", "计入"),
            row("融安县科协", "科普讲座", "40", "计入"),
            row("合计", "", "1340", "3个单位，4行"),
        ]
    );
    assert_eq!(table.rows[3].texts()[10], "");
    assert_eq!(table.rows[5].texts()[10], "室内");
    let flags: Vec<(&str, String)> = huizong::flags(&h).into_iter().map(|f| (f.kind, f.text)).collect();
    let flag = |kind: &'static str, text: &str| (kind, text.to_owned());
    assert_eq!(
        flags,
        [
            flag(
                "重复报送",
                "柳城县科协报送了2份“2023年全国科普日重点科普活动信息表”：“a.csv”、“a2.csv”；计入最后加入的“a2.csv”，如需改用另一份，请移除其他的"
            ),
            flag(
                "版本不符",
                "“a.csv”是第1版（最新为第2版），与“2023年全国科普日重点科普活动信息表”的列不一致：缺少“备注”列（留空）"
            ),
            flag(
                "版本不符",
                "“a2.csv”是第1版（最新为第2版），与“2023年全国科普日重点科普活动信息表”的列不一致：缺少“备注”列（留空）"
            ),
            flag(
                "版本不符",
                "“b.csv”是第1版（最新为第2版），与“2023年全国科普日重点科普活动信息表”的列不一致：缺少“备注”列（留空）"
            ),
            flag("不是数字", "“c.csv”第1行“预计参与人数”填的是“约50”，未计入合计"),
            flag("缺报", "“2023年全国科普日重点科普活动信息表”缺报1个单位：三江县科协"),
        ]
    );
    let csv = String::from_utf8(huizong::to_csv(&h)).unwrap();
    let section = csv.split_once("2023年全国科普日重点科普活动信息表（第2版）汇总\r\n").unwrap().1;
    assert!(
        section.starts_with(
            "填报单位,活动名称,主办单位,活动时间,活动地点,活动形式（线上/线下）,活动简介（200字以内）,预计参与人数,联系人,联系电话,备注,说明\r\n\
             柳城县科协,科普进社区,,,,,,1200,,,,未计入（重复报送）；第1版\r\n"
        ),
        "{section}"
    );
    assert!(section.ends_with("合计,,,,,,,1340,,,,3个单位，4行\r\n"), "{section}");
    let print = huizong::print_sheet(&h).texts();
    assert!(print.contains(&"2023年全国科普日重点科普活动信息表（第2版）汇总".to_owned()), "{print:?}");
}

#[test]
fn a_version_with_the_same_columns_merges_without_a_flag_and_another_table_is_its_own_part() {
    let v1 = table();
    let mut v2 = v1.clone();
    v2.edit_table();
    v2.table.notes.push("注：新增说明".into());
    v2.finish(|| unreachable!());
    let a = filled(&v1, "柳城县科协", &[("a", "10")]);
    let b = filled(&v2, "鹿寨县科协", &[("b", "5")]);
    let mut other = filled(&table(), "柳城县科协", &[("c", "7")]);
    other.id = "t2".into();
    other.table.title = "另一张表".into();
    let h = huizong_of(&[], &[("a.csv", &a), ("b.csv", &b), ("o.csv", &other)]);
    let merged = huizong::merge(&h);
    assert_eq!(
        merged.tables.iter().map(|p| p.heading()).collect::<Vec<_>>(),
        ["2023年全国科普日重点科普活动信息表（第2版）", "另一张表（第1版）"]
    );
    assert_eq!(merged.tables[0].totals[6].map(|d| d.to_string()), Some("15".to_owned()));
    assert_eq!(huizong::flags(&h), []);
}

#[test]
fn label_grids_merge_a_row_per_unit_with_their_amounts_totalled() {
    let r = read(&grid("word-shenbaoshu")).unwrap();
    let form = Ziding { id: "s1".into(), version: 1, table: r.table, ..Ziding::default() };
    let labels: Vec<&str> = form.table.fields.iter().map(|f| ziding::short(&f.label)).collect();
    let unit = labels.iter().position(|l| ziding::names_unit(l)).unwrap();
    let sums = ziding::sum_labels(&form.table);
    assert!(!sums.is_empty(), "{labels:?}");
    let money = labels.iter().position(|l| *l == sums[0]).unwrap();
    let fill = |who: &str, amount: &str| {
        let mut z = form.clone();
        z.set_head(0, format!("{who}的项目"));
        z.set_head(unit, who.into());
        z.set_head(money, amount.into());
        z
    };
    let h = huizong_of(&[], &[("a.csv", &fill("甲单位", "3.5")), ("b.csv", &fill("乙单位", "12"))]);
    let merged = huizong::merge(&h);
    let table = merged.tables[0].table();
    let Content::Table(Returned { columns, .. }) = &h.files[0].content else { panic!() };
    assert!(!columns.iter().any(|c| c == labels[unit]), "the unit is the first column, not a second one: {columns:?}");
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.rows[0].texts()[..2], ["甲单位".to_owned(), "甲单位的项目".to_owned()]);
    let at = 1 + columns.iter().position(|c| *c == sums[0]).unwrap();
    assert_eq!(table.rows[2].texts()[at], "15.5");
}
