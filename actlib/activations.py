r"""Activation functions: value, derivative and sympy expression side by side.

Every activation is one small class: a docstring with the formula and the derivative's convention
at any kink, a kernel computing value and derivative together (so they share work, as the forward
pass of a network does), and the sympy expression the notebooks derive from. ``register`` makes it
available by name through :func:`get`.

At a kink (ReLU at 0) the derivative does not exist; any value of the *subgradient* (for ReLU at 0,
any number in [0, 1]) makes gradient descent work, so libraries pin one. actlib follows PyTorch:
ReLU'(0) = 0 and LeakyReLU'(0) = alpha (JAX uses 0 and 1 respectively).
"""
from __future__ import annotations

import difflib
import math
from types import MappingProxyType

import numpy as np
import sympy as sp

from ._elementwise import evaluate

z = sp.Symbol("z", real=True)
"""The sympy symbol every ``Activation.expr`` is written in."""


def differentiate(expression: sp.Expr, symbol: sp.Symbol = z) -> sp.Expr:
    """d/dz of ``expression``, with the DiracDelta terms that sign or Heaviside differentiate into
    dropped: they are 0 except at the jump itself, where the slope is a convention anyway (autograd
    frameworks also take the slope of sign as 0), and no float can hold their value there."""
    return sp.diff(expression, symbol).replace(sp.DiracDelta, lambda *args: sp.S.Zero)


class Activation:
    """Base class: subclasses set ``name``, ``defaults`` and write ``_value_and_derivative``."""

    name: str = ""
    symbol: str = "g"
    """How figures and readouts write the function: σ for sigmoid, so labels read σ(z), σ′(z)."""
    defaults: dict[str, float | str] = {}
    parameter_ranges: dict[str, tuple[float, float]] = {}
    """Range a slider should offer for each numeric parameter (the explorer reads it)."""
    choices: dict[str, tuple[str, ...]] = {}
    """The allowed values of each text parameter (GELU's ``approximate``)."""

    def __init__(self, **params):
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            valid = ", ".join(self.defaults) if self.defaults else "none"
            raise TypeError(
                f"{self.name} got unknown parameter(s) {', '.join(unknown)}; valid parameters: {valid}."
            )
        values = {}
        for key, default in self.defaults.items():
            value = params.get(key, default)
            if isinstance(default, str):
                if value not in self.choices[key]:
                    options = ", ".join(repr(choice) for choice in self.choices[key])
                    raise ValueError(f"{self.name} parameter {key} must be one of {options}; got {value!r}.")
                values[key] = value
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
                raise TypeError(f"{self.name} parameter {key} must be a real number; got {value!r}.")
            if not math.isfinite(value):
                raise ValueError(f"{self.name} parameter {key} must be finite; got {value!r}.")
            values[key] = float(value)
        self.params = MappingProxyType(values)

    @property
    def numeric_params(self) -> dict[str, float]:
        """The real-valued parameters (the ones a slider or a derivative can vary)."""
        return {key: value for key, value in self.params.items() if not isinstance(value, str)}

    def with_params(self, **params) -> "Activation":
        """The same activation with some parameters changed, e.g. ``leaky.with_params(alpha=0.1)``."""
        return type(self)(**{**self.params, **params})

    # -- numbers -------------------------------------------------------------------------------
    def __call__(self, z):
        """Value g(z), elementwise; keeps dtype and shape. Complex z is allowed (complex step)."""
        array_is_complex = np.iscomplexobj(z) and not isinstance(z, (str, bytes))
        kernel = self._complex_value if array_is_complex else self._value
        return evaluate(kernel, z, f"{self.name}()", allow_complex=True)

    def derivative(self, z):
        """Derivative g'(z), elementwise; keeps dtype and shape."""
        return evaluate(self._derivative, z, f"{self.name}.derivative()")

    def value_and_derivative(self, z):
        """``(g(z), g'(z))`` computed together, sharing the work (what a forward pass caches)."""
        return evaluate(self._value_and_derivative, z, f"{self.name}.value_and_derivative()")

    def derivative_from_output(self, a):
        """g'(z) computed from the output a = g(z) alone (only sigmoid and tanh allow this)."""
        raise NotImplementedError(
            f"{self.name} has no derivative_from_output: its derivative is not a function of its output "
            "alone. Only sigmoid and tanh offer it."
        )

    def _value_and_derivative(self, z):
        raise NotImplementedError

    def _value(self, z):
        return self._value_and_derivative(z)[0]

    def _derivative(self, z):
        return self._value_and_derivative(z)[1]

    def _complex_value(self, z):
        raise TypeError(f"{self.name} does not accept complex input.")

    # -- symbols -------------------------------------------------------------------------------
    def _expression(self, z, **params):
        raise NotImplementedError

    def symbolic(self, keep_parameters: bool = False) -> sp.Expr:
        """The sympy expression in ``actlib.z``.

        Parameters appear as sympy symbols of the same name if ``keep_parameters``; otherwise they
        are substituted as exact rationals of their decimal form (alpha=0.01 becomes 1/100).
        """
        params = dict(self.params)  # text parameters (a choice of formula) pass through as they are
        for key, value in self.numeric_params.items():
            params[key] = sp.Symbol(key, real=True) if keep_parameters else sp.Rational(repr(value))
        return self._expression(z, **params)

    @property
    def expr(self) -> sp.Expr:
        """``symbolic()``: the expression with parameters substituted."""
        return self.symbolic()

    @property
    def derivative_expr(self) -> sp.Expr:
        """d/dz of ``expr`` as sympy computes it (textbook form, not the numerically stable one)."""
        return differentiate(self.expr)

    # -- identity ------------------------------------------------------------------------------
    def __repr__(self):
        args = "".join(f", {key}={value!r}" for key, value in self.params.items())
        return f"actlib.get({self.name!r}{args})"

    def _key(self):
        return type(self), self.name, tuple(sorted(self.params.items()))

    def __eq__(self, other):
        return isinstance(other, Activation) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


def _over_one_plus_squared(e, s=None, r=None):
    """e / (1 + e)**2 for e in [0, 1], within ~2.5 ulp (sigmoid' is this at e = exp(-|z|), tanh' four times it at exp(-2|z|)).

    Rounding s = 1 + e would cost up to 2 ulp once squared, so its rounding error t is recovered
    exactly (Fast2Sum: 1 + e == s + t) and corrected for to first order. Pass s and r = 1/s if
    already computed.
    """
    s = 1 + e if s is None else s
    r = 1 / s if r is None else r
    t = (1 - s) + e
    q = e / (s * s)
    return q - (q + q) * (t * r)


def sigmoid_parts(z, with_slope: bool = True):
    """``(e, sigma(z), sigma'(z))`` with e = exp(-|z|): the pieces sigmoid, softplus and SiLU share.

    With ``with_slope=False`` the third is None (a value-only call skips its ~4 passes)."""
    e = np.exp(-np.abs(z))
    s = 1 + e
    r = 1 / s  # sigma(|z|)
    tail = e * r  # sigma(-|z|) = 1 - sigma(|z|), without the subtraction
    # sigma(z) is r for z >= 0 and tail for z < 0. copysign gives r or -r, and tail >= 0 > -r,
    # so one max selects it (np.where costs ~3 exp passes here).
    sigma = np.maximum(tail, np.copysign(r, z))
    return e, sigma, (_over_one_plus_squared(e, s, r) if with_slope else None)


def _step(relu_value):
    """1 where relu_value > 0, else 0, nan kept: the step at 0 is 0 (ReLU'(0) = 0).

    np.sign of max(z, 0) does this ~4x faster than np.heaviside(z, 0) (max(-0.0, 0) is +0.0).
    """
    return np.sign(relu_value)


class Sigmoid(Activation):
    r"""Logistic sigmoid.

    .. math::
        \sigma(z) = \frac{1}{1+e^{-z}}, \qquad
        \sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,\bigl(1-\sigma(z)\bigr)

    Smooth, no kink. Range (0, 1); the derivative lies in (0, 1/4] with its maximum at z = 0.

    Numerics: computed from e = exp(-|z|), which lies in [0, 1] and so never overflows:
    sigma = 1/(1+e) for z >= 0 and e/(1+e) for z < 0, sigma' = e/(1+e)^2 (within 4 ulp,
    float32 and float16 computed in float64 and rounded once). The textbook
    sigma*(1-sigma) is exact algebra but in floating point 1-sigma cancels to 0 for z > 36.7 (f64),
    giving a derivative of exactly 0 where the true one is ~1e-16 and smaller.
    """

    name = "sigmoid"
    symbol = "σ"

    def _value_and_derivative(self, z):
        _, value, slope = sigmoid_parts(z)
        return value, slope

    def _value(self, z):
        return sigmoid_parts(z, with_slope=False)[1]

    def derivative_from_output(self, a):
        r"""sigma' from the output a = sigma(z): ``a * (1 - a)``, the textbook backprop form.

        Exact in algebra, inexact where the output saturates: for z > 36.7 (f64) a rounds to 1 and
        this returns 0, while the true derivative is ~1e-16 and smaller. Use ``derivative(z)``
        when z is available.
        """
        return evaluate(lambda a: a * (1 - a), a, "sigmoid.derivative_from_output()")

    def _complex_value(self, z):
        # The same two branches, chosen by the real part, keep exp's argument in Re <= 0.
        right = z.real >= 0
        e = np.exp(np.where(right, -z, z))
        return np.where(right, 1, e) / (1 + e)

    def _expression(self, z):
        return 1 / (1 + sp.exp(-z))


class Tanh(Activation):
    r"""Hyperbolic tangent.

    .. math::
        \tanh z = \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}, \qquad
        \tanh'(z) = 1 - \tanh^2 z = \frac{4 e^{-2|z|}}{(1+e^{-2|z|})^2}

    Smooth, no kink. Range (-1, 1), zero-centred; the derivative lies in (0, 1] with its
    maximum at z = 0. tanh(z) = 2*sigmoid(2z) - 1.

    Numerics: the derivative is computed as 4e/(1+e)^2 with e = exp(-2|z|). The textbook
    1 - tanh(z)^2 cancels to exactly 0 for |z| > 19.0 (f64), where the true value is ~1e-16
    and smaller.
    """

    name = "tanh"
    symbol = "tanh"

    def _value_and_derivative(self, z):
        e = np.exp(-2 * np.abs(z))
        return np.tanh(z), 4 * _over_one_plus_squared(e)

    def _value(self, z):
        return np.tanh(z)

    def derivative_from_output(self, a):
        r"""tanh' from the output a = tanh(z): ``1 - a**2``, the textbook backprop form.

        Inexact where the output saturates: for |z| > 19.0 (f64) a rounds to +-1 and this
        returns 0, while the true derivative is ~1e-16 and smaller. Use ``derivative(z)`` when z
        is available.
        """
        return evaluate(lambda a: 1 - a * a, a, "tanh.derivative_from_output()")

    def _complex_value(self, z):
        return np.tanh(z)

    def _expression(self, z):
        return sp.tanh(z)


class ReLU(Activation):
    r"""Rectified linear unit.

    .. math::
        \mathrm{relu}(z) = \max(0, z), \qquad
        \mathrm{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}

    Kink at z = 0: the derivative does not exist there; the subgradient is [0, 1] and actlib
    uses 0 (as PyTorch and JAX). A unit whose input is <= 0 for every example gets zero
    gradient and stops learning (a "dead" unit).

    Numerics: exact (max and a step function), so no rounding error at all.
    """

    name = "relu"
    symbol = "ReLU"

    def _value_and_derivative(self, z):
        value = np.maximum(z, 0)
        return value, _step(value)

    def _complex_value(self, z):
        return np.where(z.real > 0, z, 0)

    def _expression(self, z):
        # Piecewise rather than Max: sympy differentiates Max into Heaviside(z), whose value at 0
        # is 1/2; the Piecewise carries actlib's convention relu'(0) = 0 into derivative_expr.
        return sp.Piecewise((z, z > 0), (0, True))


class LeakyReLU(Activation):
    r"""Leaky ReLU with slope ``alpha`` for z <= 0 (default 0.01).

    .. math::
        g(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}, \qquad
        g'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}

    For 0 <= alpha <= 1 this is max(alpha*z, z); for alpha > 1 it is min(alpha*z, z) instead.
    alpha = 0 gives ReLU, alpha = 1 the identity.

    Kink at z = 0 (unless alpha = 1): the subgradient is the interval between alpha and 1;
    actlib uses g'(0) = alpha, as PyTorch does (JAX's leaky_relu uses 1).

    Numerics: exact up to the one rounding of alpha*z.
    """

    name = "leaky_relu"
    symbol = "LeakyReLU"
    defaults = {"alpha": 0.01}
    parameter_ranges = {"alpha": (0.0, 1.5)}

    def _value_and_derivative(self, z):
        alpha = self.params["alpha"]
        step = _step(np.maximum(z, 0))
        slope = step + alpha * (1 - step)  # exactly 1 or alpha: one term is always 0
        if alpha == 0:
            # z * slope would be (-inf) * 0 = nan at z = -inf; the limit there is 0.
            return np.maximum(z, 0), slope
        return z * slope, slope

    def _complex_value(self, z):
        return np.where(z.real > 0, z, self.params["alpha"] * z)

    def _expression(self, z, alpha):
        return sp.Piecewise((z, z > 0), (alpha * z, True))


_REGISTRY: dict[str, type[Activation]] = {}


class UnknownActivationError(KeyError, ValueError):
    """Raised by :func:`get` for a name that is not registered."""

    def __str__(self):  # KeyError would print the message in quotes
        return self.args[0]


def register(cls: type[Activation]) -> type[Activation]:
    """Make ``cls`` available as ``get(cls.name)``. Returns ``cls``, so it works as a decorator."""
    if not (isinstance(cls, type) and issubclass(cls, Activation)) or not cls.name:
        raise TypeError("register() takes an Activation subclass with a non-empty name.")
    _REGISTRY[cls.name] = cls
    return cls


def names() -> list[str]:
    """The registered activation names, sorted."""
    return sorted(_REGISTRY)


def get(name, **params) -> Activation:
    """The activation called ``name`` with the given parameters, e.g. ``get("leaky_relu", alpha=0.1)``.

    An ``Activation`` passes through unchanged (so functions can take either a name or one).
    """
    if isinstance(name, Activation):
        return name.with_params(**params) if params else name
    if not isinstance(name, str):
        raise TypeError(f"get() takes an activation name (one of {', '.join(names())}); got {name!r}.")
    try:
        cls = _REGISTRY[name]
    except KeyError:
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        close = [key] if key in _REGISTRY else difflib.get_close_matches(key, names(), n=1)
        suggestion = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownActivationError(
            f"Unknown activation {name!r}.{suggestion} Valid names: {', '.join(names())}."
        ) from None
    return cls(**params)


register(Sigmoid)
register(Tanh)
register(ReLU)
register(LeakyReLU)
