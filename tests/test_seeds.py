"""Runs over seeds: batched training equals one-by-one training, and the claim checks say what they saw."""
import numpy as np
import pytest

from actlib.training import datasets
from actlib.training.nn import MLP, train_over_seeds
from actlib.training.seeds import SEEDS, ClaimFailed, Spread, check, over_seeds
from actlib.training.diagnostics import unit_turnover

X, Y = datasets.moons(80, seed=3)


@pytest.mark.parametrize("activation, batch_size", [("tanh", None), ("relu", 16), ("sigmoid", 32)])
def test_batched_runs_equal_the_runs_one_by_one(activation, batch_size):
    runs = train_over_seeds([2, 6, 5, 1], activation, X, Y, seeds=(0, 3), epochs=15, learning_rate=[0.5, 2.0],
                            batch_size=batch_size)
    assert runs.seeds == (0, 3, 0, 3) and runs.learning_rates == (0.5, 0.5, 2.0, 2.0)
    for r, (seed, rate) in enumerate(zip(runs.seeds, runs.learning_rates)):
        network = MLP([2, 6, 5, 1], activation, seed=seed)
        history = network.fit(X, Y, epochs=15, learning_rate=rate, batch_size=batch_size, seed=seed)
        np.testing.assert_allclose(runs.loss[r], history.loss, rtol=1e-12)
        np.testing.assert_allclose(runs.accuracy[r], history.accuracy)
        np.testing.assert_allclose(runs.gradient_norms[r], history.gradient_norms, rtol=1e-10)
        np.testing.assert_array_equal(runs.dead_fraction[r], history.dead_fraction)
        for mine, theirs in zip(runs.networks[r].weights, network.weights):
            np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-14)
        assert unit_turnover(runs.history(r)).rows() == unit_turnover(history).rows()


@pytest.mark.parametrize("batch_size", [None, 16])
def test_each_seed_may_train_on_its_own_data_set(batch_size):
    data = {seed: datasets.circles(60, seed=seed) for seed in (0, 3)}
    runs = train_over_seeds([2, 4, 1], "tanh", [X for X, _ in data.values()], [y for _, y in data.values()],
                            seeds=(0, 3), epochs=12, learning_rate=[0.5, 2.0], batch_size=batch_size)
    assert runs.seeds == (0, 3, 0, 3)
    for r, (seed, rate) in enumerate(zip(runs.seeds, runs.learning_rates)):
        network = MLP([2, 4, 1], "tanh", seed=seed)
        history = network.fit(*data[seed], epochs=12, learning_rate=rate, batch_size=batch_size, seed=seed)
        np.testing.assert_allclose(runs.loss[r], history.loss, rtol=1e-12)
        np.testing.assert_allclose(runs.accuracy[r], history.accuracy)
        for mine, theirs in zip(runs.networks[r].weights, network.weights):
            np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-14)
    with pytest.raises(ValueError, match=r"one entry per seed \(2\)"):
        train_over_seeds([2, 4, 1], "tanh", [data[0][0]] * 3, [data[0][1]] * 3, seeds=(0, 3))
    with pytest.raises(ValueError, match=r"the same shape .*\(60, 2\), \(80, 2\)"):
        train_over_seeds([2, 4, 1], "tanh", [data[0][0], datasets.circles(80)[0]], [data[0][1], Y], seeds=(0, 3))


def test_runs_report_spreads_select_rates_and_keep_a_diverged_run_apart():
    runs = train_over_seeds([2, 4, 1], "relu", X, Y, seeds=(0, 1, 2), epochs=5, learning_rate=[0.1, 1e300])
    assert runs.loss.shape == (6, 6) and runs.dead_fraction.shape == (6, 6, 1) and runs.gradient_norms.shape == (6, 6, 2)
    slow = runs.select(0.1)
    assert slow.seeds == (0, 1, 2) and len(slow.final("loss")) == 3 and slow.final("loss").diverged == 0
    assert runs.select(1e300).final("loss").diverged >= 1   # a huge rate blows up; the others are untouched
    with pytest.raises(ValueError, match=r"rates: \[0.1, 1e\+300\]"):
        runs.select(0.5)


def test_default_seeds_and_bad_arguments():
    assert train_over_seeds([2, 3, 1], "tanh", X, Y, epochs=1).seeds == SEEDS
    for kwargs, message in (({"seeds": ()}, "at least one seed"), ({"learning_rate": -1}, "positive"),
                            ({"learning_rate": [0.1, "x"]}, "positive"), ({"batch_size": 0}, "batch_size"),
                            ({"epochs": 0}, "epochs"), ({"seeds": (-1,)}, "seed")):
        with pytest.raises(ValueError, match=message):
            train_over_seeds([2, 3, 1], "tanh", X, Y, **kwargs)


def test_spread_formats_median_and_range():
    spread = Spread([0.3, 0.1, 0.2, np.nan], seeds=(0, 1, 2, 3))
    assert (spread.median, spread.low, spread.high, spread.diverged) == (0.2, 0.1, 0.3, 1)
    assert f"{spread:.1f}" == "0.2 (0.1–0.3 over 3 seeds; 1 diverged)"
    assert f"{Spread([0.5, 0.5])}" == "0.5 (0.5 over 2 seeds)"
    assert over_seeds(lambda seed: seed * 2, (1, 2)).values.tolist() == [2.0, 4.0]
    with pytest.raises(ValueError, match="2 seeds for 3 values"):
        Spread([1, 2, 3], seeds=(0, 1))


def test_check_prints_one_line_when_the_claim_holds(capsys):
    result = check("the loss falls below 0.1", Spread([0.05, 0.08, 0.02]), below=0.1, fmt=".2f")
    assert bool(result) and result.held == 3
    assert capsys.readouterr().out == "✓ the loss falls below 0.1: 3 of 3 seeds below 0.10 (0.02–0.08)\n"
    check("most seeds learn", [0.9, 0.95, 0.4], above=0.8, at_least=2)
    assert "2 of 3 seeds above 0.8" in capsys.readouterr().out
    check("most batch sizes agree", [0.9, 0.95, 0.4], above=0.8, at_least=2, over="batch sizes")
    assert "2 of 3 batch sizes above 0.8" in capsys.readouterr().out
    check("all signs agree", [True, True], holds=[True, True])
    assert capsys.readouterr().out == "✓ all signs agree: 2 of 2 seeds\n"
    check("one exact value", 0.25, between=(0.25, 0.25), fmt=".2f")
    assert capsys.readouterr().out == "✓ one exact value: within 0.25–0.25 (0.25)\n"


def test_a_check_ending_a_notebook_cell_shows_nothing_more():
    from IPython.core.interactiveshell import InteractiveShell

    formatted, _ = InteractiveShell.instance().display_formatter.format(check("x", 1.0, above=0))
    assert formatted == {}


def test_check_fails_naming_the_claim_and_every_seed():
    with pytest.raises(ClaimFailed, match=r"the loss falls.*only 1 of 3.*seed 1: 0.5.*seed 2: diverged"):
        check("the loss falls", [0.05, 0.5, np.nan], below=0.1)
    with pytest.raises(ClaimFailed):
        check("a single run", 3.0, between=(0, 1))
    with pytest.raises(TypeError, match="one condition"):
        check("two conditions", [1.0], between=(0, 2), holds=True)
    with pytest.raises(TypeError, match="sentence"):
        check("", [1.0], above=0)
