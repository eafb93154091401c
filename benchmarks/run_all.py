"""Run every benchmark in this folder and print its table (`make bench`); tables are saved in results/."""
import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("accuracy.py", "activations.py", "nn.py", "training_kernels.py", "branch_pick.py", "notebooks.py"):
    print(f"\n## {script}\n")
    runpy.run_path(str(HERE / script), run_name="__main__")
