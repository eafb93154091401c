"""Every exercise tried as a student would: the wrong-answer tables in tests/wrong_answers/.

For each row of a table: the answer is judged wrong and its message names the slip (holds the
row's words); each right answer in another form passes; every exercise has at least three wrong
answers from different misconceptions; and no wrong answer's message, nor the hint shown with it,
gives the key away (its value in the usual spellings, its formula, its letter, its line of code).
"""
import re
from fractions import Fraction

import pytest

from wrong_answers import (EXERCISES, TABLES, choice_leaks, extra_leaks, leak_patterns, leaked, number_leaks,
                           solution_answer, text_leaks)


def _slug(text: str) -> str:
    return re.sub(r"[^\w′σ]+", "-", text.lower()).strip("-")[:48]


WRONG = [pytest.param(table, exercise, answer, slip, words, id=f"{exercise.key}-{_slug(slip)}")
         for table in TABLES.values() for exercise, answer, slip, words in table.WRONG_ANSWERS]


def _shown(answer) -> str:
    """A function by its name (its repr holds a memory address, which would change the test ids
    from one process to the next and split pytest-xdist's workers)."""
    text = getattr(answer, "__name__", None) if callable(answer) else None
    return text or repr(answer)


RIGHT = [pytest.param(exercise, answer, id=f"{exercise.key}-{_slug(_shown(answer))}")
         for table in TABLES.values() for exercise, answer in getattr(table, "RIGHT_ANSWERS", ())]


@pytest.mark.parametrize("table, exercise, answer, slip, words", WRONG)
def test_a_wrong_answer_is_wrong_and_its_message_names_the_slip(table, exercise, answer, slip, words):
    feedback = exercise(answer)
    assert feedback.correct is False, f"{exercise.key}: {_shown(answer)} ({slip}) is judged {feedback}"
    words = (words,) if isinstance(words, str) else words
    missing = [word for word in words if word.lower() not in feedback.message.lower()]
    assert not missing, f"{exercise.key}: {_shown(answer)} ({slip}): {missing} not in the message: {feedback.message}"


@pytest.mark.parametrize("exercise, answer", RIGHT)
def test_a_right_answer_in_another_form_passes(exercise, answer):
    feedback = exercise(answer)
    assert feedback.correct is True, f"{exercise.key}: {_shown(answer)} is judged {feedback}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_every_exercise_has_three_wrong_answers_from_different_misconceptions(exercise):
    slips = {slip for table in TABLES.values() for row_exercise, _, slip, _ in table.WRONG_ANSWERS
             if row_exercise is exercise}
    assert len(slips) >= 3, f"{exercise.key}: {len(slips)} misconception(s) in the wrong-answer tables: {sorted(slips)}"


@pytest.mark.parametrize("table, exercise, answer, slip, words", WRONG)
def test_no_wrong_answer_message_gives_the_key_away(table, exercise, answer, slip, words):
    feedback = exercise(answer)
    leaks = [*leak_patterns(exercise), *extra_leaks(table, exercise)]
    for where, text in (("message", feedback.message), ("hint shown with it", feedback.hint)):
        leak = leaked(text, leaks)
        assert leak is None, (f"{exercise.key}: the {where} for {_shown(answer)} ({slip}) gives the key away "
                              f"as {leak.shown!r}: {text}")


# --- The leak detector itself --------------------------------------------------------------------------

def _finds(leaks, text):
    found = leaked(text, leaks)
    return found.shown if found else None


def test_a_number_key_is_found_in_its_usual_spellings_and_not_inside_other_numbers():
    leaks = number_leaks(-0.25)
    for text in ("the answer is -0.25.", "about −0.25", "it is -1/4", "(−1/4)"):
        assert _finds(leaks, text), text
    for text in ("0.255 is off", "-10.25 is off", "σ′(0) = 0.25", "-0.25e3", "1/42"):
        assert _finds(leaks, text) is None, text
    assert _finds(number_leaks(0.25), "σ′(0) = 0.25 is the peak") is None     # a value of something else
    assert _finds(number_leaks(0.5), "a fraction (0.5 for 50%)") and _finds(number_leaks(0.5), "that is 50%")
    assert _finds(number_leaks(Fraction(1, 4 ** 10)), "ten layers make about 1e-6")
    assert _finds(number_leaks(1e-18), "so about (10⁻⁶)³ = 10⁻¹⁸, not less")


def test_a_small_integer_key_is_found_only_where_stated_as_the_result():
    leaks = number_leaks(0)
    assert _finds(leaks, "the right value is 0.") and _finds(leaks, "it should be 0")
    assert _finds(leaks, "between 0 and 1, at z = 0") is None
    assert _finds(number_leaks(-5, exponent=True), "the answer is −5") and _finds(number_leaks(-5, exponent=True), "1e-05")


def test_a_choice_key_is_found_as_an_option_not_as_a_word():
    leaks = choice_leaks("b")
    for text in ("(b) is right", "option b", "the answer is b", 'pick "b"'):
        assert _finds(leaks, text), text
    for text in ("(c) is not it: b = 0 kills it", "f(b) grows", "bias b"):
        assert _finds(leaks, text) is None, text


def test_a_formula_is_found_whatever_its_spacing():
    leaks = text_leaks("2 * sigma(2*z) * (1 - sigma(2*z))")
    assert _finds(leaks, "write 2*sigma(2*z)*(1-sigma(2*z))") and _finds(leaks, "σ(2z)") is None


def test_every_exercise_key_but_a_longer_function_yields_something_to_look_for():
    for exercise in EXERCISES:
        answer = solution_answer(exercise)
        assert leak_patterns(exercise) or callable(answer), f"{exercise.key}: no spelling of the key {answer!r}"
