//! The hand-written CSV writer gives byte for byte what the `csv` crate writes
//! (which the importer reads), for any rows of text and number cells.
#![cfg(not(target_arch = "wasm32"))]

use kepu_core::rules::csv_out;
use proptest::prelude::*;

/// A cell as the forms write them: typed text, or a number the app computed.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(String),
}

fn write(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = csv_out::Writer::new();
    for row in rows {
        for cell in row {
            match cell {
                Cell::Text(s) => out.text(s),
                Cell::Number(s) => out.number(s),
            }
        }
        out.end_row();
    }
    out.finish()
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            any::<char>(),
            proptest::sample::select(vec!['"', ',', '\n', '\r', '=', '+', '-', '@', '\'', '\t', ' ', '科', '𠮷']),
        ],
        0..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![text().prop_map(Cell::Text), "[0-9]{0,6}".prop_map(Cell::Number)]
}

fn by_csv_crate(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(csv_out::BOM.to_vec());
    for row in rows {
        let fields = row.iter().map(|c| match c {
            Cell::Text(s) => csv_out::neutralise(s),
            Cell::Number(s) => s.clone(),
        });
        writer.write_record(fields).unwrap();
    }
    writer.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn same_bytes_as_the_csv_crate(rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..5), 0..5)) {
        prop_assert_eq!(write(&rows), by_csv_crate(&rows));
    }
}

#[test]
fn quotes_doubled_guard_inside_the_quotes() {
    let bytes =
        write(&[vec![Cell::Text("=1,\"2\"".into()), Cell::Number("3".into())], vec![Cell::Text(String::new())]]);
    assert_eq!(bytes, b"\xEF\xBB\xBF\"'=1,\"\"2\"\"\",3\r\n\"\"\r\n");
}
