"""Write student copies of the notebooks (`make student`): solutions stripped, exercise outputs cleared.

The notebooks in notebooks/ are the instructor's version: every answer cell holds a worked solution
between nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers, and the cell after it
grades the answer (``exercises.qN.grade(answer)``). A student copy replaces each answer cell by the
stub stored in its metadata (``answer = ...`` with a comment, or a function to complete), clears the
outputs of the answer and grading cells, and keeps everything else, checks included, so it runs top
to bottom and every grading cell says "Not answered yet".

The instructor notebooks are only read. The output folder (default student/) is created with a
marker file, and an existing folder without that marker is never written to.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from generated_folder import replace_generated_folder

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".built-by-actlib-make-student"
INSTRUCTOR_NOTE = re.compile(r"\n*This is the instructor's version of the notebook:.*?(?=\n\n|\Z)", re.S)
SOLUTION = re.compile(r"### BEGIN SOLUTION.*?### END SOLUTION\n?", re.S)


def is_answer_cell(cell) -> bool:
    return cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution", False)


def is_graded_cell(cell) -> bool:
    return cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade", False)


def student_copy(notebook):
    """A copy of an instructor notebook with the solutions replaced by stubs (the input is unchanged)."""
    notebook = nbformat.from_dict(notebook)
    # No markdown twin goes with a student copy: without this, jupytext (where installed, as on a hub)
    # writes one on every save and then refuses the notebook once a pull (nbgitpuller) makes it newer.
    notebook.metadata.pop("jupytext", None)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = INSTRUCTOR_NOTE.sub("", cell.source)
        elif is_answer_cell(cell):
            stub = cell.metadata.get("actlib", {}).get("student_stub", "answer = ...   # your answer")
            cell.source = SOLUTION.sub(stub + "\n", cell.source).rstrip("\n")
            cell.metadata.pop("actlib", None)
        if is_answer_cell(cell) or is_graded_cell(cell):
            cell.outputs, cell.execution_count = [], None
    return notebook


def write_student_copies(source: Path, output: Path) -> list[Path]:
    if output.resolve() == source.resolve():
        raise SystemExit("The student copies must go to a folder other than the instructor notebooks'.")
    replace_generated_folder(output, MARKER, "scripts/make_student.py (`make student`)",
                             "Choose another folder (STUDENT=...) or remove it yourself.")
    written = []
    for path in sorted(source.glob("[0-9][0-9]_*.ipynb")):
        copy = student_copy(nbformat.read(path, as_version=4))
        nbformat.write(copy, output / path.name)
        written.append(output / path.name)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "student")
    args = parser.parse_args()
    written = write_student_copies(args.source, args.output)
    print(f"wrote {len(written)} student notebooks to {args.output}")


if __name__ == "__main__":
    sys.exit(main())
