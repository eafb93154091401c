# The two set-up commands are `make lab` and `make test`; both install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: install lab test test-package test-notebooks bench sync lock clean

install: $(STAMP)

# Reinstall whenever the pins or the package metadata change.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $@

lab: install
	$(BIN)/jupyter lab notebooks/

test: test-package test-notebooks

test-package: install
	MPLBACKEND=Agg $(BIN)/python -m pytest tests

# nbval re-executes every notebook and compares each output with the stored one.
test-notebooks: install
	MPLBACKEND=Agg $(BIN)/python -m pytest $(NBVAL) notebooks/

bench: install
	$(BIN)/python benchmarks/run_all.py

# Pair each notebook with its markdown twin (edit either, then `make sync`), then re-execute.
sync: install
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

# Re-resolve the exact pins from pyproject.toml in a throwaway environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^actlib' > $(LOCK)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .lock-venv *.egg-info .pytest_cache .hypothesis
