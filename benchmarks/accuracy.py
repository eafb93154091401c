"""Accuracy of every route (see routes.py) against a 450-digit mpmath reference, in ulps.

For each registered activation, value and derivative, float64 and float32: the maximum and median
error in ulps over a dense grid, the tails and the overflow edges, and whether numpy warned. Writes
``results/accuracy.md``, ``results/accuracy.csv`` and ``results/accuracy_tails.png`` (error vs z
for the sigmoid and tanh derivatives). Run: `make bench` or `python benchmarks/accuracy.py`.
"""
import csv
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import actlib
from actlib.numerics.reference import reference, ulp_errors
from routes import routes, torch_version

RESULTS = Path(__file__).resolve().parent / "results"
DTYPES = (np.float64, np.float32)
ROUTE_STYLE = {"actlib": (".", "tab:blue", 3), "textbook": ("o", "tab:orange", 5), "scipy": ("x", "tab:green", 4),
               "torch": ("+", "tab:red", 5)}
LOST = {"sigmoid": 37, "tanh": 19}


def points(dtype):
    """A dense grid, the tails out to past the overflow of exp, and the overflow edges themselves."""
    overflow = float(np.log(np.finfo(dtype).max))                   # 709.78 (f64), 88.72 (f32)
    underflow = float(-np.log(np.finfo(dtype).smallest_subnormal))  # 744.44 (f64), 103.28 (f32)
    tails = np.geomspace(1, 1.1 * underflow, 160)
    edges = np.array([overflow, np.nextafter(overflow, np.inf), overflow + 1, underflow, underflow + 1,
                      overflow / 2, overflow / 2 + 1])
    positive = np.concatenate([np.linspace(0, 50, 1001)[1:], tails, edges])
    return np.unique(np.concatenate([-positive, [0.0], positive])).astype(dtype)


def measure(name, route, z, expected):
    """(errors of value, errors of derivative) in ulps, and whether numpy warned."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        value, slope = route(z)
    warned = any(issubclass(w.category, RuntimeWarning) for w in caught)
    return ulp_errors(value, expected[0], z.dtype), ulp_errors(slope, expected[1], z.dtype), warned


def main():
    RESULTS.mkdir(exist_ok=True)
    rows, curves = [], {}
    for dtype in DTYPES:
        z = points(dtype)
        for name in actlib.names():
            act = actlib.get(name)
            expected = (reference(act, z), reference(act, z, derivative=True))
            for route_name, route in routes(name).items():
                if route is None:
                    continue
                value_errors, slope_errors, warned = measure(name, route, z, expected)
                for quantity, errors in (("value", value_errors), ("derivative", slope_errors)):
                    rows.append({"dtype": np.dtype(dtype).name, "activation": name, "quantity": quantity,
                                 "route": route_name, "max_ulp": float(np.max(errors)),
                                 "median_ulp": float(np.median(errors)), "numpy_warned": warned})
                if dtype is np.float64 and name in ("sigmoid", "tanh"):
                    curves[(name, route_name)] = (z, slope_errors)

    with open(RESULTS / "accuracy.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    table = render_table(rows)
    (RESULTS / "accuracy.md").write_text(table)
    print(table)
    plot_tails(curves)


def render_table(rows):
    torch = torch_version()
    lines = [
        "# Accuracy in ulps against mpmath (450 digits)\n",
        f"Points: {len(points(np.float64))} (float64) and {len(points(np.float32))} (float32): a dense grid "
        "on [−50, 50], geometric tails past the underflow of exp, and the overflow edges. "
        f"Routes: actlib; textbook formulas; scipy's expit then s(1−s) (sigmoid only); "
        f"torch autograd ({'torch ' + torch if torch else 'skipped: torch not installed'}).\n",
        "| dtype | activation | quantity | route | max ulp | median ulp | numpy warned |",
        "|---|---|---|---|---:|---:|---|",
    ]
    for row in rows:
        lines.append(f"| {row['dtype']} | {row['activation']} | {row['quantity']} | {row['route']} | "
                     f"{row['max_ulp']:.3g} | {row['median_ulp']:.3g} | {'yes' if row['numpy_warned'] else ''} |")
    return "\n".join(lines) + "\n"


def plot_tails(curves):
    figure, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained", sharey=True)
    floor = 0.05  # an exact result (0 ulp) is drawn here, below every non-zero error
    for ax, name in zip(axes, ("sigmoid", "tanh")):
        for (curve_name, route), (z, errors) in curves.items():
            if curve_name != name:
                continue
            keep = (z >= 0) & (z <= 60)
            marker, colour, size = ROUTE_STYLE[route]
            ax.plot(z[keep], np.clip(errors[keep], floor, None), marker, color=colour, ms=size, mfc="none",
                    label=route)
        ax.set_yscale("log")
        ax.axhline(4, color="0.4", ls="--", lw=1, label="4 ulp (actlib's tested bound)")
        ax.set(xlabel="z", title=f"{name}′, float64: the textbook form loses every digit by z ≈ {LOST[name]}")
        ax.grid(alpha=0.3, which="major")
        ax.legend(fontsize="small", markerscale=3)
    axes[0].set_ylabel(f"error in ulps (exact drawn at {floor})")
    figure.savefig(RESULTS / "accuracy_tails.png", dpi=110)


if __name__ == "__main__":
    main()
