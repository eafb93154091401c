r"""A small fully connected network in numpy, written to be read in one sitting.

``MLP([2, 8, 8, 1], activation="tanh")`` has two hidden layers of 8 units using the activation and
one output unit whose logit z goes through a sigmoid: p = σ(z) is the probability of class 1. The
loss is binary cross-entropy, computed stably from the logit:

.. math::
    L = \frac1n \sum_i \big(\operatorname{softplus}(z_i) - y_i z_i\big), \qquad
    \frac{\partial L}{\partial z_i} = \frac{\sigma(z_i) - y_i}{n}

Backpropagation, layer by layer from the output down (``a_0`` is the input X):

.. math::
    \delta_l = \frac{\partial L}{\partial a_l} \odot g'(z_l), \qquad
    \frac{\partial L}{\partial W_l} = a_{l-1}^\top \delta_l, \qquad
    \frac{\partial L}{\partial b_l} = \textstyle\sum_i \delta_l, \qquad
    \frac{\partial L}{\partial a_{l-1}} = \delta_l W_l^\top

The factor g'(z_l) is ``activation.derivative``: the one place where the activation decides how much
gradient reaches the layers below (see ``MLP.backward``).

Initialisation (deterministic from ``seed``): weights are normal with standard deviation
sqrt(2 / fan_in) ("He") or sqrt(2 / (fan_in + fan_out)) ("Xavier"/Glorot), whichever the
activation declares suits it (``activation.initialisation``: He for ReLU-like activations, which
zero about half their inputs); ``init="he"`` or ``"glorot"`` chooses explicitly. Biases start at
``bias_init`` (default 0).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._arguments import check_count, is_real_number, is_whole_number
from .activations import INITIALISATIONS, get
from .finite_differences import numerical_gradient

# Hidden-layer weight scale: "he" (std sqrt(2/fan_in)), "glorot" (std sqrt(2/(fan_in + fan_out))),
# or "auto": the one the activation declares (its ``initialisation``).
INITS = ("auto", *INITIALISATIONS)
_sigmoid = get("sigmoid")


@dataclass
class History:
    """What ``fit`` measured after every epoch, on the whole training set.

    ``loss`` and ``accuracy`` per epoch; ``gradient_norms[epoch][layer]`` the norm of ∂L/∂W of each
    layer (input side first, the output layer last); ``dead_fraction[epoch][layer]`` the fraction of
    each hidden layer's units whose activation slope g'(z) is 0 for every training example (such a
    unit passes no gradient at all: a dead ReLU); ``stuck_fraction[epoch][layer]`` the fraction whose
    pre-activation z is <= 0 for every training example ("stuck on the negative side": for ReLU the
    same units as the dead ones, for Leaky ReLU units that still get alpha times the gradient).
    ``dead_units`` and ``stuck_units`` hold the same per unit: one boolean array per hidden layer and
    epoch, so one can follow a unit through training (see ``actlib.training_diagnostics``). Entry 0
    of each is before training.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    gradient_norms: list = field(default_factory=list)
    dead_fraction: list = field(default_factory=list)
    stuck_fraction: list = field(default_factory=list)
    dead_units: list = field(default_factory=list)
    stuck_units: list = field(default_factory=list)

    def as_arrays(self):
        """The four histories as numpy arrays (epochs × layers for the last two)."""
        return (np.array(self.loss), np.array(self.accuracy), np.array(self.gradient_norms),
                np.array(self.dead_fraction))


class MLP:
    """A fully connected binary classifier; see the module docstring for the formulas."""

    def __init__(self, layer_sizes, activation="tanh", seed: int = 0, bias_init: float = 0.0, init: str = "auto"):
        sizes = list(layer_sizes) if not isinstance(layer_sizes, (str, bytes)) else None
        if sizes is None or len(sizes) < 2 or not all(is_whole_number(size) for size in sizes):
            raise ValueError(f"layer_sizes must be a list of at least two whole numbers >= 1, such as [2, 8, 1]; "
                             f"got {layer_sizes!r}.")
        if sizes[-1] != 1:
            raise ValueError(f"the last layer size must be 1 (one sigmoid output for two classes); got {sizes[-1]}.")
        self.activation = get(activation)
        self.layer_sizes = sizes
        rng = np.random.default_rng(seed)
        if init not in INITS:
            raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}; got {init!r}.")
        if init == "auto":
            init = self.activation.initialisation
        self.init = init
        self.weights, self.biases = [], []
        for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            hidden = index < len(sizes) - 2
            std = np.sqrt(2 / fan_in) if (hidden and init == "he") else np.sqrt(2 / (fan_in + fan_out))
            self.weights.append(rng.normal(0.0, std, (fan_in, fan_out)))
            self.biases.append(np.full(fan_out, float(bias_init) if hidden else 0.0))

    def __repr__(self):
        return f"MLP({self.layer_sizes}, activation={self.activation!r})"

    # -- forward -------------------------------------------------------------------------------
    def forward(self, X):
        """Pre-activations of every layer (hidden ones, then the output logits) for inputs X."""
        return self._forward(self._inputs(X))[1]

    def _forward(self, X):
        """(outputs, pre_activations): each layer's input a (X first) and its z (the logits last)."""
        outputs, pre_activations = [X], []
        for W, b in zip(self.weights[:-1], self.biases[:-1]):
            pre_activations.append(outputs[-1] @ W + b)
            outputs.append(self.activation(pre_activations[-1]))
        pre_activations.append((outputs[-1] @ self.weights[-1] + self.biases[-1])[:, 0])
        return outputs, pre_activations

    def predict_proba(self, X):
        """Probability of class 1 for each row of X."""
        return _sigmoid(self.forward(X)[-1])

    def predict(self, X):
        """Predicted labels, 0 or 1."""
        return (self.forward(X)[-1] > 0).astype(np.int64)

    def loss(self, X, y):
        """Mean binary cross-entropy, from the logits (never takes the log of a rounded 0 or 1)."""
        return _cross_entropy(self.forward(X)[-1], self._labels(y, len(X)))

    # -- backward ------------------------------------------------------------------------------
    def gradients(self, X, y):
        """∂L/∂W and ∂L/∂b for every layer, by backpropagation: two lists, input side first."""
        X = self._inputs(X)
        return self.backward(*self._forward(X), self._labels(y, len(X)))

    def backward(self, outputs, pre_activations, y):
        """Backpropagation from a forward pass's ``outputs`` and ``pre_activations`` (see ``_forward``)."""
        delta = ((_sigmoid(pre_activations[-1]) - y) / len(y))[:, None]   # ∂L/∂z of the output logit
        weight_gradients, bias_gradients = [], []
        for layer in reversed(range(len(self.weights))):
            weight_gradients.insert(0, outputs[layer].T @ delta)
            bias_gradients.insert(0, delta.sum(axis=0))
            if layer > 0:
                upstream = delta @ self.weights[layer].T                 # ∂L/∂a of the layer below
                delta = upstream * self.activation.derivative(pre_activations[layer - 1])  # × g'(z)
        return weight_gradients, bias_gradients

    def gradient_check(self, X, y, h: float = 1e-5) -> float:
        """Worst relative difference between backprop and central differences, over the parameter arrays.

        For each weight matrix and bias vector, with a its backprop gradient and n the central
        differences (step h) of the loss in each of its entries: ||a − n|| / (||a|| + ||n||). Around
        1e-7 or smaller means the backward pass is right (the finite differences' own error is about
        that size); a wrong backward pass gives 1e-2 or more. Costs two loss evaluations per
        parameter, so keep the network and X small.
        """
        weight_gradients, bias_gradients = self.gradients(X, y)
        worst = 0.0
        for parameters, analytic in zip(self.weights + self.biases, weight_gradients + bias_gradients):
            numeric = numerical_gradient(lambda: self.loss(X, y), parameters, h=h)
            scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
            if scale > 0:
                worst = max(worst, float(np.linalg.norm(analytic - numeric) / scale))
        return worst

    # -- training ------------------------------------------------------------------------------
    def fit(self, X, y, epochs: int = 100, learning_rate: float = 0.1, batch_size=None, seed: int = 0,
            progress: bool = False) -> History:
        """Gradient descent for ``epochs`` passes over the data; returns the :class:`History`.

        ``batch_size=None`` uses the whole set per step; otherwise the rows are shuffled (seeded)
        every epoch and split into mini-batches. ``progress=True`` shows one bar that updates in
        place (a widget in Jupyter, a single rewritten line in a terminal).
        """
        X, y = self._inputs(X), self._labels(y, len(X))
        check_count("epochs", epochs)
        if not is_real_number(learning_rate) or not learning_rate > 0:
            raise ValueError(f"learning_rate must be a positive number; got {learning_rate!r}.")
        if batch_size is not None and not is_whole_number(batch_size):
            raise ValueError(f"batch_size must be None (whole set) or a whole number >= 1; got {batch_size!r}.")
        rng = np.random.default_rng(seed)
        history = History()
        bar = _Progress(epochs) if progress else None
        full_batch_gradients = self._record(history, X, y)
        for epoch in range(epochs):
            order = np.arange(len(X)) if batch_size is None else rng.permutation(len(X))
            step = len(X) if batch_size is None else batch_size
            for start in range(0, len(X), step):
                rows = order[start:start + step]
                # Full batch: the gradients _record just measured are the ones this step needs.
                weight_gradients, bias_gradients = (full_batch_gradients if batch_size is None
                                                    else self.gradients(X[rows], y[rows]))
                for W, b, dW, db in zip(self.weights, self.biases, weight_gradients, bias_gradients):
                    W -= learning_rate * dW
                    b -= learning_rate * db
            full_batch_gradients = self._record(history, X, y)
            if bar:
                bar.update(epoch + 1, history.loss[-1])
        if bar:
            bar.close()
        return history

    def _record(self, history, X, y):
        """Append this epoch's measurements to ``history``; return the full-batch gradients."""
        outputs, pre_activations = self._forward(X)
        weight_gradients, bias_gradients = self.backward(outputs, pre_activations, y)
        logits = pre_activations[-1]
        history.loss.append(_cross_entropy(logits, y))
        history.accuracy.append(float(np.mean((logits > 0) == (y == 1))))
        history.gradient_norms.append([float(np.linalg.norm(g)) for g in weight_gradients])
        dead = [np.all(self.activation.derivative(z) == 0, axis=0) for z in pre_activations[:-1]]
        stuck = [np.all(z <= 0, axis=0) for z in pre_activations[:-1]]
        history.dead_units.append(dead)
        history.stuck_units.append(stuck)
        history.dead_fraction.append([float(np.mean(units)) for units in dead])
        history.stuck_fraction.append([float(np.mean(units)) for units in stuck])
        return weight_gradients, bias_gradients

    # -- input checks --------------------------------------------------------------------------
    def _inputs(self, X):
        array = np.asarray(X)
        if array.dtype.kind not in "biuf":
            raise TypeError(f"X must be a numeric array of shape (n, {self.layer_sizes[0]}); got dtype {array.dtype}.")
        if array.ndim != 2 or array.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"X must have shape (n, {self.layer_sizes[0]}) for this network; got {array.shape}.")
        return array.astype(np.float64, copy=False)

    @staticmethod
    def _labels(y, n):
        labels = np.asarray(y)
        if labels.ndim == 2 and labels.shape[1] == 1:
            labels = labels[:, 0]
        if labels.shape != (n,):
            raise ValueError(f"y must have one label per row of X, shape ({n},); got {labels.shape}.")
        if labels.dtype.kind not in "biuf" or not np.all((labels == 0) | (labels == 1)):
            raise ValueError("y must hold only the labels 0 and 1 (binary classification).")
        return labels.astype(np.float64)


def _cross_entropy(logits, y):
    """Mean of softplus(z) − y·z: binary cross-entropy written so no log ever sees a rounded 0 or 1."""
    return float(np.mean(np.logaddexp(0.0, logits) - y * logits))


class _Progress:
    """One progress bar that updates in place: an ipywidgets bar in a notebook, a '\\r' line elsewhere."""

    def __init__(self, total):
        self.total, self.widget = total, None
        try:
            from IPython import get_ipython
            from IPython.display import display
            import ipywidgets as widgets

            if get_ipython() is not None and getattr(get_ipython(), "kernel", None) is not None:
                self.bar = widgets.IntProgress(value=0, min=0, max=total, description="training")
                self.label = widgets.Label(value=f"0/{total}")
                self.widget = widgets.HBox([self.bar, self.label])
                display(self.widget)
        except ImportError:
            self.widget = None
        self.every = -(-total // 100)  # ceil: at most 100 updates, however many epochs

    def update(self, epoch, loss):
        if epoch % self.every and epoch != self.total:
            return
        text = f"{epoch}/{self.total}  loss {loss:.4f}"
        if self.widget is not None:
            self.bar.value, self.label.value = epoch, text
        else:
            print(f"\rtraining {text}", end="", flush=True)

    def close(self):
        if self.widget is None:
            print()
