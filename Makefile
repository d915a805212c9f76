# openvth: `make demo` serves a synthetic region, `make test` runs the whole suite (SQLite, then PostgreSQL).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_LOCAL := postgres://postgres@127.0.0.1:5432/postgres
PYTEST := $(BIN)/pytest -n auto -q
# the development commands run with DEBUG=true (a fixed key, loopback hosts); tests and `make serve` run as production
DEV := env DEBUG=true
PROD := env DEBUG=false OPENVTH_MANIFEST_STATIC=true
export OPENVTH_MANIFEST_STATIC ?= false
BIND ?= 127.0.0.1:8000
WORKERS ?= 4

.PHONY: install demo serve test test-sqlite test-days test-postgres system-packages lint lint-api bench openapi

install: $(VENV)/.installed

$(VENV)/.installed: requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	$(DEV) $(BIN)/openvth woo warm
	touch $@

demo: install
	$(DEV) $(BIN)/openvth migrate --noinput -v0
	$(DEV) $(BIN)/openvth createcachetable
	$(DEV) $(BIN)/openvth demo
	@# the background worker (daily jobs, long jobs started from the UI) beside the server; Ctrl-C stops both
	$(DEV) $(BIN)/openvth worker & worker=$$!; trap : INT; $(DEV) $(BIN)/openvth runserver $(BIND); kill $$worker

# production: gunicorn against DATABASE_URL (PostgreSQL) with SECRET_KEY, ALLOWED_HOSTS and the rest of the README's
# production variables from the environment; refuses to start when `check --deploy` finds anything
serve: install
	@test -n "$${DATABASE_URL:-}" || { echo "make serve: set DATABASE_URL (postgres://user:password@host/db)" >&2; exit 2; }
	$(PROD) $(BIN)/openvth check --deploy --fail-level WARNING
	$(PROD) $(BIN)/openvth migrate --noinput -v0
	$(PROD) $(BIN)/openvth createcachetable
	$(PROD) $(BIN)/openvth collectstatic --noinput -v0
	exec $(PROD) $(BIN)/gunicorn openvth.wsgi --workers $(WORKERS) --bind $(BIND)

test: install system-packages lint test-sqlite test-days test-postgres

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL -u DEBUG $(PYTEST)

# the date-sensitive tests again on each trial day: Monday to Sunday, the turn of the year, Easter, 5 May
test-days:
	@echo "== date-sensitive tests on every trial day (SQLite)"
	env -u DATABASE_URL -u DEBUG $(PYTEST) -m date_sensitive --every-clock-day

# PostgreSQL where it answers: DATABASE_URL, or a local server with trust auth as on CI machines
test-postgres:
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_LOCAL)', connect_timeout=2).close()" 2>/dev/null; \
	then url="$(PG_LOCAL)"; fi; \
	if [ -n "$$url" ]; then echo "== test suite on PostgreSQL"; DATABASE_URL="$$url" env -u DEBUG $(PYTEST); \
	else echo "== PostgreSQL does not answer: suite ran on SQLite only"; fi

# Debian's chromium for the Playwright browser tests (never a browser download), Pango for WeasyPrint, Node.js
# with npm for Spectral (`make lint-api`), and wrk for the HTTP load benchmark (`make bench`)
system-packages:
	@test -x /usr/bin/chromium && ldconfig -p | grep -q libpango-1.0 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libpango-1.0-0 libpangoft2-1.0-0)
	@command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm  # a NodeSource node brings its own npm
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(DEV) $(BIN)/openvth makemigrations --check --dry-run
	python3 .ci/check_test_programs.py
	$(MAKE) lint-api

# the OpenAPI document against the NL API Design Rules (.spectral.yaml): errors fail, warnings are listed
lint-api: node_modules/.package-lock.json
	npx --no-install spectral lint docs/openapi.yaml --ruleset .spectral.yaml --fail-severity error

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

openapi: install
	$(DEV) $(BIN)/openvth spectacular --file docs/openapi.yaml --validate

bench: install
	$(DEV) $(BIN)/python bench/run.py $(BENCH_ARGS)
