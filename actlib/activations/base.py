r"""The base class every activation derives from, and the registry that names them.

An activation is one small class in its family's file (``logistic``, ``rectified``,
``exponential_linear``, ``gated``): a docstring with the formula and the derivative's convention at
any kink, a kernel computing value and derivative together (so they share work, as the forward
pass of a network does), the sympy expression the notebooks derive from, and the facts the rest of
the project reads instead of restating them (see "Declared facts" on :class:`Activation`).
``register`` makes it available by name through :func:`get`.

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

from actlib.arguments import is_real_number
from actlib.activations.evaluation import evaluate

z_symbol = sp.Symbol("z", real=True)
"""The sympy symbol every ``Activation.expr`` is written in. The library calls it ``z_symbol`` because
``z`` is the name of the float arguments (``g(z)``, ``derivative(z)``); notebooks use its short alias
``actlib.z``."""

INITIALISATIONS = ("he", "glorot")


def differentiate(expression: sp.Expr, symbol: sp.Symbol = z_symbol) -> sp.Expr:
    """d/dz of ``expression``, with the DiracDelta terms that sign or Heaviside differentiate into
    dropped: they are 0 except at the jump itself, where the slope is a convention anyway (autograd
    frameworks also take the slope of sign as 0), and no float can hold their value there."""
    return sp.diff(expression, symbol).replace(sp.DiracDelta, lambda *args: sp.S.Zero)


class Activation:
    """Base class: subclasses set ``name``, ``defaults``, write ``_value_and_derivative`` and
    ``_expr``, and declare their facts.

    Declared facts (class data next to the formula, or a property where a parameter changes them;
    None means "not declared", as for combinations and formulas typed by a learner):

    ``kinks``             the z where g' jumps (its value there is the class's convention)
    ``derivative_roots``  the z where g' crosses 0 (the minimum of a non-monotone activation)
    ``value_range``       (inf, sup) of g over the reals, the limits at -inf and +inf included
    ``slope_range``       the same for g'
    ``limits``            ((g(-inf), g(+inf)), (g'(-inf), g'(+inf)))
    ``zero_centred``      whether E[g(z)] = 0 for z ~ N(0, 1)
    ``initialisation``    the weight scale that suits it: "he" (zeroes about half its inputs) or "glorot"

    What the derivative card (``actlib.views.card``, notebook 09) prints, as LaTeX (no ``$``) or short phrases:

    ``formula_latex``     g(z): by default sympy's LaTeX of ``expr`` (parameters as symbols, α not 1/100)
    ``derivative_latex``  g'(z) in its simplest form: by default sympy's of ``derivative_expr``; override
                          either where a hand-written form teaches better (``\\sigma(z)\\,(1-\\sigma(z))``,
                          piecewise text), and tests/test_latex.py evaluates the override against the expression
    ``computed_latex``    g'(z) in the form ``_value_and_derivative`` evaluates (the stable one), checked
                          the same way; so is the class docstring's ``.. math::`` block
                          (``actlib.symbolic.latex.latex_disagreements``)
    ``computed_sympy``    optional: that form as sympy text in z (and the parameters), which
                          tests/test_card.py proves equal to ``derivative_expr`` on each side of 0
    ``failure``           its typical failure (saturation, dead units, off-centre outputs, cost)
    ``pick_when``         when to pick it

    ``monotone``, ``smooth`` and ``saturates`` follow from these.
    """

    name: str = ""
    glyph: str = "g"
    """How figures and readouts write the function: σ for sigmoid, so labels read σ(z), σ′(z)."""
    defaults: dict[str, float | str] = {}
    parameter_ranges: dict[str, tuple[float, float]] = {}
    """Range a slider should offer for each numeric parameter (the explorer reads it)."""
    choices: dict[str, tuple[str, ...]] = {}
    """The allowed values of each text parameter (GELU's ``approximate``)."""

    kinks: tuple[float, ...] | None = None
    derivative_roots: tuple[float, ...] | None = None
    value_range: tuple[float, float] | None = None
    slope_range: tuple[float, float] | None = None
    limits: tuple[tuple[float, float], tuple[float, float]] | None = None
    zero_centred: bool | None = None
    initialisation: str = "glorot"
    computed_latex: str | None = None
    computed_sympy: str | None = None
    failure: str | None = None
    pick_when: str | None = None
    constants: dict[str, float] = {}
    """Fixed numbers its LaTeX writes as Greek letters (SELU's α and λ), for the LaTeX check."""

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
            if not is_real_number(value):
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

    # -- facts that follow from the declared ones ----------------------------------------------
    @property
    def monotone(self) -> bool | None:
        """g' >= 0 everywhere (from ``slope_range``)."""
        return None if self.slope_range is None else self.slope_range[0] >= 0

    @property
    def smooth(self) -> bool | None:
        """g' continuous: no kinks."""
        return None if self.kinks is None else not self.kinks

    @property
    def saturates(self) -> str | None:
        """Where g' -> 0: "both sides", "z → −∞", "z → +∞" or "no" (from ``limits``)."""
        if self.limits is None:
            return None
        flat = tuple(slope == 0 for slope in self.limits[1])
        return {(True, True): "both sides", (True, False): "z → −∞", (False, True): "z → +∞",
                (False, False): "no"}[flat]

    def max_ulp(self, dtype=np.float64, derivative: bool = False) -> float:
        """The error bound in ulps against mpmath that the tests hold this activation to (measured
        figures: benchmarks/results/accuracy.md)."""
        return 4.0

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

    # -- the sympy expression ------------------------------------------------------------------
    def _expr(self, z, **params):
        """The formula in sympy, with the parameters as given (symbols or exact numbers)."""
        raise NotImplementedError

    def sympy_parameters(self, keep_parameters: bool) -> dict:
        """Parameters for ``_expr``, and for reading a class's ``computed_sympy`` (the card does): real
        symbols of the same name if ``keep_parameters``, else exact rationals of their decimal form
        (alpha=0.01 becomes 1/100); text parameters as they are."""
        params = dict(self.params)
        for key, value in self.numeric_params.items():
            params[key] = sp.Symbol(key, real=True) if keep_parameters else sp.Rational(repr(value))
        return params

    def _build_expr(self, keep_parameters: bool) -> sp.Expr:
        return self._expr(z_symbol, **self.sympy_parameters(keep_parameters))

    @property
    def expr(self) -> sp.Expr:
        """The sympy expression in ``actlib.z``, parameters substituted as exact rationals."""
        return self._build_expr(False)

    @property
    def expr_with_parameters(self) -> sp.Expr:
        """The sympy expression with its parameters as real symbols (``alpha``), to differentiate in them."""
        return self._build_expr(True)

    @property
    def derivative_expr(self) -> sp.Expr:
        """d/dz of ``expr`` as sympy computes it (textbook form, not the numerically stable one)."""
        return differentiate(self.expr)

    @property
    def formula_latex(self) -> str | None:
        """g(z) in LaTeX, as sympy prints ``expr_with_parameters`` (None where there is no expression)."""
        try:
            return sp.latex(self.expr_with_parameters)
        except NotImplementedError:
            return None

    @property
    def derivative_latex(self) -> str | None:
        """g'(z) in LaTeX, as sympy prints d/dz of ``expr_with_parameters``."""
        try:
            return sp.latex(differentiate(self.expr_with_parameters))
        except NotImplementedError:
            return None

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


_REGISTRY: dict[str, type[Activation]] = {}


class UnknownActivationError(KeyError, ValueError):
    """Raised by :func:`get` for a name that is not registered."""

    def __str__(self):  # KeyError would print the message in quotes
        return self.args[0]


def register(cls: type[Activation]) -> type[Activation]:
    """Make ``cls`` available as ``get(cls.name)``. Returns ``cls``, so it works as a decorator."""
    if not (isinstance(cls, type) and issubclass(cls, Activation)) or not cls.name:
        raise TypeError("register() takes an Activation subclass with a non-empty name.")
    if cls.initialisation not in INITIALISATIONS:
        raise ValueError(f"{cls.name}: initialisation must be one of {INITIALISATIONS}; got {cls.initialisation!r}.")
    _REGISTRY[cls.name] = cls
    return cls


def unregister(name: str) -> None:
    """Remove ``name`` from the registry (a test's throwaway activation, say); unknown names are ignored."""
    _REGISTRY.pop(name, None)


def registered() -> dict[str, type[Activation]]:
    """A copy of the registry, name -> class (what ``register`` added, built-ins first)."""
    return dict(_REGISTRY)


def names() -> list[str]:
    """The registered activation names, sorted."""
    return sorted(_REGISTRY)


def get(name, **params) -> Activation:
    """The activation called ``name`` with the given parameters, e.g. ``get("leaky_relu", alpha=0.1)``.

    An ``Activation`` passes through (rebuilt with ``params`` if any), so every function that takes
    an activation takes either a name or one by calling ``get``.
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
