"""Notebook 06's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import pytest

from actlib.exercises import finite_differences as exercises


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 1e-7, "proportional to h"),
    (exercises.q2, -16, "eps itself"),
    (exercises.q2, -12, "too small"),
    (exercises.q3, 0, "3 + 1e-20 rounds to 3"),
    (exercises.q3, 5.9, "too small"),
    (exercises.q4, "c", "far larger than rounding"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
