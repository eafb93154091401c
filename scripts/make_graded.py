"""Graded coursework (`make graded`): release notebooks and a package with no answer key, for students.

Self-study notebooks (notebooks/) import ``actlib_course.exercises``: feedback that tells right from wrong,
hints, worked solutions. Graded mode splits that in two:

* **What students get** (``graded/``, written by ``make graded``): nbgrader's release version of
  every notebook, whose exercise cells import ``actlib.graded`` (a check of the answer's *form*:
  number, formula, pair, letter, function; never of its value), and a wheel of actlib built without
  ``actlib_course/exercises`` (the keys, hints and solutions).
* **What stays with the lecturer**: the nbgrader *source* notebooks (``--course DIR`` writes them to
  ``DIR/source/<notebook>/``): each answer cell holds the worked solution between nbgrader's solution
  markers and each graded cell holds, between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``,
  the real check from the lecturer's full actlib. nbgrader strips both from the release and restores
  the hidden tests when it autogrades.

``--forms`` rewrites actlib/graded/forms.json (each exercise's prompt and answer form) from the
exercise modules and the solutions. notebooks/ is only read; ``graded/`` is created with a marker
file, and an existing folder without it is never written to.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated_folder import replace_generated_folder  # noqa: E402
from make_student import INSTRUCTOR_NOTE, is_answer_cell, is_graded_cell  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FORMS = ROOT / "actlib" / "graded" / "forms.json"
CONFIG = ROOT / "coursework" / "nbgrader_config.py"
MARKER = ".built-by-actlib-make-graded"
IMPORT = re.compile(r"from actlib_course\.exercises import (\w+) as exercises")
GRADING = re.compile(r"exercises\.(q\d+)\.grade\(answer\)")
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
# The self-study sentences about hints and worked solutions, to the end of their paragraph.
SELF_STUDY_HELP = re.compile(r"(Stuck\? )?`exercises\.q\d+\.hint\(\)`.*?(?=\n\n|\Z)", re.S)
GRADED_HELP = ("In graded work the check says only whether your answer has the form the question asks for "
               "(a number, a formula, a pair, a letter, a function); it is marked after you submit. Hints "
               "and worked solutions are not available.")
# The hidden test comes first so that the visible check stays the cell's last line, the one shown.
HIDDEN = """### BEGIN HIDDEN TESTS
from actlib_course.exercises import {module} as _answer_keys   # the lecturer's actlib only
assert _answer_keys.{q}(answer), _answer_keys.{q}(answer)
### END HIDDEN TESTS
exercises.{q}.check(answer)   # the answer's form only: it is marked when the notebook is graded"""


def notebook_paths(source: Path = NOTEBOOKS) -> list[Path]:
    return sorted(source.glob("[0-9][0-9]_*.ipynb"))


def exercise_module(notebook) -> str:
    """The actlib_course.exercises module a notebook imports as ``exercises``."""
    for cell in notebook.cells:
        match = IMPORT.search(cell.source) if cell.cell_type == "code" else None
        if match:
            return match.group(1)
    raise ValueError("the notebook does not import its exercises")


def exercise_cells(notebook):
    """(qN, answer cell, grading cell) for every exercise, in order."""
    cells = notebook.cells
    for answer, grading in zip(cells, cells[1:]):
        if is_answer_cell(answer) and is_graded_cell(grading):
            yield GRADING.fullmatch(grading.source.strip()).group(1), answer, grading


def solution_code(answer_cell) -> str:
    return SOLUTION.search(answer_cell.source).group(1)


def graded_source(notebook):
    """The lecturer's nbgrader source version of an instructor notebook (the input is unchanged)."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("jupytext", None)   # no markdown twin goes with it (see make_student.py)
    module = exercise_module(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = SELF_STUDY_HELP.sub(GRADED_HELP, INSTRUCTOR_NOTE.sub("", cell.source))
        elif IMPORT.search(cell.source):
            cell.source = IMPORT.sub(r"from actlib.graded import \1 as exercises", cell.source)
    for q, answer, grading in exercise_cells(notebook):
        answer.metadata.pop("actlib", None)
        grading.source = HIDDEN.format(q=q, module=module)
        for cell in (answer, grading):
            cell.outputs, cell.execution_count = [], None
    return notebook


# -- the forms: what the visible checks accept ---------------------------------------------------

def answer_form(answer, prompt: str) -> dict:
    """The form of a correct answer: its type and shape, never its value."""
    if callable(answer) and not isinstance(answer, type):
        return {"kind": "function", "name": answer.__name__,
                "parameters": list(inspect.signature(answer).parameters)}
    if isinstance(answer, dict):   # one change of a configuration (notebook 05's lab): never its knob or value
        return {"kind": "change"}
    if isinstance(answer, (tuple, list)):
        return {"kind": "tuple", "items": [answer_form(item, prompt) for item in answer]}
    if isinstance(answer, str):
        letters = re.findall(r"\(([a-h])\)", prompt)
        if letters and answer.strip().lower() in letters:
            return {"kind": "choice", "letters": letters}
        return {"kind": "expression"}
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        return {"kind": "number"}
    import sympy
    if isinstance(answer, sympy.Basic):
        return {"kind": "expression"}
    raise TypeError(f"no form for an answer of type {type(answer).__name__}")


def _run_solution(notebook, answer_cell):
    """The answer a solution computes: on its own if it can, else after the notebook's earlier cells."""
    code = solution_code(answer_cell)
    namespace = {}
    try:
        exec(code, namespace)
    except NameError:  # the solution uses the notebook's own variables: run what comes before it
        namespace = {}
        os.environ.setdefault("MPLBACKEND", "Agg")
        for cell in notebook.cells:
            if cell is answer_cell:
                break
            if cell.cell_type == "code" and not is_graded_cell(cell):
                exec("\n".join(line for line in cell.source.splitlines() if not line.startswith("%")), namespace)
        exec(code, namespace)
    return namespace["answer"]


def compute_forms(source: Path = NOTEBOOKS) -> dict:
    import importlib
    forms = {}
    for path in notebook_paths(source):
        notebook = nbformat.read(path, as_version=4)
        module = exercise_module(notebook)
        exercises = importlib.import_module(f"actlib_course.exercises.{module}")
        forms[module] = {}
        for q, answer_cell, _ in exercise_cells(notebook):
            exercise = getattr(exercises, q)
            forms[module][q] = {"key": exercise.key, "prompt": exercise.prompt,
                                "form": answer_form(_run_solution(notebook, answer_cell), exercise.prompt)}
    return forms


def forms_text(forms: dict) -> str:
    return json.dumps(forms, indent=1, ensure_ascii=False) + "\n"


# -- the lecturer's course directory and the students' folder ------------------------------------

def write_course_sources(course: Path, source: Path = NOTEBOOKS, assignment: str | None = None) -> list[str]:
    """nbgrader source notebooks (with solutions and hidden tests) in ``course/source/<notebook>/``, or
    all in ``course/source/<assignment>/`` when one assignment is named. Returns the assignments."""
    assignments = []
    for path in notebook_paths(source):
        folder = course / "source" / (assignment or path.stem)
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(graded_source(nbformat.read(path, as_version=4)), folder / path.name)
        if folder.name not in assignments:
            assignments.append(folder.name)
    if not (course / "nbgrader_config.py").exists():
        shutil.copy(CONFIG, course / "nbgrader_config.py")
    return assignments


def nbgrader(course: Path, *arguments: str, env=None) -> subprocess.CompletedProcess:
    """Run ``nbgrader`` from this environment in ``course`` (alembic, which it runs by name, on PATH)."""
    env = {**os.environ, **(env or {})}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([sys.executable, "-m", "nbgrader", *arguments], cwd=course, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"nbgrader {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result


def build_keyless_wheel(output: Path) -> Path:
    """A wheel of the library alone, version ``+graded``: the course package (actlib_course: answer keys,
    hints, solutions, feedback) is not in the build's source at all."""
    with tempfile.TemporaryDirectory() as staging:
        staging = Path(staging)
        shutil.copytree(ROOT / "actlib", staging / "actlib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        pyproject = (ROOT / "pyproject.toml").read_text()
        pyproject = re.sub(r'^version = "([^"]+)"', r'version = "\1+graded"', pyproject, count=1, flags=re.M)
        pyproject = pyproject.replace('readme = "README.md"\n', "")
        (staging / "pyproject.toml").write_text(pyproject)
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                                "--wheel-dir", str(output), str(staging)], capture_output=True, text=True)
        if built.returncode:
            raise RuntimeError(f"building the graded wheel failed:\n{built.stdout}{built.stderr}")
    (wheel,) = output.glob("actlib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        leaked = [name for name in archive.namelist() if name.startswith("actlib_course/")]
    if leaked:
        raise RuntimeError(f"the graded wheel contains {leaked}")
    return wheel


README = """# Graded coursework built from actlib (`make graded`)

Hand this folder to students; it holds no answer key and no worked solution.

- `release/<notebook>/<notebook>.ipynb`: nbgrader's release version of each notebook (answers
  blank, outputs cleared). Each exercise's check says whether an answer has the form asked for,
  not whether it is right.
- `{wheel}`: the actlib package without its exercise keys: `pip install {wheel}`.

The lecturer grades with nbgrader in a course directory made by
`python scripts/make_graded.py --course DIR` (the source notebooks with solutions and hidden tests)
and the full actlib installed (`make install`); see the README's "Use it in a course".
"""


def write_graded(output: Path, source: Path = NOTEBOOKS) -> list[Path]:
    if output.resolve() == source.resolve():
        raise SystemExit("graded/ must be a folder other than the instructor notebooks'.")
    replace_generated_folder(output, MARKER, "scripts/make_graded.py (`make graded`)",
                             "Choose another folder (GRADED=...) or remove it yourself.")
    written = []
    with tempfile.TemporaryDirectory() as course:
        course = Path(course)
        for assignment in write_course_sources(course, source):
            nbgrader(course, "generate_assignment", assignment, "--force")
        shutil.copytree(course / "release", output / "release")
    written += sorted((output / "release").rglob("*.ipynb"))
    wheel = build_keyless_wheel(output)
    (output / "README.md").write_text(README.format(wheel=wheel.name))
    return written + [wheel]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=NOTEBOOKS)
    parser.add_argument("--output", type=Path, default=ROOT / "graded")
    parser.add_argument("--course", type=Path, help="write the lecturer's nbgrader source notebooks here instead")
    parser.add_argument("--forms", action="store_true", help="rewrite actlib/graded/forms.json")
    args = parser.parse_args()
    if args.forms:
        FORMS.write_text(forms_text(compute_forms(args.source)), encoding="utf-8")
        print(f"wrote {FORMS.relative_to(ROOT)}")
    elif args.course:
        assignments = write_course_sources(args.course, args.source)
        print(f"wrote {len(assignments)} source notebooks to {args.course / 'source'}; next: "
              f"cd {args.course} && nbgrader generate_assignment <notebook>")
    else:
        written = write_graded(args.output, args.source)
        print(f"wrote {len(written) - 1} release notebooks and {written[-1].name} to {args.output}")


if __name__ == "__main__":
    sys.exit(main())
