# 科普表单. `make serve` and `make test` set up a fresh Debian machine first.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# Our tools first: npm's wasm-opt must win over any system binaryen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export CHROMIUM := /usr/bin/chromium

.PHONY: setup serve dist dist-next test lint unit wasm-test e2e bench form-cost clean

## Install what is missing (quiet when all is there).
setup:
	@bash scripts/setup.sh

## Serve the app with live reload on http://127.0.0.1:8080
serve: setup
	trunk serve

# The forms, from their registry lines in src/ui/app.rs; the first opens by default.
open_paren := (
FORMS := $(shell grep -o 'form!$(open_paren)"[a-z]*"' src/ui/app.rs | cut -d'"' -f2)

# The build's label at the foot of the page (version · commit, see build.rs): a user can say which build they run.
export KEPU_BUILD ?= $(shell git describe --always --dirty 2>/dev/null)

## Release build, wasm-opt -Oz: one bundle per form in dist/<form>/ (its cargo
## feature alone), the Excel worker in dist/xlsx/ (loaded on first use),
## dist/index.html loading the bundle the address names, the service worker
## with its precache list, the web app manifest and icons, and a .br and a .gz
## beside each file.
dist: setup
	@rm -rf dist
	@for form in $(FORMS); do bash scripts/bundle.sh "$$form" "dist/$$form" "./$$form/"; done
	@node scripts/xlsx.mjs dist
	@node scripts/pages.mjs dist $(FORMS)
	@node scripts/offline.mjs dist
	@node scripts/size.mjs dist $(FORMS)

## A second deployment for the update test: dist/ with the 申报表 built again
## under another label, its own precache list and service worker.
NEXT := target/dist-next
dist-next: dist
	@rm -rf $(NEXT) && mkdir -p $(NEXT)
	@cp -r dist/. $(NEXT)/ && rm -rf $(NEXT)/shenbao && find $(NEXT) -name '*.br' -delete -o -name '*.gz' -delete
	@KEPU_BUILD=next bash scripts/bundle.sh shenbao $(NEXT)/shenbao ./shenbao/
	@node scripts/pages.mjs $(NEXT) $(FORMS) >/dev/null
	@node scripts/offline.mjs $(NEXT) >/dev/null

## Every test: lints, native rules, wasm in Chromium, end to end in Chromium.
test: setup lint unit wasm-test dist dist-next e2e

lint:
	cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo clippy --quiet --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
	@# The compiler keeps the rules off the page only while kepu-core depends on no browser crate.
	@if cargo tree --quiet -p kepu-core -e normal,build --target all --prefix none | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen|gloo)'; then \
		echo "kepu-core must not depend on a browser crate (above)" >&2; exit 1; fi

unit:
	cargo test --quiet --workspace

wasm-test:
	cargo test --target wasm32-unknown-unknown --test web

e2e:
	node --test --test-concurrency=1 e2e/

## Size and speed beside the SurveyJS peer page, with the budgets; writes
## bench/RESULTS.md. Not part of `make test`: a timing is not a test.
bench: dist
	@cd bench/surveyjs && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error >/dev/null; fi
	@node bench/surveyjs/build.mjs
	node bench/bench.mjs

## What each form adds to the page, gzip (builds five times; not part of `make test`).
form-cost: setup
	bash scripts/form-cost.sh

clean:
	rm -rf dist target node_modules bench/surveyjs/dist bench/surveyjs/node_modules
