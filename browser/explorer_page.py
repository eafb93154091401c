"""Reading and driving an explorer on a page (JupyterLab or the static site), for the browser tests.

The readout is read as text, as a learner (or a screen reader) gets it, and checked against actlib:
the expected rows come from ``Explorer.readout_rows()`` at the z, h and method the readout names.
"""
from __future__ import annotations

import re

import actlib

READOUT = ".actlib-explorer-readout"


def readout_rows(explorer):
    """The readout's (label, number) rows as shown."""
    return [tuple(cell.strip() for cell in row) for row in explorer.locator(READOUT).evaluate(
        "table => [...table.rows].map(row => [...row.cells].map(cell => cell.innerText))")]


def state_of(rows):
    """z, h and method as the readout states them."""
    z = float(rows[0][1])
    method, h = re.fullmatch(r"(.+) difference, h = (\S+)", rows[3][0]).groups()
    return z, float(h), method.replace(" ", "_")


def expected_rows(rows, activation, z_range=(-6.0, 6.0), **params):
    """The rows actlib gives at the state ``rows`` name (the explorer's own text readout)."""
    z, h, method = state_of(rows)
    reference = actlib.explore(activation, z=z, z_range=z_range, h=h, method=method, **params)
    return [tuple(row) for row in reference.readout_rows()]


def picture(explorer) -> bytes:
    """A screenshot of the plot (PNG bytes): a changed picture gives different bytes."""
    return explorer.locator(".actlib-explorer-plot").screenshot()


def wait_for_new_readout(page, explorer, old_rows, timeout=10_000):
    page.wait_for_function(
        "([table, old]) => table && [...table.rows].map(r => [...r.cells].map(c => c.innerText.trim()).join('|')).join('\\n') !== old",
        arg=[explorer.locator(READOUT).element_handle(), "\n".join("|".join(row) for row in old_rows)], timeout=timeout)
    return readout_rows(explorer)


def drag(page, slider, fraction_from, fraction_to):
    """Press the mouse on a native range input at one fraction of its width and drag to another."""
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * fraction_from, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * fraction_to, y, steps=8)
    page.mouse.up()
