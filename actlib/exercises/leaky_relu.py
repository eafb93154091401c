"""Exercises for notebook 04 (Leaky ReLU). In the notebook::

    from actlib.exercises import leaky_relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
from ..checks import Exercise, choice_answer, number_answer, tuple_answer


_check_slope = number_answer(0.01, rtol=1e-12, mistakes={
    -0.03: "-0.03 is the value max(0.01z, z) at z = −3; the question asks for its slope.",
    1: "1 is the slope for z > 0; at z = −3 the branch 0.01·z applies.",
})


q1 = Exercise(
    "04.q1",
    "What is the derivative of the original brief's max(0.01z, z) at z = −3?",
    _check_slope,
    hints=("For z < 0, which of 0.01z and z is larger? Differentiate that branch.",),
    solution="For z < 0, 0.01z > z, so max(0.01z, z) = 0.01z, with slope 0.01:",
    stub="answer = ...   # a number",
    answer_code="answer = 0.01\n",
)


_check_prelu_gradient = number_answer(-2.0, rtol=1e-12, mistakes={
    0: "0 is ∂g/∂α for z > 0; at z = −2 the branch α·z depends on α.",
    2: "Right size, wrong sign: ∂(αz)/∂α = z, and z = −2.",
})


q2 = Exercise(
    "04.q2",
    "In PReLU, what is ∂g/∂α at z = −2?",
    _check_prelu_gradient,
    hints=("Differentiate each branch with respect to α, holding z fixed.",),
    solution="∂g/∂α = 0 for z > 0 and z for z ≤ 0, that is min(z, 0); at z = −2 it is −2:",
    stub="answer = ...   # a number",
    answer_code="answer = -2\n",
)

q3 = Exercise(
    "04.q3",
    (
        "Every hidden layer uses Leaky ReLU with α = 1. What can the network compute?\n"
        "(a) the same as with ReLU; (b) only affine functions Wx + c, however many layers; (c) any "
        "continuous\n"
        "function, given enough units; (d) nothing, its units are dead."
    ),
    choice_answer("b", {
        "a": "with α = 1 the activation is g(z) = z, not max(0, z): nothing is cut off.",
        "b": "with α = 1, g(z) = z, and a composition of affine maps is affine: the layers collapse into one.",
        "c": "universal approximation needs a non-linear activation; g(z) = z is linear.",
        "d": "with α = 1 the slope is 1 everywhere, so no unit is ever dead.",
    }),
    hints=("Write g(z) for α = 1. What is W₂·g(W₁x + b₁) + b₂ then?",),
    solution="(b): g(z) = z, so W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂), an affine map, for any depth.",
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
)

q4 = Exercise(
    "04.q4",
    (
        "Take α = 2. What is max(αz, z) at z = 3, and what does\n"
        "`actlib.get(\"leaky_relu\", alpha=2)(3.0)` return? Answer with a pair."
    ),
    tuple_answer(
        number_answer(6.0, mistakes={3: "3 is z, but the max takes the larger of αz = 2·3 and z = 3."}),
        number_answer(3.0, mistakes={6: "actlib's leaky_relu is defined branch by branch (z for z > 0), "
                                        "not as max(αz, z)."}),
        labels=("max(αz, z)", "actlib")),
    hints=(
        "max(2·3, 3) = max(6, 3). actlib defines the function branch by branch: z for z > 0, αz for z ≤ 0.",
    ),
    solution=(
        "max(6, 3) = 6, but the branch definition gives z = 3 for z > 0. For α > 1 the max formula swaps the "
        "branches; min(αz, z) is the right one-line form then:"
    ),
    stub="answer = ...   # (max_formula, actlib)",
    answer_code="answer = (6, 3)\n",
)

EXERCISES = (q1, q2, q3, q4)
