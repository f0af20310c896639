//! CSV as Excel and WPS open it cleanly: UTF-8 with BOM, CRLF, RFC 4180
//! quoting, and text cells that cannot be taken for formulas.

const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Whether a cell with this text gets a `'` in front: formula starts, and
/// text that already looks neutralised, so [`restore`] undoes exactly one.
fn needs_guard(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS) || text.strip_prefix('\'').is_some_and(needs_guard)
}

/// Prefixes `'` to text a spreadsheet would run as a formula (OWASP CSV injection).
pub fn neutralise(text: &str) -> String {
    if needs_guard(text) { format!("'{text}") } else { text.to_owned() }
}

/// Undoes [`neutralise`] on a cell read back from our own CSV.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// Why a CSV file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line of the file, when known.
    pub line: Option<u64>,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// An error at a place in the file: `第2行第3列：…`, or `第2行：…` without a column.
pub fn error_at(line: u64, column: Option<usize>, message: impl Into<String>) -> ReadError {
    let message = message.into();
    let message = match column {
        Some(c) => format!("第{line}行第{c}列：{message}"),
        None => format!("第{line}行：{message}"),
    };
    ReadError { line: Some(line), message }
}

/// Records as [`read`] gives them: each with its 1-based line in the file.
pub type Records = Vec<(u64, csv::StringRecord)>;

/// Reads CSV bytes into records: UTF-8 with or without BOM, else GB18030 through
/// `gb18030` (the browser's decoder); CRLF or LF. Each record carries its line number.
pub fn read(bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Result<Records, ReadError> {
    let text = match bytes.strip_prefix(BOM) {
        Some(rest) => String::from_utf8(rest.to_vec())
            .map_err(|_| ReadError {
                line: None, message: "文件开头标明是UTF-8，但内容不是有效的UTF-8编码".into()
            })?,
        None => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => gb18030(bytes).ok_or_else(|| ReadError {
                line: None,
                message: "无法识别文件编码：请在Excel或WPS中另存为“CSV UTF-8”后再导入".into(),
            })?,
        },
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Line numbers from byte offsets: after CRLF the reader's position points
    // at the LF, and its own line count lags a record. Records come in order, so
    // the newlines are counted once, from where the last record's count ended.
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    let mut line_at = |byte: u64| {
        let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        if end < counted_to {
            (counted_to, newlines) = (0, 0);
        }
        newlines += bytes[counted_to..end].iter().filter(|&&b| b == b'\n').count() as u64;
        counted_to = end;
        1 + newlines
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            const BROKEN: &str = "CSV格式错误（引号不成对或行格式不正确）";
            match e.position() {
                Some(p) => error_at(line_at(p.byte()), None, BROKEN),
                None => ReadError { line: None, message: BROKEN.into() },
            }
        })?;
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        out.push((line, record));
    }
    Ok(out)
}

/// The UTF-8 byte order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The one CSV writer of every export: BOM, CRLF line ends, RFC 4180 quoting
/// (byte for byte as the `csv` crate writes it, which the importer reads) and the
/// formula guard on typed text; written field by field from borrowed text, so a
/// long table costs no `String` per cell.
#[derive(Debug)]
pub struct Writer {
    out: Vec<u8>,
    fields: usize,
    row_start: usize,
}

impl Writer {
    /// An empty file: just the BOM.
    pub fn new() -> Self {
        Writer { out: BOM.to_vec(), fields: 0, row_start: BOM.len() }
    }

    /// Typed text, guarded against formula injection.
    pub fn text(&mut self, text: &str) {
        self.field(needs_guard(text), text);
    }

    /// A number the app computed.
    pub fn number(&mut self, digits: &str) {
        self.field(false, digits);
    }

    fn field(&mut self, guard: bool, text: &str) {
        if self.fields > 0 {
            self.out.push(b',');
        }
        self.fields += 1;
        let quote = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
        if quote {
            self.out.push(b'"');
        }
        if guard {
            self.out.push(b'\'');
        }
        if quote {
            for part in text.split_inclusive('"') {
                self.out.extend_from_slice(part.as_bytes());
                if part.ends_with('"') {
                    self.out.push(b'"');
                }
            }
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(text.as_bytes());
        }
    }

    /// Ends the row; a row with nothing in it is written `""`, so it is not read as no row.
    pub fn end_row(&mut self) {
        if self.out.len() == self.row_start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.extend_from_slice(b"\r\n");
        self.fields = 0;
        self.row_start = self.out.len();
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

/// `{单位或社区}_{表名}_{年月}.csv`, with the characters file systems refuse replaced.
pub fn file_name(unit: &str, form_name: &str, year_month: &str) -> String {
    let unit = unit.trim();
    let unit = if unit.is_empty() { "未填单位" } else { unit };
    let name = format!("{unit}_{form_name}_{year_month}.csv");
    name.chars()
        .map(
            |c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of typed text, as the forms write them.
    fn write(rows: &[&[&str]]) -> Vec<u8> {
        let mut out = Writer::new();
        for row in rows {
            for cell in *row {
                out.text(cell);
            }
            out.end_row();
        }
        out.finish()
    }

    #[test]
    fn bom_crlf_and_quoting() {
        let bytes = write(&[&["社区名称", "活动方案"], &["河东社区", "第一段，\"引号\"\n第二段"]]);
        let expected = "\u{FEFF}社区名称,活动方案\r\n河东社区,\"第一段，\"\"引号\"\"\n第二段\"\r\n";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn formula_injection_is_neutralised_in_text_only() {
        let mut out = Writer::new();
        for text in ["=SUM(A1)", "+86", "-1", "@x", "\tx"] {
            out.text(text);
        }
        out.number("-5");
        out.text("0772-2625843");
        out.end_row();
        let bytes = out.finish();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{FEFF}'=SUM(A1),'+86,'-1,'@x,'\tx,-5,0772-2625843\r\n");
    }

    #[test]
    fn carriage_return_at_start_is_guarded_and_quoted() {
        let bytes = write(&[&["\r\nx"]]);
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{FEFF}\"'\r\nx\"\r\n");
    }

    #[test]
    fn restore_undoes_exactly_one_guard() {
        for text in ["=SUM(A1)", "'=x", "''=x", "'", "'a", "plain", "-", "@", "", "\r\nx"] {
            assert_eq!(restore(&neutralise(text)), text, "{text:?}");
        }
        assert_eq!(neutralise("'=x"), "''=x");
        assert_eq!(restore("'abc"), "'abc");
    }

    #[test]
    fn reads_bom_crlf_lf_and_a_fallback_encoding() {
        let none = |_: &[u8]| None;
        let plain = |records: Vec<(u64, csv::StringRecord)>| -> Vec<(u64, Vec<String>)> {
            records.into_iter().map(|(line, r)| (line, r.iter().map(str::to_owned).collect())).collect()
        };
        let records = plain(read("\u{FEFF}a,b\r\n\"x\ny\",2\r\n".as_bytes(), &none).unwrap());
        assert_eq!(records, vec![(1, vec!["a".into(), "b".into()]), (2, vec!["x\ny".into(), "2".into()])]);
        let records = plain(read(b"a,b\nc\n", &none).unwrap());
        assert_eq!(records[1], (2, vec!["c".to_owned()]));
        let lines: Vec<u64> = read(b"a\r\n\"x\r\ny\"\r\nz\n\nw\r\n", &none).unwrap().iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4, 6]);
        let decoded = |_: &[u8]| Some("解码,ok".to_owned());
        assert_eq!(plain(read(&[0xBD, 0xE2], &decoded).unwrap())[0].1, ["解码", "ok"]);
        assert!(read(&[0xBD, 0xE2], &none).unwrap_err().message.contains("CSV UTF-8"));
        assert_eq!(read(b"\xEF\xBB\xBF\xFF", &none).unwrap_err().line, None);
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("河东社区", "申报表", "202404"), "河东社区_申报表_202404.csv");
        assert_eq!(file_name("  ", "申报表", "202404"), "未填单位_申报表_202404.csv");
        assert_eq!(file_name("a/b:c", "申报表", "202404"), "a_b_c_申报表_202404.csv");
    }
}
