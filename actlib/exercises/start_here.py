"""Exercises for notebook 00 (start here). In the notebook::

    from actlib.exercises import start_here as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..activations import get
from ..checks import Exercise, choice_answer, function_answer, number_answer

_sigmoid = get("sigmoid")

CHANCE = (0.4, 0.6)
"""Accuracies q1 accepts for the linear-activation network on the rings; the notebook's run asserts
its accuracy lies here too, so the checker and the run cannot disagree."""

q1 = Exercise(
    "00.q1",
    (
        "Before running it, predict: the network `MLP([2, 4, 4, 1])` with two hidden layers of\n"
        "4 units whose activation is the identity g(z) = z, trained on the same rings with the same\n"
        "seed, rate and epochs as the tanh network. What training accuracy will it reach? Answer with a\n"
        "fraction between 0 and 1."
    ),
    number_answer(sum(CHANCE) / 2, rtol=0, atol=(CHANCE[1] - CHANCE[0]) / 2, mistakes={
        1.0: ("it has more layers and more units than the tanh network, but with g(z) = z its three "
              "layers multiply out to one affine map W·x + b: a straight boundary, which no line can draw "
              "around a ring."),
        0.99: ("that is the tanh network's accuracy; with g(z) = z the three layers collapse into one affine "
               "map, as in the first cell, so it can do no better than the logistic model."),
        0.75: ("a straight line through the rings classifies about half the points either way: the collapsed "
               "network is the logistic model again, at chance."),
        50: "give a fraction between 0 and 1 (0.5 for 50%).",
    }),
    hints=(
        "Write the network's output logit with g(z) = z: W3·(W2·(W1·x + b1) + b2) + b3. Multiply it out.",
        "It is one affine map, as in the first code cell: the same family as the logistic model's.",
    ),
    solution=(
        "With g(z) = z the network computes W3 W2 W1 x + (a bias): one affine map, whose boundary is a "
        "straight line, like the logistic model's. A line cannot separate a disc from the ring around it, so "
        "the accuracy stays near chance, 0.5 (the run below gets about 0.5 too):"
    ),
    stub="answer = ...   # a fraction between 0 and 1",
    answer_code="answer = 0.5    # a line cannot separate a disc from a ring: chance\n",
    kind="predict",
)

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

q2 = Exercise(
    "00.q2",
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
    kind="apply",
)

# q3: the neuron of the notebook (x = 1.5, b = −0.2, target y = 1); the learner's function of w is
# checked at many w.
_X, _B, _Y = 1.5, -0.2, 1.0
_WEIGHTS = np.linspace(-4.0, 4.0, 33)


def _right_gradient(w):
    z = w * _X + _B
    return float((_sigmoid(z) - _Y) * _sigmoid.derivative(z) * _X)


_check_gradient_function = function_answer(_right_gradient, points=_WEIGHTS, rtol=1e-9, mistakes={
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid(w * _X + _B) * _X):
        "your function still multiplies by g(z) = σ(z), the activation's value; the chain rule's factor "
        "∂a/∂z is its slope g′(z) = σ′(z) (`sigmoid.derivative(z)`).",
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid.derivative(w * _X + _B)):
        "that is ∂L/∂b: the factor ∂z/∂w = x is missing.",
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid.derivative(w * _X + _B) * w):
        "∂z/∂w is x, not w.",
})


def _check_weight_gradient_function(answer):
    if not callable(answer):
        return False, "give the corrected function itself: answer = weight_gradient (no brackets)."
    ok, message = _check_gradient_function(lambda w: answer(_X, w, _B, _Y))
    if ok:  # the generic message speaks of z and of hard points meant for z; here the points are weights
        message = (f"your function agrees with ∂L/∂w = (a − y)·σ′(z)·x at all {_WEIGHTS.size} test weights "
                   f"w from −4 to 4 (x = 1.5, b = −0.2, y = 1).")
    return ok, message


q3 = Exercise(
    "00.q3",
    (
        "Find the bug. This backward pass for one sigmoid neuron has one planted mistake: a gradient\n"
        "check says its ∂L/∂w is wrong. Write the corrected `weight_gradient` (the check calls it with\n"
        "x = 1.5, b = −0.2, y = 1 and many w).\n"
        "\n"
        "```python\n"
        "def weight_gradient(x, w, b, y):\n"
        "    z = w * x + b\n"
        "    a = sigmoid(z)\n"
        "    return (a - y) * sigmoid(z) * x     # ∂L/∂w for L = ½(a − y)²\n"
        "```"
    ),
    _check_weight_gradient_function,
    hints=(
        "Name the three factors of the chain rule, ∂L/∂a · ∂a/∂z · ∂z/∂w, and match each with the code.",
        "∂a/∂z is the slope of the activation at z, not its value: `sigmoid.derivative(z)`.",
    ),
    solution=(
        "The middle factor must be ∂a/∂z = σ′(z), the activation's slope; the code multiplied by its value "
        "σ(z). (A gradient check, comparing with a finite difference of L, finds such a slip at once.)"
    ),
    stub=(
        "def weight_gradient(x, w, b, y):\n"
        "    z = w * x + b\n"
        "    a = sigmoid(z)\n"
        "    return (a - y) * sigmoid(z) * x     # one mistake: fix it\n"
        "\n"
        "answer = ...   # when fixed: answer = weight_gradient"
    ),
    answer_code=(
        "import actlib\n"
        "\n"
        "sigmoid = actlib.get(\"sigmoid\")\n"
        "\n"
        "def weight_gradient(x, w, b, y):\n"
        "    z = w * x + b\n"
        "    a = sigmoid(z)\n"
        "    return (a - y) * sigmoid.derivative(z) * x     # σ′(z), not σ(z)\n"
        "\n"
        "answer = weight_gradient\n"
    ),
    kind="find the bug",
)

q4 = Exercise(
    "00.q4",
    (
        "A sigmoid neuron starts at x = 1.5, w = 8, b = −2 (z = 10) and should output 0. After 100\n"
        "gradient-descent steps (rate 1) its output is still 0.99995. Why, and which change fixes it?\n"
        "(a) the error a − y is too small: use a target further away;\n"
        "(b) σ′(10) ≈ 4.5·10⁻⁵ shrinks every step: start at w = b = 0, so that z is near 0;\n"
        "(c) the rate 1 is too large, the steps overshoot: use 0.1;\n"
        "(d) the update goes the wrong way: add the gradient instead of subtracting it."
    ),
    choice_answer("b", {
        "a": "the error a − y ≈ 1 is as large as it can be for a sigmoid; the factor that is tiny is σ′(z).",
        "b": ("∂L/∂w = (a − y)·σ′(z)·x and σ′(10) ≈ 4.5·10⁻⁵, so each step moves w by about 7·10⁻⁵: the "
              "neuron is saturated. From w = b = 0, z = 0 and σ′ = 1/4: the steps are thousands of times "
              "larger (the run below)."),
        "c": ("the loss does not move at all, which is not what overshooting looks like; a smaller rate makes "
              "the tiny steps ten times tinier (the run below)."),
        "d": "subtracting the gradient is right: adding it would make the output climb towards 1, not 0.",
    }),
    hints=(
        "Which of the three factors of ∂L/∂w = (a − y)·σ′(z)·x is tiny here?",
        "σ′(10) = σ(10)(1 − σ(10)) ≈ 4.5·10⁻⁵. What would make z small?",
    ),
    solution=(
        "(b): at z = 10 the sigmoid is flat, σ′(10) ≈ 4.5·10⁻⁵, so each step moves w by (a − y)·σ′·x·rate "
        "≈ 7·10⁻⁵. Starting at w = b = 0 puts z at 0, where σ′ = 1/4 is largest."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
    kind="diagnose",
)

EXERCISES = (q1, q2, q3, q4)
