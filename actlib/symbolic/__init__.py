"""Formulas as sympy: reading what a learner types, derivations checked step by step, activations from an
expression, combinations of activations, answers read for the checks, hand-written LaTeX checked against
the expressions."""
from actlib.lazy import module_getattr

__getattr__ = module_getattr(__name__)  # actlib.training.nn without importing it first
