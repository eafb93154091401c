"""Notebook 01's exercises beyond the wrong-answer table (tests/wrong_answers/sigmoid.py): the hint with a
function that fails in the tail, and the prediction against the chains it is about."""
import math

import actlib
from actlib_course.exercises import notebook01_sigmoid as exercises

sigmoid = actlib.get("sigmoid")


def test_textbook_identity_is_judged_wrong_in_the_tail_with_a_hint():
    feedback = exercises.q5(lambda z: sigmoid(z) * (1 - sigmoid(z)))
    assert feedback.correct is False
    assert feedback.message.startswith("at z = 37 your function returned 0, but the right value is 8.53305e-17")
    assert "1 − σ(z)" in feedback.hint and "36.7" in feedback.hint


def test_a_function_that_raises_is_feedback_not_a_traceback():
    def sigmoid_slope(z):
        e = math.exp(-z)
        return e / (1 + e) ** 2 * z / z  # a slip that fails at one point only

    feedback = exercises.q5(sigmoid_slope)
    assert feedback.correct is False
    assert repr(feedback).startswith("✗ Not yet: at z = 0 your function raised ZeroDivisionError: float division by zero.")


def test_the_depth_prediction_accepts_what_the_chains_measure():
    from actlib.training.layer_chains import chain_gradients
    from actlib.training.seeds import SEEDS
    for seed in SEEDS:
        measured = chain_gradients(sigmoid, depth=10, width=32, seed=seed).relative[0]
        assert exercises.q1(measured).correct is True, seed
        assert measured < 0.25**9 / 1.5, seed   # the notebook: 1.6 to 3.6 times below the σ′ bound
