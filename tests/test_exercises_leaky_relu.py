"""Notebook 04's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import pytest

from actlib.exercises import leaky_relu as exercises


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "1/100"), (exercises.q2, -2.0), (exercises.q3, "B"), (exercises.q4, [6.0, 3.0]),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, -0.03, "the value"),
    (exercises.q1, 1, "slope for z > 0"),
    (exercises.q2, 0, "for z > 0"),
    (exercises.q2, 2, "wrong sign"),
    (exercises.q3, "c", "needs a non-linear activation"),
    (exercises.q4, (3, 3), "max(αz, z): 3 is z, but the max takes the larger"),
    (exercises.q4, (6, 6), "actlib: actlib's leaky_relu is defined branch by branch"),
    (exercises.q4, (3, 6), "right but swapped"),
    (exercises.q4, (4, 3), "max(αz, z): 4 is too small"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
