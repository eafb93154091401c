"""actlib: activation functions, their derivatives, and tools to see why they train well or badly.

>>> import actlib
>>> sigmoid = actlib.get("sigmoid")
>>> float(sigmoid.derivative(0.0))
0.25
"""
from actlib.lazy import module_getattr
from actlib.activations import Activation, UnknownActivationError, get, names, register, unregister, z_symbol
from actlib.activations import exponential_linear, gated, logistic, rectified  # each registers its family
from actlib.symbolic.combine import add, blend, compose, multiply
from actlib.symbolic.from_expression import from_expression
from actlib.numerics.finite_differences import METHODS, StepSweep, default_step, finite_difference, step_sweep

__version__ = "0.1.0"

z = z_symbol
"""The sympy symbol of every ``Activation.expr``: the notebooks' short alias of ``z_symbol``, the name the
library uses (where ``z`` is a float argument). ``actlib.z`` is ``actlib.activations.z_symbol``."""

# Plotting and the explorer import matplotlib and ipywidgets; load them on first use so that
# `import actlib` stays quick in scripts and tests that only need numbers.
_LAZY = {
    "plot_activation": "views.plotting",
    "plot_error_panel": "views.plotting",
    "plot_step_sweep": "views.plotting",
    "plot_decision_boundary": "views.plotting",
    "accuracy_report": "numerics.reference",
    "explore": "views.explorer",
    "Explorer": "views.explorer",
}


__getattr__ = module_getattr(__name__, _LAZY)


__all__ = [
    "Activation", "UnknownActivationError", "get", "names", "register", "unregister", "z",
    "add", "blend", "compose", "multiply", "from_expression",
    "METHODS", "StepSweep", "default_step", "finite_difference", "step_sweep", *_LAZY,
]
