# fanzha — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SECRET_KEY_FILE := $(CURDIR)/var/secret_key

.PHONY: run test lint typecheck migrations-check test-sqlite test-postgres deps-test clean

$(BIN)/fanzha: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/fanzha

$(SECRET_KEY_FILE):
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET_KEY_FILE)
	@chmod 600 $(SECRET_KEY_FILE)

## run: set up (once), load demo data (once) and serve on http://127.0.0.1:$(PORT)
run: export FANZHA_SECRET_KEY_FILE ?= $(SECRET_KEY_FILE)
run: $(BIN)/fanzha $(SECRET_KEY_FILE)
	$(BIN)/fanzha init
	$(BIN)/fanzha demo --seed 1 --if-empty
	PORT=$(PORT) $(BIN)/fanzha serve

## test: install what the tests need, then lint, type-check and run the suite on SQLite and PostgreSQL
test: $(BIN)/fanzha deps-test lint typecheck migrations-check test-sqlite test-postgres

deps-test:
	@bash scripts/test-deps.sh

lint:
	$(BIN)/ruff check fanzha tests bench
	$(BIN)/ruff format --check fanzha tests bench

typecheck:
	FANZHA_ENV=test $(BIN)/mypy fanzha

migrations-check:
	FANZHA_ENV=test $(BIN)/fanzha makemigrations --check --dry-run

test-sqlite:
	$(BIN)/pytest -n 2 --dist loadgroup

test-postgres:
	@bash scripts/test-postgres.sh

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
