"""Exercises for notebook 02 (tanh). In the notebook::

    from actlib.exercises import tanh as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

from ..activations import get
from ..checks import Exercise, choice_answer, expression_answer, function_answer, number_answer
from ..reference import reference_float64

_tanh = get("tanh")

q1 = Exercise(
    "02.q1",
    (
        "Give tanh′(z) as an expression in `z` (a string such as `\"exp(z)\"` or a sympy\n"
        "expression; any equivalent form counts)."
    ),
    expression_answer(_tanh.derivative_expr, mistakes={
        "tanh(z)*(1 - tanh(z))": "a(1 − a) is the sigmoid's rule, σ′ = σ(1 − σ); tanh's derivative has "
                                 "another form in tanh.",
        "1 - tanh(z)": "a square is missing: (D² − N²)/D² = 1 − (N/D)².",
        "1/cosh(z)": "a square is missing: the quotient rule divides by D², not D.",
        "(1 - tanh(z))**2": "(1 − tanh)² is not (D² − N²)/D²: only tanh is squared.",
        "1 + tanh(z)**2": "a sign slip: the quotient rule subtracts, (D·D − N·N)/D².",
        "tanh(z)": "that is tanh itself, not its derivative.",
    }),
    hints=(
        "Quotient rule on (e^z − e^(−z)) / (e^z + e^(−z)): the derivative of the numerator is the "
        "denominator, and the derivative of the denominator is the numerator.",
        "(D·D − N·N) / D² = 1 − (N/D)².",
    ),
    solution="The quotient rule gives (D² − N²)/D² = 1 − tanh²(z), also written 1/cosh²(z):",
    stub="answer = ...   # for example \"1 + z**2\" (a string) or a sympy expression in z",
    answer_code="answer = \"1 - tanh(z)**2\"\n",
)


_check_factor = number_answer(4, rtol=1e-12, mistakes={
    2: "2 is one of two factors: the outer 2 of 2σ(2z) and the inner 2 from the chain rule.",
    0.25: "1/4 is the largest value of σ′; the question asks for the factor c in tanh′(z) = c·σ′(2z).",
    1: "1 = 4·σ′(0) is tanh′'s largest value; the question asks for the factor c in tanh′(z) = c·σ′(2z).",
})


q2 = Exercise(
    "02.q2",
    (
        "Since $\\tanh z = 2\\sigma(2z) - 1$, $\\tanh'(z) = c\\,\\sigma'(2z)$ for a number c.\n"
        "What is c?"
    ),
    _check_factor,
    hints=("Differentiate 2σ(2z): the chain rule brings out the derivative of the inside, 2z.",),
    solution="d/dz [2σ(2z) − 1] = 2 · σ′(2z) · 2 = 4σ′(2z). So tanh′ is at most 4 · 1/4 = 1, four times σ′'s peak:",
    stub="answer = ...   # a number",
    answer_code="answer = 4\n",
)

q3 = Exercise(
    "02.q3",
    (
        "Deep tanh networks usually train faster than deep sigmoid networks. Which reason\n"
        "did this notebook measure? (a) tanh never saturates; (b) tanh′ peaks at 1 instead of 1/4 and its\n"
        "outputs are centred on 0; (c) tanh is cheaper to compute; (d) tanh′ is constant."
    ),
    choice_answer("b", {
        "a": "tanh saturates too: for |z| > 3, tanh′ < 0.01, as the saturation experiment shows.",
        "b": "a slope of up to 1 keeps the gradient through each layer, and zero-centred outputs let "
             "a neuron's weight gradients take different signs.",
        "c": "cost is not the reason: tanh and sigmoid cost about the same (one exp each).",
        "d": "tanh′ = 1 − tanh² changes with z: 1 at z = 0, near 0 in the tails.",
    }),
    hints=("Compare the maximum of each derivative, and the mean of each function's outputs.",),
    solution=(
        "(b): the maximum slope is 1 (not 1/4), and outputs centred on 0 avoid the one-signed weight "
        "gradients of sigmoid inputs."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
)


def _reference_slope(point):
    return float(reference_float64(_tanh, point, derivative=True))


q4 = Exercise(
    "02.q4",
    (
        "Write `tanh_slope(z)` that computes tanh′(z) for a float z with a relative error\n"
        "below 1e-9 everywhere from z = −100 to 100, so also at z = 25 where $1 - \\tanh^2$ returns 0."
    ),
    function_answer(_reference_slope, rtol=1e-9, mistakes={
        lambda z: math.tanh(z) * (1 - math.tanh(z)): "your function computes a(1 − a) with a = tanh(z): that "
                                                     "is the sigmoid's rule; tanh′ = 1 − tanh².",
        lambda z: 1 - math.tanh(z): "your function computes 1 − tanh(z): the square is missing.",
        lambda z: 1 / math.cosh(z): "your function computes 1/cosh(z): the square is missing.",
        lambda z: math.tanh(z): "your function returns tanh(z), not its slope.",
    }),
    hints=(
        "1 − tanh(z)² subtracts two nearly equal numbers when tanh(z) ≈ ±1: from |z| ≈ 19.0 on, "
        "tanh(z) rounds to ±1.0 and the difference is exactly 0. Write tanh′ with e^(−2|z|) instead.",
        "With e = e^(−2|z|): tanh(|z|) = (1 − e)/(1 + e), so 1 − tanh² = 4e/(1 + e)².",
    ),
    solution="Compute from e = e^(−2|z|), which lies in (0, 1]: nothing overflows and nothing is subtracted:",
    stub=(
        "def tanh_slope(z):\n"
        "    ...   # your code: return tanh′(z) for a float z\n"
        "\n"
        "answer = ...   # when tanh_slope is written: answer = tanh_slope"
    ),
    answer_code=(
        "import math\n"
        "\n"
        "def tanh_slope(z):\n"
        "    e = math.exp(-2 * abs(z))\n"
        "    return 4 * e / (1 + e) ** 2\n"
        "\n"
        "answer = tanh_slope\n"
    ),
)

EXERCISES = (q1, q2, q3, q4)
