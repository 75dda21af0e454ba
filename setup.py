"""Build hook (the rest of the metadata is in pyproject.toml): the wheel carries Mermaid.

A site built from an installed wheel has no node_modules/ to take Mermaid
from, so the wheel ships the copy npm installed (package-lock.json pins it)
as a plugin asset. Editable installs find node_modules/ themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MERMAID = Path(__file__).resolve().parent / "node_modules/mermaid/dist/mermaid.min.js"
ASSET = "journeymaps/assets/mermaid.min.js"


class BuildWithMermaid(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        if not MERMAID.is_file():
            raise SystemExit(f"{MERMAID} is missing: run `npm ci` first (`make wheel` does)")
        target = Path(self.build_lib) / ASSET
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MERMAID, target)


setup(cmdclass={"build_py": BuildWithMermaid})
