"""Notebook 03's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import numpy as np
import pytest

from actlib.dead_units import train_with_shock_over_seeds
from actlib.exercises import relu as exercises


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, [0.0, 2.0]), (exercises.q2, 0.5), (exercises.q3, "D"), (exercises.q4, "(C)"),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, (0, 1), "inner factor is missing"),
    (exercises.q1, (2, 2), "ReLU's flat branch"),
    (exercises.q2, 2 / 6, "b = −1 counts as dead too"),
    (exercises.q2, 1 / 6, "too small"),
    (exercises.q3, "b", "Seed 0 happens to survive 0.2"),
    (exercises.q3, "c", "the units do not get the time to die"),
    (exercises.q4, "a", "more steps change nothing"),
    (exercises.q4, "b", "cannot revive them"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_predicted_runs_blow_up_as_the_key_says():
    runs = train_with_shock_over_seeds("relu", **exercises.PREDICTED_RUN)
    assert runs.diverged.all() and np.all(np.argmax(~np.isfinite(runs.loss), axis=1) < 20)
    assert exercises.q3("d").correct


def test_what_the_diagnosis_key_says_about_the_gentle_rate_holds_over_seeds():
    runs = train_with_shock_over_seeds("relu", learning_rate=0.05, steps=500)
    assert np.all(runs.dead_count[:, -1] - runs.dead_count[:, 0] <= 2)   # "at most a unit or two beyond ..."


@pytest.mark.parametrize("buggy, words", [
    (lambda upstream, z: upstream * np.maximum(0, z), "still multiplies by relu(z)"),
    (lambda upstream, z: upstream * (z >= 0), "right except at z = 0"),
    (lambda upstream, z: float(z > 0), "ignores the upstream gradient"),
])
def test_the_planted_bug_and_its_near_fixes_are_named(buggy, words):
    feedback = exercises.q5(buggy)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_fixed_backward_step_passes_with_numpy_or_plain_python():
    assert exercises.q5(lambda upstream, z: upstream * (z > 0)).correct is True
    assert exercises.q5(lambda upstream, z: upstream if z > 0 else 0.0).correct is True


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "apply", "predict", "diagnose", "find the bug"]
