# perinatal — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PERINATAL_HOME ?= $(CURDIR)

.PHONY: run test install browser lint types migrations-check messages clean serve-prod bench lock build

## The pinned dependencies, with hashes (`make lock` writes them): production.lock holds only
## what pyproject.toml's `dependencies` need; dev.lock adds the `dev` extra (tests, lint, types).
LOCKS := requirements/production.lock requirements/dev.lock

$(STAMP): pyproject.toml $(LOCKS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## make lock: write both lock files again from pyproject.toml, universal for Python 3.11 (any
## platform), with hashes; pins already in the files are kept unless LOCK_ARGS=--upgrade.
## Needs uv: the one in .venv (the dev extra), or UV=/path/to/uv.
UV ?= $(BIN)/uv
LOCK_FLAGS := --python-version 3.11 --universal --generate-hashes --quiet $(LOCK_ARGS)
lock:
	@test -x "$(UV)" || $(MAKE) install
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/production.lock
	$(UV) pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements/dev.lock

## make build: what a production image is built with, once, before it is made read-only: the
## static files collected into STATIC_ROOT (default ./staticfiles), so `perinatal serve --prod`
## finds them current and writes nothing at start.
build: install
	$(BIN)/perinatal collectstatic --no-input --verbosity 1

## make run: install, prepare the embedded SQLite database with the Brussels directory, serve
## (with a task worker and the scheduler beside the server).
run: install
	$(BIN)/perinatal migrate --no-input
	$(BIN)/perinatal directory load-brussels
	$(BIN)/perinatal demo seed
	$(BIN)/perinatal monitoring seed-demo
	$(BIN)/perinatal serve --with-workers --bind 127.0.0.1:8000

## Debian's chromium for the browser tests (installed when missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## make test: install everything the suite needs, then run the whole suite, one worker per core
## (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: install browser
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## make lint: ruff, and the layers of the apps (import-linter, pyproject.toml).
lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	$(BIN)/lint-imports --no-cache

## make types: mypy with django-stubs; zero errors in the checked packages, the rest within the
## budget written in docs/architecture.md (.ci/type_check.py).
types: install
	$(BIN)/python .ci/type_check.py

migrations-check: install
	$(BIN)/perinatal makemigrations --check --dry-run

messages: install
	cd src/perinatal && ../../$(BIN)/perinatal makemessages -l nl -l fr -l en --no-obsolete --ignore 'tests/*'
	cd src/perinatal && ../../$(BIN)/perinatal compilemessages

clean:
	rm -rf $(VENV) perinatal.sqlite3* staticfiles
