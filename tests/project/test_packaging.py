"""An installed (non-editable) ldpub finds its schemas and vocabulary without the checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import ROOT


def test_wheel_ships_vocab_and_schemas(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    data = target / "ldpub" / "_data"
    assert (data / "vocab" / "schemaorgcontext.jsonld").is_file()
    assert (data / "schemas" / "article-record.schema.json").is_file()
    script = (
        "import ldpub, ldpub.resources as r, sys;"
        "p = r.resource_path('vocab', 'schemaorgcontext.jsonld');"
        "assert '_data' in str(p), p;"
        f"a = ldpub.build({str(ROOT / 'examples' / 'syrian-observer-al-tanf.yaml')!r});"
        "print(len(a.nquads().splitlines()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target)}
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 100
