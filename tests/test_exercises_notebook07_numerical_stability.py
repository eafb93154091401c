"""Notebook 07's exercises: written solutions pass, blanks are 'not answered', the naive forms fail."""
import math

import pytest

from actlib_course.exercises import notebook07_numerical_stability as exercises


def test_the_predicted_power_is_the_measured_one_give_or_take_one():
    measured = math.log10(exercises.textbook_relative_error(30.0))
    assert -3.5 < measured < -2.5
    assert exercises.q1(-3).correct is True and exercises.q1(-4).correct is True
    assert exercises.q1(-16).correct is False and "rounding of σ(30) itself" in exercises.q1(-16).message


def test_naive_log_sigmoid_is_told_both_ways_it_breaks():
    message = exercises.q2(lambda z: math.log(1 / (1 + math.exp(-z)))).message
    assert message.startswith("at z = -710 your function raised OverflowError")
    assert "at z = 36.9 it returned 0, but the right value is -9.43048e-17: every digit is lost" in message


def test_a_correct_but_differently_written_log_sigmoid_passes_every_hard_point():
    assert exercises.q2(lambda z: min(z, 0.0) - math.log1p(math.exp(-abs(z)))).correct is True


def test_the_planted_bug_fails_where_one_over_e_overflows_and_where_e_underflows():
    feedback = exercises.q3(exercises._buggy_stable_sigmoid)
    assert feedback.correct is False
    assert "raised ZeroDivisionError" in feedback.message and "at z = -710 it returned 0" in feedback.message


def test_swapped_branches_are_named():
    def swapped(z):
        e = math.exp(-abs(z))
        return e / (1 + e) if z >= 0 else 1 / (1 + e)
    assert "branches are swapped" in exercises.q3(swapped).message


def test_the_code_shown_in_the_prompt_is_the_planted_bug():
    namespace = {}
    exec(exercises._BUGGY_SOURCE, namespace)
    assert exercises._BUGGY_SOURCE in exercises.q3.prompt and exercises.q3.stub.startswith(exercises._BUGGY_SOURCE)
    assert namespace["stable_sigmoid"](-720.0) == 0 and namespace["stable_sigmoid"](3.0) == exercises._buggy_stable_sigmoid(3.0)
    with pytest.raises(ZeroDivisionError):
        namespace["stable_sigmoid"](-750.0)
    assert exercises.q3(namespace["stable_sigmoid"]).correct is False


@pytest.mark.parametrize("answer", ["abc", "1e-3x", [1, 2]])
def test_an_unreadable_power_is_told_so_not_a_traceback(answer):
    from actlib_course.exercises import notebook06_beyond_the_brief as beyond_the_brief, notebook08_finite_differences as finite_differences
    for exercise in (exercises.q1, beyond_the_brief.q4, finite_differences.q2):
        feedback = exercise(answer)
        assert feedback.correct is False and "could not check" not in feedback.message, feedback
