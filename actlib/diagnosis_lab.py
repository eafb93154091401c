"""Small networks that fail to train, to diagnose and fix one change at a time (notebook 05's lab).

A *configuration* is a dict of the knobs of a small :class:`actlib.nn.MLP` trained by full-batch
gradient descent on 200 points of the moons (seeded, so every run is the same)::

    {"activation": "sigmoid", "hidden_layers": 10, "width": 8, "learning_rate": 0.3,
     "init": "auto", "bias_init": 0.0}

The training budget is fixed (:data:`EPOCHS` epochs): a fix must work within it. :data:`CASES` holds
the failing configurations of the lab; :func:`measure` trains one and reports what notebook 05
teaches to look at (the loss, the gradient reaching layer 1 against the output layer's, how much the
output logit varies across the inputs, the mean slope g'(z) of each hidden layer, the
dead units per layer); :func:`changed` applies *one*
change to a configuration, refusing more than one; :func:`measure` of the changed configuration says
whether the loss now falls (below :data:`TRAINS_BELOW`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import datasets
from .activations import names as _activation_names
from .nn import INITS, MLP
from .training_diagnostics import layer_statistics

EPOCHS = 300
TRAINS_BELOW = 0.4   # final loss that counts as "the network learned" (log 2 = 0.693 is the guess-1/2 plateau)

KNOBS = {
    "activation": "one of the registered activations, e.g. 'sigmoid', 'tanh', 'relu', 'leaky_relu'",
    "hidden_layers": "a whole number from 1 to 10",
    "width": "a whole number of units per hidden layer, from 2 to 32",
    "learning_rate": "a number above 0 and at most 10",
    "init": "'auto', 'he' or 'glorot'",
    "bias_init": "a number from -3 to 3, the hidden biases' starting value",
}

CASES = {
    # 10 sigmoid layers, Glorot start, a moderate rate
    "deep_sigmoid": {"activation": "sigmoid", "hidden_layers": 10, "width": 8, "learning_rate": 0.3,
                     "init": "auto", "bias_init": 0.0},
    # 4 ReLU layers, He start, a large rate
    "large_rate_relu": {"activation": "relu", "hidden_layers": 4, "width": 16, "learning_rate": 3.0,
                        "init": "auto", "bias_init": 0.0},
    # 4 tanh layers, Glorot start, every hidden bias starting at 3
    "saturated_tanh": {"activation": "tanh", "hidden_layers": 4, "width": 16, "learning_rate": 0.3,
                       "init": "auto", "bias_init": 3.0},
}


@lru_cache(maxsize=1)
def data():
    """The lab's data: 200 points of the moons (noise 0.15, seed 0), half in each class."""
    return datasets.moons(200, noise=0.15, seed=0)


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


@dataclass(frozen=True)
class Measurements:
    """One training run of a configuration and what notebook 05 measures in it."""

    config: dict
    loss: tuple                 # per epoch, entry 0 before training
    accuracy: float             # after training
    gradient_ratio: float       # ‖∂L/∂W‖ of layer 1 over the output layer's, before training
    logit_spread: float         # std of the output logit across the inputs, before training
    slope_at_start: tuple       # mean of g'(z) over units and inputs, per hidden layer, before training
    dead_at_end: tuple          # fraction of dead units per hidden layer after training
    largest_logit_at_end: float  # the largest |logit| over the inputs after training (near 0: p ≈ 1/2 everywhere)

    @property
    def trains(self) -> bool:
        """True when the final loss is below :data:`TRAINS_BELOW`."""
        return self.loss[-1] < TRAINS_BELOW

    def summary(self) -> str:
        """The loss before and after, in one line."""
        verdict = ("it learns" if self.trains else "it diverges (the numbers overflow)" if np.isnan(self.loss[-1])
                   else f"it does not learn (the loss stays above {TRAINS_BELOW})")
        return (f"loss {self.loss[0]:.3f} → {self.loss[-1]:.3f} after {len(self.loss) - 1} epochs, "
                f"training accuracy {self.accuracy:.0%}, largest |logit| {self.largest_logit_at_end:.2g}: {verdict}.")

    def __str__(self):
        settings = ", ".join(f"{knob}={value!r}" for knob, value in self.config.items())
        dead = " ".join(f"{100 * fraction:.0f}%" for fraction in self.dead_at_end)
        slopes = " ".join(f"{slope:.2f}" for slope in self.slope_at_start)
        return "\n".join((
            settings,
            "  " + self.summary(),
            f"  before training: layer 1 gets {self.gradient_ratio:.1e} of the output layer's gradient; "
            f"the output logit varies by {self.logit_spread:.1e} across the inputs",
            f"  before training: mean slope g′(z) per hidden layer (input side first): {slopes}",
            f"  after training: dead units per hidden layer (input side first): {dead}",
        ))

    __repr__ = __str__


def build(config: dict) -> MLP:
    """The untrained network of ``config`` (seed 0)."""
    sizes = [2] + [int(config["width"])] * int(config["hidden_layers"]) + [1]
    return MLP(sizes, config["activation"], seed=0, init=config["init"], bias_init=config["bias_init"])


def measure(config: dict) -> Measurements:
    """Train ``config`` for :data:`EPOCHS` epochs on :func:`data` and measure it (about 0.1 to 0.4 s)."""
    X, y = data()
    network = build(config)
    with np.errstate(all="ignore"):   # a diverging run overflows; its loss comes back nan and it does not learn
        start = layer_statistics(network, X, y)
        slopes = tuple(float(np.mean(network.activation.derivative(z))) for z in network.forward(X)[:-1])
        history = network.fit(X, y, epochs=EPOCHS, learning_rate=float(config["learning_rate"]))
    return Measurements(dict(config), tuple(history.loss), history.accuracy[-1],
                        float(start.gradient_norm[0] / start.gradient_norm[-1]),
                        float(start.pre_activation_spread[-1]), slopes, tuple(history.dead_fraction[-1]),
                        float(np.max(np.abs(network.forward(X)[-1]))))
