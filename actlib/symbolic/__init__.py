"""Formulas as sympy: reading what a learner types, derivations checked step by step, activations from an expression, combinations of activations."""
