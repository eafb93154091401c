"""Notebook 05's exercises: predictions, the lab's one-change fixes, the planted bug, slips get a reason."""
import re
from pathlib import Path

import numpy as np
import pytest

from actlib.training import diagnosis_lab as lab
from actlib_course.checks import THINKING_KINDS
from actlib_course.exercises import notebook05_gradient_flow as exercises
from actlib.training.seeds import SEEDS

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "05_gradient_flow.md"


def code_of(notebook: Path) -> str:
    return "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", notebook.read_text(), re.S))


def test_a_stub_that_raises_not_implemented_is_not_answered():
    def backward_step(upstream, z, W, a_previous):
        raise NotImplementedError
    assert exercises.q6(backward_step).correct is None


def test_a_list_of_the_three_gradients_is_accepted():
    def backward_step(upstream, z, W, a_previous):
        delta = upstream * (1 - np.tanh(z) ** 2)
        return [a_previous.T @ delta, delta.sum(axis=0), delta @ W.T]
    assert exercises.q6(backward_step).correct is True


def test_the_planted_bug_is_named_and_the_stub_is_the_buggy_code():
    namespace = {}
    exec(exercises.BUGGY_BACKWARD_STEP, namespace)
    feedback = exercises.q6(namespace["answer"])
    assert feedback.correct is False and "1 − z² uses z where tanh(z) belongs" in feedback.message
    assert exercises.BUGGY_BACKWARD_STEP in exercises.q6.prompt
    exec(exercises.q6.stub, namespace)   # the student's starting point: the buggy code, not yet answered
    assert exercises.q6(namespace["answer"]).correct is None
    assert exercises.q6.stub.replace("    raise NotImplementedError   # delete this line, then fix the mistake below\n",
                                     "") == exercises.BUGGY_BACKWARD_STEP


def test_more_than_half_of_the_exercises_make_the_learner_think():
    kinds = [exercise.kind for exercise in exercises.EXERCISES]
    assert 2 * sum(kind in THINKING_KINDS for kind in kinds) > len(kinds), kinds


@pytest.mark.parametrize("answer, correct, words", [   # wrong predictions: tests/wrong_answers/gradient_flow.py
    (1e-6, True, "the 5 seeds give 3e-07 to 2e-06"),
    (0.25 ** 10, True, "the 5 seeds give"),
    (0.25 ** 9, True, "the output layer's δ = p − y has no σ′ factor"),   # nine factors, as in notebook 01
    ("1e-6", True, "the 5 seeds give"),
    (0.1, False, "sizeable share"),
    (1e-12, False, "too small"),
])
def test_the_ratio_prediction(answer, correct, words):
    feedback = exercises.q1(answer)
    assert feedback.correct is correct and words in feedback.message, feedback


def test_the_accepted_ratios_are_the_range_the_seeds_give_widened_by_the_factor():
    ratios = exercises.deep_sigmoid_ratios()
    assert ratios.seeds == SEEDS and 1e-7 < ratios.low and ratios.high < 1e-5   # the notebook's table and check
    assert exercises.q1(ratios.low / 29).correct and not exercises.q1(ratios.low / 31).correct
    assert exercises.q1(ratios.high * 29).correct and not exercises.q1(ratios.high * 31).correct


def test_the_notebook_runs_the_network_and_points_the_exercises_measure():
    code = code_of(NOTEBOOK)
    assert "DEEP = [2] + [16] * 10 + [1]" in code and exercises.DEEP_LAYERS == [2] + [16] * 10 + [1]
    assert "X, y = datasets.moons(100, noise=0.15, seed=0)" in code     # the lab's points (test_diagnosis_lab)
    assert "layer_statistics(MLP(DEEP, name, seed=seed, init=init), X, y) for seed in SEEDS" in code


@pytest.mark.parametrize("change, correct, words", [
    ({"activation": "tanh"}, True, "it learned in 3 of 3 seeds"),
    ({"activation": "relu"}, True, "it learned"),
    ({"activation": "leaky_relu"}, True, "it learned"),
    ({"hidden_layers": 2}, False, "learns slowly"),
    ({"learning_rate": 3.0}, False, "The ratio is the problem"),
    ({"init": "he"}, False, "milder, not gone"),
    ({"activation": "silu"}, False, "it stalled"),
    ({"activation": "tanh", "hidden_layers": 2}, False, "change exactly one thing"),
    ({"epochs": 3000}, False, "fixed at 300 epochs"),
    ({"momentum": 0.9}, False, "not a knob"),
    ({"learning_rate": 0.3}, False, "already 0.3"),
    ({"hidden_layers": 2.5}, False, "whole number"),
    ("tanh", False, "a dict of one knob"),
])
def test_the_deep_sigmoid_fixes_are_trained_and_judged(change, correct, words):
    feedback = exercises.q3(change)
    assert feedback.correct is correct and words in feedback.message, feedback


@pytest.mark.parametrize("change, correct, words", [
    ({"learning_rate": 0.3}, True, "it learned"),
    ({"learning_rate": 1.0}, True, "it learned"),
    ({"hidden_layers": 1}, True, "it learned"),
    ({"init": "glorot"}, False, "healthy before training"),
    ({"bias_init": 0.1}, False, "units died in 2 of 3 seeds (seed 2: diverged)"),
    ({"activation": "leaky_relu"}, False, "diverged"),
])
def test_the_large_rate_relu_fixes_are_trained_and_judged(change, correct, words):
    feedback = exercises.q4(change)
    assert feedback.correct is correct and words in feedback.message, feedback


@pytest.mark.parametrize("change, correct, words", [
    ({"bias_init": 0.0}, True, "it learned"),
    ({"bias_init": 0.5}, True, "it learned"),
    ({"bias_init": -1.0}, True, "it learned"),
    ({"learning_rate": 3.0}, False, "diverged"),
    ({"activation": "sigmoid"}, False, "fails its own way"),
    ({"activation": "relu"}, False, "units died"),
    ({"init": "he"}, False, "learns slowly"),
    ({"hidden_layers": 1}, False, "it saturated"),
])
def test_the_saturated_tanh_fixes_are_trained_and_judged(change, correct, words):
    feedback = exercises.q5(change)
    assert feedback.correct is correct and words in feedback.message, feedback


@pytest.mark.parametrize("exercise", [exercises.q3, exercises.q4, exercises.q5], ids=lambda q: q.key)
def test_a_wrong_change_never_hands_over_a_right_one(exercise):
    right = {"05.q3": ("tanh", "relu", "leaky_relu"), "05.q4": ("learning_rate", "hidden_layers"),
             "05.q5": ("bias_init",)}[exercise.key]
    wrong = {"05.q3": {"learning_rate": 3.0}, "05.q4": {"init": "glorot"}, "05.q5": {"learning_rate": 3.0}}[exercise.key]
    feedback = exercise(wrong)
    assert feedback.correct is False and not any(word in feedback.message for word in right), feedback


def test_a_wrong_shape_gets_the_shape_hint_not_the_one_saying_the_last_line_is_right():
    def backward_step(upstream, z, W, a_previous):   # δ fixed, dW transposed
        delta = upstream * (1 - np.tanh(z) ** 2)
        return delta.T @ a_previous, delta.sum(axis=0), delta @ W.T
    feedback = exercises.q6(backward_step)
    assert "the transpose" in feedback.message and "shape of the array it differentiates" in feedback.hint
    assert "last line" not in feedback.hint
    namespace = {}
    exec(exercises.BUGGY_BACKWARD_STEP, namespace)
    assert "the planted mistake is in δ" in exercises.q6(namespace["answer"]).hint


@pytest.mark.parametrize("change, words", [
    ({"activation": "silu"}, "does reach layer 1"),       # no unit dead, the gradient gets through: no dead-unit row
    ({"width": 32}, "tiny share"),                      # the gradient still vanishes
])
def test_a_stalled_change_is_told_whether_the_gradient_reaches_layer_1(change, words):
    feedback = exercises.q3(change)
    assert "it stalled" in feedback.message and words in feedback.message and "dead-unit row" not in feedback.message
