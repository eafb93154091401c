"""The README's generated blocks (its table of activations) are what the library renders, written by
``make tables`` (scripts/write_tables.py), not a second copy typed by hand."""
import sys
from pathlib import Path

import pytest

import actlib

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
sys.path.insert(0, str(ROOT / "scripts"))

import write_tables  # noqa: E402  (scripts/ is not a package)


def test_readme_generated_blocks_are_current():
    text = README.read_text()
    assert "<!-- declared_table: begin -->" in text and "<!-- declared_table: end -->" in text, (
        "README.md lost its declared_table markers")
    stale = write_tables.stale_blocks(text)
    assert not stale, f"README.md's generated block(s) {', '.join(stale)} are stale: run `make tables`"


def test_the_table_of_activations_lists_every_registered_one():
    block = README.read_text().split("<!-- declared_table: begin -->\n")[1].split("\n<!-- declared_table: end -->")[0]
    assert [row.split("|")[1].strip() for row in block.splitlines()[2:]] == actlib.names()


def test_a_stale_block_is_named_and_rewritten():
    text = "intro\n<!-- declared_table: begin -->\n| pasted by hand |\n<!-- declared_table: end -->\nafter\n"
    assert write_tables.stale_blocks(text) == ["declared_table"]
    rewritten = write_tables.render(text)
    assert write_tables.stale_blocks(rewritten) == [] and rewritten.startswith("intro\n") and rewritten.endswith(
        "<!-- declared_table: end -->\nafter\n")
    with pytest.raises(ValueError, match="no generator for the block\\(s\\) mystery; known: declared_table"):
        write_tables.render("<!-- mystery: begin -->\nx\n<!-- mystery: end -->")


def test_make_tables_runs_the_script():
    makefile = (ROOT / "Makefile").read_text()
    assert "\ntables: install\n\t$(BIN)/python scripts/write_tables.py\n" in makefile


def test_readme_links_the_contributing_guide():
    assert "(CONTRIBUTING.md)" in README.read_text() and (README.parent / "CONTRIBUTING.md").exists()
