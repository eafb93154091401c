"""The HTML site: a page per notebook with its figures, no errors, working navigation, and no clobbering;
formulas typeset at build time, nothing loaded from a CDN, and every figure described where it is made.
(browser/test_site_offline.py opens every page in Chromium with the network refused.)

Building a site typesets its formulas with MathJax in Node (`make node`): those tests are marked ``build``
and ``node`` (`make test-build` installs the tools; `make test` runs them); the others are unit tests."""
import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import figure_alt  # noqa: E402
from figure_alt import carry_alt  # noqa: E402

PLACEHOLDER = "No description has been provided for this image"  # nbconvert's, for an <img> without alt
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("build") / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--output", str(output)],
                   check=True, capture_output=True, text=True)
    return output


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
@pytest.mark.build
@pytest.mark.node
def test_every_notebook_has_a_page_with_its_figures_and_no_errors(site, notebook):
    page = (site / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    stored = sum("image/png" in output.get("data", {})
                 for cell in nbformat.read(notebook, as_version=4).cells for output in cell.get("outputs", []))
    assert page.count("data:image/png;base64,") >= stored > 0
    assert "Traceback" not in page and "jp-RenderedText" in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page  # an error or warning output
    assert "widget-view+json" not in page  # explorers show their stored PNG, not a dead widget


@pytest.mark.build
@pytest.mark.node
def test_index_lists_every_notebook_in_order_and_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="([^"]+)">', index)
    assert links == [p.with_suffix(".html").name for p in NOTEBOOKS]
    for page in [site / "index.html", *(site / link for link in links)]:
        for target in re.findall(r'class="actlib-nav".*?</nav>', page.read_text(encoding="utf-8"), re.S):
            for href in re.findall(r'href="([^"]+)"', target):
                assert (site / href).exists(), f"{page.name} links to missing {href}"


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    import build_site  # in this process: a second Python would spend seconds importing nbconvert

    mine = tmp_path / "my_notes"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not touching it"):
        build_site.build(ROOT / "notebooks", mine)
    assert (mine / "notes.txt").read_text() == "mine"


@pytest.mark.build
@pytest.mark.node
def test_an_explorer_output_becomes_the_live_explorer_with_its_data_inline(tmp_path):
    """An explorer stored with its static data turns into explorer.js plus that data on the page (the
    browser test, browser/test_explorer_on_static_site.py, opens such a page and drives it offline)."""
    import json

    import actlib
    from actlib.views.explorer import MODULE, STATIC_MIME_TYPE

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
    assert page.count('alt="The explorer') == 1  # the fallback until the module runs (no alt of its own here)
    data = re.search(r'<div class="actlib-explorer-static"><script type="application/json">(.*?)</script>', page, re.S)
    assert json.loads(data.group(1)) == json.loads(json.dumps(bundle[STATIC_MIME_TYPE]))
    assert "https://" not in MODULE.read_text(encoding="utf-8")  # nothing fetched when the page opens


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
@pytest.mark.build
@pytest.mark.node
def test_every_figure_has_its_own_description_in_the_notebook_and_on_the_page(site, notebook):
    """Each cell that draws a figure says what it shows (cell metadata "alt", `:alt:` in the .md twin);
    the stored output carries it, and the page's <img alt> is exactly that text."""
    stored = nbformat.read(notebook, as_version=4)
    alts = [cell.metadata.get("alt") for cell in stored.cells
            for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
    assert carry_alt(nbformat.from_dict(stored)) == [], f"{notebook.name}: a figure without 'alt' in its cell's metadata"
    assert len(set(alts)) == len(alts), f"{notebook.name}: two figures share a description"
    for cell in stored.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):  # `make execute` runs scripts/figure_alt.py
                assert output.metadata.get("image/png", {}).get("alt") == cell.metadata["alt"], cell.source[:80]
    page = (site / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    assert PLACEHOLDER not in page
    page_alts = [html.unescape(alt) for alt in re.findall(r'<img [^>]*?alt="([^"]*)"', page)]
    assert sorted(page_alts) == sorted(alts)


def test_a_figure_without_a_description_is_reported(tmp_path, capsys):
    image = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("plt.show()", outputs=[
        nbformat.v4.new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"})])])
    path = tmp_path / "01_figure.ipynb"
    nbformat.write(notebook, path)
    assert figure_alt.main([str(path)]) == 1  # the exit status of scripts/figure_alt.py
    assert "cell 0 draws a figure but has no 'alt'" in capsys.readouterr().err


@pytest.mark.build
@pytest.mark.node
def test_pages_typeset_their_formulas_and_load_nothing_from_the_network(site):
    for page in sorted(site.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', text), page.name
        assert "mathjax" not in text.lower() or "mjx-container" in text, page.name  # no MathJax loader
        assert "cdnjs" not in text and "unpkg" not in text and "jsdelivr" not in text, page.name
    sigmoid = (site / "01_sigmoid.html").read_text(encoding="utf-8")
    assert sigmoid.count("<mjx-container") > 50 and sigmoid.count("<mjx-assistive-mml") == sigmoid.count("<mjx-container")
    assert "$\\sigma" not in sigmoid and "\\frac{" not in re.sub(r"<(pre|code|script)\b.*?</\1>", "", sigmoid, flags=re.S)
    for asset in ("minisearch.js", "search-index.js", "search.js", "site.css", "theme-dark.css"):
        assert (site / "assets" / asset).stat().st_size > 0
    assert "prefers-color-scheme: dark" in (site / "assets" / "theme-dark.css").read_text(encoding="utf-8")
    assert "@media print" in (site / "assets" / "site.css").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.node
def test_every_page_links_the_derivative_card_and_the_card_is_typeset(site):
    """The card (notebook 09, the one whose name contains "card") is a page, linked from every page's nav."""
    card, = [p.with_suffix(".html").name for p in NOTEBOOKS if "card" in p.name]
    for page in sorted(site.glob("*.html")):
        navs = re.findall(r'<nav class="actlib-nav".*?</nav>', page.read_text(encoding="utf-8"), re.S)
        assert navs and all(f'href="{card}" class="actlib-card-link"' in nav and ">Derivative card</a>" in nav
                            for nav in navs), page.name
    text = (site / card).read_text(encoding="utf-8")
    assert text.count('aria-current="page">Derivative card') == 2  # top and bottom nav, marked as here
    tables = re.sub(r"<(pre|code|script)\b.*?</\1>", "", text, flags=re.S)
    for name in ("sigmoid", "relu", "gelu", "mish"):
        assert f"<td>{name}" in tables, name  # a row per activation, rendered as a table
    import actlib
    assert "\\frac{" not in tables, "a formula left untypeset"
    assert tables.count("<mjx-container") >= 3 * len(actlib.names())  # g, g′ and the computed g′ of each


@pytest.mark.build
@pytest.mark.node
def test_a_card_notebook_is_linked_from_every_page_of_any_site(tmp_path):
    """A small site of two notebooks: the one named *card* gets the nav link on both pages and the index."""
    source = tmp_path / "notebooks"
    source.mkdir()
    for name, title in (("01_first", "First"), ("02_my_card", "My card")):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
            f"# {title}\n\n## What you'll do\n\nRead $g'(z)$.")]), source / f"{name}.ipynb")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--source", str(source),
                    "--output", str(tmp_path / "site")], check=True, capture_output=True, text=True)
    for page in ("index.html", "01_first.html", "02_my_card.html"):
        text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert '<a href="02_my_card.html" class="actlib-card-link"' in text, page
    first = (tmp_path / "site" / "01_first.html").read_text(encoding="utf-8")
    assert 'aria-current="page"' not in first
