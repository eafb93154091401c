"""What a reader of the stored notebooks relies on (nbval checks that they still run and match).

Every numbered notebook: paired with a MyST markdown file that says the same (reviewable diffs),
opens with what the learner will do, learn and need, ends with exercises, and is stored executed
top to bottom with no error, no warning text, each printed stream in one piece and at least one figure.
"""
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_notebooks():
    names = [path.name for path in NOTEBOOKS]
    assert "00_start_here.ipynb" in names and "01_sigmoid.ipynb" in names


def _cells(notebook):
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells if cell.source.strip()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_paired_markdown_matches(path):
    markdown = path.with_suffix(".md")
    assert markdown.exists(), f"{path.name} has no paired {markdown.name}; run `make sync`"
    assert _cells(jupytext.read(markdown)) == _cells(nbformat.read(path, as_version=4)), (
        f"{path.name} and {markdown.name} differ; run `make sync`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_shape(path):
    notebook = nbformat.read(path, as_version=4)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    opening = "\n".join(markdown[:3])
    for heading in ("What you'll do", "What you'll learn", "What you'll need"):
        assert heading in opening, f"{path.name} should open with '{heading}'"
    assert any(re.search(r"^#+ Exercises", text, re.M) for text in markdown), f"{path.name} has no exercises"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name} is not executed top to bottom in one run"
    timed = [cell.source.splitlines()[0] for cell in code if "execution" in cell.metadata]
    assert not timed, f"{path.name} stores execution timestamps (make execute records none): {timed[:3]}"
    figures = 0
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"{path.name}: error output in\n{cell.source}"
            text = "".join(output.get("text", ""))
            assert not (output.get("name") == "stderr" and re.search(r"Warning|Error|Traceback", text)), (
                f"{path.name}: warning text in\n{cell.source}\n{text}")
            assert not re.search(r"0x[0-9a-f]{6,}", text + str(output.get("data", {}).get("text/plain", ""))), (
                f"{path.name}: a memory address in an output of\n{cell.source}")
            figures += "image/png" in output.get("data", {})
        split = [a.name for a, b in zip(cell.outputs, cell.outputs[1:])
                 if a.output_type == b.output_type == "stream" and a.name == b.name]
        assert not split, (f"{path.name}: a {split[0]} output stored in pieces (split where the kernel flushed, so "
                           f"it changes from run to run; `make execute` merges them) in\n{cell.source}")
    assert figures, f"{path.name} shows no figure"
