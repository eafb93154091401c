"""Exercises for notebook 06 (beyond the original brief). In the notebook::

    from actlib.exercises import beyond_the_brief as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import sympy as sp

from ..activations import get, z
from ..checks import Exercise, choice_answer, expression_answer, function_answer, number_answer, tail_points

_sigma = sp.Lambda(z, get("sigmoid").expr)
_softplus = get("softplus")
_silu = get("silu")

q1 = Exercise(
    "06.q1",
    "What is the slope of softplus at z = 0?",
    number_answer(0.5, rtol=1e-9, mistakes={
        math.log(2): "log 2 ≈ 0.693 is softplus(0), the value; the question asks for the slope.",
        1: "1 is the slope far to the right (softplus ≈ z there); at 0 it is σ(0).",
        0.25: "0.25 is σ′(0), the sigmoid's slope; softplus′ is σ itself, so evaluate σ at 0.",
    }),
    hints=("Softplus′ is a function you met in notebook 01.",
           "By the chain rule, d/dz log(1 + e^z) = e^z / (1 + e^z) = σ(z)."),
    solution="softplus′(z) = σ(z), and σ(0) = 1/2:",
    stub="answer = ...   # a number",
    answer_code="answer = 0.5\n",
)

q2 = Exercise(
    "06.q2",
    "Give SiLU′(z) as an expression in z (`sigma(z)` may stand for the sigmoid).",
    expression_answer(_silu.derivative_expr, names={"sigma": _sigma, "σ": _sigma}, mistakes={
        "sigma(z)": "that is only the first term of the product rule, 1·σ(z); the second, z·σ′(z), is missing.",
        "z*sigma(z)*(1 - sigma(z))": "that is only the second term of the product rule, z·σ′(z); the first, "
                                     "1·σ(z), is missing.",
        "sigma(z) + sigma(z)*(1 - sigma(z))": "the factor z of the second term z·σ′(z) is missing.",
        "sigma(z) - z*sigma(z)*(1 - sigma(z))": "a sign slip in the second term: σ′ = σ(1 − σ) is positive.",
        "sigma(z)*(1 - sigma(z))": "that is σ′, the sigmoid's slope; SiLU = z·σ(z) needs the product rule.",
        "z*sigma(z)": "that is SiLU itself, not its derivative.",
    }),
    hints=("Product rule: (z·σ)′ = 1·σ + z·σ′.", "σ′ = σ(1 − σ) (notebook 01)."),
    solution="SiLU′ = σ(z) + z·σ(z)(1 − σ(z)) = σ(z)(1 + z(1 − σ(z))):",
    stub="answer = ...   # a string such as \"sigma(z) * ...\" or a sympy expression",
    answer_code="answer = \"sigma(z) * (1 + z*(1 - sigma(z)))\"\n",
)

q3 = Exercise(
    "06.q3",
    (
        "Write a `softplus(z)` for one float that matches log(1 + e^z) to 12 digits for\n"
        "|z| up to 1000. (Try `math.log(1 + math.exp(z))` first and read the feedback.)"
    ),
    # beyond 709.8 math.exp overflows (OverflowError), the other failure the hints point at
    function_answer(lambda x: float(_softplus(x)), points=tail_points(beyond=(200, 500, 709, 710, 750, 1000)),
                    rtol=1e-12, mistakes={
                        lambda z: math.log1p(math.exp(-z)): "your function computes log(1 + e^(−z)) = "
                                                            "softplus(−z): the sign inside exp is flipped.",
                        lambda z: max(z, 0.0) + math.log1p(math.exp(-z)): "z + log(1 + e^(−z)) is the form for "
                            "z ≥ 0; for z < 0 your function adds the wrong term (the exponent should be −|z|).",
                        lambda z: 1 / (1 + math.exp(-z)): "your function returns σ(z), softplus′; the question "
                                                          "asks for softplus itself.",
                    }),
    hints=("Forming 1 + e^z keeps ~16 significant digits of the sum, so the digits of a small e^z "
           "are lost: partly at z = −12, all of them below z = −37 (the log returns 0).",
           "`math.log1p(u)` computes log(1 + u) without forming 1 + u. For large z use "
           "log(1 + e^z) = z + log(1 + e^{−z}), so exp never overflows either."),
    solution="Split off the large part and use log1p on a number in [0, 1]:",
    stub=(
        "import math\n"
        "\n"
        "def softplus(z):\n"
        "    ...   # your code: return log(1 + e^z) for a float z\n"
        "\n"
        "answer = ...   # when softplus is written: answer = softplus"
    ),
    answer_code=(
        "import math\n"
        "\n"
        "def softplus(z):\n"
        "    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))\n"
        "\n"
        "answer = softplus\n"
    ),
)

q4 = Exercise(
    "06.q4",
    "Which is not monotone: (a) ELU (b) softplus (c) SiLU (d) SELU?",
    choice_answer("c", {
        "a": "ELU′ is e^z > 0 for z ≤ 0 and 1 for z > 0: always positive.",
        "b": "softplus′ is σ(z) > 0 everywhere.",
        "c": "SiLU dips to a minimum of −0.278 at z = −1.278; left of it the slope is negative.",
        "d": "SELU′ is λαe^z > 0 for z ≤ 0 and λ for z > 0: always positive.",
    }),
    hints=("Look at the property table's 'monotone' column, or at the sign of each derivative.",),
    solution="(c): SiLU′ < 0 for z < −1.278.",
    stub="answer = ...   # a letter, e.g. \"a\"",
    answer_code="answer = \"c\"\n",
)

_SILU_MINIMUM = -float(sp.LambertW(sp.exp(-1)))  # at z0 = -1 - W(1/e) = -1.2785 (derived in the notebook)

q5 = Exercise(
    "06.q5",
    (
        "The swish you built above with β = 2 is g(z) = z·σ(2z). What is its smallest\n"
        "value (six significant digits)? You know SiLU's: −0.278465, at z = −1.27846."
    ),
    number_answer(_SILU_MINIMUM / 2, rtol=5e-6, mistakes={
        _SILU_MINIMUM: "−0.278465 is SiLU's minimum (β = 1). Write z·σ(2z) in terms of SiLU(2z).",
        2 * _SILU_MINIMUM: "z·σ(2z) = SiLU(2z)/2: the minimum is divided by β, not multiplied.",
        -_SILU_MINIMUM / 2: "the minimum is below 0: the gate lets small negative values through.",
        (-1 - float(sp.LambertW(sp.exp(-1)))) / 2: "−0.639 is where the minimum is; the question asks for the value there.",
        -1 - float(sp.LambertW(sp.exp(-1))): "−1.278 is where SiLU's minimum is; the question asks for swish's smallest value.",
    }),
    hints=("Substitute u = 2z: z·σ(2z) = (u/2)·σ(u) = SiLU(u)/2.",
           "As z runs over all reals so does u = 2z, so the smallest value is SiLU's smallest value, halved."),
    solution="z·σ(βz) = SiLU(βz)/β, so its minimum is −W(1/e)/β = −0.278465/2 = −0.139232, at z = z0/β = −0.639:",
    stub="answer = ...   # a number",
    answer_code=(
        "import sympy as sp\n"
        "\n"
        "z = sp.Symbol(\"z\", real=True)\n"
        "z0 = sp.solve(1 + z + sp.exp(z), z)[0]      # SiLU's minimum is at z0 = -1 - LambertW(exp(-1))\n"
        "answer = float(z0 + 1) / 2                 # SiLU(z0) = z0 + 1, halved for beta = 2\n"
    ),
)

EXERCISES = (q1, q2, q3, q4, q5)
