"""Input checking and evaluation shared by every activation.

An activation only writes *kernels*: plain numpy expressions on a float array. This module turns a
user's input into such an array, runs the kernel, and hands back the user's dtype and shape.
"""
from __future__ import annotations

import numpy as np

# Kernels allocate a few temporaries; on blocks this size they stay in cache and are reused by
# malloc instead of being page-faulted in fresh (measured: ~3.8x one np.exp pass instead of ~8x
# on 1e7 float64 for sigmoid's value and derivative; see benchmarks/).
BLOCK_SIZE = 8192

ACCEPTED = (
    "a real number or an array of real numbers "
    "(Python int/float, or a numpy array/list of bool, integers, float16, float32 or float64)"
)


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def as_input(z, who: str, *, allow_complex: bool = False) -> np.ndarray:
    """Return ``z`` as a numpy array of a floating (or, if allowed, complex) dtype.

    Integers and booleans become float64. Anything else (strings, objects, dates) raises a
    ``TypeError`` that names what is accepted.
    """
    if isinstance(z, (str, bytes)):
        raise TypeError(f"{who} expects {ACCEPTED}; got {_describe(z)}.")
    try:
        array = np.asarray(z)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise TypeError(f"{who} expects {ACCEPTED}; got {_describe(z)} ({error}).") from None
    kind = array.dtype.kind
    if kind in "biu":
        return array.astype(np.float64)
    if kind == "f":
        return array
    if kind == "c" and allow_complex:
        return array
    hint = ""
    if kind == "c":
        hint = " Complex input is accepted only by the activation itself (for complex-step differences)."
    elif kind == "O":
        hint = " For symbolic work use the activation's .expr (a sympy expression) instead."
    raise TypeError(f"{who} expects {ACCEPTED}; got {_describe(z)} with dtype {array.dtype}.{hint}")


def evaluate(kernel, z, who: str, *, allow_complex: bool = False):
    """Apply ``kernel`` (array -> array or tuple of arrays) to ``z`` elementwise.

    The result keeps the input's shape and dtype (float16 and float32 are computed in float64
    and rounded once); a 0-d input gives numpy scalars. Underflow and overflow of intermediates are silenced
    because every kernel relies on their IEEE limits (``exp(-inf) == 0``); invalid operations
    are not silenced, so a kernel that produced ``inf - inf`` would still warn in the tests.
    """
    array = as_input(z, who, allow_complex=allow_complex)
    out_dtype = array.dtype
    # float16/float32 are computed in float64 and rounded once: float32's own np.exp is off by up
    # to ~2.2 ulp, which would leave no room for the arithmetic around it.
    compute_dtype = np.float64 if out_dtype in (np.float16, np.float32) else out_dtype
    with np.errstate(over="ignore", under="ignore"):  # also covers rounding back to float16/32
        if array.size <= BLOCK_SIZE:
            # Kernels always see at least 1-d arrays, so they may index and assign (z[mask] = ...).
            result = kernel(np.atleast_1d(array.astype(compute_dtype, copy=False)))
            single = not isinstance(result, tuple)
            parts = tuple(np.asarray(part, dtype=out_dtype).reshape(array.shape)
                          for part in ((result,) if single else result))
        else:
            single, parts = _blockwise(kernel, array, compute_dtype, out_dtype)
    if array.ndim == 0:
        parts = tuple(part[()] for part in parts)
    return parts[0] if single else parts


def _blockwise(kernel, array: np.ndarray, compute_dtype, out_dtype):
    """Run the kernel block by block, so its temporaries stay in cache and float32 input is
    widened one block at a time and written straight into float32 outputs."""
    flat = np.ascontiguousarray(array).reshape(-1)
    outputs = None
    for start in range(0, flat.size, BLOCK_SIZE):
        block = flat[start:start + BLOCK_SIZE].astype(compute_dtype, copy=False)
        result = kernel(block)
        single = not isinstance(result, tuple)
        result = (result,) if single else result
        if outputs is None:
            outputs = tuple(np.empty(flat.shape, dtype=out_dtype) for _ in result)
        for output, part in zip(outputs, result):
            output[start:start + BLOCK_SIZE] = part
    return single, tuple(output.reshape(array.shape) for output in outputs)
