"""Exercises for notebook 00 (start here). In the notebook::

    from actlib_course.exercises import notebook00_start_here as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from actlib.activations import get
from actlib_course.checks import Exercise, choice_answer, function_answer, number_answer
from actlib.symbolic.answers import read_number

_sigmoid = get("sigmoid")

CHANCE = (0.4, 0.6)
"""Accuracies q1 accepts for the network with g(z) = z on the rings: near chance, where the logistic
model ends (50–54% over seeds 0–4); the notebook's run checks that its accuracy at every seed lies
here too, so the checker and the run cannot disagree."""

BEST_LINE = (0.66, 0.69)
"""What the most accurate straight line scores on the rings of seeds 0–4 (66.2%–69.0%, exact): what
the collapsed network could reach in principle, and what training does not look for."""


def _check_identity_accuracy(answer):
    value = read_number(answer)
    if isinstance(value, str):
        return False, value
    if value < 0 or value > 100:
        return False, "an accuracy is a fraction between 0 and 1."
    if value > 1:
        return False, (f"{value:g} reads as a percent: give the accuracy as a fraction between 0 and 1, "
                       "the percent divided by 100.")
    low, high = CHANCE
    if low <= value <= high:
        return True, (f"{value:g}: near chance, like the logistic model. With g(z) = z the three layers multiply "
                      "out to one affine map, the logistic model's kind, and training lowers the same "
                      "cross-entropy, so it settles on the same nearly flat logit (the runs below).")
    if value < low:
        return False, (f"{value:g} is well below chance: the network would be wrong more often than a coin. It is "
                       "trained on the same loss as the logistic model above: where did that one end?")
    if value >= 0.95:
        return False, (f"{value:g} is what a curved boundary reaches, like the tanh network's; but with g(z) = z the "
                       "three layers multiply out to one affine map W·x + b, as in the first code cell: a straight "
                       "boundary, which cannot close around the disc.")
    if value > 0.75:
        return False, (f"{value:g} is more than any straight line scores on these rings (at most "
                       f"{BEST_LINE[0]:.0%}–{BEST_LINE[1]:.0%}, above), and with g(z) = z the network's boundary is "
                       "one straight line: its layers collapse into one affine map.")
    return False, (f"{value:g} is above chance, up to what the most accurate straight line scores on these rings "
                   f"({BEST_LINE[0]:.0%}–{BEST_LINE[1]:.0%}, above): a line the collapsed network could draw. But "
                   "training does not search for the most accurate line. What does it lower instead, and where "
                   "did that leave the logistic model?")


q1 = Exercise(
    "00.q1",
    (
        "Before running it, predict: the network `MLP([2, 4, 4, 1])` with two hidden layers of\n"
        "4 units whose activation is the identity g(z) = z, trained on the same rings (seeds 0–4) with the\n"
        "same rate and steps as the two models above. What training accuracy will it reach? Answer with a\n"
        "fraction between 0 and 1."
    ),
    _check_identity_accuracy,
    hints=(
        "Write the network's output logit with g(z) = z: W3·(W2·(W1·x + b1) + b2) + b3. Multiply it out.",
        "It is one affine map, as in the first code cell: the logistic model's kind of model, trained on the "
        "same loss. Where did the logistic model end?",
    ),
    solution=(
        "With g(z) = z the network computes W3 W2 W1 x + (a bias): one affine map, the logistic model's kind, "
        "trained on the same cross-entropy. The lowest loss such a map reaches on the rings is the nearly flat "
        "logit the logistic model found, so the deeper network settles there too: near chance, about 0.5 (the "
        "runs below give the logistic model's own logits). A straight line could score 66–69% here, but "
        "cross-entropy training does not look for it:"
    ),
    stub="answer = ...   # a fraction between 0 and 1",
    answer_code="answer = 0.5    # one affine map, trained on the same loss as the logistic model: near chance\n",
    kind="predict",
)

_check_weight_gradient = number_answer(-0.25, mistakes={
    # -0.5 has four causes, each of which doubles the right product (a − y)·σ′(z)·x
    -0.5: ("-0.5 is what several slips give: the ½ of the loss dropped "
           "(∂L/∂a = 2(a − y) instead of a − y); σ(0) used for σ′(0); a = z = 0 used instead of a = σ(z); or "
           "∂L/∂a = a − y alone, with both σ′(z) and ∂z/∂w = x missing. Check each factor."),
    -1.0: "-1 is (a − y)·x: the factor σ′(z) is missing.",
    -0.125: "-0.125 is (a − y)·σ′(z), which is ∂L/∂b: the factor ∂z/∂w = x is missing.",
    -0.0625: "-0.0625 uses w where ∂z/∂w = x belongs.",
    -0.75: "-0.75 uses σ(1 + σ) for σ′: the slope of the sigmoid is σ′ = σ(1 − σ).",
    -0.10575: "that is what z = wx gives, without the bias: the forward pass is z = wx + b.",
    0.25: "0.25 has the wrong sign, and its size is right: ∂L/∂a = a − y is negative here (y − a has the other sign).",
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
        "your function still multiplies by σ(z), the activation's value, where the chain rule's factor "
        "∂a/∂z is the activation's slope at z.",
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid.derivative(w * _X + _B)):
        "that is ∂L/∂b: the factor ∂z/∂w = x is missing.",
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid.derivative(w * _X + _B) * w):
        "it multiplies by w where the factor ∂z/∂w belongs: z = wx + b changes with w at the rate x.",
    lambda w: float((_sigmoid(w * _X + _B) - _Y) * _sigmoid(w * _X + _B) * (1 + _sigmoid(w * _X + _B)) * _X):
        "it multiplies by σ(1 + σ): the sigmoid's slope is σ(1 − σ).",
    lambda w: float(_sigmoid(w * _X + _B) - _Y):
        "it returns a − y alone, ∂L/∂a: the chain rule multiplies it by ∂a/∂z and ∂z/∂w.",
})


def _check_weight_gradient_function(answer):
    if not callable(answer):
        return False, "give the corrected function itself (the name weight_gradient, without brackets)."
    ok, message = _check_gradient_function(lambda w: answer(_X, w, _B, _Y))
    if ok:  # the generic message speaks of z and of hard points meant for z; here the points are weights
        message = (f"your function agrees with ∂L/∂w = (a − y)·σ′(z)·x at all {_WEIGHTS.size} test weights "
                   f"w from −4 to 4 (x = 1.5, b = −0.2, y = 1).")
    else:  # the points tried are weights w, not pre-activations z
        message = message.replace("at z = ", "at w = ")
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
