use super::*;
use crate::draft::Stored;
use crate::forms::shenbao::Shenbao;

fn no_gb(_: &[u8]) -> Option<String> {
    None
}

/// The sample sheet of `unit` for April 2024, filled on `filled_on`, with `people` at its first activity.
fn sheet(unit: &str, filled_on: &str, people: &str) -> Tongji {
    let mut s = tongji::sample();
    s.unit = unit.into();
    s.filled_on = filled_on.into();
    s.rows[0].participants = people.into();
    s
}

fn stats_file(unit: &str, filled_on: &str, people: &str) -> (String, Content) {
    let s = sheet(unit, filled_on, people);
    let name = tongji::csv_file_name(&s);
    (name.clone(), read_file(&name, &tongji::to_csv(&s), &no_gb))
}

/// The 申报表 that passes every check, for `community`, with a plan of `plan_zi` 字 and a budget of 10,005.71.
fn application(community: &str, plan_zi: usize, city: &str) -> Shenbao {
    Shenbao {
        community: community.into(),
        plan: "科".repeat(plan_zi),
        budget: budget::sample(city),
        ..crate::forms::shenbao::tests::complete()
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn april() -> Huizong {
    let mut h = Huizong {
        issuer: "柳州市科协".into(),
        expected: "柳城县科协\n 鹿寨县科协 \n\n融安县科协\n柳城县科协".into(),
        ..Huizong::blank(day(2024, 5, 6))
    };
    h.add([
        stats_file("柳城县科协", "2024-04-25", "100"),
        stats_file("鹿寨县科协", "2024-05-06", "50"),
        stats_file("柳城县科协", "2024-04-28", "120"),
    ]);
    h
}

#[test]
fn each_file_is_known_by_its_header() {
    let (_, content) = stats_file("柳城县科协", "2024-04-30", "120");
    let Content::Stats(s) = content else { panic!("{content:?}") };
    assert_eq!(
        s,
        StatsFile {
            unit: "柳城县科协".into(),
            month: "2024-04".into(),
            filled_on: "2024-04-30".into(),
            activities: 2,
            online: 1,
            offline: 1,
            counts: [680, 300, 4, 3],
            errors: 0,
            chosen: false,
        }
    );
    let form = application("河东社区", 800, "10000");
    let Content::Application(a) = read_file("河东社区_申报表_202404.csv", &shenbao::to_csv(&form), &no_gb)
    else {
        panic!()
    };
    assert_eq!(
        (a.community.as_str(), a.plan_zi, a.budget_fen, a.city.as_str(), a.errors),
        ("河东社区", 800, 1_000_571, "10000.00", 0)
    );
    assert_eq!((a.start.as_str(), a.end.as_str(), a.year.as_str()), ("2024-06-01", "2024-11-30", "2024"));
    let Content::Budget(b) = read_file("河东社区_活动预算_202404.csv", &budget::to_csv(&form.budget), &no_gb)
    else {
        panic!()
    };
    assert_eq!(
        b,
        BudgetFile {
            community: "河东社区".into(), total_fen: 1_000_571, city: "10000.00".into(), rows: 3, errors: 0
        }
    );
}

#[test]
fn what_cannot_be_read_says_why() {
    let reason = |name: &str, bytes: &[u8]| match read_file(name, bytes, &no_gb) {
        Content::Unread { reason } => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(reason("a.csv", b""), "文件是空的");
    assert_eq!(reason("a.csv", b"\xEF\xBB\xBF\r\n \r\n"), "文件是空的");
    assert!(reason("a.xlsx", b"PK\x03\x04rest").starts_with("这是Excel或WPS工作簿，不是CSV"));
    assert_eq!(reason("a.png", b"\x89PNG\r\n\x1a\n\0\0"), "不是CSV文本文件（可能是图片、压缩包或其他文档）");
    assert_eq!(
        reason("a.csv", "姓名,年龄\r\n张三,3\r\n".as_bytes()),
        "第1行第1列：无法识别的表格（“姓名”）：请选本页导出的活动统计表、申报表、活动预算或自定义表格CSV"
    );
    assert_eq!(reason("a.csv", b"\xff\xfe\xfd"), "无法识别文件编码：请在Excel或WPS中另存为“CSV UTF-8”后再导入");
    // Another form's export is named by that form's description.
    let other = |name: &str| format!("这是“{name}”导出的CSV，汇总只合并活动统计表、申报表、活动预算和自定义表格：请选这几种表导出的CSV");
    let renwu = crate::forms::renwu::Renwu::blank(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    assert_eq!(reason("b.csv", &crate::forms::renwu::to_csv(&renwu)), other("任务分解表"));
    let anpai = crate::forms::anpai::Anpai::default();
    assert_eq!(reason("c.csv", &crate::forms::anpai::to_csv(&anpai)), other("重点活动安排表"));
    assert_eq!(reason("d.csv", &to_csv(&Huizong::default())), other("汇总"));
    let mut bytes = tongji::to_csv(&tongji::sample());
    let text = String::from_utf8(bytes.clone()).unwrap().replace("活动形式（线上/线下）", "形式");
    assert_eq!(reason("a.csv", text.as_bytes()), "第7行第2列：应为“活动形式（线上/线下）”，实为“形式”");
    let text = String::from_utf8(bytes.split_off(0)).unwrap().replacen("\r\n防诈骗", ",多余\r\n防诈骗", 1);
    assert_eq!(reason("a.csv", text.as_bytes()), "第8行第10列：超出统计表的列，请检查是否多了一列");
    let big = vec![b'a'; (MAX_FILE_BYTES + 1) as usize];
    assert_eq!(
        reason("a.csv", &big),
        "文件太大（5.0 MB）：本页导出的CSV不超过几百KB，请确认选的是本页导出的CSV文件（上限5 MB）"
    );
    assert_eq!(too_large(20 * 1024 * 1024).unwrap().split('：').next(), Some("文件太大（20.0 MB）"));
    assert_eq!(too_large(MAX_FILE_BYTES), None);
}

#[test]
fn statistics_by_month_and_unit_count_the_later_of_two_and_name_the_missing() {
    let h = april();
    let (parts, overall) = stats_summary(&h);
    assert_eq!(parts.len(), 1);
    let part = &parts[0];
    let lines: Vec<(&str, &str, bool, usize)> =
        part.lines.iter().map(|l| (l.stats.unit.as_str(), l.stats.filled_on.as_str(), l.counted, l.sent)).collect();
    assert_eq!(
        lines,
        vec![
            ("柳城县科协", "2024-04-25", false, 2),
            ("柳城县科协", "2024-04-28", true, 2),
            ("鹿寨县科协", "2024-05-06", true, 1),
        ]
    );
    // 120 + 560 from 柳城 (the later file), 50 + 560 from 鹿寨.
    assert_eq!(part.totals, StatsTotals { files: 2, activities: 4, online: 2, offline: 2, counts: [1290, 600, 8, 6] });
    assert_eq!(overall, part.totals);
    assert_eq!(part.missing, vec!["融安县科协".to_owned()]);
    assert_eq!(h.expected_units(), vec!["柳城县科协", "鹿寨县科协", "融安县科协"]);
}

#[test]
fn the_user_may_count_the_other_file() {
    let mut h = april();
    h.choose(1);
    let (parts, overall) = stats_summary(&h);
    assert_eq!(parts[0].lines.iter().map(|l| l.counted).collect::<Vec<_>>(), vec![true, false, true]);
    assert_eq!(overall.counts[0], 100 + 560 + 50 + 560);
    let texts: Vec<String> = flags(&h).into_iter().map(|f| format!("{}|{}", f.kind, f.text)).collect();
    assert_eq!(
        texts[0],
        "重复报送|柳城县科协 2024年4月报送了2份：“柳城县科协_活动统计表_202404.csv”、“柳城县科协_活动统计表_202404.csv”；计入所选的“柳城县科协_活动统计表_202404.csv”"
    );
    h.choose(3);
    assert_eq!(stats_summary(&h).1.counts[0], 1290);
}

#[test]
fn flags_duplicates_late_and_missing_reports() {
    let h = april();
    let texts: Vec<String> = flags(&h).into_iter().map(|f| format!("{}|{}", f.kind, f.text)).collect();
    assert_eq!(
        texts,
        vec![
            "重复报送|柳城县科协 2024年4月报送了2份：“柳城县科协_活动统计表_202404.csv”、“柳城县科协_活动统计表_202404.csv”；计入填报日期较晚的“柳城县科协_活动统计表_202404.csv”",
            "逾期报送|鹿寨县科协 2024年4月：填报日期2024年5月6日，晚于报送截止2024年4月30日（“鹿寨县科协_活动统计表_202404.csv”）",
            "缺报|2024年4月缺报1个单位：融安县科协",
        ]
    );
}

#[test]
fn applications_join_their_budget_by_community_and_sum_the_city_support() {
    let mut h = Huizong::blank(day(2024, 5, 6));
    let a = application("河东社区", 800, "10000");
    let mut b = application("窑埠社区", 799, "");
    b.budget.rows.clear();
    let alone = application("窑埠社区", 0, "3000.50").budget;
    h.add([
        ("河东社区_申报表_202404.csv".into(), read_file("x", &shenbao::to_csv(&a), &no_gb)),
        ("窑埠社区_申报表_202404.csv".into(), read_file("x", &shenbao::to_csv(&b), &no_gb)),
        (
            "窑埠社区_活动预算_202404.csv".into(),
            read_file("窑埠社区_活动预算_202404.csv", &budget::to_csv(&alone), &no_gb),
        ),
        ("预算（修改版）.csv".into(), read_file("预算（修改版）.csv", &budget::to_csv(&alone), &no_gb)),
    ]);
    let mut apps = applications(&h);
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[1].budget.map(|(f, _)| f.id), Some(3));
    assert_eq!((apps[1].budget_total().display(), apps[1].city()), ("10,005.71".into(), Money::parse("3000.50").ok()));
    assert_eq!(city_total(&apps).display(), "13,000.50");
    assert_eq!((apps[0].plan_met(), apps[1].plan_met()), (true, false));
    assert_eq!(apps[0].period(), "2024年6月1日至2024年11月30日");
    sort_applications(&mut apps, AppCol::Zi, true);
    assert_eq!(apps.iter().map(|l| l.app.community.as_str()).collect::<Vec<_>>(), vec!["窑埠社区", "河东社区"]);
    sort_applications(&mut apps, AppCol::City, false);
    assert_eq!(apps.iter().map(|l| l.app.community.as_str()).collect::<Vec<_>>(), vec!["河东社区", "窑埠社区"]);
    let kinds: Vec<String> = flags(&h).into_iter().map(|f| format!("{}|{}", f.kind, f.text)).collect();
    assert_eq!(
        kinds,
        vec![
            "字数不足|窑埠社区：活动方案799字，不足800字（“窑埠社区_申报表_202404.csv”）",
            "未通过校验|“窑埠社区_申报表_202404.csv”：未通过校验（2处错误）",
            "无对应申报表|活动预算“预算（修改版）.csv”没有对应的申报表（文件名中没有社区名称）",
        ]
    );
}

#[test]
fn the_summary_csv_holds_the_table_the_flags_and_the_applications() {
    let mut h = april();
    h.remove(1);
    let csv = String::from_utf8(to_csv(&h)).unwrap();
    assert_eq!(
        csv,
        "\u{feff}汇总单位,柳州市科协\r\n年度,2024\r\n活动统计表汇总\r\n\
         填报单位,统计月份,活动场次,线上,线下,参与人数,发放科普宣传资料数量,宣传展板数量,媒体报道篇数,填报日期,校验结果,说明\r\n\
         柳城县科协,2024年4月,2,1,1,680,300,4,3,2024-04-28,已通过校验,计入\r\n\
         鹿寨县科协,2024年4月,2,1,1,610,300,4,3,2024-05-06,已通过校验,计入；逾期\r\n\
         2024年4月小计,,4,2,2,1290,600,8,6,2份,,\r\n\
         合计,,4,2,2,1290,600,8,6,2份,,\r\n\
         提示\r\n\
         逾期报送,鹿寨县科协 2024年4月：填报日期2024年5月6日，晚于报送截止2024年4月30日（“鹿寨县科协_活动统计表_202404.csv”）\r\n\
         缺报,2024年4月缺报1个单位：融安县科协\r\n"
    );
    assert_eq!(csv_file_name(&h, day(2024, 5, 6)), "柳州市科协_汇总表_202405.csv");
}

#[test]
fn the_print_is_landscape_with_its_title_tables_chart_and_flags() {
    let mut h = april();
    let sheet = print_sheet(&h);
    assert_eq!((sheet.title.as_str(), sheet.landscape, sheet.failed_check), ("2024年科普活动报送汇总表", true, false));
    let Some(Block::Chart(chart)) = sheet.blocks.iter().find(|b| matches!(b, Block::Chart(_))) else { panic!() };
    assert_eq!(chart.title, "参与人数（按填报单位）");
    assert_eq!(
        chart.bars,
        vec![Bar { label: "柳城县科协".into(), value: 680 }, Bar { label: "鹿寨县科协".into(), value: 610 }]
    );
    assert_eq!(chart.scale(), 1000);
    h.chart = ChartBy::Month;
    assert_eq!(self::chart(&h).bars, vec![Bar { label: "2024年4月".into(), value: 1290 }]);
    assert!(sheet.texts().contains(&"【缺报】2024年4月缺报1个单位：融安县科协".to_owned()));
}

#[test]
fn the_year_and_unreadable_files_are_what_check_reports() {
    let mut h = april();
    h.year = "24".into();
    h.add([("坏.csv".to_owned(), Content::Unread { reason: "文件是空的".into() })]);
    let problems: Vec<(Field, String)> = validate(&h).into_iter().map(|p| (p.field, p.message)).collect();
    assert_eq!(
        problems,
        vec![
            (Field::Year, "请填写四位数的年度（2000—2100），如：2021".to_owned()),
            (Field::File(4), "“坏.csv”未能读取：文件是空的。请移除它，或换成正确的文件".to_owned()),
        ]
    );
}

#[test]
fn new_keeps_the_settings_and_the_units_and_drops_the_files() {
    let h = april();
    let fresh = h.fresh(day(2024, 6, 1));
    assert_eq!(
        (fresh.issuer.as_str(), fresh.expected.as_str(), fresh.files.len()),
        ("柳州市科协", h.expected.as_str(), 0)
    );
    assert_eq!(h.list_title(), "柳州市科协 · 2024年 · 3份文件");
    let stored = crate::draft::encode(&h, "", "2024-05-06T10:00:00").unwrap();
    assert_eq!(crate::draft::read::<Huizong>(&stored).unwrap().form, h);
}

#[test]
fn chart_scales_read_well() {
    let chart = |values: &[u64]| Chart {
        title: String::new(),
        bars: values.iter().map(|&value| Bar { label: String::new(), value }).collect(),
    };
    assert_eq!(chart(&[]).scale(), 1);
    assert_eq!(chart(&[3]).scale(), 5);
    assert_eq!(chart(&[20, 7]).scale(), 20);
    assert_eq!(chart(&[201]).scale(), 500);
    assert_eq!(chart(&[u64::MAX]).scale(), u64::MAX);
}

#[test]
fn a_file_added_again_is_not_counted_twice() {
    let mut h = april();
    h.choose(1);
    assert_eq!(h.add([stats_file("柳城县科协", "2024-04-25", "100"), stats_file("融安县科协", "2024-04-30", "9")]), 1);
    assert_eq!(h.files.iter().map(|f| f.id).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert_eq!(stats_summary(&h).0[0].missing, Vec::<String>::new());
}

#[test]
fn a_due_day_without_the_years_holidays_is_said_to_be_estimated() {
    let mut h = Huizong::blank(day(2030, 2, 1));
    let mut s = sheet("柳城县科协", "2030-02-01", "1");
    s.month = "2030-01".into();
    for row in &mut s.rows {
        row.date = "2030-01-15".into();
    }
    h.add([("a.csv".to_owned(), read_file("a.csv", &tongji::to_csv(&s), &no_gb))]);
    let texts: Vec<String> = flags(&h).into_iter().map(|f| f.text).collect();
    assert_eq!(
        texts,
        vec![
            "柳城县科协 2030年1月：填报日期2030年2月1日，晚于报送截止2030年1月31日（该年法定节假日安排尚未收录，按周一至周五推算，请以通知为准）（“a.csv”）"
        ]
    );
}
