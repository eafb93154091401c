"""Notebook 04's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import numpy as np
import pytest

import actlib
from actlib.chain import weight_gradient_signs
from actlib.exercises import leaky_relu as exercises
from actlib.seeds import SEEDS


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "-1/50"), (exercises.q2, "B"), (exercises.q3, (0.01, 0.2)),
    (exercises.q5, -0.7), (exercises.q6, [-2.5, -5.0]),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, 0.01, "inner slope"),
    (exercises.q1, -2, "the left branch"),
    (exercises.q1, 0.02, "wrong sign"),
    (exercises.q2, "a", "more layers"),
    (exercises.q2, "c", "the rate is not the problem"),
    (exercises.q3, (1, 0.57), "like the sigmoid?"),
    (exercises.q3, (0.008, 0.009), "like tanh?"),
    (exercises.q5, 0, "for z > 0"),
    (exercises.q5, 0.7, "wrong sign"),
    (exercises.q5, -0.007, "the value, not its derivative"),
    (exercises.q6, (-5, -5), "max(αz, z): −5 is αz, but the max takes the larger"),
    (exercises.q6, (-2.5, -2.5), "actlib: actlib's leaky_relu is defined branch by branch"),
    (exercises.q6, (-5, -2.5), "right but swapped"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_measured_signs_lie_in_the_accepted_ranges_for_other_seeds():
    per_example, per_minibatch = exercises.q3.checker.parts
    for seed in SEEDS:
        signs = weight_gradient_signs(actlib.get("leaky_relu"), **exercises.SIGNS_RUN, seed=seed)
        assert per_example.accepts(signs.per_example) and per_minibatch.accepts(signs.per_minibatch)


@pytest.mark.parametrize("buggy, words", [
    (lambda upstream, z, alpha=0.01: upstream * np.where(z > 0, 1.0, alpha * z), "still multiplies by α·z"),
    (lambda upstream, z, alpha=0.01: upstream * np.where(z >= 0, 1.0, alpha), "right except at z = 0"),
    (lambda upstream, z, alpha=0.01: upstream * (z > 0), "ReLU's backward step"),
])
def test_the_planted_bug_and_its_near_fixes_are_named(buggy, words):
    feedback = exercises.q4(buggy)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_fixed_backward_step_passes():
    assert exercises.q4(lambda upstream, z, alpha=0.01: upstream * (1.0 if z > 0 else alpha)).correct is True


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "diagnose", "predict", "find the bug", "apply", "apply"]
