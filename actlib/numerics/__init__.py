"""Numerics around the activations: finite differences and the mpmath reference."""
