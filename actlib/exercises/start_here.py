"""Exercises for notebook 00 (start here). In the notebook::

    from actlib.exercises import start_here as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

from ..activations import get
from ..checks import Exercise, choice_answer, number_answer

_sigmoid = get("sigmoid")


_check_weight_gradient = number_answer(-0.25, mistakes={
    # -0.5 has four causes, each of which doubles the right product (a − y)·σ′(z)·x
    -0.5: ("-0.5 is what several slips give: the ½ of the loss dropped (∂L/∂a = 2(a − y) instead of "
           "a − y); σ(0) = 0.5 used for σ′(0) = 0.25; a = z = 0 used instead of a = σ(z) = 0.5; or "
           "∂L/∂a = a − y alone, with both σ′(z) and ∂z/∂w = x missing. Check each factor."),
    -1.0: "-1 is (a − y)·x: the factor σ′(z) = 0.25 is missing.",
    -0.125: "-0.125 is (a − y)·σ′(z), which is ∂L/∂b: the factor ∂z/∂w = x = 2 is missing.",
    -0.0625: "-0.0625 uses w = 0.5 where ∂z/∂w = x = 2 belongs.",
    0.25: "Right size, wrong sign: ∂L/∂a = a − y = 0.5 − 1 is negative (y − a has the other sign).",
})


q1 = Exercise(
    "00.q1",
    (
        "A sigmoid neuron has x = 2, w = 0.5, b = −1 and target y = 1. What is ∂L/∂w for\n"
        "$L = \\tfrac12(a - y)^2$?"
    ),
    _check_weight_gradient,
    hints=(
        "First the forward pass: z = wx + b, then a = σ(z). Here z is a very simple number.",
        "∂L/∂w = (a − y) · σ′(z) · x, with σ′(0) = 1/4.",
    ),
    solution=(
        "z = 0.5·2 − 1 = 0, so a = σ(0) = 0.5 and σ′(0) = 0.25; then ∂L/∂w = (a − y)·σ′(z)·x = (0.5 − "
        "1)·0.25·2:"
    ),
    stub="answer = ...   # a number",
    answer_code="answer = (0.5 - 1) * 0.25 * 2    # -0.25\n",
)


_check_central_difference = number_answer(3.01, rtol=1e-9, mistakes={
    3.31: "3.31 is the forward difference (f(1.1) − f(1))/0.1; the central one uses f(1.1) and f(0.9).",
    3.0: "3 is the exact derivative 3z² at z = 1; the central difference with h = 0.1 is a little off it.",
    6.02: "6.02 divides by h; the central difference divides by 2h.",
    2.71: "2.71 is the backward difference (f(1) − f(0.9))/0.1; the central one uses f(1.1) and f(0.9).",
    0.602: "0.602 is f(1.1) − f(0.9) without the division by 2h.",
})


q2 = Exercise(
    "00.q2",
    (
        "Compute the central difference of $f(z) = z^3$ at z = 1 with step h = 0.1, by hand\n"
        "or with numpy (the number itself, not the exact derivative)."
    ),
    _check_central_difference,
    hints=(
        "The central difference is (f(z + h) − f(z − h)) / (2h).",
        "f(1.1) = 1.331 and f(0.9) = 0.729.",
    ),
    solution=(
        "(1.1³ − 0.9³) / 0.2 = (1.331 − 0.729) / 0.2 = 3.01; the exact derivative is 3, and the error 0.01 = "
        "h² is the truncation error of the central difference for z³:"
    ),
    stub="answer = ...   # a number",
    answer_code="answer = (1.1**3 - 0.9**3) / (2 * 0.1)    # 3.01\n",
)

q3 = Exercise(
    "00.q3",
    (
        "Which finite difference has a truncation error that shrinks like h²?\n"
        "(a) forward; (b) backward; (c) central; (d) none, they all shrink like h."
    ),
    choice_answer("c", {
        "a": "the forward difference's error shrinks like h: halve h, halve the error.",
        "b": "the backward difference's error shrinks like h: it is the forward difference seen from the other side.",
        "c": "central: the h² terms of the two Taylor expansions cancel.",
        "d": "one of them does better than h.",
    }),
    hints=(
        "Write f(z + h) and f(z − h) as Taylor series to the h² term and subtract them.",
    ),
    solution=(
        "(c): f(z ± h) = f ± h f′ + h²/2 f″ ± h³/6 f‴ + …; subtracting cancels the f″ terms, so (f(z + h) − "
        "f(z − h))/(2h) = f′ + h²/6 f‴ + …"
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"c\"\n",
)


def _slowdown(z):
    return float(_sigmoid.derivative(0.0) / _sigmoid.derivative(z))


q4 = Exercise(
    "00.q4",
    (
        "Two sigmoid neurons get the same input and the same error a − y, but one has z = 0\n"
        "and the other z = 10. How many times smaller is the saturated neuron's weight gradient?"
    ),
    number_answer(_slowdown(10.0), rtol=5e-3, mistakes={
        1 / _slowdown(10.0): "that ratio is upside down: σ′(10)/σ′(0) is how much of the gradient is left, "
                             "not how many times smaller it is.",
        float(_sigmoid.derivative(10.0)): "that is σ′(10) itself; the question asks how many times smaller "
                                          "than σ′(0) it is.",
        math.exp(10): "e^10 ≈ 22026: σ′(10) ≈ e^(−10) is right, but σ′(0) is 1/4, not 1.",
        float(_sigmoid(10.0) / _sigmoid(0.0)): "about 2 is σ(10)/σ(0), a ratio of values; the gradients "
                                               "differ by their slopes σ′.",
    }),
    hints=(
        "Only the factor σ′(z) differs between the two gradients (a − y)·σ′(z)·x.",
        "The answer is σ′(0) / σ′(10); use `actlib.get(\"sigmoid\").derivative`.",
    ),
    solution=(
        "The ratio of the gradients is σ′(0)/σ′(10) = 0.25 / 4.54e-5 ≈ 5.5 thousand: the saturated neuron "
        "learns thousands of times more slowly."
    ),
    stub="answer = ...   # a number",
    answer_code=(
        "import actlib\n"
        "\n"
        "slope = actlib.get(\"sigmoid\").derivative\n"
        "answer = float(slope(0.0) / slope(10.0))    # about 5507\n"
    ),
)

EXERCISES = (q1, q2, q3, q4)
