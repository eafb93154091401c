"""Reading a formula typed as text: the one reader for exercise answers, ``actlib.from_expression``,
graded forms and derivations.

One reader and one list of names (:data:`FUNCTIONS`, the :data:`TEXTBOOK_FUNCTIONS` answers and
derivations may add, :data:`DERIVATION_FUNCTIONS`, the constants and z), so whatever an exercise
accepts (``z^2``, ``2z``, ``abs(z)``) also builds an activation. It is sympy's own parser in its
steps: ``stringify_expr`` turns the text into Python (numbers into ``Integer``/``Float``, ``^`` into
``**``, ``2z`` into ``2*z``), that Python is evaluated with ``evaluate=False`` and the unevaluated
tree is checked, and only then is the formula evaluated. Between the steps, three checks of ours:

* every name (a token of the text) must be z, a parameter, a constant or a listed function; Python's
  builtins are withheld, so a formula can never name ``__import__`` or ``open``; and every number
  written must lie within 10^±``MAX_LOG10`` (sympy's ``Float('1e999999999')`` did not finish in 20 s);
* the Python that sympy wrote must be arithmetic, comparisons and calls of listed functions (no lists,
  tuples outside ``Piecewise``, strings, subscripts, attributes, lambdas): sympy evaluates it with
  ``eval``, and ``[z]*10**9`` would build a list of 10⁹ items in C before any time limit could fire;
* the unevaluated tree, checked from the leaves up, must hold no power whose exponent is a number beyond
  ±``MAX_EXPONENT`` (``z^9^9^9``, ``9**9**9``) and no number beyond 10^±``MAX_LOG10``: sympy evaluates
  ``9**9**9`` exactly (370 million digits) in one C call that nothing can interrupt.

Before all that, text longer than ``MAX_LENGTH`` characters, brackets nested deeper than ``MAX_DEPTH``
or a number with more than ``MAX_DIGITS`` digits are refused (Python's own parser fails on deep
nesting with a MemoryError or RecursionError, not a message). Every refusal (:class:`FormulaTooLarge`
for size, :class:`FormulaError` for the rest, both ``ValueError``) comes at once, in milliseconds;
:func:`run_with_time_limit` bounds the rest (sympy's evaluation here, simplification in the exercise
checks) where the platform allows it.

In the browser (JupyterLite's Pyodide kernel) nothing can stop running Python code: there is no
setitimer, and a browser's timers are JavaScript callbacks that wait until the code returns. There (``TIMER`` is False) the work runs to the
end, and when it took longer than its limit a :class:`TimeLimitUnavailable` warning says so; the
refusals above still come first, so the formulas known to run away never start.
"""
from __future__ import annotations

import ast
import decimal
import io
import keyword
import re
import signal
import sys
import threading
import time
import tokenize
import warnings

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import (
    auto_number, convert_xor, eval_expr, evaluateFalse, implicit_multiplication, stringify_expr,
)

from actlib.activations import z_symbol

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
``from_expression`` keeps to :data:`FUNCTIONS` (numpy has no sech for its numbers)."""
DERIVATION_FUNCTIONS = {name: getattr(sp, name) for name in ("Derivative", "LambertW", "re", "im")}
"""What a derivation may use besides the above: Derivative(f, z) to differentiate, LambertW for closed
forms, re and im for complex-step derivations."""
ALIASES = {"abs": sp.Abs, "max": sp.Max, "min": sp.Min}
"""Python's spelling of three functions."""
CONSTANTS = {"E": sp.E, "e": sp.E, "pi": sp.pi}
"""The constants a formula may name (a derivation also has I, the imaginary unit)."""
_BOOLEANS = {"True": sp.true, "False": sp.false}  # a Piecewise's last condition
# What sympy's parser writes into the Python it evaluates: numbers (auto_number) and, with evaluate=False,
# the operations and comparisons (evaluateFalse). Never a name the learner may type (checked on the tokens).
_PARSER_NAMES = {name: getattr(sp, name) for name in (
    "Integer", "Float", "Rational", "Add", "Mul", "Pow", "Lt", "Le", "Gt", "Ge", "Eq", "Ne", "And", "Or", "Not")}
_NUMBER_MAKERS = ("Integer", "Float", "Rational")
_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_COMPARISONS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)

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


RETRY_SECONDS = 0.05
"""After the deadline, how often the timer fires again until the work stops (see :func:`run_with_time_limit`)."""


class _OutOfTime(BaseException):
    """Raised by the timer; a BaseException, so that no ``except Exception`` inside sympy swallows it."""


def run_with_time_limit(seconds: float, what: str, function, *args, **kwargs):
    """``function(*args, **kwargs)``, or :class:`FormulaTooLarge` ("<what> took longer than <seconds> s")
    once it has run that long (wall-clock time: the learner waits that long).

    A timer (SIGALRM) raises inside the work; the caller gets FormulaTooLarge, never the timer's own
    exception, even if the timer fires while the function is returning. The timer repeats every
    :data:`RETRY_SECONDS` after the deadline until the work stops: Python swallows an exception raised
    inside a weakref callback or a ``__del__`` (it only prints "Exception ignored"), so a one-shot timer
    landing there would let the work run on without a limit. Only limits code running in the main thread
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
    stopped = []  # set before the timer is cancelled, so a last tick cannot escape the clean-up

    def on_timer(signum, frame):
        if not stopped:
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, on_timer)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
        return function(*args, **kwargs)
    except _OutOfTime:
        stopped.append(True)
        raise FormulaTooLarge(f"{what} took longer than {seconds:g} s, so it was stopped.") from None
    finally:
        stopped.append(True)
        signal.setitimer(signal.ITIMER_REAL, 0)
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


def check_size(text: str) -> None:
    """Refuse, before any parsing, text too long, too deeply nested or with too long a number.

    Ours because neither sympy nor Python limits them: Python's parser meets 300 nested brackets with a
    MemoryError or RecursionError, and a 5000-digit literal with a ValueError, none of which says what is allowed."""
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


def describe_error(error: BaseException) -> str:
    """An exception as a short phrase: its type and message."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _check_tokens(text: str, known: dict) -> None:
    """Refuse a formula naming anything but z, parameters, constants and listed functions (``known``),
    or writing a number beyond 10^±MAX_LOG10.

    Reads Python's tokens of the text, so 1e5 is a number (not 1 times a name e5) and a name inside
    quotes is no name; raises :class:`FormulaError` naming the unknown names, or saying that the text
    is Python code or uses a function without its argument. Ours because sympy's parser either makes
    any unknown name a Symbol (auto_symbol) or, without it, stops at the first with a bare NameError.
    """
    try:
        tokens = [token for token in tokenize.generate_tokens(io.StringIO(text).readline)
                  if token.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return  # unclosed brackets, a stray character: the parser says so in its own words below
    for token in tokens:  # Float('1e999999999') would compute 10^999999999 exactly before check_numbers sees it
        if token.type == tokenize.NUMBER and not token.string.lower().endswith("j"):
            exponent = decimal.Decimal(token.string.replace("_", "")).adjusted()
            if abs(exponent) > MAX_LOG10:
                raise FormulaTooLarge(f"the formula has a number of size about 10^{exponent}.")
    # z.__class__: __class__ is an attribute, not a name of the formula's (nor a parameter to suggest)
    attributes = [token.string for token, before in zip(tokens[1:], tokens)
                  if token.type == tokenize.NAME and before.string == "."]
    names = [(token.string, following.string if following else "")
             for before, token, following in zip([None, *tokens[:-1]], tokens, [*tokens[1:], None])
             if token.type == tokenize.NAME and not (before and before.string == ".")]
    python = sorted({name for name, _ in names if keyword.iskeyword(name) and name not in _BOOLEANS})
    if python:
        advice = {"if": "write branches as Piecewise((z, z > 0), (0.1*z, True))",
                  "lambda": "write only the formula, e.g. 'z*tanh(z)', not 'lambda z: ...'"}
        tip = next((advice[word] for word in ("if", "lambda") if word in python), "write a formula in z")
        raise FormulaError(f"{text!r} is Python code ({', '.join(python)}), not a formula: {tip}.")
    used = {name for name, _ in names if name not in known and name not in _BOOLEANS}
    if used:
        functions = tuple(sorted({name for name, following in names if name in used and following == "("}))
        unknown = tuple(sorted(used - set(functions)))
        raise FormulaError(f"{text!r} uses {', '.join(sorted(used))}, which is not z, a parameter or "
                           f"a known function ({', '.join(FUNCTIONS)}).", unknown, functions)
    if attributes:
        raise FormulaError(f"{_shown(text)} is not a formula: .{attributes[0]} is an attribute (a dot), Python, "
                           "not maths. Write numbers, z, + - * / ^, brackets and functions such as exp(z).")
    alone = [name for name, following in names if isinstance(known.get(name), (type, sp.Lambda)) and following != "("]
    if alone:
        name = alone[0]
        raise FormulaError(f"{name} is a function: write {name}(z) (or {name} of whatever it applies to), "
                           f"not {name} alone.")


def _not_a_formula(node: ast.AST) -> str:
    """What a piece of Python that is no part of a formula is, for the message."""
    kinds = {ast.List: "a list [...]", ast.Tuple: "a tuple (a, b) outside Piecewise", ast.Set: "a set {...}",
             ast.Dict: "a dict {...}", ast.Subscript: "indexing [...]", ast.Attribute: "an attribute (a dot)",
             ast.Lambda: "a lambda", ast.Starred: "a starred *argument", ast.JoinedStr: "an f-string",
             ast.BoolOp: "and/or (write & or |)"}
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return f"text in quotes ({node.value!r:.20})"
    return next((kind for cls, kind in kinds.items() if isinstance(node, cls)), type(node).__name__)


def _check_python(code: str, text: str) -> None:
    """Refuse the Python that sympy's parser wrote for ``text`` unless it is arithmetic, comparisons and
    calls of names (checked by :func:`_check_tokens`), the numbers auto_number writes, and (value,
    condition) pairs inside Piecewise: nothing that builds a list, a tuple or a string when evaluated.

    Ours because sympy's parser evaluates whatever Python the text makes: with evaluate=False,
    ``(z,)*10**9`` still comes back (a Mul of a sympy Tuple) to be multiplied out later, and evaluated
    normally ``[z]*10**9`` builds its list of 10⁹ items in C, beyond any time limit's reach."""
    def visit(node, inside_piecewise=False):
        pair = isinstance(node, ast.Tuple) and inside_piecewise and len(node.elts) == 2
        if isinstance(node, ast.Call):
            function = node.func.id if isinstance(node.func, ast.Name) else None
            made_number = (function in _NUMBER_MAKERS and len(node.args) == 1 and not node.keywords
                           and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, (int, str)))
            if function is None or (function in _NUMBER_MAKERS and not made_number):
                raise FormulaError(f"{_shown(text)} is not a formula: it calls something other than a function by name.")
            if node.keywords:
                raise FormulaError(f"{_shown(text)} is not a formula: {function}(..., {node.keywords[0].arg}=...) "
                                   f"has a keyword argument, which is Python, not maths: write {function}(z) or "
                                   f"{function} of whatever it applies to.")
            if made_number:
                return
            for argument in node.args:
                visit(argument, inside_piecewise=function == "Piecewise")
            return
        allowed = (pair or isinstance(node, (ast.Expression, ast.Name, ast.Load, ast.Compare, *_COMPARISONS,
                                               ast.USub, ast.UAdd, ast.BitAnd, ast.BitOr, ast.Invert, *_OPERATORS))
                   or isinstance(node, ast.BinOp) and isinstance(node.op, (*_OPERATORS, ast.BitAnd, ast.BitOr))
                   or isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert))
                   or isinstance(node, ast.Constant) and isinstance(node.value, bool))
        if not allowed:
            raise FormulaError(f"{_shown(text)} is not a formula: {_not_a_formula(node)} is Python, not maths. "
                               "Write numbers, z, + - * / ^, brackets and functions such as exp(z).")
        for child in ast.iter_child_nodes(node):
            visit(child)

    try:
        tree = ast.parse(code, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        raise FormulaError(f"sympy could not read {_shown(text)} ({describe_error(error)}).") from None
    visit(tree)


_GROWING = (sp.exp, sp.sinh, sp.cosh)  # of a number beyond 2302.6 (ln 10^1000), too large a number


def check_numbers(expression: sp.Basic) -> None:
    """Refuse an unevaluated expression whose numbers would explode when sympy evaluates it.

    Checked from the leaves up, so every number is known to be moderate before the next one is computed:
    a power whose exponent is a number beyond ±MAX_EXPONENT, exp, sinh or cosh of a number beyond
    ln 10^MAX_LOG10, and any number beyond 10^±MAX_LOG10 raise :class:`FormulaTooLarge`. Each number is
    computed in 15-digit floats from its parts' (9**9**9 exactly has 370 million digits; an ``evalf``
    of each part anew would take time quadratic in a tower's height). Hand-written, because sympy
    has no size limit of its own to give it.
    """
    def approximate(node):
        """A subexpression of numbers alone as a 15-digit (complex) Float, else None (it holds a symbol,
        is no number, or its value is not finite)."""
        parts = [approximate(argument) for argument in node.args]  # the leaves first
        if isinstance(node, sp.Pow) and parts[1] is not None and _magnitude(parts[1]) > MAX_EXPONENT and (
                parts[0] is None or _magnitude(parts[0]) not in (0, 1)):  # 0 and ±1 to any power stay small
            raise FormulaTooLarge(f"the formula raises to the power {_size(_magnitude(parts[1]))}, beyond ±{MAX_EXPONENT}.")
        if isinstance(node, _GROWING) and parts[0] is not None:
            argument = mpmath.mpmathify(sp.re(parts[0]).evalf(15))
            if abs(argument) > MAX_LOG10 * mpmath.log(10):
                log10 = (argument if node.func == sp.exp else abs(argument)) / mpmath.log(10)
                raise FormulaTooLarge(f"the formula takes {type(node).__name__} of {_size(argument)}, "
                                      f"a number of size about 10^{_size(log10)}.")
        if not isinstance(node, sp.Expr) or isinstance(node, (sp.Symbol, sp.Derivative)) or None in parts:
            return None
        try:
            value = (node.func(*parts) if parts else node).evalf(15)
        except Exception:  # a function sympy cannot evaluate at these numbers: nothing to size, nothing large
            return None
        if not (value.is_number and value.is_finite):
            return None  # zoo, nan, a Piecewise left unevaluated
        size = _magnitude(value)
        if size != 0 and abs(mpmath.log10(size)) > MAX_LOG10:
            raise FormulaTooLarge(f"the formula computes a number of size about 10^{_size(mpmath.log10(size))}.")
        return value

    approximate(expression)


def _magnitude(value: sp.Expr):
    """|value| of a sympy number, in mpmath (whose exponents cannot overflow)."""
    if isinstance(value, sp.Float):
        return abs(mpmath.mpmathify(value))
    real, imaginary = value.as_real_imag()
    return abs(mpmath.mpc(mpmath.mpmathify(real.evalf(15)), mpmath.mpmathify(imaginary.evalf(15))))


def parse_formula(text: str, names: dict | None = None) -> sp.Expr:
    """The sympy expression that ``text`` writes, in ``actlib.z`` and the symbols in ``names``.

    Read as a learner writes it: ``z^2``, ``2z``, ``1e-3z`` (a number), ``z²`` and ``e⁻ᶻ``, − and ·.
    Raises :class:`FormulaError` for an unknown name, unmatched brackets, text sympy cannot read,
    or text that is not an expression (an equation, a tuple), and :class:`FormulaTooLarge` (a
    FormulaError) at once for a formula too large to read safely.
    """
    if not isinstance(text, str):
        raise TypeError(f"a formula is a string such as 'z*tanh(z)', got {type(text).__name__}.")
    if not text.strip():
        raise FormulaError("the formula is empty; write one in z, e.g. 'z*tanh(z)'.")
    text = text.translate(_TYPOGRAPHY)
    check_size(text)
    power = _FUNCTION_POWER.search(text)
    if power:
        name, exponent = power.group(1), power.group(2).translate(_SUPERSCRIPT)
        raise FormulaError(f"write {name}(z)^{exponent} (the power after the argument), not {power.group(1)}"
                           f"{power.group(2)}(z).")
    text = _SUPERSCRIPTS.sub(lambda m: f"**({m.group().translate(_SUPERSCRIPT)})", text)
    local = {"z": z_symbol, **CONSTANTS, **ALIASES, **FUNCTIONS, **(names or {})}
    _check_tokens(text, local)
    if text.count("(") != text.count(")"):
        raise FormulaError(f"the brackets in {_shown(text)} do not match: {text.count('(')} '(' but {text.count(')')} ')'.")
    global_dict = {"__builtins__": {}, **_PARSER_NAMES}
    try:
        # parse_expr in its steps, so that the Python it writes, and then the unevaluated tree, are
        # checked before anything is evaluated
        code = stringify_expr(text, local, global_dict, (auto_number, convert_xor, implicit_multiplication))
        _check_python(code, text)
        # The time limit stays: a formula within every limit above can still take sympy seconds to
        # evaluate (Min of 250 terms in z: about 1 s on this 2-core machine), and nothing else would stop it.
        expression = run_with_time_limit(SECONDS, f"reading {_shown(text)}", _evaluate, code, local, global_dict)
    except FormulaError:
        raise
    except Exception as error:  # parsing raises many kinds (SyntaxError, TypeError, TokenError, ...)
        raise FormulaError(f"sympy could not read {_shown(text)} ({describe_error(error)}).") from None
    if not isinstance(expression, sp.Expr):
        raise FormulaError(f"{_shown(text)} is not an expression in z (it reads as {expression!r}).")
    return expression


def _evaluate(code: str, local: dict, global_dict: dict):
    """The formula sympy's parser wrote as ``code``: evaluated with evaluate=False and checked by
    :func:`check_numbers`, then evaluated (the expression sympy's ``parse_expr`` would give)."""
    unevaluated = eval_expr(compile(_keep_unevaluated(evaluateFalse(code), local), "<formula>", "eval"),
                            local, global_dict)
    if isinstance(unevaluated, sp.Basic):
        check_numbers(unevaluated)
    return eval_expr(code, local, global_dict)


def _keep_unevaluated(tree: ast.Expression, local: dict) -> ast.Expression:
    """evaluateFalse's tree, with evaluate=False also on the calls it does not know (Max, Min,
    Piecewise, erf, Heaviside, ...), so that no function evaluates its arguments before check_numbers."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and isinstance(local.get(node.func.id), type) and not node.keywords):
            false = ast.copy_location(ast.Constant(value=False), node)
            node.keywords = [ast.copy_location(ast.keyword(arg="evaluate", value=false), node)]
    return tree
