r"""Dead units: a small seeded experiment in which ReLU units stop learning for good.

A network with one hidden layer fits y = sin(x) on ``samples`` points x in [-3, 3]:

.. math::
    z = x\,w_1 + b_1, \qquad a = g(z), \qquad \hat y = a \cdot w_2 + b_2, \qquad
    L = \tfrac{1}{2n} \sum (\hat y - y)^2

trained by plain gradient descent. At step ``shock_at`` every hidden bias is pushed down by
``shock``, as one oversized update (a big learning rate meeting a big gradient) can do. A hidden
unit is *stuck on the negative side* when z <= 0 for every training input, and *dead* when its
slope g'(z) is 0 for every training input. For ReLU the two are the same units: the gradients of
such a unit's incoming weight and bias are exactly 0, and no later step can revive it. Leaky ReLU's
slope alpha > 0 on the left keeps a small gradient flowing into a stuck unit: it is never dead,
though it need not climb back. The backward pass is written out and uses the activation's
derivative for dL/dz = dL/da * g'(z).

:func:`train_with_shock_over_seeds` trains one network per seed (and per learning rate) as one
stacked computation; :func:`train_with_shock` is the same for a single seed. Run r draws its initial
weights from ``numpy.random.default_rng(seed)`` exactly as a single run does, and each run's
matrix products are the same products as a single run's, so every run equals the one-by-one run.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlib.arguments import check_count, is_finite_number
from actlib.activations import Activation, get


@dataclass(frozen=True)
class DeadUnitsRun:
    """The history of one run: ``loss[t]`` and ``dead_fraction[t]`` before step t (t = 0 ... steps).

    ``dead_fraction`` counts units whose pre-activation is <= 0 on every input. For ReLU such a unit
    is dead (slope 0 everywhere); for Leaky ReLU it is only *stuck on the negative side*: it still
    gets alpha times the gradient (:class:`ShockRuns` and ``actlib.training.nn.History`` keep the two counts
    apart).
    """

    activation: Activation
    loss: np.ndarray
    dead_fraction: np.ndarray
    dead_at_end: np.ndarray  # bool per hidden unit
    final_input_gradient: np.ndarray  # |dL/dw_1| + |dL/db_1| per hidden unit at the end


@dataclass(frozen=True)
class ShockRuns:
    """Many runs of the experiment, trained together by :func:`train_with_shock_over_seeds`.

    Run ``r`` started from ``seeds[r]`` and trained at ``learning_rates[r]``. Histories have the run
    on their first axis and the step on their second (entry t: before step t, t = 0 ... steps):
    ``loss`` (runs × steps+1); ``stuck_units`` (runs × steps+1 × width), True where the unit's
    pre-activation is <= 0 on every input; ``dead_units``, True where its slope g'(z) is 0 on every
    input; ``stuck_fraction`` and ``dead_fraction`` the same as fractions of the layer. For ReLU a
    stuck unit is a dead one; a Leaky ReLU unit can be stuck but is never dead.
    ``final_input_gradient`` (runs × width) is |dL/dw_1| + |dL/db_1| per unit after the last step.
    A run that diverges (its loss overflows) stops there and leaves the others untouched: from the
    step after, its loss is nan, no unit counts as stuck or dead, and its final gradient is nan.
    """

    activation: Activation
    seeds: tuple
    learning_rates: tuple
    loss: np.ndarray
    stuck_units: np.ndarray
    dead_units: np.ndarray
    final_input_gradient: np.ndarray

    def __len__(self):
        return len(self.seeds)

    @property
    def width(self) -> int:
        return self.stuck_units.shape[-1]

    @property
    def stuck_fraction(self) -> np.ndarray:
        return self.stuck_units.mean(axis=-1)

    @property
    def dead_fraction(self) -> np.ndarray:
        return self.dead_units.mean(axis=-1)

    @property
    def stuck_count(self) -> np.ndarray:
        """How many units are stuck on the negative side, per run and step (runs × steps+1)."""
        return self.stuck_units.sum(axis=-1)

    @property
    def dead_count(self) -> np.ndarray:
        """How many units are dead, per run and step (runs × steps+1)."""
        return self.dead_units.sum(axis=-1)

    @property
    def diverged(self) -> np.ndarray:
        """True for a run whose loss is no longer finite at the end (it blew up)."""
        return ~np.isfinite(self.loss[:, -1])

    def final(self, name: str = "loss"):
        """The last step's ``loss``, ``stuck_count``, ``dead_fraction``, ... as a Spread over the runs."""
        from actlib.training.seeds import Spread

        values = np.asarray(getattr(self, name), dtype=float)[:, -1]
        return Spread(np.where(self.diverged, np.nan, values), self.seeds)

    def select(self, learning_rate=None, seeds=None) -> "ShockRuns":
        """The runs trained at ``learning_rate`` and/or from ``seeds``, as a :class:`ShockRuns` of their own."""
        keep = [r for r, (seed, rate) in enumerate(zip(self.seeds, self.learning_rates))
                if (learning_rate is None or rate == learning_rate) and (seeds is None or seed in tuple(seeds))]
        if not keep:
            raise ValueError(f"no run has learning rate {learning_rate!r} and a seed in {seeds!r}; rates: "
                             f"{sorted(set(self.learning_rates))}, seeds: {sorted(set(self.seeds))}.")
        return ShockRuns(self.activation, tuple(self.seeds[r] for r in keep),
                         tuple(self.learning_rates[r] for r in keep), self.loss[keep], self.stuck_units[keep],
                         self.dead_units[keep], self.final_input_gradient[keep])

    def climbed_back(self, step: int) -> np.ndarray:
        """Per run, how many of the units stuck on the negative side at ``step`` fire on some input at
        some later step (before the run ends or blows up): the units that climbed back."""
        finite = np.isfinite(self.loss[:, step + 1:])[:, :, None]
        fires_later = np.any(~self.stuck_units[:, step + 1:] & finite, axis=1)
        return np.sum(self.stuck_units[:, step] & fires_later, axis=1)

    def grid(self, name: str = "dead_count", step: int = -1) -> np.ndarray:
        """``name`` at ``step`` as a table, one row per learning rate and one column per seed (in the
        order the runs were asked for), with nan where the run had blown up by then."""
        rates, seeds = list(dict.fromkeys(self.learning_rates)), list(dict.fromkeys(self.seeds))
        if len(rates) * len(seeds) != len(self):
            raise ValueError("grid needs every seed trained at every rate, as train_with_shock_over_seeds does.")
        values = np.asarray(getattr(self, name), dtype=float)[:, step]
        values = np.where(np.isfinite(self.loss[:, step]), values, np.nan)
        return values.reshape(len(rates), len(seeds))

    def run(self, r: int) -> DeadUnitsRun:
        """Run ``r`` as the :class:`DeadUnitsRun` that :func:`train_with_shock` returns."""
        return DeadUnitsRun(self.activation, self.loss[r].copy(), self.stuck_fraction[r],
                            self.stuck_units[r, -1].copy(), self.final_input_gradient[r].copy())


def dead_units(pre_activations) -> np.ndarray:
    """Boolean per unit (column): True where the pre-activation is <= 0 for every input (row)."""
    return np.all(np.asarray(pre_activations) <= 0, axis=-2)


def _check_settings(width, steps, samples, shock_at, rates, shock):
    check_count("width", width)
    check_count("steps", steps)
    check_count("samples", samples, 2)
    check_count("shock_at", shock_at, 0)
    for rate in rates:
        if not is_finite_number(rate):
            raise TypeError(f"learning_rate must be a finite number or a list of them; got {rate!r}.")
        if rate <= 0:
            raise ValueError(f"learning_rate must be positive; got {rate!r}.")
    if not is_finite_number(shock):
        raise TypeError(f"shock must be a finite number; got {shock!r}.")


def train_with_shock_over_seeds(activation="relu", seeds=None, width: int = 32, steps: int = 400,
                                learning_rate=0.05, shock: float = 0.0, shock_at: int = 0,
                                samples: int = 200) -> ShockRuns:
    """Train the network of the module docstring from every seed (and at every rate) as one computation.

    ``seeds`` defaults to :data:`actlib.training.seeds.SEEDS`; ``learning_rate`` may be a list, and then every
    seed trains at every rate (runs ordered rate by rate, as ``actlib.training.nn.train_over_seeds``). Run r
    equals ``train_with_shock(activation, ..., learning_rate=rate, seed=seed)``: the same initial
    draws and the same matrix products, stacked so that numpy does each step once for all runs.
    """
    from actlib.training.seeds import SEEDS

    act = get(activation)
    seeds = SEEDS if seeds is None else seeds
    rates = list(learning_rate) if np.ndim(learning_rate) else [learning_rate]
    _check_settings(width, steps, samples, shock_at, rates, shock)
    seeds = [int(check_count("seed", seed, 0)) for seed in seeds]
    if not seeds or not rates:
        raise ValueError("seeds and learning_rate must name at least one seed and one rate, such as (0, 1, 2).")
    run_seeds = [seed for _ in rates for seed in seeds]
    run_rates = [float(rate) for rate in rates for _ in seeds]

    x = np.linspace(-3, 3, samples)[:, None]
    y = np.sin(x)
    draws = []
    for seed in run_seeds:
        rng = np.random.default_rng(seed)
        w1 = rng.normal(0, 1, (1, width))                 # He-like scale for a single input
        b1 = rng.uniform(-1, 1, width)
        w2 = rng.normal(0, 1 / np.sqrt(width), (width, 1))
        draws.append((w1, b1[None, :], w2))
    w1, b1, w2 = (np.stack(part) for part in zip(*draws))  # runs × 1 × width, runs × 1 × width, runs × width × 1
    b2 = np.zeros((len(run_seeds), 1, 1))
    rate = np.array(run_rates)[:, None, None]

    runs = len(run_seeds)
    loss = np.full((runs, steps + 1), np.nan)
    stuck = np.zeros((runs, steps + 1, width), dtype=bool)
    dead = np.zeros((runs, steps + 1, width), dtype=bool)
    final_input_gradient = np.full((runs, width), np.nan)
    active = np.arange(runs)  # the runs still training: a run whose loss is no longer finite stops there
    # A diverging run shows as a nan loss, not warnings. The activation's kernel is called directly:
    # it is elementwise, so this is act.value_and_derivative(z) without the per-call argument checks.
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps + 1):
            if step == shock_at and shock:
                b1 = b1 - shock
            z = x * w1 + b1                               # runs × samples × width (x @ w1: one product each)
            a, slope = act._value_and_derivative(z)
            error = a @ w2 + b2 - y
            loss[active, step] = 0.5 * np.mean(error**2, axis=(-2, -1))
            stuck[active, step] = dead_units(z)
            dead[active, step] = np.all(slope == 0, axis=-2)
            # backward: one line per local derivative
            d_prediction = error / samples                # dL/dŷ
            d_w2, d_b2 = np.swapaxes(a, -1, -2) @ d_prediction, d_prediction.sum(axis=-2, keepdims=True)
            d_z = (d_prediction * np.swapaxes(w2, -1, -2)) * slope   # dL/dz = dL/da · g'(z): zero wherever g' is zero
            d_w1, d_b1 = x.T @ d_z, d_z.sum(axis=-2, keepdims=True)
            if step == steps:
                final_input_gradient[active] = (np.abs(d_w1) + np.abs(d_b1))[:, 0, :]
                break
            w1, b1 = w1 - rate * d_w1, b1 - rate * d_b1
            w2, b2 = w2 - rate * d_w2, b2 - rate * d_b2
            going = np.isfinite(loss[active, step])
            if not going.all():                           # drop the runs that blew up; the others go on unchanged
                active, rate = active[going], rate[going]
                w1, b1, w2, b2 = w1[going], b1[going], w2[going], b2[going]
                if not active.size:
                    break
    return ShockRuns(act, tuple(run_seeds), tuple(run_rates), loss, stuck, dead, final_input_gradient)


def train_with_shock(activation="relu", width: int = 32, steps: int = 400, learning_rate: float = 0.05,
                     shock: float = 0.0, shock_at: int = 0, samples: int = 200, seed: int = 0) -> DeadUnitsRun:
    """Train the network of the module docstring from one seed and record loss and dead units at every step.

    The one-seed case of :func:`train_with_shock_over_seeds`, which it calls.
    """
    if np.ndim(learning_rate):
        raise TypeError(f"learning_rate must be a finite number; got {learning_rate!r} "
                        "(train_with_shock_over_seeds takes a list of rates).")
    return train_with_shock_over_seeds(activation, seeds=(seed,), width=width, steps=steps,
                                       learning_rate=learning_rate, shock=shock, shock_at=shock_at,
                                       samples=samples).run(0)
