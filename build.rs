//! The version shown at the foot of the page, fixed at build time so the page carries
//! it as one string: the package's version and the build's label
//! (`KEPU_BUILD`: the commit `make dist` built, or the update test's "next").
//! And a release bundle's wasm keeps its relocations, which `crates/kepu-split`
//! needs to cut it at its load-on-use points (`split` feature).

fn main() {
    println!("cargo:rerun-if-env-changed=KEPU_BUILD");
    let version = env!("CARGO_PKG_VERSION");
    let label = match std::env::var("KEPU_BUILD") {
        Ok(build) if !build.is_empty() => format!("版本 {version} · {build}"),
        _ => format!("版本 {version}"),
    };
    println!("cargo:rustc-env=KEPU_VERSION={label}");
    // Only the page (the binary trunk builds), only when it is cut: other wasm (the Excel engine) stays as linked.
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=kepu-forms=--emit-relocs");
    }
}
