"""The ways of computing (value, derivative) that the benchmarks compare, per activation.

- actlib: ``Activation.value_and_derivative`` (stable forms).
- textbook: the formulas as usually written, ``s = 1/(1+exp(-z))``, ``s*(1-s)``, ``1 - tanh(z)**2``;
  for the other activations, the sympy expression and its derivative, lambdified.
- scipy: ``scipy.special.expit`` for σ, then the textbook ``s*(1-s)`` (sigmoid only; "n/a" otherwise).
- torch: PyTorch's forward and autograd backward (``y.backward(ones)``), when torch is installed.

Every route takes a numpy array and returns numpy arrays of the same dtype.
"""
import numpy as np

import actlib

ALPHA = actlib.get("leaky_relu").params["alpha"]


def _textbook(name):
    def sigmoid(z):
        s = 1 / (1 + np.exp(-z))
        return s, s * (1 - s)

    def tanh(z):
        t = np.tanh(z)
        return t, 1 - t * t

    def relu(z):
        return np.maximum(z, 0), (z > 0).astype(z.dtype)

    def leaky_relu(z):
        return np.where(z > 0, z, ALPHA * z).astype(z.dtype), np.where(z > 0, 1, ALPHA).astype(z.dtype)

    written_out = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}
    return written_out[name] if name in written_out else _lambdified(name)


def _lambdified(name):
    import sympy as sp

    act = actlib.get(name)
    value = sp.lambdify(actlib.z, act.expr, ["scipy", "numpy"])
    slope = sp.lambdify(actlib.z, act.derivative_expr, ["scipy", "numpy"])

    def textbook(z):
        with np.errstate(all="ignore"):  # the textbook forms overflow in the tails
            return (np.broadcast_to(value(z), z.shape).astype(z.dtype),
                    np.broadcast_to(slope(z), z.shape).astype(z.dtype))

    return textbook


def _scipy(name):
    try:
        from scipy.special import expit
    except ImportError:
        return None
    if name != "sigmoid":
        return None

    def sigmoid(z):
        s = expit(z)
        return s, s * (1 - s)

    return sigmoid


def torch_version():
    try:
        import torch
    except ImportError:
        return None
    return torch.__version__


def _torch(name):
    if torch_version() is None:
        return None
    import torch

    F = torch.nn.functional
    forward = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
               "leaky_relu": lambda t: F.leaky_relu(t, ALPHA), "softplus": F.softplus, "elu": F.elu,
               "selu": F.selu, "gelu": F.gelu, "silu": F.silu, "mish": F.mish}.get(name)
    if forward is None:
        return None

    def autograd(z):
        t = torch.from_numpy(np.ascontiguousarray(z)).requires_grad_()
        y = forward(t)
        y.backward(torch.ones_like(y))
        return y.detach().numpy(), t.grad.numpy()

    return autograd


def routes(name):
    """{route name: function z -> (value, derivative), or None where the route does not exist}."""
    return {
        "actlib": actlib.get(name).value_and_derivative,
        "textbook": _textbook(name),
        "scipy": _scipy(name),
        "torch": _torch(name),
    }
