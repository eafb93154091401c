"""Exercises for notebook 01 (sigmoid). In the notebook::

    from actlib.exercises import sigmoid as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import sympy as sp

from ..activations import get, z
from ..checks import Exercise, choice_answer, expression_answer, function_answer, number_answer, tuple_answer
from ..reference import reference_float64

_sigmoid = get("sigmoid")
_sigma = sp.Lambda(z, _sigmoid.expr)

q1 = Exercise(
    "01.q1",
    (
        "Give σ′(z) as an expression in `z`, either a string such as `\"exp(-z)\"` or a\n"
        "sympy expression. Any equivalent form counts; in a string `sigma(z)` may stand for σ itself."
    ),
    expression_answer(_sigmoid.derivative_expr, names={"sigma": _sigma, "σ": _sigma}, mistakes={
        "exp(-z)/(1 + exp(-z))": "your expression equals e^(−z)/(1 + e^(−z)) = 1 − σ(z): the outer power "
                                 "rule's square is missing (the power −1 becomes −2).",
        "-1/(1 + exp(-z))**2": "only the outer power rule: the chain rule's inner derivative, that of "
                               "1 + e^(−z), is missing.",
        "1/(1 + exp(-z))**2": "your expression is σ(z)²: the outer power rule without the inner derivative "
                              "of 1 + e^(−z) (and its sign).",
        "exp(z)/(1 + exp(-z))**2": "the sign of the exponent in the numerator: the derivative of e^(−z) is "
                                   "−e^(−z).",
        "sigma(z)": "that is σ itself, not its derivative.",
        "1 - sigma(z)**2": "1 − σ² is the pattern of tanh′ = 1 − tanh²; the sigmoid's derivative has another "
                           "form in σ.",
        "sigma(z)*(1 + sigma(z))": "a sign slip: (1 + σ) where the chain rule gives (1 − σ).",
    }),
    hints=(
        "Write σ(z) = (1 + e^(-z))^(-1) and use the chain rule: the outer power rule times the "
        "derivative of the inside, 1 + e^(-z).",
        "The derivative of the inside is -e^(-z); the outer power rule gives -(1 + e^(-z))^(-2).",
    ),
    solution="By the chain rule σ'(z) = -(1 + e^(-z))^(-2) · (-e^(-z)), so",
    stub="answer = ...   # for example \"2*z + exp(-z)\" (a string) or a sympy expression in z",
    answer_code="answer = \"exp(-z) / (1 + exp(-z))**2\"    # or \"sigma(z) * (1 - sigma(z))\"\n",
)

q2 = Exercise(
    "01.q2",
    (
        "What is the largest value σ′(z) takes, and at which z? Answer with a pair\n"
        "`(largest_value, z_at_largest)`."
    ),
    tuple_answer(
        number_answer(0.25, mistakes={0.5: "0.5 is σ(0), the sigmoid's value where its slope is largest; "
                                           "the slope there is σ(0)(1 − σ(0)).",
                                      1: "1 is the sigmoid's upper limit, not its largest slope."}),
        number_answer(0.0, atol=1e-6, mistakes={0.5: "0.5 is σ(z) at the peak; the question asks for z."}),
        labels=("largest value", "z")),
    hints=(
        "σ' = σ(1 − σ) is a product s(1 − s) with s between 0 and 1: which s makes it largest?",
        "s(1 − s) is largest at s = 1/2, and σ(z) = 1/2 at exactly one z.",
    ),
    solution="s(1 − s) peaks at s = 1/2 with value 1/4, and σ(z) = 1/2 at z = 0:",
    stub="answer = ...   # (largest_value, z_at_largest)",
    answer_code="answer = (0.25, 0)\n",
)


def _reference_slope(point):
    return float(reference_float64(_sigmoid, point, derivative=True))


q3 = Exercise(
    "01.q3",
    (
        "Write `sigmoid_slope(z)` that computes σ′(z) from a float z with a relative error\n"
        "below 1e-9 everywhere from z = −100 to 100, so also at z = 40 where σ(1 − σ) returns 0. The\n"
        "check compares it with the mpmath reference at more than 100 points with |z| up to 100."
    ),
    function_answer(_reference_slope, rtol=1e-9, mistakes={
        lambda z: float(_sigmoid(z)): "your function returns σ(z), not its slope.",
        lambda z: math.exp(-z) / (1 + math.exp(-z)): "your function returns e^(−z)/(1 + e^(−z)) = 1 − σ(z): "
                                                     "the square of the denominator is missing.",
        lambda z: 1 / (1 + math.exp(-z)) ** 2: "your function returns σ(z)²: the inner derivative e^(−z) "
                                               "of the chain rule is missing.",
    }),
    hints=(
        "σ(z)·(1 − σ(z)) is exact algebra but not exact arithmetic: for large z, σ(z) is so close to 1 "
        "that 1 − σ(z) keeps few correct digits (none at all once σ(z) rounds to 1.0, from z ≈ 36.7). "
        "Avoid subtracting from 1: write σ' with e^(-z) instead.",
        "σ'(z) = e^(-z) / (1 + e^(-z))². It is even, σ'(-z) = σ'(z), so you may use e^(-|z|), which never overflows.",
    ),
    solution="Compute from e = e^(-|z|), which lies in (0, 1], so nothing overflows and nothing is subtracted:",
    stub=(
        "def sigmoid_slope(z):\n"
        "    ...   # your code: return σ′(z) for a float z\n"
        "\n"
        "answer = ...   # when sigmoid_slope is written: answer = sigmoid_slope"
    ),
    answer_code=(
        "import math\n"
        "\n"
        "def sigmoid_slope(z):\n"
        "    e = math.exp(-abs(z))\n"
        "    return e / (1 + e) ** 2\n"
        "\n"
        "answer = sigmoid_slope\n"
    ),
)


def _check_depth(answer):
    if isinstance(answer, int) and not isinstance(answer, bool) and answer > 0:
        factor = 0.25 ** answer
        if answer == 10:
            return True, "0.25**10 = 9.5e-07 is the first power below 1e-6 (0.25**9 = 3.8e-06)."
        if factor >= 1e-6:
            return False, f"0.25**{answer} = {factor:.2g} is still above 1e-6."
        slip = " (20 layers is the answer for factors of 1/2; σ′ ≤ 1/4)" if answer == 20 else ""
        return False, f"0.25**{answer} = {factor:.2g} is below 1e-6, but so is a power with fewer layers{slip}."
    return number_answer(10, rtol=0, mistakes={
        6 / math.log10(4): "9.97 solves 4**n = 10**6 exactly, but n counts whole layers: round it.",
    })(answer)


q4 = Exercise(
    "01.q4",
    (
        "Ignoring the weights, backpropagating through $n$ sigmoid layers multiplies the\n"
        "gradient by $n$ factors σ′ ≤ 1/4. Even at best (every factor 1/4), what is the smallest $n$ for\n"
        "which the product drops below $10^{-6}$?"
    ),
    _check_depth,
    hints=("Compute 0.25**n for n = 1, 2, 3, ... or solve 4**n > 1e6 with a logarithm.",),
    solution="4**n > 10**6 means n > 6 / log10(4) ≈ 9.97, so n = 10:",
    stub="answer = ...   # a whole number",
    answer_code=(
        "import math\n"
        "\n"
        "answer = math.ceil(6 / math.log10(4))    # 10\n"
    ),
)

q5 = Exercise(
    "01.q5",
    (
        "On one example, a neuron's inputs $a_1, \\dots, a_k$ are outputs of sigmoid units\n"
        "and $\\delta = \\partial L/\\partial z$ is its error, so its weight gradients are $\\delta\\,a_i$.\n"
        "Which is true? (a) they all share the sign of δ; (b) their signs are random, about half positive;\n"
        "(c) they are all positive, whatever δ is; (d) they are all zero."
    ),
    choice_answer("a", {
        "a": "they all share the sign of δ: every a_i > 0, so δ·a_i has the sign of δ.",
        "b": "the signs are not random: every a_i = σ(z_i) is positive, so each δ·a_i has the same sign.",
        "c": "they would all be positive only when δ > 0; with δ < 0 they are all negative.",
        "d": "they are zero only if δ = 0: a sigmoid output a_i is never 0.",
    }),
    hints=("What is the sign of a sigmoid output a_i = σ(z_i)?",),
    solution=(
        "(a): every σ output is positive, so δ·a_i has the sign of δ for every i. One step can only increase "
        "all these weights together or decrease them all together, which forces a zig-zag path when some "
        "should go up and others down."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"a\"\n",
)

EXERCISES = (q1, q2, q3, q4, q5)

