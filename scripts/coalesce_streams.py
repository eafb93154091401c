"""Merge each cell's consecutive stream outputs into one, after `make execute`.

A cell that prints several lines may reach the notebook as one stream output or as several, split
wherever the kernel flushed: the split changes from one execution to the next, so the stored
notebook would change with nothing in it changed. nbconvert's own CoalesceStreamsPreprocessor does
the merge; nbconvert runs it before executing (``--coalesce-streams`` alone does not help an
``--execute``), hence this step after. nbval compares the merged text either way.

usage: python scripts/coalesce_streams.py notebooks/NN_name.ipynb [...]
"""
from __future__ import annotations

import sys

import nbformat
from nbconvert.preprocessors import CoalesceStreamsPreprocessor


def main(paths: list[str]) -> int:
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        before = sum(len(cell.get("outputs", [])) for cell in notebook.cells)
        notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
        after = sum(len(cell.get("outputs", [])) for cell in notebook.cells)
        if after != before:
            nbformat.write(notebook, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
