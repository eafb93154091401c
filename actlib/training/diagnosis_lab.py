"""Small networks that fail to train, to diagnose and fix one change at a time (notebook 05's lab).

A *configuration* is a dict of the knobs of a small :class:`actlib.training.nn.MLP` trained by full-batch
gradient descent on the points of :func:`data` (the moons)::

    {"activation": "sigmoid", "hidden_layers": 6, "width": 16, "learning_rate": 0.3,
     "init": "auto", "bias_init": 0.0}

The training budget is fixed (:data:`EPOCHS` epochs): a fix must work within it. :data:`CASES` holds
the failing configurations of the lab; :func:`changed` applies *one* change to a configuration,
refusing more than one; :func:`measure` trains a configuration from each of :data:`SEEDS` (one
batched computation, :func:`actlib.training.nn.train_over_seeds`) and reports what notebook 05 teaches to look
at: the loss, the gradient reaching layer 1 against the output layer's and how much the output
logit varies across the inputs (before training), the mean slope g'(z) of each hidden layer (before
and after), and the dead units per layer (after).

Each run gets a *verdict* from what it did (:func:`judge`), never from which knob was turned:

- ``"diverged"``: the loss ended non-finite (the weights overflowed) or at least :data:`BLEW_UP`
  times where it started;
- ``"learned"``: the final training accuracy is at least :data:`LEARNED_ACCURACY`;
- ``"learning slowly"``: not yet, but the loss is still falling over the last third of the epochs;
- and when the loss has stopped falling short of that: ``"units died"`` (a hidden layer ends with
  at least half its units dead), ``"saturated"`` (a hidden layer's mean slope ends below
  :data:`SATURATED_SLOPE` of the activation's largest slope), or else ``"stalled"``.

The configuration's verdict is the one at least :data:`AGREE` of the seeds give (``None`` when they
disagree), and the printed summary says how many did.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from actlib.training import datasets
from actlib.activations import get as _get_activation
from actlib.activations import names as _activation_names
from actlib.training.nn import INITS, MLP, train_over_seeds

EPOCHS = 300
SEEDS = (0, 1, 2)     # every configuration is trained from these seeds, as one batched computation
AGREE = 2             # a verdict holds for the configuration when at least this many seeds give it
POINTS = 100          # points of the moons in :func:`data` (the ones notebook 05 trains on throughout)

LEARNED_ACCURACY = 0.95   # the best straight boundary gets 0.91 of these points right
BLEW_UP = 3.0            # "diverged": the loss ends non-finite or at least this many times its start
STILL_FALLING = 0.02      # over the last third of the epochs, as a fraction of the starting loss
DEAD_LAYER = 0.5          # "units died": some hidden layer ends with at least this fraction dead
SATURATED_SLOPE = 0.1     # "saturated": some hidden layer's mean g'(z) ends below this share of max g'

VERDICTS = ("learned", "learning slowly", "diverged", "units died", "saturated", "stalled")

KNOBS = {
    "activation": "one of the registered activations, e.g. 'sigmoid', 'tanh', 'relu', 'leaky_relu'",
    "hidden_layers": "a whole number from 1 to 10",
    "width": "a whole number of units per hidden layer, from 2 to 32",
    "learning_rate": "a number above 0 and at most 10",
    "init": "'auto', 'he' or 'glorot'",
    "bias_init": "a number from -3 to 3, the hidden biases' starting value",
}

CASES = {
    # 6 sigmoid layers, Glorot start, a moderate rate
    "deep_sigmoid": {"activation": "sigmoid", "hidden_layers": 6, "width": 16, "learning_rate": 0.3,
                     "init": "auto", "bias_init": 0.0},
    # 4 ReLU layers, He start, a large rate
    "large_rate_relu": {"activation": "relu", "hidden_layers": 4, "width": 16, "learning_rate": 3.0,
                        "init": "auto", "bias_init": 0.0},
    # 4 tanh layers, Glorot start, every hidden bias starting at 3
    "saturated_tanh": {"activation": "tanh", "hidden_layers": 4, "width": 16, "learning_rate": 1.0,
                       "init": "auto", "bias_init": 3.0},
}


@lru_cache(maxsize=1)
def data():
    """The lab's data: :data:`POINTS` points of the moons (noise 0.15, seed 0), half in each class."""
    return datasets.moons(POINTS, noise=0.15, seed=0)


def _valid(knob, value) -> bool:
    if knob == "activation":
        return isinstance(value, str) and value in _activation_names()
    if knob == "init":
        return value in INITS
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return False
    if knob == "hidden_layers":
        return float(value).is_integer() and 1 <= value <= 10
    if knob == "width":
        return float(value).is_integer() and 2 <= value <= 32
    if knob == "learning_rate":
        return 0 < value <= 10
    return -3 <= value <= 3   # bias_init


def changed(config: dict, change: dict) -> dict:
    """``config`` with the one change ``change`` (a dict of one knob); ValueError says what is wrong."""
    if not isinstance(change, dict):
        raise ValueError(f"give the change as a dict of one knob, such as {{'learning_rate': 0.1}}; "
                         f"got {type(change).__name__}.")
    if len(change) != 1:
        raise ValueError(f"change exactly one thing (a dict with one entry); this changes {len(change)}: "
                         f"{', '.join(map(str, change)) or 'nothing'}. With two changes at once you cannot "
                         "tell which one mattered.")
    (knob, value), = change.items()
    if knob == "epochs":
        raise ValueError(f"the training budget is fixed at {EPOCHS} epochs: a fix must work within it.")
    if knob not in KNOBS:
        raise ValueError(f"{knob!r} is not a knob of the lab; the knobs are {', '.join(KNOBS)}.")
    if not _valid(knob, value):
        raise ValueError(f"{knob} must be {KNOBS[knob]}; got {value!r}.")
    if value == config[knob]:
        raise ValueError(f"{knob} is already {value!r}: that changes nothing.")
    return {**config, knob: value}


@lru_cache(maxsize=None)
def largest_slope(activation: str) -> float:
    """The largest |g'(z)| of ``activation`` over z in [-10, 10] (1/4 for sigmoid, 1 for tanh and ReLU)."""
    return float(np.max(np.abs(_get_activation(activation).derivative(np.linspace(-10.0, 10.0, 2001)))))


def judge(loss, accuracy: float, dead_at_end, relative_slope_at_end) -> str:
    """The verdict on one run, from its loss curve (entry 0 before training), its final accuracy, the
    fraction of dead units of each hidden layer and each hidden layer's mean g'(z) as a share of the
    activation's largest slope, both after training. See the module docstring."""
    loss = np.asarray(loss, dtype=float)
    if not np.isfinite(loss[-1]) or loss[-1] >= BLEW_UP * loss[0]:
        return "diverged"
    if accuracy >= LEARNED_ACCURACY:
        return "learned"
    last_third = loss[-1 - (len(loss) - 1) // 3]
    if loss[-1] < loss[0] and last_third - loss[-1] >= STILL_FALLING * loss[0]:
        return "learning slowly"
    if len(dead_at_end) and max(dead_at_end) >= DEAD_LAYER:
        return "units died"
    if len(relative_slope_at_end) and min(relative_slope_at_end) < SATURATED_SLOPE:
        return "saturated"
    return "stalled"


@dataclass(frozen=True, eq=False)
class Measurements:
    """A configuration trained from each of ``seeds``, and what notebook 05 measures in it.

    Per-seed arrays have the seed first: ``loss`` (seeds × epochs+1, entry 0 before training),
    ``accuracy`` (final), ``gradient_ratio`` (‖∂L/∂W‖ of layer 1 over the output layer's, before
    training), ``logit_spread`` (std of the output logit across the inputs, before training),
    ``slope_at_start`` / ``slope_at_end`` (mean g'(z) over units and inputs, seeds × hidden layers),
    ``dead_at_end`` (fraction of dead units, seeds × hidden layers), ``largest_logit_at_end`` and
    ``verdicts`` (one per seed, see :func:`judge`).
    """

    config: dict
    seeds: tuple
    loss: np.ndarray
    accuracy: np.ndarray
    gradient_ratio: np.ndarray
    logit_spread: np.ndarray
    slope_at_start: np.ndarray
    slope_at_end: np.ndarray
    dead_at_end: np.ndarray
    largest_logit_at_end: np.ndarray
    verdicts: tuple

    @property
    def verdict(self):
        """The verdict at least :data:`AGREE` seeds give, or None when the seeds disagree."""
        counts = {verdict: self.verdicts.count(verdict) for verdict in dict.fromkeys(self.verdicts)}
        best = max(counts, key=counts.get)
        return best if counts[best] >= min(AGREE, len(self.seeds)) else None

    def agreeing(self, verdict=None) -> int:
        """How many seeds gave ``verdict`` (by default the configuration's verdict)."""
        return self.verdicts.count(self.verdict if verdict is None else verdict)

    @property
    def trains(self) -> bool:
        """True when the network learned (final accuracy >= LEARNED_ACCURACY) for at least AGREE seeds."""
        return self.verdict == "learned"

    def _seeds_giving(self, verdict):
        return [r for r, given in enumerate(self.verdicts) if given == verdict]

    def _range(self, values, spec):
        values = np.asarray(values, dtype=float)
        finite = values[np.isfinite(values)]
        if not finite.size:
            return "nan"
        shown = lambda value: format(value, spec) if abs(value) < 1000 else f"{value:.2g}"
        low, high = shown(finite.min()), shown(finite.max())
        text = low if low == high else f"{low}–{high}"
        return text + (" or nan" if finite.size < values.size else "")

    def what_happened(self) -> str:
        """What the runs did, in words and numbers: the verdict, then the measurements it rests on."""
        verdict, n = self.verdict, len(self.seeds)
        runs = list(range(n)) if verdict is None else self._seeds_giving(verdict)
        loss = f"{self._range(self.loss[runs, 0], '.2f')} → {self._range(self.loss[runs, -1], '.3f')}"
        accuracy = f"training accuracy {self._range(100 * self.accuracy[runs], '.0f')}%"
        if verdict is None:
            given = ", ".join(f"seed {seed}: {v}" for seed, v in zip(self.seeds, self.verdicts))
            return f"the seeds disagree ({given}): loss {loss}, {accuracy}"
        others = [f"seed {self.seeds[r]}: {given}" for r, given in enumerate(self.verdicts) if given != verdict]
        count = f"{len(runs)} of {n} seeds" + (f" ({'; '.join(others)})" if others else "")
        if verdict == "diverged":
            if not np.all(np.isfinite(self.loss[runs, -1])):
                return f"it diverged in {count}: the loss became nan (the weights overflowed)"
            return f"it diverged in {count}: the loss grew, {loss}"
        if verdict == "learned":
            return f"it learned in {count}: loss {loss}, {accuracy}"
        if verdict == "learning slowly":
            return (f"it learns slowly in {count}: the loss is still falling ({loss}), but the training accuracy is "
                    f"only {self._range(100 * self.accuracy[runs], '.0f')}%")
        stopped = f"the loss stopped falling ({loss}), {accuracy}"
        if verdict == "units died":
            dead = np.median(self.dead_at_end[runs], axis=0)
            layers = [str(layer + 1) for layer, fraction in enumerate(dead) if fraction >= DEAD_LAYER]
            return (f"units died in {count}: {stopped}, and layer{'s' * (len(layers) > 1)} {', '.join(layers)} "
                    f"ended with at least half {'their' if len(layers) > 1 else 'its'} units dead (dead-unit row)")
        if verdict == "saturated":
            relative = np.median(self.slope_at_end[runs], axis=0) / largest_slope(self.config["activation"])
            return (f"it saturated in {count}: {stopped}, and the mean slope g′(z) ended at "
                    f"{100 * relative.min():.0f}% of the activation's largest in layer {int(np.argmin(relative)) + 1} "
                    f"(mean-slope row)")
        return (f"it stalled in {count}: {stopped}, with no layer dead or saturated; before training layer 1 "
                f"got {self._range(self.gradient_ratio[runs], '.0e')} of the output layer's gradient")

    def summary(self) -> str:
        """The verdict and the measurements behind it, in one sentence."""
        return f"{self.what_happened()} ({EPOCHS} epochs; seeds {', '.join(map(str, self.seeds))})."

    def __str__(self):
        settings = ", ".join(f"{knob}={value!r}" for knob, value in self.config.items())
        row = lambda values, spec: " ".join(format(value, spec) for value in values)
        median = lambda values: np.median(values, axis=0)
        return "\n".join((
            settings,
            "  " + self.summary(),
            f"  before training: layer 1 gets {self._range(self.gradient_ratio, '.0e')} of the output layer's "
            f"gradient; the output logit varies by {self._range(self.logit_spread, '.0e')} across the inputs",
            f"  mean slope g′(z) per hidden layer (input side first), median over the seeds: before training "
            f"{row(median(self.slope_at_start), '.2f')};  after {row(median(self.slope_at_end), '.2f')}",
            f"  after training: dead units per hidden layer, median over the seeds: "
            f"{row(100 * median(self.dead_at_end), '.0f').replace(' ', '% ')}%; the largest |logit| over the "
            f"inputs {self._range(self.largest_logit_at_end, '.0e')}",
        ))

    __repr__ = __str__


def build(config: dict, seed: int = 0) -> MLP:
    """The untrained network of ``config`` from ``seed``."""
    return MLP(_sizes(config), config["activation"], seed=seed, init=config["init"], bias_init=config["bias_init"])


def _sizes(config):
    return [2] + [int(config["width"])] * int(config["hidden_layers"]) + [1]


def _slopes(network, X):
    return [float(np.mean(network.activation.derivative(z))) for z in network.forward(X)[:-1]]


def measure(config: dict, seeds=SEEDS) -> Measurements:
    """Train ``config`` from each of ``seeds`` for :data:`EPOCHS` epochs on :func:`data` (one batched
    computation) and measure it; a configuration already measured comes back at once."""
    for knob in KNOBS:
        if knob not in config:
            raise ValueError(f"a configuration needs every knob; {knob!r} is missing.")
    return _measure(tuple((knob, config[knob]) for knob in KNOBS), tuple(int(seed) for seed in seeds))


@lru_cache(maxsize=64)
def _measure(settings, seeds) -> Measurements:
    config = dict(settings)
    X, y = data()
    with np.errstate(all="ignore"):   # a diverging run overflows; its loss comes back nan
        start = [build(config, seed) for seed in seeds]
        runs = train_over_seeds(_sizes(config), config["activation"], X, y, seeds=seeds, epochs=EPOCHS,
                                learning_rate=float(config["learning_rate"]), init=config["init"],
                                bias_init=float(config["bias_init"]))
        slope_at_start = np.array([_slopes(network, X) for network in start])
        slope_at_end = np.array([_slopes(network, X) for network in runs.networks])
        logit_spread = np.array([float(np.std(network.forward(X)[-1])) for network in start])
        largest_logit = np.array([float(np.max(np.abs(network.forward(X)[-1]))) for network in runs.networks])
    norms = runs.gradient_norms[:, 0]
    with np.errstate(all="ignore"):   # every layer dead: both norms are 0
        ratio = norms[:, 0] / norms[:, -1]
    dead_at_end = runs.dead_fraction[:, -1]
    accuracy = runs.accuracy[:, -1]
    largest = largest_slope(config["activation"])
    verdicts = tuple(judge(runs.loss[r], accuracy[r], dead_at_end[r], slope_at_end[r] / largest)
                     for r in range(len(seeds)))
    return Measurements(config, seeds, runs.loss, accuracy, ratio, logit_spread,
                        slope_at_start, slope_at_end, dead_at_end, largest_logit, verdicts)
