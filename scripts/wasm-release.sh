#!/usr/bin/env bash
# Runs a command (trunk, cargo) that builds the site's release WebAssembly with
# the standard library compiled again for it, at the release profile's opt-level
# "z", and panics that stop at once (`immediate-abort`: no message formatting,
# no hook). About 14.6 KB brotli less on every first visit; why it is done
# with this toolchain's unstable flags is in the README, Stack notes.
# The one place these flags are set: scripts/bundle.sh and scripts/xlsx.mjs run
# their wasm builds through it; setup.sh fetches what the library's build needs.
# Usage: bash scripts/wasm-release.sh COMMAND ARGS...
set -euo pipefail
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# Added to the target's rustflags in .cargo/config.toml (cargo joins the two lists).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec "$@"
