"""Wall time to execute each notebook top to bottom in a fresh kernel (what nbval and `Run all` cost)."""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def main():
    paths = [Path(p) for p in sys.argv[1:]] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    lines = ["# Time to execute each notebook top to bottom in a fresh kernel\n",
             f"| {'notebook':<28} | seconds |", f"|{'-' * 30}|--------:|"]
    print("\n".join(lines))
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        lines.append(f"| {path.name:<28} | {time.perf_counter() - start:7.1f} |")
        print(lines[-1])
    if not sys.argv[1:]:
        (Path(__file__).resolve().parent / "results" / "notebooks.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
