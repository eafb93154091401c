"""Exercises for notebook 08 (finite differences). In the notebook::

    from actlib_course.exercises import notebook08_finite_differences as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np

from actlib.activations import get
from actlib_course.checks import Exercise, choice_answer, function_answer, number_answer
from actlib.numerics.finite_differences import step_sweep
from actlib.symbolic.answers import read_number
from actlib_course.exercises.notebook07_numerical_stability import exponent_answer

_sigmoid, _tanh = get("sigmoid"), get("tanh")

_check_scaling = number_answer(1e-8, rtol=0.05, mistakes={
    1e-7: "1e-7 is what an error proportional to h would give; the central difference's shrinks like h².",
    1e-9: "1e-9 is what an error proportional to h³ would give; the central difference's shrinks like h².",
    1e-4: "1e-4 is larger: a smaller step shrinks the truncation error, it does not grow it.",
    1e-5: "1e-5 is the error growing tenfold, as rounding error (about eps/h) does; here truncation dominates, and "
          "it shrinks with h.",
    1e-6: "1e-6 is the error at h = 0.01, unchanged; the truncation error depends on h.",
    1e-10: "1e-10 is what an error proportional to h⁴ would give; the central difference's shrinks like h².",
})


q1 = Exercise(
    "08.q1",
    (
        "With h = 0.01 a central difference has error 10⁻⁶ (truncation dominates). What\n"
        "error do you expect with h = 0.001?"
    ),
    _check_scaling,
    hints=("The central difference's truncation error is about h²·f‴/6: divide h by 10, and the error by?",),
    solution="Error ∝ h²: h/10 gives error/100.",
    stub="answer = ...   # a number",
    answer_code="answer = 1e-6 / 100    # 1e-8\n",
    kind="apply",
)

PREDICT_AT = 1.0
"""Where q2 asks for the best central step of σ′ (the cell after it sweeps there)."""


def best_central_step(point: float = PREDICT_AT) -> float:
    """The smoothed best central step for σ′ at ``point``, measured as the notebook measures tanh's."""
    return float(step_sweep(_sigmoid, _sigmoid.derivative, point).best_step("central", smooth=0.5))


_BEST_POWER = -5
"""q2's key: the model's h* = 2.4e-5 and the measured smoothed best step (5.6e-6 or 1e-5, depending on the last
bits of the machine's exp) both round to 10⁻⁵; the key accepts −6 to −4 (tests check the measured step lies there)."""

_EPS, _SIGMA_1, _THIRD_1 = float(np.finfo(float).eps), 0.73, 0.035   # as the prompt gives them


def _step_errors(power) -> str:
    """What a wrong step 10**power amounts to: the two error terms there, by the model the prompt names,
    and which one dominates (which says which way to go, not how far)."""
    h = 10.0 ** power
    rounding, truncation = _EPS * _SIGMA_1 / h, h ** 2 * _THIRD_1 / 6
    step = ("10" + f"{power:g}".translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")) if float(power).is_integer()
            else f"10^{power:g}")
    if rounding > truncation:
        return (f"at h = {step} the rounding error eps·|f|/h ≈ {rounding:.0e} is far above the truncation error "
                f"h²|f‴|/6 ≈ {truncation:.0e}; a larger step is better.")
    return (f"at h = {step} the truncation error h²|f‴|/6 ≈ {truncation:.0e} is far above the rounding error "
            f"eps·|f|/h ≈ {rounding:.0e}; a smaller step is better.")


q2 = Exercise(
    "08.q2",
    (
        "Apply the formula for the best step h* derived above to the central difference of σ′(1) in\n"
        "float64 (σ(1) ≈ 0.73, σ‴(1) ≈ −0.035). Answer with the power of ten (−4 for 10⁻⁴); the run\n"
        "after this exercise measures the best step."
    ),
    exponent_answer(_BEST_POWER, atol=1, other=_step_errors, mistakes={
        -8: "−8 (about √eps) is the forward difference's best step; the central difference's truncation error "
            "shrinks like h², so it balances rounding at a larger h.",
        -16: "−16 is eps itself; at that step rounding error, about eps/h, is as large as the slope.",
        -2: "at h = 10⁻² the truncation error h²|f‴|/6 ≈ 6·10⁻⁷ is far above the rounding error; a smaller "
            "step is better.",
    }),
    hints=(
        "Total error ≈ h²|f‴|/6 (truncation) + eps·|f|/h (rounding). Where is it smallest?",
        "Setting the derivative in h to 0 gives h* = (3·eps·|f|/|f‴|)^(1/3); with eps = 2.2·10⁻¹⁶, "
        "|f| = 0.73 and |f‴| = 0.035 that is about 2·10⁻⁵.",
    ),
    solution=(
        "h* = (3·eps·|f|/|f‴|)^(1/3) = (3 · 2.2·10⁻¹⁶ · 0.73 / 0.035)^(1/3) ≈ 2.4·10⁻⁵, near ∛eps ≈ 6·10⁻⁶: "
        "the power −5. (The sweep measures a best step a few times below it, as for tanh, because real rounding "
        "errors are smaller than the model's worst case; −6 and −4 count too.)"
    ),
    stub="answer = ...   # a whole number: the power of ten",
    answer_code=(
        "import math\n"
        "\n"
        "eps_64, sigma_1, third_1 = 2.2e-16, 0.73, 0.035    # float64's eps, σ(1), |σ‴(1)|\n"
        "answer = round(math.log10((3 * eps_64 * sigma_1 / third_1) ** (1 / 3)))    # -5\n"
    ),
    kind="apply",
)


def _complex_step_square():
    h = 1e-20
    return float(np.imag((3 + 1j * h) ** 2) / h)


_COMPLEX_STEP = 1e-20
_check_complex_step_value = number_answer(_complex_step_square(), rtol=1e-15, mistakes={
    9: "9 is f(3), the real part; the derivative is the imaginary part divided by h.",
    _complex_step_square() / _COMPLEX_STEP: "your number has the size of 1/h: Im(f(3 + ih)) divided by h twice (by h²).",
})


def _check_complex_step(answer):
    """08.q3: numbers of the size of h or below are named by what they are (exactly 0, Im f itself not yet
    divided by h, or simply far too small) before number_answer, whose known slips match tiny values loosely."""
    value = read_number(answer)
    if not isinstance(value, str) and abs(value) < 1e-10:
        if value == 0:
            return False, ("0 is what a real difference gives: 3 + 1e-20 rounds to 3, so f(3 + h) − f(3) = 0. The "
                           "complex step takes the imaginary part instead: no subtraction.")
        if math.isclose(value / _COMPLEX_STEP, _complex_step_square(), rel_tol=1e-6):
            return False, "your number has the size of h: it is Im(f(3 + ih)) itself, not yet divided by h."
        if math.isclose(value / _COMPLEX_STEP ** 2, _complex_step_square(), rel_tol=1e-6):
            return False, "your number has the size of h²: Im(f(3 + ih)) multiplied by h, where it is divided by h."
        return False, (f"{value:.3g} is far too small in size: of the size of h = 10⁻²⁰ or below, where a slope of z² "
                       "near 3 is of order 1. Take Im(f(3 + ih)) and divide it by h, once.")
    return _check_complex_step_value(answer)


q3 = Exercise(
    "08.q3",
    (
        "Compute the complex-step derivative Im(f(z + ih))/h of f(z) = z² at z = 3 with\n"
        "h = 10⁻²⁰ (Python writes the imaginary unit `1j`)."
    ),
    _check_complex_step,
    hints=("(3 + ih)² = 9 − h² + 6ih. Take the imaginary part and divide by h.",),
    solution=(
        "Im((3 + ih)²) = 6h, so the result is exactly 6, with no subtraction and so no rounding error, even "
        "for h = 1e-20:"
    ),
    stub="answer = ...   # a number",
    answer_code=(
        "h = 1e-20\n"
        "answer = ((3 + 1j * h) ** 2).imag / h    # 6.0\n"
    ),
    kind="apply",
)

q4 = Exercise(
    "08.q4",
    (
        "Diagnose. A gradient check of a ReLU network compares relu′ with central differences\n"
        "(h = 10⁻⁶) and passes everywhere except at units whose input z is exactly 0, where it reports\n"
        "0.5 against relu′(0) = 0. Why, and which one change fixes the check? (a) relu′ is wrong at 0:\n"
        "return 0.5 there; (b) the chord from −h to h straddles the kink, so the difference averages the\n"
        "slopes 0 and 1: skip (or tolerate) points within h of the kink; (c) rounding error: use a larger\n"
        "h; (d) the central difference is the wrong method: use the forward difference."
    ),
    choice_answer("b", {
        "a": "relu′(0) = 0 is a legitimate choice: at a kink any value in [0, 1] (the subgradient) is; the "
             "check, not the derivative, is at fault.",
        "b": "(relu(h) − relu(−h))/(2h) = h/(2h) = 1/2 for every h: the chord crosses the corner. Points "
             "within h of a kink cannot be checked by a difference quotient.",
        "c": "a larger h makes no difference: (relu(h) − relu(−h))/(2h) is exactly 1/2 for every h.",
        "d": "the forward difference at 0 gives (relu(h) − 0)/h = 1, still not 0: it disagrees too, just "
             "with the other one-sided slope.",
    }),
    hints=("Compute (relu(h) − relu(−h))/(2h) by hand. Does it depend on h?",),
    solution=(
        "(b): the central difference at 0 is exactly 1/2, the average of the two one-sided slopes, whatever "
        "h is, and the forward difference gives 1; relu′(0) = 0 is a convention. Gradient checks skip points "
        "within h of a kink (the cell after this exercise shows all three numbers)."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
    kind="diagnose",
)


_BUGGY_SOURCE = (
    "import math\n"
    "\n"
    "def numeric_slope(z, h=1e-5):\n"
    "    return (math.tanh(z + h) - math.tanh(z - h)) / h\n"
)
"""The code with the planted bug, shown in the prompt and in the student's answer cell."""


def _buggy_numeric_slope(z, h=1e-5):
    return (math.tanh(z + h) - math.tanh(z - h)) / h


q5 = Exercise(
    "08.q5",
    (
        "Find the bug. This central difference is meant to estimate tanh′(z), but a gradient check\n"
        "built on it fails at every point (try `numeric_slope(0.0)`: tanh′(0) = 1). Write the corrected\n"
        "`numeric_slope(z)`, right to 7 digits for |z| ≤ 3.\n"
        "\n"
        "```python\n" + _BUGGY_SOURCE + "```"
    ),
    function_answer(lambda x: float(_tanh.derivative(x)), points=np.linspace(-3, 3, 61), rtol=1e-7, mistakes={
        lambda z: 2 * float(_tanh.derivative(z)): "your function returns twice tanh′(z): it divides by h, "
                                                    "but the chord from z − h to z + h is 2h wide.",
        lambda z: (math.tanh(z + 1e-5) - math.tanh(z)) / (2e-5): "your function returns half a forward "
            "difference: the numerator spans one step h, the denominator two.",
        lambda z: -2 * float(_tanh.derivative(z)): "your function returns −2 × tanh′(z): the two points are in the "
            "wrong order (a sign), and it divides by h where the chord from z − h to z + h is 2h wide.",
    }),
    hints=(
        "Compare numeric_slope(0.0) with tanh′(0) = 1: by what factor is it off?",
        "The two points z − h and z + h are 2h apart.",
    ),
    solution=(
        "The planted bug divides by h; the points z − h and z + h are 2h apart, so every estimate is twice "
        "the slope (a mismatch of 100%, the kind a gradient check catches at once). Divide by 2h:"
    ),
    stub=_BUGGY_SOURCE + "\nanswer = ...   # when numeric_slope is fixed: answer = numeric_slope",
    answer_code=(
        "import math\n"
        "\n"
        "def numeric_slope(z, h=1e-5):\n"
        "    return (math.tanh(z + h) - math.tanh(z - h)) / (2 * h)\n"
        "\n"
        "answer = numeric_slope\n"
    ),
    kind="find the bug",
)

EXERCISES = (q1, q2, q3, q4, q5)
