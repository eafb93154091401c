"""Experiments: datasets, the tiny numpy network, runs over seeds, gradients through chains of layers, dead units and the diagnosis lab."""
from actlib.lazy import module_getattr

__getattr__ = module_getattr(__name__)  # actlib.training.nn without importing it first
