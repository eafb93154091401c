# The two set-up commands are `make lab` and `make test`; both install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: install lab test test-package test-notebooks test-thorough test-nbgrader test-browser bench bench-browser bench-torch sync execute student graded test-hub html lock clean

install: $(STAMP)

# Reinstall whenever the pins or the package metadata change.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $@

# Jupyter refuses to run as root (containers, Binder-like machines) unless told it is deliberate.
lab: install
	$(BIN)/jupyter lab notebooks/ $$(test "$$(id -u)" = 0 && echo --allow-root)

test: test-package test-notebooks

test-package: install
	MPLBACKEND=Agg $(BIN)/python -m pytest tests

# nbval re-executes every notebook and compares each output with the stored one. (No MPLBACKEND
# here: the kernel must keep the inline backend that draws the stored figures.)
test-notebooks: install
	env -u MPLBACKEND $(BIN)/python -m pytest $(NBVAL) notebooks/

# The property tests with 10,000 examples per activation and dtype (about 13 minutes); `make test`
# runs the same tests with 300.
test-thorough: install
	HYPOTHESIS_PROFILE=thorough MPLBACKEND=Agg $(BIN)/python -m pytest tests/test_activations.py -k "properties or kinks"

# Accuracy (ulps against mpmath) and speed tables, saved under benchmarks/results/, and the time to
# execute each notebook. torch is compared when installed: `make bench-torch` adds it first.
# JupyterLab in headless Debian Chromium: run 01_sigmoid, move the explorer's z slider (mouse and
# keyboard), check the readout and the plot change. Screenshots go to browser/artifacts/.
test-browser: install
	bash scripts/install_chromium.sh
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[browser]'
	$(BIN)/python -m pytest -p no:cacheprovider browser/

bench: install
	$(BIN)/python benchmarks/run_all.py

# The explorer's slider-to-redraw latency in JupyterLab (median and 95th percentile of 50 moves).
bench-browser: test-browser
	$(BIN)/python benchmarks/explorer_latency.py

bench-torch: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[torch]'
	$(BIN)/python benchmarks/run_all.py

# Pair each notebook with its markdown twin: edit either one, then `make sync`.
sync: install
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

# Re-run every notebook top to bottom in a fresh kernel and store its outputs (and widget state,
# so JupyterLab shows the explorers before the notebook is re-run). Only the .ipynb outputs change.
execute: sync
	for notebook in notebooks/[0-9][0-9]_*.ipynb; do \
	  env -u MPLBACKEND $(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$notebook" || exit 1; \
	done
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

# nbgrader's whole loop in a temporary course: generate_assignment on the graded sources, three
# students' submissions (all right, blank, all wrong), autograde with the hidden tests, feedback;
# exact scores per notebook. Also builds graded/ in a temporary folder and searches it for keys.
test-nbgrader: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[nbgrader]'
	MPLBACKEND=Agg $(BIN)/python -m pytest -p no:cacheprovider coursework/test_nbgrader.py coursework/test_grading_loop.py tests/test_graded.py

# A real JupyterHub on loopback (DummyAuthenticator, local-process spawner, configurable-http-proxy
# from npm) with two students who pull the student notebooks with an nbgitpuller link, run 01,
# answer, and pull the lecturer's update again (about a minute).
test-hub: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[hub]'
	cd coursework/hub && npm ci --no-audit --no-fund --silent
	$(BIN)/python -m pytest -p no:cacheprovider coursework/hub/

# Student copies (solutions stripped, exercise outputs cleared) in $(STUDENT); never touches notebooks/
# and refuses a folder it did not create.
STUDENT ?= student
student: install
	$(BIN)/python scripts/make_student.py --output $(STUDENT)

# Graded coursework in $(GRADED): nbgrader's release notebooks (answers blank, checks of the answer's
# form only) and a wheel of actlib without actlib/exercises (keys, hints, solutions). Never touches
# notebooks/ and refuses a folder it did not create. The lecturer keeps the keys: see README.
GRADED ?= graded
graded: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[nbgrader]'
	$(BIN)/python scripts/make_graded.py --output $(GRADED)

# A static site of every notebook with its stored outputs, in site/ (index.html lists them in order).
html: install
	$(BIN)/python scripts/build_site.py --output site

# Re-resolve the exact pins from pyproject.toml in a throwaway environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev,browser,nbgrader,hub]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^actlib' > $(LOCK)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .lock-venv *.egg-info .pytest_cache .hypothesis
