"""Rewrite the generated blocks of README.md from the library: ``make tables``.

A generated block sits between ``<!-- NAME: begin -->`` and ``<!-- NAME: end -->``; its text is
``BLOCKS[NAME]()``. tests/test_readme.py fails, naming this command, when a block is not current, so
a table is written by this script and never pasted by hand. ``--check`` only reports (exit 1 if stale).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from actlib.views.properties import declared_table

README = Path(__file__).resolve().parent.parent / "README.md"

BLOCKS = {
    "declared_table": declared_table,  # what each activation's class declares (the README's table of activations)
}

_BLOCK = re.compile(r"(<!-- (?P<name>[\w-]+): begin -->\n)(?P<body>.*?)(\n<!-- (?P=name): end -->)", re.S)


def render(text: str) -> str:
    """``text`` with every generated block rewritten; a block whose name is not in BLOCKS is an error."""
    unknown = sorted({match["name"] for match in _BLOCK.finditer(text)} - set(BLOCKS))
    if unknown:
        raise ValueError(f"no generator for the block(s) {', '.join(unknown)}; known: {', '.join(BLOCKS)}")
    return _BLOCK.sub(lambda match: match.group(1) + BLOCKS[match["name"]]() + match.group(4), text)


def stale_blocks(text: str) -> list[str]:
    """The names of the generated blocks in ``text`` that differ from what the library renders."""
    return [match["name"] for match in _BLOCK.finditer(text) if match["body"] != BLOCKS[match["name"]]()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale blocks, write nothing")
    args = parser.parse_args(argv)
    text = README.read_text()
    stale = stale_blocks(text)
    if args.check:
        print("stale: " + ", ".join(stale) if stale else "README.md's generated blocks are current")
        return 1 if stale else 0
    if stale:
        README.write_text(render(text))
    print(f"rewrote {', '.join(stale)} in README.md" if stale else "README.md's generated blocks were current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
