"""actlib.numerics.reference keeps mpmath values by expression and points: the same numbers, computed once."""
import mpmath
import numpy as np

import actlib
from actlib.numerics import reference


def test_same_expression_shares_reference_values_and_other_points_are_computed_afresh():
    typed = actlib.from_expression("typed_mish", "z*tanh(log(1 + exp(z)))")
    assert typed.expr == actlib.get("mish").expr
    z = np.array([-30.0, -1.5, 0.0, 2.0])
    reference._reference_values.cache_clear()
    built_in = reference.reference("mish", z, derivative=True)
    before = reference._reference_values.cache_info()
    assert reference.reference(typed, z, derivative=True) == built_in                  # served from the cache
    assert reference._reference_values.cache_info().hits == before.hits + 1
    with mpmath.workdps(60):   # a new point is evaluated, not looked up: mish'(1) from its formula
        slope_at_1 = mpmath.tanh(mpmath.log1p(mpmath.e)) + mpmath.e / (1 + mpmath.e) / mpmath.cosh(mpmath.log1p(mpmath.e)) ** 2
        assert abs(reference.reference(typed, [1.0], derivative=True)[0] - slope_at_1) < mpmath.mpf(10) ** -50
    assert reference.reference("mish", z)[3] != built_in[3]                            # value and slope kept apart
