# Two commands on a fresh machine: `make` (set-up plus every artifact) and `make test`.
# `make help` lists the targets and the variables.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BANK ?= bank/ai-cybersecurity-analyst.yaml
OUT ?= output
# PAPER=letter sets the paper of every artifact, as QBANK_PAPER does for the commands
PAPER ?=
NAME := $(basename $(notdir $(BANK)))
INSTALLED := $(VENV)/.installed
BUILD := $(PY) generate.py
# The README's pictures: the bundled bank only, dated by its last commit, so that a fresh
# clone renders the same PNGs as those in the repository
PREVIEW_BANK := bank/ai-cybersecurity-analyst.yaml
PREVIEW_OUT := build/previews

.DEFAULT_GOAL := all
.PHONY: all booklet anki packet cards html check test golden previews bench clean help

# make cannot name a file with a space, and a missing bank would surface as "No rule to
# make target": both are one line that says what to do, before any rule is read.
BUILD_GOALS := all booklet anki packet cards html check
ifneq ($(filter $(BUILD_GOALS) $(OUT)/%,$(or $(MAKECMDGOALS),all)),)
  ifneq ($(words $(BANK)),1)
    $(error BANK="$(BANK)": make cannot use a path with spaces or an empty one; copy the bank to a name without spaces (bank/my-bank.yaml), or run .venv/bin/qbank all --bank "$(BANK)")
  endif
  ifneq ($(words $(OUT)),1)
    $(error OUT="$(OUT)": make cannot use a folder with spaces or an empty one; choose one without (OUT=build/out), or run .venv/bin/qbank all --out "$(OUT)")
  endif
  ifeq ($(wildcard $(BANK)),)
    $(error BANK=$(BANK): no such file; give the path of a bank, as in make BANK=bank/my-bank.yaml)
  endif
  # The paper in effect is recorded, so that a build on other paper rebuilds everything
  SETTINGS := $(OUT)/.$(NAME).settings
  SETTINGS_TEXT := paper=$(or $(PAPER),$(QBANK_PAPER),a4)
  ifneq ($(file < $(SETTINGS)),$(SETTINGS_TEXT))
    $(shell mkdir -p $(OUT))
    $(file > $(SETTINGS),$(SETTINGS_TEXT))
  endif
endif
ifneq ($(PAPER),)
  export QBANK_PAPER := $(PAPER)
endif

# An artifact is out of date when the bank, a picture in its folder, a template, the code or
# the paper changed. Only a picture whose path (below the bank's folder) is made of letters,
# digits and - . _ / + @ , ~ is a prerequisite: make reads a blank, a colon, a ';' (which
# starts a recipe: a file name ran a command), '$', '%', '#' or '*' in one as its own syntax.
PICTURES := $(addprefix $(dir $(BANK)),$(shell find $(dir $(BANK)) \( -name .git -o -name .venv \
              -o -name node_modules -o -name build -o -name output -o -name __pycache__ \) \
              -prune -o -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' \
              -o -iname '*.gif' -o -iname '*.webp' -o -iname '*.tif' -o -iname '*.tiff' \
              -o -iname '*.bmp' \) -printf '%P\n' 2>/dev/null | LC_ALL=C grep -v '[^-A-Za-z0-9._/+@,~]'))
DEPS := $(BANK) $(PICTURES) generate.py $(INSTALLED) $(SETTINGS) \
        $(shell find qbank templates -type f ! -path '*/__pycache__/*' 2>/dev/null)

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# One rule per artifact (the booklet's two editions come from one command), so `make -j`
# runs each exporter once. A build with --section, --count, --name ... writes a name of
# its own and never stands in for these.
BOOKLETS := $(OUT)/$(NAME)-booklet.pdf $(OUT)/$(NAME)-workshop.pdf
ARTIFACTS := $(BOOKLETS) $(OUT)/$(NAME).apkg $(OUT)/$(NAME)-packet.docx \
             $(OUT)/$(NAME)-flashcards.pdf $(OUT)/$(NAME).html

all: $(ARTIFACTS)

booklet: $(BOOKLETS)
$(BOOKLETS) &: $(DEPS)
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

# The tests keep the bytecode of qbank and of the rewritten tests (__pycache__, ignored by
# git) even where PYTHONDONTWRITEBYTECODE is set: the suite starts some fifty interpreters,
# each of which would compile qbank again, and a test worker's collection takes 4.0 s of
# CPU when it compiles, 1.9 s when it need not.
test: $(INSTALLED)
	$(PY) -m ruff check qbank tests bench tools generate.py
	$(PY) -m ruff format --check --quiet qbank tests bench tools generate.py
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# Rewrite tests/golden/ (the text of each artifact of tests/fixtures/minimal.yaml): after a
# change to what the artifacts say, review the diff and commit it.
golden: $(INSTALLED)
	$(PY) tests/golden_dump.py

# The first page of the bundled bank's PDFs as PNG, for the README: built apart from
# OUT, on A4, dated by the bank's last commit.
previews: $(INSTALLED)
	@epoch=$$(git log -1 --format=%ct -- $(PREVIEW_BANK) 2>/dev/null); \
	if [ -z "$$epoch" ]; then \
	  echo "make previews: needs the git history (the date of $(PREVIEW_BANK)'s last commit)" >&2; \
	  exit 1; \
	fi; \
	rm -rf $(PREVIEW_OUT) && \
	SOURCE_DATE_EPOCH=$$epoch $(BUILD) booklet --bank $(PREVIEW_BANK) --out $(PREVIEW_OUT) --paper a4 >/dev/null && \
	SOURCE_DATE_EPOCH=$$epoch $(BUILD) cards --bank $(PREVIEW_BANK) --out $(PREVIEW_OUT) --paper a4 >/dev/null && \
	$(PY) tools/previews.py $(PREVIEW_OUT) previews

# Seconds and memory per artifact at 50, 500 and 5,000 questions (see bench/RESULTS.md).
bench: $(INSTALLED)
	$(PY) bench/run.py

# Only what the build makes, by name: never a whole folder that OUT= may point at.
clean:
	@if [ -n "$(OUT)" ] && [ -d "$(OUT)" ]; then \
	  rm -f $(ARTIFACTS) $(OUT)/.$(NAME).built $(OUT)/.$(NAME).settings \
	        $(OUT)/calibration-*.pdf \
	        $(OUT)/$(NAME)-packet-panel.docx $(OUT)/$(NAME)-packet-[0-9]*.docx; \
	fi
	@rm -rf $(PREVIEW_OUT)

help:
	@echo 'Targets:'
	@echo '  make            set up .venv and build every artifact of BANK into OUT'
	@echo '  make booklet    the study booklet and the workshop handout (PDF)'
	@echo '  make anki       the Anki deck (.apkg)'
	@echo '  make packet     the interviewer packet: one 60-minute interview (DOCX)'
	@echo '  make cards      the printable flashcards (PDF)'
	@echo '  make html       the study page: one offline HTML file'
	@echo '  make check      validate BANK'
	@echo '  make test       lint and the test suite'
	@echo '  make golden     rewrite tests/golden/, the text of each artifact of a small bank'
	@echo '  make previews   the README pictures of the bundled bank (previews/*.png)'
	@echo '  make bench      time and memory per artifact (bench/RESULTS.md)'
	@echo '  make clean      remove what the build made in OUT'
	@echo 'Variables (make VAR=value):'
	@echo '  BANK=$(BANK)'
	@echo '      the bank file (no spaces in the path)'
	@echo '  OUT=$(OUT)    the folder for the artifacts'
	@echo '  PAPER=a4|letter the paper of every artifact (default: QBANK_PAPER, else a4)'
	@echo '  PYTHON=$(PYTHON)   the Python that creates .venv'
	@echo 'Variants (a section, a 45-minute packet ...) have their own commands and names:'
	@echo '  .venv/bin/qbank COMMAND --help'
