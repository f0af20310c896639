#!/usr/bin/env bash
# What each form costs a first visit: builds the release site with every
# form, without each form (its line in FORMS left out) and with each form
# alone (what a page of its own, or a split chunk with the shell, would be),
# in a scratch copy of the work tree, and prints gzip and brotli sizes of a
# first visit. Run by `make form-cost`; not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z | xargs -0 -I{} cp --parents {} "$scratch"
ln -s "$PWD/node_modules" "$scratch/node_modules"
forms=(Shenbao Tongji Renwu Anpai)
# "gzip brotli" of a first visit of the site built in the scratch copy.
visit() {
  (cd "$scratch" && CARGO_TARGET_DIR="$scratch/../kepu-form-cost-target" trunk build --release --quiet >/dev/null)
  node scripts/size.mjs "$scratch/dist" 2>/dev/null | sed -n 's/^first visit.*gzip \([0-9]*\) B.*brotli \([0-9]*\) B.*/\1 \2/p'
}
# Keeps the registry lines of the forms named, drops the others.
keep() {
  local f
  cp src/ui/app.rs "$scratch/src/ui/app.rs"
  for f in "${forms[@]}"; do
    [[ " $* " == *" $f "* ]] || sed -i "/FormEntry { kind: Kind::of::<$f>()/d" "$scratch/src/ui/app.rs"
  done
  sed -i "s/pub const FORMS: \[FormEntry; 4\]/pub const FORMS: [FormEntry; $#]/" "$scratch/src/ui/app.rs"
}
keep "${forms[@]}"
read -r all_gz all_br < <(visit)
echo "every form: gzip $all_gz B, brotli $all_br B"
for form in "${forms[@]}"; do
  others=()
  for other in "${forms[@]}"; do [[ $other == "$form" ]] || others+=("$other"); done
  keep "${others[@]}"
  read -r gz br < <(visit)
  keep "$form"
  read -r alone_gz alone_br < <(visit)
  echo "$form: adds gzip $((all_gz - gz)) B, brotli $((all_br - br)) B; alone with the shell: gzip $alone_gz B, brotli $alone_br B"
done
