r"""What to measure while a network trains, and how to compare activations fairly (notebook 05).

Three tools for :class:`actlib.training.nn.MLP` and the batched runs of :func:`actlib.training.nn.train_over_seeds`:

- :func:`unit_turnover` follows every hidden unit through training and counts, per layer, the units
  that are dead (or stuck on the negative side) at the start, at the end, at some epoch, and the
  ones that were dead at some epoch and alive at a later one ("revived"). A dead unit of the
  *first* hidden layer can never revive: its weights get no gradient and its inputs, the data,
  never change. A deeper unit's inputs are the outputs of the layers below, which keep changing,
  so it can. Given a :class:`~actlib.training.nn.SeedRuns` it counts every run at once.
- :func:`layer_statistics` measures, layer by layer, the forward signal (how much the
  pre-activations and activations of each unit vary across the inputs) beside the backward one
  (the norm of each layer's weight gradient), as Glorot & Bengio (2010) do.
- :func:`compare_activations` trains the same network with several activations, each at several
  learning rates and from several seeds (one batched computation per activation), with one
  initialisation for all, and returns an :class:`ActivationSweep` that reports every activation at
  every rate, at its best rate and at a shared one, as what the seeds give.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actlib.training.nn import MLP, SeedRuns, train_over_seeds
from actlib.training.seeds import Spread


@dataclass(frozen=True)
class UnitTurnover:
    """Numbers of units per hidden layer (input side first): see :func:`unit_turnover`.

    From one :class:`~actlib.training.nn.History` each field has one entry per layer; from a
    :class:`~actlib.training.nn.SeedRuns`, one row per run (runs × layers).
    """

    units: np.ndarray      # units in each layer
    at_start: np.ndarray   # in the state before training
    at_end: np.ndarray     # in the state after the last epoch
    ever: np.ndarray       # in the state at some epoch (start and end included)
    revived: np.ndarray    # in the state at some epoch and out of it at a later one

    def rows(self):
        """One tuple (layer, units, at_start, at_end, ever, revived) per layer, layer counted from 1
        (for the turnover of one history)."""
        if np.ndim(self.at_start) != 1:
            raise ValueError("rows() lists one run's layers; this turnover holds several runs.")
        return [(layer + 1, *(int(column[layer]) for column in
                              (self.units, self.at_start, self.at_end, self.ever, self.revived)))
                for layer in range(len(self.units))]


def _turnover(masks):
    """Counts from one boolean array per layer, (runs ×) epochs × units."""
    columns = {name: [] for name in ("units", "at_start", "at_end", "ever", "revived")}
    for in_state in masks:
        in_state = np.asarray(in_state, dtype=bool)
        been_in_state = np.logical_or.accumulate(in_state, axis=-2)   # in the state at this epoch or before
        left_later = np.any(been_in_state[..., :-1, :] & ~in_state[..., 1:, :], axis=-2)
        columns["units"].append(in_state.shape[-1])
        columns["at_start"].append(in_state[..., 0, :].sum(axis=-1))
        columns["at_end"].append(in_state[..., -1, :].sum(axis=-1))
        columns["ever"].append(in_state.any(axis=-2).sum(axis=-1))
        columns["revived"].append(left_later.sum(axis=-1))
    return UnitTurnover(np.array(columns["units"]),
                        *(np.stack(columns[name], axis=-1).astype(int) for name in ("at_start", "at_end", "ever", "revived")))


def unit_turnover(history, state: str = "dead") -> UnitTurnover:
    """Follow each hidden unit through training: how many are ``state`` when, and how many leave it.

    ``history`` is the :class:`~actlib.training.nn.History` of ``MLP.fit`` or the :class:`~actlib.training.nn.SeedRuns`
    of ``train_over_seeds`` (then every count has one row per run). ``state="dead"``: g'(z) = 0 for
    every training example; ``state="stuck"``: z <= 0 for every training example. A unit counts as
    revived when it is in the state at some epoch and not in it at a later epoch.
    """
    if state not in ("dead", "stuck"):
        raise ValueError(f"state must be 'dead' or 'stuck'; got {state!r}.")
    masks = getattr(history, f"{state}_units")
    if isinstance(history, SeedRuns):
        return _turnover(masks)
    if not masks:
        raise ValueError("the history is empty: it comes from MLP.fit, which records every epoch.")
    return _turnover([np.array([epoch[layer] for epoch in masks]) for layer in range(len(masks[0]))])


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
class ActivationSweep:
    """The runs of :func:`compare_activations`: ``runs[activation]`` is the :class:`~actlib.training.nn.SeedRuns`
    of that activation, every seed at every learning rate, and the conditions they share."""

    layer_sizes: tuple
    init: str
    epochs: int
    learning_rates: tuple
    seeds: tuple
    runs: dict

    @property
    def activations(self):
        return tuple(self.runs)

    def conditions(self) -> str:
        """The shared conditions in one line, to print beside the results."""
        rates = ", ".join(f"{rate:g}" for rate in self.learning_rates)
        return (f"network {list(self.layer_sizes)}, init {self.init!r} for every activation, full-batch "
                f"gradient descent for {self.epochs} epochs, learning rates {rates}, "
                f"seeds {', '.join(map(str, self.seeds))}")

    def select(self, activation: str, learning_rate: float | None = None) -> SeedRuns:
        """The runs of ``activation`` (only those at ``learning_rate`` if given), in seed order."""
        runs = self.runs[activation]
        return runs if learning_rate is None else runs.select(learning_rate)

    def accuracy(self, activation: str, learning_rate: float) -> Spread:
        """Final training accuracy of ``activation`` at ``learning_rate``, one value per seed."""
        return self.select(activation, learning_rate).final("accuracy")

    def loss(self, activation: str, learning_rate: float) -> Spread:
        """Final training loss of ``activation`` at ``learning_rate``, one value per seed."""
        return self.select(activation, learning_rate).final("loss")

    def mean_accuracy(self, activation: str, learning_rate: float) -> float:
        """Final training accuracy at ``learning_rate``, averaged over the seeds."""
        return float(np.mean(self.accuracy(activation, learning_rate).values))

    def mean_loss(self, activation: str, learning_rate: float) -> float:
        """Final training loss at ``learning_rate``, averaged over the seeds (a diverged run counts as inf)."""
        values = self.loss(activation, learning_rate).values
        return float(np.mean(np.where(np.isfinite(values), values, np.inf)))

    def best_rate(self, activation: str) -> float:
        """The learning rate with the highest mean final accuracy (ties: the lower mean final loss)."""
        return max(self.learning_rates,
                   key=lambda rate: (self.mean_accuracy(activation, rate), -self.mean_loss(activation, rate)))

    def epochs_to_reach(self, activation: str, learning_rate: float, accuracy: float):
        """Per seed, the first epoch after which the training accuracy is at least ``accuracy``; None if never."""
        reached = self.select(activation, learning_rate).accuracy >= accuracy
        return [int(np.argmax(row)) if row.any() else None for row in reached]

    def table(self) -> str:
        """Final training accuracy of every activation at every rate: the range over the seeds."""
        width = max(len(name) for name in self.activations)
        cell = 13
        lines = [" " * width + "".join(f"{'rate ' + format(rate, 'g'):>{cell}}" for rate in self.learning_rates)]
        for name in self.activations:
            best = self.best_rate(name)
            cells = [(self.accuracy(name, rate).range(".0%") + ("*" if rate == best else " ")).rjust(cell)
                     for rate in self.learning_rates]
            lines.append(f"{name:{width}}" + "".join(cells).rstrip())
        lines.append(f"(final training accuracy, lowest–highest over seeds {', '.join(map(str, self.seeds))}; "
                     "* marks each activation's best rate, by mean accuracy)")
        return "\n".join(lines)


def compare_activations(X, y, activations, learning_rates, seeds=(0, 1, 2), layer_sizes=(2, 16, 16, 1),
                        init: str = "he", epochs: int = 300) -> ActivationSweep:
    """Train ``MLP(layer_sizes, activation, seed, init=init)`` for every activation, rate and seed.

    Every run uses the same data, network shape, initialisation scheme and number of epochs (full
    batch), so the activations differ only by the activation and, within each, by the learning rate
    and seed. ``seed`` sets the initial weights. Each activation's runs (every rate × every seed)
    are one batched computation, :func:`actlib.training.nn.train_over_seeds`. Returns an :class:`ActivationSweep`.
    """
    activations, learning_rates, seeds = tuple(activations), tuple(float(rate) for rate in learning_rates), tuple(seeds)
    if not (activations and learning_rates and seeds):
        raise ValueError("give at least one activation, one learning rate and one seed.")
    if init == "auto":
        raise ValueError("init='auto' gives sigmoid and tanh a different initialisation from the ReLUs; "
                         "a comparison needs one scheme for all: choose 'he' or 'glorot'.")
    runs = {}
    for activation in activations:
        result = train_over_seeds(list(layer_sizes), activation, X, y, seeds=seeds, epochs=epochs,
                                  learning_rate=list(learning_rates), init=init)
        runs[result.networks[0].activation.name] = result
    return ActivationSweep(tuple(layer_sizes), init, epochs, learning_rates, seeds, runs)
