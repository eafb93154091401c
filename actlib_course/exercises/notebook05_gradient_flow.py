"""Exercises for notebook 05 (gradient flow). In the notebook::

    from actlib_course.exercises import notebook05_gradient_flow as exercises
    exercises.q1(answer)        # feedback; exercises.q1.hint(), exercises.q1.solution()
"""
import math
from functools import lru_cache

import numpy as np

from actlib.training import diagnosis_lab
from actlib.activations import get
from actlib.numerics.finite_differences import numerical_gradient
from actlib_course.checks import Exercise, choice_answer, number_answer
from actlib_course.checks.functions import call_learner_function
from actlib.symbolic.answers import read_number
from actlib.training.nn import MLP
from actlib.training.seeds import SEEDS, Spread
from actlib.training.diagnostics import layer_statistics

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


def _how_it_differs(name, got, want, error):
    """What a gradient that is no known slip measures against central differences: off by a constant factor
    (or only its sign), or else where it is off most."""
    factor = float(np.sum(got * want) / max(np.sum(want * want), 1e-300))
    if np.linalg.norm(got - factor * want) <= 1e-6 * np.linalg.norm(want) and factor != 0:
        if abs(factor + 1) < 1e-6:
            return f"{name} has the wrong sign everywhere: it is minus what central differences give."
        return (f"{name} is {factor:.3g} times what central differences give, everywhere: a constant factor is "
                "extra or missing.")
    where = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
    at = f"entry {where[0]}" if len(where) == 1 else f"entry {tuple(int(i) for i in where)}"
    return (f"{name} differs from the central differences (relative difference {error:.1e}), most at {at}: "
            f"{got[where]:.4g} where the difference quotient gives {want[where]:.4g}.")


_SHAPE_HINT = ("Each gradient has the shape of the array it differentiates: dW that of W, db that of b, d_a_previous "
               "that of a_previous. z = a_previous W + b says which side of δ each factor goes.")
"""The hint shown with a wrong shape (in place of hint 1, which is about δ)."""


def _check_backward_step(answer):
    """Compare the learner's backward step with central differences of L = sum(upstream * tanh(a W + b))."""
    rng = np.random.default_rng(7)
    a_previous, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    upstream = rng.normal(size=(5, 4))                    # ∂L/∂a of this layer
    z = a_previous @ W + b
    loss = lambda: float(np.sum(upstream * np.tanh(a_previous @ W + b)))   # reads the arrays as they are now
    result, problem = call_learner_function(   # a list of the three is fine too
        answer, "backward_step", (upstream, z, W, a_previous),
        "calling it on a batch of 5 examples, 3 inputs and 4 units", returns=("dW", "db", "d_a_previous"))
    if problem:
        return False, problem
    expected = []
    for target in (W, b, a_previous):   # each array is shifted in place and restored
        expected.append(numerical_gradient(loss, target, h=1e-6))
    for name, got, want in zip(("dW", "db", "d_a_previous"), result, expected):
        got = np.asarray(got, dtype=float)
        if got.shape != want.shape:
            why = (" (the transpose: which side of δ does a_previous go?)" if got.shape == want.shape[::-1] else
                   " (δ summed over the examples, axis 0, has that shape)" if name == "db" and got.shape == z.shape else "")
            return False, (f"{name} has shape {got.shape}; it should have the shape {want.shape} of what it "
                           f"differentiates{why}."), _SHAPE_HINT
        error = np.linalg.norm(got - want) / max(np.linalg.norm(got) + np.linalg.norm(want), 1e-300)
        if error > 1e-6:
            return False, (_named_slip(name, got, upstream, z, W, a_previous) or _how_it_differs(name, got, want, error))
    return True, "all three gradients agree with central differences (relative difference below 1e-6)."


# -- 05.q1: predict the gradient reaching layer 1 of 10 sigmoid layers ------------------------------

DEEP_LAYERS = [2] + [16] * 10 + [1]   # the notebook's 10-layer networks, on the lab's points (diagnosis_lab.data)


@lru_cache(maxsize=1)
def deep_sigmoid_ratios() -> Spread:
    """‖∂L/∂W‖ of layer 1 over the output layer's, at initialisation, for the notebook's 10-layer
    sigmoid network (16 units per layer, Glorot) from each of the seeds SEEDS, on its points: the
    run after the exercise."""
    X, y = diagnosis_lab.data()
    ratios = []
    for seed in SEEDS:
        norms = layer_statistics(MLP(DEEP_LAYERS, "sigmoid", seed=seed), X, y).gradient_norm
        ratios.append(float(norms[0] / norms[-1]))
    return Spread(ratios, SEEDS)


RATIO_FACTOR = 30   # a prediction within this factor of the seeds' range (either way) is accepted


def _as_powers_of_a_quarter(value: float):
    """k when value is (1/4)**k for a whole k (to within 3%), else None."""
    k = math.log(value) / math.log(0.25)
    return round(k) if abs(k - round(k)) < 0.02 else None


def _check_ratio(answer):
    """05.q1: the prediction against the seeds' runs; a wrong one is told what it amounts to per layer
    (as ten equal factors, or as a whole number of factors 1/4), never the runs' values."""
    value = read_number(answer)
    if isinstance(value, str):
        return False, value
    shown = f"{value:.2g}"
    if value <= 0:
        if value < 0 and float(value).is_integer() and value >= -20:
            return False, (f"{shown} looks like an exponent, a power of ten; the question asks for the ratio itself, "
                           "a positive number such as 1e-3.")
        return False, "a ratio of two norms is a positive number."
    if value >= 1:
        return False, ("that says layer 1 gets at least as much gradient as the output layer; each layer on the way "
                       "down multiplies it by σ′(z) ≤ 1/4 (and by weights of size about 1).")
    runs = deep_sigmoid_ratios()
    seeds = f"the {len(runs)} seeds give {runs.range('.0e').replace('–', ' to ')}"
    if runs.low / RATIO_FACTOR <= value <= runs.high * RATIO_FACTOR:
        if abs(math.log10(value / 0.25 ** 9)) < 0.1:   # nine factors, as in notebook 01's chain
            return True, (f"close enough: {seeds}. But count ten factors σ′ ≤ 1/4 here, (1/4)¹⁰ ≈ 1e-6: "
                          "the output layer's δ = p − y has no σ′ factor, so each of the ten hidden layers contributes "
                          "one (in notebook 01's chain δ₁₀ already contained one, hence nine there).")
        return True, (f"{seeds}: around (1/4)¹⁰ ≈ 1e-6, ten factors σ′ ≤ 1/4 (the weights "
                      "do not make up for them).")
    factors = _as_powers_of_a_quarter(value)
    per_layer = value ** (1 / 10)
    if value >= 0.05:
        if factors == 1:
            return False, ("0.25 is one factor σ′(0), one sigmoid layer's largest slope; on its way down to layer 1 "
                           "the gradient passes every hidden layer, one factor σ′ ≤ 1/4 each.")
        return False, (f"{shown} keeps a sizeable share of the gradient; on its way down to layer 1 it passes every "
                       "hidden sigmoid layer, one factor σ′ ≤ 1/4 each.")
    if value > runs.high:
        if abs(per_layer - 0.5) < 0.02:
            said = (f"{shown} is ten factors of about 1/2, one per layer: σ(0) = 1/2 is the sigmoid's value at 0, "
                    "not its slope there, and σ′(z) ≤ 1/4.")
        elif factors:
            said = (f"{shown} is (1/4) to the power {factors}: {factors} factors σ′ ≤ 1/4. Count the hidden sigmoid "
                    "layers between the output and layer 1 in this network.")
        else:
            said = (f"{shown} is too large: spread over ten layers it is a factor of about {per_layer:.2f} per layer, "
                    "more than a sigmoid layer passes on (σ′(z) ≤ 1/4, and the weights do not make up for it).")
        return False, f"{said} It keeps more than any of the seeds' runs, by more than a factor {RATIO_FACTOR}."
    said = (f"{shown} is (1/4) to the power {factors}: {factors} factors σ′ ≤ 1/4, more than the gradient passes on "
            "its way down to layer 1 (one per hidden sigmoid layer)." if factors else
            f"{shown} is too small: spread over ten layers it is a factor of about {per_layer:.2g} per layer, less "
            "than a sigmoid layer passes on: these units start with z near 0, where σ′ is close to its largest, 1/4.")
    return False, f"{said} It keeps less than any of the seeds' runs, by more than a factor {RATIO_FACTOR}."


q1 = Exercise(
    "05.q1",
    (
        "Predict, before the run below: at initialisation, what fraction of the output layer's gradient\n"
        "norm reaches layer 1 of this 10-layer sigmoid network, ‖∂L/∂W₁‖ / ‖∂L/∂W₁₁‖? Give a number (an\n"
        "order of magnitude is enough; `1e-3` is a number)."
    ),
    _check_ratio,
    hints=(
        "On its way from the output down to layer 1, the gradient is multiplied by σ′(z) once per sigmoid layer.",
        "σ′(z) ≤ 1/4, largest at z = 0; with weights of size about 1, ten such factors remain.",
    ),
    solution=("About (1/4)¹⁰ ≈ 1e-6: ten factors σ′ ≤ 1/4 (σ′ is 1/4 at z = 0 and less elsewhere), with weights "
              "that do not make up for them. Ten, not nine as in notebook 01's chain: the output layer's δ = p − y "
              "has no σ′ factor, so each of the ten hidden layers contributes one. Any prediction within a factor "
              "30 of the range the five seeds give counts."),
    stub="answer = ...   # a number, such as 1e-3",
    answer_code="answer = 0.25 ** 10\n",
    kind="predict",
)


# -- 05.q2: predict whether dead units revive ---------------------------------------------------------

q2 = Exercise(
    "05.q2",
    (
        "Predict, before the run below: in a ReLU network of 4 hidden layers trained at a large rate,\n"
        "what happens to units that die during training? (a) they stay dead, in every layer; (b) in\n"
        "layer 1 they stay dead, in deeper layers some come back; (c) in every layer most come back;\n"
        "(d) no unit dies: He initialisation prevents it."
    ),
    choice_answer("b", {
        "b": ("a dead unit's own weights get no gradient, so only a change of its inputs can revive it. Layer 1's "
              "inputs are the data, which never change: dead for good. A deeper unit's inputs are the outputs of "
              "the layers below, which keep learning, so its z can rise above 0 again."),
        "a": ("a dead unit's weights get no gradient, true; but a deeper unit's inputs are the outputs of the "
              "layers below, which keep training. Can its z stay below 0 for every input when they change?"),
        "c": ("what can revive a dead unit of layer 1? Its weights get no gradient, and its inputs are the data, "
              "which never change."),
        "d": ("He initialisation starts units with a sensible spread of z, but a large learning rate can still "
              "push a unit's z below 0 on every input during training."),
    }),
    hints=("A dead unit's own weights get no gradient. What else could make its z positive again on some input?",
           "Which layer's inputs never change during training?"),
    solution=("(b): a dead unit can only revive if its inputs change. Layer 1's inputs are the data (fixed); deeper "
              "layers' inputs are outputs of layers that keep learning."),
    stub='answer = ...   # "a", "b", "c" or "d"',
    answer_code="answer = \"b\"\n",
    kind="predict",
)


# -- 05.q3, 05.q4, 05.q5: the diagnosis lab -------------------------------------------------------------------

GRADIENT_GETS_THROUGH = 1e-2
"""A gradient ratio (layer 1 over the output layer, before training) at least this large is no vanishing gradient."""

# What to add when a change does not make the network learn, by what the changed run did (its verdict,
# diagnosis_lab.judge, and its measurements), never by which knob was turned alone: a case's own notes
# are keyed by (knob, verdict), and these by verdict. They say what was measured and where to look, not
# the answer.


def _stalled_note(run):
    """The note on a stalled run, by what reached layer 1 before training and how far the loss moved."""
    finite = run.gradient_ratio[np.isfinite(run.gradient_ratio)]
    ratio = float(np.median(finite)) if finite.size else 0.0
    if ratio >= GRADIENT_GETS_THROUGH:
        start, end = run.loss[:, 0], run.loss[:, -1]
        if np.median(np.abs(start - end) / start) < 0.05:
            return ("The gradient does reach layer 1 here (read the changed network's gradient ratio), yet the loss "
                    f"hardly moved from where it started in {diagnosis_lab.EPOCHS} epochs: training barely got "
                    "going.")
        return ("The gradient does reach layer 1 here (read the changed network's gradient ratio), so a vanishing "
                "gradient is not what stops it; the loss stopped falling all the same, short of a curved boundary.")
    return ("Read the changed network's gradient ratio and logit spread: layer 1 still gets a tiny share of the output "
            "layer's gradient.")


_VERDICT_NOTES = {
    "diverged": lambda run: "The loss blew up: read the changed network's rows to see what grew.",
    "units died": lambda run: "Read the changed network's dead-unit row: which layers went silent?",
    "saturated": lambda run: "Read the changed network's mean-slope rows: where did its z end up?",
    "stalled": _stalled_note,
    "learning slowly": lambda run: ("The loss falls, so the change helps, but not enough to learn within the "
                                    f"{diagnosis_lab.EPOCHS} epochs."),
    None: lambda run: "The seeds disagree, so this change is not a reliable fix.",
}


def _fix_checker(case, why, notes, knobs):
    """Checker of a one-change fix of ``diagnosis_lab.CASES[case]``: trains the changed network from
    each of the lab's seeds and accepts the change when it learned for at least AGREE of them.
    ``why(original)`` explains the failure once fixed (``original`` is the case's Measurements);
    ``notes`` maps (knob, verdict) to what to add when the change does not fix it (a string, or a
    function of the change's value and the case's value of that knob), "*" to what to add after the
    verdict's own note for any other knob, and "knob" to what to add when the knob turned is one of
    ``knobs`` (a knob one of whose values fixes the case) but this value does not."""
    def check(answer):
        try:
            config = diagnosis_lab.changed(diagnosis_lab.CASES[case], answer)
        except ValueError as error:
            return False, str(error)
        run = diagnosis_lab.measure(config)
        (knob, value), = answer.items()
        if run.trains:
            return True, f"with {knob} = {value!r}: {run.summary()} {why(diagnosis_lab.measure(diagnosis_lab.CASES[case]))}"
        note = notes.get((knob, run.verdict))
        if callable(note):
            note = note(value, diagnosis_lab.CASES[case][knob])
        if not note:
            note = f"{_VERDICT_NOTES[run.verdict](run)} {notes['knob'] if knob in knobs else notes['*']}"
        return False, f"with {knob} = {value!r}: {run.summary()} {note}"
    return check


def _rate_note(value, original):
    larger = "larger" if value > original else "smaller"
    return (f"A {larger} rate scales every layer's step by the same factor: layer 1 still gets a tiny share of what the "
            "output layer gets. The ratio is the problem, not the overall size.")


_CHANGE_STUB = "answer = ...   # one change, a dict: {\"knob\": value}"
_ratio = lambda original: original._range(original.gradient_ratio, ".0e")

q3 = Exercise(
    "05.q3",
    (
        "Diagnose `lab.CASES[\"deep_sigmoid\"]` (measured above): why does it not learn, and which ONE change\n"
        "makes it learn within the 300 epochs? Answer with the change, a dict of one knob, such as\n"
        "`{\"width\": 4}`; the check trains the changed network from seeds 0, 1 and 2 and tells you."
    ),
    _fix_checker(
        "deep_sigmoid",
        lambda original: (f"The cause was the six σ′ ≤ 1/4 factors: before training layer 1 got {_ratio(original)} of "
                          "the output layer's gradient and the output hardly depended on the input. Your change "
                          "replaced those factors by ones that pass the gradient on."),
        {("learning_rate", "stalled"): _rate_note,
         ("init", "stalled"): "He's larger weights make both collapses milder, not gone (compare the gradient ratio).",
         ("hidden_layers", "learning slowly"): "Fewer sigmoid layers pass more of the gradient on, but every σ′ ≤ 1/4 "
                                               "still shrinks the steps: after 300 epochs the boundary is still about "
                                               "as good as a straight line (the best one gets 91% of these points "
                                               "right).",
         "*": "Which knob sets how much of the gradient each layer passes on?",
         "knob": "Another activation is the kind of change that helps here, but not this one: compare its slope near "
                 "z = 0, where these units start, and the rows above with the original network's."},
        knobs=("activation",),
    ),
    hints=(
        "Read the measurements: the gradient reaching layer 1 and the output logit's spread across the inputs.",
        "Each sigmoid layer multiplies the gradient by σ′ ≤ 1/4. Which knob changes that factor?",
    ),
    solution=("The gradient vanishes through six factors σ′ ≤ 1/4 and the forward signal collapses with it. "
              "An activation with slope 1 at 0 (tanh, relu or leaky_relu) fixes it: each learns in 3 of 3 seeds. "
              "A larger rate or He's init do not; fewer sigmoid layers learn, but too slowly for the 300 epochs."),
    stub=_CHANGE_STUB,
    answer_code="answer = {\"activation\": \"tanh\"}\n",
    kind="diagnose",
)

q4 = Exercise(
    "05.q4",
    (
        "Diagnose `lab.CASES[\"large_rate_relu\"]`: why does it not learn, and which ONE change makes it learn\n"
        "within the 300 epochs? Answer with the change, a dict of one knob; the check trains the changed network."
    ),
    _fix_checker(
        "large_rate_relu",
        lambda original: ("The cause was dead units: the large steps pushed units' z below 0 for every input, until "
                          "whole layers were dead and no gradient passed. Your change stops that."),
        {("init", "units died"): "The start was not the problem: this network's gradients were healthy before "
                                 "training (look at the gradient ratio). What went wrong happened during training.",
         ("bias_init", "units died"): "The units still die: what pushed them below 0 happened during training.",
         ("width", "units died"): "More units of the same kind die the same way.",
         ("learning_rate", "units died"): lambda value, original: (
             "Larger steps still: the units die as before." if value > original else
             "Smaller steps, but still large enough to push units' z below 0 for every input."),
         ("learning_rate", "diverged"): lambda value, original: (
             "Larger steps still: the weights blow up before the units even die." if value > original else ""),
         ("activation", "diverged"): "With this activation the same large steps blow up the weights instead: the "
                                     "dead units were a symptom. What caused them?",
         "*": "In the original network, what made the units die during training?",
         "knob": "This knob can fix the network, but not at this value."},
        knobs=("learning_rate", "hidden_layers"),
    ),
    hints=(
        "Before training the gradients are healthy; after training, read the dead-unit row.",
        "A dead ReLU unit passes no gradient. What pushed the units' z below 0 for every input, during training?",
    ),
    solution=("Dead units: rate 3 takes steps so large that units end with z ≤ 0 on every input, and whole layers "
              "are dead after training. A smaller rate (0.1, 0.3 or 1) fixes it, and so does a single hidden layer. "
              "Leaky ReLU does not, here: at this rate its runs diverge."),
    stub=_CHANGE_STUB,
    answer_code="answer = {\"learning_rate\": 0.3}\n",
    kind="diagnose",
)


def _saturation_why(original):
    slopes = np.median(original.slope_at_start, axis=0)
    return ("The cause was saturation: with every hidden bias at 3, each unit's z sat near 3 for every input, where "
            f"tanh is flat (mean slope {slopes.min():.2f} to {slopes.max():.2f} per layer before training, instead of "
            "nearly 1): the gradient shrank at each layer and every input gave nearly the same output. Your change "
            "brings z back to where tanh has a slope.")


q5 = Exercise(
    "05.q5",
    (
        "Diagnose `lab.CASES[\"saturated_tanh\"]`: why does it not learn, and which ONE change makes it learn\n"
        "within the 300 epochs? Answer with the change, a dict of one knob; the check trains the changed network."
    ),
    _fix_checker(
        "saturated_tanh",
        _saturation_why,
        {("learning_rate", "saturated"): "A larger or smaller step scales every layer's update alike; with slopes of a "
                                         "few hundredths in each layer, the network stays on tanh's flat part.",
         ("init", "learning slowly"): "Larger weights spread z more widely around 3, so some units leave tanh's flat "
                                      "part and the loss falls, slowly.",
         ("init", "saturated"): "Larger weights spread z a little more around 3; most of it is still on tanh's flat part.",
         ("activation", "stalled"): "A different activation with the same biases of 3 fails its own way here.",
         ("activation", "units died"): "A different activation with the same biases of 3 fails its own way here.",
         ("activation", "diverged"): "A different activation with the same biases of 3 fails its own way here.",
         ("bias_init", "saturated"): lambda value, original: (
             f"With every hidden bias at {value:g}, z starts near {value:g} for every input, where tanh is nearly flat"
             + (" too: tanh′ is even, so z near −3 is as flat as near 3." if value < 0 else ".")
             if abs(value) >= 1.5 else ""),
         "*": "In the original network, read the mean-slope row: tanh′(z) is near 1 around 0 and tiny beyond "
              "|z| = 3. What put every z out there?",
         "knob": "This knob can fix the network, but this value does not, not reliably within the 300 epochs."},
        knobs=("bias_init",),
    ),
    hints=(
        "Read the mean-slope row: tanh′ is 1 at z = 0. Where must z be for the slope to be a few hundredths?",
        "What sets every hidden unit's z near 3 before any training, whatever the input?",
    ),
    solution=("Saturation: every hidden bias starts at 3, so z ≈ 3 for every input, where tanh′ ≈ 0.01; the "
              "gradient shrinks layer after layer and the output hardly depends on the input. Starting the biases "
              "near 0 (0, 0.5, or −1 as well) fixes it. He's init makes it learn, slowly; a single hidden layer with "
              "the same biases saturates too."),
    stub=_CHANGE_STUB,
    answer_code="answer = {\"bias_init\": 0.0}\n",
    kind="diagnose",
)


# -- 05.q6: find the bug in a backward step ------------------------------------------------------------

BUGGY_BACKWARD_STEP = (
    "import numpy as np\n"
    "\n"
    "def backward_step(upstream, z, W, a_previous):\n"
    "    delta = upstream * (1 - z ** 2)\n"
    "    return a_previous.T @ delta, delta.sum(axis=0), delta @ W.T\n"
    "\n"
    "answer = backward_step"
)

q6 = Exercise(
    "05.q6",
    (
        "This backward step of one tanh layer has one planted mistake. Given `upstream` = ∂L/∂a, the\n"
        "pre-activations `z`, the weights `W` and the layer's input `a_previous`, it should return\n"
        "`(dW, db, d_a_previous)`. Find the mistake and fix it in the answer cell (a student copy\n"
        "starts from this code); the check compares your gradients with central differences.\n"
        "\n"
        "```python\n" + BUGGY_BACKWARD_STEP + "\n```"
    ),
    _check_backward_step,
    hints=(
        "In the code as given, the last line (dW = a_previous.T @ δ, db = δ.sum(axis=0), d_a_previous = δ @ W.T) is "
        "right: the planted mistake is in δ.",
        "δ = ∂L/∂z = upstream × tanh′(z), elementwise. Write tanh′ in terms of z: is 1 − z² that?",
    ),
    solution=("The planted mistake is 1 − z²: tanh′(z) = 1 − tanh(z)², the square of the activation, not of z. "
              "δ = upstream ⊙ tanh′(z); the three gradients follow from z = a_previous W + b:"),
    stub=BUGGY_BACKWARD_STEP.replace(
        "    delta =", "    raise NotImplementedError   # delete this line, then fix the mistake below\n    delta =", 1),
    answer_code=(
        "import actlib\n"
        "\n"
        "def backward_step(upstream, z, W, a_previous):\n"
        "    delta = upstream * actlib.get(\"tanh\").derivative(z)\n"
        "    return a_previous.T @ delta, delta.sum(axis=0), delta @ W.T\n"
        "\n"
        "answer = backward_step\n"
    ),
    kind="find the bug",
)

_check_frozen = number_answer(0.0, atol=0.0, mistakes={
    1: "1 is what an active ReLU unit passes on (relu′ = 1 for z > 0); every unit of this layer is dead.",
})

q7 = Exercise(
    "05.q7",
    (
        "Every unit of one hidden ReLU layer is dead. What is the norm of the weight gradient\n"
        "of every layer below it?"
    ),
    lambda answer: ((False, "a norm is never negative.") if not isinstance(read_number(answer), str)
                    and read_number(answer) < 0 else _check_frozen(answer)),
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
    kind="apply",
)

EXERCISES = (q1, q2, q3, q4, q5, q6, q7)
