"""``python -m kvdesk`` and the ``kvdesk`` command."""
from __future__ import annotations

import sys


def main() -> int:
    if getattr(sys, "frozen", False):
        # A frozen build starts helper processes (article extraction) through this entry point.
        import multiprocessing

        multiprocessing.freeze_support()
    from kvdesk.cli import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
