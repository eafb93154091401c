"""Exercises for notebook 05 (gradient flow). In the notebook::

    from actlib.exercises import gradient_flow as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from ..activations import get
from ..finite_differences import numerical_gradient
from ..checks import Exercise, choice_answer, number_answer

_tanh = get("tanh")


# Slips in δ = ∂L/∂z that the check recognises: (δ as the slip computes it, what went wrong).
_DELTA_SLIPS = (
    (lambda upstream, z: upstream, "the factor g′(z) is missing: δ = ∂L/∂z is upstream × tanh′(z), "
                                   "not upstream alone."),
    (lambda upstream, z: upstream * np.tanh(z) * (1 - np.tanh(z)),
     "a(1 − a) is the sigmoid's derivative written in its output; tanh′ has another form in tanh."),
    (lambda upstream, z: upstream * (1 - z ** 2), "1 − z² uses z where tanh(z) belongs."),
    (lambda upstream, z: upstream * np.tanh(z), "upstream × tanh(z) multiplies by the activation, "
                                                "not by its derivative."),
    (lambda upstream, z: upstream * (1 - np.tanh(z)), "1 − tanh(z) is missing a square."),
)


def _named_slip(name, got, upstream, z, W, a_previous):
    """What went wrong in the gradient ``name`` (dW, db or d_a_previous), if it is a known slip; else ''."""
    for slip, message in _DELTA_SLIPS:
        delta = slip(upstream, z)
        wrong = {"dW": a_previous.T @ delta, "db": delta.sum(axis=0), "d_a_previous": delta @ W.T}[name]
        if got.shape == wrong.shape and np.allclose(got, wrong, rtol=1e-6, atol=1e-9):
            return f"{name}: {message}"
    return ""


def _check_backward_step(answer):
    """Compare the learner's backward step with central differences of L = sum(upstream * tanh(a W + b))."""
    if not callable(answer):
        return False, f"expected a function backward_step(upstream, z, W, a_previous), got {type(answer).__name__}."
    rng = np.random.default_rng(7)
    a_previous, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    upstream = rng.normal(size=(5, 4))                    # ∂L/∂a of this layer
    z = a_previous @ W + b
    loss = lambda: float(np.sum(upstream * np.tanh(a_previous @ W + b)))   # reads the arrays as they are now
    try:
        result = answer(upstream.copy(), z.copy(), W.copy(), a_previous.copy())
    except NotImplementedError:
        raise
    except Exception as error:
        return False, f"your function raised {type(error).__name__}: {error}."
    if not (isinstance(result, (tuple, list)) and len(result) == 3):  # a list of the three is fine too
        got = f"a {type(result).__name__} of {len(result)}" if isinstance(result, (tuple, list)) else type(result).__name__
        return False, f"return three arrays, (dW, db, d_a_previous); your function returned {got}."
    expected = []
    for target in (W, b, a_previous):   # each array is shifted in place and restored
        expected.append(numerical_gradient(loss, target, h=1e-6))
    for name, got, want in zip(("dW", "db", "d_a_previous"), result, expected):
        got = np.asarray(got, dtype=float)
        if got.shape != want.shape:
            why = (" (the transpose: which side of δ does a_previous go?)" if got.shape == want.shape[::-1] else
                   " (δ summed over the examples, axis 0, has that shape)" if name == "db" and got.shape == z.shape else "")
            return False, (f"{name} has shape {got.shape}; it should have the shape {want.shape} of what it "
                           f"differentiates{why}.")
        error = np.linalg.norm(got - want) / max(np.linalg.norm(got) + np.linalg.norm(want), 1e-300)
        if error > 1e-6:
            return False, (_named_slip(name, got, upstream, z, W, a_previous)
                           or f"{name} differs from the central differences (relative difference {error:.1e}).")
    return True, "all three gradients agree with central differences (relative difference below 1e-6)."


q1 = Exercise(
    "05.q1",
    (
        "Write the backward step of one tanh layer: given `upstream` = ∂L/∂a, the\n"
        "pre-activations `z`, the weights `W` and the layer's input `a_previous`, return\n"
        "`(dW, db, d_a_previous)`. The check compares your gradients with central differences."
    ),
    _check_backward_step,
    hints=(
        "First δ = ∂L/∂z = upstream × tanh′(z), elementwise; tanh′(z) = 1 − tanh(z)² (or actlib.get('tanh').derivative).",
        "Then dW = a_previous.T @ δ, db = δ.sum(axis=0), d_a_previous = δ @ W.T.",
    ),
    solution="δ = upstream ⊙ tanh′(z); the three gradients follow from z = a_previous W + b:",
    stub=(
        "def backward_step(upstream, z, W, a_previous):\n"
        "    raise NotImplementedError   # your code: return dW, db, d_a_previous\n"
        "\n"
        "answer = backward_step"
    ),
    answer_code=(
        "import actlib\n"
        "\n"
        "def backward_step(upstream, z, W, a_previous):\n"
        "    delta = upstream * actlib.get(\"tanh\").derivative(z)\n"
        "    return a_previous.T @ delta, delta.sum(axis=0), delta @ W.T\n"
        "\n"
        "answer = backward_step\n"
    ),
)

q2 = Exercise(
    "05.q2",
    (
        "At initialisation, in which layer of a deep sigmoid network is the weight gradient\n"
        "smallest? (a) the first (input side); (b) the last; (c) all about equal; (d) a random one."
    ),
    choice_answer("a", {
        "a": "every layer between the output and the first multiplies the gradient by factors σ′ ≤ 1/4.",
        "b": "the output layer's gradient has passed through no σ′ factor at all: it is the largest.",
        "c": "they would be equal only if every factor g′(z)·W were about 1; σ′ ≤ 1/4 makes them shrink.",
        "d": "the shrinking is systematic, one factor σ′ ≤ 1/4 per layer, not random.",
    }),
    hints=("Count how many σ′ factors the gradient passes through on its way down to each layer.",),
    solution="(a): the gradient reaching layer l has been multiplied by one σ′ factor per layer above it.",
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"a\"\n",
)


q3 = Exercise(
    "05.q3",
    (
        "Every unit of one hidden ReLU layer is dead. What is the norm of the weight gradient\n"
        "of every layer below it?"
    ),
    number_answer(0.0, atol=0.0),
    hints=("The gradient reaching the layers below passes through this layer's relu′(z) = 0.",),
    solution=(
        "Exactly 0: δ = upstream ⊙ relu′(z) = 0 for the dead layer, so nothing flows below it; the network "
        "below is frozen. And it stays frozen: with nothing below changing, the dead layer's inputs are "
        "fixed and its own weights get no gradient, so it stays dead. A single dead unit in a deep layer is "
        "different: the rest of its layer keeps the layers below learning, its inputs change, and it can "
        "revive."
    ),
    stub="answer = ...   # a number",
    answer_code="answer = 0\n",
)

EXERCISES = (q1, q2, q3)
