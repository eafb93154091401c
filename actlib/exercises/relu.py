"""Exercises for notebook 03 (ReLU). In the notebook::

    from actlib.exercises import relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..checks import Exercise, choice_answer, number_answer, tuple_answer


def _check_limits(answer):
    correct, message = tuple_answer(
        number_answer(0, atol=1e-12, mistakes={1: "for h < 0, relu(h) = 0, so the quotient relu(h)/h is 0."}),
        number_answer(1, atol=1e-12, mistakes={0: "for h > 0, relu(h) = h, so the quotient relu(h)/h is 1.",
                                               0.5: "0.5 is the central difference, the average of the two "
                                                    "one-sided limits."}),
        labels=("from the left", "from the right"))(answer)
    if correct is False and isinstance(answer, (tuple, list)) and len(answer) == 2:
        if list(answer) == [1, 0]:
            return False, "Swapped: for h < 0 (from the left) relu(h) = 0, so the quotient relu(h)/h is 0."
    return correct, message


q1 = Exercise(
    "03.q1",
    (
        "What are the limits of the difference quotient $\\frac{\\mathrm{relu}(0+h) - \\mathrm{relu}(0)}{h}$\n"
        "as h → 0 from the left and from the right? Answer with a pair `(left, right)`."
    ),
    _check_limits,
    hints=("relu(0) = 0, so the quotient is relu(h)/h. What is relu(h) for h < 0, and for h > 0?",),
    solution=(
        "For h < 0, relu(h) = 0 and the quotient is 0; for h > 0, relu(h) = h and the quotient is 1. The two "
        "limits differ, so relu′(0) does not exist:"
    ),
    stub="answer = ...   # (left, right)",
    answer_code="answer = (0, 1)\n",
)


_check_central = number_answer(0.5, rtol=1e-12, mistakes={
    0: "0 is actlib's convention for relu′(0), not what the central difference computes.",
    1: "1 is the forward difference (relu(h) − relu(0))/h, or the central difference divided by h "
       "instead of 2h.",
})


q2 = Exercise(
    "03.q2",
    (
        "What does the central difference $\\frac{\\mathrm{relu}(h) - \\mathrm{relu}(-h)}{2h}$\n"
        "give at z = 0, for any h > 0?"
    ),
    _check_central,
    hints=("relu(h) = h and relu(−h) = 0 for h > 0.",),
    solution=(
        "(h − 0) / (2h) = 1/2 for every h: the average of the two one-sided slopes, inside the subgradient "
        "[0, 1] but equal to neither convention:"
    ),
    stub="answer = ...   # a number",
    answer_code="answer = 0.5\n",
)

q3 = Exercise(
    "03.q3",
    (
        "A ReLU unit in the *first* hidden layer (its inputs are the training data, which\n"
        "never change) has a negative pre-activation for every training example. What happens to its\n"
        "incoming weights during further training with plain gradient descent? (a) they shrink to 0; (b) "
        "they\n"
        "never change again; (c) they grow until the unit fires; (d) they change randomly."
    ),
    choice_answer("b", {
        "a": "nothing pulls them to 0: their gradient is exactly 0, so the update is 0 (weight decay aside).",
        "b": "relu′(z) = 0 at every example, so every gradient through the unit is exactly 0: it is dead.",
        "c": "nothing pushes it back: the gradient that would do so passes through relu′(z) = 0.",
        "d": "gradient descent is deterministic here, and the gradient is exactly 0.",
    }),
    hints=("∂L/∂w = ∂L/∂a · relu′(z) · x. What is relu′(z) when z < 0?",),
    solution=(
        "(b): with z < 0 at every example, relu′(z) = 0 everywhere, so ∂L/∂w = 0 and the weights stay "
        "frozen; its inputs are fixed data, so nothing else can move z either: the unit is dead for good. "
        "(In a deeper layer the inputs come from units that keep learning, and such a unit can revive: "
        "notebook 05 counts it.)"
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
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


q4 = Exercise(
    "03.q4",
    (
        "Six ReLU units compute z = x + b with biases b = −2, −0.5, 0.5, −3, 1, −1, and the\n"
        "inputs x fill [−1, 1]. What fraction of the units is dead?"
    ),
    _check_dead_fraction,
    hints=("z is largest at x = 1, where z = 1 + b. A unit is dead when even that is ≤ 0.",),
    solution="The largest z is 1 + b, which is ≤ 0 for b = −2, −3 and −1: three units of six.",
    stub="answer = ...   # a number between 0 and 1",
    answer_code="answer = 3 / 6\n",
)

EXERCISES = (q1, q2, q3, q4)
