"""Exercises for notebook 03 (ReLU). In the notebook::

    from actlib.exercises import relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..checks import Exercise, choice_answer, number_answer, tuple_answer
from ..checks.functions import backward_step_answer
from ..predictions import range_answer


def _check_shifted(answer):
    correct, message = tuple_answer(
        number_answer(0, atol=1e-12, mistakes={1: "at z = 0.25 the inside is 2·0.25 − 1 = −0.5 < 0: ReLU's flat branch.",
                                               2: "at z = 0.25 the inside is 2·0.25 − 1 = −0.5 < 0: ReLU's flat branch."}),
        number_answer(2, atol=1e-12, mistakes={1: "the chain rule's inner factor is missing: d(2z − 1)/dz = 2."}),
        labels=("f′(0.25)", "f′(1)"))(answer)
    return correct, message


q1 = Exercise(
    "03.q1",
    (
        "Let $f(z) = \\mathrm{relu}(2z - 1)$. What are $f'(0.25)$ and $f'(1)$? Answer with a pair\n"
        "`(f′(0.25), f′(1))`."
    ),
    _check_shifted,
    hints=(
        "Chain rule: f′(z) = relu′(2z − 1) · 2. Which branch of ReLU is 2z − 1 on at each point?",
        "At z = 0.25 the inside is −0.5 (slope 0); at z = 1 it is 1 (slope 1).",
    ),
    solution="f′(z) = 2·relu′(2z − 1): at z = 0.25 the inside is negative, so 0; at z = 1 it is positive, so 2·1 = 2:",
    stub="answer = ...   # a pair, for example (1, 0.5)",
    answer_code="answer = (0, 2)\n",
    kind="apply",
)


def _check_dead_fraction(answer):
    return number_answer(_dead_fraction_expected(), atol=1e-9, mistakes={
        2 / 6: "b = −1 counts as dead too: its largest z is 1 + (−1) = 0, and z ≤ 0 is dead.",
        4 / 6: "b = −0.5 is not dead: at x = 1 its z is 0.5 > 0.",
        3: "3 is how many units are dead; the question asks for the fraction.",
    })(answer)


def _dead_fraction_expected():
    # 6 units with biases [-2, -0.5, 0.5, -3, 1, -1] and weight 1 see inputs x in [-1, 1]:
    # z = x + b <= 0 for every x exactly when b <= -1.
    biases = np.array([-2, -0.5, 0.5, -3, 1, -1])
    return float(np.mean(biases + 1 <= 0))


q2 = Exercise(
    "03.q2",
    (
        "Six ReLU units compute z = x + b with biases b = −2, −0.5, 0.5, −3, 1, −1, and the\n"
        "inputs x fill [−1, 1]. What fraction of the units is dead?"
    ),
    _check_dead_fraction,
    hints=("z is largest at x = 1, where z = 1 + b. A unit is dead when even that is ≤ 0.",),
    solution="The largest z is 1 + b, which is ≤ 0 for b = −2, −3 and −1: three units of six.",
    stub="answer = ...   # a number between 0 and 1",
    answer_code="answer = 3 / 6\n",
    kind="apply",
)

PREDICTED_RUN = dict(learning_rate=0.15, steps=2000, seed=0)
"""The run q3 asks about: notebook 03's network from seed 0, at a learning rate between 0.05 and 0.2."""

q3 = Exercise(
    "03.q3",
    (
        "**Predict, then run.** From seed 0, learning rate 0.05 left 4 of the 32 units dead after 2000\n"
        "steps, and 0.2 left 21. Predict how many are dead after 2000 steps at learning rate **0.15**\n"
        "(same network and seed). The run follows the grading cell."
    ),
    range_answer(3, 8, below={
        0: "3 units are dead from the start, and a first-layer unit never revives, so at least 3.",
    }, above={
        15: "a straight line between 4 (rate 0.05) and 21 (rate 0.2) gives about 15, but killing is not "
            "gradual: units die when one update overshoots so far that z ≤ 0 on every input, and below "
            "some rate no update does.",
        21: "as many as at 0.2? The rate that kills many units is close to the one at which training "
            "diverges; 0.15 is below it for seed 0.",
    }, explain="For seed 0 the mass dying starts between 0.15 and 0.2; for other starts it begins lower "
               "(see the going-further section)."),
    hints=(
        "Three units are dead from the start and none revives. Do more die in proportion to the rate?",
        "A unit dies when one overshooting update moves its weight and bias so far that z ≤ 0 on all of "
        "[−3, 3]; that needs a step above some size.",
    ),
    solution=(
        "Only one unit dies besides the three dead from the start (4 of 32, as at 0.05): the mass dying "
        "starts abruptly between 0.15 and 0.2 for seed 0, just below the rates at which training diverges "
        "(other starts lose units at lower rates, see the going-further section). Any prediction from 3 to "
        "8 counts:"
    ),
    stub="answer = ...   # a number of units, 0 to 32",
    answer_code="answer = 4\n",
    kind="predict",
)

q4 = Exercise(
    "03.q4",
    (
        "**Diagnose.** A colleague trains this network at learning rate 0.2 from seed 0 and ends\n"
        "with 21 of 32 first-layer units dead (66%), most of them dead after 50 steps. Which one change\n"
        "leaves most units alive at the end? (a) train 10 times longer; (b) keep 0.2 for the first\n"
        "1000 steps, then lower the rate to 0.05; (c) use learning rate 0.05 from the first step;\n"
        "(d) lower the learning rate of the output layer only."
    ),
    choice_answer("c", {
        "a": "a dead first-layer unit gets exactly 0 gradient on every step, so more steps change nothing.",
        "b": "by step 1000 the units are already dead, and 0.05 times a zero gradient is still zero: "
             "lowering the rate later cannot revive them.",
        "c": "most units died in the first 50 steps from overshooting updates; at 0.05 from the start "
             "only one unit dies besides the three dead from the start: 4 of 32 end dead.",
        "d": "the units die because of the updates to their own weight and bias, which (d) leaves at 0.2.",
    }),
    hints=(
        "What is the gradient into a dead first-layer unit, and what does a learning rate multiply?",
        "When did the units die, and what killed them?",
    ),
    solution=(
        "(c): the deaths come from the large early updates. Once a first-layer unit is dead its gradient "
        "is exactly 0, so neither more steps nor a smaller rate later brings it back; only avoiding the "
        "overshoot does."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"c\"\n",
    kind="diagnose",
)

# relu′(z): 1 for z > 0, 0 otherwise (relu′(0) = 0, as actlib, PyTorch and JAX)
_check_relu_backward = backward_step_answer(
    lambda z: (z > 0) * 1.0, [-3.0, -1.0, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0], name="relu_backward", slips=(
        (lambda upstream, z: upstream * np.maximum(0.0, z),
         "it still multiplies by relu(z), the value; backpropagation multiplies by the slope relu′(z), 1 for "
         "z > 0 and 0 otherwise."),
        (lambda upstream, z: upstream * (z >= 0),
         "right except at z = 0, where it passes the gradient on; actlib, PyTorch and JAX use relu′(0) = 0: "
         "write z > 0."),
        (lambda upstream, z: 1.0 * (z > 0), "with upstream = −2.5 it ignores the upstream gradient: multiply by upstream."),
    ), success="relu_backward multiplies the upstream gradient by relu′(z): 1 for z > 0, 0 otherwise.")


q5 = Exercise(
    "03.q5",
    (
        "**Find the bug.** This backward step of a ReLU layer takes the upstream gradient and the\n"
        "pre-activation z, and a gradient check of the network fails:\n"
        "```python\n"
        "def relu_backward(upstream, z):\n"
        "    return upstream * np.maximum(0, z)\n"
        "```\n"
        "Write the corrected `relu_backward(upstream, z)` (for a float z), with actlib's relu′(0) = 0."
    ),
    _check_relu_backward,
    hints=(
        "Backpropagation multiplies the upstream gradient by the local slope, not by the local value.",
        "relu′(z) is 1 for z > 0 and 0 for z ≤ 0: in numpy, (z > 0).",
    ),
    solution="Multiply by the slope relu′(z) = (z > 0), not by relu(z):",
    stub=(
        "def relu_backward(upstream, z):\n"
        "    ...   # your corrected code\n"
        "\n"
        "answer = ...   # when relu_backward is written: answer = relu_backward"
    ),
    answer_code=(
        "def relu_backward(upstream, z):\n"
        "    return upstream * (z > 0)\n"
        "\n"
        "answer = relu_backward\n"
    ),
    kind="find the bug",
)

EXERCISES = (q1, q2, q3, q4, q5)
