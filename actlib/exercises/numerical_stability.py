"""Exercises for notebook 07 (numerical stability). In the notebook::

    from actlib.exercises import numerical_stability as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import mpmath
import numpy as np

from ..checks import Exercise, choice_answer, function_answer, number_answer

# σ(z) rounds to 1.0 in float64 once e^(-z) < 2^-53 (half an ulp below 1), i.e. z > 53·ln 2.
_ROUNDS_TO_ONE = 53 * math.log(2)

q1 = Exercise(
    "07.q1",
    "In float64, from about which z on does `1 / (1 + exp(-z))` return exactly 1.0?",
    number_answer(_ROUNDS_TO_ONE, rtol=0.02, mistakes={
        25 * math.log(2): "17.3 = 25·ln 2 is the float32 threshold (e^(−z) below 2^-25, half of float32's "
                          "spacing below 1); float64 keeps 53 bits.",
        math.log(np.finfo(np.float64).max): "709.8 is where exp(z) overflows; 1 + e^(−z) rounds to 1.0 far earlier.",
        -math.log(np.finfo(np.float64).smallest_subnormal): "745 is where e^(−z) underflows to 0; 1 + e^(−z) "
                                                             "rounds to 1.0 far earlier.",
    }),
    hints=(
        "1 + e^(−z) rounds to 1.0 once e^(−z) is below half the spacing of floats just below 1, 2^-53.",
        "Solve e^(−z) = 2^-53 for z.",
    ),
    solution="e^(−z) < 2^-53 when z > 53·ln 2 ≈ 36.7:",
    stub="answer = ...   # a number",
    answer_code=(
        "import math\n"
        "\n"
        "answer = 53 * math.log(2)    # 36.74\n"
    ),
)


def _log_sigmoid_reference(point):
    with mpmath.workdps(50):
        return float(-mpmath.log1p(mpmath.exp(-mpmath.mpf(point))))


q2 = Exercise(
    "07.q2",
    (
        "Write `log_sigmoid(z)` that returns log σ(z) accurately from z = −800 to 800. The\n"
        "naive `math.log(1 / (1 + math.exp(-z)))` fails at z = −800 (true value ≈ −800)."
    ),
    function_answer(_log_sigmoid_reference, points=np.concatenate([np.linspace(-800, 800, 161), [-30.5, 0.3, 36.9]]),
                    rtol=1e-9, mistakes={
                        lambda z: math.log(1 + math.exp(z)): "your function computes log(1 + e^z) = −log σ(−z): "
                                                             "both signs are flipped.",
                        lambda z: -math.log(1 + math.exp(z)): "your function computes log σ(−z): the sign "
                                                              "inside the exponential is flipped.",
                        lambda z: 1 / (1 + math.exp(-z)): "your function returns σ(z); the question asks for "
                                                          "its logarithm.",
                    }),
    hints=(
        "log σ(z) = −log(1 + e^(−z)). For z ≥ 0, e^(−z) ≤ 1 is safe; `math.log1p(x)` computes log(1 + x) "
        "accurately for small x.",
        "For z < 0, write −log(1 + e^(−z)) = z − log(1 + e^z), so the exponential only ever sees −|z|.",
    ),
    solution="Branch on the sign, so exp only sees −|z|:",
    stub=(
        "def log_sigmoid(z):\n"
        "    ...   # your code: return log σ(z) for a float z\n"
        "\n"
        "answer = ...   # when log_sigmoid is written: answer = log_sigmoid"
    ),
    answer_code=(
        "import math\n"
        "\n"
        "def log_sigmoid(z):\n"
        "    if z >= 0:\n"
        "        return -math.log1p(math.exp(-z))\n"
        "    return z - math.log1p(math.exp(z))\n"
        "\n"
        "answer = log_sigmoid\n"
    ),
)

q3 = Exercise(
    "07.q3",
    (
        "A float64 network computes sigmoid slopes with the textbook σ(1 − σ). Which is true?\n"
        "(a) its weight updates are badly wrong for saturated units; (b) its absolute error is at most about\n"
        "2e-16, harmless for float64 training, but relative comparisons, logs and low precision expose it;\n"
        "(c) it overflows for large z; (d) it is exact."
    ),
    choice_answer("b", {
        "a": "the slope it gets wrong is off by at most about 2e-16 in absolute terms; an update that small "
             "does not even change a weight of size 1 (its ulp is 2.2e-16).",
        "b": "the error is tiny in absolute terms and total in relative terms; which one matters depends on use.",
        "c": "σ(1 − σ) multiplies numbers in [0, 1]: it cannot overflow (the naive σ's exp can warn, not this product).",
        "d": "it is exact algebra, but 1 − σ cancels in floating point: it returns 0 from z ≈ 36.7.",
    }),
    hints=("Compare the size of the error (absolute) with the size of the true slope (relative).",),
    solution=(
        "(b): in float64 the textbook slope is off by at most about 2e-16, which no training step can see; "
        "it is 100% wrong in relative terms, which a gradient check or a log-scale plot shows, and in "
        "float16 the same cancellation starts already at z ≈ 8."
    ),
    stub="answer = ...   # \"a\", \"b\", \"c\" or \"d\"",
    answer_code="answer = \"b\"\n",
)

EXERCISES = (q1, q2, q3)
