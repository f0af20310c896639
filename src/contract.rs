//! The names the app and its JavaScript share (the loader, offline.js,
//! excel.js, the build's scripts): each written once here and once in
//! `scripts/contract.js`, and a test reads that file to check they agree.

/// Id of the `<script type="application/json">` that declares the site (each form's name and bundle).
pub const SITE_SCRIPT_ID: &str = "site";
/// Class of the empty line in the 草稿 panel that offline.js writes into.
pub const OFFLINE_LINE_CLASS: &str = "drafts__offline";
/// Attribute of a CSV button naming its export (`form`, `budget`): excel.js puts an Excel button after it.
pub const EXPORT_KEY_ATTR: &str = "data-excel";
/// Attribute of a CSV button holding its Excel button's text.
pub const EXPORT_LABEL_ATTR: &str = "data-excel-label";
/// Attribute of the unseen stand-in after each CSV button that keeps its Excel button's
/// room until excel.js puts the button in its place, so the toolbar never grows under the user.
pub const EXCEL_ROOM_ATTR: &str = "data-excel-room";
/// Role of the toolbar under which excel.js puts its status line.
pub const TOOLBAR_ROLE: &str = "toolbar";
/// The window event that makes the app panic, for the test of the error screen.
pub const TEST_PANIC_EVENT: &str = "kepu-forms-test-panic";
/// The wasm export that writes every open draft now (offline.js calls it before an update).
pub const SAVE_DRAFTS: &str = "save_drafts";
/// What separates a form from what its address carries for it (`#ziding/…`, a shared table).
/// A `char`: splitting on it costs every bundle nothing, where a `&str` pattern brings a substring search.
pub const HASH_ARGUMENT: char = '/';
/// The window event the app sends once it is on the page (after the drafts were put back
/// from their durable copy): the loader then loads offline.js and excel.js.
pub const APP_READY_EVENT: &str = "kepu-forms-ready";
/// The wasm export that gives the open draft of a form as stored text (excel.js hands it to the Excel worker).
pub const OPEN_DRAFT: &str = "open_draft";

#[cfg(test)]
mod tests {
    use super::*;

    /// `export const NAME = 'value';` lines of scripts/contract.js.
    fn js_contract() -> Vec<(String, String)> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/contract.js");
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("export const ")?;
                let (name, value) = rest.split_once(" = ")?;
                let value = value.trim_end_matches(';').trim_matches('\'');
                Some((name.to_owned(), value.to_owned()))
            })
            .collect()
    }

    #[test]
    fn javascript_and_rust_name_the_same_things_alike() {
        let rust = [
            ("SITE_SCRIPT_ID", SITE_SCRIPT_ID),
            ("OFFLINE_LINE_CLASS", OFFLINE_LINE_CLASS),
            ("EXPORT_KEY_ATTR", EXPORT_KEY_ATTR),
            ("EXPORT_LABEL_ATTR", EXPORT_LABEL_ATTR),
            ("EXCEL_ROOM_ATTR", EXCEL_ROOM_ATTR),
            ("TOOLBAR_ROLE", TOOLBAR_ROLE),
            ("TEST_PANIC_EVENT", TEST_PANIC_EVENT),
            ("SAVE_DRAFTS", SAVE_DRAFTS),
            ("OPEN_DRAFT", OPEN_DRAFT),
            ("HASH_ARGUMENT", &HASH_ARGUMENT.to_string()),
        ];
        let js = js_contract();
        for (name, value) in rust {
            let found = js.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
            assert_eq!(found, Some(value), "{name} in scripts/contract.js");
        }
        // The exports are the wasm functions' own names.
        let exports = include_str!("ui/keeper/exports.rs");
        for name in [SAVE_DRAFTS, OPEN_DRAFT] {
            assert!(exports.contains(&format!("pub fn {name}(")), "{name} is a wasm export");
        }
    }
}
