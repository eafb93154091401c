"""Exercises for notebook 04 (Leaky ReLU). In the notebook::

    from actlib_course.exercises import notebook04_leaky_relu as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import numpy as np

from actlib_course.checks import Exercise, choice_answer, number_answer, tuple_answer
from actlib_course.checks.functions import call_learner_function
from actlib_course.predict_checks import range_answer, range_pair_answer

_check_slope = number_answer(-0.02, rtol=1e-12, mistakes={
    0.01: "0.01 is g′ on the left branch alone; the chain rule multiplies it by the inner slope d(−2z)/dz.",
    -2: "−2 is the inner slope times the right branch's slope 1, but at z = 1 the inside −2z is negative: "
        "which branch of g is that?",
    0.02: "0.02 has the wrong sign, and its size is right: the inner slope d(−2z)/dz is negative.",
    -0.01: "−0.01 takes the inner slope d(−2z)/dz as −1; differentiate −2z again.",
    0: "0 is ReLU's slope on the left branch; Leaky ReLU's left branch αz has a slope of its own.",
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
    0.1: "on one example only the signs of the a_i matter, and they are like coin flips (about half the z "
         "are negative): count how often 8 coin flips all agree, whatever the sizes.",
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
    range_pair_answer(_per_example, _per_minibatch, labels=["per example", "per minibatch"], hints=(0, 1)),
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

# q4: one Leaky ReLU layer's gradients on a minibatch; the planted bug sums db over the units (axis=1)
# instead of over the examples. The check's minibatch: 5 examples, 3 inputs, 4 units, both branches in use.
_N, _D, _M = 5, 3, 4


def _layer_case():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(_N, _D))
    W = rng.normal(size=(_D, _M))
    b = rng.normal(size=_M) * 0.5
    upstream = rng.normal(size=(_N, _M))
    return X, W, b, upstream


_SLOPE_SLIPS = (   # (the slope a slip uses for delta = ∂L/∂Z, what the measurement of dW shows)
    (lambda Z: np.ones_like(Z),
     "your dW is X.T @ upstream: it leaves out the layer's slope g′(z), as if the layer had no activation."),
    (lambda Z: (Z > 0) * 1.0,
     "your dW gets nothing from the examples where a unit's z ≤ 0: that is ReLU's slope; Leaky ReLU's left "
     "branch has slope α."),
    (lambda Z: np.where(Z > 0, _ALPHA, 1.0),
     "your dW weighs the examples with z > 0 by α and those with z ≤ 0 by 1: the two slopes are on the "
     "wrong sides."),
    (lambda Z: np.where(Z > 0, 1.0, _ALPHA * Z),
     "on the left branch your dW multiplies by α·z, the branch's value, where its slope belongs."),
    (lambda Z: -np.where(Z > 0, 1.0, _ALPHA),
     "dW has the wrong sign in every entry."),
)
_DB_SLIPS = (   # (a slip's db from delta, what the measurement shows)
    (lambda delta: delta.sum(axis=1),
     "still the planted bug: db has one entry per example ({n} of them), summed over the units; b has one "
     "entry per unit ({m}), and each unit's bias gradient gathers its own column, over the examples."),
    (lambda delta: delta.sum(),
     "db is one number, the sum over every example and every unit; b has one entry per unit ({m}), each "
     "with its own gradient."),
    (lambda delta: delta.mean(axis=0),
     "db is the mean of each unit's delta over the examples; the loss here is the sum of the examples' "
     "losses, not their mean."),
    (lambda delta: -delta.sum(axis=0),
     "db has the wrong sign in every entry."),
)


def _close(got, want) -> bool:
    return np.shape(got) == np.shape(want) and np.allclose(got, want, rtol=1e-9, atol=1e-12)


def _describe(name, got, want):
    """'dW differs from a gradient check in 3 of its 12 entries, first at dW[0, 2]' (no right values)."""
    off = ~np.isclose(got, want, rtol=1e-9, atol=1e-12)
    first = tuple(int(i) for i in np.argwhere(off)[0])
    return (f"{name} differs from a gradient check in {int(off.sum())} of its {off.size} entries, "
            f"first at {name}[{', '.join(map(str, first))}].")


def _check_leaky_layer(answer):
    X, W, b, upstream = _layer_case()
    result, problem = call_learner_function(
        answer, "leaky_layer_gradients", (X, W, b, upstream),
        f"calling it on a minibatch of {_N} examples, {_D} inputs and {_M} units", returns=("dW", "db"))
    if problem:
        return False, problem
    try:
        dW, db = (np.asarray(part, dtype=float) for part in result)
    except (TypeError, ValueError):
        return False, "expected dW and db as arrays of numbers."
    Z = X @ W + b
    delta = upstream * np.where(Z > 0, 1.0, _ALPHA)
    want_dW, want_db = X.T @ delta, delta.sum(axis=0)
    problems = []
    if dW.shape == (_M, _D):
        problems.append(f"dW has shape {dW.shape}, W's shape transposed: W is ({_D}, {_M}), inputs by units.")
    elif dW.shape != want_dW.shape:
        problems.append(f"dW has shape {dW.shape}; W's is {want_dW.shape}, and a gradient has its parameter's shape.")
    elif not _close(dW, want_dW):
        slip = next(((slope, message) for slope, message in _SLOPE_SLIPS if _close(dW, X.T @ (upstream * slope(Z)))), None)
        if slip:  # the slip is in delta: judge db by the same delta, and name that slip once
            delta = upstream * slip[0](Z)
            problems.append(slip[1] + (" db carries the same slip." if _close(db, delta.sum(axis=0)) else ""))
            want_db = delta.sum(axis=0)
        elif _close(dW, want_dW / _N):
            problems.append("dW is the mean over the examples; the loss here is the sum of the examples' losses, "
                            "not their mean.")
        else:
            problems.append(_describe("dW", dW, want_dW))
    if not _close(db, want_db):
        slip = next((message for db_sum, message in _DB_SLIPS if _close(db, db_sum(delta))), "")
        if slip:
            problems.append(slip.format(n=_N, m=_M))
        elif db.shape != want_db.shape:
            values = " (its values are right)" if db.size == _M and np.allclose(db.ravel(), want_db, rtol=1e-9) else ""
            problems.append(f"db has shape {db.shape}{values}; b's is {want_db.shape}, and a gradient has its "
                            "parameter's shape.")
        else:
            problems.append(_describe("db", db, want_db))
    if problems:
        return False, " ".join(text if i == 0 or text.startswith(("dW", "db")) else text[0].upper() + text[1:]
                               for i, text in enumerate(problems))
    return True, ("dW and db agree with a gradient check on a minibatch of 5 examples: each sums its unit's "
                  "δ = upstream · g′(z) over the examples.")


q4 = Exercise(
    "04.q4",
    (
        "**Find the bug.** This function computes the gradients of one Leaky ReLU layer (α = 0.01) on a\n"
        "minibatch, the loss being the sum of the examples' losses. It has one planted mistake, and a\n"
        "gradient check of the layer fails:\n"
        "```python\n"
        "def leaky_layer_gradients(X, W, b, upstream, alpha=0.01):\n"
        "    \"\"\"X: (n, d) inputs, W: (d, m) weights, b: (m,) biases, upstream = ∂L/∂A: (n, m),\n"
        "    for the layer A = g(X @ W + b) of m units on n examples. Returns (dW, db).\"\"\"\n"
        "    Z = X @ W + b\n"
        "    delta = upstream * np.where(Z > 0, 1.0, alpha)     # ∂L/∂Z, one row per example\n"
        "    dW = X.T @ delta\n"
        "    db = delta.sum(axis=1)\n"
        "    return dW, db\n"
        "```\n"
        "Write the corrected `leaky_layer_gradients` (the check calls it on 5 examples with 3 inputs and\n"
        "4 units)."
    ),
    _check_leaky_layer,
    hints=(
        "Check the shapes first: what shape must each gradient have, and what shape does each line return "
        "for n = 5 examples and m = 4 units?",
        "Each unit's bias enters every example's z, so its gradient sums that unit's column of delta over the "
        "examples: the rows, axis 0.",
    ),
    solution=(
        "delta has one row per example and one column per unit. A bias belongs to a unit and enters every "
        "example's z, so db sums each column over the examples (axis 0); `axis=1` summed each example's row "
        "over the units, giving n numbers where b has m. dW = X.T @ delta was right: the matrix product already "
        "sums over the examples, as notebook 02's minibatch sums Σₙ δₙ aₙ,ᵢ do:"
    ),
    stub=(
        "def leaky_layer_gradients(X, W, b, upstream, alpha=0.01):     # one mistake inside: fix it\n"
        "    Z = X @ W + b\n"
        "    delta = upstream * np.where(Z > 0, 1.0, alpha)\n"
        "    dW = X.T @ delta\n"
        "    db = delta.sum(axis=1)\n"
        "    return dW, db\n"
        "\n"
        "answer = ...   # when fixed: answer = leaky_layer_gradients"
    ),
    answer_code=(
        "import numpy as np\n"
        "\n"
        "def leaky_layer_gradients(X, W, b, upstream, alpha=0.01):\n"
        "    Z = X @ W + b\n"
        "    delta = upstream * np.where(Z > 0, 1.0, alpha)\n"
        "    dW = X.T @ delta\n"
        "    db = delta.sum(axis=0)     # over the examples: one entry per unit\n"
        "    return dW, db\n"
        "\n"
        "answer = leaky_layer_gradients\n"
    ),
    kind="find the bug",
)


_check_prelu_gradient = number_answer(-0.7, rtol=1e-12, mistakes={
    0: "0 is ∂g/∂α on the right branch, z > 0; here z is negative, on the branch α·z, which depends on α.",
    0.7: "0.7 has the wrong sign, and its size is right: differentiate α·z in α, holding z fixed, and keep "
         "the sign of z.",
    -0.007: "−0.007 is the branch's value α·z with α = 0.01, not its derivative in α.",
    0.01: "0.01 is ∂g/∂z on the left branch, α; the question asks for the derivative in α, holding z fixed.",
    1: "1 is ∂g/∂z on the right branch; the question asks for the derivative in α, at a negative z.",
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
        number_answer(-2.5, mistakes={-5: "you took αz, but the max takes the larger of αz and z, and for "
                                          "α = 2 and a negative z, αz is the smaller one.",
                                      5: "a max of two negative numbers is negative."}),
        number_answer(-5.0, mistakes={-2.5: "you used the max formula for actlib too; actlib's leaky_relu is "
                                            "defined branch by branch, which for α > 1 is not the max.",
                                      -0.025: "that is α = 0.01, the default; the call sets alpha=2."}),
        labels=("max(αz, z)", "actlib")),
    hints=(
        "Work out both candidates of the max, αz and z, at the given z, and compare them. actlib defines the "
        "function branch by branch: z for z > 0, αz for z ≤ 0.",
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
