"""Student copies: solutions gone, exercise outputs cleared, checks kept, and they run top to bottom.

Running them is the one test here marked ``content`` (`make test-content`: the only run of the student
copies in `make test`; nbval runs the instructor notebooks); the rest needs no kernel (`make test-unit`)."""
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
sys.path.insert(0, str(ROOT / "scripts"))
from make_student import is_answer_cell, is_graded_cell, write_student_copies  # noqa: E402


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    output = tmp_path_factory.mktemp("course") / "student"
    before = {path: path.read_bytes() for path in NOTEBOOKS}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_student.py"), "--output", str(output)],
                   check=True, capture_output=True, text=True)
    assert {path: path.read_bytes() for path in NOTEBOOKS} == before, "the instructor notebooks changed"
    return output


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_instructor_notebooks_carry_nbgrader_markup(path):
    cells = nbformat.read(path, as_version=4).cells
    answers, graded = [c for c in cells if is_answer_cell(c)], [c for c in cells if is_graded_cell(c)]
    assert len(answers) == len(graded) >= 3
    for cell in answers:
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
        assert cell.metadata["actlib"]["student_stub"]
    ids = [c.metadata["nbgrader"]["grade_id"] for c in answers + graded]
    assert len(set(ids)) == len(ids)
    for cell in graded:
        assert cell.metadata["nbgrader"]["points"] > 0 and ".grade(answer)" in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_copy_has_no_solution_and_empty_grading_cells(student, path):
    copy = nbformat.read(student / path.name, as_version=4)
    assert "BEGIN SOLUTION" not in nbformat.writes(copy) and "instructor's version" not in nbformat.writes(copy)
    graded = [cell for cell in copy.cells if is_graded_cell(cell)]
    assert graded and all(not cell.outputs for cell in graded)


@pytest.mark.content
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_copy_runs_top_to_bottom_with_unanswered_exercises(student, path):
    copy = nbformat.read(student / path.name, as_version=4)
    graded = [cell for cell in copy.cells if is_graded_cell(cell)]
    assert graded
    NotebookClient(copy, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    for cell in graded:
        text = "".join(output.get("data", {}).get("text/plain", "") for output in cell.outputs)
        assert text.startswith("… Not answered yet"), (cell.source, text)


def test_refuses_to_write_into_a_folder_it_did_not_create(tmp_path):
    theirs = tmp_path / "homework"
    theirs.mkdir()
    (theirs / "01_sigmoid.ipynb").write_text("my own work")
    with pytest.raises(SystemExit, match="not touching it"):  # scripts/make_student.py exits with this message
        write_student_copies(ROOT / "notebooks", theirs)
    assert (theirs / "01_sigmoid.ipynb").read_text() == "my own work"
