"""Adding an activation is one class: registered, it is picked up by the property fuzzing, the
accuracy check against mpmath, the property table and the network's initialisation, with nothing
else edited. The class here exists only inside the test and is unregistered afterwards."""
import numpy as np
import pytest
import sympy as sp

import actlib
from actlib.training.nn import MLP
from actlib.views.properties import property_table
from activation_checks import (activations_under_test, check_accuracy, check_limits, check_measured_properties,
                               check_on_random_floats)


class ReLU6(actlib.Activation):
    r"""ReLU capped at ``cap`` (default 6, as in MobileNet), here only as a throwaway.

    .. math::
        g(z) = \min(\max(z, 0), c), \qquad
        g'(z) = \begin{cases} 1 & 0 < z < c \\ 0 & \text{otherwise} \end{cases}

    Kinks at 0 and at c; the slope there is 0, the outer side's.
    """

    name, glyph = "throwaway_relu6", "ReLU6"
    defaults = {"cap": 6.0}
    derivative_roots = ()
    slope_range = (0.0, 1.0)
    zero_centred = False
    initialisation = "he"

    @property
    def kinks(self):
        return 0.0, self.params["cap"]

    @property
    def value_range(self):
        return 0.0, self.params["cap"]

    @property
    def limits(self):
        return (0.0, self.params["cap"]), (0.0, 0.0)

    def _value_and_derivative(self, z):
        inside = (z > 0) & (z < self.params["cap"])
        return np.clip(z, 0.0, self.params["cap"]), np.where(np.isnan(z), z, inside.astype(z.dtype))

    def _expr(self, z, cap):
        return sp.Piecewise((0, z <= 0), (cap, z >= cap), (z, True))


@pytest.fixture
def throwaway():
    actlib.register(ReLU6)
    yield actlib.get(ReLU6.name)
    actlib.unregister(ReLU6.name)
    assert ReLU6.name not in actlib.names()


def test_a_registered_class_is_among_the_activations_under_test(throwaway):
    assert throwaway in activations_under_test() and ReLU6.name in actlib.names()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_property_fuzzing_and_limits_pick_it_up(throwaway, dtype):
    check_on_random_floats(throwaway, dtype)
    check_limits(throwaway, dtype)


def test_accuracy_against_mpmath_picks_it_up(throwaway):
    for derivative in (False, True):
        check_accuracy(throwaway, np.float64, derivative)


def test_property_table_picks_it_up(throwaway):
    check_measured_properties(throwaway)
    row, = [row for row in property_table().splitlines() if row.startswith(f"| {ReLU6.name} |")]
    assert row.endswith("| [0, 6] | [0, 1] | yes | no | 0.40 | both sides | — |")  # no benchmark has timed it


def test_network_initialisation_picks_it_up(throwaway):
    wide = 400
    network = MLP([wide, wide, 1], ReLU6.name, seed=0)
    assert network.init == "he" and network.weights[0].std() == pytest.approx(np.sqrt(2 / wide), rel=0.02)


def test_unregistered_afterwards():
    assert ReLU6.name not in actlib.names()
