"""Notebook 02's exercises beyond the wrong-answer table (tests/wrong_answers/tanh.py): the predictions against
the 30-layer runs, the hint with a function that fails in the tail, each exercise's kind."""
import math

from actlib.training.layer_chains import chain_gradients
from actlib_course.exercises import notebook02_tanh as exercises
from actlib.training.seeds import SEEDS


def test_the_30_layer_run_lies_in_the_accepted_ranges_for_every_seed_with_room_to_spare():
    tanh_range, sigmoid_range = exercises.q2.checker.parts
    for seed in SEEDS:
        tanh_kept = chain_gradients("tanh", **exercises.DEPTH_30, seed=seed).relative[0]
        sigmoid_kept = chain_gradients("sigmoid", **exercises.DEPTH_30, seed=seed).relative[0]
        # within the range, and a factor 2 (tanh) or 10 (sigmoid) inside its ends: another machine's
        # last bits or another seed cannot push the run out of what the key accepts
        assert tanh_range.accepts(tanh_kept / 2) and tanh_range.accepts(tanh_kept * 2), (seed, tanh_kept)
        assert sigmoid_range.accepts(sigmoid_kept / 10) and sigmoid_range.accepts(sigmoid_kept * 10), (seed, sigmoid_kept)


def test_textbook_identity_fails_in_the_tail():
    feedback = exercises.q4(lambda z: 1 - math.tanh(z) ** 2)
    assert feedback.correct is False and "from |z| ≈ 19 on" in feedback.hint


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "predict", "find the bug", "apply"]


def test_the_hint_shown_is_about_the_value_that_is_wrong():
    tanh_hint, sigmoid_hint = exercises.q2.hints[1], exercises.q2.hints[0]
    assert exercises.q2((1e-3, 1e-18)).hint == tanh_hint
    assert exercises.q2((0.1, 1e-6)).hint == sigmoid_hint
