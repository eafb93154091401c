"""from_expression: build, register and check an activation from a formula."""
import numpy as np
import pytest
import sympy as sp

import actlib


def test_textbook_mish_matches_actlib_mish_in_the_middle_and_fails_in_the_tails(registry):
    textbook = actlib.from_expression("textbook_mish", "z*tanh(log(1 + exp(z)))")
    mish = actlib.get("mish")
    z = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(textbook(z), mish(z), rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(textbook.derivative(z), mish.derivative(z), rtol=1e-12, atol=1e-14)
    report = actlib.accuracy_report(textbook)
    assert report.worst(np.float64, "value") > 1e10 and np.isinf(report.worst(np.float64, "derivative"))
    assert actlib.accuracy_report("mish").worst() <= 4
    assert "textbook_mish" in repr(report) and "worst" in repr(report)


def test_registered_by_name_with_parameters(registry):
    swish = actlib.from_expression("swish_beta", "z/(1 + exp(-beta*z))", beta=1.0, parameter_ranges={"beta": (0.0, 5.0)})
    assert "swish_beta" in actlib.names() and actlib.get("swish_beta") == swish
    steeper = actlib.get("swish_beta", beta=2.0)
    assert steeper.params["beta"] == 2.0 and steeper.parameter_ranges["beta"] == (0.0, 5.0)
    np.testing.assert_allclose(actlib.get("swish_beta")(np.array([-1.0, 2.0])), actlib.get("silu")(np.array([-1.0, 2.0])), rtol=1e-15)
    beta = sp.Symbol("beta", real=True)
    assert swish.expr_with_parameters == actlib.z / (1 + sp.exp(-beta * actlib.z))


def test_sympy_expression_input_and_constant_derivative(registry):
    identity_plus = actlib.from_expression("shifted", actlib.z + sp.Rational(1, 2))
    value, slope = identity_plus.value_and_derivative(np.zeros((2, 3), dtype=np.float32))
    assert value.shape == slope.shape == (2, 3) and value.dtype == slope.dtype == np.float32
    assert np.all(slope == 1) and np.all(value == 0.5)
    # a plain sympy Symbol('z') (not real) is taken as actlib.z
    assert actlib.from_expression("plain", sp.Symbol("z") ** 3).expr == actlib.z**3


def test_rerunning_replaces_an_expression_but_never_a_built_in(registry):
    actlib.from_expression("mine", "z")
    again = actlib.from_expression("mine", "2*z")
    assert actlib.get("mine") == again and float(actlib.get("mine")(1.0)) == 2.0
    with pytest.raises(ValueError, match="built-in"):
        actlib.from_expression("relu", "Max(z, 0)")


@pytest.mark.parametrize("expression, message", [
    ("z*", "could not read"),
    ("z*x", "neither z nor a parameter"),
    ("foo(z)", "unknown function"),
    ("3", "does not depend on z"),
    ("sqrt(z)", "no finite real value at z = -10"),
    ("1/z", "no finite real value at z = 0"),
    # Python is refused before it runs: the parser checks every name first and withholds builtins
    ("z if z > 0 else 0", "Piecewise"),
    ("lambda z: z*tanh(z)", "only the formula"),
    ("", "empty"),
    ("__import__('os').getcwd()", "unknown function"),
    ("open('notes.txt').read()", "unknown function"),
    ("sigmoid(z)", "may use exp, log"),
])
def test_bad_expressions_say_what_is_wrong(registry, expression, message):
    with pytest.raises(ValueError, match=message):
        actlib.from_expression("bad", expression)
    assert "bad" not in actlib.names()


def test_formulas_as_exercises_accept_them(registry):
    """z^2 and 2z, accepted as answers, also build activations; nan gives nan even through branches."""
    squared, doubled = actlib.from_expression("squared", "z^2 + 2z"), actlib.from_expression("ramp", "max(0, z)")
    np.testing.assert_array_equal(squared.derivative(np.array([1.0, -1.0])), [4.0, 0.0])
    value, slope = doubled.value_and_derivative(np.array([np.nan, -1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(value[1:], [0.0, 0.0, 2.0])
    np.testing.assert_array_equal(slope[1:], [0.0, 0.5, 1.0])  # sympy's Heaviside(0) = 1/2, as documented
    assert np.isnan(value[0]) and np.isnan(slope[0])
    branches = actlib.from_expression("branches", "Piecewise((z, z > 0), (0.1*z, True))")
    assert np.isnan(branches.derivative(np.nan)) and branches.derivative(0.0) == 0.1


def test_jumps_in_the_derivative_give_slope_zero_not_a_crash(registry):
    """sympy differentiates sign into DiracDelta, which no float holds; it is taken as 0 (as autograd does)."""
    signed_log = actlib.from_expression("signed_log", "sign(z)*log(1 + Abs(z))")
    assert not signed_log.derivative_expr.has(sp.DiracDelta)
    np.testing.assert_allclose(signed_log.derivative(np.array([-3.0, 2.0])), [0.25, 1 / 3], rtol=1e-15)
    assert actlib.accuracy_report(signed_log).worst() <= 4  # the mpmath reference evaluates it too
    combined = actlib.multiply("tanh", "signed_log")
    assert not combined.derivative_expr.has(sp.DiracDelta) and actlib.accuracy_report(combined).worst() <= 4


def test_bad_names_and_types(registry):
    with pytest.raises(TypeError, match="identifier"):
        actlib.from_expression("my act", "z")
    with pytest.raises(TypeError, match="sympy expression or a string"):
        actlib.from_expression("ok", 42)
    with pytest.raises(TypeError, match="real number"):
        actlib.from_expression("ok", "beta*z", beta="big")


def test_works_in_the_network(registry):
    from actlib.training.nn import MLP

    actlib.from_expression("soft_tanh", "tanh(z)*log(1 + exp(z))")
    network = MLP([2, 5, 1], "soft_tanh", seed=0)
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(float)
    assert network.gradient_check(X, y) < 1e-7
    assert network.init == "glorot"  # a formula declares no initialisation of its own
