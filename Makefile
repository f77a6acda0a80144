# Quick start: `make demo` (see qawl work on sample articles) and `make test`.
# Both create .venv and install qawl into it the first time; later runs reuse it.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.qawl-installed

.PHONY: demo test

demo: $(STAMP)
	$(VENV)/bin/qawl demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q
	$(VENV)/bin/ruff check .

# Reinstalled when pyproject.toml changes (new dependencies).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
