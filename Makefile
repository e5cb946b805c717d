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

# llama-cpp-python compiles from source: only the library the bindings load (no multimodal, tools, tests, server)
LLAMA_CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF
WHEELS := .cache/wheels
# the release the tests run on: 0.3.36 (November 2026) crashes in llama_decode on the bundled SmolLM2 (SIGSEGV in
# any generation); pyproject's `local` extra keeps later releases out until one is checked
LLAMA_VERSION ?= 0.3.16
LLAMA_WHEEL = $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl

# With the `local` extra, its wheel is built in the background while everything else installs, then installed
# from .cache/wheels (kept, so a rebuilt venv does not compile again).
$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	@echo "installing careercoach[$(TEST_EXTRAS)] (llama-cpp-python compiles alongside, the first time: ~5 min)"
	@mkdir -p $(WHEELS)
	@set -e; build=; \
	if echo ",$(TEST_EXTRAS)," | grep -q ",local," && ! ls $(LLAMA_WHEEL) >/dev/null 2>&1; then \
	  CMAKE_ARGS="$${CMAKE_ARGS:-$(LLAMA_CMAKE_ARGS)}" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
	    $(BIN)/pip wheel -q --no-deps -w $(WHEELS) "llama-cpp-python==$(LLAMA_VERSION)" > .cache/llama-build.log 2>&1 & build=$$!; \
	fi; \
	$(BIN)/pip install -q -e ".[dev]"; \
	if [ -n "$$build" ] && ! wait $$build; then tail -30 .cache/llama-build.log; exit 1; fi; \
	if ls $(LLAMA_WHEEL) >/dev/null 2>&1; then $(BIN)/pip install -q $(LLAMA_WHEEL); fi; \
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
