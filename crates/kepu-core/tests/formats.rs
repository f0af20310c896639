//! Every stored format ever released opens in the current app: one fixture per version.

use kepu_core::draft::{self, DraftStore, Loaded, MemoryStore};
use kepu_core::forms::budget::Col;
use kepu_core::forms::shenbao::Shenbao;

const KEY: &str = "kepu-forms:shenbao";

fn load_fixture(name: &str) -> Shenbao {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let store = MemoryStore::default();
    store.set(KEY, &std::fs::read_to_string(path).unwrap()).unwrap();
    match draft::load::<Shenbao>(&store, KEY, "t") {
        Loaded::Draft(envelope) => envelope.form,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn format_1_opens_with_its_budget_text_kept_in_a_row() {
    let form = load_fixture("shenbao-v1.json");
    assert_eq!(form.community, "河东社区");
    assert_eq!(form.plan, "第一段。\n第二段。");
    assert_eq!(form.start_date, "2024-06-01");
    assert_eq!(form.budget.rows.len(), 1);
    assert_eq!(form.budget.rows[0].get(Col::Item), "其他");
    assert_eq!(form.budget.rows[0].get(Col::Note), "宣传资料印制费 1200元；专家讲课费 800元；合计 2000元");
}

#[test]
fn format_1_with_empty_budget_opens_with_no_rows() {
    let store = MemoryStore::default();
    store.set(KEY, r#"{"format":1,"app":"0.1.0","saved_at":"","form":{"community":"甲","budget":""}}"#).unwrap();
    match draft::load::<Shenbao>(&store, KEY, "t") {
        Loaded::Draft(envelope) => {
            assert_eq!(envelope.form.community, "甲");
            assert!(envelope.form.budget.rows.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn current_format_round_trips() {
    let store = MemoryStore::default();
    let mut form = load_fixture("shenbao-v1.json");
    form.budget.add_row();
    draft::save(&store, KEY, &form, "", "t").unwrap();
    assert!(store.get(KEY).unwrap().unwrap().starts_with(&format!("{{\"format\":{},", draft::FORMAT_VERSION)));
    match draft::load::<Shenbao>(&store, KEY, "t") {
        Loaded::Draft(envelope) => assert_eq!(envelope.form, form),
        other => panic!("{other:?}"),
    }
}

/// Reads fixture `name` as form `T`, and checks that writing it again gives the
/// very same form text: a field renamed or dropped since the fixture was frozen
/// (which `#[serde(default)]` would read as empty) makes the two differ.
fn frozen<T: kepu_core::form::Form + std::fmt::Debug>(name: &str) -> (String, String, T) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(path).unwrap();
    let envelope = draft::read::<T>(&raw).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let again = draft::encode(&envelope.form, &envelope.name, &envelope.saved_at).unwrap();
    let form_of = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap()["form"].clone();
    assert_eq!(form_of(&again), form_of(&raw), "{name}: the form reads back other than it was stored");
    (envelope.name, envelope.saved_at, envelope.form)
}

#[test]
fn every_stored_form_reads_its_frozen_fixture_whole() {
    use kepu_core::forms::{anpai::Anpai, huizong, renwu::Renwu, tongji::Tongji, ziding};

    let (name, saved_at, form) = frozen::<Shenbao>("shenbao-v2.json");
    assert_eq!((name.as_str(), saved_at.as_str()), ("六月活动", "2024-05-20T11:12:13"));
    assert_eq!((form.settings.deadline.as_str(), form.email.as_str()), ("2024-05-31", "hedong@example.com"));
    assert_eq!(form.budget.rows[0].get(Col::Remark), "每场2500元");
    assert_eq!(form.budget.total().plain(), "10005.71");

    let (name, _, form) = frozen::<Tongji>("tongji-v2.json");
    assert_eq!(name, "四月统计");
    assert_eq!((form.brand.as_str(), form.filled_on.as_str()), ("科普梦·乡村情", "2024-04-30"));
    assert_eq!((form.rows[1].participants.as_str(), form.rows[0].remark.as_str()), ("560", "含现场直播"));

    let (_, _, form) = frozen::<Renwu>("renwu-v2.json");
    assert_eq!((form.issuer.as_str(), form.per_person.as_str()), ("插旗镇", "10"));
    assert_eq!(form.rows.iter().map(|u| u.registrations.as_str()).collect::<Vec<_>>(), ["45", "45", "20"]);
    assert_eq!(form.reward_list, "韦一\t同福村\t900\n黄二\t注北村\t1200");

    let (_, _, form) = frozen::<Anpai>("anpai-v2.json");
    assert_eq!(form.rows.iter().map(|p| p.months.unwrap().label()).collect::<Vec<_>>(), ["4-5月", "9月"]);
    assert_eq!((form.rows[0].place.as_str(), form.rows[1].responsible.as_str()), ("大埔镇", "韦二"));

    let (_, _, form) = frozen::<huizong::Huizong>("huizong-v2.json");
    assert_eq!((form.chart, form.files.len()), (huizong::ChartBy::Month, 4));
    assert_eq!(huizong::merge(&form).overall.counts, [680, 300, 4, 3]);

    let (name, _, form) = frozen::<ziding::Ziding>("ziding-v2.json");
    assert_eq!((name.as_str(), form.id.as_str(), form.version), ("申报书", "20261202-101500-3f2a", 2));
    assert_eq!(
        (form.table.layout, form.table.fields.len(), form.table.fields[0].required),
        (ziding::Layout::Grid, 10, true)
    );
    assert_eq!(form.table.fields[6].kind, ziding::Kind::Money { wan: true });
    assert_eq!((form.head(0), form.head(6), form.head(8)), ("乡村科普行", "3.5", "一、项目背景"));
    assert_eq!(form.table.grid[6], [ziding::Slot::Block { field: 9, span: 4 }]);
}
