"""Build hook (the rest of the metadata is in pyproject.toml): the wheel carries Mermaid.

A site built from an installed wheel has no node_modules/ to take Mermaid
from, so the wheel ships the copy npm installed (package-lock.json pins it)
as a plugin asset. Editable installs find node_modules/ themselves. Without
node_modules/ (pre-commit installing from a plain clone) the package builds
without Mermaid, unless JOURNEYMAPS_REQUIRE_MERMAID is set (`make wheel`).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MERMAID = Path(__file__).resolve().parent / "node_modules/mermaid/dist/mermaid.min.js"
ASSET = "journeymaps/mkdocs/assets/mermaid.min.js"


class BuildWithMermaid(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        if not MERMAID.is_file():
            # pre-commit installs the package from a plain clone, for `journeymaps check`
            # only: that needs no Mermaid. `make wheel`, which publishes, insists on it.
            message = f"{MERMAID} is missing: run `npm ci` first (`make wheel` does)"
            if os.environ.get("JOURNEYMAPS_REQUIRE_MERMAID"):
                raise SystemExit(message)
            print(f"warning: {message}; building without the bundled Mermaid "
                  "(a site built with `mermaid: bundled` will say so)", file=sys.stderr)
            return
        target = Path(self.build_lib) / ASSET
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MERMAID, target)


setup(cmdclass={"build_py": BuildWithMermaid})
