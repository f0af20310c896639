//! The rules of the paper forms stay plain Rust: no UI and no browser crate,
//! so they are tested natively and a form can be read without a browser.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 4] = ["leptos", "web_sys", "js_sys", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn rules_forms_and_draft_import_no_ui_or_browser_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("draft.rs"), src.join("drafts.rs"), src.join("backup.rs")];
    rust_files(&src.join("rules"), &mut files);
    rust_files(&src.join("forms"), &mut files);
    assert!(files.len() >= 7, "{files:?}");
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for word in FORBIDDEN {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}
