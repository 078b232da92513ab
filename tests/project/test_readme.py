"""The README's set-up commands are the ones that work: command 1 runs the main job, command 2 is CI's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

from tests.support import ROOT


def setup_commands() -> list[str]:
    """The two commands of the README's ``## Set up`` block, in order."""
    section = ROOT.joinpath("README.md").read_text().split("## Set up", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    ci_lines = ROOT.joinpath(".ci/run").read_text().splitlines()
    assert commands[1] in ci_lines


def test_command_1_runs_the_main_job_on_the_seed(tmp_path: Path) -> None:
    # Everything after the install, with this test run's installed ldpub, in a scratch copy of the examples.
    steps = setup_commands()[0].split(" && ")
    assert steps[:2] == ["python3 -m venv .venv", ".venv/bin/pip install -q ."]
    scripts = sysconfig.get_path("scripts")
    job = " && ".join(steps[2:]).replace(".venv/bin/", scripts + "/")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if k != "LDPUB_STORE"}
    done = subprocess.run(["bash", "-c", job], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "syrian-observer-al-tanf.ttl").is_file()
    assert (tmp_path / "ldpub-store").is_dir()
    # the query finds al-Qassem under another spelling, in the seed and in a second article
    assert "al-tanf-meetings-qassem-patrols.html#article" in done.stdout
    assert "jordan-border-patrols-amman.html#article" in done.stdout
