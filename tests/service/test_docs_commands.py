"""docs/serve.md's curl examples, run as written against a real ``ldpub serve``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from tests.support import EXAMPLES, ROOT

DOC = (ROOT / "docs" / "serve.md").read_text()


def test_every_curl_example_answers(service: str, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "out").mkdir()
    shutil.copy(EXAMPLES / "syrian-observer-al-tanf.jsonld", tmp_path / "out" / "article.jsonld")
    lines = [line for line in DOC.splitlines() if line.startswith("curl ")]
    assert len(lines) == 7
    outputs = []
    for line in lines:
        done = subprocess.run(
            ["bash", "-c", line.replace("http://127.0.0.1:8000", service) + " -w '\\n%{http_code}'"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        body, _, status = done.stdout.rpartition("\n")
        assert done.returncode == 0 and status == "200", f"{line}\n{status} {body[:300]}"
        outputs.append(body)
    built, report, extracted, _, _, counted, authority = outputs
    assert json.loads(built)["@graph"][1]["@type"] == "NewsArticle"
    assert json.loads(report)["summary"]["errors"] == 0
    assert json.loads(extracted)["complete"] is True
    assert 'data-ldpub="jsonld"' in (tmp_path / "page.html").read_text()
    assert (tmp_path / "graph.svg").read_text().lstrip().startswith("<svg")
    assert int(json.loads(counted)["results"]["bindings"][0]["n"]["value"]) > 400
    assert json.loads(authority) == {"authority": False, "writable": False, "entities": 0}
    assert re.search(r"ldpub serve --store ldpub-store", DOC)
