"""The activations: the base class and registry, one file per family, and their kernels.

``base`` holds :class:`Activation` and the registry; each family file (logistic, rectified,
exponential_linear, gated) declares its activations as classes and registers them on import;
``evaluation`` turns a learner's input into arrays for a kernel and back; ``kernels`` holds the
accurate elementwise kernels the families share.
"""
from actlib.activations.base import (INITIALISATIONS, Activation, UnknownActivationError, differentiate, get,
                                     names, register, registered, unregister, z_symbol)
from actlib.activations import exponential_linear, gated, logistic, rectified  # each registers its family

__all__ = ["INITIALISATIONS", "Activation", "UnknownActivationError", "differentiate", "get", "names",
           "register", "registered", "unregister", "z_symbol"]
