# Safer Cities Hub — entry points. `make demo` runs the Hub with demo data; `make test` runs
# every check. Both install what they need, system packages included (Debian/apt).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
APT_RUNTIME := libicu-dev pkg-config g++ gettext postgresql-client
APT_TEST := chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

TASK_WORKERS ?= 1

.PHONY: serve doctor demo test test-sqlite test-postgres lint system-deps system-deps-test messages \
        compilemessages bench bench-load bench-hotspots bench-import bench-search bench-network bench-diagnosis \
        bench-notifications bench-quick worker clean

## Install the Debian packages the Hub needs (ICU for text segmentation, gettext for catalogs).
system-deps:
	@missing=$$(for p in $(APT_RUNTIME); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
system-deps-test: system-deps
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

$(VENV)/.runtime: requirements.txt | system-deps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test: requirements-test.txt requirements.txt $(VENV)/.runtime
	$(PIP) install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

compilemessages: $(VENV)/.runtime
	@cd safercities && ../$(PY) ../manage.py compilemessages -v0

## Re-extract the UI strings into the catalogs (then translate the new entries).
messages: $(VENV)/.runtime
	@cd safercities && ../$(PY) ../manage.py makemessages --no-location --no-obsolete \
	  -l th -l id -l vi -l km -l zh_Hans -v0

DEMO_SOURCES := $(shell find safercities -name '*.py' \( -path '*/demo*' -o -path '*/migrations/*' \))
STATIC_SOURCES := $(shell find safercities -path '*/static/*' -type f)

var/static/staticfiles.json: $(STATIC_SOURCES) | $(VENV)/.runtime
	@mkdir -p var
	@$(PY) manage.py collectstatic --noinput -v0

# The demo data is loaded again only when the database is new or the demo code changed.
var/.demo-loaded: $(DEMO_SOURCES) | $(VENV)/.runtime
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py createcachetable
	@$(PY) manage.py load_demo
	@touch $@

## Set up (first run: a few minutes) and serve the Hub with demo data on SQLite.
demo: $(VENV)/.runtime compilemessages var/static/staticfiles.json
	@[ -z "$$DATABASE_URL" ] && [ -f var/safercities.sqlite3 ] || rm -f var/.demo-loaded
	@$(MAKE) -s var/.demo-loaded
	@$(PY) manage.py load_demo --logins-only
	@echo "Serving the Hub at http://$(HOST):$(PORT)/ (Ctrl-C stops the server and the task worker)"
	@$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## Run the Hub as production does: migrate, collect static files, compile catalogs, then
## gunicorn plus the task worker(s). SQLite in var/ unless DATABASE_URL says otherwise; a
## secret key is generated once into var/secret-key unless SECRET_KEY is set.
serve: $(VENV)/.runtime
	@mkdir -p var
	@[ -n "$$SECRET_KEY" ] || [ -s var/secret-key ] || (umask 077; $(PY) -c \
	  "import secrets; print(secrets.token_urlsafe(64))" > var/secret-key)
	@SAFERCITIES_ENV=$${SAFERCITIES_ENV:-production} SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret-key} \
	  sh -c '$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py create_site_admin --check'
	SAFERCITIES_ENV=$${SAFERCITIES_ENV:-production} SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret-key} \
	  SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} $(PY) manage.py serve --host $(HOST) --port $(PORT) --task-workers $(TASK_WORKERS)

## Check settings, database, migrations, storage, mail and task workers; say what to fix.
doctor: $(VENV)/.runtime
	SAFERCITIES_ENV=$${SAFERCITIES_ENV:-production} SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret-key} \
	  $(PY) manage.py doctor

## The whole suite: lint, migrations, catalogs, tests on SQLite, then on PostgreSQL.
test: $(VENV)/.test system-deps-test lint compilemessages test-sqlite test-postgres

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	SAFERCITIES_ENV=test DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run -v1

test-sqlite: $(VENV)/.test compilemessages
	@echo "== tests on SQLite"
	DATABASE_URL=sqlite:///:memory: $(PY) -m pytest -q $(PYTEST_ARGS)

test-postgres: $(VENV)/.test compilemessages
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=5).close()" 2>/dev/null; then \
	  echo "== tests on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(PY) -m pytest -q $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL at $(PG_URL) does not answer, and CI=true requires it: failing." >&2; exit 1; \
	else \
	  echo "== PostgreSQL at $(PG_URL) does not answer: SKIPPING the PostgreSQL leg (set PG_URL to point elsewhere)."; \
	fi

## Benchmarks (not part of the test suite); each prints its figures. See docs/benchmarks.md.
bench: bench-hotspots bench-import bench-search bench-network bench-notifications bench-diagnosis

## Ten minutes of locust against gunicorn + PostgreSQL on 127.0.0.1 (see bench/load.py --help).
bench-load: $(VENV)/.test
	$(PY) bench/load.py

bench-hotspots: $(VENV)/.test
	$(PY) bench/hotspots.py

bench-import: $(VENV)/.test
	$(PY) bench/import.py

bench-search: $(VENV)/.test
	$(PY) bench/search.py

bench-network: $(VENV)/.test
	$(PY) bench/network.py

bench-notifications: $(VENV)/.test
	$(PY) bench/notifications.py

bench-diagnosis: $(VENV)/.test
	$(PY) bench/diagnosis.py --sizes 1000,10000,100000 --db both

## A few minutes: the headline case of each benchmark at a smaller size.
bench-quick: $(VENV)/.test
	$(PY) bench/hotspots.py --quick
	$(PY) bench/import.py --n 20000 --small 5000
	$(PY) bench/search.py --n 20000
	$(PY) bench/network.py --posts 20000 --followers 2000
	$(PY) bench/notifications.py --sizes 1000
	$(PY) bench/diagnosis.py --sizes 1000

worker: $(VENV)/.runtime
	$(PY) manage.py db_worker

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
