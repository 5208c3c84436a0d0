# Two commands for a new user: `make run` and `make test`. Both install what is
# missing first (Debian packages via apt-get, a .venv via pip) and are idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIXMEM := ingest/native/libvnrpixmem.so
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-liberation2 fonts-freefont-ttf fonts-dejavu-core gcc libc6-dev python3-dev
# chromium, nodejs and npm (skipped where an npm is already installed, e.g. NodeSource's nodejs, which conflicts
# with Debian's npm) for the browser test of the searchable PDF (pdf.js in headless chromium,
# tests/test_archive_browser.py); ghostscript for the OCRmyPDF comparison in `python -m benchmarks archive`
APT_PACKAGES += chromium nodejs npm ghostscript
# chromedriver: Selenium drives the same chromium through it (tests/test_review_browser.py)
APT_PACKAGES += chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WORKERS ?=

.PHONY: help setup system-deps kernels run test test-fast bench model neural schema clean

help:
	@echo "make run    install what is missing, convert samples/ to out/*.json, print a summary"
	@echo "make test   install what is missing, run the whole test suite"
	@echo "make test-fast  the suite without the tests marked slow (the inner loop)"
	@echo "make bench  run the benchmarks (figures for the README)"
	@echo "make model  rebuild the diacritic model from ../shared/corpus (first time ~1 h on 2 cores: renders and OCRs 5,600 pages)"
	@echo "make neural retrain the diacritic context scorer (torch in a separate venv, ~1-1.5 h on one core)"

system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	    && tesseract --list-langs 2>/dev/null | grep -qx eng && command -v pdftoppm >/dev/null \
	    && [ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] && [ -e /usr/share/fonts/truetype/freefont/FreeSerif.ttf ] \
	    && command -v cc >/dev/null && [ -e /usr/include/dlfcn.h ] \
	    && command -v chromium >/dev/null && command -v npm >/dev/null && command -v gs >/dev/null \
	    && command -v chromedriver >/dev/null \
	    && [ -e "$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]; then :; else \
	  pkgs="$(APT_PACKAGES)"; \
	  if command -v npm >/dev/null; then pkgs=$$(tr ' ' '\n' <<<"$$pkgs" | grep -vx -e nodejs -e npm | tr '\n' ' '); fi; \
	  echo "installing Debian packages: $$pkgs"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$pkgs >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

# Byte-compiled once here, not by each run: an editable install leaves the project's modules
# uncompiled, and where PYTHONDONTWRITEBYTECODE is set every process (the CLI, each batch worker)
# compiled them again, ≈0.3 s on each document's critical path. Up-to-date files are skipped.
setup: system-deps $(STAMP) $(PIXMEM) kernels
	@$(BIN)/python -m compileall -q -j 0 __init__.py cli.py ingest diacritics parsers schemas pipeline training benchmarks >/dev/null

# Tesseract's line images kept uncompressed (ingest/native/pixmem.c): ≈5 % less CPU a page, the
# same output. system-deps installs the compiler with the other packages; the library itself is
# optional at run time, and this rule only warns when it is built (`make` it alone) with no compiler.
$(PIXMEM): ingest/native/pixmem.c
	@if command -v cc >/dev/null; then cc -O2 -shared -fPIC -Wall -o $@ $<; \
	else echo "no C compiler: $@ not built (OCR ≈5 % slower, same output)"; fi

# The restorer's compiled kernels built ahead of time (training/build_kernels.py, ≈20 s): the model loads
# without numba's start-up (≈0.6 s less in every process that restores), with the same output.
# Skipped while up to date; where it cannot be built it says why, and numba compiles them instead.
kernels: $(STAMP)
	@$(BIN)/python -m training.build_kernels

run: setup
	$(BIN)/vnresolve ingest samples/ -o out/ $(if $(WORKERS),--workers $(WORKERS))

# pdf.js for the browser test (tests/browser/package-lock.json), from the npm registry
PDFJS := tests/browser/node_modules/pdfjs-dist/package.json
$(PDFJS): tests/browser/package-lock.json
	@npm ci --prefix tests/browser --omit=optional --no-audit --no-fund --loglevel=error
	@touch $@

test: setup $(PDFJS)
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

test-fast: setup $(PDFJS)
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -m "not slow"

bench: setup
	$(BIN)/python -m benchmarks

# The shipped model: news counts, then LM, self-training, inventory, pools and capitals on the
# committed channel, then the mark channel (diacritics/model/README.md). Leaving out --keep-channel
# also renders and OCRs the synthetic pages the OCR channel is learned from (about an hour).
model: setup
	nice -n 10 $(BIN)/python -m training.news --corpus ../shared/corpus
	nice -n 10 $(BIN)/python -m training.train --corpus ../shared/corpus --out diacritics/model --news --keep-channel \
	    --min-trigram 3 --min-bigram 2 --own-weight 2
	nice -n 10 $(BIN)/python -m training.marks_train --out diacritics/model

# The neural context scorer (training/train_neural.py): torch only in its own venv, one thread,
# fixed seeds and step counts: three stages on vlc + viwiki, two with the news, one more on vlc + viwiki,
# then the mean of the last two (about 2 h in all); writes diacritics/model/neural.npz (read with numpy at run time).
TORCH_VENV ?= /tmp/vnresolve-train-venv
neural:
	@[ -x $(TORCH_VENV)/bin/python ] || $(PYTHON) -m venv $(TORCH_VENV)
	@$(TORCH_VENV)/bin/python -c "import torch" 2>/dev/null || $(TORCH_VENV)/bin/pip install -q torch==2.13.0 numpy
	@# training/ imports the vnresolve package (its vocabularies and text rules); numpy is all it needs of it
	@$(TORCH_VENV)/bin/python -c "import vnresolve.diacritics.neural" 2>/dev/null || $(TORCH_VENV)/bin/pip install -q --no-deps -e .
	@mkdir -p training/.cache
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --steps 3500 \
	    --out training/.cache/neural-stage1.npz
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --steps 3500 \
	    --lr 1e-3 --seed 1 --init training/.cache/neural-stage1.npz --out training/.cache/neural-stage2.npz
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --steps 3500 \
	    --lr 5e-4 --seed 2 --init training/.cache/neural-stage2.npz --out training/.cache/neural-stage3.npz
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --news --steps 18000 \
	    --lr 5e-4 --seed 3 --init training/.cache/neural-stage3.npz --out training/.cache/neural-stage4.npz
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --news --steps 16000 \
	    --lr 5e-4 --seed 4 --init training/.cache/neural-stage4.npz --out training/.cache/neural-stage5.npz
	nice -n 10 $(TORCH_VENV)/bin/python -m training.train_neural --corpus ../shared/corpus --steps 9000 \
	    --lr 3e-4 --seed 5 --init training/.cache/neural-stage5.npz --out training/.cache/neural-stage6.npz
	$(TORCH_VENV)/bin/python -m training.train_neural --average training/.cache/neural-stage5.npz \
	    training/.cache/neural-stage6.npz --out diacritics/model/neural.npz

schema: setup
	$(BIN)/vnresolve schema > schemas/document.schema.json

clean:
	rm -rf out .pytest_cache
