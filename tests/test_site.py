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


def test_an_explorer_output_becomes_the_live_explorer_with_its_data_inline(tmp_path):
    """An explorer stored with its static data turns into explorer.js plus that data on the page (the
    browser test, browser/test_explorer_on_static_site.py, opens such a page and drives it offline)."""
    import json

    import actlib
    from actlib.explorer import MODULE, STATIC_MIME_TYPE

    bundle = actlib.explore("leaky_relu", z=-2.0, alpha=0.1)._repr_mimebundle_()
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Explorer page\n\n## What you'll do\n\nMove z."),
        nbformat.v4.new_code_cell('actlib.explore("leaky_relu", z=-2.0, alpha=0.1)', execution_count=1,
                                  outputs=[nbformat.v4.new_output("display_data", data=bundle)]),
    ])
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(notebook, source / "01_explorer.ipynb")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--source", str(source),
                    "--output", str(tmp_path / "site")], check=True, capture_output=True, text=True)
    page = (tmp_path / "site" / "01_explorer.html").read_text(encoding="utf-8")
    assert MODULE.read_text(encoding="utf-8") in page and "renderStatic" in page
    assert "widget-view+json" not in page, page[page.find("widget-view+json") - 300:page.find("widget-view+json") + 50]
    assert page.count("<img alt=\"The explorer") == 1  # the fallback until the module runs
    data = re.search(r'<div class="actlib-explorer-static"><script type="application/json">(.*?)</script>', page, re.S)
    assert json.loads(data.group(1)) == json.loads(json.dumps(bundle[STATIC_MIME_TYPE]))
    assert "https://" not in MODULE.read_text(encoding="utf-8")  # nothing fetched when the page opens
