"""The tiny network: shapes, backprop against finite differences, determinism, clear errors."""
import numpy as np
import pytest

import actlib
from actlib.training import datasets, nn
from actlib.training.nn import MLP

X, Y = datasets.moons(60, seed=1)


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_gradient_check_passes_for_smooth_activations(name):
    assert MLP([2, 5, 4, 1], name, seed=2).gradient_check(X[:25], Y[:25]) < 1e-6


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_gradient_check_away_from_kinks(name):
    # With h far below every |z| no chord straddles a kink, so the check is as tight as for smooth ones.
    net = MLP([2, 5, 1], name, seed=2)
    assert np.min(np.abs(net.forward(X[:25])[0])) > 1e-4
    assert net.gradient_check(X[:25], Y[:25], h=1e-7) < 1e-6


def test_a_broken_backward_pass_is_caught(monkeypatch):
    net = MLP([2, 4, 1], "tanh", seed=0)
    monkeypatch.setattr(net.activation, "derivative", lambda z: 1 - np.tanh(z))  # wrong: not 1 − tanh²
    assert net.gradient_check(X[:20], Y[:20]) > 1e-2


def test_shapes_and_outputs():
    net = MLP([2, 7, 3, 1], "relu", seed=0)
    assert [W.shape for W in net.weights] == [(2, 7), (7, 3), (3, 1)]
    pre = net.forward(X)
    assert [z.shape for z in pre] == [(60, 7), (60, 3), (60,)]
    proba = net.predict_proba(X)
    assert proba.shape == (60,) and np.all((proba > 0) & (proba < 1))
    assert set(np.unique(net.predict(X))) <= {0, 1} and net.predict(X).dtype == np.int64
    dW, db = net.gradients(X, Y)
    assert [g.shape for g in dW] == [(2, 7), (7, 3), (3, 1)] and [g.shape for g in db] == [(7,), (3,), (1,)]


@pytest.mark.parametrize("name", actlib.names())
def test_initialisation_scale_is_the_one_the_activation_declares(name):
    wide = 400
    std = MLP([wide, wide, 1], name, seed=0).weights[0].std()
    expected = {"he": np.sqrt(2 / wide), "glorot": np.sqrt(2 / (2 * wide))}[actlib.get(name).initialisation]
    assert std == pytest.approx(expected, rel=0.02)


def test_relu_like_activations_declare_he_and_the_others_glorot():
    assert actlib.get("relu").initialisation == actlib.get("leaky_relu").initialisation == "he"
    assert actlib.get("tanh").initialisation == "glorot"
    assert MLP([2, 3, 1], "relu", init="glorot").init == "glorot"


def test_training_is_deterministic_and_learns():
    first = MLP([2, 8, 1], "tanh", seed=3).fit(X, Y, epochs=200, learning_rate=0.5)
    second = MLP([2, 8, 1], "tanh", seed=3).fit(X, Y, epochs=200, learning_rate=0.5)
    assert first.loss == second.loss
    assert first.loss[-1] < 0.5 * first.loss[0] and first.accuracy[-1] > 0.85
    loss, accuracy, norms, dead = first.as_arrays()
    assert loss.shape == accuracy.shape == (201,) and norms.shape == (201, 2) and dead.shape == (201, 1)


def test_mini_batches_are_seeded():
    run = lambda seed: MLP([2, 8, 1], "tanh").fit(X, Y, epochs=5, batch_size=16, seed=seed).loss
    assert run(0) == run(0) and run(0) != run(1)


def test_loss_is_stable_for_huge_logits():
    net = MLP([2, 1], "tanh")
    net.weights[0][:] = 1e4
    assert np.isfinite(net.loss(X, Y))


def test_dead_units_are_recorded_for_relu_and_not_for_leaky():
    relu = MLP([2, 16, 1], "relu", seed=0, bias_init=-5.0).fit(X, Y, epochs=3)
    leaky = MLP([2, 16, 1], "leaky_relu", seed=0, bias_init=-5.0).fit(X, Y, epochs=3)
    assert relu.dead_fraction[0][0] > 0.5 and leaky.dead_fraction[0][0] == 0.0


def test_stuck_units_are_recorded_for_every_activation():
    # bias -5: every unit starts with z < 0 on every example; only ReLU's are also dead (slope 0)
    for name in ("relu", "leaky_relu", "tanh"):
        history = MLP([2, 16, 1], name, seed=0, bias_init=-5.0).fit(X, Y, epochs=2)
        assert history.stuck_fraction[0][0] > 0.5
        assert history.dead_fraction[0][0] == (history.stuck_fraction[0][0] if name == "relu" else 0.0)
        assert np.mean(history.stuck_units[0][0]) == history.stuck_fraction[0][0]


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "sigmoid"])
def test_full_batch_fit_is_plain_gradient_descent(activation):
    net, manual = MLP([2, 5, 1], activation, seed=4), MLP([2, 5, 1], activation, seed=4)
    net.fit(X, Y, epochs=3, learning_rate=0.5)
    for _ in range(3):
        dW, db = manual.gradients(X, Y)
        for W, b, gW, gb in zip(manual.weights, manual.biases, dW, db):
            W -= 0.5 * gW
            b -= 0.5 * gb
    pairs = list(zip(net.weights + net.biases, manual.weights + manual.biases))
    if activation in ("tanh", "sigmoid"):   # training uses their few-ulp kernels (nn._training_kernel)
        assert all(np.allclose(a, b, rtol=1e-13, atol=1e-15) for a, b in pairs)
    else:                                   # the activation's own kernel: the same bits
        assert all(np.array_equal(a, b) for a, b in pairs)


@pytest.mark.parametrize("name, params", [("tanh", {}), ("sigmoid", {}), ("selu", {}), ("elu", {"alpha": 0.5}),
                                          ("silu", {})])
def test_training_kernels_agree_with_the_public_ones_and_vanish_where_they_do(name, params):
    activation = actlib.get(name, **params)
    kernel = nn._training_kernel(activation)
    assert kernel is not activation._value_and_derivative
    z = np.concatenate([np.linspace(-800, 800, 20001), np.geomspace(1e-300, 50, 5000), -np.geomspace(1e-300, 50, 5000),
                        [0.0, -0.0, np.inf, -np.inf]])
    with np.errstate(invalid="ignore"):        # SiLU's z·σ(z) is inf·0 at −inf; training never sees ±inf
        value, slope = kernel(z)
    exact_value, exact_slope = activation.value_and_derivative(z)
    if name != "silu":
        assert np.array_equal(value[-2:], exact_value[-2:]) and np.array_equal(slope[-2:], exact_slope[-2:])  # ±inf
    value, slope, exact_value, exact_slope = value[:-2], slope[:-2], exact_value[:-2], exact_slope[:-2]
    if name == "silu":                          # its slope underflows a little differently only below z = −745
        keep = z[:-2] > -740
        value, slope, exact_value, exact_slope = value[keep], slope[keep], exact_value[keep], exact_slope[keep]
    assert np.all(np.abs(value - exact_value) <= np.maximum(4 * np.spacing(np.abs(exact_value)), 5e-16))
    slope_floor = 5e-16 if name == "silu" else 0.0   # SiLU's textbook slope cancels near its root z0 = −1.28
    assert np.all(np.abs(slope - exact_slope) <= np.maximum(8 * np.spacing(np.abs(exact_slope)), slope_floor))
    assert np.array_equal(slope == 0, exact_slope == 0)           # dead-unit counts cannot change
    assert np.all(np.sign(value) * np.sign(exact_value) >= 0)     # never the opposite sign (0 for |z| < 1e-16)
    assert np.isnan(kernel(np.array([np.nan]))[0]).all() and np.isnan(kernel(np.array([np.nan]))[1]).all()


@pytest.mark.parametrize("combination", [actlib.blend("relu", "silu", weight=0.3), actlib.add("tanh", "relu"),
                                         actlib.multiply("sigmoid", "tanh"), actlib.compose("tanh", "softplus")])
def test_combinations_train_with_their_parts_training_kernels(combination):
    kernel = nn._training_kernel(combination)
    z = np.concatenate([np.linspace(-30, 30, 6001), [0.0, np.nan]])
    value, slope = kernel(z)
    exact_value, exact_slope = combination.value_and_derivative(z)
    np.testing.assert_allclose(value, exact_value, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(slope, exact_slope, rtol=1e-12, atol=1e-15)
    assert np.array_equal(slope == 0, exact_slope == 0)           # dead-unit counts cannot change
    assert value.dtype == slope.dtype == np.float64 and np.isnan(value[-1]) and np.isnan(slope[-1])


@pytest.mark.parametrize("call, error, words", [
    (lambda: MLP([2], "tanh"), ValueError, "at least two whole numbers"),
    (lambda: MLP([2, 3, 2], "tanh"), ValueError, "last layer size must be 1"),
    (lambda: MLP("2,3,1"), ValueError, "layer_sizes must be a list"),
    (lambda: MLP([2, 3, 1], "sigmiod"), KeyError, "Did you mean 'sigmoid'"),
    (lambda: MLP([2, 3, 1]).fit(X[:, :1], Y), ValueError, r"shape \(n, 2\)"),
    (lambda: MLP([2, 3, 1]).fit(X, Y[:-1]), ValueError, "one label per row"),
    (lambda: MLP([2, 3, 1]).fit(X, Y + 1), ValueError, "only the labels 0 and 1"),
    (lambda: MLP([2, 3, 1]).fit(np.array([["a", "b"]]), [0]), TypeError, "numeric array"),
    (lambda: MLP([2, 3, 1]).fit(X, Y, epochs=0), ValueError, "epochs must be"),
    (lambda: MLP([2, 3, 1]).fit(X, Y, learning_rate=-1), ValueError, "learning_rate must be"),
    (lambda: MLP([2, 3, 1]).fit(X, Y, batch_size=0), ValueError, "batch_size must be"),
])
def test_bad_input_gets_a_clear_message(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_progress_in_a_terminal_is_one_rewritten_line_and_none_without_progress(capsys):
    MLP([2, 3, 1]).fit(X, Y, epochs=250, progress=True)
    shown = capsys.readouterr()
    assert shown.out == "" and shown.err.count("\n") == 1 and shown.err.count("\r") <= 102  # tqdm, on stderr
    assert "250/250" in shown.err and "loss=" in shown.err
    MLP([2, 3, 1]).fit(X, Y, epochs=250)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("make", [datasets.moons, datasets.circles, datasets.spirals])
def test_datasets_are_seeded_balanced_and_checked(make):
    X1, y1 = make(101, seed=5)
    X2, y2 = make(101, seed=5)
    assert X1.shape == (101, 2) and y1.shape == (101,) and X1.dtype == np.float64 and y1.dtype == np.int64
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2) and not np.array_equal(X1, make(101, seed=6)[0])
    assert (y1 == 0).sum() == 51 and (y1 == 1).sum() == 50
    with pytest.raises(ValueError, match="n must be a whole number"):
        make(1)
    with pytest.raises(ValueError, match="noise must be"):
        make(10, noise=-1)
