import numpy as np
import pytest

import actlib
from actlib.training.dead_units import dead_units, train_with_shock


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


# -- several seeds (and rates) as one stacked computation ------------------------------------------
from actlib.training.dead_units import ShockRuns, train_with_shock_over_seeds  # noqa: E402
from actlib.training.seeds import SEEDS, Spread  # noqa: E402


@pytest.mark.parametrize("activation", ["relu", actlib.get("leaky_relu", alpha=0.1)])
def test_each_batched_run_equals_its_one_seed_run_bit_for_bit(activation):
    settings = dict(steps=150, shock=6.0, shock_at=60)
    runs = train_with_shock_over_seeds(activation, seeds=(0, 1, 2), learning_rate=[0.05, 0.2], **settings)
    assert runs.seeds == (0, 1, 2, 0, 1, 2) and runs.learning_rates == (0.05,) * 3 + (0.2,) * 3  # rate by rate
    for r, (seed, rate) in enumerate(zip(runs.seeds, runs.learning_rates)):
        alone, batched = train_with_shock(activation, learning_rate=rate, seed=seed, **settings), runs.run(r)
        for name in ("loss", "dead_fraction", "dead_at_end", "final_input_gradient"):
            np.testing.assert_array_equal(getattr(batched, name), getattr(alone, name), err_msg=f"run {r}: {name}")
    assert runs.diverged.tolist() == [False, False, False, False, True, True]   # seeds 1 and 2 blow up at 0.2


def test_the_one_seed_function_is_the_batched_one():
    one = train_with_shock_over_seeds("tanh", seeds=(3,), steps=40, learning_rate=0.1)
    np.testing.assert_array_equal(train_with_shock("tanh", steps=40, learning_rate=0.1, seed=3).loss, one.loss[0])


def test_seeds_default_to_the_course_seeds_and_histories_have_one_row_per_run():
    runs = train_with_shock_over_seeds("relu", steps=20, width=8)
    assert isinstance(runs, ShockRuns) and runs.seeds == SEEDS and len(runs) == len(SEEDS) and runs.width == 8
    assert runs.loss.shape == (5, 21) and runs.stuck_units.shape == runs.dead_units.shape == (5, 21, 8)
    assert runs.stuck_fraction.shape == runs.dead_count.shape == (5, 21) and runs.final_input_gradient.shape == (5, 8)


def test_a_run_that_blows_up_stops_there_and_the_others_go_on():
    runs = train_with_shock_over_seeds("relu", seeds=(0, 1), learning_rate=0.2, steps=60)
    blown = int(np.argmax(~np.isfinite(runs.loss[1])))
    assert 0 < blown < 20 and np.all(np.isnan(runs.loss[1, blown + 1:]))
    assert not runs.stuck_units[1, blown + 1:].any() and not runs.dead_units[1, blown + 1:].any()
    assert np.all(np.isnan(runs.final_input_gradient[1])) and np.all(np.isfinite(runs.loss[0]))
    np.testing.assert_array_equal(runs.loss[0], train_with_shock("relu", learning_rate=0.2, steps=60).loss)
    final = runs.final("loss")
    assert isinstance(final, Spread) and final.seeds == (0, 1) and final.diverged == 1


def test_relu_units_below_zero_are_dead_leaky_ones_only_stuck():
    settings = dict(seeds=(0, 1), steps=120, shock=6.0, shock_at=100)
    relu = train_with_shock_over_seeds("relu", **settings)
    leaky = train_with_shock_over_seeds(actlib.get("leaky_relu", alpha=0.1), **settings)
    np.testing.assert_array_equal(relu.stuck_units, relu.dead_units)
    assert leaky.stuck_count[:, 101].min() >= 29 and leaky.dead_count.max() == 0
    assert np.all(relu.climbed_back(101) == 0)   # a dead first-layer unit never fires again


def test_climbed_back_counts_units_stuck_at_a_step_that_fire_later():
    # seed 0 at rate 0.2 with Leaky ReLU (alpha = 0.1): the push leaves every unit stuck, and some climb back
    runs = train_with_shock_over_seeds(actlib.get("leaky_relu", alpha=0.1), seeds=(0,), learning_rate=0.2, steps=600,
                                       shock=6.0, shock_at=100)
    assert runs.stuck_count[0, 101] == 32 and runs.climbed_back(101)[0] > 0
    assert runs.climbed_back(600)[0] == 0   # nothing after the last step


def test_select_and_grid_arrange_the_runs_by_rate_and_seed():
    runs = train_with_shock_over_seeds("relu", seeds=(0, 1, 2), learning_rate=[0.05, 0.2], steps=30)
    assert runs.select(0.2).seeds == (0, 1, 2) and runs.select(seeds=(1,)).learning_rates == (0.05, 0.2)
    grid = runs.grid("dead_count")
    assert grid.shape == (2, 3) and np.isnan(grid[1, 1:]).all() and not np.isnan(grid[0]).any()
    np.testing.assert_array_equal(runs.grid("dead_count", step=0)[0], runs.dead_count[:3, 0])
    with pytest.raises(ValueError, match="no run has learning rate 0.1"):
        runs.select(0.1)


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(seeds=()), ValueError, "at least one seed"),
    (dict(seeds=(-1,)), ValueError, "seed must be a whole number"),
    (dict(learning_rate=[0.1, -0.2]), ValueError, "learning_rate must be positive"),
    (dict(learning_rate=[0.1, "fast"]), TypeError, "learning_rate must be a finite number or a list"),
])
def test_bad_arguments_over_seeds(kwargs, error, words):
    with pytest.raises(error, match=words):
        train_with_shock_over_seeds("relu", steps=5, **kwargs)


def test_the_one_seed_function_takes_one_rate():
    with pytest.raises(TypeError, match="train_with_shock_over_seeds takes a list of rates"):
        train_with_shock("relu", learning_rate=[0.05, 0.1])
