"""Speed of value + derivative for every route (see routes.py), as a ratio to one np.exp pass.

On 1e7 elements of float64 and of float32. The baseline (np.exp on the same array, allocating its
output) runs in the same process, so the ratios compare like with like on whatever machine runs
this; each time is the median of several repetitions. Writes ``results/speed.md``,
``results/speed.csv`` and the float64 actlib column of it as ``actlib/data/cost.csv``, the package
data the property table (notebook 08) reads for its cost column.
Run: `make bench` or `python benchmarks/activations.py [--size N] [--repeats R]`.
"""
import argparse
import time
from pathlib import Path

import numpy as np

import actlib
from routes import routes, torch_version

RESULTS = Path(__file__).resolve().parent / "results"
COSTS = Path(__file__).resolve().parent.parent / "actlib" / "data" / "cost.csv"
ROUTES = ("actlib", "textbook", "scipy", "torch")


def _torch_threads(count):
    """Set torch's thread count (numpy's elementwise loops use one core, so one thread is like for like)."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    return previous


def median_time(function, repeats):
    function()  # warm up (first-touch page faults, torch's lazy initialisation)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    torch = torch_version()
    threads = ""
    if torch:
        import torch as torch_module
        threads = f", {torch_module.get_num_threads()} threads"
    lines = ["# Speed: value + derivative, as a ratio to one np.exp pass\n",
             f"{args.size:.0e} elements, median of {args.repeats}. numpy runs on one core; torch "
             f"{torch + threads if torch else 'skipped: not installed'}. "
             "'torch, 1 thread' is the like-for-like comparison with numpy's single core. "
             "'actlib, apart' is actlib's value and derivative in two separate calls.\n"]
    rows = ["dtype,activation,route,ratio_to_exp"]
    for dtype in (np.float64, np.float32):
        z = np.random.default_rng(0).normal(0.0, 5.0, args.size).astype(dtype)
        baseline = median_time(lambda: np.exp(z), args.repeats)
        lines += [f"\n## {np.dtype(dtype).name} (one np.exp pass: {baseline * 1e3:.1f} ms)\n",
                  "| activation | " + " | ".join(ROUTES) + " | torch, 1 thread | actlib, apart |",
                  "|---|" + "---:|" * (len(ROUTES) + 2)]
        for name in actlib.names():
            cells = []
            for label, route in ((r, routes(name)[r]) for r in ROUTES):
                if route is None:
                    cells.append("n/a")
                    continue
                ratio = median_time(lambda: route(z), args.repeats) / baseline
                cells.append(f"{ratio:.2f}×")
                rows.append(f"{np.dtype(dtype).name},{name},{label},{ratio:.3f}")
            torch_route = routes(name)["torch"]
            if torch_route is None:
                cells.append("n/a")
            else:
                previous = _torch_threads(1)
                cells.append(f"{median_time(lambda: torch_route(z), args.repeats) / baseline:.2f}×")
                _torch_threads(previous)
            act = actlib.get(name)
            apart = median_time(lambda: (act(z), act.derivative(z)), args.repeats) / baseline
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {apart:.2f}× |")
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed.md").write_text(text)
    (RESULTS / "speed.csv").write_text("\n".join(rows) + "\n")
    costs = ["activation,ratio_to_exp"]
    for dtype, name, route, ratio in (row.split(",") for row in rows[1:]):
        if (dtype, route) == ("float64", "actlib"):
            costs.append(f"{name},{ratio}")
    COSTS.write_text("\n".join(costs) + "\n")
    print(text)


if __name__ == "__main__":
    main()
