# One-command entry points. `make site` builds the website and handbooks,
# `make test` runs every test. Both install what they need on a fresh machine.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup system-deps check schema test test-fast site bench bench-pdf translations clean

# PyICU (Vietnamese collation) compiles against the ICU library: Debian's libicu-dev.
$(STAMP): pyproject.toml
	@if ! pkg-config --exists icu-i18n 2>/dev/null; then \
	  echo "installing libicu-dev and pkg-config (Debian packages, for PyICU)…"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libicu-dev pkg-config >/dev/null; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[pdf,live,test]"
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

check: setup
	$(PY) -m generator check

schema: setup
	$(PY) -m generator schema

site: setup
	$(PY) -m generator build

# Debian packages the tests drive: Chromium (browser tests), poppler (PDF pages to PNG), Java (vnu).
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v java >/dev/null; then \
	  echo "installing chromium, poppler-utils and a Java runtime (Debian packages)…"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils default-jre-headless >/dev/null; \
	fi

# The outside checkers (Nu HTML Checker, axe-core), pinned in tests/tools/package-lock.json.
TOOLS := tests/tools/node_modules/.installed
$(TOOLS): tests/tools/package-lock.json
	npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
	touch $@

test: setup system-deps $(TOOLS)
	$(PY) -m pytest

# The fast lane: the core and unit tests, no site build, no browser, no fresh venv (about 35 s).
test-fast: setup
	$(PY) -m pytest -m "not site and not browser and not core_env"

# Speed, size and scale: prints a table and writes BENCHMARKS.md.
bench: setup system-deps
	$(PY) tests/benchmark.py

# The printed handbooks alone (real data cold, unchanged, one English edit; x10 and x50): prints, writes nothing.
bench-pdf: setup
	$(PY) tests/benchmark.py --pdf-only

# Update the gettext catalogues of the hand-written pages (docs/locale/en).
translations: setup
	$(PY) -m sphinx -b gettext -q -c . docs _build/gettext
	$(VENV)/bin/sphinx-intl update -p _build/gettext -l en -d docs/locale
	$(PY) -m generator translations

clean:
	rm -rf _build
