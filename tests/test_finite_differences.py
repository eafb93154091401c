import numpy as np
import pytest

import actlib


def cube(z):
    return z ** 3


def test_each_method_on_a_polynomial():
    z, exact = 2.0, 12.0
    for method, tolerance in [("forward", 1e-6), ("backward", 1e-6), ("central", 1e-9), ("complex_step", 1e-15)]:
        approximation = actlib.finite_difference(cube, z, method=method)
        assert abs(approximation - exact) <= tolerance * exact, method
    # forward overestimates a convex function's slope, backward underestimates it
    assert actlib.finite_difference(cube, z, h=1e-3, method="forward") > exact > actlib.finite_difference(
        cube, z, h=1e-3, method="backward")


def test_truncation_error_orders():
    """Halving h halves the forward error and quarters the central one."""
    z, exact = 1.0, 3.0
    forward = [abs(actlib.finite_difference(cube, z, h=h, method="forward") - exact) for h in (1e-2, 5e-3)]
    central = [abs(actlib.finite_difference(cube, z, h=h, method="central") - exact) for h in (1e-2, 5e-3)]
    assert forward[0] / forward[1] == pytest.approx(2, rel=0.02)
    assert central[0] / central[1] == pytest.approx(4, rel=0.02)


def test_arrays_and_dtypes():
    sigmoid = actlib.get("sigmoid")
    z = np.linspace(-4, 4, 9)
    slopes = actlib.finite_difference(sigmoid, z)
    assert slopes.shape == z.shape and slopes.dtype == np.float64
    np.testing.assert_allclose(slopes, sigmoid.derivative(z), rtol=1e-9)
    single = actlib.finite_difference(sigmoid, z.astype(np.float32))
    assert single.dtype == np.float32
    # float32 rounding makes the same difference ~1e6 times worse
    assert np.max(np.abs(single - sigmoid.derivative(z))) > 1e-6


def test_complex_step_is_accurate_to_rounding_for_activations():
    for name in ("sigmoid", "tanh"):
        activation = actlib.get(name)
        z = np.array([-30.0, -2.0, 0.3, 5.0, 30.0])
        np.testing.assert_allclose(actlib.finite_difference(activation, z, method="complex_step"),
                                   activation.derivative(z), rtol=1e-14)


def test_at_the_relu_kink():
    relu = actlib.get("relu")
    assert actlib.finite_difference(relu, 0.0, method="central") == 0.5
    assert actlib.finite_difference(relu, 0.0, method="forward") == 1.0
    assert actlib.finite_difference(relu, 0.0, method="backward") == 0.0
    assert actlib.finite_difference(relu, 0.0, method="complex_step") == 0.0  # follows the z <= 0 branch


def test_bad_arguments():
    with pytest.raises(ValueError, match="valid methods: forward, backward, central, complex_step"):
        actlib.finite_difference(cube, 1.0, method="centered")
    with pytest.raises(ValueError, match="positive step"):
        actlib.finite_difference(cube, 1.0, h=0.0)
    with pytest.raises(TypeError, match="complex input"):
        actlib.finite_difference(lambda z: np.real(z) ** 2, 1.0, method="complex_step")
    with pytest.raises(TypeError, match="expects a real number"):
        actlib.finite_difference(cube, "1.0")
    with pytest.raises(ValueError, match="below the spacing of floats"):
        actlib.finite_difference(cube, 1.0, h=1e-17)


def test_step_sweep_shows_truncation_and_rounding():
    sigmoid = actlib.get("sigmoid")
    sweep = actlib.step_sweep(sigmoid, sigmoid.derivative, 1.0)
    assert sweep.relative and sweep.steps.shape == sweep.errors["central"].shape
    # the best step sits near the textbook estimate: eps**(1/2) forward, eps**(1/3) central
    assert 1e-10 < sweep.best_step("forward") < 1e-6
    assert 1e-7 < sweep.best_step("central") < 1e-3
    central = sweep.errors["central"]
    best, smallest_usable = np.nanmin(central), central[np.isfinite(central)][0]
    assert smallest_usable > 1e3 * best and central[-1] > 1e3 * best  # the V: both ends are far worse
    assert np.isnan(central[0])  # h = 1e-16 is below the float spacing at z = 1
    assert sweep.errors["complex_step"][:33].max() < 1e-15  # h <= 1e-8: no rounding floor, truncation ~h**2


def test_smoothed_best_step_ignores_a_lucky_step():
    sweep = actlib.step_sweep(np.sin, np.cos, 1.0, methods=("central",))
    raw, smoothed = sweep.best_step("central"), sweep.best_step("central", smooth=0.5)
    assert sweep.best_step("central", smooth=0) == raw
    # the smoothed minimum sits within a factor of 10 of the model's best step (3|f|/|f'''|)^(1/3)·∛eps
    predicted = np.cbrt(3 * np.sin(1.0) / np.cos(1.0) * np.finfo(float).eps)
    assert predicted / 10 < smoothed < predicted * 10
    with pytest.raises(ValueError, match="decades"):
        sweep.best_step("central", smooth=-1)
    with pytest.raises(ValueError, match="no step"):   # a window wider than the grid
        sweep.best_step("central", smooth=20)


def test_numerical_gradient_matches_the_analytic_one_and_restores_the_array():
    from actlib.numerics.finite_differences import numerical_gradient

    weights = np.array([[0.5, -1.0], [2.0, 0.25]])
    before = weights.copy()
    gradient = numerical_gradient(lambda: float(np.sum(np.sin(weights))), weights, h=1e-6)
    np.testing.assert_allclose(gradient, np.cos(before), rtol=1e-9)
    assert np.array_equal(weights, before)

    def failing_loss():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(failing_loss, weights)
    assert np.array_equal(weights, before)   # restored even when the loss raises
