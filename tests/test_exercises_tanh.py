"""Notebook 02's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import numpy as np
import pytest

from actlib.chain import chain_gradients
from actlib.exercises import tanh as exercises
from actlib.seeds import SEEDS


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, "1.7159*2/3/cosh(2*z/3)**2"),
    (exercises.q1, "1.14393333333333*(1 - tanh(2*z/3)**2)"),
    (exercises.q2, (0.2, 1e-17)),
    (exercises.q2, "0.05, 1e-20"),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (exercises.q1, "1.7159*(1 - tanh(2*z/3)**2)", "inner factor is missing"),
    (exercises.q1, "(2/3)*(1 - tanh(2*z/3)**2)", "outer factor 1.7159 is missing"),
    (exercises.q1, "1.7159*(2/3)*(1 - tanh(z)**2)", "at the inside"),
    (exercises.q2, (1e-3, 1e-18), "the 10-layer share (10% to 42%) cubed"),
    (exercises.q2, (0.1, 1e-6), "that is the 10-layer result"),
    (exercises.q2, (1e-18, 0.1), "swapped"),
])
def test_typical_wrong_answers_fail_with_a_reason(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback


def test_the_30_layer_run_lies_in_the_accepted_ranges_for_every_seed_with_room_to_spare():
    tanh_range, sigmoid_range = exercises.q2.checker.parts
    for seed in SEEDS:
        tanh_kept = chain_gradients("tanh", **exercises.DEPTH_30, seed=seed).relative[0]
        sigmoid_kept = chain_gradients("sigmoid", **exercises.DEPTH_30, seed=seed).relative[0]
        # within the range, and a factor 2 (tanh) or 10 (sigmoid) inside its ends: another machine's
        # last bits or another seed cannot push the run out of what the key accepts
        assert tanh_range.accepts(tanh_kept / 2) and tanh_range.accepts(tanh_kept * 2), (seed, tanh_kept)
        assert sigmoid_range.accepts(sigmoid_kept / 10) and sigmoid_range.accepts(sigmoid_kept * 10), (seed, sigmoid_kept)


def test_the_planted_bug_is_named_and_the_fix_passes():
    buggy = exercises.q3(lambda upstream, a: upstream * (1 - a) ** 2)
    assert buggy.correct is False and "still squares (1 − a)" in buggy.message
    assert exercises.q3(lambda upstream, a: upstream * (1 - a) * (1 + a)).correct is True


def test_a_backward_step_that_ignores_upstream_fails():
    feedback = exercises.q3(lambda upstream, a: 1 - a ** 2)
    assert feedback.correct is False and "multiply by upstream" in feedback.message


def test_a_number_instead_of_a_function_is_told_so():
    assert "expected your function" in exercises.q3(0.75).message


def test_textbook_identity_fails_in_the_tail():
    feedback = exercises.q4(lambda z: 1 - math.tanh(z) ** 2)
    assert feedback.correct is False and "from |z| ≈ 19 on" in feedback.hint


def test_numpy_function_is_accepted():
    assert exercises.q4(lambda z: 4 * np.exp(-2 * abs(z)) / (1 + np.exp(-2 * abs(z))) ** 2).correct is True


def test_textbook_identity_is_told_that_every_digit_is_lost_from_z_19_on():
    message = exercises.q4(lambda z: 1 - math.tanh(z) ** 2).message
    assert message.startswith("at z = 20 your function returned 0, but the right value is 1.69934e-17: every digit is lost")
    assert "on both sides" in message


def test_sigmoid_rule_for_tanh_is_named():
    feedback = exercises.q4(lambda z: math.tanh(z) * (1 - math.tanh(z)))
    assert feedback.correct is False and "the sigmoid's rule" in feedback.message


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "predict", "find the bug", "apply"]
