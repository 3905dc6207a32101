# 古都夜八点 — build, run and test. GNU make. `make` alone lists the targets.
PORT ?= 8000
PYTHON ?= python3
VENV = .venv
BIN = $(VENV)/bin
PY = $(BIN)/python
MANAGE = $(PY) manage.py
INSTALLED = $(VENV)/.installed
PYTEST_ARGS ?=
# `make serve`: HTTPS=false tries the production stack on plain HTTP on loopback.
HTTPS ?= false
WORKERS ?= 3

# Bytecode caches are kept whatever the shell says: without them every pytest worker rewrites
# every test module's asserts again (collection 11 s -> 5.5 s of CPU a worker, docs/tests.md).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help install secret run dev serve test test-fast check messages clean

help:
	@echo "Targets:"
	@echo "  make run       migrate, collect static, load the plan, serve with gunicorn on 127.0.0.1:$(PORT)"
	@echo "  make dev       the same set-up, then Django's runserver with DEBUG=true"
	@echo "  make serve     the production stack from the environment (DATABASE_URL, REDIS_URL, ...):"
	@echo "                 check --deploy, cache table, migrate, collectstatic, gunicorn with JSON logs"
	@echo "                 (HTTPS=$(HTTPS): plain HTTP on 127.0.0.1:$(PORT); see docs/deploy.md)"
	@echo "  make test      the whole suite on every core (PYTEST_ARGS=...; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "  make test-fast the loop while coding: no browser, no process started (-m 'not browser and not processes')"
	@echo "  make check     makemigrations --check --dry-run, manage.py check, lint-imports (the layers)"
	@echo "  make messages  makemessages -l zh_Hans and compilemessages"
	@echo "  make install   create $(VENV) and install the project with its dev extras"
	@echo "  make secret    write a random .secret_key if there is none"
	@echo "  make clean     remove db.sqlite3, staticfiles/ and test-artifacts/"
	@echo "Variables: PORT=$(PORT) PYTHON=$(PYTHON)"

# Re-installs whenever pyproject.toml changes.
$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(INSTALLED)

# Written once; settings read it when SECRET_KEY is not in the environment.
.secret_key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.tmp
	chmod 600 $@.tmp
	mv $@.tmp $@

secret: .secret_key

# SERVE_MEDIA=true: gunicorn also serves uploaded photos from media/ (no nginx on loopback).
# APPLY_SCHEDULED_EVERY=30: gunicorn's master also runs apply_scheduled_changes every 30 s.
# Threaded workers (gthread, 2 x 4 threads): with no nginx in front, a browser's idle
# preconnect and keep-alive sockets would each hold a sync worker until its 30 s timeout while
# the next page waited. Logs and settings as production's (deploy/gunicorn.conf.py).
run: $(INSTALLED) .secret_key
	$(MANAGE) createcachetable
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_plan
	@echo "Serving 古都夜八点 at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	exec env SERVE_MEDIA=true BIND=127.0.0.1:$(PORT) APPLY_SCHEDULED_EVERY=30 $(BIN)/gunicorn nightlife.wsgi -c deploy/gunicorn.conf.py \
		--worker-class gthread --workers 2 --threads 4

dev: $(INSTALLED) .secret_key
	$(MANAGE) createcachetable
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_plan
	@echo "Development server (DEBUG on) at http://127.0.0.1:$(PORT)/"
	DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

# What a release runs, then gunicorn as production runs it (deploy/gunicorn.conf.py). Uses
# .secret_key when SECRET_KEY is not set; the deploy check's warnings are shown, and are
# expected with HTTPS=false.
serve: $(INSTALLED) .secret_key
	HTTPS=$(HTTPS) $(MANAGE) check --deploy || true
	HTTPS=$(HTTPS) $(MANAGE) createcachetable
	HTTPS=$(HTTPS) $(MANAGE) migrate --noinput
	HTTPS=$(HTTPS) $(MANAGE) collectstatic --noinput -v0
	@echo "Serving the production stack at http://127.0.0.1:$(PORT)/ (HTTPS=$(HTTPS); Ctrl-C to stop)"
	exec env HTTPS=$(HTTPS) BIND=127.0.0.1:$(PORT) WEB_CONCURRENCY=$(WORKERS) APPLY_SCHEDULED_EVERY=30 \
		$(BIN)/gunicorn nightlife.wsgi -c deploy/gunicorn.conf.py

# Chromium and a CJK font for the browser tests: installed when root with apt, else named.
# -n auto: one pytest worker per core (pytest-xdist), each with its own test database.
test: $(INSTALLED) .secret_key
	@bash .ci/system-packages.sh
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

test-fast: $(INSTALLED) .secret_key
	$(PY) -m pytest -n auto -m "not browser and not processes" $(PYTEST_ARGS)

check: $(INSTALLED) .secret_key
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	$(BIN)/lint-imports --no-cache

messages: $(INSTALLED) .secret_key
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=node_modules --ignore=tests --ignore=benchmarks --ignore=deploy --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf db.sqlite3 staticfiles test-artifacts
