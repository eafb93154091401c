import numpy as np
import pytest

import actlib
from actlib.training.layer_chains import chain_gradients


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


def test_weight_gradient_signs_per_example_and_summed():
    from actlib.training.layer_chains import weight_gradient_signs

    sigmoid = weight_gradient_signs("sigmoid", neurons=400, batch=16, fan_in=4, seed=3)
    tanh = weight_gradient_signs("tanh", neurons=400, batch=16, fan_in=4, seed=3)
    # positive inputs: on one example every weight gradient has the sign of δ
    assert sigmoid.per_example == 1.0
    # summed over a minibatch the signs mix in some neurons, but far less often than for tanh inputs
    assert 0 < sigmoid.per_minibatch < 1
    assert tanh.per_example < 0.2 and tanh.per_minibatch < sigmoid.per_minibatch
    assert sigmoid.mean_input > 0.4 and abs(tanh.mean_input) < 0.05
    # a batch of one example is the per-example case
    assert weight_gradient_signs("sigmoid", neurons=50, batch=1, seed=1).per_minibatch == 1.0
    with pytest.raises(ValueError):
        weight_gradient_signs("sigmoid", batch=0)
