"""The learner's path: its order, what each notebook says it needs, and the core path's length.

The core path (00 to the gradient-flow notebook) is promised in about two and a half hours for a student who
knows the chain rule; benchmarks/notebooks.py estimates it (core prose at 150 words a minute plus
3 minutes an exercise) and reports it with run times in benchmarks/results/notebooks.md.
"""
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.md"))
_spec = importlib.util.spec_from_file_location("notebook_stats", ROOT / "benchmarks" / "notebooks.py")
stats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stats)


def test_the_path_runs_through_the_brief_then_gradient_flow_then_beyond_then_the_numerics_track():
    names = [path.stem for path in NOTEBOOKS]
    assert names[:9] == ["00_start_here", "01_sigmoid", "02_tanh", "03_relu", "04_leaky_relu", "05_gradient_flow",
                         "06_beyond_the_brief", "07_numerical_stability", "08_finite_differences"]
    assert any("card" in name for name in names[9:]), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_needs_only_notebooks_before_it(path):
    section = re.search(r"^## What you'll need\n(.*?)^#", path.read_text(), re.S | re.M).group(1)
    items = re.split(r"^- ", section, flags=re.M)  # a bullet may run over several lines
    required = [item for item in items if not re.search(r"see also|optional|later", item, re.I)]
    for number in re.findall(r"\]\((\d\d)_\w+\.ipynb", "\n".join(required)):
        assert number < path.name[:2], f"{path.name} needs notebook {number}, which comes after it"


def test_going_further_sections_are_not_core_prose():
    text = "# T\n\nfour words of core\n\n## Going further: more\n\nfive words not core here\n\n### deeper\n\nx y\n\n## Back\n\na b\n"
    assert stats.prose_words(text) == (1 + 4 + 1 + 2, 3 + 5 + 1 + 2)


def test_the_core_path_reads_in_about_two_hours():
    minutes = 0.0
    for path in NOTEBOOKS:
        if path.stem <= stats.CORE_PATH_END:
            markdown = path.read_text()
            core, _ = stats.prose_words(markdown)
            exercises = stats.core_exercises(markdown)
            minutes += core / stats.WORDS_PER_MINUTE + stats.MINUTES_PER_EXERCISE * exercises
    # "about two and a half hours": within 15 minutes of it, by an estimate that is itself rough
    assert minutes <= 165, f"the core path takes about {minutes:.0f} minutes to read and do (run time aside)"
