"""nbgrader's own assignment generation accepts the instructor notebooks unchanged (`make test-nbgrader`).

A temporary course directory gets one notebook per assignment; ``nbgrader generate_assignment``
must succeed and produce a release version with the solutions replaced by the stub and the graded
cells locked. nbgrader is an optional extra (`pip install -e '.[nbgrader]'`), never a core dependency.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "coursework" / "nbgrader_config.py"


@pytest.mark.parametrize("notebook", ["00_start_here.ipynb", "01_sigmoid.ipynb", "05_gradient_flow.ipynb",
                                      "06_beyond_the_brief.ipynb"])
def test_generate_assignment(tmp_path, notebook):
    assignment = Path(notebook).stem
    source = tmp_path / "source" / assignment
    source.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / notebook, source / notebook)
    shutil.copy(CONFIG, tmp_path / "nbgrader_config.py")
    # nbgrader runs `alembic` (its database migrations) by name: put this environment's bin first on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    released = nbformat.read(tmp_path / "release" / assignment / notebook, as_version=4)
    text = nbformat.writes(released)
    assert "BEGIN SOLUTION" not in text
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    graded = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert answers and all(c.source.startswith("answer = ...") for c in answers)
    assert graded and all(c.metadata["nbgrader"]["locked"] for c in graded)
    assert all(not c.outputs for c in answers + graded)
