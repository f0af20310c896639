//! CSV as Excel and WPS open it cleanly: UTF-8 with BOM, CRLF, RFC 4180
//! quoting, and text cells that cannot be taken for formulas.

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Typed text, guarded against formula injection.
    Text(String),
    /// A number the app computed, written as a plain number.
    Number(String),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// A whole-number cell.
    pub fn int(n: impl Into<i64>) -> Self {
        Cell::Number(n.into().to_string())
    }

    fn to_field(&self) -> String {
        match self {
            Cell::Text(s) => neutralise(s),
            Cell::Number(s) => s.clone(),
        }
    }
}

/// Prefixes `'` to text a spreadsheet would run as a formula (OWASP CSV injection).
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) { format!("'{text}") } else { text.to_owned() }
}

/// The UTF-8 byte order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `rows` as CSV bytes: BOM, CRLF line ends, quoting where needed.
pub fn write(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(BOM.to_vec());
    for row in rows {
        // Writing into a Vec cannot fail: the only errors are I/O errors.
        let _ = writer.write_record(row.iter().map(Cell::to_field));
    }
    writer.into_inner().unwrap_or_default()
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

    #[test]
    fn bom_crlf_and_quoting() {
        let bytes = write(&[
            vec![Cell::text("社区名称"), Cell::text("活动方案")],
            vec![Cell::text("河东社区"), Cell::text("第一段，\"引号\"\n第二段")],
        ]);
        let expected = "\u{FEFF}社区名称,活动方案\r\n河东社区,\"第一段，\"\"引号\"\"\n第二段\"\r\n";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn formula_injection_is_neutralised_in_text_only() {
        let bytes = write(&[vec![
            Cell::text("=SUM(A1)"),
            Cell::text("+86"),
            Cell::text("-1"),
            Cell::text("@x"),
            Cell::text("\tx"),
            Cell::int(-5),
            Cell::text("0772-2625843"),
        ]]);
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{FEFF}'=SUM(A1),'+86,'-1,'@x,'\tx,-5,0772-2625843\r\n");
    }

    #[test]
    fn carriage_return_at_start_is_guarded_and_quoted() {
        let bytes = write(&[vec![Cell::text("\r\nx")]]);
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{FEFF}\"'\r\nx\"\r\n");
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("河东社区", "申报表", "202404"), "河东社区_申报表_202404.csv");
        assert_eq!(file_name("  ", "申报表", "202404"), "未填单位_申报表_202404.csv");
        assert_eq!(file_name("a/b:c", "申报表", "202404"), "a_b_c_申报表_202404.csv");
    }
}
