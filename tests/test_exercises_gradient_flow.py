"""Notebook 07's exercises: written solutions pass, blanks are 'not answered', slips get a reason."""
import numpy as np
import pytest

from actlib.exercises import gradient_flow as exercises


def test_a_stub_that_raises_not_implemented_is_not_answered():
    def backward_step(upstream, z, W, a_previous):
        raise NotImplementedError
    assert exercises.q1(backward_step).correct is None


@pytest.mark.parametrize("backward_step, words", [
    (lambda u, z, W, a: (a.T @ u, u.sum(axis=0), u @ W.T), "dW: the factor g′(z) is missing"),  # forgot tanh′
    (lambda u, z, W, a: (a.T @ (u * (1 - np.tanh(z) ** 2)), u.sum(axis=0), u @ W.T), "db: the factor g′(z) is missing"),
    (lambda u, z, W, a: (a.T @ (u * np.tanh(z) * (1 - np.tanh(z))),) * 3, "dW: a(1 − a) is the sigmoid's derivative"),
    (lambda u, z, W, a: (a.T @ (u * (1 - z ** 2)),) * 3, "dW: 1 − z² uses z where tanh(z) belongs"),
    (lambda u, z, W, a: (a.T @ (u * (1 - np.tanh(z) ** 2)), u.sum(axis=0) * 2, u @ W.T), "db differs"),  # no known slip
    (lambda u, z, W, a: (u.T @ a, u.sum(axis=0), u @ W.T), "the transpose"),
    (lambda u, z, W, a: (a.T @ (u * (1 - np.tanh(z) ** 2)), u * (1 - np.tanh(z) ** 2), u @ W.T), "summed over the examples"),
    (lambda u, z, W, a: None, "return three arrays"),
    (lambda u, z, W, a: (a.T @ u, u.sum(axis=0)), "returned a tuple of 2"),
])
def test_typical_mistakes_are_named(backward_step, words):
    feedback = exercises.q1(backward_step)
    assert feedback.correct is False and words in feedback.message, feedback


def test_a_list_of_the_three_gradients_is_accepted():
    def backward_step(upstream, z, W, a_previous):
        delta = upstream * (1 - np.tanh(z) ** 2)
        return [a_previous.T @ delta, delta.sum(axis=0), delta @ W.T]
    assert exercises.q1(backward_step).correct is True
