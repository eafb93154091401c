"""Exercises for notebook 08 (finite differences). In the notebook::

    from actlib.exercises import finite_differences as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np

from ..activations import get
from ..checks import Exercise, choice_answer, function_answer, number_answer
from ..finite_differences import step_sweep

_sigmoid, _tanh = get("sigmoid"), get("tanh")

_check_scaling = number_answer(1e-8, rtol=0.05, mistakes={
    1e-7: "1e-7 is what an error proportional to h would give; the central difference's shrinks like h².",
    1e-9: "1e-9 is what an error proportional to h³ would give; the central difference's shrinks like h².",
    1e-4: "1e-4 is larger: a smaller step shrinks the truncation error, it does not grow it.",
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

q2 = Exercise(
    "08.q2",
    (
        "Apply the formula for the best step h* derived above to the central difference of σ′(1) in\n"
        "float64 (σ(1) ≈ 0.73, σ‴(1) ≈ −0.035). Answer with the power of ten (−4 for 10⁻⁴); the run\n"
        "after this exercise measures the best step."
    ),
    number_answer(_BEST_POWER, atol=1, mistakes={
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


q3 = Exercise(
    "08.q3",
    (
        "Compute the complex-step derivative Im(f(z + ih))/h of f(z) = z² at z = 3 with\n"
        "h = 10⁻²⁰ (Python writes the imaginary unit `1j`)."
    ),
    number_answer(_complex_step_square(), rtol=1e-15, mistakes={
        0: "0 is what a real difference gives: 3 + 1e-20 rounds to 3, so f(3 + h) − f(3) = 0. The complex "
           "step takes the imaginary part instead: no subtraction.",
        9: "9 is f(3), the real part; the derivative is the imaginary part divided by h.",
    }),
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
