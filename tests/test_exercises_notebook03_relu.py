"""Notebook 03's exercises beyond the wrong-answer table (tests/wrong_answers/relu.py): what the prediction's
and the diagnosis's keys say about the runs, the planted bug against actlib's own relu′, each exercise's kind."""
import numpy as np

import actlib
from actlib.training.dead_units import train_with_shock_over_seeds
from actlib_course.exercises import notebook03_relu as exercises


def test_the_predicted_runs_blow_up_as_the_key_says():
    runs = train_with_shock_over_seeds("relu", **exercises.PREDICTED_RUN)
    assert runs.diverged.all() and np.all(np.argmax(~np.isfinite(runs.loss), axis=1) < 20)
    assert exercises.q3("d").correct


def test_what_the_diagnosis_key_says_about_the_gentle_rate_holds_over_seeds():
    runs = train_with_shock_over_seeds("relu", learning_rate=0.05, steps=500)
    assert np.all(runs.dead_count[:, -1] - runs.dead_count[:, 0] <= 2)   # "at most a unit or two beyond ..."


def test_the_fixed_backward_step_from_the_output_is_actlibs_relu_slope_and_the_planted_one_is_not():
    relu = actlib.get("relu")
    z = np.array([-3.0, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0])
    a = relu(z)
    assert np.array_equal(-2.5 * (a > 0), -2.5 * relu.derivative(z))      # the key: relu′(0) = 0, from the output
    assert not np.array_equal(-2.5 * (a >= 0), -2.5 * relu.derivative(z))  # the planted bug passes every unit
    assert exercises.q5(lambda upstream, a: upstream * (a > 0)).correct is True


def test_every_exercise_has_its_kind():
    assert [q.kind for q in exercises.EXERCISES] == ["apply", "apply", "predict", "diagnose", "find the bug"]
