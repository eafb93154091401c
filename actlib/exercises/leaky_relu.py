"""Exercises for notebook 04 (Leaky ReLU). In the notebook::

    from actlib.exercises import leaky_relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..checks import Exercise, choice_answer, number_answer, tuple_answer
from ..checks.functions import backward_step_answer
from ..predictions import range_answer, range_pair_answer

_check_slope = number_answer(-0.02, rtol=1e-12, mistakes={
    0.01: "0.01 is g′ on the left branch; the chain rule multiplies it by the inner slope, d(−2z)/dz = −2.",
    -2: "−2 is the inner slope times the right branch's 1, but at z = 1 the inside is −2 < 0: the left branch, α = 0.01.",
    0.02: "right size, wrong sign: the inner slope d(−2z)/dz is −2.",
})


q1 = Exercise(
    "04.q1",
    "With the original brief's g(z) = max(0.01z, z), let f(z) = g(−2z). What is f′(1)?",
    _check_slope,
    hints=("Chain rule: f′(z) = g′(−2z) · (−2). On which branch is −2z at z = 1?",),
    solution="At z = 1 the inside is −2 < 0, so g′ = 0.01, times the inner slope −2: f′(1) = −0.02:",
    stub="answer = ...   # a number",
    answer_code="answer = -0.02\n",
    kind="apply",
)

q2 = Exercise(
    "04.q2",
    (
        "**Diagnose.** A colleague trains notebook 03's one-hidden-layer network (32 units,\n"
        "learning rate 0.02, 500 steps) with Leaky ReLU, α = 1, and from every seed the loss stops at 0.084,\n"
        "exactly the loss of the best straight line through sin(x). Which one change lets it fit sin(x)?\n"
        "(a) more hidden layers; (b) α = 0.1; (c) a smaller learning rate; (d) twice as many units."
    ),
    choice_answer("b", {
        "a": "with α = 1 every layer is affine, and affine maps compose to one affine map: more layers "
             "still give a straight line.",
        "b": "α = 0.1 puts a kink back into each unit, and the kinks are what let the network bend; "
             "the run below shows it.",
        "c": "the rate is not the problem: the network has reached the best a straight line can do.",
        "d": "64 affine units still sum to an affine map of x: a straight line.",
    }),
    hints=("What is g(z) for α = 1? What do W₂·g(W₁x + b₁) + b₂ and a deeper stack of such layers compute?",),
    solution=(
        "(b): with α = 1, g(z) = z and the whole network is one affine map, whatever its depth or width "
        "or learning rate; any α < 1 restores the kink:"
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
    kind="diagnose",
)

SIGNS_RUN = dict(neurons=1000, batch=64, fan_in=8)
"""The measurement q3 asks about (from each seed): notebook 02's weight-gradient signs, fed by Leaky ReLU (α = 0.01)."""

_per_example = range_answer(0.002, 0.03, above={
    1: "like the sigmoid? A Leaky ReLU output for z < 0 is negative (0.01·z), so on about half the inputs "
       "δ·a_i has the other sign: they mix, as with tanh.",
    0.1: "on one example the signs of the a_i are random (half the z are negative), so all 8 agree only "
         "about 2/2⁸ ≈ 0.8% of the time, whatever their sizes.",
})
_per_minibatch = range_answer(0.03, 0.35, below={
    0.009: "like tanh? The negative outputs are 100 times smaller than the positive ones, so the sums "
           "Σ δ_n a_n,i lean towards the sign of the shared part ā·Σ δ_n, with ā ≈ 0.39 > 0.",
}, above={
    0.57: "like the sigmoid? The sigmoid's inputs are all positive and near 1/2; about half the Leaky "
          "ReLU inputs are near 0, so the sums lean to one sign less often.",
    1: "summed over 64 examples the signs can mix even for sigmoid inputs (in a good part of the neurons).",
})

q3 = Exercise(
    "04.q3",
    (
        "**Predict, then run.** Notebook 02 measured how often a neuron's 8 weight gradients share one\n"
        "sign: with sigmoid inputs on every single example and in more than half of the minibatch sums, with\n"
        "tanh inputs in under 2% of either. Predict both fractions for inputs from Leaky ReLU (α = 0.01),\n"
        "same kind of neurons, minibatches of 64. Answer with a pair `(per_example, per_minibatch)`. The run\n"
        "follows the grading cell."
    ),
    range_pair_answer(_per_example, _per_minibatch, labels=["per example", "per minibatch"]),
    hints=(
        "On one example only the signs of the a_i matter. What sign does a Leaky ReLU output have for z < 0?",
        "In a minibatch sum the sizes matter: the negative outputs are 0.01 times the z, the positive ones z itself.",
    ),
    solution=(
        "Per example, about 0.8% as with tanh: the negative outputs, however small, flip the sign. Per "
        "minibatch, in between tanh and sigmoid (about a tenth of the neurons): the tiny negative outputs barely pull "
        "the sums, whose shared part ā·Σδ has ā ≈ 0.39 > 0. Any prediction from 0.2% to 3% and from 3% to "
        "35% counts:"
    ),
    stub="answer = ...   # (per_example, per_minibatch), fractions between 0 and 1",
    answer_code="answer = (0.008, 0.1)\n",
    kind="predict",
)

_ALPHA = 0.01

# g′(z) = 1 for z > 0 and α for z ≤ 0 (g′(0) = α, as actlib and PyTorch)
_check_leaky_backward = backward_step_answer(
    lambda z: np.where(z > 0, 1.0, _ALPHA), [-3.0, -1.0, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0],
    name="leaky_backward", slips=(
        (lambda upstream, z: upstream * np.where(z > 0, 1.0, _ALPHA * z),
         "on the left it still multiplies by α·z, the branch's value; the slope of α·z is α."),
        (lambda upstream, z: upstream * np.where(z >= 0, 1.0, _ALPHA),
         "right except at z = 0: actlib and PyTorch use g′(0) = α, so write z > 0."),
        (lambda upstream, z: upstream * (z > 0), "that is ReLU's backward step: on the left the slope is α, not 0."),
    ), success="leaky_backward multiplies the upstream gradient by 1 for z > 0 and by α for z ≤ 0.")


q4 = Exercise(
    "04.q4",
    (
        "**Find the bug.** This backward step of a Leaky ReLU layer (α = 0.01) takes the upstream\n"
        "gradient and the pre-activation z, and a gradient check fails for negative z:\n"
        "```python\n"
        "def leaky_backward(upstream, z, alpha=0.01):\n"
        "    return upstream * np.where(z > 0, 1.0, alpha * z)\n"
        "```\n"
        "Write the corrected `leaky_backward(upstream, z, alpha=0.01)` (for a float z), with g′(0) = α."
    ),
    _check_leaky_backward,
    hints=(
        "Backpropagation multiplies by the local slope. What is the slope of the left branch α·z?",
        "g′(z) = 1 for z > 0 and α for z ≤ 0: np.where(z > 0, 1.0, alpha).",
    ),
    solution="On the left the slope of α·z is α, not α·z:",
    stub=(
        "def leaky_backward(upstream, z, alpha=0.01):\n"
        "    ...   # your corrected code\n"
        "\n"
        "answer = ...   # when leaky_backward is written: answer = leaky_backward"
    ),
    answer_code=(
        "import numpy as np\n"
        "\n"
        "def leaky_backward(upstream, z, alpha=0.01):\n"
        "    return upstream * np.where(z > 0, 1.0, alpha)\n"
        "\n"
        "answer = leaky_backward\n"
    ),
    kind="find the bug",
)


_check_prelu_gradient = number_answer(-0.7, rtol=1e-12, mistakes={
    0: "0 is ∂g/∂α for z > 0; at z = −0.7 the branch α·z depends on α.",
    0.7: "Right size, wrong sign: ∂(αz)/∂α = z, and z = −0.7.",
    -0.007: "that is g(−0.7) = αz with α = 0.01, the value, not its derivative in α: ∂(αz)/∂α = z.",
    0.01: "that is ∂g/∂z on the left branch, α; the question asks for the derivative in α, holding z fixed.",
})


q5 = Exercise(
    "04.q5",
    "In PReLU, what is ∂g/∂α at z = −0.7?",
    _check_prelu_gradient,
    hints=("Differentiate each branch with respect to α, holding z fixed.",),
    solution="∂g/∂α = 0 for z > 0 and z for z ≤ 0, that is min(z, 0); at z = −0.7 it is −0.7:",
    stub="answer = ...   # a number",
    answer_code="answer = -0.7\n",
    kind="apply",
)

q6 = Exercise(
    "04.q6",
    (
        "Take α = 2. What is max(αz, z) at z = −2.5, and what does\n"
        "`actlib.get(\"leaky_relu\", alpha=2)(-2.5)` return? Answer with a pair."
    ),
    tuple_answer(
        number_answer(-2.5, mistakes={-5: "−5 is αz, but the max takes the larger of αz = 2·(−2.5) = −5 "
                                          "and z = −2.5."}),
        number_answer(-5.0, mistakes={-2.5: "actlib's leaky_relu is defined branch by branch (αz for z ≤ 0), "
                                            "not as max(αz, z)."}),
        labels=("max(αz, z)", "actlib")),
    hints=(
        "max(2·(−2.5), −2.5) = max(−5, −2.5). actlib defines the function branch by branch: z for z > 0, "
        "αz for z ≤ 0.",
    ),
    solution=(
        "max(−5, −2.5) = −2.5, but the branch definition gives αz = −5 for z ≤ 0. For α > 1 the max formula "
        "swaps the branches; min(αz, z) is the right one-line form then:"
    ),
    stub="answer = ...   # (max_formula, actlib)",
    answer_code="answer = (-2.5, -5)\n",
    kind="apply",
)

EXERCISES = (q1, q2, q3, q4, q5, q6)
