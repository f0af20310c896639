//! Every field outside a form's tables is read and written through its one id
//! (`form::Heads`), each id reaching its own text, and checked where 检查 checks it.

use kepu_core::form::Heads;
use kepu_core::forms::budget::{BudgetField, Source};
use kepu_core::forms::{anpai, huizong, renwu, shenbao, tongji};

/// Writes a distinct text into each of `heads` and reads them all back.
fn round_trip<T: Heads + Default>(heads: &[T::Head]) -> Vec<String> {
    let mut form = T::default();
    for (i, &head) in heads.iter().enumerate() {
        form.set_head(head, format!("值{i}"));
    }
    heads.iter().map(|&head| form.head(head).to_owned()).collect()
}

fn expected(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("值{i}")).collect()
}

#[test]
fn each_head_reaches_its_own_text() {
    use shenbao::Field as S;
    let shenbao = [
        S::District,
        S::Community,
        S::Address,
        S::Contact,
        S::Phone,
        S::Email,
        S::ActivityName,
        S::StartDate,
        S::EndDate,
        S::Plan,
        S::Year,
        S::City,
        S::Deadline,
        S::Budget(BudgetField::Funding(Source::City)),
        S::Budget(BudgetField::Funding(Source::Own)),
        S::Budget(BudgetField::Funding(Source::Other)),
    ];
    assert_eq!(round_trip::<shenbao::Shenbao>(&shenbao), expected(shenbao.len()));
    assert_eq!(round_trip::<tongji::Tongji>(&tongji::Head::ALL), expected(tongji::Head::ALL.len()));
    let renwu = [renwu::Head::Issuer, renwu::Head::Year, renwu::Head::PerPerson, renwu::Head::RewardList];
    assert_eq!(round_trip::<renwu::Renwu>(&renwu), expected(4));
    let anpai = [anpai::Head::Year, anpai::Head::Issuer, anpai::Head::Brand];
    assert_eq!(round_trip::<anpai::Anpai>(&anpai), expected(3));
    let huizong = [huizong::Head::Year, huizong::Head::Issuer, huizong::Head::Expected];
    assert_eq!(round_trip::<huizong::Huizong>(&huizong), expected(3));
}

#[test]
fn checked_and_required_as_on_paper() {
    assert_eq!(anpai::Anpai::checked(anpai::Head::Brand), None);
    assert_eq!(anpai::Anpai::checked(anpai::Head::Issuer), Some(anpai::Field::Issuer));
    assert!(!anpai::Anpai::default().required(anpai::Head::Brand));
    assert_eq!(huizong::Huizong::checked(huizong::Head::Year), Some(huizong::Field::Year));
    assert!(!huizong::Huizong::default().required(huizong::Head::Expected));
    assert!(renwu::Renwu::default().required(renwu::Head::Year));
    assert!(!renwu::Renwu::default().required(renwu::Head::PerPerson));
    assert!(!tongji::Tongji::default().required(tongji::Head::FilledOn));
    assert!(tongji::Tongji::default().required(tongji::Head::Unit));
    let funding = shenbao::Field::Budget(BudgetField::Funding(Source::City));
    assert_eq!(shenbao::Shenbao::checked(funding), Some(funding));
    assert!(!shenbao::Shenbao::default().required(funding));
    assert!(shenbao::Shenbao::default().required(shenbao::Field::Plan));
}
