"""actlib.training.linear_baseline: the most accurate straight line, checked against trying every pair of points."""
import numpy as np
import pytest

from actlib.training.datasets import circles, moons
from actlib.training.linear_baseline import Line, best_line, boundary_of
from actlib.training.nn import MLP


def accuracy_by_brute_force(X, y):
    """Every line through two points, with those two on whichever side is right for them."""
    best = 0
    for i in range(len(X)):
        relative = X - X[i]
        for j in range(i + 1, len(X)):
            side = relative[j, 0] * relative[:, 1] - relative[j, 1] * relative[:, 0]
            on_line = np.sum(side == 0)
            left_is_one = np.sum((side > 0) & (y == 1)) + np.sum((side < 0) & (y == 0))
            left_is_zero = np.sum((side < 0) & (y == 1)) + np.sum((side > 0) & (y == 0))
            best = max(best, max(left_is_one, left_is_zero) + on_line)
    return best / len(X)


@pytest.mark.parametrize("seed", range(12))
def test_best_line_agrees_with_trying_every_pair(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    X, y = rng.normal(size=(n, 2)), rng.integers(0, 2, n)
    assert best_line(X, y).accuracy == pytest.approx(accuracy_by_brute_force(X, y), abs=1e-12)


def test_the_line_it_returns_scores_what_it_says_on_moons():
    X, y = moons(n=60, seed=0)
    line = best_line(X, y)
    assert line.accuracy == accuracy_by_brute_force(X, y) == np.mean(line.predict(X) == y)


def test_separable_data_get_a_perfect_line():
    X = np.array([[0.0, 0.0], [1.0, 0.2], [0.3, 1.0], [3.0, 3.1], [4.0, 2.9], [3.5, 4.0]])
    assert best_line(X, np.array([0, 0, 0, 1, 1, 1])).accuracy == 1.0


def test_on_the_rings_the_best_line_skirts_the_disc():
    X, y = circles(n=400, noise=0.1, seed=0)
    line = best_line(X, y)
    assert line.accuracy == 0.69 and 0.5 < line.distance_from() < 0.7


def test_boundary_of_a_logistic_model_is_its_own_prediction():
    X, y = circles(n=100, noise=0.1, seed=1)
    model = MLP([2, 1], seed=1)
    model.fit(X, y, epochs=20, learning_rate=1.0)
    line = boundary_of(model, X, y)
    assert np.array_equal(line.predict(X), model.predict(X)) and line.accuracy == np.mean(model.predict(X) == y)
    with pytest.raises(ValueError, match="without hidden layers"):
        boundary_of(MLP([2, 3, 1]), X, y)


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="shape"):
        best_line(np.zeros((3, 3)), np.zeros(3))
    assert Line(np.array([1.0, 0.0]), -2.0, 0.0).distance_from() == 2.0
