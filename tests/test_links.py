"""Every link between the notebooks, and from the README and CONTRIBUTING into the project, leads somewhere.

A renumbered or renamed notebook leaves links behind in prose; this fails on each, naming the file,
the link and what exists. A link with a #fragment into a notebook must name one of its headings
(JupyterLab's anchor: the heading text with spaces as hyphens).
"""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.md")) + [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def relative_links(text: str) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code is not prose: its brackets are not links
    return [target for target in LINK.findall(text)
            if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")]


def heading_anchors(notebook: Path) -> set[str]:
    cells = nbformat.read(notebook, as_version=4).cells
    headings = [line.lstrip("#").strip() for cell in cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("#")]
    return {heading.replace(" ", "-") for heading in headings}


def test_the_link_pattern_finds_the_links_it_should():
    text = "see [05 · Gradient flow](05_gradient_flow.ipynb) and [site](https://x.org) and [a](#b)\n```\n[x](y)\n```"
    assert relative_links(text) == ["05_gradient_flow.ipynb"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(source):
    dead = []
    for target in relative_links(source.read_text()):
        path, _, fragment = target.partition("#")
        resolved = (source.parent / path).resolve()
        if not resolved.exists():
            dead.append(f"{target} (no such file)")
        elif fragment and resolved.suffix == ".ipynb" and fragment not in heading_anchors(resolved):
            dead.append(f"{target} (no heading '{fragment}' in {resolved.name})")
    notebooks = ", ".join(path.name for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert not dead, f"{source.name} has dead links: {'; '.join(dead)}. The notebooks are: {notebooks}"
