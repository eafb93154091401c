"""Notebook 06's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import pytest

from actlib.exercises import finite_differences as exercises
from test_exercises import solution_answer


@pytest.mark.parametrize("exercise", exercises.EXERCISES, ids=lambda e: e.key)
def test_written_solution_passes(exercise):
    assert exercise(solution_answer(exercise)).correct is True


@pytest.mark.parametrize("exercise", exercises.EXERCISES, ids=lambda e: e.key)
def test_blank_answer_is_not_answered(exercise):
    assert exercise(...).correct is None


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 1e-7, "proportional to h"),
    (exercises.q2, -16, "too small"),
    (exercises.q3, 5.9, "too small"),
    (exercises.q4, "c", "far larger than rounding"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
