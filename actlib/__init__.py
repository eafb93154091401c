"""actlib: activation functions, their derivatives, and tools to see why they train well or badly.

>>> import actlib
>>> sigmoid = actlib.get("sigmoid")
>>> float(sigmoid.derivative(0.0))
0.25
"""
from actlib.activations import Activation, UnknownActivationError, get, names, register, unregister, z
from actlib.activations import exponential_linear, gated, logistic, rectified  # each registers its family's activations
from actlib.symbolic.combine import add, blend, compose, multiply
from actlib.symbolic.from_expression import from_expression
from actlib.numerics.finite_differences import METHODS, StepSweep, default_step, finite_difference, step_sweep

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


def __getattr__(name):
    """Lazy names, and every public submodule as an attribute (``actlib.training.nn.MLP``) on first use."""
    from importlib import import_module

    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    if not name.startswith("_"):
        try:
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":  # the submodule exists but one of its imports failed
                raise
    raise AttributeError(f"module 'actlib' has no attribute {name!r}")


__all__ = [
    "Activation", "UnknownActivationError", "get", "names", "register", "unregister", "z",
    "add", "blend", "compose", "multiply", "from_expression",
    "METHODS", "StepSweep", "default_step", "finite_difference", "step_sweep", *_LAZY,
]
