//! Prints the registry (`kepu_core::each_form!`) as JSON, in the menu's order,
//! for the build: `make dist` builds a bundle per form, `scripts/pages.mjs`
//! names them to the loader, `scripts/size.mjs` checks each first visit.
//!
//! Usage: cargo run -q -p kepu-core --bin forms > target/forms.json

fn main() {
    let forms: Vec<serde_json::Value> =
        kepu_core::forms::ALL.iter().map(|(slug, name)| serde_json::json!({ "slug": slug, "name": name })).collect();
    println!("{}", serde_json::Value::Array(forms));
}
