"""Notebook 08's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import pytest

from actlib.exercises import beyond_the_brief as exercises


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "1/2"),
    (exercises.q2, "1/(1 + exp(-z)) + z*exp(-z)/(1 + exp(-z))**2"),
    (exercises.q3, lambda z: max(z, 0.0) + math.log1p(math.exp(-abs(z)))),
    (exercises.q4, "C"),
    (exercises.q5, -0.139232),
    (exercises.q5, "-LambertW(exp(-1))/2"),
])
def test_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, math.log(2), "the value"),
    (exercises.q2, "sigma(z)", "only the first term of the product rule"),
    (exercises.q2, "sigma(z) + z*sigma(z)", "at z = "),
    (exercises.q3, lambda z: math.log(1 + math.exp(z)), "at z = 710 your function raised OverflowError"),
    (exercises.q3, lambda z: math.log(1 + math.exp(z)), "at z = -37 it returned 0, but the right value is 8.53305e-17"),
    (exercises.q3, lambda z: math.log1p(math.exp(-z)), "sign inside exp is flipped"),
    (exercises.q4, "a", "always positive"),
    (exercises.q5, -0.278465, "SiLU's minimum"),
    (exercises.q5, -0.557, "divided by β"),
    (exercises.q5, 0.139232, "below 0"),
    (exercises.q5, -0.639, "where the minimum is"),
    (exercises.q5, -1.278, "where SiLU's minimum is"),
    (exercises.q5, -0.1392, "close"),
    (exercises.q1, 0.25, "σ′(0)"),
    (exercises.q1, 0.4999999, "0.4999999 is close"),
    (exercises.q3, lambda z: math.log1p(math.exp(z)), "OverflowError"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


# -- what a learner copying from the notebooks types (found by reviewing notebook 08 as a student) -----

def test_formulas_copied_from_prose_are_read():
    """The notebooks write − (U+2212) and ·; an answer pasted from them must read as typed with - and *."""
    assert exercises.q2("σ(z)(1 + z(1 − σ(z)))").correct is True
    assert exercises.q2("σ(z)·(1 + z·(1 − σ(z)))").correct is True


def test_a_function_name_without_its_argument_is_named():
    feedback = exercises.q2("sigma*(1+z*(1-sigma))")
    assert feedback.correct is False and "write sigma(z)" in feedback.message and "Error" not in feedback.message


def test_unknown_names_message_lists_the_names_this_exercise_allows():
    feedback = exercises.q2("sigmoid(z)*(1 + z*(1 - sigmoid(z)))")
    assert feedback.correct is False and "sigmoid" in feedback.message and "sigma(z)" in feedback.message


@pytest.mark.parametrize("blank", ["...", "  ", ""])
def test_blank_strings_are_not_answered_yet(blank):
    assert exercises.q2(blank).correct is None and exercises.q1(blank).correct is None
