"""CI has no conda, so this keeps environment.yml, pyproject.toml and the pip lock in step."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement):
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for name, group in project["optional-dependencies"].items():
        if name in ("torch", "browser", "nbgrader", "hub"):  # optional extras: benchmarks, CI, lecturers
            continue
        requirements += [r for r in group if not r.startswith("actlib")]
    return {_name(r): r for r in requirements}


def _conda_pins():
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)=([^\s#]+)", line)
        if match:
            pins[match[1].lower()] = match[2]
    return pins


def _lock_pins():
    lines = (ROOT / "requirements" / "lock.txt").read_text().splitlines()
    return {_name(line): line.split("==")[1].strip() for line in lines if "==" in line}


def test_environment_yml_names_the_same_packages_as_pyproject():
    conda = set(_conda_pins()) - {"python"}
    assert conda == set(_pyproject_requirements())


def test_environment_yml_pins_the_versions_in_the_lock():
    lock = _lock_pins()
    for name, version in _conda_pins().items():
        if name != "python":
            assert lock.get(name) == version, f"environment.yml pins {name}={version}, lock has {lock.get(name)}"


def test_lock_satisfies_pyproject_ranges():
    from packaging.requirements import Requirement

    lock = _lock_pins()
    for name, requirement in _pyproject_requirements().items():
        assert name in lock, f"{name} is in pyproject.toml but not pinned in requirements/lock.txt"
        assert Requirement(requirement).specifier.contains(lock[name]), (
            f"lock pins {name}=={lock[name]}, outside pyproject's {requirement}")


def test_environment_yml_python_matches_requires_python():
    from packaging.specifiers import SpecifierSet

    python = _conda_pins()["python"]
    assert SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]).contains(
        python + ".0")


def test_readme_set_up_is_make_lab_and_make_test_and_ci_runs_make_test():
    readme = (ROOT / "README.md").read_text()
    set_up = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", set_up, re.M)
    # the whole set-up is make lab and make test; then, for students with nothing installed, the site
    # that runs in a browser tab (make lite) beside the study site (make html)
    assert commands[:2] == ["make lab", "make test"] and commands[2:] == ["make lite", "make html"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)
