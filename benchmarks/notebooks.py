"""Wall time to execute each notebook top to bottom in a fresh kernel (what nbval and `Run all` cost)."""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def main():
    paths = [Path(p) for p in sys.argv[1:]] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    print(f"| {'notebook':<28} | seconds |")
    print(f"|{'-' * 30}|--------:|")
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        print(f"| {path.name:<28} | {time.perf_counter() - start:7.1f} |")


if __name__ == "__main__":
    main()
