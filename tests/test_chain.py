import numpy as np
import pytest

import actlib
from actlib.chain import chain_gradients


def test_matches_a_hand_written_backward_pass_for_two_layers():
    result = chain_gradients("tanh", depth=2, width=3, seed=1)
    rng = np.random.default_rng(1)
    W1, W2 = rng.normal(0, 1 / np.sqrt(3), (3, 3)), rng.normal(0, 1 / np.sqrt(3), (3, 3))
    x = rng.normal(size=3)
    z1 = W1 @ x
    z2 = W2 @ np.tanh(z1)
    delta2 = 1 - np.tanh(z2) ** 2
    delta1 = (1 - np.tanh(z1) ** 2) * (W2.T @ delta2)
    np.testing.assert_allclose(result.delta_norms, [np.linalg.norm(delta1), np.linalg.norm(delta2)], rtol=1e-12)
    assert result.relative[-1] == 1.0


def test_sigmoid_vanishes_faster_than_tanh_and_is_deterministic():
    sigmoid, tanh = chain_gradients("sigmoid"), chain_gradients("tanh")
    assert sigmoid.relative[0] < 1e-4 < tanh.relative[0]
    np.testing.assert_array_equal(chain_gradients("sigmoid").delta_norms, sigmoid.delta_norms)
    assert sigmoid.slopes.shape == (10, 32) and np.all(sigmoid.slopes <= 0.25)


def test_accepts_an_activation_and_checks_arguments():
    assert chain_gradients(actlib.get("leaky_relu", alpha=0.1), depth=3).activation.params["alpha"] == 0.1
    with pytest.raises(ValueError, match="depth must be a whole number"):
        chain_gradients("tanh", depth=0)
    with pytest.raises(ValueError, match="weight_std must be positive"):
        chain_gradients("tanh", weight_std=-1)
    with pytest.raises(KeyError, match="Did you mean 'tanh'"):
        chain_gradients("tahn")
