# Grønn Praksis: developer and CI entry points. `make help` lists the targets.
#
# Everything a target needs is set up on demand: a virtualenv in .venv (Python >= 3.12) with the
# project and its dev extra installed, the front-end packages in node_modules (served as static
# files), and the var/ directory for the SQLite database and mail files. The installs are redone
# only when pyproject.toml or package.json/package-lock.json change (stamp files).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV       := .venv
PY         := $(VENV)/bin/python
MANAGE     := $(PY) manage.py
PY_STAMP   := $(VENV)/.installed-gronnpraksis
NODE_STAMP := node_modules/.installed-gronnpraksis

# Which interpreter creates the virtualenv: PYTHON=/path/to/python3.12 overrides the search.
PYTHON ?=
PYTHON_CANDIDATES := python3.13 python3.12 python3

# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-x -k registration' or PYTEST_ARGS='-m "not browser"'.
PYTEST_ARGS ?=
PLAYWRIGHT_ARGS := --browser chromium --screenshot only-on-failure --output test-results
PYTEST := env TESTING=true $(VENV)/bin/pytest $(PLAYWRIGHT_ARGS) $(PYTEST_ARGS)

# Where `make run` serves. The links it mails, prints and puts in calendar files and feeds point
# there too, unless SITE_URL is set (SITE_URL=https://… make run).
RUN_ADDR ?= 127.0.0.1:8000
RUN_SITE_URL = $(or $(SITE_URL),http://$(RUN_ADDR))

.PHONY: help setup run test test-postgres prod-check lint bench messages chromium clean distclean

help: ## Show this list
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 24
	@echo
	@echo "Variables: PYTEST_ARGS='...' (extra pytest arguments), PYTHON=... (interpreter for .venv), RUN_ADDR=$(RUN_ADDR)"

# --- Setup -----------------------------------------------------------------------------------

setup: $(PY_STAMP) $(NODE_STAMP) var/mail var/static ## Create .venv, install Python and npm packages, create var/

$(PY):
	@py='$(PYTHON)'; \
	if [ -z "$$py" ]; then \
	  for candidate in $(PYTHON_CANDIDATES); do \
	    if command -v "$$candidate" >/dev/null 2>&1 \
	       && "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	      py=$$candidate; break; \
	    fi; \
	  done; \
	fi; \
	if [ -z "$$py" ]; then \
	  echo "error: no Python >= 3.12 found (tried: $(PYTHON_CANDIDATES))." >&2; \
	  echo "       Install Python 3.12 or newer, or point to one: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi; \
	if ! "$$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "error: $$py is Python $$("$$py" -c 'import platform; print(platform.python_version())'); 3.12 or newer is needed." >&2; \
	  exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" -c 'import sys; print(sys.version.split()[0])'))"; \
	"$$py" -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(PY)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "error: $(VENV) uses Python $$($(PY) -c 'import platform; print(platform.python_version())'); 3.12 or newer is needed." >&2; \
	  echo "       Remove it (rm -rf $(VENV)) and run make again." >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json $(wildcard package-lock.json)
	@command -v npm >/dev/null 2>&1 || { \
	  echo "error: npm is needed to install the front-end packages (Debian: apt-get install npm)." >&2; exit 1; }
	@if [ -f package-lock.json ]; then \
	  echo "npm ci"; npm ci --no-audit --no-fund --loglevel=error; \
	else \
	  echo "npm install"; npm install --no-audit --no-fund --loglevel=error; \
	fi
	@touch $@

# var/ holds the SQLite database, mail files (var/mail) and collected static files (var/static).
var/mail var/static:
	@mkdir -p $@

# Chromium for the browser tests: Debian's package (Playwright's own download does not work offline).
# Installed with apt-get when missing and we are root; otherwise a clear error.
chromium:
	@if [ -n "$${CHROMIUM_PATH:-}" ]; then \
	  [ -x "$$CHROMIUM_PATH" ] && exit 0; \
	  echo "error: CHROMIUM_PATH=$$CHROMIUM_PATH is not an executable." >&2; exit 1; \
	fi; \
	command -v chromium >/dev/null 2>&1 && exit 0; \
	[ -x /usr/bin/chromium ] && exit 0; \
	if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Chromium is missing: installing chromium and chromium-driver with apt-get"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq; \
	  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 chromium chromium-driver >/dev/null; \
	  [ -x /usr/bin/chromium ] || { echo "error: apt-get ran but /usr/bin/chromium is still missing." >&2; exit 1; }; \
	else \
	  echo "error: the browser tests need Chromium, which is not installed." >&2; \
	  echo "       Debian/Ubuntu: sudo apt-get install --no-install-recommends chromium chromium-driver" >&2; \
	  echo "       or set CHROMIUM_PATH=/path/to/chromium. (Do not use 'playwright install'.)" >&2; \
	  exit 1; \
	fi

# --- Running ---------------------------------------------------------------------------------

run: setup ## Migrate, seed demo data, run the background worker and the dev server on http://$(RUN_ADDR)
	DEBUG=true SITE_URL=$(RUN_SITE_URL) $(MANAGE) migrate --noinput
	DEBUG=true SITE_URL=$(RUN_SITE_URL) $(MANAGE) seed_demo
	@echo
	@echo "Mails are written to var/mail/ by the worker (and shown on the debug mail page)."
	@echo "The worker also fetches partner programmes' calendar feeds hourly and runs the daily retention jobs."
	@echo "Serving on http://$(RUN_ADDR)/ (links point to $(RUN_SITE_URL)/) - stop with Ctrl-C."
	@export DEBUG=true SITE_URL=$(RUN_SITE_URL); \
	$(MANAGE) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	$(MANAGE) runserver $(RUN_ADDR)

# --- Checks ----------------------------------------------------------------------------------

test: setup chromium ## Run the whole test suite (browser tests too) on SQLite
	DB=sqlite $(PYTEST)

test-postgres: setup chromium ## Run the same suite on a throwaway PostgreSQL server
	scripts/with-postgres.sh $(PYTEST)

lint: setup ## ruff format + lint, import layers, mypy, missing migrations, deployment checks (runs all, then fails)
	@failed=(); \
	step() { echo "+ $$*"; "$$@" || failed+=("$$*"); }; \
	step $(VENV)/bin/ruff format --check .; \
	step $(VENV)/bin/ruff check .; \
	step $(VENV)/bin/lint-imports --no-logo; \
	step env DEBUG=true $(VENV)/bin/mypy gronnpraksis tests conftest.py; \
	step env DEBUG=true $(MANAGE) makemigrations --check --dry-run; \
	secret=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))'); \
	echo "+ env DEBUG=false SECRET_KEY=<random> ALLOWED_HOSTS=example.org $(MANAGE) check --deploy --fail-level WARNING"; \
	env DEBUG=false TESTING=false SECRET_KEY="$$secret" ALLOWED_HOSTS=example.org \
	  $(MANAGE) check --deploy --fail-level WARNING || failed+=("manage.py check --deploy"); \
	if [ $${#failed[@]} -gt 0 ]; then \
	  echo; echo "lint failed:" >&2; printf '  %s\n' "$${failed[@]}" >&2; exit 1; \
	fi; \
	echo "lint passed"

# PostgreSQL (with-postgres.sh), Redis, two gunicorn servers, nginx and two workers on loopback ports, with
# production settings; prints one line per check and fails if one does (scripts/prod_check.py).
prod-check: setup ## Run the production stack on loopback ports and check headers, bursts, limits, backups
	env -u TESTING scripts/with-postgres.sh $(PY) scripts/prod_check.py

# Every bench/*.py runs twice: on a fresh SQLite file and on a throwaway PostgreSQL server. A bench
# script gets an empty database (it migrates it itself), talks only to 127.0.0.1 and stops by itself.
bench: setup ## Run the benchmarks in bench/ on SQLite and PostgreSQL
	@shopt -s nullglob; scripts=(bench/*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "error: no bench/*.py scripts found." >&2; exit 1; fi; \
	for script in "$${scripts[@]}"; do \
	  tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/gronnpraksis-bench.XXXXXX"); \
	  echo "== $$script on SQLite"; \
	  DB=sqlite DB_NAME="$$tmp/bench.sqlite3" TESTING=true $(PY) "$$script" || { rm -rf "$$tmp"; exit 1; }; \
	  rm -rf "$$tmp"; \
	  echo "== $$script on PostgreSQL"; \
	  TESTING=true scripts/with-postgres.sh $(PY) "$$script"; \
	done

# --- Translations ----------------------------------------------------------------------------

# Needs GNU gettext (xgettext, msgfmt). The compiled .mo files are committed, so nothing else does.
messages: setup ## Update the nb/nn/en .po files and compile them
	@command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || { \
	  echo "error: GNU gettext is needed (Debian: apt-get install gettext)." >&2; exit 1; }
	DEBUG=true $(MANAGE) makemessages -l nb -l nn -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
	DEBUG=true $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=var

# --- Cleaning --------------------------------------------------------------------------------

clean: ## Remove caches, build output and test results (keeps .venv, node_modules and var/)
	rm -rf test-results .pytest_cache .mypy_cache .ruff_cache .import_linter_cache build dist *.egg-info
	find . \( -path ./.venv -o -path ./node_modules -o -path ./.git \) -prune -o \
	  -type d -name __pycache__ -exec rm -rf {} +

distclean: clean ## Also remove .venv, node_modules and var/ (the local database and mails)
	rm -rf $(VENV) node_modules var
