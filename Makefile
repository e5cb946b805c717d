# The README's commands. `make run` serves the coach; `make test` runs every test (CI calls it).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEST_EXTRAS ?= dev,local
PYTEST_ARGS ?=

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false

.PHONY: run test bench lint eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@# CPU torch from local disk; any other spec pulls a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	@echo "installing careercoach[$(TEST_EXTRAS)] (llama-cpp-python compiles from source the first time: ~6 min)"
	$(BIN)/pip install -q -e ".[$(TEST_EXTRAS)]"
	@touch $@ $(VENV)/.run-installed

# axe-core for the browser tests' accessibility check (npm: `apt-get install npm`), git-ignored
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --prefix .cache/axe --no-audit --no-fund --silent axe-core@4.14.1

run: $(VENV)/.run-installed
	$(BIN)/coach ingest
	$(BIN)/coach serve

test: $(VENV)/.test-installed $(AXE)
	$(BIN)/ruff check coach tests benchmarks evals
	$(BIN)/ruff format --check coach tests benchmarks evals
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench.py

# every suite of evals/suites.toml against its own corpus (indexed under .coach/eval/, not the live index)
eval: $(VENV)/.run-installed
	$(BIN)/coach eval --suite all --baseline naive --out reports/eval

lint: $(VENV)/.test-installed
	$(BIN)/ruff check coach tests benchmarks evals
	$(BIN)/ruff format --check coach tests benchmarks evals
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .coach reports bench-results test-artifacts
