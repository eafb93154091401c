"""The whole study site (`make html`) read as a learner offline would: every page opened from disk in
headless Chromium with every network request refused.

On each page: typeset formulas (MathJax's SVG with assistive MathML) and no raw TeX left in the text,
every image with a description of its own (not nbconvert's placeholder), no page error and no request
leaving the machine; the search box finds a section on another page; the dark theme follows the
system setting (prefers-color-scheme) and print hides the navigation. Screenshots go to browser/artifacts/.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lab import ROOT, chromium_page, refuse_network

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PLACEHOLDER = "No description has been provided for this image"

# Visible text outside code, scripts and typeset math that still looks like TeX: $...$ or a \command.
RAW_TEX = r"""() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode(node) {
        return node.parentElement.closest("pre, code, script, style, mjx-container, .actlib-search-results, textarea")
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }});
    const found = [];
    const tex = /\$[^$\n]+\$|\\(frac|sigma|tanh|alpha|partial|mathrm|operatorname|left|right|cdot|approx|begin)\b/;
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent;
        if (tex.test(text)) found.push(text.trim().slice(0, 120));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("build") / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--output", str(output)],
                   check=True, capture_output=True, text=True)
    return output


@pytest.fixture(scope="module")
def browser_page():
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page(viewport=(1200, 900)) as (page, errors):
        refused = refuse_network(page)
        yield page, errors, refused


def pages(site):
    return sorted(site.glob("*.html"))


def test_every_page_offline_has_typeset_math_described_figures_and_no_errors(site, browser_page):
    page, errors, refused = browser_page
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(pages(site)) == len(notebooks) + 1
    for path in pages(site):
        errors.clear()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        source = path.read_text(encoding="utf-8")
        assert page.evaluate(RAW_TEX) == [], path.name
        formulas = page.locator("mjx-container")
        if "$" in re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", source, flags=re.S) or formulas.count():
            assert formulas.count() > 0, path.name
            # Screen readers get each formula as MathML; the SVG itself is hidden from them.
            assert page.locator("mjx-container > mjx-assistive-mml math").count() == formulas.count(), path.name
        images = page.eval_on_selector_all("img", "imgs => imgs.map(img => img.getAttribute('alt'))")
        assert all(alt and alt.strip() and alt != PLACEHOLDER for alt in images), (path.name, images)
        assert errors == [], (path.name, errors)
    assert refused == [], refused  # nothing on any page asks the network for anything


def test_search_finds_a_section_on_another_page_from_disk(site, browser_page):
    page, errors, _ = browser_page
    page.goto((site / "index.html").as_uri())
    box = page.get_by_role("searchbox", name="Search the notebooks")
    box.fill("complex step")
    results = page.locator(".actlib-search-results a[href]")
    results.first.wait_for(timeout=5_000)
    targets = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(target.startswith("08_finite_differences.html#") for target in targets), targets
    page.screenshot(path=str(ARTIFACTS / "site_search.png"))
    link = results.filter(has_text="").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.split("/")[-1].startswith(href.split("#")[0]) and errors == []


def luminance(css_colour):
    r, g, b = (int(v) for v in re.findall(r"[\d.]+", css_colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_follows_the_system_setting(site, browser_page, scheme):
    page, errors, _ = browser_page
    page.emulate_media(color_scheme=scheme)
    for name in ("index.html", "01_sigmoid.html"):
        page.goto((site / name).as_uri())
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        text = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
        if scheme == "dark":
            assert luminance(background) < 0.25 and luminance(text) > 0.6, (name, background, text)
        else:
            assert luminance(background) > 0.9 and luminance(text) < 0.4, (name, background, text)
    # Figures keep their white ground, formulas take the text colour.
    assert page.evaluate("getComputedStyle(document.querySelector('.jp-RenderedImage img')).backgroundColor") \
        == "rgb(255, 255, 255)"
    page.screenshot(path=str(ARTIFACTS / f"site_{scheme}.png"))
    page.emulate_media(color_scheme="light")
    assert errors == []


def test_print_hides_the_navigation(site, browser_page):
    page, _, _ = browser_page
    page.goto((site / "01_sigmoid.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".actlib-nav").first.is_hidden() and page.locator(".actlib-page-tools").is_hidden()
    assert page.locator("h1").first.is_visible()
    page.emulate_media(media="screen")
