"""Notebook 08's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import numpy as np
import pytest
import sympy as sp

from actlib import z
from actlib_course.exercises import notebook08_finite_differences as exercises


def test_the_predicted_power_is_the_measured_best_step_give_or_take_one():
    measured = math.log10(exercises.best_central_step(1.0))
    assert -6 < measured < -4.5
    assert all(exercises.q2(power).correct for power in (-6, -5, -4))


def test_the_planted_bug_is_named():
    feedback = exercises.q5(exercises._buggy_numeric_slope)
    assert feedback.correct is False and "divides by h" in feedback.message, feedback


def test_the_code_shown_in_the_prompt_is_the_planted_bug():
    namespace = {}
    exec(exercises._BUGGY_SOURCE, namespace)
    assert exercises._BUGGY_SOURCE in exercises.q5.prompt and exercises.q5.stub.startswith(exercises._BUGGY_SOURCE)
    assert abs(namespace["numeric_slope"](0.0) - 2) < 1e-9   # twice tanh′(0) = 1
    assert "divides by h" in exercises.q5(namespace["numeric_slope"]).message


def test_the_key_is_the_models_best_step_and_the_measured_one():
    sigmoid = exercises._sigmoid
    third = abs(float(sp.diff(sigmoid.expr, z, 3).subs(z, 1)))
    model = (3 * np.finfo(float).eps * float(sigmoid(1.0)) / third) ** (1 / 3)
    assert round(math.log10(model)) == round(math.log10(exercises.best_central_step(1.0))) == -5
    assert exercises.q2(-5).correct and not exercises.q2(-7).correct and not exercises.q2(-3).correct
