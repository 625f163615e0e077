# Two commands on a fresh machine: `make` (set-up plus every artifact) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BANK ?= bank/ai-cybersecurity-analyst.yaml
OUT ?= output
NAME := $(basename $(notdir $(BANK)))
INSTALLED := $(VENV)/.installed
# An artifact is out of date when the bank, a template or the code is newer.
DEPS := $(BANK) generate.py $(INSTALLED) \
        $(shell find qbank templates -type f ! -path '*/__pycache__/*' 2>/dev/null)
BUILD := $(PY) generate.py

.DEFAULT_GOAL := all
.PHONY: all booklet anki packet cards html check test previews bench clean

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

ARTIFACTS := $(OUT)/$(NAME)-booklet.pdf $(OUT)/$(NAME)-workshop.pdf $(OUT)/$(NAME).apkg \
             $(OUT)/$(NAME)-packet.docx $(OUT)/$(NAME)-flashcards.pdf $(OUT)/$(NAME).html

# `all` runs every registered exporter at once (side by side); the stamp makes a second
# `make` do nothing, and an artifact deleted since is built again on its own.
all: $(OUT)/.$(NAME).built $(ARTIFACTS)
$(OUT)/.$(NAME).built: $(DEPS)
	$(BUILD) all --bank $(BANK) --out $(OUT)
	touch $@

booklet: $(OUT)/$(NAME)-booklet.pdf $(OUT)/$(NAME)-workshop.pdf
$(OUT)/$(NAME)-booklet.pdf $(OUT)/$(NAME)-workshop.pdf &: $(DEPS)
	$(BUILD) booklet --bank $(BANK) --out $(OUT)

anki: $(OUT)/$(NAME).apkg
$(OUT)/$(NAME).apkg: $(DEPS)
	$(BUILD) anki --bank $(BANK) --out $(OUT)

packet: $(OUT)/$(NAME)-packet.docx
$(OUT)/$(NAME)-packet.docx: $(DEPS)
	$(BUILD) packet --bank $(BANK) --out $(OUT)

cards: $(OUT)/$(NAME)-flashcards.pdf
$(OUT)/$(NAME)-flashcards.pdf: $(DEPS)
	$(BUILD) cards --bank $(BANK) --out $(OUT)

html: $(OUT)/$(NAME).html
$(OUT)/$(NAME).html: $(DEPS)
	$(BUILD) html --bank $(BANK) --out $(OUT)

check: $(INSTALLED)
	$(BUILD) check --bank $(BANK)

test: $(INSTALLED)
	$(PY) -m ruff check qbank tests bench generate.py
	$(PY) -m ruff format --check --quiet qbank tests bench generate.py
	$(PY) -m pytest

# The first page of each PDF artifact as PNG, shown in the README.
previews: all
	$(PY) -m qbank.previews $(OUT) previews

# Seconds and memory per artifact at 50, 500 and 5,000 questions (see bench/RESULTS.md).
bench: $(INSTALLED)
	$(PY) bench/run.py

# Only what the build makes, by name: never a whole folder that OUT= may point at.
clean:
	if [ -n "$(OUT)" ] && [ -d "$(OUT)" ]; then \
	  rm -f $(ARTIFACTS) $(OUT)/.$(NAME).built $(OUT)/$(NAME)-calibration.pdf \
	        $(OUT)/$(NAME)-packet-panel.docx $(OUT)/$(NAME)-packet-[0-9]*.docx; \
	fi
