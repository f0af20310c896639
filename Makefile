# 科普表单. `make serve` and `make test` set up a fresh Debian machine first.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# Our tools first: npm's wasm-opt must win over any system binaryen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export CHROMIUM := /usr/bin/chromium

.PHONY: setup serve dist dist-next test lint unit wasm-test e2e bench fuzz form-cost clean

## Install what is missing (quiet when all is there).
setup:
	@bash scripts/setup.sh

## Serve the app with live reload on http://127.0.0.1:8080
serve: setup
	trunk serve

# The forms, from the registry (kepu_core::each_form!) as its own binary prints
# it; the first opens by default. Read when a recipe runs, after it is written.
FORMS_JSON := target/forms.json
FORMS = $(shell node -p 'require("./$(FORMS_JSON)").map((f) => f.slug).join(" ")')

$(FORMS_JSON): $(shell find crates/kepu-core/src -name '*.rs')
	@mkdir -p $(@D)
	@cargo run --quiet -p kepu-core --bin forms >$@.tmp && mv $@.tmp $@

# The build's label at the foot of the page (version · commit, see build.rs): a user can say which build they run.
export KEPU_BUILD ?= $(shell git describe --always --dirty 2>/dev/null)

## Release build, wasm-opt -Oz: one bundle per form in dist/<form>/ (its cargo
## feature alone), the Excel worker in dist/xlsx/ (loaded on first use),
## dist/index.html loading the bundle the address names, the service worker
## with its precache list, the web app manifest and icons, and a .br and a .gz
## beside each file.
dist: setup $(FORMS_JSON)
	@rm -rf dist
	@for form in $(FORMS); do bash scripts/bundle.sh "$$form" "dist/$$form" "./$$form/"; done
	@node scripts/xlsx.mjs dist
	@node scripts/pages.mjs dist
	@node scripts/offline.mjs dist
	@node scripts/size.mjs dist

## A second deployment for the update test: dist/ with the 申报表 built again
## under another label, its own precache list and service worker.
NEXT := target/dist-next
dist-next: dist
	@rm -rf $(NEXT) && mkdir -p $(NEXT)
	@cp -r dist/. $(NEXT)/ && rm -rf $(NEXT)/shenbao && find $(NEXT) -name '*.br' -delete -o -name '*.gz' -delete
	@KEPU_BUILD=next bash scripts/bundle.sh shenbao $(NEXT)/shenbao ./shenbao/
	@node scripts/pages.mjs $(NEXT) >/dev/null
	@node scripts/offline.mjs $(NEXT) >/dev/null

## Every test: lints, native rules, wasm in Chromium, end to end in Chromium.
test: setup lint unit wasm-test dist dist-next e2e

# Our JavaScript: the page's scripts, the workers, the build's scripts, the tests and the bench.
JS := offline/*.js crates/kepu-xlsx/*.js src/browser/*.js scripts/*.js scripts/*.mjs e2e/*.mjs bench/*.mjs

lint:
	cargo fmt --all -- --check
	@# JSDoc types checked, and one format (.prettierrc.json).
	tsc -p tsconfig.json
	tsc -p offline/tsconfig.json
	prettier --check --log-level warn $(JS)
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo clippy --quiet --workspace --all-targets --target wasm32-unknown-unknown --features split -- -D warnings
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

## Every reader of what users bring fuzzed at scale, outside `make test` (which runs the
## same properties a few hundred times): FUZZ_CASES cases each, 1,000,000 unless told.
FUZZ_CASES ?= 1000000
fuzz:
	FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p kepu-core --test huizong_read --test tongji_csv \
		--test stored_fuzz --test ziding_fuzz

## What each form adds to the page, gzip (builds five times; not part of `make test`).
form-cost: setup $(FORMS_JSON)
	bash scripts/form-cost.sh

clean:
	rm -rf dist target node_modules bench/surveyjs/dist bench/surveyjs/node_modules
