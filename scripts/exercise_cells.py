"""Each notebook's exercise cells, written from their one source: the Exercise in actlib_course/exercises.

An exercise takes three cells in its notebook: the markdown prompt ("**Exercise N.**" and the
exercise's ``prompt``), the answer cell (the worked ``answer_code`` between nbgrader's solution
markers, the ``stub`` a student copy shows instead, nbgrader's metadata) and the grading cell
(``exercises.qN.grade(answer)``, worth ``points``). ``--write`` rewrites those cells in every
notebook (then syncs the markdown twins with jupytext); ``--check`` (and tests/test_exercise_cells.py)
fails when a notebook and its exercises disagree. Text above "**Exercise N.**" in the prompt's
markdown cell (the section's introduction) belongs to the notebook and is kept.
"""
from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_graded import GRADING, exercise_module, notebook_paths  # noqa: E402
from make_student import is_answer_cell, is_graded_cell  # noqa: E402


def nbgrader_metadata(exercise, answer: bool) -> dict:
    grade_id = exercise.key.replace(".", "-") + ("-answer" if answer else "")
    metadata = {"grade": not answer, "grade_id": grade_id, "locked": not answer, "schema_version": 3,
                "solution": answer, "task": False}
    if not answer:
        metadata["points"] = exercise.points
    return metadata


def prompt_text(exercise) -> str:
    return f"**Exercise {int(exercise.key.split('.q')[1])}.** {exercise.prompt}"


def answer_source(exercise) -> str:
    return f"### BEGIN SOLUTION\n{exercise.answer_code}### END SOLUTION"


def grading_source(exercise) -> str:
    return f"exercises.q{exercise.key.split('.q')[1]}.grade(answer)"


def _exercises(notebook):
    module = importlib.import_module(f"actlib_course.exercises.{exercise_module(notebook)}")
    return module.EXERCISES


def _located(notebook):
    """(exercise, prompt cell, answer cell, grading cell) for each exercise of the module, in order."""
    cells = notebook.cells
    found = {}
    for index, cell in enumerate(cells[1:-1], 1):
        if is_answer_cell(cell) and is_graded_cell(cells[index + 1]):
            q = GRADING.fullmatch(cells[index + 1].source.strip()).group(1)
            found[q] = (cells[index - 1], cell, cells[index + 1])
    return [(exercise, *found.get(f"q{exercise.key.split('.q')[1]}", (None, None, None)))
            for exercise in _exercises(notebook)]


def differences(notebook) -> list[str]:
    """What in the notebook's exercise cells differs from their source, one line each ([] if nothing)."""
    problems = []
    for exercise, prompt, answer, grading in _located(notebook):
        if answer is None:
            problems.append(f"{exercise.key}: no answer and grading cells")
            continue
        if not prompt.source.endswith(prompt_text(exercise)):
            problems.append(f"{exercise.key}: the prompt differs")
        if answer.source != answer_source(exercise):
            problems.append(f"{exercise.key}: the answer cell differs")
        if answer.metadata.get("actlib", {}).get("student_stub") != exercise.stub:
            problems.append(f"{exercise.key}: the student stub differs")
        if answer.metadata.get("nbgrader") != nbgrader_metadata(exercise, answer=True):
            problems.append(f"{exercise.key}: the answer cell's nbgrader metadata differs")
        if grading.source != grading_source(exercise):
            problems.append(f"{exercise.key}: the grading cell differs")
        if grading.metadata.get("nbgrader") != nbgrader_metadata(exercise, answer=False):
            problems.append(f"{exercise.key}: the grading cell's nbgrader metadata differs")
    return problems


def rewrite(notebook) -> None:
    """Write every exercise's cells from its source, in place (outputs kept)."""
    for exercise, prompt, answer, grading in _located(notebook):
        if answer is None:
            raise SystemExit(f"{exercise.key}: the notebook has no answer and grading cells for it; add them by hand once")
        marker = re.search(rf"\*\*Exercise {int(exercise.key.split('.q')[1])}\.\*\*", prompt.source)
        prompt.source = prompt.source[:marker.start()] + prompt_text(exercise)
        answer.source = answer_source(exercise)
        answer.metadata.setdefault("actlib", {})["student_stub"] = exercise.stub
        answer.metadata["nbgrader"] = nbgrader_metadata(exercise, answer=True)
        grading.source = grading_source(exercise)
        grading.metadata["nbgrader"] = nbgrader_metadata(exercise, answer=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the notebooks' exercise cells")
    args = parser.parse_args()
    problems = []
    for path in notebook_paths():
        twin = path.with_suffix(".md")
        if args.write and twin.exists() and twin.stat().st_mtime > path.stat().st_mtime:
            # The markdown twin holds edits the notebook lacks: bring them in first, or rewriting the
            # notebook and syncing it back would overwrite them.
            subprocess.run([Path(sys.executable).parent / "jupytext", "--sync", str(twin)], check=True,
                           capture_output=True)
        notebook = nbformat.read(path, as_version=4)
        found = differences(notebook)
        if found and args.write:
            rewrite(notebook)
            nbformat.write(notebook, path)
            subprocess.run([Path(sys.executable).parent / "jupytext", "--sync", str(path)], check=True,
                           capture_output=True)
            print(f"rewrote {path.name}: " + "; ".join(found))
        else:
            problems += [f"{path.name} {line}" for line in found]
    print("\n".join(problems) or "every notebook's exercise cells agree with actlib_course/exercises")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
