# Single entry point. `make run` and `make test` are README's two commands.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export DEBUG ?= 1

.PHONY: run install migrate demo test test-fast lint browser-deps

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

test: install browser-deps
	DEBUG=0 $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	DEBUG=0 $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
