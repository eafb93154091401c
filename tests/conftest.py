import importlib.util
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from actlib.activations import register, registered, unregister

# Examples per property test, by profile (HYPOTHESIS_PROFILE): "quick", 50, is the default and what
# `make test-unit` runs on its own, to stay within a minute (test_activations.py and test_registry.py
# took 139 s at 300 examples, 52 s at 100, on a 2-core machine loaded by other jobs); `make test` runs
# "standard", 300, as it always did; `make test-thorough` (CI) runs "thorough", 2,500, because 10,000
# took 20 minutes on a 2-core machine, almost half of CI's time budget.
settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("standard", max_examples=300, deadline=None)
settings.register_profile(
    "thorough", max_examples=2_500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture
def registry():
    """Remove activations a test registers, so other tests see only the built-in ones."""
    before = registered()
    yield
    for name, cls in registered().items():
        if before.get(name) is not cls:
            unregister(name)
    for name, cls in before.items():
        if registered().get(name) is not cls:
            register(cls)



# The optional tools a marker stands for, and how to tell they are here. A test marked with a missing
# tool is deselected and the summary says so, rather than failing, or being skipped for a reason inside
# its module; the targets that run these tests (make test-build, make test) install the tools first.
ROOT = Path(__file__).resolve().parent.parent
TOOLS = {
    "node": ("Node.js and the site's npm tools (make node)",
             lambda: shutil.which("node") is not None and (ROOT / "node_modules" / "mathjax-full").is_dir()),
    "nbgrader": ("nbgrader (pip install -c requirements/lock.txt -e '.[nbgrader]')",
                 lambda: importlib.util.find_spec("nbgrader") is not None),
}
MARKERS = ("content", "build", "node", "nbgrader", "sweep")  # pyproject.toml's [tool.pytest.ini_options]
_deselected = Counter()  # marker (or "unmarked") -> tests carrying it that this run deselected


def pytest_collection_modifyitems(config, items):
    missing = [marker for marker, (_, present) in TOOLS.items() if not present()]
    if not missing:
        return
    needing = [item for item in items if any(item.get_closest_marker(marker) for marker in missing)]
    if needing:
        config.hook.pytest_deselected(items=needing)
        needing = set(needing)
        items[:] = [item for item in items if item not in needing]


def pytest_deselected(items):
    for item in items:
        markers = [marker for marker in MARKERS if item.get_closest_marker(marker)] or ["unmarked"]
        _deselected.update(markers)


# Under pytest-xdist the workers collect and deselect; each sends its counts back to the main process
# (every worker collects every test, so the counts agree).
def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["actlib_deselected"] = dict(_deselected)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    for marker, count in getattr(node, "workeroutput", {}).get("actlib_deselected", {}).items():
        _deselected[marker] = max(_deselected[marker], count)


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workeroutput") or not _deselected:
        return
    counts = ", ".join(f"{count} {marker}" for marker, count in sorted(_deselected.items()))
    terminalreporter.write_line(f"deselected, by marker (a test may carry two): {counts}")
    for marker, (tool, present) in TOOLS.items():
        if _deselected[marker] and not present():
            terminalreporter.write_line(f"the tests marked {marker!r} need {tool}, which is not installed here: "
                                        "make test-build installs it and runs them")
