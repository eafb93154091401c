"""Exercises for notebook 07 (numerical stability). In the notebook::

    from actlib_course.exercises import notebook07_numerical_stability as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import mpmath
import numpy as np

from actlib.activations import get
from actlib_course.checks import Exercise, choice_answer, function_answer, number_answer
from actlib.symbolic.answers import read_number
from actlib.numerics.reference import reference_float64

_sigmoid = get("sigmoid")
PREDICT_AT = 30.0
"""Where q1 asks for the textbook slope's relative error (the cell after it measures it there)."""


def textbook_relative_error(point: float = PREDICT_AT) -> float:
    """Relative error of the float64 textbook slope σ(1 − σ) at ``point``, against mpmath."""
    exact = reference_float64(_sigmoid, [point], derivative=True)[0]
    return float(abs(_sigmoid.derivative_from_output(_sigmoid(point)) - exact) / exact)


def exponent_answer(expected, atol, mistakes, other=None):
    """number_answer(kind="exponent") for a power of ten asked as its exponent, with a known slip at exactly 0
    matched only by 0: number_answer matches a slip at 0 loosely (within 1e-12), which would swallow a value
    such as 1e-16 given where its exponent is asked. ``other(n)``, if given, says what a wrong power n ≤ 0
    that is no known slip amounts to, in place of number_answer's plain "too large/small in size"."""
    mistakes = dict(mistakes)
    zero = mistakes.pop(0, None)
    checker = number_answer(expected, atol=atol, mistakes=mistakes, kind="exponent")

    def check(answer):
        value = read_number(answer)
        if zero and value == 0:
            return False, zero
        correct, message = checker(answer)
        if (other and not correct and not isinstance(value, str) and value <= 0
                and not any(math.isclose(value, slip, rel_tol=1e-3) for slip in mistakes)):
            return False, other(value)
        return correct, message

    check.expected, check.kind = checker.expected, checker.kind
    return check


_PREDICTED_POWER = -3
"""q1's key: the estimate 10⁻¹⁶ / e⁻³⁰ ≈ 10⁻³; the run measures 1.0e-3 (set by how 1 + e⁻³⁰ rounds, not by the
last bits of the machine's exp; tests check it)."""

q1 = Exercise(
    "07.q1",
    (
        "Predict before the run: in float64, what is the relative error of the textbook slope\n"
        "`s * (1 - s)` with `s = 1 / (1 + exp(-30))`? Answer with the power of ten (−5 for 10⁻⁵). Reason\n"
        "as in the σ(20) example above: how far can the computed s be from σ(30)?"
    ),
    exponent_answer(_PREDICTED_POWER, atol=1, mistakes={
        -16: "−16 is the rounding of σ(30) itself; but 1 − σ(30) ≈ 9.4·10⁻¹⁴ is far smaller than σ(30), so "
             "the same absolute error is a much larger relative one.",
        0: "0 (every digit lost) comes only from z ≈ 36.7 on, where σ rounds to exactly 1; at z = 30, "
           "1 − σ still keeps a few digits.",
        -13: "−13 is the size of the slope, e^(−30) ≈ 9.4·10⁻¹⁴; the question asks for its relative error.",
    }, other=lambda power: (
        f"{power:g} would be a relative error far below float64's own rounding (about 10⁻¹⁶), which a difference "
        "of two rounded numbers near 1 cannot reach." if power < -16 else
        f"{power:g} is too optimistic: 1 − s carries the absolute rounding error of s, a float near 1, and "
        "1 − σ(30) ≈ 9.4·10⁻¹⁴ is small, so relative to it that error is larger." if power < _PREDICTED_POWER else
        f"{power:g} is too pessimistic: at z = 30, 1 − s is still several hundred times the rounding of numbers "
        "near 1, so a few of its digits survive.")),
    hints=(
        "s is a float near 1, and float64 keeps about 16 digits: computing it (1 + e^(−30) rounded, then the "
        "division rounded) leaves an error of about 10⁻¹⁶ (at most 2^-53 + 2^-54 ≈ 1.7·10⁻¹⁶).",
        "1 − s keeps that absolute error, but 1 − σ(30) = σ(−30) ≈ e^(−30) ≈ 9.4·10⁻¹⁴. Divide.",
    ),
    solution=(
        "s is off from σ(30) by about 10⁻¹⁶, the rounding of numbers near 1 (at most 2^-53 from rounding "
        "1 + e^(−30) plus 2^-54 from the division, 1.7·10⁻¹⁶); 1 − s carries that absolute error, and "
        "1 − σ(30) ≈ e^(−30) ≈ 9.4·10⁻¹⁴, so the relative error is about 10⁻¹⁶ / 9.4·10⁻¹⁴ ≈ 10⁻³, at most "
        "1.8·10⁻³: the power −3 (the run measures 1.0·10⁻³; −4 and −2 count too)."
    ),
    stub="answer = ...   # a whole number: the power of ten",
    answer_code=(
        "import math\n"
        "\n"
        "absolute = 1e-16                  # the rounding of s, a float near 1\n"
        "slope = math.exp(-30)             # 1 - σ(30) ≈ σ′(30) ≈ e^(-30)\n"
        "answer = round(math.log10(absolute / slope))    # -3\n"
    ),
    kind="predict",
)


def _log_sigmoid_reference(point):
    with mpmath.workdps(50):
        return float(-mpmath.log1p(mpmath.exp(-mpmath.mpf(point))))


q2 = Exercise(
    "07.q2",
    (
        "Write `log_sigmoid(z)` that returns log σ(z) accurately from z = −800 to 800. The\n"
        "naive `math.log(1 / (1 + math.exp(-z)))` fails at z = −800 (true value ≈ −800)."
    ),
    function_answer(_log_sigmoid_reference, points=np.concatenate([np.linspace(-800, 800, 161), [-30.5, 0.3, 36.9]]),
                    rtol=1e-9, mistakes={
                        lambda z: math.log(1 + math.exp(z)): "your function computes log(1 + e^z) = −log σ(−z): "
                                                             "both signs are flipped.",
                        lambda z: -math.log(1 + math.exp(z)): "your function computes log σ(−z): the sign "
                                                              "inside the exponential is flipped.",
                        lambda z: 1 / (1 + math.exp(-z)): "your function returns σ(z); the question asks for "
                                                          "its logarithm.",
                    }),
    hints=(
        "log σ(z) = −log(1 + e^(−z)). For z ≥ 0, e^(−z) ≤ 1 is safe; `math.log1p(x)` computes log(1 + x) "
        "accurately for small x.",
        "For z < 0, write −log(1 + e^(−z)) = z − log(1 + e^z), so the exponential only ever sees −|z|.",
    ),
    solution="Branch on the sign, so exp only sees −|z|:",
    stub=(
        "def log_sigmoid(z):\n"
        "    ...   # your code: return log σ(z) for a float z\n"
        "\n"
        "answer = ...   # when log_sigmoid is written: answer = log_sigmoid"
    ),
    answer_code=(
        "import math\n"
        "\n"
        "def log_sigmoid(z):\n"
        "    if z >= 0:\n"
        "        return -math.log1p(math.exp(-z))\n"
        "    return z - math.log1p(math.exp(z))\n"
        "\n"
        "answer = log_sigmoid\n"
    ),
    kind="apply",
)


_BUGGY_SOURCE = (
    "import math\n"
    "\n"
    "def stable_sigmoid(z):\n"
    "    e = math.exp(-abs(z))          # in (0, 1]: exp never overflows\n"
    "    if z >= 0:\n"
    "        return 1 / (1 + e)\n"
    "    return 1 / (1 + 1 / e)         # z < 0: σ(z) = 1/(1 + e^(−z)), and e^(−z) = 1/e\n"
)
"""The code with the planted bug, shown in the prompt and in the student's answer cell."""


def _buggy_stable_sigmoid(z):
    e = math.exp(-abs(z))
    return 1 / (1 + e) if z >= 0 else 1 / (1 + 1 / e)


q3 = Exercise(
    "07.q3",
    (
        "Find the bug. This \"stable\" sigmoid evaluates exp only at −|z|, yet it still fails for\n"
        "large negative z (try `stable_sigmoid(-720.0)`, true value 2.0·10⁻³¹³, and `stable_sigmoid(-750.0)`).\n"
        "Write the corrected `stable_sigmoid(z)`, exact to 12 digits from z = −800 to 800.\n"
        "\n"
        "```python\n" + _BUGGY_SOURCE + "```"
    ),
    function_answer(lambda x: float(_sigmoid(x)),
                    points=np.concatenate([np.linspace(-800, 800, 161), [-709.0, -710.0, -720.0, -745.0, -746.0]]),
                    rtol=1e-12, atol=1e-320, mistakes={
                        lambda z: 1 / (1 + math.exp(z)): "your function returns σ(−z): the two branches are swapped.",
                        lambda z: math.exp(-abs(z)) / (1 + math.exp(-abs(z))): "your function uses one formula "
                            "for every z, the one for z < 0: for z ≥ 0 it returns σ(−z), not σ(z).",
                    }),
    hints=(
        "For z < 0 the code computes 1/e = e^(|z|): the exponential it avoided, rebuilt by a division. "
        "What is 1/e for z = −720, and for z = −750 (where e itself underflows to 0)?",
        "Multiply top and bottom of 1/(1 + 1/e) by e: for z < 0, σ(z) = e/(1 + e), with no division by e.",
    ),
    solution=(
        "The planted bug is `1 / (1 + 1 / e)`: algebraically σ(z), but 1/e = e^(|z|) overflows to inf "
        "below z ≈ −709.8 (the result becomes 0 instead of a subnormal number) and divides by zero below "
        "z ≈ −745, where e underflows to 0. Multiplying top and bottom by e gives e/(1 + e), which never "
        "leaves [0, 1]:"
    ),
    stub=_BUGGY_SOURCE + "\nanswer = ...   # when stable_sigmoid is fixed: answer = stable_sigmoid",
    answer_code=(
        "import math\n"
        "\n"
        "def stable_sigmoid(z):\n"
        "    e = math.exp(-abs(z))          # in (0, 1]: exp never overflows\n"
        "    if z >= 0:\n"
        "        return 1 / (1 + e)\n"
        "    return e / (1 + e)             # z < 0: top and bottom multiplied by e, no 1/e\n"
        "\n"
        "answer = stable_sigmoid\n"
    ),
    kind="find the bug",
)

q4 = Exercise(
    "07.q4",
    (
        "Diagnose. A tanh network trained in float16 computes its backward pass from the stored\n"
        "output y, as `1 - y**2`. Units whose pre-activation is about 5 get a gradient of exactly 0,\n"
        "although tanh′(5) ≈ 1.8·10⁻⁴. Why, and which one change fixes it?\n"
        "(a) 1.8·10⁻⁴ underflows in float16: scale the loss up; (b) tanh(5) rounds to exactly 1.0 in\n"
        "float16, so 1 − y² is 0: compute the slope from z with the stable form 4e/(1 + e)², e = e^(−2|z|);\n"
        "(c) exp(10) overflows float16: clip z to [−4, 4]; (d) the learning rate is too small: raise it."
    ),
    choice_answer("b", {
        "a": "float16's smallest normal number is 6.1·10⁻⁵, so 1.8·10⁻⁴ is representable; loss scaling "
             "helps gradients that underflow, not a slope computed as 1 − 1.",
        "b": "float16 keeps 11 significant bits: tanh(z) rounds to 1.0 from z ≈ 4.5, and 1 − 1² = 0 "
             "whatever the true slope. The stable form never subtracts from 1, so it keeps the slope.",
        "c": "e^10 ≈ 22026 is below float16's largest number, 65504; and clipping z would change the "
             "function, not fix the slope.",
        "d": "a gradient of exactly 0 times any learning rate is 0: the unit cannot move at all.",
    }),
    hints=(
        "How many significant bits does float16 keep, and how close to 1 is tanh(5)? (1 − tanh(5) ≈ 9·10⁻⁵.)",
        "Which forms in this notebook subtract from 1, and which do not?",
    ),
    solution=(
        "(b): 1 − tanh(5) ≈ 9.1·10⁻⁵ is below half the spacing of float16 numbers just below 1 "
        "(2⁻¹² ≈ 2.4·10⁻⁴), so y is stored as 1.0 and 1 − y² = 0. The stable form 4e/(1 + e)² with "
        "e = e^(−2|z|) never subtracts, so float16 keeps the slope to about three digits; the cell "
        "after this exercise shows both."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
    kind="diagnose",
)

EXERCISES = (q1, q2, q3, q4)
