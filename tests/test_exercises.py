"""Every exercise of every notebook: its written solution passes its own check, blanks give feedback.

The generic tests run over all modules in actlib/exercises, so a new notebook's exercises are
covered as soon as they exist; each module's own file tests its typical wrong answers. The sigmoid
exercises' wrong answers are tested at the end of this file.
"""
import importlib
import math
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest

import actlib
import actlib.exercises
from actlib.exercises import sigmoid as sigmoid_exercises

MODULES = {info.name: importlib.import_module(f"actlib.exercises.{info.name}")
           for info in pkgutil.iter_modules(actlib.exercises.__path__)}
EXERCISES = [exercise for module in MODULES.values() for exercise in module.EXERCISES]
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
sigmoid = actlib.get("sigmoid")


def solution_answer(exercise):
    """Run the python block of the exercise's written solution and return its `answer`."""
    blocks = re.findall(r"```python\n(.*?)```", str(exercise.solution()), re.S)
    assert len(blocks) == 1, f"{exercise.key}: the solution should hold one python block"
    namespace = {}
    exec(blocks[0], namespace)
    return namespace["answer"]


def test_every_notebook_has_its_exercise_module_and_uses_it():
    for name, module in MODULES.items():
        number = module.EXERCISES[0].key.split(".")[0]
        notebook, = NOTEBOOKS.glob(f"{number}_*.md")
        assert f"from actlib.exercises import {name} as exercises" in notebook.read_text(), notebook.name
        keys = [exercise.key for exercise in module.EXERCISES]
        assert keys == [f"{number}.q{i}" for i in range(1, len(keys) + 1)], keys


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_written_solution_passes(exercise):
    feedback = exercise(solution_answer(exercise))
    assert feedback.correct is True, feedback


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_blank_answer_is_not_answered(exercise):
    feedback = exercise(...)
    assert feedback.correct is None
    assert "Not answered yet" in repr(feedback) and "Not answered yet" in feedback._repr_html_()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_every_exercise_has_hints_and_a_prompt(exercise):
    assert exercise.hints and exercise.prompt and str(exercise.hint()).startswith("**Hint 1")


@pytest.mark.parametrize("exercise, answer", [
    (sigmoid_exercises.q1, "sigma(z)*(1-sigma(z))"),
    (sigmoid_exercises.q1, "1/(1+exp(-z)) * exp(-z)/(1+exp(-z))"),
    (sigmoid_exercises.q1, "exp(z)/(1+exp(z))^2"),
    (sigmoid_exercises.q2, [1 / 4, 0.0]),
    (sigmoid_exercises.q3, sigmoid.derivative),
    (sigmoid_exercises.q3, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),  # fine for |z| <= 100
    (sigmoid_exercises.q4, 10.0),
    (sigmoid_exercises.q5, "A"),
])
def test_other_correct_forms_pass(exercise, answer):
    assert exercise(answer).correct is True


@pytest.mark.parametrize("exercise, answer, words", [
    (sigmoid_exercises.q1, "exp(-z)/(1+exp(-z))", "square is missing"),
    (sigmoid_exercises.q1, "-exp(-z)/(1+exp(-z))**2", "wrong sign"),              # sign slip in the chain rule
    (sigmoid_exercises.q1, "exp(-z)/(1+exp(-z))**3", "your expression gives"),    # no slip it knows: the numbers
    (sigmoid_exercises.q1, "s*(1-s)", "uses s"),
    (sigmoid_exercises.q2, (1, 0), "largest value: 1 is the sigmoid's upper limit"),
    (sigmoid_exercises.q2, (0.25, 0.5), "z: 0.5 is σ(z) at the peak"),
    (sigmoid_exercises.q2, (0.3, 0), "largest value: 0.3 is too large"),
    (sigmoid_exercises.q2, (0, 0.25), "right but swapped"),
    (sigmoid_exercises.q2, 0.25, "expected 2 values"),
    (sigmoid_exercises.q4, 9, "3.8e-06 is still above 1e-6"),
    (sigmoid_exercises.q4, 11, "so is a power with fewer layers"),
    (sigmoid_exercises.q4, 9.97, "round it"),
    (sigmoid_exercises.q4, 9.5, "too small"),
    (sigmoid_exercises.q5, "c", "(c) is not it"),
])
def test_typical_wrong_answers_fail(exercise, answer, words):
    feedback = exercise(answer)
    assert feedback.correct is False and words in feedback.message, feedback
    assert feedback.hint == exercise.hints[0]


def test_textbook_identity_is_judged_wrong_in_the_tail_with_a_hint():
    feedback = sigmoid_exercises.q3(lambda z: sigmoid(z) * (1 - sigmoid(z)))
    assert feedback.correct is False
    assert feedback.message.startswith("at z = 37 your function returned 0, but the right value is 8.53305e-17")
    assert "1 − σ(z)" in feedback.hint and "36.7" in feedback.hint


def test_a_function_that_raises_is_feedback_not_a_traceback():
    def sigmoid_slope(z):
        e = math.exp(-z)
        return e / (1 + e) ** 2 * z / z  # a slip that fails at one point only

    feedback = sigmoid_exercises.q3(sigmoid_slope)
    assert feedback.correct is False
    assert repr(feedback).startswith("✗ Not yet: at z = 0 your function raised ZeroDivisionError: float division by zero.")
