# HiSolver: `make run` serves the app on embedded defaults, `make test` runs lint and types, then every test.
# Both install what is missing first (Debian packages, a virtualenv, pinned requirements)
# and skip what is already there, so a second run starts in seconds.

SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTEST_ARGS ?=
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := $(shell grep -hv '^\#' apt-packages.txt)
APT_DEV := $(shell grep -hv '^\#' apt-packages-dev.txt)

.PHONY: setup setup-dev run lint test test-fast bench clean-venv

setup: apt-runtime $(STAMP)

setup-dev: apt-runtime apt-dev $(STAMP)

apt-runtime apt-dev: apt-%:
	@pkgs="$(if $(filter runtime,$*),$(APT),$(APT_DEV))"; \
	missing=$$(for p in $$pkgs; do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# torch first, pinned: pip then takes the CPU build from this machine's disk instead of a
# multi-GB CUDA build pulled in by transformers/peft/bitsandbytes.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address 0.0.0.0

# ruff (format and lint) and mypy, configured in pyproject.toml; `make test` runs it before the suite
lint: setup-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: setup-dev lint
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

test-fast: setup-dev
	$(PY) -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

bench: setup
	@for b in bench/*.py; do echo "== $$b" >&2; $(PY) $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
