"""Alt text for the notebooks' figures: written where each figure is made, carried into its output.

A code cell that draws a figure says what the figure shows in its metadata, ``alt`` (in the MyST
twin: ``:alt: ...`` in the ``{code-cell}`` options). This script copies it into the stored image
output's metadata (``output.metadata["image/png"]["alt"]``, where nbconvert's templates and other
renderers look for it); `make execute` runs it after re-executing, since execution replaces outputs.
scripts/build_site.py puts it into the page's ``<img alt>``; tests/test_site.py fails on a figure
without its own description.

usage: python scripts/figure_alt.py notebooks/NN_name.ipynb [...]   (exit 1 if a figure has no alt)
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

KEY = "alt"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def figure_outputs(cell):
    return [output for output in cell.get("outputs", [])
            if any(kind in output.get("data", {}) for kind in IMAGE_TYPES)]


def carry_alt(notebook) -> list[int]:
    """Copy each cell's ``alt`` into its image outputs; return the indices of cells whose figures have none."""
    missing = []
    for index, cell in enumerate(notebook.cells):
        figures = figure_outputs(cell)
        if not figures:
            continue
        alt = cell.metadata.get(KEY, "").strip()
        if not alt:
            missing.append(index)
            continue
        for output in figures:
            for kind in IMAGE_TYPES:
                if kind in output.data:
                    output.setdefault("metadata", {}).setdefault(kind, {})[KEY] = alt
    return missing


def main(paths: list[str]) -> int:
    status = 0
    for path in map(Path, paths):
        notebook = nbformat.read(path, as_version=4)
        missing = carry_alt(notebook)
        nbformat.write(notebook, path)
        for index in missing:
            print(f"{path}: cell {index} draws a figure but has no 'alt' in its metadata", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
