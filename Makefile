# Two commands for a new user: `make run` and `make test`. Both install what is
# missing first (Debian packages via apt-get, a .venv via pip) and are idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-liberation2 fonts-freefont-ttf fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WORKERS ?=

.PHONY: help setup system-deps run test bench model schema clean

help:
	@echo "make run    install what is missing, convert samples/ to out/*.json, print a summary"
	@echo "make test   install what is missing, run the whole test suite"
	@echo "make bench  run the benchmarks (figures for the README)"
	@echo "make model  rebuild the diacritic model from ../shared/corpus"

system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	    && tesseract --list-langs 2>/dev/null | grep -qx eng && command -v pdftoppm >/dev/null \
	    && [ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] && [ -e /usr/share/fonts/truetype/freefont/FreeSerif.ttf ]; then :; else \
	  echo "installing Debian packages: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: system-deps $(STAMP)

run: setup
	$(BIN)/vnresolve ingest samples/ -o out/ $(if $(WORKERS),--workers $(WORKERS))

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

bench: setup
	$(BIN)/python -m benchmarks

model: setup
	$(BIN)/python -m diacritics.train --corpus ../shared/corpus --out diacritics/model

schema: setup
	$(BIN)/vnresolve schema > schemas/document.schema.json

clean:
	rm -rf out .pytest_cache
