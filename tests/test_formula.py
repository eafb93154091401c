"""actlib.formula: numbers as a learner writes them, and quick refusals of formulas that would hang the kernel."""
import time

import pytest
import sympy as sp

import actlib
from actlib.checks import expression_answer, number_answer
from actlib.exercises import sigmoid as sigmoid_exercises
from actlib.formula import FormulaError, FormulaTooLarge, parse_formula, time_limit

z = actlib.z


@pytest.mark.parametrize("text, expected", [
    ("1e5*z", 100000 * z),
    ("1e5z", 100000 * z),
    ("2.5e-3z", sp.Rational(1, 400) * z),
    ("1E5", 100000),
    ("1e-3 + z", sp.Rational(1, 1000) + z),
    (".5z", z / 2),
    ("2e", 2 * sp.E),          # no digits after e: the constant e
    ("2z^2", 2 * z**2),
    ("10^1000", sp.Integer(10) ** 1000),  # big, but within the limits
    ("z^1000", z**1000),
])
def test_numbers_in_scientific_notation_are_numbers(text, expected):
    assert float(sp.simplify(parse_formula(text) - expected).subs(z, 1.5)) == pytest.approx(0, abs=1e-12)


def test_a_name_that_merely_contains_digits_is_still_unknown():
    with pytest.raises(FormulaError, match="x1e5"):
        parse_formula("x1e5*z")


def test_exercises_read_scientific_notation():
    assert number_answer(1e-8, rtol=0.05)("1e-8")[0]
    assert expression_answer(1000 * z)("1e3*z")[0]


RUNAWAY = [
    ("z^9^9^9", "power"), ("9**9**9", "power"), ("z^(9^9)", "power"), ("2^2^2^2^2", "power"),
    ("z^1e9", "power"), ("exp(z)^(10^5)", "power"), ("(2^1000)^1000", "size about 10^"),
    ("1e99999*z", "size about 10^"), ("9" * 150 + "*z", "digits"), ("9" * 5000, "characters long"),
    ("z" + "+z" * 5000, "characters long"), ("(" * 300 + "z" + ")" * 300, "deep"),
    ("(" * 5000 + "z", "characters long"),
]


@pytest.mark.parametrize("text, words", RUNAWAY, ids=lambda value: value[:20] if isinstance(value, str) else None)
def test_runaway_formulas_are_refused_at_once_with_what_is_allowed(text, words):
    start = time.perf_counter()
    with pytest.raises(FormulaTooLarge) as refusal:
        parse_formula(text)
    assert time.perf_counter() - start < 2  # a hang guard, not a benchmark
    assert isinstance(refusal.value, ValueError) and isinstance(refusal.value, FormulaError)
    assert words in str(refusal.value) and "Allowed:" in str(refusal.value)


@pytest.mark.parametrize("text", ["z^9^9^9", "9**9**9", "(" * 300 + "z" + ")" * 300])
def test_exercises_and_from_expression_refuse_runaways_quickly(text):
    start = time.perf_counter()
    feedback = sigmoid_exercises.q1(text)
    assert feedback.correct is False and "Allowed:" in feedback.message
    with pytest.raises(ValueError, match="Allowed:"):
        actlib.from_expression("runaway", text)
    assert time.perf_counter() - start < 4


def test_time_limit_stops_slow_python_and_restores_the_alarm():
    import signal
    before = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    with pytest.raises(FormulaTooLarge, match="spinning took longer than 0.2 s"):
        with time_limit(0.2, "spinning"):
            while True:
                pass
    assert time.perf_counter() - start < 2
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(0.2, "quick work"):
        assert sum(range(10)) == 45
