"""Reading a formula typed as text, for exercise answers and for ``actlib.from_expression``.

One parser for both, so that whatever an exercise accepts (``z^2``, ``2z``, ``abs(z)``) also builds
an activation. sympy's ``parse_expr`` evaluates the text with Python's ``eval``, so every name in it
is checked against a list first and Python's builtins are withheld: a formula can only name z, its
parameters and the functions below, never ``__import__`` or ``open``.

A formula that would take the kernel down is refused before sympy evaluates it: text longer than
``MAX_LENGTH`` characters, brackets nested deeper than ``MAX_DEPTH``, a number literal with more than
``MAX_DIGITS`` digits, a power whose exponent is a number beyond ±``MAX_EXPONENT`` (``z^9^9^9``,
``9**9**9``), or a number beyond 10^±``MAX_LOG10``. The refusal, :class:`FormulaTooLarge`, is a
``ValueError`` and comes at once; :func:`run_with_time_limit` bounds the rest (sympy's own evaluation here,
simplification in the exercise checks) where the platform allows it.

In the browser (JupyterLite's Pyodide kernel) nothing can stop running Python code: there is no
setitimer, and a browser's timers are JavaScript callbacks that wait until the code returns. There (``TIMER`` is False) the work runs to the
end, and when it took longer than its limit a :class:`TimeLimitUnavailable` warning says so; the
refusals above still come first, so the formulas known to run away never start.
"""
from __future__ import annotations

import ast
import keyword
import math
import re
import signal
import sys
import threading
import time
import warnings

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor, eval_expr, implicit_multiplication, standard_transformations, stringify_expr,
)

from .activations import z as z_symbol

FUNCTIONS = {name: getattr(sp, name) for name in (
    "exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "asinh", "erf", "erfc",
    "Abs", "sign", "Max", "Min", "Piecewise",
)}
"""The functions a formula may use (with ``abs``, ``max`` and ``min`` as Python spells them)."""
TEXTBOOK_FUNCTIONS = {name: getattr(sp, name) for name in (
    "sech", "csch", "coth", "sec", "csc", "cot", "asin", "acos", "acosh", "atanh", "Heaviside",
)}
"""More functions an exercise answer may use, as a textbook writes them (tanh′ = sech², ReLU′ = Heaviside):
the exercise checks and graded forms pass them to :func:`parse_formula` as ``names``;
``from_expression`` keeps to :data:`FUNCTIONS`."""
_CONSTANTS = {"E": sp.E, "e": sp.E, "pi": sp.pi, "True": sp.true, "False": sp.false}
_ALIASES = {"abs": sp.Abs, "max": sp.Max, "min": sp.Min}
_PARSER_NAMES = {name: getattr(sp, name) for name in ("Integer", "Float", "Rational", "Symbol", "Function")}
_TRANSFORMATIONS = standard_transformations + (implicit_multiplication, convert_xor)
_NAME = re.compile(r"[^\W\d]\w*")
# A number as Python writes it (12, 1.5, .5, 1e5, 2.5E-3): its letter e is not a name.
_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

MAX_LENGTH = 2000
"""The longest formula read, in characters (a derivative written out in full is a few hundred)."""
MAX_DEPTH = 40
"""The deepest nesting of brackets read."""
MAX_DIGITS = 100
"""The most digits a number literal may have."""
MAX_EXPONENT = 1000
"""The largest |exponent| a power with a number as exponent may have (z^1000 is fine, z^(9^9) is not)."""
MAX_LOG10 = 1000
"""Numbers computed while reading a formula stay between 10^-MAX_LOG10 and 10^MAX_LOG10 in size."""
SECONDS = 1.0
"""How long reading one formula may take (on POSIX systems, in the main thread)."""
ALLOWED = (f"a formula in z of at most {MAX_LENGTH} characters, brackets at most {MAX_DEPTH} deep, "
           f"numbers of at most {MAX_DIGITS} digits and between 10^-{MAX_LOG10} and 10^{MAX_LOG10}, "
           f"and powers with a number exponent of at most {MAX_EXPONENT}")
# What a formula copied from a notebook's prose may contain: the minus sign U+2212, and · or × for products.
_TYPOGRAPHY = str.maketrans({"\u2212": "-", "\u00b7": "*", "\u00d7": "*"})
# and powers written as superscripts, z² or e⁻¹ (but tanh²(z) is ambiguous in Python's reading: refused)
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᶻ", "0123456789-z")
_SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᶻ]+")
_FUNCTION_POWER = re.compile(r"([^\W\d]\w*)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᶻ]+)\s*\(")


class FormulaError(ValueError):
    """A text that is not a formula; the message says why. ``unknown`` lists names it could not place."""

    def __init__(self, message: str, unknown: tuple = (), functions: tuple = ()):
        super().__init__(message)
        self.unknown = unknown  # unknown names used as values (perhaps parameters without a default)
        self.functions = functions  # unknown names used as functions, like foo(z)


class FormulaTooLarge(FormulaError):
    """A formula refused because reading or checking it would take too long or too much memory."""

    def __init__(self, message: str):
        super().__init__(f"{message} Allowed: {ALLOWED}.")


class TimeLimitUnavailable(RuntimeWarning):
    """Work that :func:`run_with_time_limit` would have stopped ran to the end: this Python has no timer."""


def _timer_available() -> bool:
    """Whether a SIGALRM timer can interrupt running Python here. Not in Pyodide (sys.platform
    "emscripten", the browser's Python): its signal module has SIGALRM but no setitimer (Pyodide 0.27),
    and a browser's timer is a JavaScript callback that cannot run before the Python code returns.
    Nor on Windows (no setitimer)."""
    return hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM") and sys.platform != "emscripten"


TIMER = _timer_available()
"""True where :func:`run_with_time_limit` can stop slow work (POSIX desktops); False in the browser."""


class _OutOfTime(BaseException):
    """Raised by the timer; a BaseException, so that no ``except Exception`` inside sympy swallows it."""


def run_with_time_limit(seconds: float, what: str, function, *args, **kwargs):
    """``function(*args, **kwargs)``, or :class:`FormulaTooLarge` ("<what> took longer than <seconds> s")
    once it has run that long (wall-clock time: the learner waits that long).

    A one-shot timer (SIGALRM) raises inside the work; the caller gets FormulaTooLarge, never the
    timer's own exception, even if the timer fires while the function is returning. Only limits code running in the main thread
    (a Jupyter kernel's cells, a script, pytest), and only when nobody else uses the timer (a nested
    limit runs under the outer one); in another thread the function runs unlimited.
    Pure-Python work is interrupted; a single huge C-level operation (a giant integer power) is not,
    which is why the parser refuses those before evaluating.

    Where no timer can interrupt Python (``TIMER`` is False: the browser's Pyodide, Windows) the function
    runs to the end, as a plain call; if it took longer than ``seconds``, a :class:`TimeLimitUnavailable`
    warning says what ran over, by how much, and that this Python cannot stop it.
    """
    if not TIMER:
        return _run_untimed(seconds, what, function, *args, **kwargs)
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None)):
        return function(*args, **kwargs)
    fired = []

    def on_timer(signum, frame):
        if not fired:  # once: an exception raised again later could escape the clean-up below
            fired.append(True)
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, on_timer)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return function(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OutOfTime:
        raise FormulaTooLarge(f"{what} took longer than {seconds:g} s, so it was stopped.") from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def _run_untimed(seconds: float, what: str, function, *args, **kwargs):
    """``function(*args, **kwargs)`` with no limit, and a warning afterwards if it ran over ``seconds``."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    took = time.perf_counter() - start
    if took > seconds:
        where = "in the browser (Pyodide)" if sys.platform == "emscripten" else f"on {sys.platform}"
        warnings.warn(f"{what} took {took:.1f} s. A desktop Python would have stopped it after {seconds:g} s, "
                      f"but {where} nothing can stop running code, so it ran to the end "
                      "(if a cell never finishes, restart the kernel).", TimeLimitUnavailable, stacklevel=3)
    return result


def _shown(text: str, limit: int = 60) -> str:
    """text in quotes for a message, shortened if long."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"


def _check_size(text: str) -> None:
    """Refuse, before any parsing, text too long, too deeply nested or with too long a number."""
    if len(text) > MAX_LENGTH:
        raise FormulaTooLarge(f"the formula is {len(text)} characters long, more than {MAX_LENGTH}.")
    depth = deepest = 0
    for character in text:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(character, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise FormulaTooLarge(f"the formula nests brackets {deepest} deep, more than {MAX_DEPTH}.")
    longest = max((m.group() for m in re.finditer(r"\d+", text)), key=len, default="")
    if len(longest) > MAX_DIGITS:
        raise FormulaTooLarge(f"the formula has a number with {len(longest)} digits, more than {MAX_DIGITS}.")


def _size(value) -> str:
    """A number for a message: whole numbers below a million in full, others to 3 digits."""
    if abs(value) < 1e6:
        return str(int(value)) if value == int(value) else mpmath.nstr(value, 7)
    return mpmath.nstr(value, 3)


_NUMERIC_FUNCTIONS = {name: getattr(mpmath, name) for name in (
    "exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "asinh", "erf", "erfc",
    "sech", "csch", "coth")}
_CONSTANT_VALUES = {"E": mpmath.e, "e": mpmath.e, "pi": mpmath.pi}


def _check_powers(code: str) -> None:
    """Refuse a formula (as sympy's parser rewrote it into Python) whose numbers would explode.

    Walks the Python syntax tree, computing every subexpression made of numbers alone in mpmath
    (whose exponents cannot overflow), and refuses a power with an exponent beyond ±MAX_EXPONENT or
    any number beyond 10^±MAX_LOG10, before sympy computes it exactly (9**9**9 has 370 million digits).
    """
    def size_ok(value):
        return value == 0 or abs(mpmath.log10(abs(value))) <= MAX_LOG10

    def number(node):
        """The value of a subexpression of numbers alone, else None (it depends on z, or is not a number)."""
        children = [number(child) for child in ast.iter_child_nodes(node)]  # every node is visited
        try:
            if isinstance(node, ast.Expression):
                return children[0]
            if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return mpmath.mpf(node.value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                return mpmath.mpf(node.value)  # the text of Float('1e5')
            if isinstance(node, ast.Name):
                return _CONSTANT_VALUES.get(node.id)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Integer", "Float", "Rational"):
                args = children[1:]
                if not args or any(a is None for a in args):
                    return None
                value = args[0] / args[1] if len(args) == 2 else args[0]
                if not size_ok(value):
                    raise FormulaTooLarge(f"the formula has a number of size about 10^{_size(mpmath.log10(abs(value)))}.")
                return value
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NUMERIC_FUNCTIONS:
                args = children[1:]
                if len(args) != 1 or args[0] is None:
                    return None
                if node.func.id in ("exp", "sinh", "cosh") and abs(args[0]) > MAX_LOG10 * math.log(10):
                    raise FormulaTooLarge(f"the formula takes {node.func.id} of {_size(args[0])}, a number of "
                                          f"size about 10^{_size(args[0] / math.log(10))}.")
                value = _NUMERIC_FUNCTIONS[node.func.id](args[0])
                return value if isinstance(value, mpmath.mpf) else None  # a complex value: not followed
            if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
                return None if children[-1] is None else (-children[-1] if isinstance(node.op, ast.USub) else children[-1])
            if isinstance(node, ast.BinOp):
                left, right = children[0], children[2]
                if isinstance(node.op, ast.Pow):
                    if right is not None and abs(right) > MAX_EXPONENT and left not in (0, 1, -1):
                        raise FormulaTooLarge(f"the formula raises to the power {_size(right)}, "
                                              f"beyond ±{MAX_EXPONENT}.")
                    if left is None or right is None:
                        return None
                    if left == 0 and right <= 0:
                        return None  # 0**-1 is sympy's zoo; nothing large
                    value = abs(left) ** right  # the size is what matters, not the sign or a complex phase
                elif left is None or right is None:
                    return None
                elif isinstance(node.op, ast.Add):
                    value = left + right
                elif isinstance(node.op, ast.Sub):
                    value = left - right
                elif isinstance(node.op, ast.Mult):
                    value = left * right
                elif isinstance(node.op, ast.Div) and right != 0:
                    value = left / right
                else:
                    return None
                if not size_ok(value):
                    raise FormulaTooLarge(f"the formula computes a number of size about 10^{_size(mpmath.log10(abs(value)))}.")
                return value
        except FormulaError:
            raise
        except (ValueError, TypeError, ZeroDivisionError, OverflowError):
            return None
        return None

    number(ast.parse(code, mode="eval"))


def describe_error(error: BaseException) -> str:
    """An exception as a short phrase: its type and message."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def parse_formula(text: str, names: dict | None = None) -> sp.Expr:
    """The sympy expression that ``text`` writes, in ``actlib.z`` and the symbols in ``names``.

    Read as a learner writes it: ``z^2``, ``2z``, ``1e-3z`` (a number), ``z²`` and ``e⁻ᶻ``, − and ·.
    Raises :class:`FormulaError` for an unknown name, unmatched brackets, text sympy cannot read,
    or text that is not an expression (an equation, a tuple), and :class:`FormulaTooLarge` (a
    FormulaError) at once for a formula too large to read safely.
    """
    if not text.strip():
        raise FormulaError("the formula is empty; write one in z, e.g. 'z*tanh(z)'.")
    text = text.translate(_TYPOGRAPHY)
    _check_size(text)
    power = _FUNCTION_POWER.search(text)
    if power:
        name, exponent = power.group(1), power.group(2).translate(_SUPERSCRIPT)
        raise FormulaError(f"write {name}(z)^{exponent} (the power after the argument), not {power.group(1)}"
                           f"{power.group(2)}(z).")
    text = _SUPERSCRIPTS.sub(lambda m: f"**({m.group().translate(_SUPERSCRIPT)})", text)
    local = {"z": z_symbol, **_CONSTANTS, **_ALIASES, **FUNCTIONS, **(names or {})}
    words = set(_NAME.findall(_NUMBER.sub(" ", text)))  # 1e5 is a number, not 1 times a name e5
    used = words - set(local)
    python = sorted(name for name in used if keyword.iskeyword(name))
    if python:
        advice = {"if": "write branches as Piecewise((z, z > 0), (0.1*z, True))",
                  "lambda": "write only the formula, e.g. 'z*tanh(z)', not 'lambda z: ...'"}
        tip = next((advice[word] for word in ("if", "lambda") if word in python), "write a formula in z")
        raise FormulaError(f"{text!r} is Python code ({', '.join(python)}), not a formula: {tip}.")
    if used:
        functions = tuple(sorted(name for name in used if re.search(rf"\b{re.escape(name)}\s*\(", text)))
        unknown = tuple(sorted(used - set(functions)))
        raise FormulaError(f"{text!r} uses {', '.join(sorted(used))}, which is not z, a parameter or "
                           f"a known function ({', '.join(FUNCTIONS)}).", unknown, functions)
    functions_alone = sorted(name for name in words - used if isinstance(local[name], (type, sp.Lambda))
                             and re.search(rf"\b{re.escape(name)}\b(?!\s*\()", text))
    if functions_alone:
        name = functions_alone[0]
        raise FormulaError(f"{name} is a function: write {name}(z) (or {name} of whatever it applies to), "
                           f"not {name} alone.")
    if text.count("(") != text.count(")"):
        raise FormulaError(f"the brackets in {_shown(text)} do not match: {text.count('(')} '(' but {text.count(')')} ')'.")
    global_dict = {"__builtins__": {}, **_PARSER_NAMES}
    try:
        # parse_expr in two steps, so that the Python it writes can be checked before it is evaluated
        code = stringify_expr(text, local, global_dict, _TRANSFORMATIONS)
        _check_powers(code)
        expression = run_with_time_limit(SECONDS, f"reading {_shown(text)}", eval_expr, code, local, global_dict)
    except FormulaError:
        raise
    except Exception as error:  # parsing raises many kinds (SyntaxError, TypeError, TokenError, ...)
        raise FormulaError(f"sympy could not read {_shown(text)} ({describe_error(error)}).") from None
    if not isinstance(expression, sp.Expr):
        raise FormulaError(f"{_shown(text)} is not an expression in z (it reads as {expression!r}).")
    return expression
