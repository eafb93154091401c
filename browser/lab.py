"""Start JupyterLab and a headless Debian Chromium driven by Playwright, and shut both down cleanly.

Shared by the browser test (``browser/test_explorer_in_jupyterlab.py``) and the latency benchmark
(``benchmarks/explorer_latency.py``). Nothing here touches the user's notebooks: JupyterLab serves a
temporary copy.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# As root on a closed network Chromium needs these, or it stalls trying to reach Google's servers.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_dirs(folder):
    """Config and data folders of the lab's own (the data folder holds which notebooks are trusted)."""
    return {"JUPYTER_CONFIG_DIR": str(folder / ".jupyter"), "JUPYTER_DATA_DIR": str(folder / ".data")}


def trust(folder, notebook):
    """Mark ``notebook`` in the lab's folder as trusted, as `jupyter trust` does for a user: JupyterLab
    then renders its stored widget state (without trust, only the outputs' safe types: a PNG)."""
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(folder / notebook)], check=True,
                   capture_output=True, env={**os.environ, **jupyter_dirs(folder)})


@contextlib.contextmanager
def running_lab(notebooks=("01_sigmoid.ipynb",), extra=None):
    """Yield (base_url, token, folder) of a JupyterLab serving a temporary copy of ``notebooks``, and
    the notebooks in ``extra`` (file name -> nbformat notebook) written beside them."""
    import nbformat

    folder = Path(tempfile.mkdtemp(prefix="actlib-lab-"))
    for name in notebooks:
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    for name, notebook in (extra or {}).items():
        nbformat.write(notebook, folder / name)
    # Render every cell (JupyterLab 4 otherwise detaches off-screen cells, and their widgets, from the page).
    settings = folder / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    # No "get notified about news?" pop-up over the screenshots (and no attempt to fetch news).
    news = folder / ".settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    port, token = free_port(), secrets.token_hex(16)
    log = open(folder / "jupyterlab.log", "w")
    env = {**os.environ, **jupyter_dirs(folder), "JUPYTER_RUNTIME_DIR": str(folder / ".runtime")}
    env.pop("MPLBACKEND", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}", "--allow-root",
         "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={folder / '.settings'}"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start; see {folder / 'jupyterlab.log'}") from None
                time.sleep(0.3)
        yield base, token, folder
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # the server and its kernels
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        if not os.environ.get("ACTLIB_KEEP_LAB"):
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def chromium_page(viewport=(1400, 1000)):
    """Yield (page, errors): a Playwright page in headless Debian Chromium, and the list of page errors."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="actlib-chromium-")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": viewport[0], "height": viewport[1]})
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
            page.on("console", lambda message: errors.append(f"console.{message.type}: {message.text}")
                    if message.type == "error" else None)
            yield page, errors
        finally:
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)


def refuse_network(page) -> list:
    """Let the page load only file:, blob: and data: URLs, as a reader offline would; return the list
    that collects every other URL it tries (each is aborted)."""
    refused = []

    def refuse(route):
        if route.request.url.startswith(("file:", "blob:", "data:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", refuse)
    return refused


def error_outputs(page):
    """Texts of the error outputs (tracebacks) in the open notebook, read from its model."""
    return page.evaluate("""() => {
        const errors = [];
        for (const cell of window.jupyterapp.shell.currentWidget.content.widgets) {
            if (cell.model.type !== 'code') continue;
            const outputs = cell.model.outputs;
            for (let i = 0; i < outputs.length; i++) {
                const output = outputs.get(i).toJSON();
                if (output.output_type === 'error') errors.push(output.ename + ': ' + output.evalue);
            }
        }
        return errors;
    }""")


def open_and_run(page, base, token, notebook, timeout=120, workspace=None):
    """Open ``notebook`` in JupyterLab, run all cells, and wait until the kernel is idle and all ran.

    A second notebook in the same page needs a ``workspace`` of its own: the default one would
    restore the first notebook beside it."""
    where = f"workspaces/{workspace}/tree" if workspace else "tree"
    page.goto(f"{base}/lab/{where}/{notebook}?token={token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                           timeout=timeout * 1000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # Finished: every code cell has an execution count and the kernel is idle again.
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
        const done = cells.every(cell => cell.model.executionCount !== null && !cell.hasClass('jp-mod-executing'))
            && panel.sessionContext.session.kernel.status === 'idle';
        return done && cells.every(cell => !cell.node.querySelector('.jp-InputArea-prompt')?.textContent.includes('*'));
    }""", timeout=timeout * 1000)
