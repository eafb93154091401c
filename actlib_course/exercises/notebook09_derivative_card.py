"""Exercises for notebook 09 (the derivative card). In the notebook::

    from actlib_course.exercises import notebook09_derivative_card as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np

from actlib.activations import get
from actlib.training.layer_chains import chain_gradients
from actlib_course.checks import Exercise, choice_answer, function_answer
from actlib_course.checks.functions import tail_points
from actlib.symbolic.answers import read_number

from actlib.training.seeds import SEEDS, Spread

TANH_DEPTH, MARGIN = 100, 1.5


def tanh_kept(depth: int = TANH_DEPTH, seeds=SEEDS) -> Spread:
    """What the run after Exercise 1 measures: tanh's gradient at layer 1 over the last layer's (width
    32, weight std 1/√32), one value per seed, as ``chain_gradients`` computes it (milliseconds)."""
    return Spread([chain_gradients("tanh", depth=depth, width=32, seed=seed).relative[0] for seed in seeds], seeds)


def tanh_kept_deep(seed: int = 0) -> float:
    """The 100-layer chain's value for one seed."""
    return float(tanh_kept(TANH_DEPTH, (seed,)).values[0])


KEPT_AT_10, KEPT_AT_30, KEPT_AT_100 = tanh_kept(10), tanh_kept(30), tanh_kept(TANH_DEPTH)
"""The chains the prompt quotes (10 and 30 layers) and the one it asks about, over seeds 0 to 4."""


def _within_the_seeds(kept: Spread, margin: float):
    """Checker: a positive number inside the range the seeds give, give or take ``margin`` either way
    (a prediction of one figure). The feedback says where in that range it falls and why."""
    low, high = kept.low / margin, kept.high * margin
    seeds = f"{kept.low:.2g} to {kept.high:.2g} over seeds {kept.seeds[0]} to {kept.seeds[-1]}, median {kept.median:.2g}"

    def check(answer):
        value = read_number(answer)
        if isinstance(value, str):
            return False, value
        if not value > 0:
            if value < 0 and float(value).is_integer() and value >= -20:
                return False, (f"{value:g} looks like an exponent, a power of ten; the question asks for the fraction "
                               "itself, a positive number such as 0.5.")
            return False, "a fraction of the gradient is a positive number."
        if low <= value <= high:
            if value < 3 * kept.low:
                return True, (f"{value:.2g}: within what the runs give ({seeds}), at its low end. That is about what "
                              "compounding the 30-layer loss gives, and one start does lose that much; most keep "
                              "more, because the deeper pre-activations are small, where tanh′ ≈ 1 and a layer "
                              "loses little.")
            return True, (f"{value:.2g}: within what the runs give ({seeds}). Seventy more layers cost more than "
                          "the twenty between 10 and 30 did: each deep layer loses only a little (its z is small, "
                          "tanh′ near 1), but not nothing, and seventy small losses add up.")
        # a wrong prediction is told what it amounts to, never the range of the runs
        if value < low:
            compounded = abs(math.log(value) / math.log(KEPT_AT_10.median) - TANH_DEPTH / 10) < 1
            return False, (f"{value:.2g} is too small: every start keeps more, by more than a factor {margin:g}. "
                           + ("That is the 10-layer loss compounded ten times, as if every layer cost as much as "
                              "the first ten do. " if compounded else "")
                           + "The first layers shrink the signal, so deeper pre-activations sit near 0, where tanh′ ≈ 1 "
                             "and each layer loses little.")
        if value > 1:
            return False, f"{value:.2g} is too large: above 1, more than all of it; tanh′ ≤ 1, and the first layers do lose gradient."
        near_30 = abs(math.log(value / KEPT_AT_30.median)) < math.log(2)
        return False, (f"{value:.2g} is too large: every start loses more, by more than a factor {margin:g}. "
                       + ("That is about what 30 layers keep, as if the seventy more lost nothing. " if near_30 else "")
                       + "The deep layers' z are small but not 0, so each still multiplies the gradient by tanh′(z) "
                         "a little below 1; over seventy more layers that adds up.")

    return check


q1 = Exercise(
    "09.q1",
    (
        "**Predict, then run.** The guide's chain of 10 tanh layers keeps "
        f"{KEPT_AT_10.range('.2g').replace('–', ' to ')} of the gradient\n"
        f"(seeds 0 to 4), and 30 layers keep a little less ({KEPT_AT_30.range('.2g').replace('–', ' to ')}, "
        "notebook 02's deep chain). Make it\n"
        "100 layers (width 32, weight std 1/√32): what fraction of the last layer's gradient reaches\n"
        "layer 1? Give one number; any inside the range the five seeds give, give or take a factor\n"
        f"{MARGIN:g}, counts. The cell after this exercise runs it."
    ),
    _within_the_seeds(KEPT_AT_100, MARGIN),
    hints=(
        "Between layers 10 and 30 little was lost. Does a layer deep in the chain lose nothing, or a little?",
        "tanh′(z) ≈ 1 − z² for small z: the deeper layers' z are small, not 0. Seventy more layers, each "
        "losing a little, and their z keeps shrinking slowly.",
    ),
    solution=(
        f"Between {KEPT_AT_100.low:.2g} and {KEPT_AT_100.high:.2g} over seeds 0 to 4 (median "
        f"{KEPT_AT_100.median:.2g}). tanh shrinks every value it passes on, so deeper pre-activations are small "
        "and tanh′ is close to 1: the first layers lose most, each later one a little. Thirty layers keep a little "
        "less than ten, but seventy more layers of a little each cost another factor of "
        f"{Spread(KEPT_AT_30.values / KEPT_AT_100.values).range('.0f').replace('–', ' to ')} (the 30-layer value "
        "over the 100-layer one, seed by seed). "
        "Assuming the deep layers lose nothing (the 30-layer value) overestimates what is left; compounding the "
        "30-layer loss over 100 layers lands at the low end:"
    ),
    stub="answer = ...   # a fraction, such as 0.01",
    answer_code="answer = 0.01\n",
    kind="predict",
)


q2 = Exercise(
    "09.q2",
    (
        "**Diagnose.** A 12-layer fully connected network has sigmoid in every hidden layer and in its\n"
        "output (a probability), weights drawn at He's scale, and trains by gradient descent at rate\n"
        "0.3. Its loss falls to log 2 within a few epochs and stays there. Which *one* change, all else\n"
        "kept, fixes it? Answer with a letter:\n"
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
        "c": "SELU does let the gradient through, but far more of it than sigmoid did: at He's scale it grows "
             "layer after layer (rule 6), and at rate 0.3 training blows up, from every start in the run below. "
             "The rate is the trouble more than the scale: at Glorot's smaller scale rate 0.3 blows up too, "
             "while at rate 0.03 SELU trains at He's scale. So (c) needs a second change, a smaller rate.",
        "d": "the output layer is one layer; the gradient is lost in the eleven hidden ones below it, and "
             "tanh's range (−1, 1) is not a probability.",
    }),
    hints=(
        "Where is the gradient lost: in one layer, or a little in each of many?",
        "Read the card's range of g′ for sigmoid, then rules 1, 3 and 6 of the guide.",
    ),
    solution=(
        "(b). The hidden sigmoids are the fault: each multiplies the gradient by at most 1/4, ten "
        "such layers leave about a millionth of it or less (rule 3), and this network has eleven. ReLU with He's "
        "scale keeps it of order 1 (rule 1); the output sigmoid is fine where it is. (c) also removes the "
        "vanishing gradient, but at rate 0.3 SELU blows up: it needs a smaller rate as well, a second change. "
        "The run after the exercise trains (a), (b) and (c), and (c) again at a smaller scale and at a smaller "
        "rate:"
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
