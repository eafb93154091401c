"""Unit turnover, layer statistics and the activation sweep of notebook 05."""
import numpy as np
import pytest

from actlib.training import datasets
from actlib.training.nn import MLP, History, train_over_seeds
from actlib.training.diagnostics import compare_activations, layer_statistics, unit_turnover

X, Y = datasets.moons(60, seed=1)


def _history(masks):
    """A History whose dead and stuck units follow ``masks`` (epochs × layers × units)."""
    history = History()
    history.dead_units = history.stuck_units = [[np.array(layer, dtype=bool) for layer in epoch]
                                                for epoch in masks]
    return history


def test_unit_turnover_counts_revival_only_when_a_unit_leaves_the_state_later():
    # layer 1: unit 0 dead throughout, unit 1 dies, unit 2 dies then revives; layer 2: revives twice
    masks = [[[1, 0, 0], [1]], [[1, 1, 1], [0]], [[1, 1, 0], [1]], [[1, 1, 0], [0]]]
    turnover = unit_turnover(_history(masks))
    assert turnover.units.tolist() == [3, 1]
    assert turnover.at_start.tolist() == [1, 1] and turnover.at_end.tolist() == [2, 0]
    assert turnover.ever.tolist() == [3, 1] and turnover.revived.tolist() == [1, 1]
    assert turnover.rows() == [(1, 3, 1, 2, 3, 1), (2, 1, 1, 0, 1, 1)]


def test_a_dead_first_layer_relu_unit_never_revives_but_deeper_ones_can():
    history = MLP([2, 8, 8, 8, 1], "relu", seed=1).fit(X, Y, epochs=200, learning_rate=2.0)
    dead, stuck = unit_turnover(history, "dead"), unit_turnover(history, "stuck")
    assert dead.ever[0] > 0 and dead.revived[0] == 0   # its inputs, the data, never change
    assert dead.revived[1:].sum() > 0                  # deeper units' inputs do
    assert np.array_equal(dead.ever, stuck.ever)   # for ReLU, dead means stuck at z <= 0
    leaky = unit_turnover(MLP([2, 8, 8, 1], "leaky_relu", seed=0, bias_init=-3.0).fit(X, Y, epochs=3))
    assert leaky.ever.sum() == 0           # a leaky unit's slope is never 0


def test_unit_turnover_rejects_a_bad_state_and_an_empty_history():
    with pytest.raises(ValueError, match="'dead' or 'stuck'"):
        unit_turnover(History(), "asleep")
    with pytest.raises(ValueError, match="empty"):
        unit_turnover(History())


def test_layer_statistics_shapes_and_the_collapse_of_a_deep_sigmoid_net():
    stats = layer_statistics(MLP([2] + [16] * 8 + [1], "sigmoid", seed=0), X, Y)
    assert stats.pre_activation_spread.shape == (9,) and stats.activation_spread.shape == (8,)
    assert stats.gradient_norm.shape == (9,)
    assert np.all(np.diff(stats.pre_activation_spread) < 0)   # the spread shrinks at every layer
    assert stats.pre_activation_spread[-1] < 1e-4 * stats.pre_activation_spread[0]
    net = MLP([2, 3, 1], "tanh", seed=0)
    spread = layer_statistics(net, X, Y).pre_activation_spread
    assert spread[0] == pytest.approx(np.std(net.forward(X)[0], axis=0).mean())


def test_unit_turnover_of_batched_runs_counts_each_run_as_its_history_would():
    runs = train_over_seeds([2, 8, 8, 8, 1], "relu", X, Y, seeds=(0, 1, 2), epochs=40, learning_rate=2.0)
    together = unit_turnover(runs)
    assert together.at_start.shape == (3, 3) and together.units.tolist() == [8, 8, 8]
    for run in range(3):
        alone = unit_turnover(runs.history(run))
        for field in ("at_start", "at_end", "ever", "revived"):
            assert getattr(together, field)[run].tolist() == getattr(alone, field).tolist(), field
    with pytest.raises(ValueError, match="several runs"):
        together.rows()


def test_compare_activations_runs_every_condition_and_picks_the_best_rate():
    sweep = compare_activations(X, Y, ("relu", "tanh"), (0.01, 1.0), seeds=(0, 1), layer_sizes=(2, 8, 1),
                                epochs=60)
    assert sweep.activations == ("relu", "tanh") and all(len(sweep.select(name)) == 4 for name in sweep.activations)
    tanh = sweep.select("tanh")
    assert list(zip(tanh.learning_rates, tanh.seeds)) == [(0.01, 0), (0.01, 1), (1.0, 0), (1.0, 1)]
    assert all(net.init == "he" for net in tanh.networks) and tanh.loss.shape == (4, 61)
    single = MLP([2, 8, 1], "tanh", seed=1, init="he").fit(X, Y, epochs=60, learning_rate=1.0)   # batched = one by one
    assert sweep.select("tanh", 1.0).loss[1] == pytest.approx(single.loss, rel=1e-9)
    for name in sweep.activations:
        assert sweep.best_rate(name) == 1.0    # 60 epochs at 0.01 barely move the weights
        assert sweep.mean_accuracy(name, 1.0) == pytest.approx(np.mean(sweep.accuracy(name, 1.0).values))
        assert sweep.accuracy(name, 1.0).seeds == (0, 1)
    assert "init 'he'" in sweep.conditions() and "60 epochs" in sweep.conditions()
    assert sweep.table().count("*") == 3   # one mark per activation, one in the footnote
    reached = sweep.epochs_to_reach("tanh", 1.0, 0.0)
    assert reached == [0, 0] and sweep.epochs_to_reach("tanh", 1.0, 1.01) == [None, None]


def test_compare_activations_refuses_the_per_activation_default_init():
    with pytest.raises(ValueError, match="one scheme for all"):
        compare_activations(X, Y, ("relu",), (0.1,), init="auto")
    with pytest.raises(ValueError, match="at least one"):
        compare_activations(X, Y, (), (0.1,))
