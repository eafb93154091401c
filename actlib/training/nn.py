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

from actlib.symbolic import combine
from actlib.arguments import check_count, is_real_number, is_whole_number
from actlib.activations import INITIALISATIONS, get
from actlib.numerics.finite_differences import numerical_gradient

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
    epoch, so one can follow a unit through training (see ``actlib.training.diagnostics``). Entry 0
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
        """(outputs, pre_activations): each layer's input a (X first) and its z (the logits last).

        Values only (the public, accurate ``activation(z)``): ``backward`` takes g'(z) from
        ``activation.derivative``, and predictions need none."""
        return _forward(self.weights, self.biases, self.activation, X, lambda z: (self.activation(z), None))[:2]

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
        return _backward(self.weights, self.activation, outputs, pre_activations, y)

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
        _check_training(epochs, [learning_rate], batch_size)
        return _train([self], X, y, epochs, [learning_rate], batch_size, [seed], progress).history(0)

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


# The forward and backward passes, written once for one network (weights W: in × out) and for a stack
# of R networks trained together (W: R × in × out, biases R × out): ``...`` and ``swapaxes`` let the
# same lines serve both, and X (n × in) is shared by every network of a stack or is one per network (R × n × in).
def _forward(weights, biases, activation, X, kernel=None):
    """(outputs, pre_activations, slopes): each layer's input a (X first), its z, and g'(z) of the hidden ones.

    ``kernel`` (z -> (g(z), g'(z))) defaults to the public ``activation.value_and_derivative``;
    training passes :func:`_training_kernel`'s."""
    kernel = activation.value_and_derivative if kernel is None else kernel
    outputs, pre_activations, slopes = [X], [], []
    for W, b in zip(weights[:-1], biases[:-1]):
        pre_activations.append(outputs[-1] @ W + b[..., None, :])
        value, slope = kernel(pre_activations[-1])
        outputs.append(value)
        slopes.append(slope)
    pre_activations.append((outputs[-1] @ weights[-1] + biases[-1][..., None, :])[..., 0])
    return outputs, pre_activations, slopes


def _backward(weights, activation, outputs, pre_activations, y, slopes=None):
    """∂L/∂W and ∂L/∂b of every layer (input side first); see the module docstring for the formulas."""
    delta = ((_sigmoid(pre_activations[-1]) - y) / y.shape[-1])[..., None]   # ∂L/∂z of the output logit
    weight_gradients, bias_gradients = [], []
    for layer in reversed(range(len(weights))):
        weight_gradients.insert(0, np.swapaxes(outputs[layer], -1, -2) @ delta)
        bias_gradients.insert(0, delta.sum(axis=-2))
        if layer > 0:
            upstream = delta @ np.swapaxes(weights[layer], -1, -2)        # ∂L/∂a of the layer below
            slope = activation.derivative(pre_activations[layer - 1]) if slopes is None else slopes[layer - 1]
            delta = upstream * slope                                       # × g'(z)
    return weight_gradients, bias_gradients


def _training_kernel(activation):
    """z -> (g(z), g'(z)) for the training loop, where z is always a float64 stack of at least 2-d.

    Training evaluates every hidden unit's g and g' once per epoch (and per mini-batch), so it skips
    the public method's input checks and block-by-block evaluation and calls the activation's kernel
    directly (as ``dead_units`` does); for tanh, sigmoid, SiLU, ELU and SELU it uses their training-only
    kernels (``actlib.activations.logistic``, ``actlib.activations.gated``, ``actlib.activations.exponential_linear``: one exp each; why they may be a few
    ulp less accurate: see ``logistic.sigmoid_for_training``; measured in
    ``benchmarks/training_kernels.py``). ``gradients``, ``gradient_check`` and
    every public method keep the accurate kernels. A combination (``actlib.symbolic.combine``: sum, product,
    composition, blend) applies its own rule to its parts' training kernels, so a blend of ReLU and
    SiLU trains with SiLU's one-exp kernel too.
    """
    from actlib.activations import exponential_linear as elu, gated, logistic

    if type(activation) in _COMBINATION_RULES:
        parts = [_training_kernel(part) for part in activation.parts]
        return lambda z: _COMBINATION_RULES[type(activation)](activation, z, *parts)
    if type(activation) is elu.SELU:
        return lambda z: elu.exponential_linear_for_training(z, activation.alpha, activation.scale)
    if type(activation) is elu.ELU:
        return lambda z: elu.exponential_linear_for_training(z, activation.params["alpha"], 1.0)
    fast = {logistic.Tanh: logistic.tanh_for_training, logistic.Sigmoid: logistic.sigmoid_for_training,
            gated.SiLU: gated.silu_for_training}
    return fast.get(type(activation), activation._value_and_derivative)


# The rules of actlib.symbolic.combine's _value_and_derivative methods, applied to the parts' training kernels.
def _sum_rule(activation, z, f_kernel, g_kernel):
    (f, df), (g, dg) = f_kernel(z), g_kernel(z)
    return f + g, df + dg


def _product_rule(activation, z, f_kernel, g_kernel):
    (f, df), (g, dg) = f_kernel(z), g_kernel(z)
    return f * g, df * g + f * dg


def _chain_rule(activation, z, outer_kernel, inner_kernel):
    a, da = inner_kernel(z)
    value, slope = outer_kernel(a)
    return value, slope * da


def _blend_rule(activation, z, f_kernel, g_kernel):
    w = activation.params["weight"]
    (f, df), (g, dg) = f_kernel(z), g_kernel(z)
    return (1 - w) * f + w * g, (1 - w) * df + w * dg


_COMBINATION_RULES = {combine.Sum: _sum_rule, combine.Product: _product_rule, combine.Compose: _chain_rule,
                      combine.Blend: _blend_rule}


def _check_training(epochs, rates, batch_size):
    check_count("epochs", epochs)
    for rate in rates:
        if not is_real_number(rate) or not rate > 0:
            raise ValueError(f"learning_rate must be a positive number (or, for several runs, a list of them); "
                             f"got {rate!r}.")
    if batch_size is not None and not is_whole_number(batch_size):
        raise ValueError(f"batch_size must be None (whole set) or a whole number >= 1; got {batch_size!r}.")


def _progress_bar(total):
    """One progress bar that updates in place: tqdm.auto draws an ipywidgets bar in a notebook and a
    rewritten line (on stderr) elsewhere. It redraws every 1 % of the epochs (at most about 100 times)."""
    from tqdm.auto import tqdm  # imported only when a bar is asked for: it looks for a notebook as it loads

    # Without tqdm's monitor thread, which only hurries slow redraws: these come every 1 % anyway, and
    # the browser's Python cannot start a thread (tqdm would warn there).
    bar = type("TrainingBar", (tqdm,), {"monitor_interval": 0})
    return bar(total=total, desc="training", unit="epoch", miniters=-(-total // 100), mininterval=0)


# -- several seeds (and rates) as one computation --------------------------------------------------
@dataclass(frozen=True)
class SeedRuns:
    """Many training runs of one network shape, trained together by :func:`train_over_seeds`.

    Run ``r`` started from ``seeds[r]`` and trained at ``learning_rates[r]``. Each history is an array
    whose first axis is the run and second the epoch (entry 0 before training): ``loss`` and
    ``accuracy`` (runs × epochs+1), ``gradient_norms`` (runs × epochs+1 × layers, output layer last),
    ``dead_fraction`` and ``stuck_fraction`` (runs × epochs+1 × hidden layers) as in :class:`History`,
    and ``dead_units`` / ``stuck_units``: one boolean array per hidden layer, runs × epochs+1 × units.
    ``networks[r]`` is run r's trained :class:`MLP`. A run that diverges shows nan from then on and
    leaves the others untouched.
    """

    seeds: tuple
    learning_rates: tuple
    networks: tuple
    loss: np.ndarray
    accuracy: np.ndarray
    gradient_norms: np.ndarray
    dead_fraction: np.ndarray
    stuck_fraction: np.ndarray
    dead_units: tuple
    stuck_units: tuple

    def __len__(self):
        return len(self.seeds)

    def final(self, name: str = "loss"):
        """The last epoch's ``loss``, ``accuracy``, ... as an :class:`actlib.training.seeds.Spread` over the runs."""
        from actlib.training.seeds import Spread

        values = np.asarray(getattr(self, name))
        return Spread(values[:, -1] if values.ndim == 2 else values[:, -1].reshape(len(self), -1).mean(axis=1),
                      self.seeds)

    def select(self, learning_rate):
        """The runs trained at ``learning_rate``, as a :class:`SeedRuns` of their own."""
        keep = [r for r, rate in enumerate(self.learning_rates) if rate == learning_rate]
        if not keep:
            raise ValueError(f"no run used learning rate {learning_rate!r}; rates: {sorted(set(self.learning_rates))}.")
        pick = lambda array: np.asarray(array)[keep]
        return SeedRuns(tuple(self.seeds[r] for r in keep), tuple(self.learning_rates[r] for r in keep),
                        tuple(self.networks[r] for r in keep), pick(self.loss), pick(self.accuracy),
                        pick(self.gradient_norms), pick(self.dead_fraction), pick(self.stuck_fraction),
                        tuple(pick(units) for units in self.dead_units),
                        tuple(pick(units) for units in self.stuck_units))

    def history(self, run: int) -> History:
        """Run ``run``'s record as the :class:`History` that ``MLP.fit`` would have returned."""
        epochs = self.loss.shape[1]
        return History(self.loss[run].tolist(), self.accuracy[run].tolist(), self.gradient_norms[run].tolist(),
                       self.dead_fraction[run].tolist(), self.stuck_fraction[run].tolist(),
                       [[units[run, epoch] for units in self.dead_units] for epoch in range(epochs)],
                       [[units[run, epoch] for units in self.stuck_units] for epoch in range(epochs)])


def train_over_seeds(layer_sizes, activation, X, y, seeds=None, epochs: int = 100, learning_rate=0.1,
                     batch_size=None, init: str = "auto", bias_init: float = 0.0) -> SeedRuns:
    """Train one network per seed (and per learning rate) as a single batched computation.

    Run r is ``MLP(layer_sizes, activation, seed=s, init=init, bias_init=bias_init)`` trained with
    ``fit(X, y, epochs, learning_rate=rate, batch_size, seed=s)``: the same initial weights and the
    same mini-batch order as training them one by one, so each run equals the single one up to the
    last bits of the matrix products. ``seeds`` defaults to :data:`actlib.training.seeds.SEEDS`;
    ``learning_rate`` may be a list, and then every seed trains at every rate (runs ordered rate by
    rate). Stacking the runs makes numpy do one matrix product per layer for all of them, which is
    several times faster than a Python loop over small networks (``benchmarks/nn.py``).

    Each seed may also train on its own data set of the same size: ``X`` then has one (n × features)
    array per seed (seeds × n × features) and ``y`` one row of labels per seed, in the order of ``seeds``.
    """
    from actlib.training.seeds import SEEDS

    seeds = [int(check_count("seed", seed, 0)) for seed in (SEEDS if seeds is None else seeds)]
    if not seeds:
        raise ValueError("seeds must name at least one seed, such as (0, 1, 2).")
    rates = list(learning_rate) if np.ndim(learning_rate) else [learning_rate]
    _check_training(epochs, rates, batch_size)
    run_seeds = [seed for _ in rates for seed in seeds]
    networks = [MLP(layer_sizes, activation, seed=seed, bias_init=bias_init, init=init) for seed in run_seeds]
    per_seed = isinstance(X, (list, tuple)) and len(X) > 0 and np.ndim(X[0]) == 2
    if per_seed and len({np.shape(one) for one in X}) > 1:
        raise ValueError(f"with one data set per seed, every X must have the same shape (n, features); "
                         f"got {[np.shape(one) for one in X]}.")
    if per_seed or np.ndim(X) == 3:  # one data set per seed, repeated for every rate like the seeds
        if len(X) != len(seeds) or np.ndim(y) < 1 or len(y) != len(seeds):
            raise ValueError(f"with one data set per seed, X and y need one entry per seed ({len(seeds)}); "
                             f"got {len(X)} and {len(y) if np.ndim(y) else 'a scalar'}.")
        X = np.stack([networks[0]._inputs(one) for one in X])
        y = np.stack([networks[0]._labels(labels, X.shape[1]) for labels in y])
        X, y = np.concatenate([X] * len(rates)), np.concatenate([y] * len(rates))
    else:
        X = networks[0]._inputs(X)
        y = networks[0]._labels(y, len(X))
    return _train(networks, X, y, epochs, [rate for rate in rates for _ in seeds], batch_size, run_seeds)


def _train(networks, X, y, epochs, rates, batch_size, shuffle_seeds, progress=False) -> SeedRuns:
    """Gradient descent on every network of ``networks`` (one shape) at once; each network keeps its result.

    After every epoch (and before the first) the whole training set is measured: loss, accuracy,
    gradient norms, dead and stuck units. Full batch: the gradients measured are the next step's.
    X is n × features, shared by every run, or runs × n × features (and y runs × n): one data set per run.
    """
    n = X.shape[-2]
    activation = networks[0].activation
    kernel = _training_kernel(activation)
    weights = [np.stack([net.weights[layer] for net in networks]) for layer in range(len(networks[0].weights))]
    biases = [np.stack([net.biases[layer] for net in networks]) for layer in range(len(networks[0].biases))]
    step_sizes = np.array(rates, dtype=np.float64)[:, None, None]
    records = {name: [] for name in ("loss", "accuracy", "norms", "dead", "stuck")}

    def measure():
        outputs, pre_activations, slopes = _forward(weights, biases, activation, X, kernel)
        gradients = _backward(weights, activation, outputs, pre_activations, y, slopes)
        logits = pre_activations[-1]
        records["loss"].append(np.mean(np.logaddexp(0.0, logits) - y * logits, axis=-1))
        records["accuracy"].append(np.mean((logits > 0) == (y == 1), axis=-1))
        records["norms"].append(np.stack([np.sqrt(np.sum(g * g, axis=(-2, -1))) for g in gradients[0]], axis=-1))
        records["dead"].append([np.all(slope == 0, axis=-2) for slope in slopes])
        records["stuck"].append([np.all(z <= 0, axis=-2) for z in pre_activations[:-1]])
        return gradients

    def minibatch_gradients(generators):
        orders = np.stack([rng.permutation(n) for rng in generators])
        for start in range(0, n, batch_size):
            rows = orders[:, start:start + batch_size]
            if X.ndim == 3:   # each run's rows of its own data set
                inputs, labels = np.take_along_axis(X, rows[:, :, None], axis=1), np.take_along_axis(y, rows, axis=1)
            else:
                inputs, labels = X[rows], y[rows]
            outputs, pre_activations, slopes = _forward(weights, biases, activation, inputs, kernel)
            yield _backward(weights, activation, outputs, pre_activations, labels, slopes)

    generators = [np.random.default_rng(seed) for seed in shuffle_seeds]
    bar = _progress_bar(epochs) if progress else None
    with np.errstate(all="ignore"):  # a diverging run shows as nan
        gradients = measure()
        for epoch in range(epochs):
            for weight_gradients, bias_gradients in ([gradients] if batch_size is None
                                                     else minibatch_gradients(generators)):
                for layer in range(len(weights)):
                    weights[layer] -= step_sizes * weight_gradients[layer]
                    biases[layer] -= step_sizes[:, 0] * bias_gradients[layer]
            gradients = measure()
            if bar is not None:
                bar.set_postfix(loss=f"{float(records['loss'][-1][0]):.4f}", refresh=False)
                bar.update()
    if bar is not None:
        bar.close()

    for r, net in enumerate(networks):
        net.weights, net.biases = [W[r].copy() for W in weights], [b[r].copy() for b in biases]
    hidden = len(weights) - 1
    dead = tuple(np.stack([epoch[layer] for epoch in records["dead"]], axis=1) for layer in range(hidden))
    stuck = tuple(np.stack([epoch[layer] for epoch in records["stuck"]], axis=1) for layer in range(hidden))
    fraction = lambda units: (np.stack([u.mean(axis=-1) for u in units], axis=-1) if units
                              else np.zeros((len(networks), epochs + 1, 0)))
    return SeedRuns(tuple(shuffle_seeds), tuple(float(rate) for rate in rates), tuple(networks),
                    np.stack(records["loss"], axis=1), np.stack(records["accuracy"], axis=1),
                    np.stack(records["norms"], axis=1), fraction(dead), fraction(stuck), dead, stuck)
