"""Notebook 07's exercises: written solutions pass, blanks are 'not answered', slips get a reason."""
import numpy as np
import pytest

from actlib.exercises import gradient_flow as exercises


def test_a_stub_that_raises_not_implemented_is_not_answered():
    def backward_step(upstream, z, W, a_previous):
        raise NotImplementedError
    assert exercises.q1(backward_step).correct is None


@pytest.mark.parametrize("backward_step, words", [
    (lambda u, z, W, a: (a.T @ u, u.sum(axis=0), u @ W.T), "dW differs"),            # forgot tanh′
    (lambda u, z, W, a: (a.T @ (u * (1 - np.tanh(z) ** 2)), u.sum(axis=0), u @ W.T), "db differs"),
    (lambda u, z, W, a: (u.T @ a, u.sum(axis=0), u @ W.T), "shape"),
    (lambda u, z, W, a: None, "return three arrays"),
])
def test_typical_mistakes_are_named(backward_step, words):
    feedback = exercises.q1(backward_step)
    assert feedback.correct is False and words in feedback.message, feedback
