"""actlib_course.predict_checks: range checkers for predict-then-run exercises."""
from actlib_course.predict_checks import range_answer, range_pair_answer


def test_a_prediction_in_the_range_passes_and_one_outside_gets_the_nearest_reason():
    check = range_answer(0.2, 0.6, below={0.01: "far too few", 0.1: "a little low"}, above={1: "all of them?"},
                         explain="Most units die.")
    assert check(0.3) == (True, "0.3 is in the range the run will show (0.2 to 0.6). Most units die.")
    assert check(0.12) == (False, "0.12 is too small: a little low")
    assert check(0.005) == (False, "0.005 is too small: far too few")
    assert check(0.9) == (False, "0.9 is too large: all of them?")
    assert check.accepts(0.2) and check.accepts(0.6) and not check.accepts(0.61)


def test_a_range_without_reasons_says_which_side_and_text_is_read():
    check = range_answer(-2, 2)
    assert check("3") == (False, "3 is too large.")
    assert check("1/2")[0] is True
    assert check("many")[0] is False


def test_a_pair_checks_each_prediction_and_keeps_its_parts():
    first, second = range_answer(0, 1), range_answer(10, 20)
    check = range_pair_answer(first, second, labels=["a", "b"])
    assert check((0.5, 15))[0] is True
    correct, message = check((0.5, 25))
    assert correct is False and "b: 25 is too large" in message
    assert check.parts == (first, second)
