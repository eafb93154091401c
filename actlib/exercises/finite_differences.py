"""Exercises for notebook 08 (finite differences). In the notebook::

    from actlib.exercises import finite_differences as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..checks import Exercise, choice_answer, number_answer


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
)

q2 = Exercise(
    "08.q2",
    (
        "In float64, about which step minimises the forward difference's error for exp at\n"
        "z = 1? Answer with the power of ten (−4 for 10⁻⁴)."
    ),
    number_answer(-8, atol=0.6, mistakes={
        -16: "−16 is eps itself; the best step balances truncation (∝ h) against rounding (∝ eps/h).",
        -5: "−5 (about ∛eps) is the best step for the central difference; the forward difference's "
            "truncation error shrinks only like h.",
    }),
    hints=(
        "The error is about (h/2)|f″| from truncation plus eps·|f|/h from rounding. Where are they equal?",
        "With f = f″ = e at z = 1, h·e/2 = eps·e/h gives h = sqrt(2·eps).",
    ),
    solution="Minimising h|f″|/2 + eps|f|/h gives h* = sqrt(2·eps·|f|/|f″|) = sqrt(2·eps) ≈ 2e-8 for exp:",
    stub="answer = ...   # a whole number",
    answer_code=(
        "import math\n"
        "\n"
        "answer = round(math.log10(math.sqrt(2 * 2.2e-16)))    # -8\n"
    ),
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
)

q4 = Exercise(
    "08.q4",
    (
        "A gradient check of relu′ with central differences (h = 10⁻⁶) reports a mismatch at\n"
        "z = 3·10⁻⁷. Why? (a) actlib's relu′ is wrong there; (b) the chord straddles the kink; (c) rounding\n"
        "error; (d) h is too large for a linear function."
    ),
    choice_answer("b", {
        "a": "relu′(3e-7) = 1 is right: 3e-7 > 0.",
        "b": "z − h < 0 < z + h: the chord crosses the corner, and the difference averages the two slopes.",
        "c": "ReLU's values are exact; the mismatch is far larger than rounding.",
        "d": "for a linear piece any h gives the exact slope, as long as the chord stays on that piece.",
    }),
    hints=("Where are z − h and z + h for z = 3e-7 and h = 1e-6?",),
    solution=(
        "(b): z − h = −7e-7 < 0 < z + h, so (relu(z + h) − relu(z − h))/(2h) = 1.3e-6/2e-6 = 0.65, neither 0 "
        "nor 1. Gradient checks skip points within h of a kink."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
)

EXERCISES = (q1, q2, q3, q4)
