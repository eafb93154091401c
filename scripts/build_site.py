"""Render every notebook, with its stored outputs and figures, to a static HTML site (`make html`).

Why nbconvert: it ships with JupyterLab already, renders the stored outputs exactly as they are
(nothing is executed, no network is needed to build), and its "lab" template looks like JupyterLab.
Jupyter Book would add a large toolchain for what is a single, ordered list of pages.

Each page gets a navigation bar (contents, previous, next); ``index.html`` lists the notebooks in
reading order with the one-line summary from each notebook's "What you'll do". Pages are made from
the student version of each notebook (scripts/make_student.py), so the exercises show no solutions.
An explorer's
widget view needs a kernel, so it is dropped from the copy that is rendered; in its place the page
gets the explorer itself: actlib/explorer/explorer.js, the module the notebook's widget runs, inlined
in the page with the numbers the explorer stored in its output (``application/vnd.actlib.explorer+json``:
every reachable z and h, for a few positions of each parameter). It draws with no kernel and no
network; until it runs (or without JavaScript) the stored PNG and text readout show. Outputs stored
before the explorer had that data keep just their PNG. The output folder is only ever replaced if
this script created it (it leaves a marker file there).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from generated_folder import replace_generated_folder
from make_student import student_copy

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".built-by-actlib-build-site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER = "application/vnd.actlib.explorer+json"  # actlib.explorer.STATIC_MIME_TYPE
EXPLORER_FILES = ROOT / "actlib" / "explorer"


def notebook_paths(folder: Path):
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def title_and_summary(notebook) -> tuple[str, str]:
    """The first '# ' heading, and the first paragraph under '## What you'll do'."""
    markdown = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    title = re.search(r"^# (.+)$", markdown, re.M).group(1).strip()
    match = re.search(r"^## What you'll do\s*\n+(.+?)(?:\n\s*\n|\Z)", markdown, re.M | re.S)
    summary = " ".join(match.group(1).split()) if match else ""
    return title, summary


def explorer_html(data) -> str:
    """An explorer's place on the page: its numbers as JSON, and the PNG and text readout as fallback."""
    fallback = ""
    if "image/png" in data:
        fallback += (f'<img src="data:image/png;base64,{data["image/png"]}" '
                     'alt="The explorer\'s figure in its stored state (the live explorer replaces it)">')
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
    for cell in notebook.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if EXPLORER in data:
                cell.outputs[index] = nbformat.v4.new_output("display_data", data={"text/html": explorer_html(data)})
    return notebook


def navigation(pages, index) -> str:
    links = ['<a href="index.html">Contents</a>']
    if index > 0:
        links.append(f'<a href="{pages[index - 1][0]}">← {html.escape(pages[index - 1][1])}</a>')
    if index + 1 < len(pages):
        links.append(f'<a href="{pages[index + 1][0]}">{html.escape(pages[index + 1][1])} →</a>')
    return ('<nav class="actlib-nav" style="display:flex;gap:2em;padding:0.6em 1em;'
            'border-bottom:1px solid #ccc;font-family:sans-serif">' + "".join(links) + "</nav>")


# The same MathJax as the pages (nbconvert's lab template); formulas render when the reader is online.
MATHJAX = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full"


def _inline(markdown_text: str) -> str:
    """Escape a one-line summary for HTML, turning `code` spans into <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(markdown_text))


def build(source: Path, output: Path) -> list[Path]:
    replace_generated_folder(output, MARKER, "scripts/build_site.py (`make html`)",
                             "Choose another --output or remove it yourself.")

    exporter = HTMLExporter(template_name="lab")
    notebooks = [(path, nbformat.read(path, as_version=4)) for path in notebook_paths(source)]
    pages = [(path.with_suffix(".html").name, *title_and_summary(notebook)) for path, notebook in notebooks]
    written = []
    for index, ((path, notebook), (page, title, _)) in enumerate(zip(notebooks, pages)):
        body, _ = exporter.from_notebook_node(static_copy(notebook), resources={"metadata": {"name": title}})
        nav = navigation([(p, t) for p, t, _ in pages], index)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
        if "actlib-explorer-static" in body:
            nav += explorer_loader()
        body = body.replace("</body>", nav + "</body>", 1)
        (output / page).write_text(body, encoding="utf-8")
        written.append(output / page)

    items = "\n".join(f'<li><a href="{page}">{html.escape(title)}</a><br><span>{_inline(summary)}</span></li>'
                      for page, title, summary in pages)
    (output / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>actlib: activation functions and their derivatives</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}li{{margin-bottom:1em}}
span{{color:#444}}</style>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{tex2jax: {{inlineMath: [["$", "$"]]}}}});</script>
<script src="{MATHJAX}"></script></head>
<body><h1>actlib: why activations train well or badly</h1>
<p>Read the notebooks in this order; each one states what you will do, learn and need. To run them
and move the explorers' sliders, clone the project and run <code>make lab</code>.</p>
<ol>
{items}
</ol></body></html>
""", encoding="utf-8")
    written.append(output / "index.html")
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    start = time.perf_counter()
    written = build(args.source, args.output)
    print(f"wrote {len(written)} pages to {args.output} in {time.perf_counter() - start:.1f} s; "
          f"open {args.output / 'index.html'}")


if __name__ == "__main__":
    sys.exit(main())
