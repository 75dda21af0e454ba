"""``python -m journeymaps.cli``."""

from .commands import main

main()
