"""The explorer on the static site (`make html`): a page opened from disk, every network request refused.

Notebook 00 as stored, with its two explorers (sigmoid; Leaky ReLU with its α slider), is turned into
a page by scripts/build_site.py, as `make html` does. In
Chromium the page's explorers must draw, follow mouse and keyboard, swap in the curves precomputed for
an α position, and show actlib's numbers, with no request leaving the machine and no page error.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer_page import drag, expected_rows, picture, readout_rows, wait_for_new_readout
from lab import ROOT, chromium_page, refuse_network

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # notebook 00 as stored (executed by `make execute`): its two explorers, sigmoid and Leaky ReLU
    # with the α slider, carry the data the page draws from
    source = tmp_path_factory.mktemp("notebooks")
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", source)
    output = tmp_path_factory.mktemp("build") / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--source", str(source),
                    "--output", str(output)], check=True, capture_output=True, text=True)
    return output / "00_start_here.html"


@pytest.fixture(scope="module")
def offline_page(site):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as (page, errors):
        refused = refuse_network(page)
        page.goto(site.as_uri())
        page.wait_for_selector(".actlib-explorer-readout tr", timeout=10_000)
        yield page, errors, refused


def test_both_explorers_draw_from_the_page_alone(offline_page):
    page, _, refused = offline_page
    assert page.locator(".actlib-explorer").count() == 2
    sigmoid, leaky = page.locator(".actlib-explorer").all()
    rows = readout_rows(sigmoid)
    assert rows[0] == ("z", "1.0000") and rows == expected_rows(rows, "sigmoid")
    rows = readout_rows(leaky)
    assert rows == expected_rows(rows, "leaky_relu", alpha=0.1)
    # Neither the explorer nor the page asks the network for anything (formulas are typeset at build time).
    assert refused == [], refused
    page.screenshot(path=str(ARTIFACTS / "static_site.png"), full_page=True)


def test_mouse_and_keyboard_move_z_and_h(offline_page):
    page, _, _ = offline_page
    sigmoid = page.locator(".actlib-explorer").first
    sigmoid.scroll_into_view_if_needed()
    before_rows, before_picture = readout_rows(sigmoid), picture(sigmoid)
    drag(page, sigmoid.locator("input[type=range]").first, 0.55, 0.3)
    rows = wait_for_new_readout(page, sigmoid, before_rows)
    assert float(rows[0][1]) < float(before_rows[0][1]) and rows == expected_rows(rows, "sigmoid")
    assert picture(sigmoid) != before_picture
    sigmoid.locator("input[type=range]").nth(1).focus()
    page.keyboard.press("ArrowLeft")
    after = wait_for_new_readout(page, sigmoid, rows)
    assert "h = 1.0e-02" in after[3][0] and after == expected_rows(after, "sigmoid")
    sigmoid.locator("select").focus()
    page.keyboard.press("ArrowDown")  # central -> complex step
    complex_rows = wait_for_new_readout(page, sigmoid, after)
    assert complex_rows[3][0].startswith("complex step") and complex_rows == expected_rows(complex_rows, "sigmoid")


def test_the_alpha_slider_uses_the_precomputed_positions(offline_page):
    page, _, _ = offline_page
    leaky = page.locator(".actlib-explorer").nth(1)
    leaky.scroll_into_view_if_needed()
    before_rows, before_picture = readout_rows(leaky), picture(leaky)
    leaky.locator(".actlib-explorer-parameters input[type=range]").focus()
    page.keyboard.press("End")  # the last precomputed position: the top of α's range
    rows = wait_for_new_readout(page, leaky, before_rows)
    alpha = float(leaky.locator(".actlib-explorer-parameters output").inner_text())
    assert alpha > 0.1 and rows == expected_rows(rows, "leaky_relu", alpha=alpha)
    assert picture(leaky) != before_picture
    assert leaky.locator(".actlib-explorer-status").inner_text() == ""
    leaky.screenshot(path=str(ARTIFACTS / "static_site_alpha.png"))


def test_no_page_errors(offline_page):
    _, errors, _ = offline_page
    assert not [error for error in errors if error.startswith("pageerror")], "\n".join(errors)
    ours = [error for error in errors if "actlib" in error or "explorer" in error]
    assert not ours, "\n".join(ours)
