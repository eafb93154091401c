r"""What to measure while a network trains, and how to compare activations fairly (notebook 05).

Three tools for :class:`actlib.nn.MLP`:

- :func:`unit_turnover` follows every hidden unit through a training :class:`~actlib.nn.History`
  and counts, per layer, the units that are dead (or stuck on the negative side) at the start, at
  the end, at some epoch, and the ones that were dead at some epoch and alive at a later one
  ("revived"). A dead unit of the *first* hidden layer can never revive: its weights get no
  gradient and its inputs, the data, never change. A deeper unit's inputs are the outputs of the
  layers below, which keep changing, so it can.
- :func:`layer_statistics` measures, layer by layer, the forward signal (how much the
  pre-activations and activations of each unit vary across the inputs) beside the backward one
  (the norm of each layer's weight gradient), as Glorot & Bengio (2010) do.
- :func:`compare_activations` trains the same network with several activations, each at several
  learning rates and seeds, with one initialisation for all, and returns an :class:`ActivationSweep`
  that reports every run, each activation at its best rate and all at a shared rate.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .nn import MLP, History


@dataclass(frozen=True)
class UnitTurnover:
    """Per hidden layer (input side first), numbers of units: see :func:`unit_turnover`."""

    units: np.ndarray      # units in each layer
    at_start: np.ndarray   # in the state before training
    at_end: np.ndarray     # in the state after the last epoch
    ever: np.ndarray       # in the state at some epoch (start and end included)
    revived: np.ndarray    # in the state at some epoch and out of it at a later one

    def rows(self):
        """One tuple (layer, units, at_start, at_end, ever, revived) per layer, layer counted from 1."""
        return [(layer + 1, *(int(column[layer]) for column in
                              (self.units, self.at_start, self.at_end, self.ever, self.revived)))
                for layer in range(len(self.units))]


def unit_turnover(history: History, state: str = "dead") -> UnitTurnover:
    """Follow each hidden unit through training: how many are ``state`` when, and how many leave it.

    ``state="dead"``: g'(z) = 0 for every training example (``History.dead_units``);
    ``state="stuck"``: z <= 0 for every training example (``History.stuck_units``). A unit counts as
    revived when it is in the state at some epoch and not in it at a later epoch.
    """
    if state not in ("dead", "stuck"):
        raise ValueError(f"state must be 'dead' or 'stuck'; got {state!r}.")
    masks = getattr(history, f"{state}_units")
    if not masks:
        raise ValueError("the history is empty: it comes from MLP.fit, which records every epoch.")
    columns = {name: [] for name in ("units", "at_start", "at_end", "ever", "revived")}
    for layer in range(len(masks[0])):
        in_state = np.array([epoch[layer] for epoch in masks])       # epochs × units
        been_in_state = np.logical_or.accumulate(in_state, axis=0)   # in the state at this epoch or before
        left_later = np.any(been_in_state[:-1] & ~in_state[1:], axis=0)
        for name, value in (("units", in_state.shape[1]), ("at_start", in_state[0].sum()),
                            ("at_end", in_state[-1].sum()), ("ever", in_state.any(axis=0).sum()),
                            ("revived", left_later.sum())):
            columns[name].append(int(value))
    return UnitTurnover(**{name: np.array(values) for name, values in columns.items()})


@dataclass(frozen=True)
class LayerStatistics:
    r"""Forward and backward signal of a network on a data set, layer by layer (input side first).

    ``pre_activation_spread[l]``: the standard deviation across the inputs of each unit's
    pre-activation z, averaged over the layer's units; the last entry is the output logit. When it
    is near 0 the layer computes (nearly) the same z for every input. ``activation_spread[l]``: the
    same for the hidden layers' outputs a = g(z). ``gradient_norm[l]``: ‖∂L/∂W‖ of each layer, the
    output layer last.
    """

    pre_activation_spread: np.ndarray
    activation_spread: np.ndarray
    gradient_norm: np.ndarray


def layer_statistics(network: MLP, X, y) -> LayerStatistics:
    """Measure :class:`LayerStatistics` of ``network`` on inputs ``X`` with labels ``y``."""
    X = network._inputs(X)
    outputs, pre_activations = network._forward(X)
    weight_gradients, _ = network.backward(outputs, pre_activations, network._labels(y, len(X)))
    spread = lambda values: float(np.mean(np.std(np.reshape(values, (len(X), -1)), axis=0)))
    return LayerStatistics(np.array([spread(z) for z in pre_activations]),
                           np.array([spread(a) for a in outputs[1:]]),
                           np.array([float(np.linalg.norm(g)) for g in weight_gradients]))


@dataclass(frozen=True)
class SweepRun:
    """One training run of a sweep: its conditions, the trained network and its history."""

    activation: str
    learning_rate: float
    seed: int
    network: MLP
    history: History

    @property
    def final_loss(self) -> float:
        return self.history.loss[-1]

    @property
    def final_accuracy(self) -> float:
        return self.history.accuracy[-1]

    def epochs_to_reach(self, accuracy: float):
        """The first epoch after which the training accuracy is at least ``accuracy``; None if never."""
        reached = np.flatnonzero(np.asarray(self.history.accuracy) >= accuracy)
        return int(reached[0]) if len(reached) else None


@dataclass(frozen=True)
class ActivationSweep:
    """The runs of :func:`compare_activations` and the conditions they share."""

    layer_sizes: tuple
    init: str
    epochs: int
    learning_rates: tuple
    seeds: tuple
    runs: tuple

    def conditions(self) -> str:
        """The shared conditions in one line, to print beside the results."""
        rates = ", ".join(f"{rate:g}" for rate in self.learning_rates)
        return (f"network {list(self.layer_sizes)}, init {self.init!r} for every activation, full-batch "
                f"gradient descent for {self.epochs} epochs, learning rates {rates}, "
                f"seeds {', '.join(map(str, self.seeds))}")

    def select(self, activation: str, learning_rate: float | None = None):
        """The runs of ``activation`` (at ``learning_rate`` if given), in seed order."""
        return [run for run in self.runs if run.activation == activation
                and (learning_rate is None or run.learning_rate == learning_rate)]

    def mean_accuracy(self, activation: str, learning_rate: float) -> float:
        """Final training accuracy at ``learning_rate``, averaged over the seeds."""
        return float(np.mean([run.final_accuracy for run in self.select(activation, learning_rate)]))

    def mean_loss(self, activation: str, learning_rate: float) -> float:
        """Final training loss at ``learning_rate``, averaged over the seeds."""
        return float(np.mean([run.final_loss for run in self.select(activation, learning_rate)]))

    def best_rate(self, activation: str) -> float:
        """The learning rate with the highest mean final accuracy (ties: the lower mean final loss)."""
        return max(self.learning_rates,
                   key=lambda rate: (self.mean_accuracy(activation, rate), -self.mean_loss(activation, rate)))

    @property
    def activations(self):
        return tuple(dict.fromkeys(run.activation for run in self.runs))

    def table(self) -> str:
        """Final training accuracy of every activation at every rate (mean over seeds, then each seed)."""
        width = max(len(name) for name in self.activations)
        header = " " * width + "".join(f"   rate {rate:<6g}" for rate in self.learning_rates)
        lines = [header]
        for name in self.activations:
            cells = []
            for rate in self.learning_rates:
                mark = "*" if rate == self.best_rate(name) else " "
                cells.append(f"   {self.mean_accuracy(name, rate):5.0%}{mark}     ")
            lines.append(f"{name:{width}}" + "".join(cells).rstrip())
        lines.append("(final training accuracy, mean over the seeds; * marks each activation's best rate)")
        return "\n".join(lines)


def compare_activations(X, y, activations, learning_rates, seeds=(0,), layer_sizes=(2, 16, 16, 1),
                        init: str = "he", epochs: int = 1500) -> ActivationSweep:
    """Train ``MLP(layer_sizes, activation, seed, init=init)`` for every activation, rate and seed.

    Every run uses the same data, network shape, initialisation scheme and number of epochs (full
    batch), so the activations differ only by the activation and, within each, by the learning rate
    and seed. ``seed`` sets the initial weights. Returns an :class:`ActivationSweep`.
    """
    activations, learning_rates, seeds = tuple(activations), tuple(learning_rates), tuple(seeds)
    if not (activations and learning_rates and seeds):
        raise ValueError("give at least one activation, one learning rate and one seed.")
    if init == "auto":
        raise ValueError("init='auto' gives sigmoid and tanh a different initialisation from the ReLUs; "
                         "a comparison needs one scheme for all: choose 'he' or 'glorot'.")
    runs = []
    for activation in activations:
        for rate in learning_rates:
            for seed in seeds:
                network = MLP(list(layer_sizes), activation, seed=seed, init=init)
                history = network.fit(X, y, epochs=epochs, learning_rate=rate)
                runs.append(SweepRun(network.activation.name, rate, seed, network, history))
    return ActivationSweep(tuple(layer_sizes), init, epochs, learning_rates, seeds, tuple(runs))
