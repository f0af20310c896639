//! Cuts the release wasm of one form's bundle at its load-on-use points
//! (`ui::later`), as cargo-leptos `--split` does: writes the main module for
//! wasm-bindgen, one module per part (and one per piece of code parts share)
//! and the script that fetches them (`split-HASH.js`) beside the bundle's glue
//! (`kepu-forms-HASH.js`). The parts carry the bundle's hash in their names, so
//! a page of one build never fetches a part of another. A build without such
//! points is left alone (nothing written, nothing printed).
//!
//! Usage: kepu-split IN.wasm MAIN_OUT.wasm BUNDLE_DIR HASH
//! Prints the file names of the parts written, one per line.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, main_out, dir, hash] = args.as_slice() else {
        eprintln!("usage: kepu-split IN.wasm MAIN_OUT.wasm BUNDLE_DIR HASH");
        return ExitCode::from(2);
    };
    match split(input, main_out, Path::new(dir), hash) {
        Ok(parts) => {
            for part in parts {
                println!("{part}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kepu-split: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The parts written, by file name; none when the build has no load-on-use point.
fn split(input: &str, main_out: &str, dir: &Path, hash: &str) -> Result<Vec<String>, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    // A load-on-use point imports its loader by this name; a build without one has nothing to cut.
    if !contains(&wasm, b"__wasm_split_load_") {
        return Ok(Vec::new());
    }
    let main_js = format!("./kepu-forms-{hash}.js");
    let loader = format!("split-{hash}.js");
    let link_name = format!("./{loader}");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = dir;
    options.main_out_path = Path::new(main_out);
    options.main_module = &main_js;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("{input}: {e}"))?;
    let loader_path = dir.join(&loader);
    let mut script = std::fs::read_to_string(&loader_path).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    let mut parts = Vec::new();
    for path in &split.split_modules {
        let stem = path.file_stem().and_then(|s| s.to_str()).ok_or_else(|| format!("{}: no name", path.display()))?;
        let named = format!("{stem}-{hash}.wasm");
        std::fs::rename(path, dir.join(&named)).map_err(|e| format!("{}: {e}", path.display()))?;
        let (was, now) = (format!("\"./{stem}.wasm\""), format!("\"./{named}\""));
        if !script.contains(&was) {
            return Err(format!("{loader} does not fetch {stem}.wasm as {was}"));
        }
        script = script.replace(&was, &now);
        parts.push(named);
    }
    std::fs::write(&loader_path, script).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    drop_unused_classes(Path::new(main_out))?;
    Ok(parts)
}

/// The JavaScript classes Leptos's server functions bring through `wasm-streams`
/// (Rust streams handed to `fetch`): a page without a server never makes one, yet
/// every `#[wasm_bindgen]` export is kept by the linker, so their code and their
/// glue (about 3 KB brotli) rode in every first visit.
const UNUSED_CLASSES: &[&str] = &["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// Removes [`UNUSED_CLASSES`] from the main module before wasm-bindgen reads it:
/// their exports, the code only they reach, and their entries in wasm-bindgen's
/// section (one length-prefixed entry per `#[wasm_bindgen]` item), which would
/// otherwise ask for the exports.
fn drop_unused_classes(path: &Path) -> Result<(), String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let mut module = walrus::Module::from_file(path).map_err(|e| at(&e))?;
    let lowercase: Vec<String> = UNUSED_CLASSES.iter().map(|c| c.to_lowercase()).collect();
    let exports: Vec<_> = module
        .exports
        .iter()
        .filter(|e| lowercase.iter().any(|c| e.name.contains(c.as_str())))
        .map(|e| e.id())
        .collect();
    if exports.is_empty() {
        return Ok(());
    }
    for id in exports {
        module.exports.delete(id);
    }
    const SECTION: &str = "__wasm_bindgen_unstable";
    let mut sections = Vec::new();
    while let Some(section) = module.customs.remove_raw(SECTION) {
        sections.push(section);
    }
    for mut section in sections {
        section.data = without_entries_naming(&section.data, UNUSED_CLASSES).map_err(|e| at(&e))?;
        module.customs.add(section);
    }
    walrus::passes::gc::run(&mut module);
    module.emit_wasm_file(path).map_err(|e| at(&e))
}

/// `data` (pairs of entries, each a u32 little-endian length and that many
/// bytes: the schema's version, then one item's program, as wasm-bindgen's
/// `extract_programs` reads them) without the pairs whose program contains any of `names`.
fn without_entries_naming(data: &[u8], names: &[&str]) -> Result<Vec<u8>, String> {
    fn entry(rest: &mut &[u8]) -> Result<usize, String> {
        let (len, tail) = rest.split_first_chunk::<4>().ok_or("an entry's length is cut off")?;
        let len = u32::from_le_bytes(*len) as usize;
        if tail.len() < len {
            return Err("an entry is cut off".to_owned());
        }
        *rest = &tail[len..];
        Ok(4 + len)
    }
    let mut kept = Vec::with_capacity(data.len());
    let mut rest = data;
    while !rest.is_empty() {
        let start = data.len() - rest.len();
        let schema = entry(&mut rest)?;
        if rest.is_empty() {
            return Err("a schema's version without its program".to_owned());
        }
        let program = entry(&mut rest)?;
        let pair = &data[start..start + schema + program];
        if !names.iter().any(|n| contains(&pair[schema..], n.as_bytes())) {
            kept.extend_from_slice(pair);
        }
    }
    Ok(kept)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::without_entries_naming;

    fn entry(text: &str) -> Vec<u8> {
        let mut out = (text.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(text.as_bytes());
        out
    }

    #[test]
    fn only_the_entries_naming_a_class_are_dropped() {
        let data = [
            entry("v1"),
            entry("web_sys Window"),
            entry("v1"),
            entry("class IntoUnderlyingSink write"),
            entry("v1"),
            entry(""),
        ]
        .concat();
        let kept = without_entries_naming(&data, &["IntoUnderlyingSink"]).unwrap();
        assert_eq!(kept, [entry("v1"), entry("web_sys Window"), entry("v1"), entry("")].concat());
    }

    #[test]
    fn a_cut_entry_is_an_error_not_a_panic() {
        let mut data = [entry("v1"), entry("leptos")].concat();
        data.pop();
        assert_eq!(without_entries_naming(&data, &["x"]), Err("an entry is cut off".to_owned()));
        assert_eq!(
            without_entries_naming(&entry("v1"), &["x"]),
            Err("a schema's version without its program".to_owned())
        );
        assert_eq!(without_entries_naming(&[1, 0], &["x"]), Err("an entry's length is cut off".to_owned()));
    }
}
