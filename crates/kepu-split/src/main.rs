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
    Ok(parts)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
