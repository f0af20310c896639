//! What the native tests of files share: the decoder Excel's and WPS's CSVs need,
//! and the damage a fuzzed file takes.
#![allow(dead_code)]

use proptest::sample::Index;

/// GB18030 as the page decodes it (the browser's TextDecoder), for files Excel or WPS saved.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// `bytes` with each edit made: at a place, a byte changed (0), inserted (1), or the rest cut (2).
pub fn damage(bytes: &mut Vec<u8>, edits: &[(Index, u8, u8)]) {
    for (at, byte, op) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at.index(bytes.len());
        match op {
            0 => bytes[i] = *byte,
            1 => bytes.insert(i, *byte),
            _ => bytes.truncate(i),
        }
    }
}

/// How many cases a property runs: `quick` in `make test`, `FUZZ_CASES` in `make fuzz`.
pub fn cases(quick: u32) -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(quick)
}
