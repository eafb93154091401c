"""Exercises for notebook 03 (ReLU). In the notebook::

    from actlib_course.exercises import notebook03_relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from actlib_course.checks import Exercise, choice_answer, number_answer, tuple_answer
from actlib.symbolic.formula import describe_error


def _check_shifted(answer):
    correct, message = tuple_answer(
        number_answer(0, atol=1e-12, mistakes={
            1: "1 is the slope of ReLU's rising branch, but at z = 0.25 the inside 2z − 1 is negative.",
            2: "2 is the inner slope times the rising branch's slope, but at z = 0.25 the inside 2z − 1 is "
               "negative.",
            -0.5: "−0.5 is the inside 2z − 1 at z = 0.25, a value of the inner function, not a slope.",
        }),
        number_answer(2, atol=1e-12, mistakes={
            1: "1 is relu′ of the inside (or the value relu(2·1 − 1)); the chain rule multiplies relu′ by the "
               "inner slope d(2z − 1)/dz too.",
            0: "at z = 1 the inside 2z − 1 is positive: ReLU's rising branch, not the flat one.",
        }),
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
        2 / 6: ("2/6 counts as dead only the two units whose z is below 0 on every input. A unit is dead when "
                "no input gives it z > 0: look again at the unit on the border, whose largest z is exactly 0."),
        4 / 6: ("4/6 counts one unit too many as dead: one of the four has z > 0 for the inputs near x = 1, "
                "where it passes gradient. Check each unit at x = 1, where its z is largest."),
        1 / 6: ("1/6 counts one dead unit; check every unit at x = 1, where its z is largest: any unit whose z "
                "is ≤ 0 even there is dead."),
        3: "3 is a count of units; the question asks for a fraction of the six units.",
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
        "b": "that is the guess if seed 0 is a typical start, and it is not: seed 0's training only just "
             "survives 0.2, and other starts need not survive it at all.",
        "c": "units die from overshooting steps, and an overshoot that large does more than move a unit's "
             "weight and bias: what does it do to the loss from a less lucky start?",
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

# q5: the backward step from the stored output a = relu(z), as frameworks write it; the planted bug is the
# mask a >= 0, true for every output, so the step passes the gradient through units that are off.
_ZS = (-3.0, -1.0, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0)
_UPSTREAMS = (1.0, -2.5)


def _relu_slope(z):
    return 1.0 if z > 0 else 0.0   # relu′(0) = 0, as actlib, PyTorch and JAX


_RELU_BACKWARD_SLIPS = (  # (the step a slip computes from (upstream, a), what the measurement shows)
    (lambda upstream, a: upstream * (a >= 0),
     "still the planted bug: at a = 0, a unit that is off (z ≤ 0), it passes the upstream gradient on "
     "unchanged, as it does for every unit: an output of ReLU is never negative, so this mask is true "
     "everywhere, and with it no unit is ever dead."),
    (lambda upstream, a: upstream * a,
     "it scales the gradient by the output a itself (at a = 2 it returns twice the upstream gradient); the "
     "slope of ReLU on its rising branch is the same for every a > 0."),
    (lambda upstream, a: upstream * (a <= 0),
     "its mask is the wrong way round: it passes the gradient through the units that are off (output 0) "
     "and blocks it at the units that are on (a positive output)."),
    (lambda upstream, a: upstream * (a < 0),
     "it returns 0 for every output: a = relu(z) is never negative, so this mask is false everywhere, and "
     "no gradient passes even through the units that are on."),
    (lambda upstream, a: max(upstream, 0.0),
     "it applies ReLU to the upstream gradient: its result follows the sign of the upstream gradient (it "
     "passes 1 and blocks −2.5 whatever a is), but whether a unit passes gradient depends on whether it "
     "was on in the forward pass."),
    (lambda upstream, a: -upstream * (a > 0),
     "it returns the right values with the wrong sign: ReLU's slope is never negative, so ∂L/∂z has the "
     "sign of the upstream gradient where the unit is on."),
)


def _check_relu_backward(answer):
    """The learner's relu_backward(upstream, a), tried at a = relu(z) for z from −3 to 3, upstream 1 and −2.5."""
    if not callable(answer):
        return False, f"expected your function relu_backward itself (the name, without brackets); got {answer!r}."
    got = {}
    for upstream in _UPSTREAMS:
        for z in _ZS:
            a = max(z, 0.0)
            try:
                value = answer(upstream, a)
                got[upstream, z] = float(value)
            except NotImplementedError:
                raise
            except Exception as error:  # a learner must never see a traceback
                return False, f"with upstream = {upstream:g} and a = {a:g} it raised {describe_error(error)}."
    if all(got[u, z] == u * _relu_slope(z) for u in _UPSTREAMS for z in _ZS):
        return True, ("relu_backward passes the upstream gradient where the unit is on (a > 0) and blocks it "
                      "where it is off (a = 0), the same for every upstream gradient.")
    for slip, message in _RELU_BACKWARD_SLIPS:
        if all(np.isclose(got[u, z], float(slip(u, max(z, 0.0))), rtol=1e-12, atol=0) for u in _UPSTREAMS for z in _ZS):
            return False, message
    if all(got[1.0, z] == got[-2.5, z] for z in _ZS):
        return False, ("it returns the same for upstream = 1 and upstream = −2.5 at every a: the step ignores the "
                       "upstream gradient ∂L/∂a, which the chain rule multiplies in.")
    u, z = next((u, z) for u in _UPSTREAMS for z in _ZS if got[u, z] != u * _relu_slope(z))
    state = "on" if z > 0 else "off"
    return False, (f"with upstream = {u:g} and a = {max(z, 0.0):g}, a unit that is {state}, it returns {got[u, z]:.6g}, "
                   f"which is not the upstream gradient times ReLU's slope there.")


q5 = Exercise(
    "03.q5",
    (
        "**Find the bug.** Frameworks compute ReLU's backward step from the output that the forward\n"
        "pass stored, $a = \\mathrm{relu}(z)$, as notebook 01 did for the sigmoid. This one has one planted\n"
        "mistake: with it, a gradient check fails for the units that are off, and no unit is ever dead.\n"
        "```python\n"
        "def relu_backward(upstream, a):\n"
        "    \"\"\"∂L/∂z from the upstream gradient ∂L/∂a and the stored output a = relu(z).\"\"\"\n"
        "    return upstream * (a >= 0)\n"
        "```\n"
        "Write the corrected `relu_backward(upstream, a)` (for a float a), with actlib's relu′(0) = 0."
    ),
    _check_relu_backward,
    hints=(
        "For which outputs a is `a >= 0` true? Can a = relu(z) be negative?",
        "An output a = 0 means z ≤ 0, where relu′ is 0 (relu′(0) = 0 too); an output a > 0 means z > 0, where "
        "relu′ is 1. So the mask is (a > 0).",
    ),
    solution=(
        "ReLU's output is never negative, so `a >= 0` is true for every unit, and the step passed the gradient "
        "through units that are off, as if ReLU were the identity: no unit could die. From the output, a > 0 "
        "exactly when z > 0, where the slope is 1; a = 0 covers every z ≤ 0, where the slope is 0 (with "
        "relu′(0) = 0, the step never needs to tell z = 0 from z < 0):"
    ),
    stub=(
        "def relu_backward(upstream, a):\n"
        "    return upstream * (a >= 0)     # one mistake: fix it\n"
        "\n"
        "answer = ...   # when fixed: answer = relu_backward"
    ),
    answer_code=(
        "def relu_backward(upstream, a):\n"
        "    return upstream * (a > 0)     # a > 0 exactly when z > 0\n"
        "\n"
        "answer = relu_backward\n"
    ),
    kind="find the bug",
)

EXERCISES = (q1, q2, q3, q4, q5)
