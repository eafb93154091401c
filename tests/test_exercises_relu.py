"""Notebook 03's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import pytest

from actlib.exercises import relu as exercises


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, [0.0, 1.0]), (exercises.q2, "1/2"), (exercises.q3, "(B)"), (exercises.q4, 0.5),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, (1, 0), "Swapped"),
    (exercises.q1, (0, 0), "from the right: for h > 0, relu(h) = h"),
    (exercises.q1, (0, 2), "from the right: 2 is too large"),
    (exercises.q2, 0, "actlib's convention"),
    (exercises.q2, 1, "forward difference"),
    (exercises.q3, "c", "nothing pushes it back"),
    (exercises.q4, 2 / 6, "b = −1 counts as dead too"),
    (exercises.q4, 1 / 6, "too small"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
