"""The Activation contract: dtype and shape, limits, kink conventions, errors, sympy expressions."""
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import actlib
from test_accuracy import ROOTS  # the roots of GELU', SiLU', Mish' and the tanh-GELU'

ALL = ([actlib.get(name) for name in actlib.names()] + [actlib.get("leaky_relu", alpha=a) for a in (0.0, 0.3, 1.0, 2.5)]
       + [actlib.get("gelu", approximate="tanh"), actlib.get("elu", alpha=0.5)])
IDS = [repr(a) for a in ALL]
FLOATS = [np.float16, np.float32, np.float64]


def no_warnings(function, *args):
    """Call function(*args) with every numpy floating-point error turned into an exception."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return function(*args)


# -- registry and errors --------------------------------------------------------------------------

def test_names_are_the_seeds_four():
    assert {"sigmoid", "tanh", "relu", "leaky_relu"} <= set(actlib.names())


def test_unknown_name_lists_valid_names_and_suggests_closest():
    with pytest.raises(KeyError) as info:
        actlib.get("sigmiod")
    message = str(info.value)
    assert "Did you mean 'sigmoid'?" in message and all(name in message for name in actlib.names())
    with pytest.raises(ValueError, match="Valid names"):
        actlib.get("softmax-ish")
    assert "Did you mean 'leaky_relu'" in str(pytest.raises(KeyError, actlib.get, "Leaky-ReLU").value)


@pytest.mark.parametrize("bad", [3, None, sp.Symbol("z")])
def test_get_needs_a_name(bad):
    with pytest.raises(TypeError, match="activation name"):
        actlib.get(bad)


def test_parameters_are_checked():
    with pytest.raises(TypeError, match="valid parameters: alpha"):
        actlib.get("leaky_relu", beta=0.1)
    with pytest.raises(TypeError, match="valid parameters: none"):
        actlib.get("relu", alpha=0.1)
    with pytest.raises(ValueError, match="finite"):
        actlib.get("leaky_relu", alpha=float("nan"))
    with pytest.raises(TypeError, match="real number"):
        actlib.get("leaky_relu", alpha="0.1")


def test_get_passes_activations_through_and_rebinds_parameters():
    leaky = actlib.get("leaky_relu", alpha=0.2)
    assert actlib.get(leaky) is leaky
    assert actlib.get(leaky, alpha=0.5).params == {"alpha": 0.5}
    assert leaky == actlib.get("leaky_relu", alpha=0.2) and hash(leaky) == hash(actlib.get("leaky_relu", alpha=0.2))
    assert repr(leaky) == "actlib.get('leaky_relu', alpha=0.2)"


@pytest.mark.parametrize("bad", ["1.0", b"1", ["a", "b"], np.array(["1"]), np.array([None, 1.0]),
                                 {"z": 1}, np.array(["2020-01-01"], dtype="datetime64[D]")])
@pytest.mark.parametrize("method", ["__call__", "derivative", "value_and_derivative"])
def test_non_numeric_input_gets_one_clear_message(bad, method):
    with pytest.raises(TypeError, match="expects a real number or an array of real numbers"):
        getattr(actlib.get("sigmoid"), method)(bad)


def test_complex_input_only_for_the_value():
    tanh = actlib.get("tanh")
    assert np.iscomplexobj(tanh(1 + 1e-20j))
    with pytest.raises(TypeError, match="complex-step"):
        tanh.derivative(1 + 0j)


def test_derivative_from_output_only_where_it_exists():
    with pytest.raises(NotImplementedError, match="Only sigmoid and tanh"):
        actlib.get("relu").derivative_from_output(1.0)


# -- dtype, shape, scalars --------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ALL, ids=IDS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_dtype_and_shape_are_kept(activation, dtype):
    z = np.linspace(-3, 3, 24, dtype=dtype).reshape(2, 3, 4)
    for result in (activation(z), activation.derivative(z), *activation.value_and_derivative(z)):
        assert result.dtype == dtype and result.shape == (2, 3, 4)


@pytest.mark.parametrize("activation", ALL, ids=IDS)
def test_scalars_ints_lists_and_views(activation):
    assert type(activation(0.5)) is np.float64 and type(activation.derivative(2)) is np.float64
    assert type(activation(np.float32(0.5))) is np.float32
    assert activation(np.arange(3)).dtype == np.float64 and activation([True, False]).dtype == np.float64
    assert activation(np.empty((0, 3))).shape == (0, 3)
    z = np.linspace(-5, 5, 40).reshape(4, 10)
    np.testing.assert_array_equal(activation(z[:, ::3]), activation(np.ascontiguousarray(z[:, ::3])))
    np.testing.assert_array_equal(activation(z.T), activation(z).T)


@pytest.mark.parametrize("activation", ALL, ids=IDS)
def test_large_arrays_match_small_ones(activation):
    """Inputs above the block size take the blockwise path; it must give identical numbers."""
    z = np.random.default_rng(0).normal(0, 10, 3 * actlib._elementwise.BLOCK_SIZE + 17)
    value, slope = activation.value_and_derivative(z)
    np.testing.assert_array_equal(value, [activation(x) for x in z[:50]] + list(value[50:]))
    np.testing.assert_array_equal(slope[-50:], [activation.derivative(x) for x in z[-50:]])
    np.testing.assert_array_equal(value, activation(z))
    np.testing.assert_array_equal(slope, activation.derivative(z))


SPECIAL = np.array([-np.inf, -1e300, -1e4, -745.5, -740.0, -710.0, -700.0, -699.0, -37.5, -20.0, *ROOTS,
                    -5e-324, -0.0, 0.0, 5e-324, 1e-8, 0.5, 2.0, 37.5, 710.0, 1e300, np.inf, np.nan])


@pytest.mark.parametrize("activation", ALL, ids=IDS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_value_alone_equals_value_from_value_and_derivative(activation, dtype):
    """Value-only calls skip the derivative's work; where they branch (subnormal scaling, roots,
    overflow edges, infinities) they must still give the very same numbers."""
    with np.errstate(over="ignore"):  # 1e300 becomes inf in float16 and float32, as intended
        z = SPECIAL.astype(dtype)
    np.testing.assert_array_equal(no_warnings(activation, z), activation.value_and_derivative(z)[0])


# -- limits, nan, kinks -----------------------------------------------------------------------------

LIMITS = {  # name: (g(-inf), g(+inf), g'(-inf), g'(+inf))
    "sigmoid": (0, 1, 0, 0), "tanh": (-1, 1, 0, 0), "relu": (0, np.inf, 0, 1), "leaky_relu": (-np.inf, np.inf, 0.01, 1),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
@pytest.mark.parametrize("dtype", FLOATS)
def test_infinities_give_limits_and_nan_gives_nan(name, dtype):
    activation = actlib.get(name)
    z = np.array([-np.inf, np.inf, np.nan], dtype=dtype)
    value, slope = no_warnings(activation.value_and_derivative, z)
    expected = LIMITS[name]
    np.testing.assert_array_equal(value[:2], np.array(expected[:2], dtype=dtype))
    np.testing.assert_array_equal(slope[:2], np.array(expected[2:], dtype=dtype))
    assert np.isnan(value[2]) and np.isnan(slope[2])


def test_leaky_relu_with_alpha_zero_is_relu_even_at_minus_infinity():
    z = np.array([-np.inf, -2.0, 0.0, 3.0, np.inf, np.nan])
    leaky, relu = actlib.get("leaky_relu", alpha=0.0), actlib.get("relu")
    np.testing.assert_array_equal(no_warnings(leaky, z), relu(z))
    np.testing.assert_array_equal(no_warnings(leaky.derivative, z), relu.derivative(z))


def test_leaky_relu_for_alpha_above_one_is_min_not_max():
    leaky = actlib.get("leaky_relu", alpha=2.0)
    z = np.array([-3.0, -1.0, 0.5, 4.0])
    np.testing.assert_array_equal(leaky(z), np.minimum(2 * z, z))
    assert not np.array_equal(leaky(z), np.maximum(2 * z, z))


@pytest.mark.parametrize("zero", [0.0, -0.0])
def test_kink_conventions(zero):
    assert actlib.get("relu").derivative(zero) == 0.0
    assert actlib.get("leaky_relu").derivative(zero) == 0.01
    assert actlib.get("leaky_relu", alpha=0.3).derivative(zero) == 0.3


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_symbolic_derivative_carries_the_kink_convention(name):
    activation = actlib.get(name)
    assert activation.derivative_expr.subs(actlib.z, 0) == sp.nsimplify(float(activation.derivative(0.0)))


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_slopes_are_exact(name):
    activation = actlib.get(name, **({"alpha": 0.01} if name == "leaky_relu" else {}))
    slopes = activation.derivative(np.array([-5.0, -1e-300, 0.0, 1e-300, 7.0]))
    low = activation.params.get("alpha", 0.0)
    np.testing.assert_array_equal(slopes, [low, low, low, 1.0, 1.0])


# -- sympy ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ALL, ids=IDS)
def test_sympy_expression_matches_numbers(activation):
    z = np.linspace(-8, 8, 33)
    value = sp.lambdify(actlib.z, activation.expr, ["scipy", "numpy"])
    slope = sp.lambdify(actlib.z, activation.derivative_expr, ["scipy", "numpy"])
    # atol: lambdified textbook forms such as 1 - tanh(z)**2 or 1 + erf(z/sqrt(2)) cancel to an
    # absolute error of ~1e-16 (the accuracy tests compare with mpmath instead)
    np.testing.assert_allclose(np.broadcast_to(value(z), z.shape), activation(z), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(np.broadcast_to(slope(z), z.shape), activation.derivative(z), rtol=1e-12, atol=1e-15)


def test_parameters_in_expressions():
    leaky = actlib.get("leaky_relu", alpha=0.01)
    assert leaky.expr == sp.Piecewise((actlib.z, actlib.z > 0), (actlib.z / 100, True))
    alpha = sp.Symbol("alpha", real=True)
    assert sp.diff(leaky.symbolic(keep_parameters=True), alpha).subs(actlib.z, -2) == -2


def test_docstrings_state_formula_and_convention():
    for name in actlib.names():
        doc = type(actlib.get(name)).__doc__
        assert ".. math::" in doc, name
    assert "ReLU'(0) = 0" in actlib.activations.__doc__ and "JAX" in type(actlib.get("leaky_relu")).__doc__


# -- properties over random floats of every dtype (hypothesis) ---------------------------------------

def float_arrays(dtype):
    elements = st.floats(width=np.finfo(dtype).bits, allow_nan=True, allow_infinity=True, allow_subnormal=True)
    interesting = st.sampled_from([0.0, -0.0, np.inf, -np.inf, np.nan, float(np.finfo(dtype).max),
                                   float(np.finfo(dtype).smallest_subnormal), -float(np.finfo(dtype).max)])
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, max_side=6), elements=elements | interesting)


# (value range, derivative range) of each activation; the minima of GELU, SiLU and Mish and their
# derivatives' extremes were found with mpmath (30 digits: roots of g' and g'').
RANGES = {"sigmoid": ((0, 1), (0, 0.25)), "tanh": ((-1, 1), (0, 1)), "relu": ((0, np.inf), (0, 1)),
          "leaky_relu": ((-np.inf, np.inf), (0.01, 1)), "softplus": ((0, np.inf), (0, 1)),
          "elu": ((-1, np.inf), (0, 1)), "selu": ((-1.7580993408473766, np.inf), (0, 1.7580993408473766)),
          "gelu": ((-0.16997120747990367, np.inf), (-0.12890414518515480, 1.1289041451851549)),
          "gelu_tanh": ((-0.17004075057125406, np.inf), (-0.12899306865877178, 1.1289930686587719)),
          "silu": ((-0.2784645427610738, np.inf), (-0.09983932012886692, 1.0998393201288670)),
          "mish": ((-0.30884341301725042, np.inf), (-0.11252612238946257, 1.0884981612517280))}
VARIANTS = {"gelu_tanh": ("gelu", {"approximate": "tanh"})}


def activation_named(key):
    name, params = VARIANTS.get(key, (key, {}))
    return actlib.get(name, **params)


@pytest.mark.parametrize("name", sorted(RANGES))
@pytest.mark.parametrize("dtype", FLOATS)
def test_properties_on_random_floats(name, dtype):
    activation = activation_named(name)
    (low, high), (slope_low, slope_high) = RANGES[name]
    # the bounds round in float16/float32, and actlib's values may be a few ulp off the exact extremes
    margin = 4 * float(np.finfo(dtype).eps)
    low, slope_low = low - margin * max(1, abs(low)), slope_low - margin * max(1, abs(slope_low))
    high, slope_high = high + margin * max(1, abs(high)), slope_high + margin * max(1, abs(slope_high))

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


@pytest.mark.parametrize("name", sorted(RANGES))
@given(z=st.floats(-30, 30))
def test_central_difference_agrees_away_from_kinks(name, z):
    activation = activation_named(name)
    h = actlib.default_step("central", z)
    if name in ("relu", "leaky_relu", "elu", "selu") and abs(z) <= 2 * h:
        return  # the difference straddles the kink
    slope = activation.derivative(z)
    approximation = actlib.finite_difference(activation, z, method="central")
    assert abs(approximation - slope) <= 1e-6 * abs(slope) + 1e-10


def test_every_registered_activation_is_fuzzed():
    # A new activation must state its value and slope ranges here to join the property tests.
    assert sorted(set(RANGES) - set(VARIANTS)) == actlib.names()
