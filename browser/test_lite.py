"""The in-browser JupyterLab (`make lite`): built, served on localhost, and loaded in headless Chromium
with every request that leaves the machine refused.

What can be checked here: the build holds the student notebooks and the actlib wheel in its package
index (piplite), and JupyterLab's interface loads and lists the notebooks. What cannot: running a cell,
since the Pyodide runtime comes from its CDN (cdn.jsdelivr.net) when a kernel starts, and the refused
requests are recorded to show it. Screenshot in browser/artifacts/lite.png.
"""
import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest

from lab import ROOT, chromium_page

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def lite(tmp_path_factory):
    output = tmp_path_factory.mktemp("build") / "lite"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lite.py"), "--output", str(output)],
                   check=True, capture_output=True, text=True)
    return output


@pytest.fixture(scope="module")
def served(lite):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(lite))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_build_holds_the_student_notebooks_and_the_actlib_wheel(lite):
    assert sorted(p.name for p in (lite / "files").glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    for path in (lite / "files").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in text, path.name  # the student version, as on the site
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
        # the kernel starts without actlib: a cell before the first code installs it from lite/pypi
        first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
        assert first_code.source.endswith("%pip install -q actlib"), path.name
    index = json.loads((lite / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert "actlib" in index and any(p.name.startswith("actlib-") for p in (lite / "pypi").glob("*.whl"))
    extensions = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    names = {extension["name"] for extension in extensions["federated_extensions"]}
    # The front ends the explorer needs are in the build (its Python side comes from PyPI at run time).
    assert {"anywidget", "@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"} <= names


def test_jupyterlab_loads_and_lists_the_notebooks_with_the_network_refused(served):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as (page, errors):
        refused = []

        def refuse(route):
            if route.request.url.startswith((served, "blob:", "data:")):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.context.route("**/*", refuse)
        page.goto(f"{served}/lab/index.html")
        page.wait_for_selector(".jp-DirListing-item", timeout=60_000)
        listed = page.locator(".jp-DirListing-itemText").all_inner_texts()
        assert all(p.name in listed for p in NOTEBOOKS), listed
        page.locator(".jp-DirListing-item", has_text=NOTEBOOKS[1].name).dblclick()
        # The notebook opens and its first cell renders (JupyterLab draws the rest as they scroll in).
        page.locator(".jp-MarkdownCell h1", has_text="Sigmoid").wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "lite.png"))
        # Nothing beyond this machine is needed to get here (the Pyodide runtime is fetched by the kernel's
        # worker when code runs); page errors other than a refused CDN request would be bugs.
        assert all("cdn.jsdelivr.net/pyodide" in url or "pypi.org" in url for url in refused), refused
        assert [e for e in errors if "ERR_FAILED" not in e and "jsdelivr" not in e] == [], errors
