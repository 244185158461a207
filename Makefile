# Bilan — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.bilan-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test lint lock audit train-coach eval-coach bench check-system clean

# requirements.lock pins every package of '.[dev]' with its hashes, for every platform and
# Python 3.11+ (a universal lock written by uv, installed by plain pip): the same versions on
# every machine. The project itself goes in editable and without dependencies on top.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Bilan needs Python 3.11 or newer (found %s)." % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
		echo "requirements.lock does not match pyproject.toml: run 'make lock', then 'make install'."; exit 1; }
	@touch $(STAMP)

install: $(STAMP) messages
	@$(BIN)/bilan check-system

# Compiled catalogues are build products: Babel compiles them without needing GNU gettext.
# The project's catalogue is in bilan/locale, each app's in bilan/<app>/locale.
messages: $(STAMP)
	@for dir in bilan/locale bilan/*/locale; do \
		$(BIN)/pybabel -q compile -D django -d $$dir || exit 1; \
	done
	@$(BIN)/python -c 'import pathlib, sys; sys.exit(0 if list(pathlib.Path("bilan/locale").glob("*/LC_MESSAGES/django.mo")) else "Translations were not compiled.")'

check-system: $(STAMP)
	@$(BIN)/bilan check-system

run: install
	@mkdir -p var staticfiles
	$(BIN)/bilan migrate --noinput
	$(BIN)/bilan demo
	@echo ""
	@echo "Bilan is starting on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@# The background worker (text extraction, imports) runs beside the server and stops with it.
	@$(BIN)/bilan worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(BIN)/bilan runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check bilan tests bench
	$(BIN)/ruff format --check bilan tests bench
	$(BIN)/mypy bilan
	$(BIN)/lint-imports

# Rebuilds bilan/coach/data/model_*.json.gz from the corpus (and CEReD for English when
# ../shared/data/cered-en is there); deterministic: the same corpus gives the same files.
train-coach: install
	$(BIN)/python -m bilan.coach.train

eval-coach: install
	$(BIN)/python -m bilan.coach.evaluate

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Refreshes requirements.lock after a change to the dependencies in pyproject.toml; pins that
# still satisfy the ranges are kept. `make lock LOCK_FLAGS=--upgrade` moves every package to
# its newest allowed version.
LOCK_FLAGS ?=
lock:
	@test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --quiet uv; }
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" $(LOCK_FLAGS) -o requirements.lock

# Known vulnerabilities (PyPI's advisory data) in every package of requirements.lock (what
# `make install` installs, every platform's included; read, not installed); fails on any, and
# on any package it could not check (a mirror without PyPI's JSON API: `AUDIT_STRICT= make
# audit` then only warns about those). To accept a vulnerability, add its ID and the reason to
# .ci/audit-ignore.txt (one "ID  # reason" a line).
AUDIT_STRICT ?= --strict
AUDIT_FLAGS ?=
AUDIT_IGNORE ?= .ci/audit-ignore.txt
audit: install
	$(BIN)/pip-audit $(AUDIT_STRICT) -r requirements.lock --disable-pip --progress-spinner off $(AUDIT_FLAGS) \
		$$(sed -e 's/#.*//' $(AUDIT_IGNORE) | awk 'NF {print "--ignore-vuln", $$1}')

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
