r"""New activations from old: sums, products, compositions and blends, with exact derivatives.

Each combination is an :class:`~actlib.activations.Activation` (so the explorer, the network and
the plots take it) whose derivative comes from the parts' derivatives by the usual rules:

* sum:          (f + g)' = f' + g'
* product:      (f g)'   = f' g + f g'                     (product rule)
* composition:  (f∘g)'   = f'(g(z)) · g'(z)                (chain rule)
* blend:        ((1 - w) f + w g)' = (1 - w) f' + w g'      (w a parameter in [0, 1])

The parts keep their own stable kernels. A sum, product or blend adds one or two roundings
(except where f + g itself cancels to near 0). A composition also carries the inner part's error
into the outer: tanh'(softplus(z)) at z = 32 is off by ~50 ulp in float64, because tanh'(a) ~ 4e^{-2a}
turns softplus's last-bit error in a = 32 into a relative error 2a times as large. Its sympy
expression combines the parts' expressions, so ``actlib.accuracy_report`` measures any combination.
"""
from __future__ import annotations

import sympy as sp

from actlib.activations import Activation, get, z_symbol


class Combination(Activation):
    """Base of the combinations: holds the part activations and rebuilds itself with new parameters."""

    operator: str = ""
    function: str = ""  # the actlib.symbolic.combine function that builds it, for repr

    def __init__(self, *parts, **params):
        self.parts = tuple(get(part) for part in parts)
        self.name = self.operator.join(part.name for part in self.parts)
        self.glyph = self.operator.join(part.glyph for part in self.parts)
        super().__init__(**params)

    def with_params(self, **params):
        return type(self)(*self.parts, **{**self.params, **params})

    def _key(self):
        return type(self), self.parts, tuple(sorted(self.params.items()))

    def __repr__(self):
        args = ", ".join([*map(repr, self.parts), *(f"{k}={v!r}" for k, v in self.params.items())])
        return f"actlib.{self.function}({args})"  # the public names: actlib.add, actlib.blend, ...

    def _build_expr(self, keep_parameters: bool) -> sp.Expr:
        parts = [part._build_expr(keep_parameters) for part in self.parts]
        return self._combine(*parts, **self.sympy_parameters(keep_parameters))

    def _complex_value(self, z):
        return self._combine_numbers(*(part._complex_value(z) for part in self.parts))


class Sum(Combination):
    """f + g."""

    operator, function = " + ", "add"

    def _value_and_derivative(self, z):
        (f, df), (g, dg) = (part._value_and_derivative(z) for part in self.parts)
        return f + g, df + dg

    def _combine(self, f, g):
        return f + g

    _combine_numbers = _combine


class Product(Combination):
    """f · g, differentiated by the product rule."""

    operator, function = " · ", "multiply"

    def _value_and_derivative(self, z):
        (f, df), (g, dg) = (part._value_and_derivative(z) for part in self.parts)
        return f * g, df * g + f * dg

    def _combine(self, f, g):
        return f * g

    _combine_numbers = _combine


class Compose(Combination):
    """outer ∘ inner, i.e. outer(inner(z)), differentiated by the chain rule."""

    operator, function = " ∘ ", "compose"

    def _value_and_derivative(self, z):
        outer, inner = self.parts
        a, da = inner._value_and_derivative(z)
        value, slope = outer._value_and_derivative(a)
        return value, slope * da

    def _combine(self, outer, inner):
        return outer.subs(z_symbol, inner)

    def _complex_value(self, z):
        outer, inner = self.parts
        return outer._complex_value(inner._complex_value(z))


class Blend(Combination):
    """(1 - weight)·f + weight·g: weight 0 is f, weight 1 is g, in between a mixture."""

    operator, function = " ⇄ ", "blend"
    defaults = {"weight": 0.5}
    parameter_ranges = {"weight": (0.0, 1.0)}

    def _value_and_derivative(self, z):
        w = self.params["weight"]
        (f, df), (g, dg) = (part._value_and_derivative(z) for part in self.parts)
        return (1 - w) * f + w * g, (1 - w) * df + w * dg

    def _combine(self, f, g, weight):
        return (1 - weight) * f + weight * g

    def _combine_numbers(self, f, g):
        w = self.params["weight"]
        return (1 - w) * f + w * g


def add(f, g) -> Sum:
    """f + g, e.g. ``add("relu", "tanh")``; parts are activations or names."""
    return Sum(f, g)


def multiply(f, g) -> Product:
    """f · g, e.g. ``multiply("sigmoid", "tanh")``."""
    return Product(f, g)


def compose(outer, inner) -> Compose:
    """outer(inner(z)), e.g. ``compose("tanh", "softplus")``."""
    return Compose(outer, inner)


def blend(f, g, weight: float = 0.5) -> Blend:
    """(1 - weight)·f + weight·g, e.g. ``blend("relu", "silu", weight=0.3)``; weight gets a slider."""
    return Blend(f, g, weight=weight)
