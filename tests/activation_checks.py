"""The checks every registered activation gets, driven by the facts its class declares.

Not a test module: test_activations.py, test_accuracy.py and test_properties.py run these over
``activations_under_test()``, and test_registry.py runs them on a throwaway activation to show
that a new class needs nothing else edited.
"""
import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import actlib
from actlib.views.properties import properties
from actlib.numerics.reference import accuracy, accuracy_points

FLOATS = [np.float16, np.float32, np.float64]


def variants(name):
    """The activation at its defaults, then at both ends of each parameter's slider range and at
    each other choice of a text parameter: the settings a learner can reach in the explorer."""
    default = actlib.get(name)
    found = [default]
    for key, ends in default.parameter_ranges.items():
        found += [default.with_params(**{key: end}) for end in ends if end != default.params[key]]
    for key, options in default.choices.items():
        found += [default.with_params(**{key: option}) for option in options if option != default.params[key]]
    return found


def activations_under_test():
    return [activation for name in actlib.names() for activation in variants(name)]


def all_derivative_roots():
    return sorted({root for activation in activations_under_test() for root in activation.derivative_roots})


def no_warnings(function, *args):
    """Call function(*args) with every numpy floating-point error turned into an exception."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return function(*args)


def _widened(bounds, dtype):
    """The declared (low, high), widened by 4 eps: the bounds round in float16/float32, and the
    computed extremes may be a few ulp off the exact ones."""
    margin = 4 * float(np.finfo(dtype).eps)
    low, high = bounds
    return low - margin * max(1, abs(low)), high + margin * max(1, abs(high))


def float_arrays(dtype):
    elements = st.floats(width=np.finfo(dtype).bits, allow_nan=True, allow_infinity=True, allow_subnormal=True)
    interesting = st.sampled_from([0.0, -0.0, np.inf, -np.inf, np.nan, float(np.finfo(dtype).max),
                                   float(np.finfo(dtype).smallest_subnormal), -float(np.finfo(dtype).max)])
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, max_side=6), elements=elements | interesting)


def check_on_random_floats(activation, dtype):
    """Random arrays of ``dtype`` (±0, ±inf, nan, subnormals included): no warning, dtype and shape
    kept, nan exactly where the input is nan, value and slope inside the declared ranges, and the
    separate calls equal to the joint one."""
    low, high = _widened(activation.value_range, dtype)
    slope_low, slope_high = _widened(activation.slope_range, dtype)

    @given(float_arrays(dtype))
    def check(z):
        value, slope = no_warnings(activation.value_and_derivative, z)
        assert value.dtype == slope.dtype == dtype and value.shape == slope.shape == np.shape(z)
        nan = np.isnan(z)
        assert np.array_equal(np.isnan(value), nan) and np.array_equal(np.isnan(slope), nan)
        assert np.all((value[~nan] >= low) & (value[~nan] <= high))
        assert np.all((slope[~nan] >= slope_low) & (slope[~nan] <= slope_high))
        np.testing.assert_array_equal(no_warnings(activation, z), value)
        np.testing.assert_array_equal(no_warnings(activation.derivative, z), slope)

    check()


def check_limits(activation, dtype):
    """-inf and +inf give the declared limits of value and slope; nan gives nan."""
    z = np.array([-np.inf, np.inf, np.nan], dtype=dtype)
    value, slope = no_warnings(activation.value_and_derivative, z)
    (value_limits, slope_limits) = activation.limits
    np.testing.assert_array_equal(value[:2], np.array(value_limits, dtype=dtype))
    np.testing.assert_array_equal(slope[:2], np.array(slope_limits, dtype=dtype))
    assert np.isnan(value[2]) and np.isnan(slope[2])


def check_accuracy(activation, dtype, derivative):
    """Within the activation's own ``max_ulp`` of its sympy expression evaluated by mpmath."""
    points = accuracy_points(dtype, activation.derivative_roots)
    errors = accuracy(activation, points, dtype=dtype, derivative=derivative)
    worst = int(np.argmax(errors))
    quantity = "derivative" if derivative else "value"
    assert errors[worst] <= activation.max_ulp(dtype, derivative), (
        f"{activation!r} {quantity} ({np.dtype(dtype).name}) is off by "
        f"{errors[worst]:.2f} ulp at z = {points[worst]!r}"
    )


def check_measured_properties(activation):
    """What ``actlib.views.properties`` measures agrees with what the class declares."""
    measured = properties(activation)
    assert (measured.monotone, measured.smooth, measured.saturates) == (
        activation.monotone, activation.smooth, activation.saturates)
    # the measurement's grid has step 1e-4, so an interior extreme is found to within ~1e-3
    np.testing.assert_allclose(measured.value_range, activation.value_range, atol=1e-3)
    np.testing.assert_allclose(measured.slope_range, activation.slope_range, atol=1e-3)
    assert (abs(measured.mean_output) < 0.01) == activation.zero_centred, measured.mean_output
