"""`import actlib` stays quick: every notebook pays it, so the heavy optional libraries load on first use."""
import subprocess
import sys


def test_import_actlib_loads_no_scipy_matplotlib_or_widgets_until_used():
    script = ("import sys, numpy as np, actlib\n"
              "heavy = ('scipy', 'matplotlib', 'ipywidgets')\n"
              "print(sorted(name for name in heavy if name in sys.modules))\n"
              "print(float(actlib.get('gelu').derivative(np.array([-3.0]))[0]), 'scipy' in sys.modules)\n")
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"MPLBACKEND": "Agg", "PATH": ""}).stdout.splitlines()
    assert lines[0] == "[]"
    slope, scipy_loaded = lines[1].split()
    assert abs(float(slope) - (-0.0119456472)) < 1e-9 and scipy_loaded == "True"   # GELU's slope loads it when needed
