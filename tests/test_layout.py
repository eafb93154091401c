"""The layout holds: every import in actlib/ and actlib_course/ follows CONTRIBUTING.md's map.

The map ("Where code lives") is the one statement of which folder may import which; this test reads it
from CONTRIBUTING.md, so changing the rules means changing that table. It also checks that no module
imports another module's private names (``from x import _helper``): what one module needs from another
is public there.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("actlib", "actlib_course")


def layout_rules() -> dict[str, tuple[str, ...]]:
    """path or folder (as written in the map) -> the paths and folders it may import."""
    text = (ROOT / "CONTRIBUTING.md").read_text()
    section = re.search(r"^## Where code lives\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "CONTRIBUTING.md lost its section 'Where code lives'"
    rules = {}
    for row in re.findall(r"^\| (`.*?) \|.*\| (.*?) \|$", section.group(1), re.M):
        places, allowed = re.findall(r"`([^`]+)`", row[0]), row[1]
        if allowed.startswith("all of"):
            allowed_places = tuple(re.findall(r"`([^`]+)`", allowed))
        elif allowed.startswith("nothing"):
            allowed_places = ()
        else:
            allowed_places = tuple(re.findall(r"`([^`]+)`", allowed))
        for place in places:
            rules[place] = allowed_places + tuple(places)
    assert rules, "no rows found in CONTRIBUTING.md's map"
    return rules


RULES = layout_rules()


def place_of(path: str) -> str | None:
    """The map's row for a file (a path relative to the repository): the file itself, else its nearest folder."""
    if path in RULES:
        return path
    folders = [place for place in RULES if place.endswith("/") and path.startswith(place)]
    return max(folders, key=len) if folders else None


def module_path(module: str) -> str | None:
    """actlib.training.nn -> actlib/training/nn.py; a package -> its __init__.py; None outside the project."""
    if module.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    if base.with_suffix(".py").exists():
        return base.with_suffix(".py").relative_to(ROOT).as_posix()
    if (base / "__init__.py").exists():
        return (base / "__init__.py").relative_to(ROOT).as_posix()
    return None


def imports_of(text: str, here: str):
    """(imported module, names imported from it, line) for every import in the module at ``here``
    (a path relative to the repository), relative imports resolved."""
    package = tuple(Path(here).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ((base,) if base else ()))
            names = tuple(alias.name for alias in node.names)
            yield base, names, node.lineno
            for name in names:  # `from actlib.training import nn` imports the module actlib.training.nn
                if module_path(f"{base}.{name}"):
                    yield f"{base}.{name}", (), node.lineno


def import_problems(text: str, here: str) -> list[str]:
    """Each import of the module at ``here`` that the map does not allow, and each private name imported."""
    allowed = RULES[place_of(here)]
    problems = []
    for module, names, line in imports_of(text, here):
        target = module_path(module)
        if target is None or target == here:
            continue
        if not any(target == place or (place.endswith("/") and target.startswith(place)) for place in allowed):
            problems.append(f"line {line}: {module} (in {place_of(target)})")
        private = [name for name in names if name.startswith("_") and not name.startswith("__")]
        if private and not module_path(f"{module}.{private[0]}"):
            problems.append(f"line {line}: the private {', '.join(private)} of {module}")
    return problems


SOURCES = sorted(path.relative_to(ROOT).as_posix() for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_every_module_has_a_place_in_the_map():
    homeless = [path for path in SOURCES if place_of(path) is None]
    assert not homeless, f"add these to CONTRIBUTING.md's map ('Where code lives'): {homeless}"


@pytest.mark.parametrize("here", SOURCES)
def test_imports_follow_the_map(here):
    problems = import_problems((ROOT / here).read_text(), here)
    assert not problems, (f"{here} may import only {', '.join(RULES[place_of(here)])} "
                          "(CONTRIBUTING.md, 'Where code lives'):\n" + "\n".join(problems))


def test_a_wrong_import_is_caught():
    """A lower layer importing a higher one, or another module's private name, is reported."""
    here = "actlib/activations/base.py"
    text = (ROOT / here).read_text()
    assert import_problems(text, here) == []
    wrong = text + "\nfrom actlib.views.plotting import plot_activation\nfrom actlib.arguments import _private\n"
    problems = import_problems(wrong, here)
    assert any("actlib.views.plotting (in actlib/views/)" in problem for problem in problems), problems
    assert any("the private _private of actlib.arguments" in problem for problem in problems), problems
    assert import_problems("from actlib.activations import get\n", "actlib_course/checks/numbers.py") == []
    assert import_problems("import actlib_course\n", "actlib/graded/__init__.py")
