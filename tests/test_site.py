"""The HTML site: a page per notebook with its figures, no errors, working navigation, and no clobbering."""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("build") / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--output", str(output)],
                   check=True, capture_output=True, text=True)
    return output


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_a_page_with_its_figures_and_no_errors(site, notebook):
    page = (site / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    stored = sum("image/png" in output.get("data", {})
                 for cell in nbformat.read(notebook, as_version=4).cells for output in cell.get("outputs", []))
    assert page.count("data:image/png;base64,") >= stored > 0
    assert "Traceback" not in page and "jp-RenderedText" in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page  # an error or warning output
    assert "widget-view+json" not in page  # explorers show their stored PNG, not a dead widget


def test_index_lists_every_notebook_in_order_and_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="([^"]+)">', index)
    assert links == [p.with_suffix(".html").name for p in NOTEBOOKS]
    for page in [site / "index.html", *(site / link for link in links)]:
        for target in re.findall(r'class="actlib-nav".*?</nav>', page.read_text(encoding="utf-8"), re.S):
            for href in re.findall(r'href="([^"]+)"', target):
                assert (site / href).exists(), f"{page.name} links to missing {href}"


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    mine = tmp_path / "my_notes"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--output", str(mine)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "not touching it" in result.stderr
    assert (mine / "notes.txt").read_text() == "mine"
