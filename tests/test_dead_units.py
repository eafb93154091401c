import numpy as np
import pytest

import actlib
from actlib.dead_units import dead_units, train_with_shock


def test_dead_units_are_columns_that_never_fire():
    z = np.array([[-1.0, 0.5, 0.0], [-2.0, -1.0, 0.0]])
    assert list(dead_units(z)) == [True, False, True]


def test_a_big_learning_rate_kills_relu_units_and_their_gradient_is_exactly_zero():
    gentle = train_with_shock("relu", learning_rate=0.05, steps=1000)
    harsh = train_with_shock("relu", learning_rate=0.2, steps=1000)
    assert harsh.dead_fraction[-1] > 3 * gentle.dead_fraction[-1] > 0
    assert np.all(harsh.final_input_gradient[harsh.dead_at_end] == 0)
    assert np.all(harsh.final_input_gradient[~harsh.dead_at_end] > 0)
    # once dead, always dead: the fraction never falls
    assert np.all(np.diff(harsh.dead_fraction) >= 0)


def test_shock_kills_relu_for_good_while_leaky_units_keep_a_gradient():
    relu = train_with_shock("relu", shock=6.0, shock_at=100, steps=600)
    leaky = train_with_shock(actlib.get("leaky_relu", alpha=0.1), shock=6.0, shock_at=100, steps=600,
                             learning_rate=0.2)
    assert relu.dead_fraction[101] > 0.9 and relu.dead_fraction[-1] == relu.dead_fraction[101]
    assert np.all(leaky.final_input_gradient > 0)
    assert leaky.loss[-1] < 0.1 * relu.loss[-1]
    assert leaky.dead_fraction[-1] < leaky.dead_fraction[101]  # some units climbed back


def test_deterministic_for_a_seed():
    first, second = train_with_shock("tanh", steps=50, seed=3), train_with_shock("tanh", steps=50, seed=3)
    np.testing.assert_array_equal(first.loss, second.loss)
    assert not np.array_equal(first.loss, train_with_shock("tanh", steps=50, seed=4).loss)
    assert first.loss.shape == first.dead_fraction.shape == (51,)


def test_a_diverging_run_is_nan_not_a_warning():
    assert np.isnan(train_with_shock("relu", learning_rate=5.0, steps=200).loss[-1])


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(width=0), ValueError, "width must be a whole number"),
    (dict(steps=2.5), ValueError, "steps must be a whole number"),
    (dict(learning_rate=-0.1), ValueError, "learning_rate must be positive"),
    (dict(shock="big"), TypeError, "shock must be a finite number"),
    (dict(activation="rleu"), KeyError, "Did you mean 'relu'"),
])
def test_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        train_with_shock(**kwargs)
