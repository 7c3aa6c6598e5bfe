# Single entry point. `make run` and `make test` are README's two commands.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export DEBUG ?= 1

.PHONY: run install migrate demo test test-fast lint browser-deps node-deps

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The background worker (admin imports) runs beside the web server and stops with it
# (--no-reload: a reloading worker leaves its child behind when killed; restart make run after task edits).
run: demo
	$(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

# Headless Chromium for the browser tests (Debian's package; needs root or sudo once).
browser-deps:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
		( [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
		  || sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium )) || \
		echo "chromium could not be installed: browser tests will fail" >&2

# axe-core for the accessibility browser tests, from package-lock.json (Node and npm; Debian's if missing).
# A failed install stops `make test`: the axe tests would fail anyway, and should say why here first.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (command -v apt-get >/dev/null && \
		( [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm \
		  || sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm )) || \
		{ echo "npm is missing and could not be installed: the axe-core browser tests need it" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

node-deps: node_modules/.installed

test: install browser-deps node-deps
	DEBUG=0 $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	DEBUG=0 $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
