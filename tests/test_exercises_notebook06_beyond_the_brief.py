"""Notebook 06's exercises: written solutions pass, blanks are 'not answered', typical slips get a reason."""
import math

import pytest

from actlib_course.exercises import notebook06_beyond_the_brief as exercises


def _gelu_slope(z):
    return exercises._normal_cdf(z) + z * exercises._normal_density(z)


@pytest.mark.parametrize("exercise, answer", [
    (exercises.q1, _gelu_slope),
    (exercises.q2, lambda z: max(z, 0.0) + math.log1p(math.exp(-abs(z)))),
    (exercises.q3, -0.139232),
    (exercises.q3, "-LambertW(exp(-1))/2"),
    (exercises.q4, -5),
    (exercises.q4, -4),
])
def test_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


def test_the_predicted_power_holds_for_every_seed_of_the_notebooks_table():
    assert all(-6 < math.log10(exercises.gelu_gradient_kept(seed=seed)) < -4.5 for seed in range(5))


@pytest.mark.parametrize("blank", ["...", "  ", ""])
def test_blank_strings_are_not_answered_yet(blank):
    assert exercises.q3(blank).correct is None and exercises.q4(blank).correct is None


def test_the_code_shown_in_the_prompt_is_the_planted_bug_the_checker_names():
    namespace = {}
    exec(exercises._BUGGY_SOURCE, namespace)
    assert exercises._BUGGY_SOURCE in exercises.q1.prompt and exercises.q1.stub.startswith(exercises._BUGGY_SOURCE)
    assert abs(namespace["gelu_slope"](0.0) - 0.8989) < 1e-4   # "returns 0.899 at z = 0"
    assert "the factor z is missing" in exercises.q1(namespace["gelu_slope"]).message


def test_the_prediction_is_graded_against_every_seed_of_the_run():
    powers = [round(math.log10(value)) for value in exercises.KEPT_AT_DEPTH]
    assert exercises.KEPT_AT_DEPTH.seeds == (0, 1, 2, 3, 4)
    assert all(exercises.q4(power).correct for power in range(min(powers) - 1, max(powers) + 2))
    assert not exercises.q4(min(powers) - 2).correct and not exercises.q4(max(powers) + 2).correct
