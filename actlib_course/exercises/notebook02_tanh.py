"""Exercises for notebook 02 (tanh). In the notebook::

    from actlib_course.exercises import notebook02_tanh as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np
import sympy as sp

from actlib.activations import get, z_symbol
from actlib_course.checks import Exercise, expression_answer, function_answer
from actlib.symbolic.answers import read_number
from actlib.symbolic.formula import describe_error
from actlib_course.predict_checks import range_answer, range_pair_answer
from actlib.numerics.reference import reference_float64

_tanh = get("tanh")

q1 = Exercise(
    "02.q1",
    (
        "LeCun et al. (1998) recommend the scaled tanh $f(z) = 1.7159\\tanh(2z/3)$. Give $f'(z)$ as an\n"
        "expression in `z` (a string such as `\"exp(z)\"` or a sympy expression; any equivalent form counts)."
    ),
    expression_answer(sp.Rational(17159, 10000) * sp.Rational(2, 3) * (1 - sp.tanh(2 * z_symbol / 3) ** 2), mistakes={
        "1.7159*(1 - tanh(2*z/3)**2)": "the chain rule's inner factor is missing: d(2z/3)/dz = 2/3.",
        "(2/3)*(1 - tanh(2*z/3)**2)": "the outer factor 1.7159 is missing: a constant factor stays in the derivative.",
        "1.7159*(2/3)*(1 - tanh(z)**2)": "tanh′ must be taken at the inside, 2z/3, not at z.",
        "1.7159*(2/3)*(1 - tanh(2*z/3))": "a square is missing: tanh′ = 1 − tanh².",
        "1.7159*(2/3)*tanh(2*z/3)*(1 - tanh(2*z/3))": "a(1 − a) is the sigmoid's rule; tanh′ = 1 − tanh².",
        "1.7159*(2/3)*(1 + tanh(2*z/3)**2)": "your bracket has 1 + tanh²: tanh′ = 1 − tanh².",
        "1.7159*(3/2)*(1 - tanh(2*z/3)**2)": "the inner factor is upside down: differentiate the inside 2z/3 "
                                             "again.",
        "1.7159*tanh(2*z/3)": "that is f(z) itself, not its derivative.",
    }),
    hints=(
        "Chain rule: f′(z) = 1.7159 · tanh′(2z/3) · d(2z/3)/dz.",
        "tanh′(u) = 1 − tanh²(u), here with u = 2z/3.",
    ),
    solution="The outer constant stays, tanh′ is taken at the inside, and the inside contributes 2/3:",
    stub="answer = ...   # for example \"1 + z**2\" (a string) or a sympy expression in z",
    answer_code="answer = \"1.7159 * 2/3 * (1 - tanh(2*z/3)**2)\"\n",
    kind="apply",
)

DEPTH_30 = dict(depth=30, width=32)
"""The chain q2 asks about: notebook 02's depth experiment (weights of std 1/√32) with 30 layers, run for
every seed in actlib.training.seeds.SEEDS (over seeds 0 to 4 the tanh share is 6% to 15%, the sigmoid's 3.5·10⁻¹⁹ to
7.8·10⁻¹⁹; the accepted ranges hold all of them with an order of magnitude to spare)."""

_tanh_30 = range_answer(0.03, 0.5, below={
    3e-3: "that is about the 10-layer share (10% to 42%) cubed, as if every 10 layers removed the same share. "
          "They do not: the deeper the layer, the closer its pre-activations sit to 0, where tanh′ ≈ 1.",
    1e-6: "that is about the sigmoid's 10-layer result; tanh′ is close to 1 near z = 0, where the sigmoid's "
          "slope is at most 1/4.",
}, above={
    0.6: "the slopes 1 − tanh² are below 1 wherever z ≠ 0, so the chain loses a part of the gradient at "
         "every layer, and the 10-layer chain already kept less than half of it",
    1.5: "that is more than the whole gradient: the slopes 1 − tanh² are at most 1, and the weights at "
         "this scale do not make up for it.",
})
_sigmoid_30 = range_answer(1e-21, 1e-16, below={
    1e-30: "the 10-layer chain lost about 10⁻⁶ over its 9 layer-to-layer factors; the 30-layer chain "
           "has 29 factors of the same kind, each shrinking the gradient about as much as before, not more",
}, above={
    1e-6: "that is about the 10-layer result: 20 more layers, each multiplying the gradient by a slope of "
          "about 0.23 (and the weights keeping its size on average), shrink it much further.",
    1e-10: "each 10 sigmoid layers shrink the gradient about a million-fold, as the 10-layer chain did; "
           "count how many such stretches 30 layers hold.",
    0.5: "the sigmoid's slopes are at most 1/4: its 10-layer chain kept only about a millionth, and the "
         "30-layer chain has three times the layers.",
})



class _Fraction:
    """A range check for a fraction of the gradient that first names a negative answer: an exponent."""

    def __init__(self, check):
        self.check = check

    def accepts(self, value) -> bool:
        return self.check.accepts(value)

    def __call__(self, answer):
        value = read_number(answer)
        if not isinstance(value, str) and value <= -1 and value == round(value):
            return False, (f"{value:g} looks like an exponent, the power of ten; the question asks for the "
                           "fraction itself, a number between 0 and 1 such as 1e-3")
        if not isinstance(value, str) and value < 0:
            return False, f"{value:g} is negative; a fraction of the gradient's size is positive"
        return self.check(answer)


q2 = Exercise(
    "02.q2",
    (
        "**Predict, then run.** With 10 layers and weights of std $1/\\sqrt{32}$, 10% to 42% of the\n"
        "gradient reached tanh's layer 1 (over seeds 0 to 4) and about 10⁻⁶ of it reached sigmoid's. Predict\n"
        "the two fractions for a chain of **30** layers (same width 32, same weights). Answer with a pair\n"
        "`(tanh_fraction, sigmoid_fraction)`; the order of magnitude is what counts, and a prediction is\n"
        "right when it is near what all five seeds give. The run follows the grading cell."
    ),
    range_pair_answer(_Fraction(_tanh_30), _Fraction(_sigmoid_30), labels=["tanh", "sigmoid"], hints=(1, 0)),
    hints=(
        "Sigmoid: every layer multiplies by slopes of about 0.23, so each 10 layers cost about the same "
        "factor as the first 10 did.",
        "Tanh: in this chain the pre-activations shrink towards 0 layer after layer (the weights have std "
        "1/√32 and tanh(z) < z), so the slopes of the deep layers are close to 1.",
    ),
    solution=(
        "The sigmoid's loss compounds, about 10⁻⁶ per 10 layers, so about (10⁻⁶)³ = 10⁻¹⁸ after 30 (3.5·10⁻¹⁹ "
        "to 7.8·10⁻¹⁹ over the five seeds). Tanh's does not: the outputs of a tanh layer are smaller than its "
        "inputs, so deeper layers sit ever closer to z = 0 where tanh′ ≈ 1, and the gradient stays at about a "
        "tenth (6% to 15% over the five seeds, 0.3 to 1.2 times what 10 layers keep):"
    ),
    stub="answer = ...   # (tanh_fraction, sigmoid_fraction), for example (0.5, 1e-3)",
    answer_code="answer = (0.1, 1e-18)\n",
    kind="predict",
)


def _tanh_backward_slope(a):
    return 1 - a * a


_check_backward = function_answer(_tanh_backward_slope, points=np.linspace(-0.99, 0.99, 23), rtol=1e-9, mistakes={
    lambda a: (1 - a) ** 2: ("your function still squares the whole bracket (1 − a): it gives 0 at a = 1 but 4 "
                             "at a = −1, while tanh′ is even, the same for a and −a."),
    lambda a: a * (1 - a): "a(1 − a) is the sigmoid's rule, σ′ = σ(1 − σ), written for the tanh's output.",
    lambda a: 1 - a: "your step is 1 − a, which is not even in a: tanh′ is the same for a and −a. A square is missing.",
    lambda a: 1 - math.tanh(a) ** 2: ("your step computes 1 − tanh(a)², as if a were z; but a is already the "
                                      "output tanh(z)."),
    lambda a: -(1 - a * a): "your step returns the right values with the wrong sign: tanh′ is positive, so "
                            "∂L/∂z has the sign of the upstream gradient.",
})


def _check_tanh_backward(answer):
    if not callable(answer):
        return False, f"expected your function tanh_backward itself (the name, without brackets); got {answer!r}."
    correct, message = _check_backward(lambda a: answer(1.0, a))
    if not correct:
        return False, message.replace("your function", "tanh_backward(1, a)").replace("at z = ", "at a = ")
    try:
        scaled = float(answer(-3.0, 0.5))
    except Exception as error:  # a learner's function may fail only for another upstream
        return False, f"with upstream = −3 and a = 0.5 it raised {describe_error(error)}."
    unscaled = float(answer(1.0, 0.5))
    if math.isclose(scaled, unscaled, rel_tol=1e-9):
        return False, (f"it returns {scaled:.6g} at a = 0.5 for upstream = 1 and for upstream = −3 alike: the step "
                       "ignores the upstream gradient ∂L/∂a, which the chain rule multiplies in.")
    if not math.isclose(scaled, -3.0 * unscaled, rel_tol=1e-9):
        return False, (f"at a = 0.5 it returns {unscaled:.6g} for upstream = 1 but {scaled:.6g} for upstream = −3, "
                       "which is not −3 times as much: the step must scale with the upstream gradient.")
    return True, "tanh_backward multiplies the upstream gradient by 1 − a²."


q3 = Exercise(
    "02.q3",
    (
        "**Find the bug.** This backward step of a tanh layer takes the upstream gradient and the stored\n"
        "output $a = \\tanh z$, and its gradient check fails:\n"
        "```python\n"
        "def tanh_backward(upstream, a):\n"
        "    return upstream * (1 - a)**2\n"
        "```\n"
        "Write the corrected `tanh_backward(upstream, a)`."
    ),
    _check_tanh_backward,
    hints=(
        "Compute the code's local slope at a = 0.5, (1 − 0.5)², and tanh′ at the same point from the derivation, "
        "written in terms of the output a = tanh z.",
        "The square belongs to a alone: 1 − a².",
    ),
    solution="The slope from the output is 1 − a², not (1 − a)²:",
    stub=(
        "def tanh_backward(upstream, a):\n"
        "    ...   # your corrected code\n"
        "\n"
        "answer = ...   # when tanh_backward is written: answer = tanh_backward"
    ),
    answer_code=(
        "def tanh_backward(upstream, a):\n"
        "    return upstream * (1 - a**2)\n"
        "\n"
        "answer = tanh_backward\n"
    ),
    kind="find the bug",
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
        lambda z: 1 + math.tanh(z) ** 2: "your function computes 1 + tanh(z)²: tanh′ = 1 − tanh².",
    }),
    hints=(
        "1 − tanh(z)² subtracts two nearly equal numbers when tanh(z) ≈ ±1: from |z| ≈ 19 on, "
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
    kind="apply",
)

EXERCISES = (q1, q2, q3, q4)
