# Quick start: `make demo` (see qawl work on sample articles) and `make test`.
# Both create .venv and install qawl into it the first time; later runs reuse it.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.qawl-installed

.PHONY: demo test bench

demo: $(STAMP)
	$(VENV)/bin/qawl demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q
	$(VENV)/bin/ruff check .

# The speed and scaling benchmarks (spaCy is their only extra: the tokenizer qawl is compared with).
bench: $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -e '.[bench]'
	$(VENV)/bin/python benchmarks/extract_speed.py
	$(VENV)/bin/python benchmarks/scaling.py

# Reinstalled when pyproject.toml changes (new dependencies) or a compiled module does.
$(STAMP): pyproject.toml setup.py $(wildcard qawl/*.pyx qawl/*/*.pyx)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
