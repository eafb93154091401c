"""Every exercise of every notebook: its written solution passes its own check, blanks give feedback.

The generic tests run over all modules in actlib_course/exercises, so a new notebook's exercises are
covered as soon as they exist; each module's own file (test_exercises_<module>.py) tests its
typical wrong answers.
"""
import importlib
import pkgutil
from pathlib import Path

import pytest

import actlib
import actlib_course.exercises
from wrong_answers import solution_answer

MODULES = {info.name: importlib.import_module(f"actlib_course.exercises.{info.name}")
           for info in pkgutil.iter_modules(actlib_course.exercises.__path__)}
EXERCISES = [exercise for module in MODULES.values() for exercise in module.EXERCISES]
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def test_every_notebook_has_its_exercise_module_and_uses_it():
    for name, module in MODULES.items():
        number = module.EXERCISES[0].key.split(".")[0]
        notebook, = NOTEBOOKS.glob(f"{number}_*.md")
        assert f"from actlib_course.exercises import {name} as exercises" in notebook.read_text(), notebook.name
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


@pytest.mark.parametrize("name", sorted(MODULES))
def test_at_least_a_third_of_each_notebooks_exercises_make_the_learner_predict_diagnose_or_find_a_bug(name):
    kinds = [exercise.kind for exercise in MODULES[name].EXERCISES]
    thinking = sum(kind in actlib_course.checks.THINKING_KINDS for kind in kinds)
    assert 3 * thinking >= len(kinds), f"{name}: {kinds}"


def test_an_unknown_exercise_kind_is_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match="unknown exercise kind 'guess'; the kinds are 'recall', 'apply', 'predict'"):
        actlib_course.checks.Exercise("99.q1", "?", lambda answer: (True, ""), kind="guess")
