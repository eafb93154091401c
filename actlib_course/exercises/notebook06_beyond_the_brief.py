"""Exercises for notebook 06 (beyond the original brief). In the notebook::

    from actlib_course.exercises import notebook06_beyond_the_brief as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math

import numpy as np
import sympy as sp

from actlib.activations import get
from actlib.training.layer_chains import chain_gradients
from actlib_course.exercises.notebook07_numerical_stability import exponent_answer
from actlib_course.checks import Exercise, function_answer, number_answer, tail_points
from actlib.training.seeds import SEEDS, Spread

_softplus = get("softplus")
_gelu = get("gelu")


def _normal_cdf(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _normal_density(z):
    return math.exp(-z**2 / 2) / math.sqrt(2 * math.pi)


_BUGGY_SOURCE = (
    "import math\n"
    "\n"
    "def gelu_slope(z):\n"
    "    Phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))          # Φ(z), the normal CDF\n"
    "    phi = math.exp(-z**2 / 2) / math.sqrt(2 * math.pi)     # φ(z) = Φ′(z), the normal density\n"
    "    return Phi + phi                                       # GELU′(z), by the product rule\n"
)
"""The code with the planted bug, shown in the prompt and in the student's answer cell."""


def _buggy_gelu_slope(z):
    return _normal_cdf(z) + _normal_density(z)



q1 = Exercise(
    "06.q1",
    (
        "Find the bug. This hand-written GELU′ returns 0.899 at z = 0, where GELU′(0) = Φ(0) = 0.5,\n"
        "and a gradient check against central differences fails almost everywhere. Write the corrected\n"
        "`gelu_slope(z)`, right to 8 digits for |z| ≤ 5.\n"
        "\n"
        "```python\n" + _BUGGY_SOURCE + "```"
    ),
    function_answer(lambda x: float(_gelu.derivative(x)), points=np.linspace(-5, 5, 101), rtol=1e-8, mistakes={
        _buggy_gelu_slope: "your function returns Φ(z) + φ(z): the product rule's second term is z·Φ′(z) = "
                           "z·φ(z), and the factor z is missing.",
        _normal_cdf: "your function returns Φ(z) alone: the product rule's second term, z·φ(z), is missing.",
        lambda z: _normal_cdf(z) - z * _normal_density(z): "a sign slip: the second term is +z·φ(z) (Φ′ = φ > 0).",
        lambda z: z * _normal_density(z): "your function returns only z·φ(z); the first term Φ(z) is missing.",
    }),
    hints=(
        "GELU(z) = z·Φ(z). Apply the product rule term by term and compare with the code's return line.",
        "(z·Φ)′ = 1·Φ(z) + z·Φ′(z), and Φ′ = φ.",
    ),
    solution=(
        "The planted bug is the return line `Phi + phi`: the product rule gives Φ(z) + z·φ(z), so the "
        "second term needs the factor z. At z = 0 the bug gives 0.5 + 0.399 = 0.899 instead of 0.5, and "
        "for large |z| it is off by φ(z)(1 − z):"
    ),
    stub=_BUGGY_SOURCE + "\nanswer = ...   # when gelu_slope is fixed: answer = gelu_slope",
    answer_code=(
        "import math\n"
        "\n"
        "def gelu_slope(z):\n"
        "    Phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))          # Φ(z), the normal CDF\n"
        "    phi = math.exp(-z**2 / 2) / math.sqrt(2 * math.pi)     # φ(z) = Φ′(z), the normal density\n"
        "    return Phi + z * phi                                   # GELU′(z) = 1·Φ(z) + z·Φ′(z)\n"
        "\n"
        "answer = gelu_slope\n"
    ),
    kind="find the bug",
)

q2 = Exercise(
    "06.q2",
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
    kind="apply",
)

_SILU_MINIMUM = -float(sp.LambertW(sp.exp(-1)))  # at z0 = -1 - W(1/e) = -1.2785 (derived in the notebook)
_SILU_ARGMIN = -1 - float(sp.LambertW(sp.exp(-1)))

q3 = Exercise(
    "06.q3",
    (
        "The swish `swish_beta` you built above, taken at β = 2, is g(z) = z·σ(2z). What is its\n"
        "smallest value (six significant digits)? You know SiLU's: −0.278465, at z = −1.27846."
    ),
    number_answer(_SILU_MINIMUM / 2, rtol=5e-6, mistakes={
        _SILU_MINIMUM: "−0.278465 is SiLU's minimum (β = 1). Write z·σ(2z) in terms of SiLU(2z).",
        2 * _SILU_MINIMUM: "z·σ(2z) = SiLU(2z)/2: the minimum is divided by β, not multiplied.",
        _SILU_MINIMUM / 4: "that is SiLU's minimum divided by β² = 4; the substitution u = 2z divides it by β once.",
        _SILU_ARGMIN * float(1 / (1 + sp.exp(-2 * _SILU_ARGMIN))): (
            "that is z·σ(2z) at z = −1.278, where SiLU's minimum is; z·σ(2z) has its minimum elsewhere."),
        -_SILU_MINIMUM / 2: "the minimum is below 0: the gate lets small negative values through.",
        (-1 - float(sp.LambertW(sp.exp(-1)))) / 2: "−0.639 is where the minimum is; the question asks for the value there.",
        -1 - float(sp.LambertW(sp.exp(-1))): "−1.278 is where SiLU's minimum is; the question asks for swish's smallest value.",
    }),
    hints=("Substitute u = 2z: z·σ(2z) = (u/2)·σ(u) = SiLU(u)/2.",
           "As z runs over all reals so does u = 2z, so the smallest value is SiLU's smallest value, halved."),
    solution="z·σ(βz) = SiLU(βz)/β, so its minimum is −W(1/e)/β = −0.278465/2 = −0.139232, at z = z0/β = −0.639:",
    stub="answer = ...   # a number",
    answer_code=(
        "import sympy as sp                          # the notebook's sp: the same module\n"
        "\n"
        "u = sp.Symbol(\"u\", real=True)\n"
        "u_min = sp.solve(1 + u + sp.exp(u), u)[0]    # SiLU's minimum is at u_min = -1 - LambertW(exp(-1))\n"
        "answer = float(u_min + 1) / 2                # SiLU(u_min) = u_min + 1, halved for beta = 2\n"
    ),
    kind="apply",
)

CHAIN_DEPTH = 20
"""The depth q4 asks about; the cell after it runs the chain at this depth."""


def gelu_gradient_kept(depth: int = CHAIN_DEPTH, seed: int = 0) -> float:
    """Gradient in the first layer relative to the last, GELU chain of width 32, weight std 1/√32."""
    return float(chain_gradients("gelu", depth=depth, width=32, seed=seed).relative[0])


def _times_ten(x: float) -> str:
    """3.9e-06 as '3.9·10⁻⁶'."""
    mantissa, power = f"{x:.1e}".split("e")
    return f"{mantissa}·10" + str(int(power)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


KEPT_AT_DEPTH = Spread([gelu_gradient_kept(seed=seed) for seed in SEEDS], SEEDS)
"""What the run after q4 measures, one value per seed (3.9e-6 to 7.7e-6 over seeds 0 to 4)."""
_POWERS = (round(math.log10(KEPT_AT_DEPTH.low)), round(math.log10(KEPT_AT_DEPTH.high)))   # (-5, -5)

q4 = Exercise(
    "06.q4",
    (
        "Predict before the run: the chain of the gradient experiment above (10 layers, width 32,\n"
        "weight std 1/√32, seeds 0 to 4) with GELU, but 20 layers instead of 10. What fraction of the\n"
        "last layer's gradient reaches the first layer? Answer with the power of ten (−2 for 10⁻²);\n"
        "the powers the five seeds give, and one either side, count."
    ),
    # the powers of ten the seeds give, and one either side (an order-of-magnitude prediction)
    exponent_answer(sum(_POWERS) / 2, atol=(_POWERS[1] - _POWERS[0]) / 2 + 1, mistakes={
        -2: "−2 is about what 10 layers keep (0.55⁹ ≈ 5·10⁻³); twice the depth multiplies by the rms slope "
            "twice as often.",
        -3: "−3 is closer to what 10 layers keep; 20 layers multiply by the rms slope 19 times.",
        0: "0 would mean the gradient keeps its size; GELU's rms slope is about 0.55, below 1, so every layer "
           "shrinks it.",
        -1: "−1 is about what 4 layers keep (0.55³ ≈ 0.17); the gradient passes 19 layers on its way down.",
        -10: "−10 would take about 0.3 per layer over the 19 layers between the last and the first, or twice as "
             "many factors of the rms slope as there are.",
    }, other=lambda power: (f"{power:g} would mean each of the {CHAIN_DEPTH - 1} layers between the last and the first "
                            f"multiplies the gradient by about {10 ** (power / (CHAIN_DEPTH - 1)):.2g}; GELU's rms slope "
                            "at this weight scale is about 0.55.")),
    hints=(
        "The chain experiment's lesson: each layer scales the gradient by about the rms slope √(mean g′²), about 0.55 "
        "for GELU at this weight scale.",
        "From layer 20 back to layer 1 the gradient is multiplied 19 times: 0.55¹⁹ ≈ ?",
    ),
    solution=(
        "Each layer multiplies the gradient's size by about the rms slope, about 0.55 for GELU in the chain experiment above "
        "(0.51 to 0.54 over five seeds at 20 layers), and 19 layers lie between the last and the first: "
        "0.55¹⁹ ≈ 1.2·10⁻⁵, 0.51¹⁹ ≈ 3·10⁻⁶, so the power −5 (the run measures "
        f"{_times_ten(KEPT_AT_DEPTH.low)} to {_times_ten(KEPT_AT_DEPTH.high)} over seeds 0 to 4; one power either side counts "
        "too):"
    ),
    stub="answer = ...   # a whole number: the power of ten",
    answer_code=(
        "import math\n"
        "\n"
        "rms_slope = 0.55                       # GELU's, from the chain experiment above\n"
        "answer = round(math.log10(rms_slope ** 19))    # -5\n"
    ),
    kind="predict",
)

EXERCISES = (q1, q2, q3, q4)
