//! What a field or column of a pasted table holds, read from its label (and
//! the values already in it), and the check each kind makes of what is typed.

use serde::{Deserialize, Serialize};

use crate::rules::contact::{self, PhoneKind};
use crate::rules::money::Money;
use crate::rules::{dates, numbers, zi};

/// What a field or column holds. Stored externally tagged (`"text"`,
/// `{"choice":{"options":[…]}}`): the cheapest form for serde to read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 文本: anything.
    Text,
    /// 长文本, with its 字数 limits (`不少于800字`, `200字以内`), counted by `rules::zi`.
    LongText {
        /// At least this many 字.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        /// At most this many 字.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// 整数: 人数, 数量, 次数, 场次, 篇数, 个数.
    Integer,
    /// 金额 in 元 (`wan`: in 万元), kept exactly.
    Money {
        /// In 万元.
        #[serde(default)]
        wan: bool,
    },
    /// 日期.
    Date,
    /// 起止时间: two dates.
    DateRange,
    /// 电话: a mobile or a landline with its area code.
    Phone,
    /// 手机号码: eleven digits.
    Mobile,
    /// 邮箱.
    Email,
    /// 身份证号: 18 characters with the GB 11643 check digit.
    IdCard,
    /// 选择: one of these options.
    Choice {
        /// The options, in order.
        options: Vec<String>,
    },
    /// 签字盖章: an 意见/盖章/年月日 box on the print, nothing to type.
    Seal,
}

impl Kind {
    /// The kind's name in the builder's list.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text => "文本",
            Kind::LongText { .. } => "长文本",
            Kind::Integer => "整数",
            Kind::Money { wan: false } => "金额（元）",
            Kind::Money { wan: true } => "金额（万元）",
            Kind::Date => "日期",
            Kind::DateRange => "起止日期",
            Kind::Phone => "电话",
            Kind::Mobile => "手机号码",
            Kind::Email => "邮箱",
            Kind::IdCard => "身份证号",
            Kind::Choice { .. } => "选择",
            Kind::Seal => "签字盖章",
        }
    }

    /// Every kind's name, in the builder's order.
    pub const NAMES: [&'static str; 13] = [
        "文本",
        "长文本",
        "整数",
        "金额（元）",
        "金额（万元）",
        "日期",
        "起止日期",
        "电话",
        "手机号码",
        "邮箱",
        "身份证号",
        "选择",
        "签字盖章",
    ];

    /// The kind named `name` in the builder, keeping what `self` knows that it can use (a 长文本's
    /// limits, a 选择's options); `self` when the name is unknown.
    pub fn renamed(&self, name: &str) -> Kind {
        match name {
            "文本" => Kind::Text,
            "长文本" => match self {
                Kind::LongText { .. } => self.clone(),
                _ => Kind::LongText { min: None, max: None },
            },
            "整数" => Kind::Integer,
            "金额（元）" => Kind::Money { wan: false },
            "金额（万元）" => Kind::Money { wan: true },
            "日期" => Kind::Date,
            "起止日期" => Kind::DateRange,
            "电话" => Kind::Phone,
            "手机号码" => Kind::Mobile,
            "邮箱" => Kind::Email,
            "身份证号" => Kind::IdCard,
            "选择" => match self {
                Kind::Choice { .. } => self.clone(),
                _ => Kind::Choice { options: vec!["是".into(), "否".into()] },
            },
            "签字盖章" => Kind::Seal,
            _ => self.clone(),
        }
    }

    /// Whether its values add up in a 合计 row.
    pub fn sums(&self) -> bool {
        matches!(self, Kind::Integer | Kind::Money { .. })
    }
}

/// The kind a label names, and the values already under it (an Excel paste of a filled table).
pub fn infer(label: &str, samples: &[&str]) -> Kind {
    let l = label.trim();
    if l.contains("意见") || l.contains("盖章") && l.contains('日') || l.contains("签字") && l.contains('日') {
        return Kind::Seal;
    }
    if let Some(options) = options_in(l) {
        return Kind::Choice { options };
    }
    let (min, max) = zi_limits(l);
    if min.is_some() || max.is_some() {
        return Kind::LongText { min, max };
    }
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    if has(&["身份证"]) {
        return Kind::IdCard;
    }
    if has(&["邮箱", "E-mail", "e-mail", "Email", "email"]) {
        return Kind::Email;
    }
    if has(&["手机"]) {
        return Kind::Mobile;
    }
    if has(&["电话"]) {
        return Kind::Phone;
    }
    if has(&["起止时间", "起止日期", "起止年月"]) {
        return Kind::DateRange;
    }
    if has(&["万元"]) {
        return Kind::Money { wan: true };
    }
    if has(&["（元）", "(元)", "金额", "经费", "费用", "预算"]) {
        return Kind::Money { wan: false };
    }
    if has(&["人数", "数量", "次数", "场次", "篇数", "个数", "时长", "人次", "件数", "册数"]) {
        return Kind::Integer;
    }
    if has(&["日期", "时间"]) {
        return Kind::Date;
    }
    if has(&["简介", "方案", "内容", "情况", "说明", "摘要", "概述"]) {
        return Kind::LongText { min: None, max: None };
    }
    let filled: Vec<&str> = samples.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if !filled.is_empty() && filled.iter().all(|s| dates::parse_day(s).is_some()) {
        return Kind::Date;
    }
    if !filled.is_empty() && filled.iter().all(|s| numbers::whole(s).is_some() && s.len() < 11) {
        return Kind::Integer;
    }
    Kind::Text
}

/// The options a label lists in brackets: `活动形式（线上/线下）`, `是否公开（是/否）`.
pub fn options_in(label: &str) -> Option<Vec<String>> {
    let open = label.rfind(['（', '('])?;
    let inner = label[open..].trim_start_matches(['（', '(']);
    let inner = inner.split([')', '）']).next()?;
    let options: Vec<String> =
        inner.split(['/', '／', '、', '|']).map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect();
    (options.len() >= 2 && options.iter().all(|o| o.chars().count() <= 6)).then_some(options)
}

/// The 字数 limits a label states: `不少于1500字`, `200字以内`, `不超过300字`, `800字以上`.
pub fn zi_limits(label: &str) -> (Option<u32>, Option<u32>) {
    let number_before = |at: usize| -> Option<u32> {
        let digits: String =
            label[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        digits.parse().ok()
    };
    let number_after = |from: usize| -> Option<u32> {
        let digits: String = label[from..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut min = None;
    let mut max = None;
    for (word, is_min) in [("不少于", true), ("不低于", true), ("至少", true), ("不超过", false), ("不多于", false)]
    {
        if let Some(at) = label.find(word)
            && let Some(n) = number_after(at + word.len())
            && label[at + word.len()..].trim_start_matches(|c: char| c.is_ascii_digit()).starts_with('字')
        {
            if is_min { min = Some(n) } else { max = Some(n) }
        }
    }
    for (word, is_min) in [("字以内", false), ("字以下", false), ("字左右", false), ("字以上", true)] {
        if let Some(at) = label.find(word)
            && let Some(n) = number_before(at)
        {
            if is_min { min = min.or(Some(n)) } else { max = max.or(Some(n)) }
        }
    }
    (min, max)
}

/// What is wrong with `value` as `kind` (already known not to be blank); `None` when it is fine.
pub fn check(kind: &Kind, value: &str) -> Option<String> {
    let v = value.trim();
    match kind {
        Kind::Text | Kind::Seal => None,
        Kind::LongText { min, max } => {
            let n = zi::zi_count(v) as u32;
            match (min, max) {
                (Some(min), _) if n < *min => Some(format!("不少于{min}字，现有{n}字")),
                (_, Some(max)) if n > *max => Some(format!("不超过{max}字，现有{n}字")),
                _ => None,
            }
        }
        Kind::Integer => numbers::whole(v).is_none().then(|| "请填写整数，如：120".to_owned()),
        Kind::Money { wan: false } => Money::parse(v).err().map(|e| format!("金额{e}")),
        Kind::Money { wan: true } => parse_wan(v).err().map(|e| format!("金额{e}")),
        Kind::Date => dates::parse_day(v).is_none().then(|| "请填写日期，如：2024-05-06".to_owned()),
        Kind::DateRange => match date_range(v) {
            Some((from, to)) if from > to => Some("结束日期早于开始日期".to_owned()),
            Some(_) => None,
            None => Some("请填写起止日期，如：2024-05-06至2024-10-31".to_owned()),
        },
        Kind::Phone => match contact::classify_phone(v) {
            PhoneKind::Mobile | PhoneKind::Landline => None,
            PhoneKind::LocalOnly => Some("固定电话请加区号，如：0772-2625843".to_owned()),
            PhoneKind::Invalid => Some("请填写手机号或带区号的固定电话".to_owned()),
        },
        Kind::Mobile => {
            (contact::classify_phone(v) != PhoneKind::Mobile).then(|| "请填写11位手机号码，如：13800000000".to_owned())
        }
        Kind::Email => (!contact::is_email(v)).then(|| "请填写有效的邮箱地址，如：name@example.com".to_owned()),
        Kind::IdCard => (!is_id_card(v)).then(|| "身份证号应为18位，且末位校验码正确".to_owned()),
        Kind::Choice { options } => {
            (!options.iter().any(|o| o == v)).then(|| format!("请从“{}”中选择", options.join("”“")))
        }
    }
}

/// An amount in 万元 as typed, kept exactly in 分: at most six decimals.
pub fn parse_wan(typed: &str) -> Result<Money, crate::rules::money::MoneyError> {
    use crate::rules::money::MoneyError;
    let n = contact::normalise(typed);
    let n = n.trim_end_matches("万元").trim_end_matches('万').trim();
    let n: String = n.chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if n.is_empty() {
        return Err(MoneyError::Empty);
    }
    if n.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let (whole, fraction) = n.split_once('.').unwrap_or((&n, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(MoneyError::NotANumber);
    }
    if fraction.len() > 6 {
        return Err(MoneyError::TooManyDecimals);
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| MoneyError::TooLarge)? };
    let fraction: i64 = format!("{fraction:0<6}").parse().map_err(|_| MoneyError::NotANumber)?;
    let fen = whole.checked_mul(1_000_000).and_then(|w| w.checked_add(fraction)).ok_or(MoneyError::TooLarge)?;
    Money::from_fen(fen).ok_or(MoneyError::TooLarge)
}

/// Two dates, `2024-05-06至2024-10-31` (also `~`, `—`, `-` between two full dates).
pub fn date_range(typed: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let t = contact::normalise(typed);
    for sep in ["至", "到", "~", "～", "—"] {
        if let Some((a, b)) = t.split_once(sep) {
            return Some((dates::parse_day(a.trim())?, dates::parse_day(b.trim())?));
        }
    }
    // `2024-05-06-2024-10-31`: the middle dash of six parts.
    let parts: Vec<&str> = t.split('-').collect();
    if parts.len() == 6 {
        let (a, b) = (parts[..3].join("-"), parts[3..].join("-"));
        return Some((dates::parse_day(&a)?, dates::parse_day(&b)?));
    }
    None
}

/// Whether `id` is an 18-character 居民身份证号码 whose last character is its GB 11643 check digit.
pub fn is_id_card(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let id = contact::normalise(id).to_ascii_uppercase();
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for (c, w) in chars[..17].iter().zip(WEIGHTS) {
        let Some(d) = c.to_digit(10) else { return false };
        sum += d * w;
    }
    CHECK[(sum % 11) as usize] == chars[17]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_from_the_notices_labels() {
        let kind = |label: &str| infer(label, &[]);
        assert_eq!(kind("活动形式（线上/线下）"), Kind::Choice { options: vec!["线上".into(), "线下".into()] });
        assert_eq!(kind("是否公开（是/否）"), Kind::Choice { options: vec!["是".into(), "否".into()] });
        assert_eq!(kind("活动简介（200字以内）"), Kind::LongText { min: None, max: Some(200) });
        assert_eq!(
            kind("项目实施方案（包括项目背景、服务对象、主要内容、进度安排、预期成效等，不少于1500字）"),
            Kind::LongText { min: Some(1500), max: None }
        );
        assert_eq!(kind("预计参与人数"), Kind::Integer);
        assert_eq!(kind("直播时长（分钟）"), Kind::Integer);
        assert_eq!(kind("申请经费（万元）"), Kind::Money { wan: true });
        assert_eq!(kind("金额（元）"), Kind::Money { wan: false });
        assert_eq!(kind("活动时间"), Kind::Date);
        assert_eq!(kind("项目起止时间"), Kind::DateRange);
        assert_eq!(kind("联络员手机号码"), Kind::Mobile);
        assert_eq!(kind("联系电话"), Kind::Phone);
        assert_eq!(kind("电子邮箱"), Kind::Email);
        assert_eq!(kind("身份证号"), Kind::IdCard);
        assert_eq!(kind("申报单位意见：\n（盖章）\n年 月 日"), Kind::Seal);
        assert_eq!(kind("活动名称"), Kind::Text);
        assert_eq!(infer("直播日期", &["2023/9/16"]), Kind::Date);
        assert_eq!(infer("场地", &["12", "8"]), Kind::Integer);
        assert_eq!(infer("备注", &["13999461288"]), Kind::Text);
    }

    #[test]
    fn each_kind_checks_what_is_typed() {
        assert_eq!(check(&Kind::Integer, "1,200"), None);
        assert_eq!(check(&Kind::Integer, "十二").as_deref(), Some("请填写整数，如：120"));
        assert_eq!(check(&Kind::Money { wan: false }, "1200.5"), None);
        assert!(check(&Kind::Money { wan: false }, "1.234").is_some());
        assert_eq!(parse_wan("3.5万元").unwrap().fen(), 3_500_000);
        assert_eq!(parse_wan("0.000001").unwrap().fen(), 1);
        assert!(parse_wan("1.0000001").is_err());
        assert_eq!(check(&Kind::Date, "2024年5月6日"), None);
        assert_eq!(check(&Kind::DateRange, "2024-05-06至2024-10-31"), None);
        assert_eq!(check(&Kind::DateRange, "2024-10-31至2024-05-06").as_deref(), Some("结束日期早于开始日期"));
        assert_eq!(check(&Kind::Mobile, "13999461288"), None);
        assert!(check(&Kind::Mobile, "0772-2625843").is_some());
        assert_eq!(check(&Kind::Phone, "0772-2625843"), None);
        assert_eq!(check(&Kind::Email, "lzkxkpb@163.com"), None);
        assert_eq!(check(&Kind::IdCard, "11010519491231002X"), None);
        assert!(check(&Kind::IdCard, "110105194912310021").is_some());
        let choice = Kind::Choice { options: vec!["线上".into(), "线下".into()] };
        assert_eq!(check(&choice, "线上"), None);
        assert_eq!(check(&choice, "网上").as_deref(), Some("请从“线上”“线下”中选择"));
        let long = Kind::LongText { min: Some(3), max: Some(5) };
        assert_eq!(check(&long, "科普"), Some("不少于3字，现有2字".into()));
        assert_eq!(check(&long, "科普活动很好啊"), Some("不超过5字，现有7字".into()));
    }
}
