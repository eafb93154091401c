"""Notebook 00's exercises: written solutions pass, blanks are 'not answered', typical slips get a targeted message."""
import pytest

import actlib
from actlib.exercises import start_here as exercises

sigmoid = actlib.get("sigmoid")


def buggy_weight_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid(z) * x


def bias_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z)


def fixed_weight_gradient(x, w, b, y):
    z = w * x + b
    return (sigmoid(z) - y) * sigmoid.derivative(z) * x


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "1/2"), (exercises.q1, 0.45), (exercises.q1, 0.6),
    (exercises.q2, "-1/4"), (exercises.q3, fixed_weight_gradient), (exercises.q4, " B "),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 1.0, "one affine map"),
    (exercises.q1, 0.99, "like the tanh network's"),
    (exercises.q1, 0.67, "training does not search for the most accurate line"),
    (exercises.q1, 0.8, "more than any straight line scores"),
    (exercises.q1, 0.3, "below chance"),
    (exercises.q1, 50, "fraction between 0 and 1"),
    (exercises.q2, -0.5, "the ½ of the loss dropped"),
    (exercises.q2, -0.5, "σ(0) = 0.5 used for σ′(0)"),
    (exercises.q2, -1, "σ′(z) = 0.25 is missing"),
    (exercises.q2, -0.125, "x = 2 is missing"),
    (exercises.q2, 0.25, "wrong sign"),
    (exercises.q2, "minus a quarter", "could not read 'minus a quarter' as a number"),
    (exercises.q3, buggy_weight_gradient, "still multiplies by g(z)"),
    (exercises.q3, bias_gradient, "∂L/∂b"),
    (exercises.q3, fixed_weight_gradient(1.5, 1.0, -0.2, 1.0), "the corrected function itself"),
    (exercises.q4, "c", "overshooting"),
    (exercises.q4, "a", "tiny is σ′(z)"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_accepted_range_of_the_prediction_is_around_chance():
    low, high = exercises.CHANCE
    assert low < 0.5 < high and exercises.q1(low).correct and exercises.q1(high).correct
    assert exercises.q1(low - 0.01).correct is False and exercises.q1(high + 0.01).correct is False


def test_the_prediction_accepts_what_the_notebook_runs_measure_and_not_the_best_line():
    from actlib.datasets import circles
    from actlib.linear_baseline import best_line
    from actlib.nn import train_over_seeds
    from actlib.seeds import SEEDS
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
