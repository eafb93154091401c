"""Accuracy of every activation against a 450-digit mpmath reference, measured in ulps.

Each activation is held to its own ``max_ulp`` (4 ulp unless its class says why not) over a dense
grid, the tails, the overflow/underflow edges and the roots of its derivative; see
``activation_checks.accuracy_points``. The measured figures are in benchmarks/results/accuracy.md.

That sweep (about 3,600 points per activation, dtype and quantity, each evaluated with 450 digits:
minutes of mpmath) is marked ``sweep`` and runs in `make test-content` (so in `make test`); the unit
layer holds every activation to the same bound on every 50th of those points.
"""
import numpy as np
import pytest

import actlib
from actlib.numerics.reference import accuracy, accuracy_points, ulp_errors
from activation_checks import activations_under_test, check_accuracy

ALL = activations_under_test()


@pytest.mark.sweep
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
@pytest.mark.parametrize("activation", ALL, ids=repr)
def test_within_max_ulp_of_reference(activation, derivative, dtype):
    check_accuracy(activation, dtype, derivative)


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("derivative", [False, True], ids=["value", "derivative"])
@pytest.mark.parametrize("activation", ALL, ids=repr)
def test_within_max_ulp_of_reference_at_every_50th_point(activation, derivative, dtype):
    """The sweep above, thinned for the unit layer: the grid, the tails and the overflow edges every
    50th point, and every point near a root of the derivative (where textbook forms cancel)."""
    points = accuracy_points(dtype, activation.derivative_roots)
    offsets = [-1e-6, -1e-9, -1e-12, -1e-15, 0.0, 1e-15, 1e-12, 1e-9, 1e-6]  # as accuracy_points takes them
    near_a_root = np.isin(points, np.add.outer(activation.derivative_roots, offsets).astype(dtype))
    points = points[(np.arange(points.size) % 50 == 0) | near_a_root]
    errors = accuracy(activation, points, dtype=dtype, derivative=derivative)
    worst = int(np.argmax(errors))
    assert errors[worst] <= activation.max_ulp(dtype, derivative), (
        f"{activation!r} {'derivative' if derivative else 'value'} ({np.dtype(dtype).name}) is off by "
        f"{errors[worst]:.2f} ulp at z = {points[worst]!r}")


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_textbook_identity_fails_where_actlib_does_not(name):
    """The reason actlib does not compute g' as g(1-g) or 1-g^2: both lose every digit in the tails."""
    activation = actlib.get(name)
    z = np.array([30.0, 37.0, 40.0])
    textbook = activation.derivative_from_output(activation(z))
    assert np.all(ulp_errors(textbook, actlib.numerics.reference.reference(name, z, derivative=True), np.float64) > 1e10)
    assert np.all(accuracy(name, z, derivative=True) <= activation.max_ulp())


def test_ulp_error_is_measured_not_assumed():
    """ulp_errors itself: one ulp off reads as 1, a wrong value as many, nan as infinite."""
    exact = actlib.numerics.reference.reference("sigmoid", [1.0])
    value = float(actlib.get("sigmoid")(1.0))
    off_by_one = np.nextafter(value, 2.0)
    errors = ulp_errors([value, off_by_one, value * 1.001, np.nan], exact * 4, np.float64)
    assert errors[0] <= 0.5 and 0.5 <= errors[1] <= 1.5 and errors[2] > 1e10 and np.isinf(errors[3])


def test_reference_float64_keeps_the_shape_and_rounds_the_reference():
    from actlib.numerics.reference import reference, reference_float64

    z = np.array([[0.0, 40.0], [-3.0, 700.0]])
    values = reference_float64("sigmoid", z, derivative=True)
    assert values.shape == (2, 2) and values.dtype == np.float64
    assert values[0, 1] == float(reference("sigmoid", [40.0], derivative=True)[0]) > 0
