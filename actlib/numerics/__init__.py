"""Numerics around the activations: finite differences and the mpmath reference."""
from actlib.lazy import module_getattr

__getattr__ = module_getattr(__name__)  # actlib.training.nn without importing it first
