"""Render every notebook, with its stored outputs and figures, to a static HTML site (`make html`).

Why nbconvert: it ships with JupyterLab already, renders the stored outputs exactly as they are
(nothing is executed, no network is needed to build), and its "lab" template looks like JupyterLab.
Jupyter Book would add a large toolchain for what is a single, ordered list of pages.

Each page gets a navigation bar (contents, the derivative card, previous, next); ``index.html``
lists the notebooks in reading order with the one-line summary from each notebook's "What you'll
do". Pages are made from
the student version of each notebook (scripts/make_student.py), so the exercises show no solutions.
An explorer's
widget view needs a kernel, so it is dropped from the copy that is rendered; in its place the page
gets the explorer itself: actlib/views/explorer/explorer.js, the module the notebook's widget runs, inlined
in the page with the numbers the explorer stored in its output (``application/vnd.actlib.explorer+json``:
every reachable z and h, for a few positions of each parameter). It draws with no kernel and no
network; until it runs (or without JavaScript) the stored PNG and text readout show. Outputs stored
before the explorer had that data keep just their PNG. The output folder is only ever replaced if
this script created it (it leaves a marker file there).

Nothing on a page is fetched from the network when it is read, so the site works from disk, offline:
- formulas are typeset here, at build time, by MathJax in Node (scripts/typeset_math.js, mathjax-full
  from the npm registry: `npm ci`), as SVG with assistive MathML for screen readers;
- each figure's ``<img alt>`` is the description written in its drawing cell's metadata
  (scripts/figure_alt.py); a figure without one keeps nbconvert's placeholder (tests/test_site.py fails);
- search is MiniSearch (npm) over an index of every page's sections, both loaded as plain scripts;
- the pages follow the reader's light or dark system setting (nbconvert's JupyterLab dark theme under
  ``prefers-color-scheme: dark``) and print without the navigation (scripts/site/site.css).
Each page has a search box, its reading-order navigation, a table of contents and launch links
(JupyterLite from `make lite`, Binder, Colab), each saying what works there.
"""
from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from figure_alt import carry_alt
from generated_folder import replace_generated_folder
from make_student import student_copy

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".built-by-actlib-build-site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER = "application/vnd.actlib.explorer+json"  # actlib.views.explorer.STATIC_MIME_TYPE
EXPLORER_FILES = ROOT / "actlib" / "views" / "explorer"
SITE_FILES = ROOT / "scripts" / "site"
NODE_MODULES = ROOT / "node_modules"
# Binder and Colab open a notebook from a public GitHub repository: its address comes from --repository
# (or the ACTLIB_REPOSITORY variable, or a github.com "origin" remote); without one the links are left out.
REPOSITORY_VARIABLE = "ACTLIB_REPOSITORY"


def github_repository(given: str | None) -> str | None:
    import os

    address = given or os.environ.get(REPOSITORY_VARIABLE)
    if not address:
        remote = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True, text=True)
        address = remote.stdout.strip() if remote.returncode == 0 else ""
    match = re.search(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$", address or "")
    return match.group(1) if match else None


def notebook_paths(folder: Path):
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def title_and_summary(notebook) -> tuple[str, str]:
    """The first '# ' heading, and the first paragraph under '## What you'll do'."""
    markdown = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    title = re.search(r"^# (.+)$", markdown, re.M).group(1).strip()
    match = re.search(r"^## What you'll do\s*\n+(.+?)(?:\n\s*\n|\Z)", markdown, re.M | re.S)
    summary = " ".join(match.group(1).split()) if match else ""
    return title, summary


def explorer_html(data, alt=None) -> str:
    """An explorer's place on the page: its numbers as JSON, and the PNG and text readout as fallback."""
    fallback = ""
    if "image/png" in data:
        alt = alt or "The explorer's figure in its stored state (the live explorer replaces it)"
        fallback += f'<img src="data:image/png;base64,{data["image/png"]}" alt="{html.escape(alt)}">'
    if "text/plain" in data:
        fallback += f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
    # "<" only occurs inside JSON strings, where \u003c means the same: nothing can end the <script>
    payload = json.dumps(data[EXPLORER], separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    return (f'<div class="actlib-explorer-static">'
            f'<script type="application/json">{payload}</script>{fallback}</div>')


def explorer_loader() -> str:
    """The explorer's stylesheet and module, inlined (a page opened from disk may not load modules from
    files), and the few lines that render each explorer on the page."""
    module = (EXPLORER_FILES / "explorer.js").read_text(encoding="utf-8")
    css = (EXPLORER_FILES / "explorer.css").read_text(encoding="utf-8")
    if "</" in module or "<!--" in module or "</" in css:
        raise ValueError("explorer.js and explorer.css must not contain '</' or '<!--': they are inlined in <script>/<style>.")
    return f"""<style>{css}</style>
<script type="text/plain" id="actlib-explorer-module">{module}</script>
<script type="module">
const source = document.getElementById("actlib-explorer-module").textContent;
const url = URL.createObjectURL(new Blob([source], {{type: "text/javascript"}}));
const explorer = await import(url);
for (const el of document.querySelectorAll(".actlib-explorer-static")) {{
  const payload = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
  explorer.renderStatic(el, payload);
}}
</script>"""


def static_copy(notebook):
    """The student version (no solutions) without live-widget views or widget state; an explorer's
    output becomes its static explorer (or, stored before it had static data, just its PNG)."""
    notebook = student_copy(notebook)
    notebook.metadata.pop("widgets", None)
    carry_alt(notebook)
    for cell in notebook.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if EXPLORER in data:
                alt = output.get("metadata", {}).get("image/png", {}).get("alt")
                cell.outputs[index] = nbformat.v4.new_output("display_data", data={"text/html": explorer_html(data, alt)})
    return notebook


SEARCH_BOX = ('<form class="actlib-search" role="search"><input type="search" placeholder="Search the notebooks" '
              'aria-label="Search the notebooks"><div class="actlib-search-results" aria-live="polite"></div></form>')
SEARCH_SCRIPTS = ('<script src="assets/minisearch.js"></script><script src="assets/search-index.js"></script>'
                  '<script src="assets/search.js"></script>')


CARD_LABEL = "Derivative card"


def card_page(pages) -> str | None:
    """The page of the derivative card (the notebook whose file name contains "card"), if there is one."""
    return next((page for page, _ in pages if "card" in page), None)


def navigation(pages, index) -> str:
    """Contents, the derivative card (on every page, wherever the reader is), previous and next."""
    links = ['<a href="index.html">Contents</a>']
    card = card_page(pages)
    if card:
        current = ' aria-current="page"' if index is not None and pages[index][0] == card else ""
        links.append(f'<a href="{card}" class="actlib-card-link"{current}>{CARD_LABEL}</a>')
    if index is not None and index > 0:
        links.append(f'<a href="{pages[index - 1][0]}" rel="prev">← {html.escape(pages[index - 1][1])}</a>')
    if index is not None and index + 1 < len(pages):
        links.append(f'<a href="{pages[index + 1][0]}" rel="next">{html.escape(pages[index + 1][1])} →</a>')
    return '<nav class="actlib-nav" aria-label="Notebooks">' + "".join(links) + SEARCH_BOX + "</nav>"


def headings(body: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the page's h1-h3 headings, as nbconvert wrote them (with their anchors)."""
    found = []
    for level, anchor, inner in re.findall(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', body, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner.replace("¶", ""))).strip()
        found.append((int(level), anchor, text))
    return found


def page_tools(notebook_name: str, body: str, repository: str | None) -> str:
    """The page's table of contents and its launch links, each honest about what works there."""
    toc = "".join(f'<li><a href="#{html.escape(anchor, quote=True)}">{html.escape(text)}</a></li>'
                  for level, anchor, text in headings(body) if level == 2)
    path = f"notebooks/{notebook_name}"
    # JupyterLite (`make lite`) sits beside the site: <folder>/site/NN.html -> <folder>/lite/lab/.
    lite = f"../lite/lab/index.html?path={notebook_name}"
    if repository:
        binder = f'<a href="https://mybinder.org/v2/gh/{repository}/HEAD?labpath={path}">On Binder</a>'
        colab = f'<a href="https://colab.research.google.com/github/{repository}/blob/main/{path}">On Colab</a>'
        install = f"git+https://github.com/{repository}"
    else:  # no public address known at build time: say how, rather than link nowhere
        binder, colab = "On Binder", "On Colab"
        install = "git+&lt;the project's GitHub address&gt;"
    return f"""<div class="actlib-page-tools">
<details><summary>On this page</summary><ul>{toc}</ul></details>
<details><summary>Run this notebook</summary><ul>
<li><a href="{lite}">In your browser (JupyterLite)</a>: nothing to install, and no network once the
page has loaded: Python 3.12 (Pyodide) runs in the tab, with actlib, numpy, scipy, sympy and matplotlib
loaded as the kernel starts (under a minute), and the explorers work. Needs the <code>lite/</code> folder
from <code>make lite</code> beside this site's folder, both served over http (for example
<code>python -m http.server</code> in the folder that holds <code>site/</code> and <code>lite/</code>).</li>
<li>{binder}: full JupyterLab with the project's <code>environment.yml</code>;
everything works, after a build that can take minutes.</li>
<li>{colab}: run <code>!pip install {install}</code> first (this actlib is not
published on PyPI); the explorers should draw (anywidget supports Colab; not tried here).</li>
<li>On your machine: clone the project and run <code>make lab</code> (everything works, offline).</li>
</ul></details>
</div>"""


def search_documents(pages_html: list[tuple[str, str, str]]) -> list[dict]:
    """One document per section (h1-h3) of each page: its heading, anchor and plain text."""
    docs = []
    for page, page_title, body in pages_html:
        main = body[body.find("<main>"):] if "<main>" in body else body
        main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
        main = re.sub(r'src="data:[^"]*"', "", main)
        parts = re.split(r'(<h[1-3] id="[^"]+"[^>]*>.*?</h[1-3]>)', main, flags=re.S)
        anchor, title = "", page_title
        for part in parts:
            heading = re.match(r'<h[1-3] id="([^"]+)"[^>]*>(.*?)</h[1-3]>', part, re.S)
            if heading:
                anchor = heading.group(1)
                title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(2).replace("¶", ""))).strip()
                continue
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
            if text or anchor:
                docs.append({"id": len(docs), "page": page, "anchor": anchor, "title": title,
                             "pageTitle": page_title, "text": text})
    return docs


def write_assets(output: Path, docs: list[dict]) -> None:
    assets = output / "assets"
    assets.mkdir()
    shutil.copy(SITE_FILES / "site.css", assets / "site.css")
    shutil.copy(SITE_FILES / "search.js", assets / "search.js")
    shutil.copy(NODE_MODULES / "minisearch" / "dist" / "umd" / "index.js", assets / "minisearch.js")
    # nbconvert's JupyterLab dark theme, applied only when the reader's system prefers dark.
    dark = next(Path(p) / "static" / "theme-dark.css" for p in HTMLExporter(template_name="lab").template_paths
                if (Path(p) / "static" / "theme-dark.css").exists())
    (assets / "theme-dark.css").write_text(
        "@media (prefers-color-scheme: dark) {\n" + dark.read_text(encoding="utf-8") + "\n}\n", encoding="utf-8")
    payload = json.dumps(docs, ensure_ascii=False, separators=(",", ":"))
    (assets / "search-index.js").write_text(f"window.ACTLIB_SEARCH_DOCS = {payload};\n", encoding="utf-8")


def typeset_math(pages: list[Path]) -> None:
    """Typeset every page's formulas in place with MathJax in Node (scripts/typeset_math.js). Scripts and
    styles are set aside first, so that MathJax's HTML parser cannot alter them."""
    if not (NODE_MODULES / "mathjax-full").exists():
        raise SystemExit("MathJax is not installed: run `npm ci` (or `make html`, which does) first.")
    kept = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        blocks = []

        def keep(match):
            blocks.append(match.group(0))
            return f"<!--actlib-kept-{len(blocks) - 1}-->"

        page.write_text(re.sub(r"<(script|style)\b[^>]*>.*?</\1>", keep, text, flags=re.S), encoding="utf-8")
        kept[page] = blocks
    subprocess.run(["node", str(ROOT / "scripts" / "typeset_math.js"), *map(str, pages)], check=True,
                   stdout=subprocess.DEVNULL)
    for page, blocks in kept.items():
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<!--actlib-kept-(\d+)-->", lambda m: blocks[int(m.group(1))], text)
        page.write_text(text, encoding="utf-8")


def _inline(markdown_text: str) -> str:
    """Escape a one-line summary for HTML, turning `code` spans into <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(markdown_text))


def build(source: Path, output: Path, repository: str | None = None) -> list[Path]:
    replace_generated_folder(output, MARKER, "scripts/build_site.py (`make html`)",
                             "Choose another --output or remove it yourself.")

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(SITE_FILES)],
                            template_file="actlib.html.j2")
    notebooks = [(path, nbformat.read(path, as_version=4)) for path in notebook_paths(source)]
    pages = [(path.with_suffix(".html").name, *title_and_summary(notebook)) for path, notebook in notebooks]
    written, bodies = [], []
    for index, ((path, notebook), (page, title, _)) in enumerate(zip(notebooks, pages)):
        body, _ = exporter.from_notebook_node(static_copy(notebook), resources={"metadata": {"name": title}})
        bodies.append((page, title, body))
        nav = navigation([(p, t) for p, t, _ in pages], index)
        top = nav.replace("<nav ", '<header><nav ', 1) + "</header>" + page_tools(path.name, body, repository)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + top, body, count=1)
        bottom = navigation([(p, t) for p, t, _ in pages], index).replace(SEARCH_BOX, "")
        if "actlib-explorer-static" in body:
            bottom += explorer_loader()
        body = body.replace("</body>", bottom + SEARCH_SCRIPTS + "</body>", 1)
        (output / page).write_text(body, encoding="utf-8")
        written.append(output / page)

    items = "\n".join(f'<li><a href="{page}">{html.escape(title)}</a><br><span>{_inline(summary)}</span></li>'
                      for page, title, summary in pages)
    (output / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>actlib: activation functions and their derivatives</title>
<meta name="color-scheme" content="light dark">
<style>:root{{--jp-layout-color0:#fff;--jp-layout-color1:#fff;--jp-layout-color2:#eee;--jp-content-font-color1:rgba(0,0,0,0.87);
--jp-content-font-color2:rgba(0,0,0,0.6);--jp-border-color1:#bdbdbd;--jp-border-color2:#e0e0e0;--jp-content-link-color:#1976d2}}</style>
<link rel="stylesheet" href="assets/theme-dark.css"><link rel="stylesheet" href="assets/site.css"></head>
<body>{navigation([(p, t) for p, t, _ in pages], None)}<main class="actlib-index">
<h1>actlib: why activations train well or badly</h1>
<p>Read the notebooks in this order; each one states what you will do, learn and need. To run them
and move the explorers' sliders, clone the project and run <code>make lab</code>; each page also has
links to run it in your browser (JupyterLite), on Binder or on Colab.</p>
<ol>
{items}
</ol></main>{SEARCH_SCRIPTS}</body></html>
""", encoding="utf-8")
    written.append(output / "index.html")
    write_assets(output, search_documents(bodies))
    typeset_math(written)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "site")
    parser.add_argument("--repository", help="the project's GitHub address, for the Binder and Colab links "
                        f"(default: ${REPOSITORY_VARIABLE}, or the git remote 'origin' if it is on github.com)")
    args = parser.parse_args()
    start = time.perf_counter()
    written = build(args.source, args.output, github_repository(args.repository))
    print(f"wrote {len(written)} pages to {args.output} in {time.perf_counter() - start:.1f} s; "
          f"open {args.output / 'index.html'}")


if __name__ == "__main__":
    sys.exit(main())
