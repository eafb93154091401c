# The two set-up commands are `make lab` and `make test`; both install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
# matplotlib's configuration and font cache live in the virtualenv: another environment sharing
# ~/.cache/matplotlib rebuilds the cache for its own font paths, and the rebuild's note on stderr
# would show up in a notebook's first figure under nbval. Set MPLCONFIGDIR yourself to override.
export MPLCONFIGDIR ?= $(CURDIR)/$(VENV)/matplotlib
FONT_CACHE := $(MPLCONFIGDIR)/.font-cache-built

.PHONY: install lab test test-unit test-content test-build test-site test-graded test-machines test-thorough test-nbgrader test-browser bench bench-browser bench-torch sync execute student graded test-hub html lock lock-lite clean node lite

install: $(STAMP) $(FONT_CACHE)

# The site's build-time tools from the npm registry (MathJax typesets the formulas; MiniSearch is copied
# into the site), exactly as package-lock.json pins them.
NODE_STAMP := node_modules/.installed
node: $(NODE_STAMP)
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Reinstall whenever the pins or the package metadata change.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $@

# matplotlib builds its font cache on first import and says so on stderr: do it here, not in a
# notebook's first figure (nbval would see the message as an unexpected output).
$(FONT_CACHE): $(STAMP)
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

# Jupyter refuses to run as root (containers, Binder-like machines) unless told it is deliberate.
lab: install
	$(BIN)/jupyter lab notebooks/ $$(test "$$(id -u)" = 0 && echo --allow-root)

# The checks in layers (CONTRIBUTING.md, "Run the checks"); pyproject.toml's pytest markers say which
# test is in which. `make test` runs the unit and content layers and the build layer's site and
# JupyterLite tests; nbgrader's part of the build layer is `make test-graded` (in `make test-build`).
test: test-unit test-content test-site
# `make test` keeps 300 hypothesis examples per property; `make test-unit` alone runs 50 (tests/conftest.py).
test: export HYPOTHESIS_PROFILE ?= standard

# Unit tests of the library and the course code (checks, exercises, wrong-answer tables): no notebook
# executed, no Node, no nbgrader; on both cores. The summary counts what the markers left out.
test-unit: install
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -m "not content and not build and not sweep" tests

# Every notebook executed once: nbval re-executes the instructor notebooks and compares each output
# with the stored one (no MPLBACKEND here: the kernel must keep the inline backend that draws the
# stored figures), then tests/test_student.py runs the student copies top to bottom (the only run of
# them here), along with the other tests marked content or sweep.
test-content: install
	env -u MPLBACKEND $(BIN)/python -m pytest -n 2 --dist loadfile $(NBVAL) notebooks/
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -m "content or sweep" tests

# The build layer: the site (MathJax in Node) and the JupyterLite build's rules (`make test-site`), and
# the graded hand-out built by nbgrader and searched for keys (`make test-graded`, which installs it).
test-build: test-site test-graded

test-site: install node
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 --dist loadfile -m "build and not nbgrader" tests

test-graded: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[nbgrader]'
	MPLBACKEND=Agg $(BIN)/python -m pytest -m "build and nbgrader" tests

# The same notebooks under other machines' arithmetic: OpenBLAS kernels that every x86-64 CPU can
# run (Prescott: SSE3; Sandybridge: AVX; Haswell: AVX2 and FMA), one and two BLAS threads, and numpy's
# own SIMD loops narrowed to the baseline (NPY_DISABLE_CPU_FEATURES). Each configuration runs nbval on
# the instructor notebooks (stored outputs compared) and runs the student copies top to bottom (every
# claim check must hold). `make test-content` runs them once more under this machine's own choice.
# Three configurations cover every kernel, both thread counts and the narrowed SIMD loops.
MACHINE_MATRIX := \
  OPENBLAS_CORETYPE=Prescott,OPENBLAS_NUM_THREADS=1 \
  OPENBLAS_CORETYPE=Sandybridge,OPENBLAS_NUM_THREADS=2,NPY_DISABLE_CPU_FEATURES=X86_V3 \
  OPENBLAS_CORETYPE=Haswell,OPENBLAS_NUM_THREADS=1
MATRIX_DIR := .machine-matrix
test-machines: install
	rm -rf $(MATRIX_DIR) && mkdir -p $(MATRIX_DIR)
	$(BIN)/python scripts/make_student.py --output $(MATRIX_DIR)/student
	for config in $(MACHINE_MATRIX); do \
	  echo "== machine: $$config"; \
	  env -u MPLBACKEND $$(echo $$config | tr , ' ') $(BIN)/python -m pytest -n 2 --dist loadfile -q $(NBVAL) notebooks/ || exit 1; \
	  env -u MPLBACKEND $$(echo $$config | tr , ' ') $(BIN)/python -m pytest -n 2 --dist loadfile -q --nbval-lax --nbval-current-env $(MATRIX_DIR)/student/ || exit 1; \
	done
	rm -rf $(MATRIX_DIR)

# The property tests with 2,500 examples per activation and dtype, on both cores; `make test`
# runs the same tests with 300, `make test-unit` alone with 50.
test-thorough: install
	HYPOTHESIS_PROFILE=thorough MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 tests/test_activations.py -k "properties or kinks"

# Headless Debian Chromium: in JupyterLab, run 01_sigmoid and a Leaky ReLU explorer, move z, h, the
# method and alpha by mouse and keyboard, check the readout (actlib's numbers) and the picture change;
# then a static-site page with two explorers, opened from disk with the network refused; every page of
# the whole site from disk, offline (typeset math, figures' own alt text, no error, search, dark theme,
# print); and the JupyterLite build (`make lite`, built first) served on loopback with every other request
# refused: every notebook run top to bottom in the browser, an explorer's sliders moved, kernel start and
# Run All per notebook written to benchmarks/results/lite.md. Screenshots go to browser/artifacts/.
# (The explorer's JavaScript needs no build: see README, anywidget.)
test-browser: install node lite
	bash scripts/install_chromium.sh
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[browser]'
	$(BIN)/python -m pytest -p no:cacheprovider browser/

# Accuracy (ulps against mpmath) and speed tables, saved under benchmarks/results/ (the float64
# costs also as actlib/data/cost.csv, for the property table), and the time to execute each
# notebook. torch is compared when installed: `make bench-torch` adds it first.
bench: install
	$(BIN)/python benchmarks/run_all.py

# The README's generated tables (its <!-- NAME: begin --> blocks), rewritten from the library;
# tests/test_readme.py says when they are stale.
.PHONY: tables
tables: install
	$(BIN)/python scripts/write_tables.py

# The explorer's latency in JupyterLab, key press to redrawn frame (median and 95th percentile of 50 moves).
bench-browser: test-browser
	$(BIN)/python benchmarks/explorer_latency.py

bench-torch: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[torch]'
	$(BIN)/python benchmarks/run_all.py

# Pair each notebook with its markdown twin: edit either one, then `make sync`.
sync: install
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

# Re-run every notebook top to bottom in a fresh kernel and store its outputs (and widget state).
# Before a notebook is run, JupyterLab shows each explorer's stored PNG; the static site (`make html`)
# makes each explorer live again from the numbers stored in its output. Only the .ipynb outputs change.
# `make execute NOTEBOOKS=notebooks/03_relu.ipynb` re-runs only the ones named.
NOTEBOOKS ?= notebooks/[0-9][0-9]_*.ipynb
execute: install
	$(BIN)/jupytext --sync $(NOTEBOOKS)
	for notebook in $(NOTEBOOKS); do \
	  env -u MPLBACKEND $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False "$$notebook" || exit 1; \
	done
	$(BIN)/python scripts/figure_alt.py $(NOTEBOOKS)
	$(BIN)/python scripts/coalesce_streams.py $(NOTEBOOKS)
	$(BIN)/jupytext --sync $(NOTEBOOKS)

# nbgrader's whole loop in a temporary course: generate_assignment on the graded sources, three
# students' submissions (all right, blank, all wrong), autograde with the hidden tests, feedback;
# exact scores per notebook. (Building graded/ and searching it for keys is `make test-graded`.)
test-nbgrader: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[nbgrader]'
	MPLBACKEND=Agg $(BIN)/python -m pytest -p no:cacheprovider coursework/test_nbgrader.py coursework/test_grading_loop.py

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
# form only) and a wheel of actlib without actlib_course/exercises (keys, hints, solutions). Never touches
# notebooks/ and refuses a folder it did not create. The lecturer keeps the keys: see README.
GRADED ?= graded
graded: install
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[nbgrader]'
	$(BIN)/python scripts/make_graded.py --output $(GRADED)

# A static site of every notebook with its stored outputs, in site/ (index.html lists them in order),
# readable from disk with no network: formulas typeset at build time, search, dark theme, alt text.
html: install node
	$(BIN)/python scripts/build_site.py --output site

# An in-browser JupyterLab in lite/ (JupyterLite, Pyodide kernel) that runs every notebook offline: the
# student notebooks, the Pyodide runtime (npm, scripts/lite/package-lock.json), Pyodide's numpy, scipy and
# matplotlib (checked file by file against Pyodide's official lock), actlib and its pure-Python
# dependencies (requirements/lite-kernel.txt, pinned by hash), loaded when a kernel starts. Its build tools
# live in .venv-lite (requirements/lite-build.txt, pinned by hash). Serve it: python -m http.server -d lite.
# PYODIDE_DIST=<folder, .tar.bz2 or URL of the official Pyodide 0.27.7> takes the packages from there instead.
LITE_VENV  := .venv-lite
LITE_BIN   := $(LITE_VENV)/bin
LITE_STAMP := $(LITE_VENV)/.installed
LITE_NODE_STAMP := scripts/lite/node_modules/.installed
PYODIDE_DIST ?=

$(LITE_STAMP): requirements/lite-build.txt
	test -x $(LITE_BIN)/python || $(PYTHON) -m venv $(LITE_VENV)
	$(LITE_BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lite-build.txt
	touch $@

$(LITE_NODE_STAMP): scripts/lite/package.json scripts/lite/package-lock.json
	cd scripts/lite && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lite: $(LITE_STAMP) $(LITE_NODE_STAMP)
	$(LITE_BIN)/python scripts/build_lite.py --output lite $(if $(PYODIDE_DIST),--pyodide-dist "$(PYODIDE_DIST)")

# Re-resolve the exact pins from pyproject.toml in a throwaway environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev,browser,nbgrader,hub]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^actlib' > $(LOCK)
	rm -rf .lock-venv

# Re-resolve the lite build tools (requirements/lite-build.in) with every file's hash, keeping the
# packages they share with the desktop at $(LOCK)'s versions. (The kernel's own files,
# requirements/lite-kernel.txt, are pinned by hand.)
lock-lite:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet uv
	cp $(LOCK) .lock-venv/desktop-lock.txt
	.lock-venv/bin/uv pip compile --quiet --python-version 3.11.5 --generate-hashes --custom-compile-command "make lock-lite" \
	  --annotation-style line -c .lock-venv/desktop-lock.txt requirements/lite-build.in -o requirements/lite-build.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(LITE_VENV) .lock-venv *.egg-info .pytest_cache .hypothesis
