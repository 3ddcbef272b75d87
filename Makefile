# One-command entry points. `make site` builds the website and handbooks,
# `make test` runs every test. Both install what they need on a fresh machine.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup check schema test site clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[pdf,live,export,test]"
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

check: setup
	$(PY) -m generator check

schema: setup
	$(PY) -m generator schema

site: setup
	$(PY) -m generator build

test: setup
	$(PY) -m pytest

clean:
	rm -rf _build docs/_generated
