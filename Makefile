# Go-Between: `make run` serves the app in the embedded mode, `make test` runs the whole suite.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python 3.12 (spaCy runs faster on it); a pyenv shim answers only with PYENV_VERSION set.
PYTHON ?= $(shell PYENV_VERSION=3.12.1 pyenv which python3.12 2>/dev/null || command -v python3.12 2>/dev/null || command -v python3)

.PHONY: help install test-tools run test lint format migrate demo worker beat

help:
	@echo "make run      install, migrate, load demo data and serve http://127.0.0.1:$(PORT)"
	@echo "make test     install if needed and run the whole test suite"
	@echo "make install  create $(VENV) and install the project with its development tools"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Browser-test tools from npm (axe-core, injected by Playwright in tests/e2e): `npm ci` again only
# when package-lock.json changes.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test-tools: node_modules/.package-lock.json

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo_data

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install test-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule
