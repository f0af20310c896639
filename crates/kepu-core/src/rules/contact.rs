//! 联系电话 and 电子邮箱: normalisation and the FORMS.md "Validation" rules,
//! written by hand so that no regex engine ships in the page.

/// Full-width ASCII (digits, letters, ＠．（）) to half-width, the dash family to `-`, trimmed.
pub fn normalise(input: &str) -> String {
    input
        .trim_matches(|c: char| c.is_whitespace())
        .chars()
        .map(|c| match c {
            // Full-width ASCII: digits, letters and the ＠．（）＋ that addresses use.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '—' | '–' | '‐' | '‑' | '‒' | '―' => '-',
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// What a 联系电话 entry turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mainland mobile number, `1[3-9]` and nine more digits.
    Mobile,
    /// A landline with its area code, optionally an extension.
    Landline,
    /// A 7- or 8-digit local number without area code: accepted with a warning.
    LocalOnly,
    /// Anything else.
    Invalid,
}

/// Classifies a 联系电话 after [`normalise`].
pub fn classify_phone(input: &str) -> PhoneKind {
    let n = normalise(input);
    let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect();
    if is_mobile(&compact) {
        PhoneKind::Mobile
    } else if is_landline(&compact) {
        PhoneKind::Landline
    } else if is_local_number(strip_extension(&compact).unwrap_or("")) {
        PhoneKind::LocalOnly
    } else {
        PhoneKind::Invalid
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_mobile(s: &str) -> bool {
    let rest = s.strip_prefix("+86").or_else(|| s.strip_prefix("0086")).map(|r| r.trim_start_matches('-')).unwrap_or(s);
    let b = rest.as_bytes();
    b.len() == 11 && all_digits(rest) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// 7–8 digits, not starting with 0 or 1.
fn is_local_number(s: &str) -> bool {
    (7..=8).contains(&s.len()) && all_digits(s) && !s.starts_with(['0', '1'])
}

fn is_area_code(s: &str) -> bool {
    (3..=4).contains(&s.len()) && all_digits(s) && s.starts_with('0')
}

/// The number without its extension (`-123` or `转123`), or `None` when the
/// extension is malformed.
fn strip_extension(s: &str) -> Option<&str> {
    if let Some((number, ext)) = s.split_once('转') {
        return all_digits(ext).then_some(number);
    }
    Some(s)
}

fn is_landline(s: &str) -> bool {
    let Some(s) = strip_extension(s) else {
        return false;
    };
    if let Some(rest) = s.strip_prefix('(') {
        let Some((area, local)) = rest.split_once(')') else {
            return false;
        };
        let local = local.strip_prefix('-').unwrap_or(local);
        return is_area_code(area) && local_with_dash_extension(local);
    }
    if let Some((area, rest)) = s.split_once('-') {
        return is_area_code(area) && local_with_dash_extension(rest);
    }
    // No separator: the area code is 3 or 4 digits; accept either reading.
    (3..=4).any(|len| s.len() > len && s.is_char_boundary(len) && is_area_code(&s[..len]) && is_local_number(&s[len..]))
}

fn local_with_dash_extension(s: &str) -> bool {
    match s.split_once('-') {
        Some((local, ext)) => is_local_number(local) && all_digits(ext) && ext.len() <= 6,
        None => is_local_number(s),
    }
}

/// Whether a 电子邮箱 after [`normalise`] has the shape `local@domain.tld`.
pub fn is_email(input: &str) -> bool {
    let n = normalise(input);
    let Some((local, domain)) = n.split_once('@') else {
        return false;
    };
    let ok_chars = |s: &str| {
        s.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '@' | ',' | ';' | '<' | '>' | '(' | ')' | '[' | ']' | '"' | '\\')
        })
    };
    !local.is_empty()
        && ok_chars(local)
        && ok_chars(domain)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_width_and_dashes() {
        assert_eq!(normalise("　０７７２－２６２５８４３ "), "0772-2625843");
        assert_eq!(normalise("ＡＢＣ＠１６３．ｃｏｍ"), "ABC@163.com");
        assert_eq!(normalise("0772—2625843"), "0772-2625843");
        assert_eq!(normalise("0772–2625843"), "0772-2625843");
        assert_eq!(normalise("0772‐2625843"), "0772-2625843");
        assert_eq!(normalise("（０７７２）２６２５８４３"), "(0772)2625843");
        assert_eq!(normalise("社区"), "社区");
    }

    #[test]
    fn seed_numbers_pass() {
        assert_eq!(classify_phone("0772-2625843"), PhoneKind::Landline);
        assert_eq!(classify_phone("010-68578249"), PhoneKind::Landline);
        assert_eq!(classify_phone("0991-6386020"), PhoneKind::Landline);
        assert_eq!(classify_phone("13877246160"), PhoneKind::Mobile);
        assert_eq!(classify_phone("(0772)2625843"), PhoneKind::Landline);
    }

    #[test]
    fn mobile_forms() {
        assert_eq!(classify_phone("+8613877246160"), PhoneKind::Mobile);
        assert_eq!(classify_phone("008613877246160"), PhoneKind::Mobile);
        assert_eq!(classify_phone("+86-13877246160"), PhoneKind::Mobile);
        assert_eq!(classify_phone("１３８７７２４６１６０"), PhoneKind::Mobile);
        assert_eq!(classify_phone("138 7724 6160"), PhoneKind::Mobile);
        assert_eq!(classify_phone("12877246160"), PhoneKind::Invalid);
        assert_eq!(classify_phone("1387724616"), PhoneKind::Invalid);
        assert_eq!(classify_phone("138772461600"), PhoneKind::Invalid);
    }

    #[test]
    fn landline_forms() {
        assert_eq!(classify_phone("07722625843"), PhoneKind::Landline);
        assert_eq!(classify_phone("0772－2625843"), PhoneKind::Landline);
        assert_eq!(classify_phone("0772-2625843-123"), PhoneKind::Landline);
        assert_eq!(classify_phone("0772-2625843转123"), PhoneKind::Landline);
        assert_eq!(classify_phone("(0772)-2625843"), PhoneKind::Landline);
        assert_eq!(classify_phone("010-88888888"), PhoneKind::Landline);
        assert_eq!(classify_phone("0772-0625843"), PhoneKind::Invalid);
        assert_eq!(classify_phone("0772-1625843"), PhoneKind::Invalid);
        assert_eq!(classify_phone("0772-262584"), PhoneKind::Invalid);
        assert_eq!(classify_phone("0772-262584312"), PhoneKind::Invalid);
        assert_eq!(classify_phone("772-2625843"), PhoneKind::Invalid);
        assert_eq!(classify_phone("0772-2625843转"), PhoneKind::Invalid);
        assert_eq!(classify_phone("(0772 2625843"), PhoneKind::Invalid);
    }

    #[test]
    fn bare_local_number_is_only_a_warning() {
        assert_eq!(classify_phone("2625843"), PhoneKind::LocalOnly);
        assert_eq!(classify_phone("68578249"), PhoneKind::LocalOnly);
        assert_eq!(classify_phone("0625843"), PhoneKind::Invalid);
    }

    #[test]
    fn garbage_is_invalid_and_never_panics() {
        for s in ["", "-", "()", ")(", "转", "电话", "0772-", "(", "+86", "0086", "𠮷𠮷𠮷", "0772𠮷2625843"]
        {
            assert_eq!(classify_phone(s), PhoneKind::Invalid, "{s}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("lzkxkpb@163.com"));
        assert!(is_email(" a.b+c@mail.gxkx.org.cn "));
        assert!(is_email("ｌｚｋｘｋｐｂ＠１６３．ｃｏｍ"));
        assert!(is_email("科协@例子.中国"));
        for bad in
            ["", "lzkxkpb", "lzkxkpb@163", "@163.com", "a@b@c.com", "a b@163.com", "a@.com", "a@163.", "a@163..com"]
        {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
