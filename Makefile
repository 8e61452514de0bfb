# pprofview's entry points (docs: CONTRACT §1). Targets install whatever they need and is missing,
# at the versions pinned in docs/TOOLCHAIN.md; nothing is downloaded except from package
# registries (crates.io, npm, Debian).
#
#   make serve   build the web app and serve it on http://127.0.0.1:8080/ (PORT=… to change)
#   make test    every check: fmt, clippy, gates, native, wasm and e2e tests (Chromium)
#   make dist    the release static site in dist/ (relative URLs: host it under any path)
#   make cli     the native CLI: target/release/pprofview (after make dist: -http serves that viewer)
#   make bench   the benchmarks: cargo bench --bench bench, then the page in Chromium
#   make proto   regenerate src/pb.rs from proto/profile.proto
#   make tools   install missing tools: wasm32 target, trunk, wasm-bindgen-cli, npm deps, Chromium

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Steps share cargo's target dir and dist/; running them one at a time keeps output readable.
.NOTPARALLEL:

PORT ?= 8080
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.129
WASM_TARGET := wasm32-unknown-unknown
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

# wasm-opt must be npm's binaryen 132 (Debian's is too old for current wasm-bindgen output), so
# node_modules/.bin comes first; cargo-installed tools next.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# Crates that only src/web, src/ui and src/bin may use (the core must build without them).
BROWSER_CRATES_RE := web_sys|web-sys|wasm_bindgen|wasm-bindgen|js_sys|js-sys|gloo|yew
BROWSER_PACKAGES_RE := ^(yew|web-sys|wasm-bindgen|gloo|js-sys)[a-z0-9_-]* v

# Exit status 0 when Cargo.toml declares a [[test]] named cli (the other tests need no feature).
HAS_CLI_TEST = cargo metadata --no-deps --format-version 1 | node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(m.packages.some((p) => p.targets.some((t) => t.kind.includes("test") && t.name === "cli")) ? 0 : 1)'

step = @printf '\n\033[1m== %s\033[0m\n' "$(1)"

.PHONY: help serve test dist cli bench proto tools tools-rust tools-node tools-browser \
	check fmt clippy clippy-wasm gate-sources gate-deps test-native test-wasm test-e2e clean

help:
	@sed -n 's/^#   make /make /p' $(MAKEFILE_LIST)

## Entry points ----------------------------------------------------------------------------------

serve: dist
	$(call step,serving dist/)
	@PORT=$(PORT) HOST=127.0.0.1 node tests/e2e/serve.mjs dist

test: tools check test-native test-wasm test-e2e
	@printf '\n\033[1mAll checks passed.\033[0m\n'

dist: tools-rust tools-node
	$(call step,trunk build --release (dist/))
	trunk build --release

# The binary embeds dist/ (build.rs) for `pprofview -http`, so the web app is built first.
cli: dist
	$(call step,cargo build --release --features cli)
	cargo build --release --features cli
	@echo "built target/release/pprofview"

# The core and CLI (cargo), then the web app in headless Chromium (drop to pprofview:ready,
# first-load transfer size) on the same inputs.
bench: dist tools-browser
	$(call step,cargo bench --bench bench)
	cargo bench --bench bench
	$(call step,browser benchmark (tests/bench/browser.mjs))
	synthetic="$$(cargo bench --bench bench -- --synthetic-only | tail -n 1)"; \
	  PPROFVIEW_SYNTHETIC="$$synthetic" node tests/bench/browser.mjs && \
	  node tests/bench/compare.mjs "$$(dirname "$$synthetic")/synthetic-other.pb.gz" "$$synthetic" && \
	  node tests/bench/navigate.mjs $$(cargo bench --bench bench -- --small-only | tail -n 2) && \
	  node tests/bench/big.mjs $$(cargo bench --bench bench -- --big-only | tail -n 2)

proto:
	cargo run --manifest-path proto/gen/Cargo.toml

clean:
	rm -rf dist tests/e2e/out

## Tools: install only what is missing or at another version -------------------------------------

tools: tools-rust tools-node tools-browser

tools-rust:
	$(call step,tools: Rust)
	@command -v rustup >/dev/null || { echo "make: rustup is required (https://rustup.rs)" >&2; exit 1; }
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@for c in clippy rustfmt; do \
	  rustup component list --installed | grep -q "^$$c" || rustup component add $$c; \
	done
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (about 10 minutes the first time)"; \
	  cargo install --locked trunk --version $(TRUNK_VERSION); \
	fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
	    [ "$$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install --locked --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@# trunk runs offline (cargo --offline): every crate must already be in cargo's cache.
	cargo fetch --locked
	@echo "$$(rustc --version); $$(trunk --version); $$(wasm-bindgen --version)"

tools-node: node_modules/.package-lock.json
	@echo "node $$(node --version); $$(wasm-opt --version)"

# npm ci rewrites node_modules/.package-lock.json: reinstall when the lock file is newer.
node_modules/.package-lock.json: package.json package-lock.json
	$(call step,tools: npm ci)
	@command -v node >/dev/null || { echo "make: node 20+ and npm are required" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

tools-browser:
	$(call step,tools: Chromium)
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	  else \
	    echo "make: $(CHROMIUM) or $(CHROMEDRIVER) is missing; as root: apt-get install chromium chromium-driver" >&2; \
	    exit 1; \
	  fi; \
	fi
	@$(CHROMIUM) --version 2>/dev/null | grep -v 'unexpected operator' || true

## Checks ----------------------------------------------------------------------------------------

check: fmt clippy clippy-wasm gate-sources gate-deps

fmt:
	$(call step,cargo fmt --check)
	cargo fmt --check

clippy:
	$(call step,clippy: native)
	cargo clippy --all-targets --features cli -- -D warnings

clippy-wasm:
	$(call step,clippy: wasm)
	cargo clippy --target $(WASM_TARGET) --features web --lib --bins -- -D warnings

# Principle 2 of docs/ARCHITECTURE.md: browser crates only in src/web, src/ui and src/bin.
gate-sources:
	$(call step,gate: browser crates only in src/web src/ui src/bin)
	@if grep -rnwE '$(BROWSER_CRATES_RE)' src | grep -vE '^src/(web|ui|bin)/'; then \
	  echo "make: the lines above name a browser crate outside src/web, src/ui and src/bin" >&2; \
	  exit 1; \
	fi

# ... and the default (featureless) build depends on none of them, for any target.
gate-deps:
	$(call step,gate: no browser crates without features)
	@if cargo tree -e normal --target all --prefix none --format '{p}' | grep -E '$(BROWSER_PACKAGES_RE)'; then \
	  echo "make: the packages above are in the featureless dependency tree" >&2; \
	  exit 1; \
	fi

## Tests -----------------------------------------------------------------------------------------

test-native:
	$(call step,cargo test (core and goldens))
	cargo test
	$(call step,cargo test --features cli --test cli)
	@if $(HAS_CLI_TEST); then \
	  cargo test --features cli --test cli; \
	else \
	  echo "no [[test]] named cli in Cargo.toml yet: skipped"; \
	fi

test-wasm:
	$(call step,wasm test in headless Chromium (tests/web.rs))
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target $(WASM_TARGET) --features web --test web

# The suite compares the page with the CLI's output and loads the benchmark's synthetic
# profile (generated once into target/bench-data/, about 6 s; reused while its stamp matches).
test-e2e: dist cli
	$(call step,e2e in headless Chromium (tests/e2e))
	synthetic="$$(cargo bench --bench bench -- --synthetic-only | tail -n 1)"; \
	  PPROFVIEW_SYNTHETIC="$$synthetic" node --test tests/e2e/
