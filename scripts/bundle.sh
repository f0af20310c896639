#!/usr/bin/env bash
# Builds the release page with only the cargo features given (forms, comma
# separated; `split` is added: parts loaded on use go to files of their own) into DIST, loading its files from PUBLIC_URL: the one way a form's
# bundle is built, by `make dist` (one form each) and scripts/form-cost.sh.
# Run from the work tree's top folder.
# Usage: bash scripts/bundle.sh FEATURES DIST PUBLIC_URL
set -euo pipefail
features=$1,split dist=$2 public_url=$3
# trunk reads the features from the page; the page stays beside index.html so its links resolve.
page=".page-${1//,/-}.html"
trap 'rm -f "$page"' EXIT
sed "s|data-bin=\"kepu-forms\"|& data-cargo-no-default-features data-cargo-features=\"$features\"|" index.html >"$page"
# wasm-bindgen leaves the JS snippets of the last build in its output; trunk copies that
# folder whole, so a form without snippets of its own would ship another form's.
rm -rf "${CARGO_TARGET_DIR:-target}/wasm-bindgen/release/snippets"
bash scripts/wasm-release.sh trunk build --release --quiet "$page" --dist "$dist" --public-url "$public_url"
if grep -qe regex_syntax -e regex_automata "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kepu-forms.wasm"; then
  echo "the regex crate reached the bundle of $features: find who pulls it in (cargo tree -i regex)" >&2
  exit 1
fi
# Cut the bundle at its load-on-use points (ui::later): the glue is made again from the
# main module kepu-split leaves, and the parts sit beside it. Then wasm-opt (trunk's is
# off, index.html): the features rustc's wasm32 target emits, so it keeps to them;
# --low-memory-unused and --strip-producers as README's Stack notes say.
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/kepu-forms.wasm"
glue=$(cd "$dist" && ls kepu-forms-*.js)
hash=${glue#kepu-forms-}
hash=${hash%.js}
main="$dist/kepu-forms-${hash}_bg.wasm"
cargo build --quiet --release -p kepu-split
work=$(mktemp -d)
trap 'rm -f "$page"; rm -rf "$work"' EXIT
parts=$("${CARGO_TARGET_DIR:-target}/release/kepu-split" "$wasm" "$work/main.wasm" "$dist" "$hash")
if [ -n "$parts" ]; then
  wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
    --out-dir "$work/bindgen" --out-name "kepu-forms-$hash" "$work/main.wasm"
  cp "$work/bindgen/kepu-forms-$hash.js" "$dist/"
  cp "$work/bindgen/kepu-forms-${hash}_bg.wasm" "$main"
fi
opt() {
  # wasm-split leaves a name subsection Binaryen does not know; it is dropped with the rest.
  wasm-opt -Oz --low-memory-unused --strip-producers --strip-debug --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$1" -o "$1" 2> >(grep -v 'unknown name subsection' >&2)
}
opt "$main"
for part in $parts; do opt "$dist/$part"; done
node scripts/minify.mjs "$dist"
