"""Experiments: datasets, the tiny numpy network, runs over seeds, gradients through chains of layers, dead units and the diagnosis lab."""
