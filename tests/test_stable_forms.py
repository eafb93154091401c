"""The constants the stable forms rely on (roots of the derivatives, exact pairs), and the maths of
softplus, ELU, SELU, GELU, SiLU and Mish.

Accuracy in ulps is in test_accuracy.py and the dtype/shape/warning contract in
test_activations.py (both cover every registered activation); this file checks what is special here.
"""
import mpmath
import numpy as np
import pytest

import actlib
from actlib.activations import gated, kernels
from actlib.numerics.reference import reference
from activation_checks import activations_under_test

WITH_ROOTS = [activation for activation in activations_under_test() if activation.derivative_roots]


@pytest.fixture(autouse=True)
def forty_digits():
    """mpmath at 40 digits for each test here, restored afterwards (never set for the whole session)."""
    with mpmath.workdps(40):
        yield


def pair(x):
    high = float(x)
    return high, float(x - mpmath.mpf(high))


with mpmath.workdps(40):  # the tanh-GELU's k = 2 sqrt(2/pi) and a, kept at 40 digits
    K = 2 * mpmath.sqrt(2 / mpmath.pi)
    A = mpmath.mpf(44715) / 10**6


def test_silu_root_is_minus_one_minus_lambert_w_of_one_over_e():
    w = mpmath.lambertw(1 / mpmath.e).real
    assert gated._SILU_ROOT == pair(-(1 + w)) and gated._SILU_W0 == float(w)
    assert actlib.get("silu").derivative_roots == (gated._SILU_ROOT[0],)


def test_mish_root_and_coefficients():
    def m(z):  # the numerator of Mish' (see the class docstring)
        w = mpmath.exp(z)
        return w**3 + 4 * w**2 + 6 * w + 4 + 4 * z * w + 4 * z
    z0 = mpmath.findroot(m, -1.19)
    assert gated._MISH_ROOT == pair(z0)
    assert gated._MISH_W0 == float(mpmath.exp(z0)) and gated._MISH_C1 == float((6 + 4 * z0) * mpmath.exp(z0))


def test_gelu_roots_anchors_and_constants():
    exact = lambda z: mpmath.ncdf(z) + z * mpmath.npdf(z)  # noqa: E731
    assert gated._GELU_ROOT == pair(mpmath.findroot(exact, -0.75))
    (_, low_anchor, low_start) = gated._GELU_ANCHORS[1]
    assert low_anchor == pair(-mpmath.sqrt(2)) and low_start == pair(exact(-mpmath.sqrt(2)))
    z0 = mpmath.findroot(lambda z: 1 + mpmath.exp(K * (z + A * z**3)) + K * (z + 3 * A * z**3), -0.75)
    assert gated._GELU_TANH_V0 == pair(K * (z0 + A * z0**3))
    assert gated._GELU_TANH_U0 == pair(K * (z0 + 3 * A * z0**3))
    assert gated._GELU_TANH_W0 == float(mpmath.exp(K * (z0 + A * z0**3)))
    assert actlib.get("gelu", approximate="tanh").derivative_roots == (float(z0),)
    assert kernels.GELU_TANH_K == pair(K) and kernels.GELU_TANH_2K == pair(2 * K) and kernels.GELU_TANH_A == pair(A)


@pytest.mark.parametrize("root", [gated._SILU_GATE_ROOT, gated._GELU_TANH_GATE_ROOT], ids=["silu", "gelu_tanh"])
def test_gate_roots_are_where_the_slope_of_z_sigma_v_is_zero(root):
    """value_and_slope_of_z_times_sigmoid sums N = 1 + e^v + u around its root: 1 + e^{v0} + u0 = 0."""
    v0, u0 = mpmath.mpf(root.v0[0]) + root.v0[1], mpmath.mpf(root.u0[0]) + root.u0[1]
    assert abs(1 + mpmath.exp(v0) + u0) < 1e-30 and root.exp_v0 == float(mpmath.exp(v0))


def test_sigmoid_by_sign_is_np_where_on_the_two_forms_of_sigma():
    """The max/copysign pick (kept for speed, benchmarks/branch_pick.py) gives np.where's bits."""
    from actlib.activations.logistic import sigmoid_by_sign

    z = np.concatenate([[0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 5e-324, -5e-324],
                        np.random.default_rng(0).normal(0, 30, 10000)])
    with np.errstate(invalid="ignore"):
        e = np.exp(-np.abs(z))
        right = 1 / (1 + e)
        left = e * right
    assert sigmoid_by_sign(z, right=right, left=left).tobytes() == np.where(z >= 0, right, left).tobytes()


@pytest.mark.parametrize("activation", WITH_ROOTS, ids=repr)
def test_derivative_changes_sign_exactly_at_the_declared_root(activation):
    """Where textbook forms return noise of either sign, actlib's slope has the sign of z - z0."""
    for z0 in activation.derivative_roots:
        left = np.array([np.nextafter(z0, -np.inf) - k * 1e-15 for k in range(20)])
        right = np.array([np.nextafter(z0, np.inf) + k * 1e-15 for k in range(20)])
        assert np.all(activation.derivative(left) < 0) and np.all(activation.derivative(right) > 0)
        # the float z0 is within half an ulp of the true root; the slope there has the exact sign
        assert np.sign(activation.derivative(z0)) == np.sign(float(reference(activation, [z0], derivative=True)[0]))


def test_softplus_derivative_is_sigmoid():
    z = np.linspace(-50, 50, 1001)
    np.testing.assert_array_equal(actlib.get("softplus").derivative(z), actlib.get("sigmoid")(z))


def test_elu_with_alpha_one_has_a_continuous_derivative_and_selu_a_kink():
    elu, selu = actlib.get("elu"), actlib.get("selu")
    tiny = np.array([-1e-300, 0.0, 1e-300])
    np.testing.assert_array_equal(elu.derivative(tiny), [1.0, 1.0, 1.0])
    assert selu.derivative(0.0) == selu.derivative(-1e-300) == pytest.approx(selu.scale * selu.alpha)
    assert selu.derivative(1e-300) == selu.scale
    assert actlib.get("elu", alpha=0.5).derivative(0.0) == 0.5  # the left value, as PyTorch


def test_selu_keeps_standard_normal_inputs_standardised():
    """The point of SELU's constants: mean 0 and variance 1 are a fixed point."""
    selu = actlib.get("selu")
    mean = mpmath.quad(lambda z: float(selu(float(z))) * mpmath.npdf(z), [-mpmath.inf, 0, mpmath.inf])
    second = mpmath.quad(lambda z: float(selu(float(z))) ** 2 * mpmath.npdf(z), [-mpmath.inf, 0, mpmath.inf])
    assert abs(mean) < 1e-6 and abs(second - mean**2 - 1) < 1e-6


def test_gelu_tanh_approximation_is_close_to_the_exact_gelu():
    z = np.linspace(-8, 8, 4001)
    exact, approximate = actlib.get("gelu"), actlib.get("gelu", approximate="tanh")
    assert np.max(np.abs(exact(z) - approximate(z))) < 5e-4
    assert np.max(np.abs(exact.derivative(z) - approximate.derivative(z))) < 5e-3
    assert approximate != exact and repr(approximate) == "actlib.get('gelu', approximate='tanh')"


@pytest.mark.parametrize("activation", WITH_ROOTS, ids=repr)
def test_minimum_value_sits_at_the_root_of_the_derivative(activation):
    z = np.linspace(-3, 0, 300001)
    root, = activation.derivative_roots
    assert abs(z[np.argmin(activation(z))] - root) < 2e-5
    assert float(activation(root)) == pytest.approx(activation.value_range[0], rel=1e-15)


def test_silu_minimum_is_minus_lambert_w():
    """SiLU's minimum value is z0 + 1 = -W(1/e), a neat closed form the notebook derives."""
    assert float(actlib.get("silu")(gated._SILU_ROOT[0])) == pytest.approx(-float(mpmath.lambertw(1 / mpmath.e).real), rel=1e-15)


def test_text_parameter_is_validated_and_kept_out_of_sliders():
    with pytest.raises(ValueError, match="'none', 'tanh'"):
        actlib.get("gelu", approximate="fast")
    assert actlib.get("gelu").numeric_params == {}
    assert actlib.get("gelu", approximate="tanh").with_params(approximate="none") == actlib.get("gelu")


def test_subnormal_products_keep_their_digits():
    """z * sigma(z) at z = -740 multiplies a subnormal by 740; actlib takes the scale out last."""
    z = np.array([-709.0, -715.0, -740.0])
    exact = [float(mpmath.mpf(v) / (1 + mpmath.exp(-mpmath.mpf(v)))) for v in z]
    np.testing.assert_allclose(actlib.get("silu")(z), exact, rtol=1e-14)
    textbook = z * actlib.get("sigmoid")(z)
    assert np.max(np.abs(textbook / exact - 1)) > 1e-10  # what the scaling avoids
