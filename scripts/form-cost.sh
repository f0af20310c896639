#!/usr/bin/env bash
# What each form adds to the page: builds the release site once with every
# form and once without each (its line in FORMS left out), in a scratch copy
# of the work tree, and prints the gzip sizes. Run by `make form-cost`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z | xargs -0 -I{} cp --parents {} "$scratch"
ln -s "$PWD/node_modules" "$scratch/node_modules"
size() { node scripts/size.mjs "$1/dist" 2>/dev/null | sed -n 's/.*gzip \([0-9]*\) B (.*/\1/p' | head -1; }
build() { (cd "$scratch" && CARGO_TARGET_DIR="$PWD/../kepu-form-cost-target" trunk build --release --quiet >/dev/null); }
build
all=$(size "$scratch")
echo "all forms: $all B gzip"
for form in Shenbao Tongji Renwu Anpai; do
  cp src/ui/app.rs "$scratch/src/ui/app.rs"
  # Leave the form's registry line out (the array shrinks by one).
  sed -i -e "/FormEntry { kind: Kind::of::<$form>()/d" -e 's/pub const FORMS: \[FormEntry; 4\]/pub const FORMS: [FormEntry; 3]/' "$scratch/src/ui/app.rs"
  build
  without=$(size "$scratch")
  echo "$form: $((all - without)) B gzip (page without it: $without B)"
done
