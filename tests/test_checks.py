"""actlib_course.checks: right, wrong and unanswered for every kind of answer; learner errors become feedback."""
import math
import time

import numpy as np
import pytest
import sympy as sp

import actlib
from actlib_course.checks import (
    Exercise, Feedback, choice_answer, expression_answer, function_answer, number_answer, tail_points, tuple_answer,
)

z = actlib.z
sigmoid = actlib.get("sigmoid")
SIGMA = {"sigma": sp.Lambda(z, 1 / (1 + sp.exp(-z)))}


def exercise(checker, hints=("Think again.",)):
    return Exercise("test.q", "A question?", checker, hints=hints, solution="The **answer**.")


# -- Feedback and Exercise -----------------------------------------------------------------------

@pytest.mark.parametrize("blank", [..., None])
def test_unanswered_is_neither_right_nor_wrong(blank):
    feedback = exercise(number_answer(1.0))(blank)
    assert feedback.correct is None and not feedback
    assert repr(feedback) == "… Not answered yet: replace `...` with your answer."


def test_feedback_text_is_deterministic_and_plain():
    q = exercise(number_answer(0.25))
    assert repr(q(0.25)) == str(q(0.25)) == "✓ Correct: 0.25."
    assert repr(q(0.5)) == "✗ Not yet: 0.5 is too large. Hint: Think again."
    assert repr(q(0.1)) == "✗ Not yet: 0.1 is too small. Hint: Think again."
    assert bool(q(0.25)) and not q(0.5)


def test_feedback_html_is_a_coloured_box_with_escaped_text():
    html = Feedback(False, "`a < b` fails", "x & y")._repr_html_()
    assert html.startswith("<div") and "rgb(214, 110, 0)" in html
    assert "<code>a &lt; b</code>" in html and "x &amp; y" in html
    assert "rgb(46, 160, 67)" in Feedback(True, "ok")._repr_html_()
    assert "Not answered yet" in Feedback(None, "blank")._repr_html_()


def test_hints_come_one_at_a_time_then_say_there_are_no_more():
    q = exercise(number_answer(1), hints=("first", "second"))
    assert str(q.hint()) == "**Hint 1 of 2:** first (Call `.hint()` again for the next one.)"
    assert str(q.hint()) == "**Hint 2 of 2:** second That was the last hint; `.solution()` shows the worked answer."
    for _ in range(2):  # from then on: plainly no more, and all of them together
        text = str(q.hint())
        assert text.startswith("**No more hints:** you have seen all 2.") and "1. first\n2. second" in text
        assert "`.solution()`" in text
    assert str(q.hint(1)) == "**Hint 1 of 2:** first" and "no hint 3" in str(q.hint(3))
    assert q.solution()._repr_markdown_() == "The **answer**."
    assert "solution()" in str(exercise(number_answer(1), hints=()).hint())


def test_a_single_hint_is_the_only_one_and_then_shown_again():
    q = exercise(number_answer(1), hints=("only",))
    assert str(q.hint()) == "**Hint 1 of 1:** only That was the only hint; `.solution()` shows the worked answer."
    assert str(q.hint()).startswith("**No more hints:** this exercise has only one, shown again here: only")


def test_every_exercise_module_steps_through_its_hints():
    from actlib_course.exercises import notebook00_start_here as start_here
    q = Exercise("copy.q1", start_here.q1.prompt, start_here.q1.checker, hints=start_here.q1.hints)
    shown = [str(q.hint()) for _ in range(len(q.hints) + 1)]
    assert [text.split("**")[1] for text in shown[:-1]] == [f"Hint {i} of {len(q.hints)}:" for i in range(1, len(q.hints) + 1)]
    assert shown[-1].startswith("**No more hints:**")


def test_exercise_shows_its_prompt():
    q = exercise(number_answer(1))
    assert repr(q) == "Exercise test.q: A question?"
    assert q._repr_markdown_() == "**Exercise test.q.** A question?"


def test_a_checker_that_raises_becomes_feedback():
    def broken(answer):
        raise RuntimeError("boom")

    feedback = exercise(broken)(1)
    assert feedback.correct is False and "RuntimeError: boom" in feedback.message


# -- number_answer ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [0.25, 1 / 4, "1/4", "0.25", sp.Rational(1, 4), np.float32(0.25), np.array(0.25)])
def test_number_any_form_of_the_right_number(answer):
    assert number_answer(0.25)(answer)[0]


@pytest.mark.parametrize("answer, words", [
    (0.3, "too large"), ("abc", "could not read"), (True, "expected a number"), ([1, 2], "single number"),
    (math.inf, "finite"), (math.nan, "finite"), (sigmoid, "expected a number"),
])
def test_number_wrong_or_unreadable(answer, words):
    correct, message = number_answer(0.25)(answer)
    assert not correct and words in message


def test_number_tolerances():
    assert number_answer(0.0, atol=1e-9)(1e-12)[0]
    assert not number_answer(0.0)(1e-12)[0]
    assert number_answer(100, rtol=1e-3)(100.05)[0]


# -- expression_answer -----------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "exp(-z)/(1+exp(-z))**2",
    "1/(1+exp(-z)) * (1 - 1/(1+exp(-z)))",           # sigma*(1-sigma), written out
    "e^(-z)/(1+e^(-z))^2",                           # ^ and e as a learner types them
    "exp(z)/(1+exp(z))**2",
    "1/(4*cosh(z/2)**2)",                            # simplify cannot prove this one: numeric fallback
    "sigma(z)*(1-sigma(z))",                         # an extra name the exercise allows
    sp.exp(-sp.Symbol("z")) / (1 + sp.exp(-sp.Symbol("z"))) ** 2,  # the learner's own Symbol("z")
    sigmoid.expr * (1 - sigmoid.expr),
])
def test_expression_any_equivalent_form(answer):
    correct, message = expression_answer(sigmoid.derivative_expr, names=SIGMA)(answer)
    assert correct, message


@pytest.mark.parametrize("answer, words", [
    ("exp(-z)/(1+exp(-z))", "at z = 1 your expression gives 0.268941, but the right value is 0.196612"),
    ("s*(1-s)", "uses s, which the checker does not know"),
    ("sigmoid(z)*(1-sigmoid(z))", "uses sigmoid"),
    ("diff(1/(1+exp(-z)), z)", "uses diff"),
    ("__import__('os')", "uses __import__, which"),  # 'os' is text in quotes, not a name
    ("exp(-z", "brackets"),
    ("exp(-z)*/", "could not read"),
    (lambda z: z, "got a function"),
    (sp.Symbol("x") + z, "uses x"),
    (0.25, "at z = 1 your expression gives 0.25"),
])
def test_expression_wrong_or_unreadable(answer, words):
    correct, message = expression_answer(sigmoid.derivative_expr, names=SIGMA)(answer)
    assert not correct and words in message, message


# -- function_answer -------------------------------------------------------------------------------

def stable(z):
    e = math.exp(-abs(z))
    return e / (1 + e) ** 2


@pytest.mark.parametrize("answer", [stable, sigmoid.derivative, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2])
def test_function_right(answer):
    correct, message = function_answer(sigmoid.derivative)(answer)
    assert correct and "|z| up to 100" in message


def test_function_textbook_form_fails_in_the_tail_and_says_where():
    correct, message = function_answer(sigmoid.derivative)(lambda z: sigmoid(z) * (1 - sigmoid(z)))
    assert not correct
    # the hardest failure first (every digit lost from z = 37), then where digits start to go
    assert message.startswith("at z = 37 your function returned 0, but the right value is 8.53305e-17: every digit is lost")
    assert "from z = 20 out" in message and "the check allows" not in message


def test_function_checks_the_tails():
    tail = function_answer(sigmoid.derivative, points=[40.0])
    assert not tail(lambda z: sigmoid(z) * (1 - sigmoid(z)))[0]
    assert "returned 0, but the right value is 4.24835e-18" in tail(lambda z: sigmoid(z) * (1 - sigmoid(z)))[1]


@pytest.mark.parametrize("answer, words", [
    (lambda z: 1 / 0, "at z = 0 your function raised ZeroDivisionError: division by zero"),
    (lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2, "at z = -709 your function raised OverflowError"),  # a hard point
    (lambda z: None, "returned None; did you forget `return`?"),
    (lambda z: np.array([1.0, 2.0]), "not one number"),
    (lambda z: "0.25", "not one number"),
    (lambda z: math.nan, "returned nan"),
    (0.25, "expected a function of z"),
])
def test_function_learner_errors_become_feedback(answer, words):
    check = function_answer(sigmoid.derivative, points=[0.0, 1.0, -710.0])
    correct, message = check(answer)
    assert not correct and words in message, message


def test_function_overflow_warnings_are_silenced():
    with np.errstate(all="raise"):  # a warning escaping the checker would raise here
        assert not function_answer(sigmoid.derivative, points=[-800.0])(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)[0]


def test_function_stub_counts_as_not_answered():
    def stub(z):
        raise NotImplementedError

    feedback = exercise(function_answer(sigmoid.derivative))(stub)
    assert feedback.correct is None and "NotImplementedError" in feedback.message


# -- choice_answer and tuple_answer ----------------------------------------------------------------

def test_choice():
    check = choice_answer("b", {"a": "zero", "b": "a quarter"})
    assert check("b") == (True, "(b) a quarter")
    assert check(" B ")[0] and check("(b)")[0]
    assert check("a") == (False, "(a) is not it: zero")
    assert "one of 'a', 'b'" in check("c")[1]


def test_tuple_names_the_wrong_items():
    check = tuple_answer(number_answer(0.25), number_answer(0, atol=1e-9), labels=("peak value", "peak z"))
    assert check((0.25, 0)) == (True, "peak value: 0.25; peak z: 0.")
    assert check([0.25, 1]) == (False, "peak z: 1 is too large in size.")
    assert check((0.5, -1)) == (False, "peak value: 0.5 is too large; peak z: -1 is too large in size.")
    assert "expected 2 values" in check(0.25)[1]


def test_number_mistakes_get_their_own_message():
    check = number_answer(0.25, mistakes={0.5: "that is σ(0), not σ′(0)."})
    assert check(0.5) == (False, "that is σ(0), not σ′(0).")
    assert check("1/2") == (False, "that is σ(0), not σ′(0).")
    assert check(0.6) == (False, "0.6 is too large.")
    assert check(0.25) == (True, "0.25.")


def test_grade_gives_feedback_to_students_and_fails_under_the_autograder(monkeypatch):
    exercise = Exercise("demo.q1", "What is σ′(0)?", number_answer(0.25))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert exercise.grade(...).correct is None and exercise.grade(0.3).correct is False
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert exercise.grade(0.25).correct is True
    for wrong in (..., 0.3):
        with pytest.raises(AssertionError, match="Exercise demo.q1"):
            exercise.grade(wrong)


def test_close_numbers_show_enough_digits_and_the_tolerance():
    check = number_answer(0.5, rtol=1e-9)
    correct, message = check(0.4999999)
    assert not correct and message.startswith("0.4999999 is close but too small") and "7th significant digit" in message
    assert check(0.3)[1] == "0.3 is too small."
    exact = number_answer(10, rtol=0)  # a whole-number answer: no "close", no tolerance to quote
    assert exact(9.97)[1] == "9.97 is too small."


def test_slips_are_recognised_to_three_digits_but_never_near_the_answer():
    check = number_answer(3.01, rtol=1e-9, mistakes={3: "the 0.01 is missing", 6.02: "doubled"})
    assert check(6.0)[1] == "doubled"  # 3 digits of 6.02 -> the slip
    assert check(3.0)[1] == "the 0.01 is missing"
    assert "missing" not in check(3.008)[1]  # nearer the answer than halfway from the slip


# -- function answers: hardest points first, each failure named by its kind -------------------------

def softplus_check():
    """06.q3's check: softplus to 12 digits, |z| up to 1000."""
    softplus = actlib.get("softplus")
    return function_answer(lambda x: float(softplus(x)), points=tail_points(beyond=(200, 500, 709, 710, 750, 1000)),
                           rtol=1e-12)


def test_naive_softplus_is_told_where_it_really_breaks_not_about_lost_digits_at_minus_12():
    correct, message = softplus_check()(lambda z: math.log(1 + math.exp(z)))
    assert not correct
    assert message.startswith("at z = 710 your function raised OverflowError: math range error")
    assert ("at z = -37 it returned 0, but the right value is 8.53305e-17: every digit is lost "
            "(relative error 100%)") in message
    assert "at z = -12 " not in message  # digits lost there are named last, by the worst point
    correct, message = softplus_check()(lambda z: np.log(1 + np.exp(z)))  # numpy overflows to inf instead
    assert message.startswith("at z = 710 your function overflowed to inf, but the right value is 710")


def test_nan_after_an_overflow_is_named_with_its_cause():
    check = function_answer(sigmoid.derivative, points=tail_points(beyond=(1000,)))
    correct, message = check(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    assert not correct and message.startswith("at z = -710 your function returned nan, but the right value is 4.47")
    assert "usually after something overflowed" in message


def test_hard_points_stay_inside_the_range_the_prompt_states():
    """Default points reach |z| = 100: a form that overflows only beyond 709 is not failed for it."""
    assert function_answer(sigmoid.derivative)(lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2)[0]
    assert not function_answer(sigmoid.derivative, points=[-800.0, 800.0])(lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2)[0]


def test_hard_points_include_zero_and_either_side_of_it():
    relu = actlib.get("relu")
    check = function_answer(lambda x: float(relu.derivative(x)), points=[-1.0, 1.0])
    assert check(lambda z: float(z > 0))[0]
    assert check(lambda z: float(z >= 0))[1].startswith("at z = 0 your function returned 1")  # the kink
    assert check(lambda z: 1.0 if z > 1e-6 else 0.0)[1].startswith("at z = 1e-300 your function returned 0")


def test_a_wrong_formula_is_shown_at_an_ordinary_point_first():
    correct, message = function_answer(sigmoid.derivative)(lambda z: float(sigmoid(z)))
    assert not correct and message.startswith("at z = 0 your function returned 0.5, but the right value is 0.25")


def test_function_slips_are_named():
    check = function_answer(sigmoid.derivative, mistakes={lambda z: float(sigmoid(z)): "that is σ, not σ′."})
    assert check(lambda z: float(sigmoid(z))) == (False, "that is σ, not σ′.")
    assert check(lambda z: -float(sigmoid.derivative(z)))[1] == "your function returns the right values with the wrong sign."


# -- expression answers: slips named, runaway evaluation stopped ------------------------------------

def test_expression_slips_and_the_wrong_sign_are_named():
    check = expression_answer(sigmoid.derivative_expr, names=SIGMA, mistakes={"sigma(z)": "that is σ itself."})
    assert check("1/(1 + exp(-z))") == (False, "that is σ itself.")  # equal to the slip in another form
    assert "wrong sign" in check("-sigma(z)*(1 - sigma(z))")[1]
    assert check("sigma(z)*(1 - sigma(z))")[0]


def test_an_expression_beyond_float_range_is_shown_as_a_number():
    correct, message = expression_answer(sigmoid.derivative_expr)("exp(exp(exp(exp(z))))")
    assert not correct and "gives a number beyond float range (|x| > 1.8e+308), but the answer is 0.196612" in message


def test_an_expression_too_costly_to_evaluate_is_stopped_within_about_a_second():
    start = time.perf_counter()
    # sin(exp(exp(exp(5)))) needs the argument to about 1e64 digits: no machine finishes it, so the
    # limit (not the machine's speed) decides. (With exp(exp(z)) a fast machine finished within 1 s.)
    correct, message = expression_answer(sigmoid.derivative_expr)(
        "exp(-z)/(1+exp(-z))**2 * (sin(exp(exp(exp(z))))**2 + cos(exp(exp(exp(z))))**2)")
    assert time.perf_counter() - start < 3  # a hang guard: 1 s for the evaluation, not a benchmark
    assert not correct and "took longer than 1 s" in message and "simpler form" in message


# -- numbers and tuples: the shape of an answer explained ---------------------------------------------

def test_the_right_number_with_the_wrong_sign_is_called_so():
    assert number_answer(-0.25)(0.25) == (False, "0.25 has the wrong sign; its size is right.")
    assert number_answer(-0.25, mistakes={0.25: "y − a, not a − y."})(0.25) == (False, "y − a, not a − y.")


@pytest.mark.parametrize("answer, words", [
    ([0.25], "not a list holding one: write 0.25, without the brackets"),
    ((0.25, 0), "got a tuple of 2 values; this question asks for a single number"),
    ({0.25}, "expected one number, got a set"),
])
def test_a_sequence_where_one_number_is_expected_is_explained(answer, words):
    correct, message = number_answer(0.25)(answer)
    assert not correct and words in message, message


@pytest.mark.parametrize("answer", [(0.25, 0), [0.25, 0], np.array([0.25, 0.0]), "(0.25, 0)", "0.25, 0"])
def test_a_pair_may_be_a_tuple_list_array_or_text(answer):
    check = tuple_answer(number_answer(0.25), number_answer(0, atol=1e-9), labels=("peak value", "peak z"))
    assert check(answer)[0], check(answer)


@pytest.mark.parametrize("answer, words", [
    ((0, 0.25), "the two values are right but swapped: the order is (peak value, peak z)"),
    ({0.25, 0}, "a set has no order; write 2 values in parentheses, in the order (peak value, peak z)"),
    ((0.25, 0, 1), "your tuple has 3"),
    ({"peak value": 0.25}, "not a dict"),
    (0.25, "got one float, 0.25"),
])
def test_a_pair_in_the_wrong_shape_is_explained(answer, words):
    check = tuple_answer(number_answer(0.25), number_answer(0, atol=1e-9), labels=("peak value", "peak z"))
    correct, message = check(answer)
    assert not correct and words in message, message


# -- numbers: every spelling, sign and size apart, the form, the precision given (issue 23) ----------

from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

_KEYS = st.fractions(min_value=-1000, max_value=1000, max_denominator=64).filter(lambda f: f != 0)


@given(_KEYS)
def test_any_spelling_of_a_right_number_passes(key):
    check = number_answer(float(key))
    spellings = [key, float(key), np.float64(key), f"{key.numerator}/{key.denominator}", repr(float(key)),
                 f" {float(key)!r} ", Decimal(key.numerator) / Decimal(key.denominator), f"{float(key) * 100!r}%"]
    if key.denominator == 1:
        spellings += [int(key), np.int64(int(key))]
    for answer in spellings:
        assert check(answer)[0], (key, answer, check(answer))


@given(_KEYS)
def test_a_negated_right_number_always_says_wrong_sign_and_never_the_value(key):
    correct, message = number_answer(float(key))(-key)
    assert not correct and "wrong sign" in message and "its size is right" in message
    assert f"{float(key):g}" not in message.replace(f"{-float(key):g}", "")


@pytest.mark.parametrize("answer", [Fraction(1, 4 ** 10), "1e-6", "1E-6", "2**-20", "4**-10", np.float32(2 ** -20),
                                    Decimal("9.5367431640625e-7")])
def test_numbers_come_as_fractions_strings_and_numpy_scalars(answer):
    assert number_answer(2 ** -20, rtol=0.1)(answer)[0], answer


def test_a_percent_string_is_a_fraction():
    check = number_answer(0.25)
    assert check("25%")[0] and check(" 25 % ")[0] and check("−25%")[1] == "-0.25 has the wrong sign; its size is right."


@pytest.mark.parametrize("key, answer, words", [
    (-0.25, -0.1875, "too small in size (closer to 0"),     # 00.q2: it said "too large"
    (-0.02, -0.01, "too small in size"),                     # 04.q1 likewise
    (-0.25, -0.5, "too large in size (further from 0"),
    (-0.25, 0.5, "wrong sign; it is also too large in size"),
    (-0.25, 0.1, "wrong sign; it is also too small in size"),
    (0.25, 0.5, "0.5 is too large."),
    (0.25, 0.1, "0.1 is too small."),
    (0, 0.1, "too large in size"),
])
def test_sign_and_size_are_reported_separately(key, answer, words):
    correct, message = number_answer(key)(answer)
    assert not correct and words in message, message


@pytest.mark.parametrize("key, kwargs, answer", [
    (-5, dict(atol=1), 1e-5), (-5, dict(atol=1), 2.4e-5), (-3, dict(atol=1), 0.001),   # 06.q4, 08.q2, 07.q1
    (-5, dict(atol=1, kind="exponent"), 0.3), (1e-8, dict(rtol=0.05), -8),
])
def test_a_value_given_for_an_exponent_or_the_reverse_is_named(key, kwargs, answer):
    correct, message = number_answer(key, **kwargs)(answer)
    assert not correct and "exponent" in message and ("too large" not in message or "kind" in kwargs), message
    assert repr(answer) not in message and f"{answer:g}" not in message  # the value itself is not repeated


def test_an_exponent_answer_says_whether_its_power_of_ten_would_be_right():
    check = number_answer(-5, atol=0.5, kind="exponent")
    assert "would be right" in check(1e-5)[1] and "would be too small" in check(1e-9)[1]


@pytest.mark.parametrize("key, kwargs, answer", [(0.25, {}, 25), (-0.5, {}, "-50"), (0.3, dict(kind="percent"), 0.003)])
def test_a_percent_for_a_fraction_or_the_reverse_is_named(key, kwargs, answer):
    correct, message = number_answer(key, **kwargs)(answer)
    assert not correct and "percent" in message, message


def test_a_number_is_judged_by_the_digits_given():
    check = number_answer(1.7159 * 2 / 3)              # needs 6 significant digits
    assert check(1.14393)[0] and check("1.143933")[0] and check(1.14393333)[0]   # rounded or cut off
    for short in (1.144, "1.14", 1.1439):
        correct, message = check(short)
        assert not correct and "significant digits" in message and "1.14393" not in message, message
    assert "significant digits" not in check(1.15)[1]          # disagrees at its last digit: simply too large
    assert "significant digits" not in number_answer(-0.25)(-0.2)[1]  # one digit is an estimate, not a rounding
    assert not number_answer(0.025, rtol=1e-6)(0.03)[0]


def test_wrong_messages_never_state_the_expected_value():
    key = 1.7159 * 2 / 3
    check = number_answer(key, mistakes={2.0: "a known slip"})
    for answer in (1.2, 1.0, -1.14393, 1.1440001, 114.393, 2.0, "1.14"):
        message = check(answer)[1]
        assert "1.14393" not in message.replace(str(answer), "") or answer in (-1.14393,), (answer, message)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind 'power'"):
        number_answer(1, kind="power")


# -- tuples: the message once, the hint about the wrong item ------------------------------------------

def test_a_checker_may_choose_the_hint_shown():
    check = tuple_answer(number_answer(0.25), number_answer(2.0), labels=("sigmoid", "tanh"), hints=(1, 0))
    q = exercise(check, hints=("About tanh.", "About sigmoid."))
    assert q((0.25, 3.0)).hint == "About tanh." and q((0.3, 2.0)).hint == "About sigmoid."
    assert q((0.3, 3.0)).hint == "About sigmoid."   # the first wrong item's
    assert q((0.25, 2.0)).correct and q((2.0, 0.25)).hint == "About tanh."   # swapped: the first hint
    assert exercise(lambda answer: (False, "no", None))(1).hint == ""
    assert exercise(lambda answer: (False, "no", "Look here."))(1).hint == "Look here."


def test_a_range_reason_starting_with_its_verdict_is_not_said_twice():
    from actlib_course.predict_checks import range_answer
    check = range_answer(1e-21, 1e-16, above={1e-10: "too large: each 10 layers shrink it a million-fold."})
    message = check(1e-8)[1]
    assert message == "1e-08 is too large: each 10 layers shrink it a million-fold.", message


# -- expressions: textbook functions, the names allowed, the precision written -----------------------

@pytest.mark.parametrize("answer", ["1 - tanh(z)**2", "sech(z)**2", "1/cosh(z)**2", "4/(exp(z) + exp(-z))**2",
                                    "1 - (sinh(z)/cosh(z))**2", "1 - 1/coth(z)**2"])
def test_textbook_functions_are_accepted(answer):
    assert expression_answer(1 - sp.tanh(z) ** 2)(answer)[0], answer


def test_heaviside_is_accepted():
    assert expression_answer(sp.Heaviside(z), points=("1", "-1", "2", "-1/2"))("Heaviside(z)")[0]


def test_an_unknown_function_is_told_which_are_allowed():
    correct, message = expression_answer(1 - sp.tanh(z) ** 2)("sec2(z)")
    assert not correct and "sec2" in message and "sech" in message and "Heaviside" in message and "tanh" in message


def test_decimals_in_an_expression_are_judged_by_the_digits_written():
    check = expression_answer(sp.Rational(17159, 10000) * sp.Rational(2, 3) * (1 - sp.tanh(2 * z / 3) ** 2))
    assert check("1.14393333*(1-tanh(2*z/3)**2)")[0]           # relative error 2.9e-9, 9 digits given
    assert check("1.7159*0.66666667*(1-tanh(2*z/3)**2)")[0]
    for short in ("1.14*(1-tanh(2*z/3)**2)", "1.7159*0.667*(1 - tanh(2*z/3)**2)"):
        correct, message = check(short)
        assert not correct and "significant digits" in message, message
    assert "significant digits" not in check("1.2*(1-tanh(2*z/3)**2)")[1]


def test_the_graded_forms_read_numbers_and_formulas_as_the_checks_do():
    from actlib.graded import FormCheck
    number = FormCheck("x.q1", "?", {"kind": "number"})
    for answer in (Fraction(1, 4), "1e-6", "25%", np.float32(0.3), np.int64(2), Decimal("0.1"), "2**-20"):
        assert number.check(answer).ok is True, answer
    for answer in ("ten", True, [1, 2], math.inf):
        assert number.check(answer).ok is False, answer
    formula = FormCheck("x.q2", "?", {"kind": "expression"})
    assert formula.check("sech(z)**2").ok and formula.check("Heaviside(z)").ok
    assert "Heaviside" in formula.check("step(z)").message
    pair = FormCheck("x.q3", "?", {"kind": "tuple", "items": [{"kind": "number"}, {"kind": "number"}]})
    assert pair.check("0.05, 1e-20").ok and pair.check((Fraction(1, 2), "1e-3")).ok
