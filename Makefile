# Two commands from a fresh clone:
#   make run    set up, load the demo partnership and serve it on http://127.0.0.1:8000
#   make test   set up (Debian Chromium included) and run every test
# See README.md for the rest. The venv here is for development: it installs
# requirements-dev.lock; production installs requirements.lock only.

HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV ?= $(shell for candidate in python3.12 python3.13 python3.14 python3; do \
	command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$candidate; break; }; done)
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-fast serve bench backup restore postgresql-client install browser varnish lint lock clean

# The development server, the background-task worker and the scheduler, stopped
# together by Ctrl+C (deploy/develop.py). Mail is printed and written to var/mail/.
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(BIN)/python -m deploy.develop --host $(HOST) --port $(PORT)

# The tests that need no browser and no server share the two cores; the browser and
# server tests, which start processes of their own, run after them one at a time.
test: install browser varnish
	$(BIN)/pytest -m "not browser and not server" -n 2
	$(BIN)/pytest -m "browser or server"

# The tests that need no browser and no server, on both cores.
test-fast: install
	$(BIN)/pytest -m "not browser and not server" -n 2

# Production mode on this machine: DEBUG off, Varnish on HOST:PORT in front of
# gunicorn on an internal loopback port, with the background-task worker and
# scheduler (deploy/stack.py), static files by whitenoise. Mail goes to
# localhost:25 unless EMAIL_HOST is set, and waits on the queue while nothing listens.
# A secret key is made once in var/ unless SECRET_KEY is set; HTTPS redirects
# and secure cookies are off only because there is no certificate here.
serve: install varnish
	@mkdir -p var
	@test -s var/secret_key || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
	DJANGO_SETTINGS_MODULE=safeguarding.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" SECURE_COOKIES="$${SECURE_COOKIES:-false}" \
	sh -c '$(MANAGE) collectstatic --no-input -v 0 && $(MANAGE) migrate --no-input && $(MANAGE) load_demo \
		&& exec $(BIN)/python -m deploy.stack --host $(HOST) --port $(PORT)'

# The production stack against nginx serving the same HTML (deploy/bench.py).
bench: install varnish
	$(call debian,nginx,nginx)
	$(call debian,wrk,wrk)
	$(BIN)/python -m deploy.bench

# One archive of the database and the media folder (README, "Backups"); BACKUP=path names
# it, else var/backups/<UTC time>.tar.gz. `make restore BACKUP=file` loads one into an empty
# database and media folder; FORCE=1 replaces what is already there.
backup: install postgresql-client
	$(MANAGE) backup $(if $(BACKUP),--output "$(BACKUP)")

restore: install postgresql-client
	@test -n "$(BACKUP)" || { echo "Name the archive: make restore BACKUP=var/backups/<time>.tar.gz" >&2; exit 2; }
	$(MANAGE) restore "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)

# pg_dump, pg_restore and psql, only when DATABASE_URL names PostgreSQL.
postgresql-client:
	$(if $(filter postgres://% postgresql://% pgsql://%,$(DATABASE_URL)),$(call debian,pg_dump,postgresql-client))

install: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.lock
	@test -n "$(PYTHON_FOR_VENV)" || { echo "Python 3.12 or later is needed (see .python-version)." >&2; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

# Debian packages a command needs, installed when missing: `$(call debian,command,package)`.
define debian
	@command -v $(1) >/dev/null 2>&1 || PATH="$$PATH:/usr/sbin" command -v $(1) >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(2) >/dev/null; }
endef

# Browser tests drive Debian's Chromium; Playwright cannot download its own here.
browser:
	$(call debian,chromium,chromium)

# The HTTP cache of `make serve` and of the cache tests.
varnish:
	$(call debian,varnishd,varnish)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Regenerate both locks after changing pyproject.toml: requirements.lock (the runtime,
# what production installs) and requirements-dev.lock (runtime plus tests and lint,
# constrained to the runtime lock's versions so that the two never disagree).
LOCK := $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.12 --quiet
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(LOCK) --output-file requirements.lock
	$(LOCK) --extra dev --constraint requirements.lock --output-file requirements-dev.lock

clean:
	rm -rf $(VENV) static var
