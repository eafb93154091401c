"""One source per exercise: every notebook's exercise cells are those its Exercise objects write.

The prompt (after "**Exercise N.**"), the answer cell (worked answer between nbgrader's solution
markers, the student stub, nbgrader's metadata) and the grading cell come from actlib_course/exercises;
`python scripts/exercise_cells.py --write` rewrites the notebooks after an exercise changes.
"""
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import exercise_cells  # noqa: E402
from make_graded import notebook_paths  # noqa: E402


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_exercise_cells_agree_with_their_source(path):
    assert exercise_cells.differences(nbformat.read(path, as_version=4)) == []


def test_a_drifted_notebook_is_caught():
    path = ROOT / "notebooks" / "01_sigmoid.ipynb"
    notebook = nbformat.read(path, as_version=4)
    _, prompt, answer, grading = exercise_cells._located(notebook)[1]
    prompt.source = prompt.source.replace("weight 2", "weight 3")
    answer.source = answer.source.replace("2*z", "3*z")
    grading.metadata["nbgrader"]["points"] = 2
    assert exercise_cells.differences(notebook) == [
        "01.q2: the prompt differs", "01.q2: the answer cell differs",
        "01.q2: the grading cell's nbgrader metadata differs"]
    exercise_cells.rewrite(notebook)
    assert exercise_cells.differences(notebook) == []


def test_the_written_solution_shows_the_answer_cell():
    from actlib_course.exercises import notebook01_sigmoid as sigmoid
    assert sigmoid.q3.solution().text.endswith(f"```python\n{sigmoid.q3.answer_code}```")
