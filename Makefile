# openvth: `make demo` serves a synthetic region, `make test` runs the whole suite (SQLite, then PostgreSQL).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_LOCAL := postgres://postgres@127.0.0.1:5432/postgres
PYTEST := $(BIN)/pytest -n auto -q
export OPENVTH_MANIFEST_STATIC ?= false

.PHONY: install demo test test-sqlite test-postgres system-packages lint bench openapi

install: $(VENV)/.installed

$(VENV)/.installed: requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/openvth woo warm
	touch $@

demo: install
	$(BIN)/openvth migrate --noinput -v0
	$(BIN)/openvth createcachetable
	$(BIN)/openvth demo
	$(BIN)/openvth runserver 127.0.0.1:8000

test: install system-packages lint test-sqlite test-postgres

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(PYTEST)

# PostgreSQL where it answers: DATABASE_URL, or a local server with trust auth as on CI machines
test-postgres:
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_LOCAL)', connect_timeout=2).close()" 2>/dev/null; \
	then url="$(PG_LOCAL)"; fi; \
	if [ -n "$$url" ]; then echo "== test suite on PostgreSQL"; DATABASE_URL="$$url" $(PYTEST); \
	else echo "== PostgreSQL does not answer: suite ran on SQLite only"; fi

# Debian's chromium for the Playwright browser tests (never a browser download) and Pango for WeasyPrint
system-packages:
	@test -x /usr/bin/chromium && ldconfig -p | grep -q libpango-1.0 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libpango-1.0-0 libpangoft2-1.0-0)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/openvth makemigrations --check --dry-run

openapi: install
	$(BIN)/openvth spectacular --file docs/openapi.yaml --validate

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
