"""The explorer's latency in JupyterLab: from a slider step to the finished redraw, over 50 moves.

Runs 01_sigmoid in headless Debian Chromium (as `make test-browser` does), then, inside the page,
presses the arrow key on the z slider 50 times and measures the time from the key event to the
moment the figure's canvas pixels change (polled every millisecond). Prints and saves the median
and 95th percentile to ``results/explorer_latency.md``. Needs `make test-browser` set-up first;
run with `make bench-browser`.
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))
from lab import chromium_page, open_and_run, running_lab  # noqa: E402

MOVES = 50
MEASURE = """async (moves) => {
    const box = [...document.querySelectorAll('.widget-vbox')].find(b => b.querySelector('.jupyter-matplotlib'));
    box.scrollIntoView();
    const handle = box.querySelector('.widget-slider .noUi-handle');
    const canvas = box.querySelector('.jupyter-matplotlib-canvas-div canvas');
    const context = canvas.getContext('2d', {willReadFrequently: true});
    const fingerprint = () => {
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let sum = 0;
        for (let i = 0; i < data.length; i += 16) sum = (sum * 31 + data[i] + data[i + 1]) % 1000000007;
        return sum;
    };
    const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
    const latencies = [];
    for (let move = 0; move < moves; move++) {
        const before = fingerprint();
        const key = move % 20 < 10 ? 'ArrowRight' : 'ArrowLeft';
        const start = performance.now();
        handle.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
        while (fingerprint() === before) {
            if (performance.now() - start > 5000) break;
            await sleep(1);
        }
        latencies.push(performance.now() - start);
        await sleep(150);   // a student's pace: let each move settle before the next
    }
    return latencies;
}"""


def main():
    with running_lab(["01_sigmoid.ipynb"]) as (base, token, _), chromium_page() as (page, errors):
        open_and_run(page, base, token, "01_sigmoid.ipynb")
        latencies = np.array(page.evaluate(MEASURE, MOVES))
    median, p95 = np.median(latencies), np.percentile(latencies, 95)
    text = ("# Explorer latency in JupyterLab (headless Chromium, 2 cores)\n\n"
            f"{MOVES} arrow-key steps of the z slider in 01_sigmoid; time from the key event to the changed "
            "canvas pixels.\n\n"
            f"| median | 95th percentile | max |\n|---:|---:|---:|\n"
            f"| {median:.0f} ms | {p95:.0f} ms | {latencies.max():.0f} ms |\n")
    (Path(__file__).resolve().parent / "results" / "explorer_latency.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
