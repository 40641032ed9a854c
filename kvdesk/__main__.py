"""``python -m kvdesk`` and the ``kvdesk`` command."""
from __future__ import annotations

import sys


def main() -> int:
    from kvdesk.cli import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
