"""actlib: activation functions, their derivatives, and tools to see why they train well or badly.

>>> import actlib
>>> sigmoid = actlib.get("sigmoid")
>>> float(sigmoid.derivative(0.0))
0.25
"""
from .activations import Activation, UnknownActivationError, get, names, register, z
from . import modern  # registers softplus, elu, selu, gelu, silu, mish
from .combine import add, blend, compose, multiply
from .custom import from_expression
from .finite_differences import METHODS, StepSweep, default_step, finite_difference, step_sweep

__version__ = "0.1.0"

# Plotting and the explorer import matplotlib and ipywidgets; load them on first use so that
# `import actlib` stays quick in scripts and tests that only need numbers.
_LAZY = {
    "plot_activation": "plotting",
    "plot_error_panel": "plotting",
    "plot_step_sweep": "plotting",
    "plot_decision_boundary": "plotting",
    "accuracy_report": "reference",
    "explore": "explorer",
    "Explorer": "explorer",
}


# Submodules reachable as attributes (actlib.nn.MLP) without importing them all up front.
_SUBMODULES = ("combine", "custom", "modern", "nn", "datasets", "chain", "dead_units", "reference", "checks", "exercises", "plotting", "explorer")


def __getattr__(name):
    if name in _SUBMODULES:
        from importlib import import_module

        return import_module(f".{name}", __name__)
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'actlib' has no attribute {name!r}")


__all__ = [
    "Activation", "UnknownActivationError", "get", "names", "register", "z",
    "add", "blend", "compose", "multiply", "from_expression",
    "METHODS", "StepSweep", "default_step", "finite_difference", "step_sweep", *_LAZY,
]
