"""Results over several seeds, and the one-line checks that tie a lesson's sentence to them.

A number that comes from training or from random weights belongs to its seed and, in its last bits,
to the machine: another CPU's matrix kernel rounds differently and training amplifies the
difference. So the notebooks report what several seeds give, as a :class:`Spread` (median and
range), and guard each sentence with :func:`check`, which prints one line that reads as part of the
lesson and stops the notebook with the per-seed values when the sentence does not hold:

>>> import numpy as np
>>> from actlib.training.seeds import Spread, check
>>> accuracy = Spread([0.49, 0.50, 0.52, 0.48, 0.50])
>>> f"{accuracy:.0%}"
'50% (48%–52% over 5 seeds)'
>>> _ = check("the logistic model stays near chance", accuracy, between=(0.4, 0.6), fmt=".0%")
✓ the logistic model stays near chance: 5 of 5 seeds within 40%–60% (48%–52%)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The seeds every notebook experiment runs over unless it says otherwise: five, cheap where the
# runs are batched (actlib.training.nn.train_over_seeds).
SEEDS = (0, 1, 2, 3, 4)


class ClaimFailed(AssertionError):
    """A sentence of the lesson that the runs on this machine do not support."""


@dataclass(frozen=True)
class Spread:
    """One measurement over several seeds (or runs): ``values[i]`` belongs to ``seeds[i]``.

    ``format(spread, spec)`` gives the median and the range, each formatted with ``spec``:
    ``f"{spread:.2f}"`` → ``'0.50 (0.48–0.52 over 5 seeds)'``. A nan (a run that diverged) is kept
    and counted apart: ``'0.50 (0.48–0.52 over 4 seeds; 1 diverged)'``.
    """

    values: np.ndarray
    seeds: tuple = ()

    def __init__(self, values, seeds=None):
        array = np.asarray(values, dtype=np.float64).reshape(-1)
        if array.size == 0:
            raise ValueError("a Spread needs at least one value.")
        object.__setattr__(self, "values", array)
        object.__setattr__(self, "seeds", tuple(range(array.size)) if seeds is None else tuple(seeds))
        if len(self.seeds) != array.size:
            raise ValueError(f"{len(self.seeds)} seeds for {array.size} values.")

    @property
    def finite(self) -> np.ndarray:
        return self.values[np.isfinite(self.values)]

    @property
    def diverged(self) -> int:
        """How many runs ended without a finite value (nan or inf: the run blew up)."""
        return int(np.sum(~np.isfinite(self.values)))

    @property
    def median(self) -> float:
        return float(np.median(self.finite)) if self.finite.size else float("nan")

    @property
    def low(self) -> float:
        return float(np.min(self.finite)) if self.finite.size else float("nan")

    @property
    def high(self) -> float:
        return float(np.max(self.finite)) if self.finite.size else float("nan")

    def __len__(self):
        return self.values.size

    def __iter__(self):
        return iter(self.values.tolist())

    def __array__(self, dtype=None, copy=None):
        return self.values if dtype is None else self.values.astype(dtype)

    def range(self, spec: str = ".3g") -> str:
        """``'low–high'``, or the one value when all agree to the shown precision."""
        low, high = format(self.low, spec), format(self.high, spec)
        return low if low == high else f"{low}–{high}"

    def __format__(self, spec: str) -> str:
        spec = spec or ".3g"
        if not self.finite.size:
            return f"diverged ({len(self)} of {len(self)} runs)"
        finite = self.finite.size
        text = f"{format(self.median, spec)} ({self.range(spec)} over {finite} seed{'s' * (finite != 1)}"
        return text + (f"; {self.diverged} diverged)" if self.diverged else ")")

    def __repr__(self):
        return f"Spread({format(self, '.3g')})"


def over_seeds(measure, seeds=SEEDS) -> Spread:
    """``Spread([measure(seed) for seed in seeds])``: one experiment rerun from several seeds."""
    seeds = tuple(seeds)
    return Spread([measure(seed) for seed in seeds], seeds)


def _describe_bound(between, above, below, fmt):
    if between is not None:
        return f"within {format(between[0], fmt)}–{format(between[1], fmt)}"
    if above is not None and below is not None:
        return f"between {format(above, fmt)} and {format(below, fmt)}"
    return f"above {format(above, fmt)}" if above is not None else f"below {format(below, fmt)}"


@dataclass(frozen=True)
class ClaimCheck:
    """What :func:`check` measured: the claim, how many runs it held for, out of how many."""

    claim: str
    held: int
    runs: int
    line: str

    def __bool__(self):
        return self.held == self.runs

    def _ipython_display_(self):
        """Nothing: the line was printed already, so ``check(...)`` may end a notebook cell."""


def check(claim: str, measured, *, between=None, above=None, below=None, holds=None, fmt: str = ".3g",
          at_least: int | None = None, show_values: bool = True, over: str = "seeds") -> ClaimCheck:
    """Print one line saying that ``claim`` holds on the runs, or raise :class:`ClaimFailed`.

    ``measured`` is a number, a sequence or a :class:`Spread` (one value per seed). The claim holds
    for a run when its value lies ``between=(low, high)`` (inclusive), ``above=`` / ``below=``
    (strict), or, with ``holds=``, where that boolean (one per run, or one for all) is true. It must
    hold for every run unless ``at_least=k`` says how many suffice (the line then says "k of n").
    A run that diverged (nan) never satisfies a bound. ``fmt`` formats the numbers in the line;
    ``show_values=False`` leaves them out (for values that depend on the machine in their shown digits).
    ``over`` names what the values are over in the line ("seeds", "runs", "batch sizes", ...).
    """
    if not isinstance(claim, str) or not claim.strip():
        raise TypeError("check needs the claim as a sentence (a non-empty string).")
    spread = measured if isinstance(measured, Spread) else Spread(np.atleast_1d(np.asarray(measured, dtype=float)))
    values = spread.values
    given = [name for name, bound in (("between", between), ("above", above), ("below", below), ("holds", holds))
             if bound is not None]
    if not given or ("holds" in given and len(given) > 1) or ("between" in given and len(given) > 1):
        raise TypeError("check takes one condition: between=(low, high), above= and/or below=, or holds=.")
    if holds is not None:
        ok = np.broadcast_to(np.asarray(holds, dtype=bool), values.shape)
        condition = "hold"
    else:
        with np.errstate(invalid="ignore"):
            low, high = between if between is not None else (above, below)
            ok = np.isfinite(values)
            if low is not None:
                ok &= (values >= low) if between is not None else (values > low)
            if high is not None:
                ok &= (values <= high) if between is not None else (values < high)
        condition = _describe_bound(between, above, below, fmt)
    runs, held = values.size, int(np.sum(ok))
    needed = runs if at_least is None else int(at_least)
    shown = f" ({spread.range(fmt)})" if show_values and holds is None else ""
    if holds is not None:
        outcome = f": {held} of {runs} {over}" if runs > 1 else ""
    else:
        outcome = f": {held} of {runs} {over} {condition}{shown}" if runs > 1 else f": {condition}{shown}"
    if held < needed:
        per_run = ", ".join(f"{'seed ' if over == 'seeds' else '#'}{seed}: {format(value, fmt) if np.isfinite(value) else 'diverged'}"
                            for seed, value in zip(spread.seeds, values))
        wanted = "every run" if needed == runs else f"at least {needed} of {runs}"
        raise ClaimFailed(f"the lesson says: {claim}. On this machine only {held} of {runs} runs {condition}"
                          f" (wanted {wanted}); measured {per_run}. Tell the course's maintainers which "
                          f"machine this was: the sentence needs a wider statement.")
    line = f"✓ {claim}{outcome}"
    print(line)
    return ClaimCheck(claim, held, runs, line)
