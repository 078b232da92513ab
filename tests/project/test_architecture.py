"""docs/architecture.md matches the tree: it names every module and folder of the package, and no
module that is not there."""

from __future__ import annotations

import re

from tests.support import ROOT

DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "ldpub"


def test_every_module_and_folder_is_named() -> None:
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE:
            relative = path.parent.relative_to(PACKAGE).as_posix() + "/"
        if f"`{relative}`" not in DOC:
            missing.append(relative)
    assert missing == []


def test_every_module_named_is_in_the_tree() -> None:
    named = {name for name in re.findall(r"`([\w/]+\.py)`", DOC) if not name.startswith("tests/")}
    assert named and sorted(name for name in named if not (PACKAGE / name).is_file()) == []


def test_the_picture_shows_the_stages() -> None:
    picture = re.search(r"```text\n(.*?)```", DOC, re.S)
    assert picture is not None
    for stage in ("read/", "record.py", "mapping.py", "rdf.py", "validate/", "archive/", "embed.py", "cli/"):
        assert stage in picture.group(1), stage
