# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch is pinned to the CPU build that these machines carry; any other spec pulls GBs of CUDA wheels.
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -e ".[mt,test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/auditor audit examples/article.en.md examples/article.it.md --no-backtranslation --fail-on never

test: $(STAMP)
	$(VENV)/bin/ruff check auditor tests bench
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/align_bench.py

clean:
	rm -rf $(VENV) reports/*/
