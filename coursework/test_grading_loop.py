"""nbgrader's whole loop on the graded notebooks (`make test-nbgrader`): three students, exact scores.

In a temporary course directory: the lecturer's source notebooks (solutions and hidden tests, from
scripts/make_graded.py) in one assignment, ``nbgrader generate_assignment`` and ``nbgrader
release_assignment`` to a temporary exchange directory (``--Exchange.root``, course id ``actlib``).
Three students, each in a home directory of their own, ``nbgrader fetch_assignment``, answer in the
fetched notebooks and ``nbgrader submit`` (the student id given as ``--CourseDirectory.student_id``,
as one user runs all three): one answers every exercise right, one leaves every answer blank, one
answers every exercise wrong in a plausible way (a sign slip, two values swapped, the next letter).
The lecturer runs ``nbgrader collect`` (the three submissions from the exchange's inbound into
``submitted/<student>/``), then ``nbgrader autograde`` (which restores the hidden tests and grades
with the lecturer's actlib) and ``nbgrader generate_feedback``. Each student's score per notebook is
checked exactly, the blank and wrong notebooks must run to the end with errors only in the graded
cells, and each student gets an HTML feedback page per notebook.
"""
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_graded  # noqa: E402

pytest.importorskip("nbgrader")
from nbgrader.api import Gradebook  # noqa: E402

ASSIGNMENT = "activations"
COURSE_ID = "actlib"
STUDENTS = ("right", "blank", "wrong")
FORMS = json.loads(make_graded.FORMS.read_text())


def plausibly_wrong(form: dict) -> str:
    """Code that turns the right ``answer`` into a wrong one of the same form, as a student might slip."""
    kind = form["kind"]
    if kind == "number":
        return "answer = -answer if answer else 1.0   # a sign slip (or 1 for 0)"
    if kind == "tuple":
        return ("answer = tuple(reversed(answer)) if answer[0] != answer[-1] else tuple(-v for v in answer)"
                "   # the two values swapped")
    if kind == "choice":
        letters = form["letters"]
        return f"answer = {letters!r}[({letters!r}.index(answer) + 1) % {len(letters)}]   # the next letter"
    if kind == "change":
        return 'answer = {"learning_rate": 1e-4}   # a change, but one too timid to train in the budget'
    if kind == "expression":
        return 'answer = f"-({answer})"   # a sign slip'
    if len(form["parameters"]) == 1:
        return "_right = answer\nanswer = lambda z: -_right(z)   # a sign slip"
    return "_right = answer\nanswer = lambda *args: tuple(-part for part in _right(*args))   # every sign flipped"


def submission(release, instructor, student: str):
    """The release notebook as ``student`` hands it in."""
    notebook = nbformat.from_dict(release)
    module = make_graded.exercise_module(instructor)
    solutions = {q: make_graded.solution_code(answer) for q, answer, _ in make_graded.exercise_cells(instructor)}
    for cell, following in zip(notebook.cells, notebook.cells[1:]):
        if make_graded.is_answer_cell(cell) and student != "blank":
            q = following.source.split(".")[1]
            cell.source = solutions[q]
            if student == "wrong":
                cell.source += plausibly_wrong(FORMS[module][q]["form"]) + "\n"
    return notebook


@pytest.fixture(scope="module")
def exchange(tmp_path_factory):
    """The exchange root (nbgrader release_assignment creates it with the permissions it wants)."""
    return tmp_path_factory.mktemp("exchange") / "root"


@pytest.fixture(scope="module")
def course(tmp_path_factory, exchange):
    course = tmp_path_factory.mktemp("course")
    shared = (f"--Exchange.root={exchange}", f"--CourseDirectory.course_id={COURSE_ID}")
    make_graded.write_course_sources(course, assignment=ASSIGNMENT)
    make_graded.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    make_graded.nbgrader(course, "release_assignment", ASSIGNMENT, *shared)
    for student in STUDENTS:
        home = tmp_path_factory.mktemp(f"home-{student}")
        env = {"HOME": str(home)}
        make_graded.nbgrader(home, "fetch_assignment", ASSIGNMENT, *shared, env=env)
        for path in make_graded.notebook_paths():
            fetched = home / ASSIGNMENT / path.name
            release = nbformat.read(fetched, as_version=4)
            nbformat.write(submission(release, nbformat.read(path, as_version=4), student), fetched)
        make_graded.nbgrader(home, "submit", ASSIGNMENT, *shared, f"--CourseDirectory.student_id={student}",
                             env=env)
    make_graded.nbgrader(course, "collect", ASSIGNMENT, *shared)
    make_graded.nbgrader(course, "autograde", ASSIGNMENT, "--create", "--force")
    make_graded.nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    return course


def test_submissions_came_through_the_exchange(course, exchange):
    """Each student's submission is in the exchange's inbound once and was collected into submitted/."""
    inbound = sorted(entry.name.split("+")[:2] for entry in (exchange / COURSE_ID / "inbound").iterdir())
    assert inbound == sorted([student, ASSIGNMENT] for student in STUDENTS)
    for student in STUDENTS:
        folder = course / "submitted" / student / ASSIGNMENT
        assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(p.name for p in make_graded.notebook_paths())
        assert (folder / "timestamp.txt").read_text().strip(), student


def expected_scores(student: str) -> dict:
    exercises = {path.stem: len(FORMS[make_graded.exercise_module(nbformat.read(path, as_version=4))])
                 for path in make_graded.notebook_paths()}
    return {name: float(count if student == "right" else 0) for name, count in exercises.items()}


@pytest.mark.parametrize("student", STUDENTS)
def test_scores(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {path.stem: gradebook.find_submission_notebook(path.stem, ASSIGNMENT, student).score
                  for path in make_graded.notebook_paths()}
    assert scores == expected_scores(student)


@pytest.mark.parametrize("student", STUDENTS)
def test_notebooks_run_to_the_end(course, student):
    for path in make_graded.notebook_paths():
        notebook = nbformat.read(course / "autograded" / student / ASSIGNMENT / path.name, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert all(cell.execution_count for cell in code), path.name
        errors = [(cell.metadata.get("nbgrader", {}).get("grade_id"), output.get("ename"))
                  for cell in code for output in cell.outputs if output.output_type == "error"]
        if student == "right":
            assert not errors, (path.name, errors)
        else:   # only the graded cells fail, each on the hidden test's assert
            graded = [cell.metadata["nbgrader"]["grade_id"] for cell in code
                      if cell.metadata.get("nbgrader", {}).get("grade")]
            assert errors == [(grade_id, "AssertionError") for grade_id in graded], (path.name, errors)


@pytest.mark.parametrize("student", STUDENTS)
def test_feedback(course, student):
    for path in make_graded.notebook_paths():
        page = course / "feedback" / student / ASSIGNMENT / f"{path.stem}.html"
        assert page.exists() and "Score:" in page.read_text()


def test_release_checks_the_form_only(course):
    """The right student's visible checks accept the form, and say nothing about correctness."""
    notebook = nbformat.read(course / "autograded" / "right" / ASSIGNMENT / "01_sigmoid.ipynb", as_version=4)
    shown = [output for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
             for output in cell.outputs]
    assert shown and all("Form accepted" in output["data"]["text/plain"] for output in shown)
