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
