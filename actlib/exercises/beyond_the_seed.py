"""Exercises for notebook 08 (beyond the seed). In the notebook::

    from actlib.exercises import beyond_the_seed as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import sympy as sp

from ..activations import get, z
from ..checks import Exercise, choice_answer, expression_answer, function_answer, number_answer

_sigma = sp.Lambda(z, get("sigmoid").expr)
_softplus = get("softplus")
_silu = get("silu")

q1 = Exercise(
    "08.q1",
    "What is the slope of softplus, g(z) = log(1 + e^z), at z = 0?",
    number_answer(0.5, rtol=1e-9, mistakes={
        math.log(2): "log 2 ≈ 0.693 is softplus(0), the value; the question asks for the slope.",
        1: "1 is the slope far to the right (softplus ≈ z there); at 0 it is σ(0).",
    }),
    hints=("Softplus′ is a function you met in notebook 01.",
           "By the chain rule, d/dz log(1 + e^z) = e^z / (1 + e^z) = σ(z)."),
    solution="softplus′(z) = σ(z), and σ(0) = 1/2:\n\n```python\nanswer = 0.5\n```",
)

q2 = Exercise(
    "08.q2",
    "Give SiLU′(z) for SiLU(z) = z·σ(z), as an expression in `z`; `sigma(z)` (or `σ(z)`) may stand "
    "for the sigmoid.",
    expression_answer(_silu.derivative_expr, names={"sigma": _sigma, "σ": _sigma}),
    hints=("Product rule: (z·σ)′ = 1·σ + z·σ′.", "σ′ = σ(1 − σ) (notebook 01)."),
    solution=("SiLU′ = σ(z) + z·σ(z)(1 − σ(z)) = σ(z)(1 + z(1 − σ(z))):\n\n"
              "```python\nanswer = \"sigma(z) * (1 + z*(1 - sigma(z)))\"\n```"),
)

q3 = Exercise(
    "08.q3",
    "Write `softplus(z)` for one float z that matches log(1 + e^z) to 12 digits for every z tested "
    "(|z| up to 100). `log(1 + exp(z))` as written fails: find where, then fix it.",
    function_answer(lambda x: float(_softplus(x)), rtol=1e-12),
    hints=("Forming 1 + e^z keeps ~16 significant digits of the sum, so the digits of a small e^z "
           "are lost: partly at z = −12, all of them below z = −37 (the log returns 0).",
           "`math.log1p(u)` computes log(1 + u) without forming 1 + u. For large z use "
           "log(1 + e^z) = z + log(1 + e^{−z}), so exp never overflows either."),
    solution=("Split off the large part and use log1p on a number in [0, 1]:\n\n```python\n"
              "import math\n\ndef softplus(z):\n    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))\n\n"
              "answer = softplus\n```"),
)

q4 = Exercise(
    "08.q4",
    "Which activation is not monotone, so that its slope is negative for some inputs? "
    "(a) ELU  (b) softplus  (c) SiLU  (d) SELU. Answer with a letter.",
    choice_answer("c", {
        "a": "ELU′ is e^z > 0 for z ≤ 0 and 1 for z > 0: always positive.",
        "b": "softplus′ is σ(z) > 0 everywhere.",
        "c": "SiLU dips to a minimum of −0.278 at z = −1.278; left of it the slope is negative.",
        "d": "SELU′ is λαe^z > 0 for z ≤ 0 and λ for z > 0: always positive.",
    }),
    hints=("Look at the property table's 'monotone' column, or at the sign of each derivative.",),
    solution="(c): SiLU′ < 0 for z < −1.278.\n\n```python\nanswer = \"c\"\n```",
)

q5 = Exercise(
    "08.q5",
    "What is the smallest value SiLU takes? (Six significant digits are enough.)",
    number_answer(-float(sp.LambertW(sp.exp(-1))), rtol=5e-6, mistakes={
        -1.27846: "−1.278 is where the minimum is (the root of SiLU′); the question asks for the value there.",
        -1.278464542761074: "−1.278 is where the minimum is (the root of SiLU′); the question asks for the value there.",
    }),
    hints=("The minimum is where SiLU′ = 0: σ(z)(1 + z(1 − σ(z))) = 0, i.e. 1 + z + e^z = 0.",
           "`sp.solve(1 + z + sp.exp(z), z)` gives z0 = −1 − W(1/e); then SiLU(z0) = z0·σ(z0). "
           "Using e^{z0} = −(1 + z0), this simplifies to z0 + 1."),
    solution=("At z0 = −1 − W(1/e) ≈ −1.2785, SiLU(z0) = z0 + 1 = −W(1/e) ≈ −0.278465:\n\n"
              "```python\nimport sympy as sp\n\nz = sp.Symbol(\"z\", real=True)\n"
              "z0 = sp.solve(1 + z + sp.exp(z), z)[0]      # -1 - LambertW(exp(-1))\n"
              "answer = float(z0 + 1)\n```"),
)

EXERCISES = (q1, q2, q3, q4, q5)
