"""The ``journeymaps`` command: check, scaffold, export and generate without a site build."""

from .commands import main

__all__ = ["main"]
