"""The explorer as a student uses it: JupyterLab in a real browser, a slider moved by mouse and keyboard.

Run with `make test-browser` (installs Debian's Chromium and Playwright first). Screenshots of the
explorer before and after each move are saved in browser/artifacts/.
"""
from pathlib import Path

import pytest

from lab import chromium_page, error_outputs, open_and_run, running_lab

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
OUR_EXTENSIONS = ("jupyter-matplotlib", "jupyter-widgets", "ipympl", "ipywidgets")


@pytest.fixture(scope="module")
def lab_page():
    ARTIFACTS.mkdir(exist_ok=True)
    with running_lab(["01_sigmoid.ipynb"]) as (base, token, _), chromium_page() as (page, errors):
        open_and_run(page, base, token, "01_sigmoid.ipynb")
        yield page, errors


def _explorer(page):
    box = page.locator(".widget-vbox").filter(has=page.locator(".jupyter-matplotlib")).first
    box.scroll_into_view_if_needed()
    page.wait_for_function("node => node.innerText.trim().length > 0",
                           arg=box.locator(".widget-html").element_handle(), timeout=10_000)
    return box


def _readout(box):
    return box.locator(".widget-html").inner_text()


def _wait_for_new_readout(page, box, old, timeout=10_000):
    page.wait_for_function("([node, old]) => node.innerText !== old",
                           arg=[box.locator(".widget-html").element_handle(), old], timeout=timeout)
    return _readout(box)


def _canvas_png(box, name):
    canvas = box.locator(".jupyter-matplotlib-canvas-div canvas").first
    png = canvas.screenshot()
    (ARTIFACTS / name).write_bytes(png)
    box.screenshot(path=str(ARTIFACTS / name.replace("canvas", "explorer")))
    return png


def _z_of(readout):
    first_line = readout.strip().splitlines()[0]
    return float(first_line.split()[-1])


def test_no_cell_shows_an_error(lab_page):
    page, _ = lab_page
    assert error_outputs(page) == []
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


def test_dragging_the_z_slider_updates_readout_and_plot(lab_page):
    page, _ = lab_page
    box = _explorer(page)
    before_text, before_png = _readout(box), _canvas_png(box, "canvas_before_drag.png")
    handle = box.locator(".widget-slider").first.locator(".noUi-handle")
    x, y = (lambda b: (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2))(handle.bounding_box())
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y, steps=8)
    page.mouse.up()
    after_text = _wait_for_new_readout(page, box, before_text)
    page.wait_for_timeout(500)  # let the last image arrive
    after_png = _canvas_png(box, "canvas_after_drag.png")
    assert _z_of(after_text) > _z_of(before_text)
    assert after_text.splitlines()[2] != before_text.splitlines()[2]  # the analytic slope moved too
    assert after_png != before_png


def test_keyboard_moves_the_slider_by_steps(lab_page):
    page, _ = lab_page
    box = _explorer(page)
    before_text, before_png = _readout(box), _canvas_png(box, "canvas_before_keys.png")
    handle = box.locator(".widget-slider").first.locator(".noUi-handle")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("([node, z]) => parseFloat(node.innerText.trim().split(/\\s+/)[1]) < z - 0.04",
                           arg=[box.locator(".widget-html").element_handle(), _z_of(before_text)], timeout=10_000)
    page.wait_for_timeout(500)
    after_text, after_png = _readout(box), _canvas_png(box, "canvas_after_keys.png")
    assert _z_of(after_text) == pytest.approx(_z_of(before_text) - 5 * 0.01, abs=1e-9)
    assert after_png != before_png


def test_no_javascript_errors_from_our_extensions(lab_page):
    _, errors = lab_page
    ours = [error for error in errors if any(name in error for name in OUR_EXTENSIONS)]
    assert not ours, "\n".join(ours)
