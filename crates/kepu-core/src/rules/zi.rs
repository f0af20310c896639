//! 字数: the one definition of how many 字 a text has, as Word and WPS count them.
//!
//! FORMS.md "Counting 字": every CJK character and every full-width
//! punctuation mark counts 1, every unbroken run of other non-whitespace
//! characters counts 1, whitespace counts 0.

/// The two figures shown beside a long text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextCount {
    /// 字数, the figure the reviewer checks against a minimum.
    pub zi: usize,
    /// 字符数（不计空格）: every character that is not whitespace.
    pub chars: usize,
}

/// Counts 字数 and 字符数（不计空格） of `text` in one pass.
pub fn count(text: &str) -> TextCount {
    let mut result = TextCount::default();
    let mut in_run = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_run = false;
            continue;
        }
        result.chars += 1;
        if counts_alone(c) {
            result.zi += 1;
            in_run = false;
        } else if !in_run {
            result.zi += 1;
            in_run = true;
        }
    }
    result
}

/// 字数 of `text`; see [`count`].
pub fn zi_count(text: &str) -> usize {
    count(text).zi
}

/// [`count`] kept up to date across edits of one long text. Only the part
/// between the unchanged start and end is counted again, widened on each side
/// to the nearest whitespace or CJK character: a run of other characters
/// never crosses one, so the parts' counts add up. Typing into a 20,000-字
/// plan then costs a comparison, not a recount, even with no line breaks.
#[derive(Debug, Clone, Default)]
pub struct Recount {
    text: String,
    total: TextCount,
}

/// How many bytes `a` and `b` begin with alike, compared eight at a time: typing into a
/// 20,000-字 text compares its 60 KB on every keystroke, and byte by byte (as the
/// WebAssembly build's `memcmp` does) that cost more than the rest of the count.
pub fn same_start(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && word(a, i) == word(b, i) {
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` end with alike; see [`same_start`].
fn same_end(a: &[u8], b: &[u8]) -> usize {
    let (la, lb) = (a.len(), b.len());
    let n = la.min(lb);
    let mut i = 0;
    while i + 8 <= n && word(a, la - i - 8) == word(b, lb - i - 8) {
        i += 8;
    }
    while i < n && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// The eight bytes of `s` from `at`, as one number.
fn word(s: &[u8], at: usize) -> Option<u64> {
    s.get(at..at + 8).and_then(|w| w.try_into().ok()).map(u64::from_ne_bytes)
}

/// Whether `a` and `b` are the same text; see [`same_start`].
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && same_start(a, b) == a.len()
}

/// Whether no run of counted characters goes on past `c`.
fn ends_run(c: char) -> bool {
    c.is_whitespace() || counts_alone(c)
}

impl Recount {
    /// The counts of `text`, reusing what is known about the previous text.
    pub fn count(&mut self, text: &str) -> TextCount {
        let old = self.text.as_str();
        if same(text, old) {
            return self.total;
        }
        let mut same_start = same_start(old, text);
        while !old.is_char_boundary(same_start) || !text.is_char_boundary(same_start) {
            same_start -= 1;
        }
        let start =
            text[..same_start].char_indices().rev().find(|&(_, c)| ends_run(c)).map_or(0, |(i, c)| i + c.len_utf8());
        let mut same_end = same_end(&old.as_bytes()[start..], &text.as_bytes()[start..]);
        while !old.is_char_boundary(old.len() - same_end) || !text.is_char_boundary(text.len() - same_end) {
            same_end -= 1;
        }
        let same = &text[text.len() - same_end..];
        let kept =
            same_end - same.char_indices().find(|&(_, c)| ends_run(c)).map_or(same_end, |(i, c)| i + c.len_utf8());
        let (gone, came) = (count(&old[start..old.len() - kept]), count(&text[start..text.len() - kept]));
        self.total =
            TextCount { zi: self.total.zi - gone.zi + came.zi, chars: self.total.chars - gone.chars + came.chars };
        self.text.clear();
        self.text.push_str(text);
        self.total
    }
}

/// Whether `c` is a character that Word counts as one 字 on its own: CJK
/// scripts and full-width punctuation, never joined into a run.
pub fn counts_alone(c: char) -> bool {
    matches!(u32::from(c),
        // Hangul Jamo
        0x1100..=0x11FF
        // CJK Radicals Supplement, Kangxi Radicals, Ideographic Description Characters
        | 0x2E80..=0x2FFF
        // CJK Symbols and Punctuation (U+3000 is whitespace and never reaches here)
        | 0x3001..=0x303F
        // Hiragana, Katakana, Bopomofo, Hangul Compatibility Jamo, Kanbun,
        // Bopomofo Extended, CJK Strokes, Katakana Phonetic Extensions,
        // Enclosed CJK Letters and Months, CJK Compatibility
        | 0x3040..=0x33FF
        // CJK Unified Ideographs Extension A
        | 0x3400..=0x4DBF
        // CJK Unified Ideographs
        | 0x4E00..=0x9FFF
        // Hangul Jamo Extended-A
        | 0xA960..=0xA97F
        // Hangul Syllables, Hangul Jamo Extended-B
        | 0xAC00..=0xD7FF
        // CJK Compatibility Ideographs
        | 0xF900..=0xFAFF
        // Vertical Forms
        | 0xFE10..=0xFE1F
        // CJK Compatibility Forms
        | 0xFE30..=0xFE4F
        // Halfwidth and Fullwidth Forms
        | 0xFF00..=0xFFEF
        // Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana Extension
        | 0x1AFF0..=0x1B16F
        // Enclosed Ideographic Supplement
        | 0x1F200..=0x1F2FF
        // CJK Unified Ideographs Extensions B–F, I and the Compatibility Supplement
        | 0x20000..=0x2FA1F
        // CJK Unified Ideographs Extensions G and H
        | 0x30000..=0x323AF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recount_after_each_edit_equals_a_full_count() {
        let mut recount = Recount::default();
        assert_eq!(recount.count(""), TextCount::default());
        let mut text = String::new();
        // Typing, pasting lines, deleting across lines, joining runs at a deleted space.
        let edits: [&dyn Fn(&mut String); 9] = [
            &|t| t.push_str("2024年3月25日，科协举办“科普进社区”活动"),
            &|t| t.push_str("\nHello 世界\n\nAI讲座"),
            &|t| t.insert_str(0, "第一段\n"),
            &|t| *t = t.replacen("Hello 世界", "Hello世界", 1),
            &|t| *t = t.replacen("\n\n", "\n", 1),
            &|t| t.truncate(t.find("AI").unwrap_or(0)),
            &|t| *t = t.replacen("第一段\n", "", 1),
            &|t| *t = t.replace('\n', " "),
            &|t| t.clear(),
        ];
        for edit in edits {
            edit(&mut text);
            assert_eq!(recount.count(&text), count(&text), "{text:?}");
            assert_eq!(recount.count(&text), count(&text), "again {text:?}");
        }
    }

    fn zi(s: &str) -> usize {
        zi_count(s)
    }

    #[test]
    fn forms_md_vectors() {
        assert_eq!(zi("Hello 世界"), 3);
        assert_eq!(zi("Hello、World。"), 4);
        let sample = "2024年3月25日，科协举办“科普进社区”活动，参与人数约300人（含AI讲座）。";
        assert_eq!(count(sample), TextCount { zi: 35, chars: 42 });
    }

    #[test]
    fn runs_of_other_characters_count_once() {
        assert_eq!(zi("2024"), 1);
        assert_eq!(zi("AI"), 1);
        assert_eq!(zi(","), 1);
        assert_eq!(zi("“"), 1);
        assert_eq!(zi("——"), 1);
        assert_eq!(zi("a,b.c;d"), 1);
        assert_eq!(zi("...!!!"), 1);
        assert_eq!(zi("科普 AI 讲座"), 5);
        assert_eq!(zi("email: lzkxkpb@163.com"), 2);
    }

    #[test]
    fn extension_planes_and_other_cjk_scripts() {
        // U+20BB7 𠮷 (Ext. B), U+2A6D6 (Ext. B end), U+30000 (Ext. G).
        assert_eq!(count("𠮷野家"), TextCount { zi: 3, chars: 3 });
        assert_eq!(zi("\u{2A6D6}\u{30000}"), 2);
        assert_eq!(zi("ひらがなカタカナ"), 8);
        assert_eq!(zi("한국어"), 3);
        assert_eq!(zi("ㄅㄆㄇ"), 3);
        assert_eq!(zi("⺀⼀"), 2);
        assert_eq!(zi("㈠㊣"), 2);
    }

    #[test]
    fn full_width_forms_count_each() {
        assert_eq!(zi("２０２４"), 4);
        assert_eq!(zi("ＡＩ"), 2);
        assert_eq!(zi("，。！？"), 4);
        assert_eq!(zi("﹁引号﹂"), 4);
        assert_eq!(zi("︐︑"), 2);
    }

    #[test]
    fn emoji_are_other_characters() {
        assert_eq!(count("😀"), TextCount { zi: 1, chars: 1 });
        assert_eq!(zi("😀😀"), 1);
        assert_eq!(zi("活动😀好"), 4);
        // A family emoji is five scalar values joined by ZWJ: one run.
        assert_eq!(count("👨‍👩‍👧"), TextCount { zi: 1, chars: 5 });
    }

    #[test]
    fn whitespace_counts_zero_and_breaks_runs() {
        assert_eq!(count(""), TextCount::default());
        assert_eq!(count(" \t\r\n\u{3000}\u{00A0}"), TextCount::default());
        assert_eq!(count("AI\u{3000}AI"), TextCount { zi: 2, chars: 4 });
        assert_eq!(count("AI\nAI\r\nAI"), TextCount { zi: 3, chars: 6 });
        assert_eq!(count("\u{3000}\u{3000}第一段。\n\u{3000}\u{3000}第二段。"), TextCount { zi: 8, chars: 8 });
    }

    #[test]
    fn digits_between_han_are_separate_runs() {
        assert_eq!(zi("第1期第22期"), 6);
        assert_eq!(zi("3.14"), 1);
        assert_eq!(zi("3.14元"), 2);
    }

    #[test]
    fn one_megabyte_paste() {
        // 349,525 three-byte 字 plus a run: just over 1 MB of UTF-8.
        let mut text = "科".repeat(349_525);
        text.push_str("AI");
        assert!(text.len() > 1_000_000);
        assert_eq!(count(&text), TextCount { zi: 349_526, chars: 349_527 });
        let latin = "word ".repeat(200_000);
        assert_eq!(count(&latin), TextCount { zi: 200_000, chars: 800_000 });
    }
}
