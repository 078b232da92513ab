"""Ship the repository's vocab/ and schemas/ inside the wheel, as ldpub/_data/."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        for folder in ("vocab", "schemas"):
            target = Path(self.build_lib) / "ldpub" / "_data" / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(Path(__file__).parent / folder, target)


setup(cmdclass={"build_py": BuildWithData})
