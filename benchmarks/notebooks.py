"""What each notebook asks of a learner: prose to read, exercises by kind, and the time to run it.

For every notebook: the prose words of its markdown (code excluded) in the core sections and in
"Going further" sections and references, its exercises by kind, the wall time to execute it top to
bottom in a fresh kernel (what nbval and `Run all` cost), and an estimate of a student's time on the
core of it: core words at 150 words a minute (technical prose with formulas read closely) + 3 minutes
per exercise outside "Going further" + the run time. The sum over 00 to the gradient-flow notebook is the core path, which
the README promises in about two and a half hours. Writes results/notebooks.md when run on all notebooks;
``--no-run`` skips execution (words and exercises only).
"""
import importlib
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT))

WORDS_PER_MINUTE = 150
MINUTES_PER_EXERCISE = 3
CORE_PATH_END = "05_gradient_flow"
KINDS = ("recall", "apply", "predict", "diagnose", "find the bug")
NOT_CORE = re.compile(r"going further|references|further reading|sources", re.I)


def _sections(markdown: str):
    """(line, is core) for each line of a MyST notebook's prose: code cells and front matter dropped;
    a line is not core under a heading that starts "Going further", "References", "Further reading"
    or "Sources", up to the next heading of the same or a higher level."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    markdown = re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)
    markdown = re.sub(r"^\+\+\+.*$", "", markdown, flags=re.M)  # MyST cell breaks
    outside_level = None  # the level of the open "Going further" heading, if any
    for line in markdown.splitlines():
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        if heading:
            level = len(heading.group(1))
            if outside_level is not None and level <= outside_level:
                outside_level = None
            if outside_level is None and NOT_CORE.match(heading.group(2)):
                outside_level = level
            line = heading.group(2)
        yield line, outside_level is None


def prose_words(markdown: str) -> tuple[int, int]:
    """(core words, other words) of a MyST notebook's prose (see _sections)."""
    core = other = 0
    for line, is_core in _sections(markdown):
        if is_core:
            core += len(line.split())
        else:
            other += len(line.split())
    return core, other


def core_exercises(markdown: str) -> int:
    """How many exercises ("**Exercise N.**") sit in the core sections rather than under "Going further"."""
    return sum(1 for line, is_core in _sections(markdown) if is_core and re.match(r"\*\*Exercise \d+\.\*\*", line))


def exercise_kinds(markdown: str) -> Counter:
    match = re.search(r"from actlib_course\.exercises import (\w+) as exercises", markdown)
    if not match:
        return Counter()
    module = importlib.import_module(f"actlib_course.exercises.{match.group(1)}")
    return Counter(exercise.kind for exercise in module.EXERCISES)


def run_seconds(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main():
    run = "--no-run" not in sys.argv
    chosen = [Path(p) for p in sys.argv[1:] if not p.startswith("--")]
    paths = chosen or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    header = (f"| {'notebook':<26} | core words | going further | exercises | "
              + " | ".join(KINDS) + " | run (s) | core minutes |")
    lines = ["# What each notebook asks of a learner\n",
             f"Prose words of the markdown (code excluded), split into the core and the \"Going further\"",
             "sections and references; exercises by kind; wall time to execute top to bottom in a fresh",
             f"kernel; core minutes = core words / {WORDS_PER_MINUTE} + {MINUTES_PER_EXERCISE} per exercise outside",
             "\"Going further\" + run time.",
             "Measured by `benchmarks/notebooks.py`.\n",
             header, "|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|"]
    print("\n".join(lines))
    core_path_minutes = total_minutes = 0.0
    totals = Counter()
    for path in paths:
        markdown = path.with_suffix(".md").read_text()
        core, other = prose_words(markdown)
        kinds = exercise_kinds(markdown)
        seconds = run_seconds(path) if run else 0.0
        minutes = core / WORDS_PER_MINUTE + MINUTES_PER_EXERCISE * core_exercises(markdown) + seconds / 60
        total_minutes += minutes
        if path.stem <= CORE_PATH_END:
            core_path_minutes += minutes
        totals.update(kinds)
        totals.update({"core": core, "other": other, "exercises": sum(kinds.values()), "seconds": seconds})
        lines.append(f"| {path.stem:<26} | {core:10,d} | {other:13,d} | {sum(kinds.values()):9d} | "
                     + " | ".join(f"{kinds[kind]:{len(kind)}d}" for kind in KINDS)
                     + f" | {seconds:7.1f} | {minutes:12.0f} |")
        print(lines[-1])
    lines.append(f"| {'all':<26} | {totals['core']:10,d} | {totals['other']:13,d} | {totals['exercises']:9d} | "
                 + " | ".join(f"{totals[kind]:{len(kind)}d}" for kind in KINDS)
                 + f" | {totals['seconds']:7.1f} | {total_minutes:12.0f} |")
    lines.append(f"\nThe core path (00 to {CORE_PATH_END}): about {core_path_minutes:.0f} minutes "
                 f"({core_path_minutes / 60:.1f} hours).")
    print("\n".join(lines[-2:]))
    if not chosen and run:
        (Path(__file__).resolve().parent / "results" / "notebooks.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
