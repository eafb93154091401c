"""Graded mode (`make graded`): what students get holds no answer key and no worked solution.

The test builds graded/ in a temporary folder and searches every notebook in it and every file inside
every wheel or archive in it for the instructor's material: each line of every worked solution in
the notebooks, and each line and string of the exercise modules (actlib_course/exercises: expected values,
known slips, hints, solutions), leaving out only what students are meant to see (the prompts, the
answer stubs, import lines).

Building graded/ runs nbgrader: those tests are marked ``nbgrader`` (and ``build``), and `make test-build`
installs it first. The rest (the search itself, forms.json, the form checks, the refusal to overwrite)
need no nbgrader and are unit tests.
"""
import ast
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_graded  # noqa: E402

MIN_LENGTH = 12  # shorter lines (`return out`, `answer = "a"`) are common words, not a leak on their own


def _allowed_text() -> str:
    """What students are meant to see in both modes: every prompt, every answer stub, the lessons
    (every notebook cell but the answer cells) and the library, actlib. A solution line that also
    appears there is not a key (``except Exception as error:``); one such line was found when this was
    written: 01.q3's ``return e / (1 + e) ** 2``, which notebook 06 uses for a deliberately buggy tanh
    slope."""
    forms = json.loads(make_graded.FORMS.read_text())
    parts = [spec["prompt"] for module in forms.values() for spec in module.values()]
    for path in make_graded.notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        answers = [answer for _, answer, _ in make_graded.exercise_cells(notebook)]
        parts += [cell.source for cell in notebook.cells if not any(cell is answer for answer in answers)]
        parts += [answer.metadata.get("actlib", {}).get("student_stub", "") for answer in answers]
    parts += [path.read_text() for path in sorted((ROOT / "actlib").rglob("*.py"))]
    return "\n".join(parts)


def _is_plain(line: str) -> bool:
    return (len(line) < MIN_LENGTH or line.startswith(("#", "import ", "from ", '"""'))
            or line in ("answer = ...",))


def instructor_needles() -> set[str]:
    allowed = _allowed_text()
    needles = set()
    for path in make_graded.notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        for _, answer, _ in make_graded.exercise_cells(notebook):
            for line in make_graded.solution_code(answer).splitlines():
                code = line.split("  #")[0].strip()
                if not _is_plain(code) and code not in allowed:
                    needles.add(code)
    for module in sorted((ROOT / "actlib_course" / "exercises").glob("*.py")):
        source = module.read_text()
        tree = ast.parse(source)
        docstrings = {ast.get_docstring(node, clean=False) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef))}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in docstrings:
                for piece in node.value.split("\n"):
                    piece = piece.strip()
                    if len(piece) >= 20 and piece not in allowed and not piece.startswith(("```", "import ")):
                        needles.add(piece)
        for line in source.splitlines():
            line = line.strip()
            if not _is_plain(line) and len(line) >= 25 and line not in allowed and not line.startswith(('"', "'")):
                needles.add(line)
    return needles


def _texts(folder: Path):
    """(name, text) of every notebook's cell sources and every file inside every archive under folder."""
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".ipynb":
            notebook = nbformat.read(path, as_version=4)
            yield str(path), path.read_text() + "\n".join(cell.source for cell in notebook.cells)
        elif path.suffix in (".whl", ".zip"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path.name}:{name}", archive.read(name).decode("utf-8", "replace")
        elif path.name.endswith((".tar.gz", ".tgz", ".tar")):
            with tarfile.open(path) as archive:
                for member in archive.getmembers():
                    if member.isfile():
                        yield f"{path.name}:{member.name}", archive.extractfile(member).read().decode("utf-8", "replace")
        elif path.is_file():
            yield str(path), path.read_text(errors="replace")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    output = tmp_path_factory.mktemp("course") / "graded"
    make_graded.write_graded(output)
    return output


@pytest.mark.build
@pytest.mark.nbgrader
def test_graded_folder_holds_release_notebooks_and_a_keyless_wheel(graded):
    released = sorted(p.name for p in (graded / "release").rglob("*.ipynb"))
    assert released == [p.name for p in make_graded.notebook_paths()]
    (wheel,) = graded.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "actlib/graded/forms.json" in names and "actlib/symbolic/answers.py" in names
    assert not [name for name in names if name.startswith("actlib_course")]  # the course is not in it at all


@pytest.mark.build
@pytest.mark.nbgrader
def test_nothing_of_the_instructors_in_graded(graded):
    needles = instructor_needles()
    assert len(needles) > 300   # the search looks for something: solutions, keys, slips, hints
    found = [(needle, name) for name, text in _texts(graded) for needle in needles if needle in text]
    assert not found, found[:20]


def test_the_search_finds_a_leak(tmp_path):
    """The search itself works: the instructor notebooks and the full package are full of needles."""
    needles = instructor_needles()
    shutil_copy = __import__("shutil").copytree
    shutil_copy(ROOT / "actlib_course" / "exercises", tmp_path / "exercises")
    for path in make_graded.notebook_paths():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    # the exercise modules' strings as Python reads them (a message split over source lines is one string)
    strings = [node.value for module in sorted((ROOT / "actlib_course" / "exercises").glob("*.py"))
               for node in ast.walk(ast.parse(module.read_text()))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    (tmp_path / "strings.txt").write_text("\n".join(strings))
    texts = list(_texts(tmp_path))
    assert sum(any(needle in text for _, text in texts) for needle in needles) == len(needles)


@pytest.mark.build
@pytest.mark.nbgrader
def test_released_exercise_cells_check_the_form_only(graded):
    notebook = nbformat.read(graded / "release" / "01_sigmoid" / "01_sigmoid.ipynb", as_version=4)
    text = nbformat.writes(notebook)
    assert "from actlib.graded import notebook01_sigmoid as exercises" in text
    assert "actlib_course.exercises" not in text and "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    graded_cells = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded_cells) == 5 and all(c.source.startswith("exercises.q") for c in graded_cells)
    for path in make_graded.notebook_paths():
        text = (graded / "release" / path.stem / path.name).read_text()
        assert ".hint()" not in text and ".solution()" not in text and "not available" in text, path.name


def test_make_graded_refuses_a_folder_it_did_not_create(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    with pytest.raises(SystemExit, match="not made by"):
        make_graded.write_graded(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep"


def test_forms_are_up_to_date():
    """actlib/graded/forms.json is what `scripts/make_graded.py --forms` writes from the exercises."""
    assert make_graded.FORMS.read_text() == make_graded.forms_text(make_graded.compute_forms())


@pytest.mark.build
@pytest.mark.nbgrader
def test_release_notebook_runs_on_the_keyless_wheel(graded, tmp_path, monkeypatch):
    """A student's machine: only the graded wheel's actlib (unzipped first on PYTHONPATH), no keys.
    The blank release runs top to bottom; a right answer and a malformed one get form feedback only."""
    from nbclient import NotebookClient
    (wheel,) = graded.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    notebook = nbformat.read(graded / "release" / "01_sigmoid" / "01_sigmoid.ipynb", as_version=4)
    answers = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")]
    answers[0].source = "answer = 'ten'"                                # q1 (a number) in the wrong form
    answers[1].source = "answer = '2*exp(-2*z)/(1 + exp(-2*z))**2'"     # q2 right
    notebook.cells.insert(1, nbformat.v4.new_code_cell(
        "import sys   # this machine's editable install of the full actlib is not on a student's machine\n"
        "sys.meta_path[:] = [finder for finder in sys.meta_path if 'editable' not in repr(finder)]\n"
        "import actlib, importlib.util\n"
        "assert actlib.__file__.startswith(%r), actlib.__file__\n"
        "assert importlib.util.find_spec('actlib_course') is None" % str(tmp_path / "site")))
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = [output.get("data", {}).get("text/plain", "") for cell in notebook.cells
             if cell.metadata.get("nbgrader", {}).get("grade") for output in cell.outputs]
    assert len(shown) == 5
    assert all(text.startswith("… Not answered yet") for text in shown[2:])
    assert shown[1].startswith("✓ Form accepted") and "does not say whether it is right" in shown[1]
    assert shown[0].startswith("✗ Check the form: could not read 'ten' as a number")
    assert not any("Correct" in text or "Not yet" in text for text in shown)


def test_a_change_form_checks_one_entry_and_says_nothing_of_the_knob():
    """Notebook 05's lab answers with one change, {"knob": value}; its form names no knob and no value."""
    from actlib.graded import FormCheck, notebook05_gradient_flow as gradient_flow
    assert gradient_flow.q3.form == {"kind": "change"}
    check = FormCheck("05.q3", "?", {"kind": "change"})
    assert check.check({"width": 4}).ok is True and check.check({"learning_rate": 0.3}).ok is True
    for wrong in ({}, {"width": 4, "init": "he"}, "width", [("width", 4)], {4: "width"}):
        feedback = check.check(wrong)
        assert feedback.ok is False and 'one entry, such as {"knob": value}' in feedback.message, wrong
