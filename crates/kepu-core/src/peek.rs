//! One top-level value of a stored draft's JSON, found without serde_json's
//! parser: opening a page asks only when a draft was saved and whether a newer
//! version wrote it, and a first visit would otherwise carry the whole parser
//! for that (the drafts themselves are read by a part loaded on use).

/// Nesting deeper than this is not a draft (serde_json refuses it too).
const MAX_DEPTH: usize = 128;

/// The JSON text of the value of top-level key `key` when `raw` is one
/// well-formed JSON object that has it once; `None` otherwise.
pub fn top_level<'a>(raw: &'a str, key: &str) -> Option<&'a str> {
    let mut scan = Scan { text: raw.as_bytes(), at: 0 };
    let (mut found, mut twice) = (None, false);
    scan.space();
    if scan.peek() != Some(b'{') {
        return None;
    }
    scan.items(b'}', 0, &mut |name, value| {
        if raw[name.0 + 1..name.1 - 1] == *key {
            twice |= found.replace(&raw[value.0..value.1]).is_some();
        }
    })?;
    scan.space();
    if scan.at != raw.len() || twice {
        return None;
    }
    found
}

/// The text of a JSON string `value` without escapes; `None` for anything else.
pub fn plain_string(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// Where a piece of the text starts and ends, in bytes.
type Range = (usize, usize);

struct Scan<'a> {
    text: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string, as the byte range with its quotes.
    fn string(&mut self) -> Option<Range> {
        let start = self.at;
        self.expect(b'"')?;
        loop {
            match self.next()? {
                b'"' => return Some((start, self.at)),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        for _ in 0..4 {
                            self.next().filter(u8::is_ascii_hexdigit)?;
                        }
                    }
                    _ => return None,
                },
                0..0x20 => return None,
                _ => {}
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => self.items(b'}', depth, &mut |_, _| {}),
            b'[' => self.items(b']', depth, &mut |_, _| {}),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// An object's members (`close` is `}`), each shown to `member` as the byte
    /// ranges of its name and value, or an array's elements, after the opening bracket.
    fn items(&mut self, close: u8, depth: usize, member: &mut dyn FnMut(Range, Range)) -> Option<()> {
        self.at += 1;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Some(());
        }
        loop {
            self.space();
            let name = if close == b'}' {
                let name = self.string()?;
                self.space();
                self.expect(b':')?;
                self.space();
                Some(name)
            } else {
                None
            };
            let start = self.at;
            self.value(depth + 1)?;
            if let Some(name) = name {
                member(name, (start, self.at));
            }
            self.space();
            match self.next()? {
                b',' => continue,
                c if c == close => return Some(()),
                _ => return None,
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as JSON writes a number.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(0)?,
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits(1)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.digits(1)?;
        }
        Some(())
    }

    /// At least `least` digits.
    fn digits(&mut self, least: usize) -> Option<()> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        (self.at - start >= least).then_some(())
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        self.text.get(self.at..)?.starts_with(word).then(|| self.at += word.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_top_level_value_and_only_a_top_level_one() {
        let raw = r#" {"format":2, "app":"0.1.0","saved_at":"2024-04-01T10:00:00","form":{"format":9,"rows":[{"a":"x\"}"},[],{}],"n":-1.5e3,"t":true,"z":null}} "#;
        assert_eq!(top_level(raw, "format"), Some("2"));
        assert_eq!(top_level(raw, "saved_at").and_then(plain_string), Some("2024-04-01T10:00:00"));
        assert_eq!(top_level(raw, "rows"), None, "nested keys are not top-level");
        assert_eq!(
            top_level(raw, "form"),
            Some(r#"{"format":9,"rows":[{"a":"x\"}"},[],{}],"n":-1.5e3,"t":true,"z":null}"#)
        );
        assert_eq!(top_level("{}", "format"), None);
        assert_eq!(top_level(r#"{"saved_at":"a\"b"}"#, "saved_at").and_then(plain_string), None);
    }

    #[test]
    fn anything_but_one_whole_object_has_no_values() {
        for raw in [
            "",
            "[1]",
            r#"{"format":3"#,
            r#"{"format":3,"form":{"plan":"写了一半"#,
            r#"{"format":3} x"#,
            r#"{"format":3,}"#,
            r#"{"format":3,"format":4}"#,
            r#"{"format":+3}"#,
            r#"{"format":3,"n":01}"#,
            r#"{"format":3,"n":1.}"#,
            r#"{"format":3,"n":1e}"#,
            r#"{"format":3,"n":-}"#,
            r#"{"format":3,"form":tru}"#,
            "{\"format\":3,\"a\":\"\u{1}\"}",
            r#"{"format":3,"a":"\x"}"#,
            &format!("{{\"format\":3,\"a\":{}{}}}", "[".repeat(200), "]".repeat(200)),
        ] {
            assert_eq!(top_level(raw, "format"), None, "{raw}");
        }
    }
}
