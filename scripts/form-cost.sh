#!/usr/bin/env bash
# What each form adds to a page that carries every form: builds the release
# site with all forms and with all but each one (cargo features), in a scratch
# copy of the work tree, and prints gzip and brotli sizes. A first visit with
# per-form loading (one form's bundle) is what `make dist` prints for each form.
# Run by `make form-cost`; not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z | xargs -0 -I{} cp --parents {} "$scratch"
ln -s "$PWD/node_modules" "$scratch/node_modules"
read -r -a forms <<<"$(node -p 'require("./target/forms.json").map((f) => f.slug).join(" ")')"
# "gzip brotli" of the site built with the cargo features given.
visit() {
  local features
  features=$(IFS=,; echo "$*")
  (cd "$scratch" && CARGO_TARGET_DIR="$scratch/../kepu-form-cost-target" bash scripts/bundle.sh "$features" dist ./ >/dev/null)
  node scripts/size.mjs "$scratch/dist" 2>/dev/null | sed -n 's/^first visit.*gzip \([0-9]*\) B.*brotli \([0-9]*\) B.*/\1 \2/p'
}
read -r all_gz all_br < <(visit "${forms[@]}")
echo "every form in one page: gzip $all_gz B, brotli $all_br B"
for form in "${forms[@]}"; do
  others=()
  for other in "${forms[@]}"; do [[ $other == "$form" ]] || others+=("$other"); done
  read -r gz br < <(visit "${others[@]}")
  echo "$form adds gzip $((all_gz - gz)) B, brotli $((all_br - br)) B"
done
