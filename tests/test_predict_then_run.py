"""Predict-then-run exercises: the notebook's run and the exercise's check agree, in every mode.

A graded copy swaps ``exercises`` for actlib.graded (form checks only, no answers), so a notebook's
code may use ``exercises`` only to grade an answer; the run after a prediction states its own
settings and asserts its own result. These tests tie the two together: each run's settings, as
written in the notebook, are the exercise's, and what the run measures is what the check accepts.
"""
import math
import re
from pathlib import Path

import pytest

from actlib.training.layer_chains import chain_gradients
from actlib.training.dead_units import train_with_shock_over_seeds
from actlib_course.exercises import (notebook06_beyond_the_brief as beyond_the_brief, notebook09_derivative_card as derivative_card, notebook08_finite_differences as finite_differences, notebook04_leaky_relu as leaky_relu, notebook07_numerical_stability as numerical_stability, notebook03_relu as relu, notebook01_sigmoid as sigmoid, notebook00_start_here as start_here, notebook02_tanh as tanh)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def code_of(notebook: str) -> str:
    return "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", (NOTEBOOKS / notebook).read_text(), re.S))


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("[0-9][0-9]_*.md")), ids=lambda path: path.name)
def test_notebook_code_uses_its_exercises_only_to_grade(path):
    uses = re.findall(r"\bexercises\.(\w+(?:\.\w+)?)", code_of(path.name))
    assert all(re.fullmatch(r"q\d+\.grade", use) for use in uses), f"{path.name}: {sorted(set(uses))}"


def keywords(settings: dict) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in settings.items())


def test_each_run_uses_the_settings_its_exercise_asks_about():
    assert f'train_with_shock_over_seeds("relu", {keywords(relu.PREDICTED_RUN)})' in code_of("03_relu.md")
    assert f"weight_gradient_signs(leaky, {keywords(leaky_relu.SIGNS_RUN)}, seed=seed) for seed in SEEDS" in code_of("04_leaky_relu.md")
    assert f'chain_gradients("gelu", depth={beyond_the_brief.CHAIN_DEPTH}, width=32, seed=seed)' in code_of("06_beyond_the_brief.md")
    assert "step_sweep(sigmoid, sigmoid.derivative, 1.0)" in code_of("08_finite_differences.md")
    assert f"chain_gradients(name, {keywords(tanh.DEPTH_30)}, seed=seed) for seed in SEEDS" in code_of("02_tanh.md")
    assert f'chain_gradients("tanh", depth={derivative_card.TANH_DEPTH}, width=32, seed=seed)' in code_of("09_derivative_card.md")
    assert finite_differences.PREDICT_AT == 1.0 and numerical_stability.PREDICT_AT == 30.0
    assert 'accuracy["linear, 4 + 4 units"], between=(0.4, 0.6)' in code_of("00_start_here.md") and start_here.CHANCE == (0.4, 0.6)
    assert "kept, between=(1e-7, 1e-5)" in code_of("01_sigmoid.md") and sigmoid.VANISHING_RANGE == (1e-7, 1e-5)


def test_what_each_run_measures_is_what_its_check_accepts():
    assert train_with_shock_over_seeds("relu", **relu.PREDICTED_RUN).diverged.all() and relu.q3("d").correct
    for seed in range(5):
        kept = chain_gradients("gelu", depth=beyond_the_brief.CHAIN_DEPTH, width=32, seed=seed).relative[0]
        assert beyond_the_brief.q4(round(math.log10(kept))).correct, (seed, kept)
    assert numerical_stability.q1(round(math.log10(numerical_stability.textbook_relative_error()))).correct
    assert finite_differences.q2(round(math.log10(finite_differences.best_central_step()))).correct
    tanh_part, sigmoid_part = tanh.q2.checker.parts
    for seed in range(5):
        assert tanh_part.accepts(chain_gradients("tanh", **tanh.DEPTH_30, seed=seed).relative[0]), seed
        assert sigmoid_part.accepts(chain_gradients("sigmoid", **tanh.DEPTH_30, seed=seed).relative[0]), seed
    assert all(derivative_card.q1(value).correct for value in derivative_card.tanh_kept())
    for seed in range(5):
        kept = chain_gradients("sigmoid", depth=10, width=32, seed=seed).relative[0]
        assert sigmoid.VANISHING_RANGE[0] <= kept <= sigmoid.VANISHING_RANGE[1], (seed, kept)
