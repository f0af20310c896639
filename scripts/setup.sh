#!/usr/bin/env bash
# Installs what building and testing 科普表单 needs, from the package
# registries only. Idempotent and silent when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: the browser and its driver for the tests, CJK fonts for
# screenshots and PDFs, poppler for reading the PDFs back, LibreOffice Calc to
# print the exported workbooks as a user would, node for Playwright.
apt_needed=()
for pkg in chromium chromium-driver fonts-noto-cjk poppler-utils libreoffice-calc-nogui; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_needed+=("$pkg")
done
command -v node >/dev/null 2>&1 || apt_needed+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_needed+=(npm)
if [ "${#apt_needed[@]}" -gt 0 ]; then
  say "apt-get install ${apt_needed[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_needed[@]}" >/dev/null
fi

# Rust: the wasm target and the lint components.
installed_targets=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed_targets" || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
installed_components=$(rustup component list --installed)
for c in clippy rustfmt rust-src; do
  grep -q "^$c" <<<"$installed_components" || { say "rustup component add $c"; rustup component add "$c"; }
done

# The release bundles build the standard library again (scripts/wasm-release.sh);
# its own dependencies must be in cargo's cache, as trunk builds offline.
library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
RUSTC_BOOTSTRAP=1 cargo fetch --quiet --locked --manifest-path "$library/Cargo.toml"

# trunk 0.21.x: 0.22 needs a newer rustc than this machine's.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.14$'; then
  say "cargo install trunk 0.21.14 (about 9 minutes, once)"
  cargo install trunk --version 0.21.14 --locked --quiet
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# No --locked: its lockfile does not resolve on the registry mirror.
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
  say "cargo install wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "=$wbg" --quiet
fi

# npm: binaryen's wasm-opt (Debian's binaryen 108 emits wasm that fails in
# the browser), playwright-core and axe-core, exactly as the lockfile says.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
