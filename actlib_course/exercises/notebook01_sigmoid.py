"""Exercises for notebook 01 (sigmoid). In the notebook::

    from actlib_course.exercises import notebook01_sigmoid as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math
import re

import numpy as np
import sympy as sp

from actlib.activations import get, z_symbol
from actlib_course.checks import Exercise, choice_answer, expression_answer, function_answer
from actlib.symbolic.answers import read_number
from actlib.numerics.reference import reference_float64

_sigmoid = get("sigmoid")
_sigma = sp.Lambda(z_symbol, _sigmoid.expr)

VANISHING_RANGE = (1e-7, 1e-5)
"""Fractions of the gradient left at layer 1 of the 10-layer chain that q1 accepts: within a factor 10
of a millionth. The chains of seeds 0–4 measure 1.1·10⁻⁶ to 2.5·10⁻⁶, and the notebook's run checks
that each of them lies here too."""


def _check_fraction_left(answer):
    value = read_number(answer)
    if isinstance(value, str):
        return False, value + " Write the fraction as a number such as 1e-3."
    low, high = VANISHING_RANGE
    if low <= value <= high:
        return True, (f"{value:.1e} is the right order of magnitude: nine σ′ factors, each at most 1/4 and "
                      "typically a little less, give about 10⁻⁶ (the runs below).")
    if value <= -1 and value == round(value):
        return False, (f"{value:g} looks like an exponent, the power of ten; the question asks for the fraction "
                       "itself, a number between 0 and 1 such as 1e-3.")
    if value <= 0:
        return False, "a fraction of a gradient's size is positive: the σ′ factors shrink it, they do not zero it."
    if value > 1:
        return False, (f"{value:g} is more than the whole gradient; but each layer multiplies it by a σ′ of at "
                       "most 1/4, so it shrinks on its way back, and it passes nine of them.")
    if 0.2 <= value <= 0.25:
        return False, (f"{value:g} is what one σ′ factor keeps at most; between layer 10 and layer 1 the gradient "
                       "passes nine of them.")
    if value > 0.25:
        return False, (f"{value:.2g} keeps most of the gradient; but each layer multiplies it by σ′ ≤ 1/4, "
                       "and it passes nine of them.")
    if value > high:
        return False, (f"{value:.1e} is too much (too large an order of magnitude): multiply out the nine σ′ "
                       "factors between layer 10 and layer 1, each at most 1/4, and the typical σ′ a little "
                       "below 1/4.")
    return False, (f"{value:.1e} is too little (too small an order of magnitude): nine σ′ factors of at most "
                   "1/4 each, typically a little less, do not shrink the gradient that far, and the weights at "
                   "their usual scale neither add nor remove orders of magnitude.")


q1 = Exercise(
    "01.q1",
    (
        "Before the runs, predict: in the chains of 10 sigmoid layers below (one chain for each\n"
        "of the seeds 0–4), what fraction of the gradient's size at layer 10 is left at layer 1,\n"
        "‖δ₁‖ / ‖δ₁₀‖? An order of magnitude is enough (a number such as `1e-3`)."
    ),
    _check_fraction_left,
    hints=(
        "From layer 10 back to layer 1 the gradient passes nine σ′ factors; at z near 0, σ′ ≈ 1/4.",
        "0.25**9 ≈ 3.8e-6; the weights, at the usual scale 1/√width, keep the size roughly unchanged on average.",
    ),
    solution=(
        "Nine σ′ factors of at most 1/4 (typically about 0.23) give 0.25**9 ≈ 3.8·10⁻⁶ or a little less: "
        "about a millionth. The runs below measure 1.1·10⁻⁶ to 2.5·10⁻⁶ over seeds 0–4:"
    ),
    stub="answer = ...   # a number such as 1e-3",
    answer_code="answer = 0.25 ** 9    # about 4e-6; the runs measure 1e-6 to 3e-6\n",
    kind="predict",
)

_two = {"sigma": _sigma, "σ": _sigma}

q2 = Exercise(
    "01.q2",
    (
        "A sigmoid unit with one input of weight 2 computes σ(2z). Give $\\frac{d}{dz}\\,\\sigma(2z)$ as an\n"
        "expression in `z`, a string or a sympy expression; in a string `sigma(...)` may stand for σ."
    ),
    expression_answer(sp.diff(_sigmoid.expr.subs(z_symbol, 2 * z_symbol), z_symbol), names=_two, mistakes={
        "sigma(2*z)*(1 - sigma(2*z))": "that is σ′ evaluated at 2z; the chain rule also multiplies by the "
                                       "inner derivative d(2z)/dz.",
        "2*sigma(z)*(1 - sigma(z))": "the inner factor is right, but σ′ must be evaluated at the inner value "
                                     "2z, not at z.",
        "sigma(z)*(1 - sigma(z))": "that is σ′(z) itself; the unit computes σ(2z).",
        "4*sigma(2*z)*(1 - sigma(2*z))": "the inner derivative d(2z)/dz enters once, not twice.",
        "2*sigma(2*z)*(1 + sigma(2*z))": "your bracket has 1 + σ: the sigmoid's slope is σ′ = σ(1 − σ).",
        "2*sigma(2*z)": "that multiplies by σ(2z), the sigmoid's value, where its slope σ′(2z) belongs.",
        "2*exp(-2*z)/(1 + exp(-2*z))": "the denominator's square is missing: σ′(u) = e^(−u)/(1 + e^(−u))².",
    }),
    hints=(
        "Chain rule: d/dz σ(u(z)) = σ′(u)·u′(z) with u = 2z.",
        "σ′(u) = σ(u)(1 − σ(u)), and u′ = 2.",
    ),
    solution="With u = 2z: σ′(u)·u′ = σ(2z)(1 − σ(2z))·2.",
    stub="answer = ...   # for example \"sigma(3*z) + z\" (a string) or a sympy expression in z",
    answer_code="answer = \"2 * sigma(2*z) * (1 - sigma(2*z))\"\n",
    kind="apply",
)

# q3: the learner's backward step (upstream, s) -> ∂L/∂z, checked at upstream 0.7 and s = σ(z) for many z
_UPSTREAM = 0.7
_ZS = np.linspace(-8.0, 8.0, 33)


def _on_outputs(backward):
    return lambda point: float(backward(_UPSTREAM, float(_sigmoid(point))))


_check_backward = function_answer(_on_outputs(lambda upstream, s: upstream * s * (1 - s)), points=_ZS,
                                  rtol=1e-9, mistakes={
    _on_outputs(lambda upstream, s: upstream * s * (1 + s)):
        "still the planted bug: your step grows with s, while the sigmoid's slope is largest at s = 1/2 and "
        "falls towards both ends; check the sign inside the bracket against the derivation.",
    _on_outputs(lambda upstream, s: s * (1 - s)):
        "σ′ is right, but the step must multiply it by the upstream gradient ∂L/∂a.",
    _on_outputs(lambda upstream, s: upstream * (1 - s)):
        "your step is upstream·(1 − s): the factor s is missing from σ′ written in terms of s.",
    _on_outputs(lambda upstream, s: upstream * s):
        "that multiplies by the output s = σ(z), not by the slope σ′.",
    _on_outputs(lambda upstream, s: upstream * float(_sigmoid.derivative(s))):
        "your step computes σ′(s), the slope at the point s, as if s were z; but s is already the output "
        "σ(z), and σ′(z) is a simple expression in s.",
    _on_outputs(lambda upstream, s: -upstream * s * (1 - s)):
        "your step returns the right values with the wrong sign: σ′ is positive everywhere, so ∂L/∂z has "
        "the sign of the upstream gradient.",
})


def _check_backward_function(answer):
    if not callable(answer):
        return False, "give the corrected function itself (the name sigmoid_backward, without brackets)."
    correct, message = _check_backward(_on_outputs(answer))
    if not correct:  # the points tried are z; the function is called with upstream 0.7 and s = σ(z)
        message = re.sub(r"at z = (\S+) your function",
                         lambda m: f"at s = {float(_sigmoid(float(m.group(1)))):.6g} (z = {m.group(1)}, upstream = "
                                   f"{_UPSTREAM}) your function", message)
    return correct, message


q3 = Exercise(
    "01.q3",
    (
        "Find the bug. This backward step through a sigmoid layer, written the way frameworks do it (from\n"
        "the output s = σ(z) stored by the forward pass), has one planted mistake. Write the corrected\n"
        "`sigmoid_backward`; the check calls it with upstream = 0.7 and s = σ(z) for many z.\n"
        "\n"
        "```python\n"
        "def sigmoid_backward(upstream, s):\n"
        "    \"\"\"∂L/∂z from the upstream gradient ∂L/∂a and the stored output s = σ(z).\"\"\"\n"
        "    return upstream * s * (1 + s)\n"
        "```"
    ),
    _check_backward_function,
    hints=(
        "The step is ∂L/∂z = ∂L/∂a · σ′(z). Which form of σ′ in terms of s did the derivation reach?",
        "σ′ = s(1 − s): compare the sign inside the bracket.",
    ),
    solution=(
        "σ′(z) = σ(z)(1 − σ(z)) = s(1 − s); the code had (1 + s). (Such a slip passes a quick look, since "
        "s(1 + s) is also positive, but fails a gradient check at once.)"
    ),
    stub=(
        "def sigmoid_backward(upstream, s):\n"
        "    return upstream * s * (1 + s)     # one mistake: fix it\n"
        "\n"
        "answer = ...   # when fixed: answer = sigmoid_backward"
    ),
    answer_code=(
        "def sigmoid_backward(upstream, s):\n"
        "    return upstream * s * (1 - s)     # σ′ = s(1 − s)\n"
        "\n"
        "answer = sigmoid_backward\n"
    ),
    kind="find the bug",
)

q4 = Exercise(
    "01.q4",
    (
        "A sigmoid network's first layer has 100 inputs of spread about 1 and weights drawn with standard\n"
        "deviation 1, so its pre-activations are spread about ±10. Trained from there, it learns almost\n"
        "nothing. Why, and which one change fixes it?\n"
        "(a) σ′ is tiny at |z| ≈ 10 (about 4.5·10⁻⁵): the units are saturated; draw the weights with standard\n"
        "deviation 1/√100 = 0.1, so that z spreads about 1;\n"
        "(b) the learning rate is too small: multiply it by 1000;\n"
        "(c) the textbook σ(1 − σ) rounds to 0 at |z| ≈ 10: compute σ′ with the stable form;\n"
        "(d) the sigmoid's outputs are all positive: use larger minibatches."
    ),
    choice_answer("a", {
        "a": ("σ′(10) ≈ 4.5·10⁻⁵: most unit-examples are saturated and pass almost no gradient (see the "
              "saturated units). Weights of std 1/√fan-in keep z near the steep part of σ."),
        "b": ("a 1000× rate treats the symptom in this layer but not the cause, and makes the steps of every "
              "unsaturated weight 1000× too large; make z small instead."),
        "c": ("at z = 10, σ(1 − σ) still has about 12 correct digits (it reaches 0 only from z ≈ 36.7); the slope "
              "is computed fine, it is genuinely tiny."),
        "d": ("the all-positive outputs bias the signs of the weight gradients, which slows training somewhat; "
              "it does not make every step tiny. Saturation does."),
    }),
    hints=(
        "Look at the slope σ′(z) at z = ±10 and compare it with σ′(0) = 1/4.",
        "What sets the spread of z = Σ wᵢxᵢ? With 100 inputs of spread 1, it is about 10 × the weights' std.",
    ),
    solution=(
        "(a): z spread about ±10 puts most unit-examples where σ′ ≈ 4.5·10⁻⁵ (saturation). With 100 inputs, "
        "z = Σ wᵢxᵢ has spread √100 × std(w) = 10 × std(w); weights of std 0.1 (LeCun's 1/√fan-in) give a "
        "spread of about 1, where σ′ is near 1/4."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"a\"\n",
    kind="diagnose",
)


def _reference_slope(point):
    return float(reference_float64(_sigmoid, point, derivative=True))


q5 = Exercise(
    "01.q5",
    (
        "Write `sigmoid_slope(z)` that computes σ′(z) from a float z with a relative error\n"
        "below 1e-9 everywhere from z = −100 to 100, so also at z = 40 where σ(1 − σ) returns 0. The\n"
        "check compares it with the mpmath reference at more than 100 points with |z| up to 100."
    ),
    function_answer(_reference_slope, rtol=1e-9, mistakes={
        lambda z: float(_sigmoid(z)): "your function returns σ(z), not its slope.",
        lambda z: float(_sigmoid(z) * (1 + _sigmoid(z))): "your function computes σ(1 + σ): the slope is "
                                                          "σ(1 − σ) in exact algebra.",
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
    kind="apply",
)

EXERCISES = (q1, q2, q3, q4, q5)
