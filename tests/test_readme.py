"""The README's table of activations is what the classes declare, not a second copy typed by hand."""
import re
from pathlib import Path

import actlib
from actlib.properties import declared_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_table_of_activations_is_the_declared_one():
    text = README.read_text()
    block = re.search(r"<!-- declared_table: begin -->\n(.*?)\n<!-- declared_table: end -->", text, re.S)
    assert block, "README.md lost its declared_table markers"
    assert block.group(1) == declared_table(), (
        "README.md's table of activations differs from the classes; paste in "
        "actlib.properties.declared_table()")
    assert [row.split("|")[1].strip() for row in block.group(1).splitlines()[2:]] == actlib.names()


def test_readme_links_the_contributing_guide():
    assert "(CONTRIBUTING.md)" in README.read_text() and (README.parent / "CONTRIBUTING.md").exists()
