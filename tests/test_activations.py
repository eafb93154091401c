"""The Activation contract: dtype and shape, limits, kink conventions, errors, sympy expressions.

Every registered activation (and the parameter settings of ``activation_checks.variants``) is
checked against the facts its class declares; nothing here lists activation names.
"""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import actlib
from activation_checks import (FLOATS, activations_under_test, all_derivative_roots, check_limits,
                               check_on_random_floats, no_warnings)

ALL = activations_under_test()
IDS = [repr(a) for a in ALL]


# -- registry and errors --------------------------------------------------------------------------

def test_names_are_sorted_and_include_the_first_four_of_the_course():
    assert {"sigmoid", "tanh", "relu", "leaky_relu"} <= set(actlib.names()) and actlib.names() == sorted(actlib.names())


def test_every_public_submodule_is_an_attribute_of_the_package():
    import pkgutil
    import types

    public = [info.name for info in pkgutil.iter_modules(actlib.__path__) if not info.name.startswith("_")]
    assert {"activations", "numerics", "symbolic", "training", "views", "graded"} <= set(public)
    assert all(isinstance(getattr(actlib, name), types.ModuleType) for name in public)
    for package in ("numerics", "symbolic", "training", "views"):  # actlib.training.nn, without importing it first
        inside = [info.name for info in pkgutil.iter_modules(getattr(actlib, package).__path__)]
        assert inside and all(isinstance(getattr(getattr(actlib, package), name), types.ModuleType) for name in inside)
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        actlib.nonexistent


@pytest.mark.parametrize("activation", ALL, ids=IDS)
def test_every_activation_declares_its_facts(activation):
    facts = ("kinks", "derivative_roots", "value_range", "slope_range", "limits", "zero_centred")
    assert [fact for fact in facts if getattr(activation, fact) is None] == []
    assert activation.initialisation in ("he", "glorot")
    assert activation.monotone == (not activation.derivative_roots)  # a root of g' is a minimum here


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
    """Inputs above the block size take the blockwise path; it must give the numbers that pieces
    small enough for the one-block path give, every one of them."""
    block = actlib.activations.evaluation.BLOCK_SIZE
    z = np.random.default_rng(0).normal(0, 10, 3 * block + 17)
    value, slope = activation.value_and_derivative(z)
    pieces = [z[start:start + block // 3] for start in range(0, z.size, block // 3)]  # not aligned to blocks
    np.testing.assert_array_equal(value, np.concatenate([activation(piece) for piece in pieces]))
    np.testing.assert_array_equal(slope, np.concatenate([activation.derivative(piece) for piece in pieces]))
    np.testing.assert_array_equal(value, activation(z))
    np.testing.assert_array_equal(slope, activation.derivative(z))


SPECIAL = np.array([-np.inf, -1e300, -1e4, -745.5, -740.0, -710.0, -700.0, -699.0, -37.5, -20.0, *all_derivative_roots(),
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

@pytest.mark.parametrize("activation", ALL, ids=IDS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_infinities_give_the_declared_limits_and_nan_gives_nan(activation, dtype):
    check_limits(activation, dtype)


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


@pytest.mark.parametrize("activation", [a for a in ALL if a.kinks], ids=repr)
def test_symbolic_derivative_carries_the_kink_convention(activation):
    for kink in activation.kinks:
        symbolic = float(activation.derivative_expr.subs(actlib.z, kink))
        assert symbolic == pytest.approx(float(activation.derivative(kink)), rel=1e-15)


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
    assert sp.diff(leaky.expr_with_parameters, alpha).subs(actlib.z, -2) == -2


def test_docstrings_state_formula_and_convention():
    for name in actlib.names():
        doc = type(actlib.get(name)).__doc__
        assert ".. math::" in doc, name
    assert "ReLU'(0) = 0" in actlib.activations.base.__doc__ and "JAX" in type(actlib.get("leaky_relu")).__doc__


# -- properties over random floats of every dtype (hypothesis) ---------------------------------------

@pytest.mark.parametrize("activation", ALL, ids=IDS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_properties_on_random_floats(activation, dtype):
    check_on_random_floats(activation, dtype)


@pytest.mark.parametrize("activation", ALL, ids=IDS)
@given(z=st.floats(-30, 30))
def test_central_difference_agrees_away_from_kinks(activation, z):
    h = actlib.default_step("central", z)
    if any(abs(z - kink) <= 2 * h for kink in activation.kinks):
        return  # the difference straddles the kink
    slope = activation.derivative(z)
    approximation = actlib.finite_difference(activation, z, method="central")
    # 2e-6: a chord across a jump in g'' (ELU with alpha = 1 at 0, no kink) is off by h/4 = 1.5e-6
    assert abs(approximation - slope) <= 2e-6 * abs(slope) + 1e-10
