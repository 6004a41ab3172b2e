"""``python -m consistency``."""

from consistency.cli import main

main()
