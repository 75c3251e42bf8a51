# SPDX-License-Identifier: EUPL-1.2
# Two commands for a newcomer: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint check-migrations pytest messages lock system-deps browser-deps clean bench bench-smoke

run: install ## Install, migrate SQLite, load demo data, print demo logins, serve on :8000
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) demo_logins
	@echo "Eenplan runs on http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install browser-deps lint check-migrations pytest ## Install and run the whole suite

install: system-deps $(VENV)/.installed src/eenplan/static/vendor/.built messages

system-deps: ## gettext for the translations, Pango and fonts for the PDF letters (Debian packages)
	@command -v msgfmt >/dev/null || scripts/apt-install gettext
	@dpkg -s libpangoft2-1.0-0 fonts-dejavu-core >/dev/null 2>&1 || scripts/apt-install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

browser-deps: ## Debian's Chromium for the browser tests (Playwright drives it)
	@command -v chromium >/dev/null || scripts/apt-install chromium

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

src/eenplan/static/vendor/.built: node_modules/.installed scripts/build-static.mjs
	npm run --silent build
	touch $@

messages: $(VENV)/.installed
	@cd src/eenplan && ../../$(BIN)/python ../../manage.py compilemessages -v 0

lint: $(VENV)/.installed ## ruff, the layers between apps, mypy on the policy and services
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	scripts/typecheck

check-migrations: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run -v 1

pytest: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

RESIDENTS ?= 100000
bench: install ## Load-test a generated municipality on PostgreSQL (docs/performance.md)
	$(BIN)/python bench/run.py --residents $(RESIDENTS) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL)) $(BENCH_ARGS)

bench-smoke: install ## The same on 5,000 residents for a few seconds: it runs, no timings
	$(BIN)/python bench/run.py --smoke

lock: ## Re-pin the Python dependencies after changing pyproject.toml
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules src/eenplan/static/vendor var
