"""Exercises for notebook 09 (the derivative card). In the notebook::

    from actlib.exercises import derivative_card as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np

from ..activations import get
from ..chain import chain_gradients
from ..checks import Exercise, choice_answer, function_answer
from ..checks.functions import tail_points

TANH_DEPTH, FACTOR = 100, 3.0


def tanh_kept_deep() -> float:
    """What the run after Exercise 1 measures: tanh's gradient at layer 1 over layer 100 (width 32,
    weight std 1/√32, seed 0), as ``chain_gradients`` computes it (a few milliseconds)."""
    return float(chain_gradients("tanh", depth=TANH_DEPTH, width=32, seed=0).relative[0])


KEPT_AT_30 = 0.13   # notebook 02's 30-layer tanh chain, seed 0, which the prompt quotes


def _within_a_factor(expected: float, factor: float):
    """Checker: a positive number within ``factor`` of ``expected`` either way (an order-of-magnitude prediction)."""

    def check(answer):
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return False, f"answer with a number, such as 0.01; got {answer!r}."
        if not value > 0:
            return False, "a fraction of the gradient is a positive number."
        if expected / factor <= value <= expected * factor:
            return True, (f"{value:.2g}: the run gives {expected:.2g}. Seventy more layers cost about another "
                          "factor of 8: each deep layer loses only a little (its z is small, tanh′ near 1), but "
                          "not nothing, and seventy small losses add up.")
        if value < expected / factor:
            return False, (f"{value:.2g} is too small. Compounding the 30-layer loss over 100 layers "
                           f"({KEPT_AT_30}^(10/3) ≈ {KEPT_AT_30 ** (10 / 3):.1g}) assumes every layer costs the same; "
                           "but the first layers shrink the signal, so deeper pre-activations sit near 0, "
                           "where tanh′ ≈ 1 and each layer loses little.")
        if value > 1:
            return False, f"{value:.2g} is too large: tanh′ ≤ 1, and the first layers do lose gradient."
        return False, (f"{value:.2g} is too large: the deep layers' z are small but not 0, so each still "
                       "multiplies the gradient by tanh′(z) a little below 1; over seventy more layers that adds up.")

    return check


q1 = Exercise(
    "09.q1",
    (
        "**Predict, then run.** The guide's chain keeps 0.1 to 0.4 of the gradient through 10 tanh\n"
        f"layers, and notebook 02 found that 30 layers keep about as much ({KEPT_AT_30} with seed 0). Make it\n"
        "100 layers (width 32, weight std 1/√32, seed 0): what fraction of the last layer's gradient\n"
        "reaches layer 1? Give a number; one within a factor 3 of the run counts. The cell after this\n"
        "exercise runs it."
    ),
    _within_a_factor(tanh_kept_deep(), FACTOR),
    hints=(
        "Between layers 10 and 30 little was lost. Does a layer deep in the chain lose nothing, or a little?",
        "tanh′(z) ≈ 1 − z² for small z: the deeper layers' z are small, not 0. Seventy more layers, each "
        "losing a little, and their z keeps shrinking slowly.",
    ),
    solution=(
        "About 0.02 with seed 0 (0.001 to 0.03 over seeds 0 to 4). tanh shrinks every value it passes on, so "
        "deeper pre-activations are small and tanh′ is close to 1: the first layers lose most, each later "
        "one a little. Thirty layers keep about as much as ten, but seventy more layers of a little each "
        "cost another factor of about 8. Compounding the 30-layer loss (0.13^(10/3) ≈ 0.001) overestimates "
        "the loss; assuming the deep layers lose nothing (0.13) underestimates it:"
    ),
    stub="answer = ...   # a fraction, such as 0.01",
    answer_code="answer = 0.02\n",
    kind="predict",
)


q2 = Exercise(
    "09.q2",
    (
        "**Diagnose.** A 12-layer fully connected network has sigmoid in every hidden layer and in its\n"
        "output (a probability), weights drawn at He's scale. Its loss sits at log 2 from the first\n"
        "epoch on. Which *one* change fixes it? Answer with a letter:\n"
        "(a) a learning rate ten times larger; (b) ReLU in the hidden layers, He's scale kept, the\n"
        "output sigmoid kept; (c) SELU in the hidden layers, He's scale kept; (d) tanh instead of the\n"
        "output sigmoid."
    ),
    choice_answer("b", {
        "a": "ten times more of a gradient shrunk by a factor of at most 1/4 in each of eleven hidden layers is "
             "still nothing: the rate scales every layer alike and cannot undo that (the run below: still log 2).",
        "b": "the hidden sigmoids multiply the gradient by at most 1/4 per layer (the card's slope range); "
             "ReLU's slope is 1 wherever a unit is active, and at He's scale its gradient stays of order 1 "
             "(rule 1, measured through ten layers). The output may stay a sigmoid: that is its place (rule 3). "
             "The run below trains it.",
        "c": "SELU self-normalises at LeCun's scale, 1/√fan-in; at He's scale its signal and gradient grow "
             "layer after layer (rule 6), the opposite failure: in the run below training diverges.",
        "d": "the output layer is one layer; the gradient is lost in the eleven hidden ones below it, and "
             "tanh's range (−1, 1) is not a probability.",
    }),
    hints=(
        "Where is the gradient lost: in one layer, or a little in each of many?",
        "Read the card's range of g′ for sigmoid, then rules 1, 3 and 6 of the guide.",
    ),
    solution=(
        "(b). The hidden sigmoids are the fault: each multiplies the gradient by at most 1/4, ten "
        "such layers leave about a millionth (rule 3), and this network has eleven. ReLU with He's scale keeps "
        "it of order 1 (rule 1); the output sigmoid is fine where it is. The run after the exercise trains "
        "(a), (b) and (c):"
    ),
    stub='answer = ...   # "a", "b", "c" or "d"',
    answer_code='answer = "b"\n',
    kind="diagnose",
)


def _buggy_sigmoid_slope(z):
    e = math.exp(-z)                # the planted bug: exp(-z) instead of exp(-|z|)
    return e / (1 + e) ** 2


_TAILS = tail_points(beyond=(300, 400, 700, 800))

q3 = Exercise(
    "09.q3",
    (
        "**Find the bug.** The card says actlib computes σ′ as e/(1 + e)² with e = e^(−|z|). This\n"
        "function is meant to do that, and has one planted mistake:\n\n"
        "```python\n"
        "def sigmoid_slope(z):\n"
        "    e = math.exp(-z)\n"
        "    return e / (1 + e) ** 2\n"
        "```\n\n"
        "It is right for every z between −10 and 10. Write the corrected `sigmoid_slope(z)` (a function\n"
        "of one float; `math` is imported) and assign it to `answer`."
    ),
    function_answer(lambda z: float(get("sigmoid").derivative(z)), points=_TAILS, rtol=1e-12, mistakes={
        _buggy_sigmoid_slope: "still the planted bug: with e = exp(−z), e is huge for z ≪ 0; from z ≈ −355 "
                              "(1 + e) ** 2 exceeds the largest float and Python raises OverflowError (and "
                              "exp(−z) itself overflows beyond z = −709.8). Take e = exp(−|z|): σ′ is even, "
                              "σ′(−z) = σ′(z).",
    }),
    hints=(
        "Try z = −400: how large is e, and (1 + e)²?",
        "σ′ is an even function, so it may be computed from |z|.",
    ),
    solution=(
        "σ′(z) = σ′(−z), so compute it from |z|: e = e^(−|z|) lies in (0, 1], nothing overflows, and "
        "e/(1 + e)² is accurate on the whole line (notebook 07):"
    ),
    stub="def sigmoid_slope(z):\n    raise NotImplementedError\n\nanswer = sigmoid_slope",
    answer_code=(
        "import math\n\n\n"
        "def sigmoid_slope(z):\n"
        "    e = math.exp(-abs(z))\n"
        "    return e / (1 + e) ** 2\n\n"
        "answer = sigmoid_slope\n"
    ),
    kind="find the bug",
)

EXERCISES = (q1, q2, q3)
