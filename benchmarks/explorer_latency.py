"""The explorer's latency in JupyterLab: from a key press on the z slider to the redrawn picture, 50 moves.

Runs 01_sigmoid in headless Debian Chromium (as `make test-browser` does), focuses the explorer's z
slider and presses the arrow keys 50 times (real key events, through Playwright), a student's pace
apart. Each latency runs from the key event's own time stamp to the end of the first frame after the
picture's SVG changed (a requestAnimationFrame callback, then a task after it: the frame has been
produced). Prints and saves the median and 95th percentile to ``results/explorer_latency.md``.
Needs `make test-browser` set-up first; run with `make bench-browser`.

(The ipympl explorer this replaced was measured from a synthetic key event to its canvas pixels
changing; waiting for the frame, as here, can only add time.)
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))
from lab import chromium_page, open_and_run, running_lab  # noqa: E402

MOVES = 50
INSTRUMENT = """() => {
    const root = document.querySelector('.actlib-explorer');
    root.scrollIntoView();
    const svg = root.querySelector('.actlib-explorer-plot');
    window.explorerLatencies = [];
    let pressed = null;
    // capture: the explorer stops keys from bubbling on to JupyterLab, so listen on the way down
    root.addEventListener('keydown', event => { pressed = event.timeStamp; }, true);
    new MutationObserver(() => {
        if (pressed === null) return;
        const start = pressed;
        pressed = null;
        requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => window.explorerLatencies.push(performance.now() - start);
            channel.port2.postMessage(null);
        });
    }).observe(svg, {attributes: true, subtree: true, childList: true});
    root.querySelector('input[type=range]').focus();
}"""


def main():
    with running_lab(["01_sigmoid.ipynb"]) as (base, token, _), chromium_page() as (page, errors):
        open_and_run(page, base, token, "01_sigmoid.ipynb")
        page.wait_for_selector(".actlib-explorer-readout tr")
        page.evaluate(INSTRUMENT)
        for move in range(MOVES):
            page.keyboard.press("ArrowRight" if move % 20 < 10 else "ArrowLeft")
            page.wait_for_function(f"window.explorerLatencies.length > {move}", timeout=5000)
            page.wait_for_timeout(150)  # a student's pace: let each move settle before the next
        latencies = np.array(page.evaluate("window.explorerLatencies"))
    median, p95 = np.median(latencies), np.percentile(latencies, 95)
    text = ("# Explorer latency in JupyterLab (headless Chromium, 2 cores)\n\n"
            f"{MOVES} arrow-key steps of the z slider in 01_sigmoid; time from the key event to the end of "
            "the first frame after the picture changed.\n\n"
            f"| median | 95th percentile | max |\n|---:|---:|---:|\n"
            f"| {median:.1f} ms | {p95:.1f} ms | {latencies.max():.1f} ms |\n")
    (Path(__file__).resolve().parent / "results" / "explorer_latency.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
