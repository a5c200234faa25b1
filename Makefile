# Two commands do everything on a fresh machine (python3, pip and make; nothing else):
#   make reproduce   install the locked environment, rebuild the dataset with DVC, execute the notebooks
#   make test        install the locked environment and run the test suite
# Only package installs touch the network. uv is bootstrapped into .tools/ at a pinned version.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DVC_NO_ANALYTICS := 1
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
# dvc.yaml calls `newsclaims ...`: the locked environment's commands come first on the PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: help env reproduce test test-fast lint docs benchmark clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --all-extras
	touch $@

# cffconvert validates CITATION.cff in the tests; it pins jsonschema<4, which the notebook stack cannot
# share, so it lives in its own small tool environment.
CFFCONVERT := $(TOOLS)/cff/bin/cffconvert
$(CFFCONVERT): scripts/cffconvert-requirements.txt
	$(PYTHON) -m venv $(TOOLS)/cff
	$(TOOLS)/cff/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  -r scripts/cffconvert-requirements.txt

env: $(VENV)/.synced  ## install the locked environment into .venv

reproduce: env  ## rebuild the dataset, metrics, notebooks and release bundle (dvc repro)
	$(BIN)/dvc repro
	@for m in reports/metrics/*.json; do $(BIN)/dvc metrics show --precision 3 "$$m"; echo; done
	@if ! git ls-files --error-unmatch dvc.lock >/dev/null 2>&1; then \
	  echo "dvc.lock is new: commit it to record this build"; \
	elif git diff --quiet -- dvc.lock; then \
	  echo "dvc.lock unchanged: this build matches the committed one byte for byte"; \
	else \
	  echo "dvc.lock changed: inputs, params or code differ from the committed build (git diff dvc.lock)"; \
	fi

test: env $(CFFCONVERT)  ## run the test suite (includes a full pipeline rebuild on a scratch copy)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: env $(CFFCONVERT)  ## the test suite without the slow whole-pipeline tests
	$(BIN)/python -m pytest -n 2 -m "not slow"

lint: env  ## ruff lint and format check, notebooks without outputs, data dictionary up to date
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/newsclaims docs --check

docs: env  ## regenerate docs/data-dictionary.md from schemas/
	$(BIN)/newsclaims docs

benchmark: env  ## print speed, memory and quality figures (not part of the tests)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:  ## remove the environment and pipeline outputs (the DVC cache stays)
	rm -rf $(VENV) $(TOOLS) data/interim data/processed data/release reports
