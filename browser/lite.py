"""Serve the JupyterLite build (`make lite`) on loopback with every other request refused, and run its notebooks
in headless Debian Chromium: shared by the browser test (browser/test_lite.py) and the in-browser benchmark
(benchmarks/lite.py).

The refusal is the browser's own network path, not a page-level filter: Chromium is started with this
server as its proxy for everything but loopback, so every request that would leave the machine — from the
page, the kernel's Web Worker, the service worker or Chromium itself — arrives here as a proxy request, is
recorded and is answered 403 (an https one as a refused CONNECT). The site is served to direct loopback
requests only.
"""
from __future__ import annotations

import contextlib
import functools
import os
import http.server
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lab import CHROMIUM_ARGS, ROOT

LITE = ROOT / "lite"
# Debian's /usr/bin/chromium is a wrapper that exports Google API keys, which switch on Chromium's own
# calls to Google (sign-in, autofill, component updates); those would be refused and counted here although
# no page made them. The browser itself, without the wrapper, makes none.
CHROMIUM_BINARY = "/usr/lib/chromium/chromium"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".json": "application/json"}
    refused: list  # set per server
    missing: list

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):  # the page moved on before a file was sent
            pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self.missing.append(self.path)
        super().send_error(code, message, explain)

    def _refuse(self, what):
        self.refused.append(what)
        self.send_error(403, "refused: this test allows loopback only")

    def do_CONNECT(self):  # an https request through the proxy
        self.close_connection = True
        self._refuse(f"CONNECT {self.path}")

    def _proxied(self):
        """True (and refused) when this is a proxy request for another host."""
        if self.path.startswith("/"):
            return False
        self._refuse(f"{self.command} {self.path}")
        return True

    def do_GET(self):
        if not self._proxied():
            super().do_GET()

    def do_HEAD(self):
        if not self._proxied():
            super().do_HEAD()

    def do_POST(self):
        if not self._proxied():
            self.send_error(405)

    do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_POST


class _Requests(list):
    """The refused requests; ``missing``: the site's own paths answered 404."""

    def __init__(self):
        super().__init__()
        self.missing = []


@contextlib.contextmanager
def serve(folder: Path = LITE):
    """Yield (base_url, refused): ``folder`` served on 127.0.0.1, and the list of refused requests. The paths
    it had no file for are in ``refused.missing``."""
    refused = _Requests()
    handler = type("Handler", (_Handler,), {"refused": refused, "missing": refused.missing})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", refused
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def browser(base: str):
    """Yield a headless Debian Chromium (Playwright) whose only way out is the proxy at ``base``."""
    from playwright.sync_api import sync_playwright

    proxy = urlsplit(base).netloc
    # Playwright reports a service worker's own requests only when asked to (Chromium).
    os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_BINARY, headless=True,
                                              args=[*CHROMIUM_ARGS, f"--proxy-server=http://{proxy}"])
        try:
            yield chromium
        finally:
            chromium.close()


def new_tab(chromium, requests: list, viewport=(1400, 1000)):
    """A page in a context of its own (its own storage: two JupyterLite tabs sharing one IndexedDB can
    trip over each other as they start), recording every URL it, its workers and service workers request."""
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.on("request", lambda request: requests.append(request.url))
    return context.new_page()


@dataclass
class Run:
    """One notebook opened and run in the browser."""
    name: str
    started: float = 0.0          # notebook asked for (perf_counter)
    kernel_ready: float | None = None
    finished: float | None = None
    page_load: float | None = None  # seconds until JupyterLite's app is up (part of kernel_seconds)
    code_cells: int = 0
    executed: int = 0
    rounds: int = 0               # Run All, then Run All Below after each cell that raised
    errors: list = field(default_factory=list)    # (code cell number, ename, evalue, where)
    stderr: list = field(default_factory=list)    # (code cell number, text)
    page_errors: list = field(default_factory=list)
    console: list = field(default_factory=list)   # console errors, module-version warnings, HTTP errors
    timed_out: str | None = None

    @property
    def kernel_seconds(self):
        return None if self.kernel_ready is None else self.kernel_ready - self.started

    @property
    def run_seconds(self):
        return None if self.finished is None or self.kernel_ready is None else self.finished - self.kernel_ready

    @property
    def ok(self):
        return not self.errors and not self.timed_out and self.executed == self.code_cells


_KERNEL_READY = """(name) => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    if (!panel || !panel.context || panel.context.path !== name || !panel.content) return false;
    const kernel = panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!(kernel && kernel.status === 'idle' && panel.content.widgets.length);
}"""

# Every code cell, as the notebook's model has it: run or not, still queued or running, its errors and stderr;
# and where to go on after the last cell that raised (the notebook-wide index of the next code cell not run).
_STATE = r"""() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const widgets = panel.content.widgets;
    const state = {cells: 0, executed: 0, pending: 0, errors: [], stderr: [], resume: null,
                   kernel: panel.sessionContext.session.kernel.status};
    let lastError = -1;
    widgets.forEach((cell, position) => {
        if (cell.model.type !== 'code') return;
        const number = ++state.cells;
        if (cell.model.executionCount !== null) state.executed++;
        const prompt = cell.node.querySelector('.jp-InputArea-prompt');
        if ((prompt && prompt.textContent.includes('*')) || cell.model.executionState === 'running') state.pending++;
        const outputs = cell.model.outputs;
        for (let i = 0; i < outputs.length; i++) {
            const output = outputs.get(i).toJSON();
            if (output.output_type === 'error') {
                const lines = (output.traceback || []).map(line => line.replace(/\x1b\[[0-9;]*m/g, ''));
                const where = lines.filter(line => line.includes('Cell In[')).slice(-1)[0] || '';
                // pyodide-kernel names the exception "<class 'ValueError'>", ipykernel "ValueError"
                const ename = output.ename.replace(/^<class '(.*)'>$/, '$1');
                state.errors.push([number, ename, output.evalue, where.trim()]);
                lastError = position;
            }
            if (output.output_type === 'stream' && output.name === 'stderr') state.stderr.push([number, output.text]);
        }
    });
    if (lastError >= 0) {
        for (let position = lastError + 1; position < widgets.length; position++) {
            const cell = widgets[position];
            if (cell.model.type === 'code' && cell.model.executionCount === null) { state.resume = position; break; }
        }
    }
    return state;
}"""

_RUN_BELOW = """(position) => {
    const panel = window.jupyterapp.shell.currentWidget;
    panel.content.activeCellIndex = position;
    window.jupyterapp.commands.execute('notebook:run-all-below');  // not awaited: it resolves when all ran
}"""

_RUN_ALL = "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }"

_APP_READY = "() => !!(window.jupyterapp && window.jupyterapp.serviceManager && window.jupyterapp.serviceManager.isReady)"


def open_notebook(page, base: str, run: Run, via: str | None = None):
    """Load JupyterLite with ``run``'s notebook, by the address the study site links to, or by following
    that link on the study-site page ``via``. A new page load for every notebook: the previous notebook's
    kernel (a Web Worker) ends with its page."""
    run.started = time.perf_counter()
    if via:
        page.goto(via)
        page.locator("summary", has_text="Run this notebook").click()
        page.locator("a", has_text="In your browser (JupyterLite)").click()
        page.wait_for_url(f"{base}/lab/index.html?path={run.name}")
    else:
        page.goto(f"{base}/lab/index.html?path={run.name}")
    page.wait_for_function(_APP_READY, timeout=120_000)
    run.page_load = time.perf_counter() - run.started


def poll(page, run: Run) -> bool:
    """Advance ``run`` by one look at its page; True once it is finished."""
    if run.kernel_ready is None:
        if page.evaluate(_KERNEL_READY, run.name):
            run.kernel_ready = time.perf_counter()
            run.rounds = 1
            page.evaluate(_RUN_ALL)
        return False
    now = page.evaluate(_STATE)
    run.code_cells, run.executed = now["cells"], now["executed"]
    run.errors = [tuple(e) for e in now["errors"]]
    run.stderr = [tuple(s) for s in now["stderr"]]
    started = now["executed"] > 0 or now["pending"] > 0 or run.errors
    if started and now["pending"] == 0 and now["kernel"] == "idle":
        if now["resume"] is not None:
            # Run All stops at a cell that raised: go on below it, so that every failing cell is reported.
            run.rounds += 1
            page.evaluate(_RUN_BELOW, now["resume"])
            return False
        run.finished = time.perf_counter()
        return True
    return False


def _watch(page, sink: list):
    page.on("pageerror", lambda error: sink.append(("pageerror", f"{error} {error.stack or ''}")))

    def console(message):
        if message.type == "error" or "satisf" in message.text.lower():
            sink.append((f"console.{message.type}", message.text))

    page.on("console", console)
    page.on("response", lambda response: sink.append((f"HTTP {response.status}", response.url))
            if response.status >= 400 else None)


def run_notebooks(chromium, base: str, requests: list, names=NOTEBOOKS, tabs: int = 1, timeout: float = 900,
                  kernel_timeout: float = 300, on_done=None, via: dict | None = None) -> list[Run]:
    """Open each notebook in one of ``tabs`` tabs of ``chromium`` (each tab opens its notebooks one after
    another), wait for its kernel, Run All, and collect what happened. ``on_done(page, run)`` is called while
    a finished notebook is still open. Every URL requested is added to ``requests``. ``via`` maps a notebook
    to a study-site page whose JupyterLite link opens it (instead of its address)."""
    pages = [new_tab(chromium, requests) for _ in range(tabs)]
    events = {page: [] for page in pages}
    for page in pages:
        _watch(page, events[page])
    queue, runs, active = list(names), [], {}
    while queue or active:
        for page in pages:
            if page not in active and queue:
                run = Run(queue.pop(0))
                runs.append(run)
                active[page] = run
                events[page].clear()
                try:
                    open_notebook(page, base, run, (via or {}).get(run.name))
                except Exception as error:  # reported as this notebook's failure; the others go on
                    run.timed_out = f"could not open it: {error}"
                    run.page_errors = [text for kind, text in events[page] if kind == "pageerror"]
                    del active[page]
        for page, run in list(active.items()):
            done = poll(page, run)
            elapsed = time.perf_counter() - run.started
            if not done and run.kernel_ready is None and elapsed > kernel_timeout:
                run.timed_out, done = f"the kernel was not ready after {kernel_timeout:.0f} s", True
            elif not done and elapsed > timeout:
                run.timed_out, done = f"Run All had not finished after {timeout:.0f} s", True
            if done:
                run.page_errors = [text for kind, text in events[page] if kind == "pageerror"]
                run.console = [f"{kind}: {text}" for kind, text in events[page] if kind != "pageerror"]
                if on_done and not run.timed_out:
                    on_done(page, run)
                page.goto("about:blank")  # ends the notebook's kernel
                del active[page]
        time.sleep(0.25)
    for page in pages:
        page.context.close()
    return runs
