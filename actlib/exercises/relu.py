"""Exercises for notebook 03 (ReLU). In the notebook::

    from actlib.exercises import relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..checks import Exercise, choice_answer, number_answer, tuple_answer
from ..checks.functions import backward_step_answer


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

PREDICTED_RUN = dict(learning_rate=0.2, steps=500, seeds=(1, 2, 3, 4))
"""The runs q3 asks about: notebook 03's network at seed 0's killing rate, 0.2, from four other starts."""

q3 = Exercise(
    "03.q3",
    (
        "**Predict, then run.** From seed 0, learning rate 0.2 killed most of the units that were alive\n"
        "at the start. Rerun it from four other random starts, seeds 1 to 4 (same network, 500 steps).\n"
        "What happens? (a) few units die, as at rate 0.05; (b) about as many die as from seed 0;\n"
        "(c) nearly every unit dies; (d) training blows up: the loss overflows within a few dozen steps.\n"
        "The run follows the grading cell."
    ),
    choice_answer("d", {
        "a": "a different start does not make 0.2 a gentle rate: from seed 0 it did ten times the damage of "
             "0.05. Something else happens from seeds 1 to 4.",
        "b": "that is the guess if seed 0 is typical, and it is not: from seeds 1 to 4 the first steps at "
             "0.2 overshoot so far that the loss overflows within about ten steps. Seed 0 happens to survive 0.2.",
        "c": "the units do not get the time to die: from seeds 1 to 4 the first steps at 0.2 overshoot so far "
             "that the loss overflows within about ten steps.",
        "d": "from each of seeds 1 to 4 the loss overflows within about ten steps. Seed 0 happens to survive "
             "0.2: the units it lost died at a rate just below the one at which its training would blow up.",
    }),
    hints=(
        "An overshooting update can move one unit's weight and bias so far that the unit dies. What can "
        "the same overshoot do to the whole network?",
        "Gradient descent with too large a step overshoots the minimum by more at every step, and the loss "
        "grows without bound. Is seed 0's start a typical one?",
    ),
    solution=(
        "(d): from seeds 1 to 4, rate 0.2 makes the loss overflow within about ten steps. Seed 0 survives "
        "it, barely, so the units it lost died at a rate just below the one that blows its training up; "
        "the sweep after the run shows the same for every start:"
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"d\"\n",
    kind="predict",
)

q4 = Exercise(
    "03.q4",
    (
        "**Diagnose.** A colleague trains this network at a learning rate just below the one at which its\n"
        "training blows up, and ends with two thirds of the 32 first-layer units dead, most of them dead\n"
        "within the first 100 steps. Which one change leaves most units alive at the end? (a) train 10 times\n"
        "longer; (b) keep the rate for the first 1000 steps, then lower it to 0.05; (c) use learning rate\n"
        "0.05 from the first step; (d) lower the learning rate of the output layer only."
    ),
    choice_answer("c", {
        "a": "a dead first-layer unit gets exactly 0 gradient on every step, so more steps change nothing.",
        "b": "by step 1000 the units are already dead, and 0.05 times a zero gradient is still zero: "
             "lowering the rate later cannot revive them.",
        "c": "most units died early, from overshooting updates; at 0.05 from the start, each of the five "
             "seeds in the sweep loses at most a unit or two beyond those dead from the start.",
        "d": "the units die because of the updates to their own weight and bias, which (d) leaves as large.",
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
