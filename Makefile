# Partnership: `make run` sets everything up and serves the app; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_PASSWORD ?= partnership-demo
PORT ?= 8000

.PHONY: run setup messages test test-fast lint lint-imports migrations-check demo clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed messages

# The browser tests' checkers: axe-core and the Nu HTML Checker (vnu-jar, run with the machine's Java), pinned in
# package-lock.json. Lighthouse (bench/lighthouse.sh) comes along; vnu-jar's own Java download is not wanted.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Translations: the catalogues in locale/ are compiled on every setup (GNU gettext's msgfmt).
messages: $(VENV)/.installed
	if [ -d locale ]; then DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0; fi

demo: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --password $(DEMO_PASSWORD)

run: demo
	@echo
	@echo "  Open http://127.0.0.1:$(PORT)/ and sign in as coordinator, manager or admin"
	@echo "  with the password $(DEMO_PASSWORD)"
	@echo
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# One worker per core (pytest-django gives each its own test database); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: setup node_modules/.installed
	$(PY) -m pytest -n $(TEST_WORKERS)

# Everything but the browser, fuzzing, URL × role matrix and PDF tests: about 80 s on two cores, for while you work.
test-fast: setup node_modules/.installed
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not fuzz and not matrix and not pdf"

lint: setup lint-imports
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The layers contract in pyproject.toml: no app imports an app above it.
lint-imports: setup
	$(VENV)/bin/lint-imports

migrations-check: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-shm db.sqlite3-wal staticfiles
