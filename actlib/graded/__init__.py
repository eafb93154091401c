"""Checks for graded work: the answer's form, never its correctness (``from actlib.graded import notebook01_sigmoid``).

In graded mode the notebooks import ``actlib.graded.<module>`` instead of ``actlib_course.exercises.<module>``.
Each ``qN.check(answer)`` says whether the answer has the form the question asks for (a number, a
formula in z that parses, a pair, one of the letters, a dict of one change, a function that returns a finite number) and
nothing about whether it is right: the answer keys, hints and worked solutions live in
``actlib_course.exercises``, which the package students install in graded mode (``make graded``) leaves
out. The lecturer's autograder grades with ``actlib_course.exercises`` in nbgrader's hidden tests.

The forms are stored in ``forms.json`` beside this file, written by ``scripts/make_graded.py --forms``
from each exercise's own solution (its answer's type, never its value).
"""
from __future__ import annotations

import html
import inspect
import json
import math
import numbers
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

__all__ = ["FormCheck", "FormFeedback", "describe_form"]

FORMS = Path(__file__).with_name("forms.json")
NOT_AVAILABLE = ("Hints and worked solutions are not available in graded work; your lecturer marks the "
                 "answer after you submit.")
_PROBE = 0.5  # where a function answer is tried, for sanity only (a finite real number comes back)


def describe_form(form: dict) -> str:
    """The form in words: 'a number', 'a pair (number, number)', ..."""
    kind = form["kind"]
    if kind == "tuple":
        items = ", ".join(describe_form(item).removeprefix("a ").removeprefix("an ") for item in form["items"])
        return f"a {'pair' if len(form['items']) == 2 else 'tuple'} ({items})"
    if kind == "choice":
        return "one of the letters " + ", ".join(f'"{letter}"' for letter in form["letters"])
    if kind == "change":
        return 'a dict of one change, {"knob": value}'
    if kind == "function":
        return f"a function {form['name']}({', '.join(form['parameters'])})"
    return {"number": "a number", "expression": "a formula in z (a string or a sympy expression)"}[kind]


def _form_problem(answer, form: dict) -> str:
    """Why ``answer`` does not have ``form``, or '' if it does (nothing about the right value)."""
    kind = form["kind"]
    if kind == "number":  # as the self-study check reads numbers: int, float, Fraction, numpy, "1e-6", "25%"
        from actlib.symbolic.answers import read_number
        if isinstance(answer, numbers.Real) and not isinstance(answer, bool) and not math.isfinite(float(answer)):
            return f"`{answer}` is not a finite number."
        value = read_number(answer)
        return value if isinstance(value, str) else ""
    if kind == "change":
        if not isinstance(answer, dict) or len(answer) != 1 or not all(isinstance(key, str) for key in answer):
            return f"expected a dict with one entry, such as {{\"knob\": value}}; got `{_short(answer)}`."
        return ""
    if kind == "tuple":
        items = form["items"]
        if isinstance(answer, str) and "," in answer:  # "(0.25, 0)" typed as text, as the self-study check reads it
            answer = answer.strip().strip("()[]").split(",")
        if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__") or len(answer) != len(items):
            return f"expected {len(items)} values in brackets, {describe_form(form)}; got `{_short(answer)}`."
        for position, (value, item) in enumerate(zip(answer, items), 1):
            problem = _form_problem(value, item)
            if problem:
                return f"value {position}: {problem}"
        return ""
    if kind == "choice":
        if not isinstance(answer, str) or answer.strip().lower().strip("()") not in form["letters"]:
            return f"expected {describe_form(form)}; got `{_short(answer)}`."
        return ""
    if kind == "expression":
        from actlib.symbolic.formula import FormulaError, parse_formula
        import sympy as sp
        if isinstance(answer, sp.Basic):
            return ""
        if not isinstance(answer, str):
            return f"expected a formula in z as a string, got {type(answer).__name__}."
        try:
            parse_formula(answer, names=_SIGMA_NAMES())
        except FormulaError as error:
            unknown = {*error.unknown, *error.functions}
            if unknown:  # which names are allowed, as the self-study check says it
                from actlib.symbolic.answers import unknown_names_message
                return unknown_names_message(unknown, _SIGMA_NAMES())
            return f"the formula could not be read: {error}"
        return ""
    if kind == "function":
        if not callable(answer):
            return f"expected a function, got {type(answer).__name__} `{_short(answer)}`."
        try:
            inspect.signature(answer).bind(*form["parameters"])
        except TypeError:
            return f"the function must take {len(form['parameters'])} argument(s), {', '.join(form['parameters'])}."
        except ValueError:  # no signature to read (a builtin): the call below tells
            pass
        if len(form["parameters"]) != 1:
            return ""
        try:
            value = answer(_PROBE)
        except NotImplementedError:
            raise
        except Exception as error:  # the learner sees what went wrong, never a traceback
            return f"calling it at z = {_PROBE} raised {type(error).__name__}: {error}"
        try:
            value = float(value)
        except (TypeError, ValueError):
            return f"at z = {_PROBE} it returned {type(value).__name__} `{_short(value)}`, not a number."
        if not math.isfinite(value):
            return f"at z = {_PROBE} it returned {value}, not a finite number."
        return ""
    raise ValueError(f"unknown form {kind!r}")


@lru_cache(maxsize=1)
def _SIGMA_NAMES():
    """What a formula answer may name besides z and formula.FUNCTIONS: σ and the textbook's functions."""
    import sympy as sp
    from actlib.activations import get, z_symbol
    from actlib.symbolic.formula import TEXTBOOK_FUNCTIONS
    sigma = sp.Lambda(z_symbol, get("sigmoid").expr)
    return {**TEXTBOOK_FUNCTIONS, "sigma": sigma, "σ": sigma}


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class FormFeedback:
    """The verdict on an answer's form: ``ok`` is True, False, or None (not answered)."""

    _STYLE = {True: ("✓", "Form accepted", "46, 120, 200"), False: ("✗", "Check the form", "214, 110, 0"),
              None: ("…", "Not answered yet", "120, 120, 120")}

    def __init__(self, ok, message):
        self.ok, self.message = ok, message

    def __str__(self):
        symbol, label, _ = self._STYLE[self.ok]
        return f"{symbol} {label}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self):
        symbol, label, rgb = self._STYLE[self.ok]
        return (f'<div style="border-left: 4px solid rgb({rgb}); background: rgba({rgb}, 0.12); '
                f'padding: 0.4em 0.8em; margin: 0.2em 0;"><b>{symbol} {label}:</b> '
                f"{html.escape(self.message)}</div>")


class FormCheck:
    """One graded exercise as the student sees it: the prompt and a check of the answer's form."""

    def __init__(self, key: str, prompt: str, form: dict):
        self.key, self.prompt, self.form = key, prompt, form

    def check(self, answer) -> FormFeedback:
        if answer is ... or answer is None or (isinstance(answer, str) and answer.strip() in ("", "...")):
            return FormFeedback(None, "replace `...` with your answer.")
        try:
            problem = _form_problem(answer, self.form)
        except NotImplementedError:
            return FormFeedback(None, "your function still raises NotImplementedError; write its body.")
        if problem:
            return FormFeedback(False, f"{problem} The question asks for {describe_form(self.form)}.")
        return FormFeedback(True, f"{describe_form(self.form)}, as asked. It is marked after you submit; "
                                  "this check does not say whether it is right.")

    __call__ = grade = check  # the self-study spellings work too, and still reveal nothing

    def hint(self, number=None):
        return NOT_AVAILABLE

    def solution(self):
        return NOT_AVAILABLE

    def __repr__(self):
        return f"Exercise {self.key}: {self.prompt}"


@lru_cache(maxsize=1)
def _forms() -> dict:
    return json.loads(FORMS.read_text(encoding="utf-8"))


def __getattr__(module: str):
    """``actlib.graded.notebook01_sigmoid``: a namespace of FormCheck objects q1, q2, ... for that notebook."""
    forms = _forms()
    if module not in forms:
        raise AttributeError(f"actlib.graded has no exercises for {module!r}")
    checks = {name: FormCheck(**spec) for name, spec in forms[module].items()}
    return SimpleNamespace(**checks, EXERCISES=tuple(checks.values()))
