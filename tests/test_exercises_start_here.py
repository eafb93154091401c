"""Notebook 00's exercises: written solutions pass, blanks are 'not answered', typical slips get a targeted message."""
import pytest

from actlib.exercises import start_here as exercises

@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "-1/4"), (exercises.q2, "3.01"), (exercises.q3, " C "), (exercises.q4, 5507),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, -0.5, "the ½ of the loss dropped"),
    (exercises.q1, -0.5, "σ(0) = 0.5 used for σ′(0)"),
    (exercises.q1, -1, "σ′(z) = 0.25 is missing"),
    (exercises.q4, 1 / 5506.6, "upside down"),
    (exercises.q4, 22026, "σ′(0) is 1/4, not 1"),
    (exercises.q1, -0.125, "x = 2 is missing"),
    (exercises.q1, 0.25, "wrong sign"),
    (exercises.q1, "minus a quarter", "could not read 'minus a quarter' as a number"),
    (exercises.q2, 3.31, "forward difference"),
    (exercises.q2, 3, "exact derivative"),
    (exercises.q2, 6.02, "divides by 2h"),
    (exercises.q3, "a", "shrinks like h"),
    (exercises.q4, 4, "too small"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
