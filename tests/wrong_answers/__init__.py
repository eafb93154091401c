"""Wrong-answer tables, one module per exercise module, and what the table runner needs to read them.

Each module here, ``tests/wrong_answers/<module>.py`` (``<module>`` as in ``actlib_course/exercises/``), holds::

    WRONG_ANSWERS = [   # (exercise, answer, the slip or misconception behind it, words the message must contain)
        (exercises.q2, 0.25, "took y − a for a − y", ("wrong sign",)),
    ]
    RIGHT_ANSWERS = [   # correct answers in other forms than the written solution
        (exercises.q2, "-1/4"),
    ]
    NOT_IN_MESSAGES = {exercises.q1: ["a millionth"]}   # optional: more spellings of the key

tests/test_wrong_answers.py runs them all. This package also holds what that runner and
tests/test_exercises.py share: :func:`solution_answer` (the answer of an exercise's written solution)
and :func:`leak_patterns` (the ways a message could state that answer).
"""
from __future__ import annotations

import importlib
import math
import pkgutil
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import sympy as sp

import actlib_course.exercises

EXERCISE_MODULES = {info.name: importlib.import_module(f"actlib_course.exercises.{info.name}")
                    for info in pkgutil.iter_modules(actlib_course.exercises.__path__)}
EXERCISES = [exercise for module in EXERCISE_MODULES.values() for exercise in module.EXERCISES]

TABLES = {info.name: importlib.import_module(f"wrong_answers.{info.name}")
          for info in pkgutil.iter_modules([str(Path(__file__).parent)])}
"""The table modules written so far, by exercise module name."""


def solution_answer(exercise):
    """Run the python block of the exercise's written solution and return its `answer`."""
    blocks = re.findall(r"```python\n(.*?)```", str(exercise.solution()), re.S)
    assert len(blocks) == 1, f"{exercise.key}: the solution should hold one python block"
    namespace = {}
    exec(blocks[0], namespace)
    return namespace["answer"]


# --- The ways a message could state the key -------------------------------------------------------------

@dataclass(frozen=True)
class Leak:
    """One way of writing the key: ``shown`` in a failure message, ``pattern`` what finds it."""

    shown: str
    pattern: re.Pattern
    choice: bool = False

    def search(self, text: str):
        return self.pattern.search(text)


_MINUS = "[-−–]"
_BEFORE = r"(?<![\w.])(?<![-−–])"          # not inside a longer number or name, and not after a minus sign
_AFTER = r"(?!\d)(?!\.\d)(?![eE][-+]?\d)"  # 0.25 does not match in 0.255 or 0.25e3
# An ordinary number stated as a location or a setting ("at z = 0.5", "x = 2", "seed 0") is not the answer.
_SETTING = re.compile(r"(?:(?<![∂/\w])[a-zA-Zα-ωΑ-Ω][′']?(?:\([^()]*\))?\s*[=≈]\s*"
                      r"|\b(?:seeds?|layers?|alpha|α|rate|width|depth|steps?)\s*[=≈]?\s*)$")
# Words stating a result, for numbers too common to find bare (small integers).
_STATED = (r"(?:answer|right value|right answer|correct value|correct answer|should be|expected|is exactly"
           r"|the key|would be)\s*(?:is|=|:|of)?\s*")


def _number_regex(text: str) -> str:
    """A literal number as a regex, with any of the minus signs for a leading minus."""
    if text[0] in "-−":
        return _MINUS + re.escape(text[1:])
    return re.escape(text)


def _spellings(value: float) -> list[str]:
    """value written as a learner or a message might: shortest repr, :g, fraction, percent, power of ten."""
    texts = {repr(value), f"{value:g}"}
    if value == int(value) and abs(value) < 1e15:
        texts.add(str(int(value)))
    fraction = Fraction(value).limit_denominator(1000)
    if float(fraction) == value and fraction.denominator != 1:
        texts |= {f"{fraction.numerator}/{fraction.denominator}", f"{fraction.numerator} / {fraction.denominator}"}
    if 1e-3 <= value < 1:
        percent = f"{value * 100:.10g}"
        texts |= {f"{percent}%", f"{percent} %"}
    if value != 0:
        exponent = math.log10(abs(value))
        if (abs(value) < 1e-2 or abs(value) > 1e4) and abs(exponent - round(exponent)) < 0.05:
            texts |= set(_power_spellings(round(exponent), "-" if value < 0 else ""))
        power = math.log2(abs(value))
        if power == int(power) and abs(power) >= 5:
            sign = "-" if value < 0 else ""
            texts |= {f"{sign}2**{int(power)}", f"{sign}2^{int(power)}", f"{sign}2{_superscript(int(power))}"}
    return sorted(texts)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscript(exponent: int) -> str:
    return str(exponent).translate(_SUPERSCRIPTS)


def _power_spellings(exponent: int, sign: str = "") -> list[str]:
    """10**exponent as 1e-6, 1e-06, 10⁻⁶, 10**-6, 10^-6, 10^{-6}."""
    return [f"{sign}1e{exponent}", f"{sign}{10.0 ** exponent:.0e}", f"{sign}10{_superscript(exponent)}",
            f"{sign}10**{exponent}", f"{sign}10**({exponent})", f"{sign}10^{exponent}", f"{sign}10^{{{exponent}}}"]


def number_leaks(value, exponent=False) -> list[Leak]:
    """The spellings of a number key, found with number boundaries; ``exponent``: the key is the
    exponent of a power of ten, whose value (10**key) gives it away too."""
    value = float(value)
    leaks = []
    common = value == int(value) and abs(value) <= 10
    for text in _spellings(value):
        regex = _number_regex(text)
        if common and re.fullmatch(r"-?\d+", text):  # "0", "2", "-3": found only where stated as a result
            leaks.append(Leak(text, re.compile(_STATED + regex.replace(_MINUS, "(?:" + _MINUS + r"\s*)") + _AFTER, re.I)))
        else:
            leaks.append(Leak(text, re.compile(_BEFORE + regex + _AFTER, re.I)))
    if exponent and value == int(value):
        for text in _power_spellings(int(value)):
            leaks.append(Leak(text, re.compile(_BEFORE + _number_regex(text) + _AFTER, re.I)))
    return leaks


def choice_leaks(letter: str) -> list[Leak]:
    """A choice key's letter written as an option: (b), option b, answer b, "b"."""
    letter = re.escape(letter.strip().lower())
    patterns = {
        f"({letter})": rf"(?<!\w)\({letter}\)",
        f"option {letter}": rf"\boptions?\s+\(?{letter}\b(?!['’]\w)",
        f"answer {letter}": rf"\banswer\s+(?:is\s+)?[\"'(]?{letter}\b(?!['’]\w)",
        f'"{letter}"': rf"[\"'“‘`]{letter}[\"'”’`]",
    }
    return [Leak(shown, re.compile(pattern, re.I), choice=True) for shown, pattern in patterns.items()]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_leaks(*texts: str) -> list[Leak]:
    """Literal texts (formulas, code), found whatever the spacing."""
    leaks = []
    for text in dict.fromkeys(t for t in texts if t and len(_squeeze(t)) >= 3):
        regex = r"\s*".join(re.escape(char) for char in _squeeze(text))
        leaks.append(Leak(text, re.compile(regex, re.I)))
    return leaks


def _expression_texts(answer: str, exercise) -> list[str]:
    texts = [answer]
    expected = getattr(exercise.checker, "expected", None)
    for expression in ([expected] if expected is not None else []):
        expression = sp.sympify(expression)
        texts += [sp.sstr(expression), str(expression), sp.sstr(sp.simplify(expression))]
    return texts


_CODE_NOISE = re.compile(r"^(?:import |from |answer\s*=|def |\w+\s*=\s*actlib\.get\(|@)")


def code_lines(exercise) -> list[str]:
    """The lines of the answer code that differ from the stub, if few: a function's fix."""
    def lines(code):
        stripped = (re.sub(r"#.*", "", line).strip() for line in code.splitlines())
        return [line for line in stripped if line]
    stub = {_squeeze(line) for line in lines(exercise.stub)}
    changed = [line for line in lines(exercise.answer_code) if _squeeze(line) not in stub and not _CODE_NOISE.match(line)]
    if not 1 <= len(changed) <= 2:
        return []
    return [re.sub(r"^return\s+", "", line) for line in changed]


def leak_patterns(exercise) -> list[Leak]:
    """Every way a failure message (or the hint shown with it) could give away the exercise's key.

    A number or text the prompt itself states (say "10% to 42%" of a shallower chain) gives nothing
    away and is not looked for; a choice's letter always is."""
    leaks = _key_leaks(exercise, solution_answer(exercise))
    return [leak for leak in leaks if leak.choice or leaked(exercise.prompt, [leak]) is None]


def _asks_for_an_exponent(exercise) -> bool:
    if getattr(exercise.checker, "kind", None) == "exponent":
        return True
    return bool(re.search(r"power of ten|exponent", exercise.prompt, re.I))


def _key_leaks(exercise, answer) -> list[Leak]:
    exponent = _asks_for_an_exponent(exercise)
    if isinstance(answer, (bool, np.bool_)):
        return []
    if isinstance(answer, (int, float, Fraction, np.number)):
        return number_leaks(answer, exponent=exponent)
    if isinstance(answer, str):
        if re.fullmatch(r"\s*\(?[a-z]\)?\s*", answer, re.I):
            return choice_leaks(answer.strip().strip("()"))
        try:
            return number_leaks(float(answer), exponent=exponent)
        except ValueError:
            return text_leaks(*_expression_texts(answer, exercise))
    if isinstance(answer, sp.Basic):
        return (number_leaks(float(answer)) if answer.is_number
                else text_leaks(sp.sstr(answer), *_expression_texts("", exercise)))
    if isinstance(answer, (tuple, list)):
        return [leak for item in answer for leak in _key_leaks(exercise, item)]
    if isinstance(answer, dict):
        texts = []
        for key, value in answer.items():
            shown = repr(value)
            texts += [f"{{{key!r}: {shown}}}", f'"{key}": {shown}'.replace("'", '"'), f"{key!r}: {shown}",
                      f"{key}={shown}", f"{key} = {value}", f"{key} to {value}"]
        return text_leaks(*texts)
    if callable(answer):
        return text_leaks(*code_lines(exercise))
    return []


def extra_leaks(table, exercise) -> list[Leak]:
    """The table's own NOT_IN_MESSAGES for this exercise, found as literal text (any spacing)."""
    extra = getattr(table, "NOT_IN_MESSAGES", {}).get(exercise, ())
    return [Leak(text, re.compile(re.escape(text), re.I)) for text in extra]


def leaked(text: str, leaks) -> Leak | None:
    """The first of ``leaks`` that ``text`` states as the key, or None.

    A number found right after a setting ("z = 0.5", "at x = 2", "(2, ") states where, not what:
    it does not count."""
    for leak in leaks:
        for match in leak.pattern.finditer(text):
            if _SETTING.search(text[:match.start()]) and re.fullmatch(r"[-−–]?[\d.]+", match.group(0).strip()):
                continue
            return leak
    return None
