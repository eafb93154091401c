"""Notebook 00's exercises beyond the wrong-answer table (tests/wrong_answers/start_here.py): the prediction's range
and the runs it is checked against."""
import actlib
from actlib_course.exercises import notebook00_start_here as exercises

sigmoid = actlib.get("sigmoid")


def fixed_weight_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z) * x


def test_the_accepted_range_of_the_prediction_is_around_chance():
    low, high = exercises.CHANCE
    assert low < 0.5 < high and exercises.q1(low).correct and exercises.q1(high).correct
    assert exercises.q1(low - 0.01).correct is False and exercises.q1(high + 0.01).correct is False


def test_the_prediction_accepts_what_the_notebook_runs_measure_and_not_the_best_line():
    from actlib.training.datasets import circles
    from actlib.training.linear_baseline import best_line
    from actlib.training.nn import train_over_seeds
    from actlib.training.seeds import SEEDS
    identity = actlib.get("leaky_relu", alpha=1.0)
    for seed in SEEDS:   # the notebook's runs: each seed's own rings and initial weights, 300 steps at rate 1
        X, y = circles(n=400, noise=0.1, seed=seed)
        runs = train_over_seeds([2, 4, 4, 1], identity, X, y, seeds=[seed], epochs=300, learning_rate=1.0)
        assert exercises.q1(runs.accuracy[0, -1]).correct is True, seed
        line = best_line(X, y).accuracy     # what the feedback quotes, and what q1 must not accept
        assert exercises.BEST_LINE[0] <= round(line, 2) <= exercises.BEST_LINE[1] and not exercises.q1(line).correct


def test_the_weight_gradient_feedback_speaks_of_weights():
    feedback = exercises.q3(fixed_weight_gradient)
    assert feedback.correct and "test weights w from −4 to 4" in feedback.message and "|z|" not in feedback.message, feedback
