#!/usr/bin/env bash
# Builds the release page with only the cargo features given (forms, comma
# separated) into DIST, loading its files from PUBLIC_URL: the one way a form's
# bundle is built, by `make dist` (one form each) and scripts/form-cost.sh.
# Run from the work tree's top folder.
# Usage: bash scripts/bundle.sh FEATURES DIST PUBLIC_URL
set -euo pipefail
features=$1 dist=$2 public_url=$3
# trunk reads the features from the page; the page stays beside index.html so its links resolve.
page=".page-${features//,/-}.html"
trap 'rm -f "$page"' EXIT
sed "s|data-bin=\"kepu-forms\"|& data-cargo-no-default-features data-cargo-features=\"$features\"|" index.html >"$page"
# wasm-bindgen leaves the JS snippets of the last build in its output; trunk copies that
# folder whole, so a form without snippets of its own would ship another form's.
rm -rf "${CARGO_TARGET_DIR:-target}/wasm-bindgen/release/snippets"
trunk build --release --quiet "$page" --dist "$dist" --public-url "$public_url"
if grep -qe regex_syntax -e regex_automata "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kepu-forms.wasm"; then
  echo "the regex crate reached the bundle of $features: find who pulls it in (cargo tree -i regex)" >&2
  exit 1
fi
node scripts/minify.mjs "$dist"
