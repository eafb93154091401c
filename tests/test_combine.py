"""Sums, products, compositions and blends of activations: derivatives by the product and chain rules."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import actlib
from actlib.symbolic.combine import Blend, Compose, Product, Sum

COMBINATIONS = [
    actlib.add("relu", "tanh"),
    actlib.multiply("sigmoid", "tanh"),
    actlib.multiply("softplus", "silu"),
    actlib.compose("tanh", "softplus"),
    actlib.compose("sigmoid", "gelu"),
    actlib.blend("relu", "silu", weight=0.3),
    actlib.blend(actlib.get("leaky_relu", alpha=0.2), "mish", weight=0.8),
]
IDS = [combination.name for combination in COMBINATIONS]


@pytest.mark.parametrize("combination", COMBINATIONS, ids=IDS)
@given(z=st.floats(-20, 20))
def test_derivative_agrees_with_central_difference(combination, z):
    if "relu" in combination.name and abs(z) < 1e-3:
        return  # the difference straddles ReLU's kink
    slope = combination.derivative(z)
    approximation = actlib.finite_difference(combination, z, method="central")
    assert abs(approximation - slope) <= 1e-6 * abs(slope) + 1e-9


@pytest.mark.parametrize("combination", COMBINATIONS, ids=IDS)
def test_numbers_match_the_combined_sympy_expression(combination):
    z = np.linspace(-6, 6, 49) + 0.01  # off ReLU's kink
    value = sp.lambdify(actlib.z, combination.expr, ["scipy", "numpy"])
    slope = sp.lambdify(actlib.z, combination.derivative_expr, ["scipy", "numpy"])
    np.testing.assert_allclose(np.broadcast_to(value(z), z.shape), combination(z), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(np.broadcast_to(slope(z), z.shape), combination.derivative(z), rtol=1e-11, atol=1e-14)


@pytest.mark.parametrize("combination", COMBINATIONS, ids=IDS)
def test_contract_dtype_shape_nan_and_no_warnings(combination):
    import warnings

    z = np.array([[-np.inf, -3e38, -3.0], [0.5, np.nan, np.inf]], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, slope = combination.value_and_derivative(z)
    assert value.dtype == slope.dtype == np.float32 and value.shape == slope.shape == (2, 3)
    assert np.isnan(value[1, 1]) and np.isnan(slope[1, 1]) and np.all(np.isfinite(slope[[0, 0, 1], [0, 2, 0]]))


def test_rules_by_hand():
    z = 0.7
    s, t = actlib.get("sigmoid"), actlib.get("tanh")
    product = actlib.multiply(s, t)
    assert product.derivative(z) == pytest.approx(s.derivative(z) * t(z) + s(z) * t.derivative(z), rel=1e-15)
    chain = actlib.compose(s, t)
    assert chain.derivative(z) == pytest.approx(s.derivative(t(z)) * t.derivative(z), rel=1e-15)
    assert chain(z) == pytest.approx(s(t(z)), rel=1e-15)


def test_blend_weight_is_a_parameter_with_ends_equal_to_the_parts():
    relu, silu = actlib.get("relu"), actlib.get("silu")
    blend = actlib.blend(relu, silu, weight=0.0)
    z = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(blend(z), relu(z))
    np.testing.assert_array_equal(blend.with_params(weight=1.0)(z), silu(z))
    assert blend.parameter_ranges["weight"] == (0.0, 1.0) and isinstance(blend.with_params(weight=0.5), Blend)


def test_identity_repr_and_names():
    a, b = actlib.add("relu", "tanh"), actlib.add(actlib.get("relu"), actlib.get("tanh"))
    assert a == b and hash(a) == hash(b) and a != actlib.add("tanh", "relu")
    assert isinstance(a, Sum) and a.name == "relu + tanh"
    assert repr(actlib.compose("tanh", "softplus")) == "actlib.compose(actlib.get('tanh'), actlib.get('softplus'))"
    assert isinstance(actlib.multiply("relu", "relu"), Product) and isinstance(actlib.compose("relu", "relu"), Compose)


def test_unknown_part_names_the_valid_ones():
    with pytest.raises(KeyError, match="Valid names"):
        actlib.add("relu", "swishh")


def test_trains_in_the_network():
    from actlib.training.nn import MLP

    network = MLP([2, 6, 1], actlib.blend("tanh", "silu", weight=0.5), seed=0)
    X = np.random.default_rng(1).normal(size=(30, 2))
    assert network.gradient_check(X, (X[:, 1] > 0).astype(float)) < 1e-7
