"""Value + derivative of every registered activation on 1e7 float64, as a ratio to one np.exp pass.

The baseline (np.exp on the same array, allocating its output) runs in the same process, so the
ratios compare like with like on whatever machine runs this. Each time is the median of several
repetitions. Run: `make bench` or `python benchmarks/activations.py [--size N]`.
"""
import argparse
import time

import numpy as np

import actlib


def median_time(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    z = np.random.default_rng(0).normal(0.0, 5.0, args.size)
    baseline = median_time(lambda: np.exp(z), args.repeats)
    print(f"one np.exp pass on {args.size:.0e} float64: {baseline * 1e3:.1f} ms (the unit below)\n")
    print(f"| {'activation':<12} | value+derivative | value, then derivative |")
    print(f"|{'-' * 14}|-----------------:|-----------------------:|")
    for name in actlib.names():
        activation = actlib.get(name)
        together = median_time(lambda: activation.value_and_derivative(z), args.repeats)
        apart = median_time(lambda: (activation(z), activation.derivative(z)), args.repeats)
        print(f"| {name:<12} | {together / baseline:15.2f}x | {apart / baseline:21.2f}x |")


if __name__ == "__main__":
    main()
