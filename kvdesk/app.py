"""The composition root of the desktop application: settings, logging, database, main window."""
from __future__ import annotations

import argparse
import os
import sys


def run_app(args: argparse.Namespace) -> int:
    """Open the main window (or render it to a PNG with ``--screenshot``); returns the exit status."""
    if args.smoke:
        # The self-test runs off screen by itself, so it needs no display (CI, a bare build host).
        from kvdesk.services.smoke import run_smoke

        return run_smoke()
    if not args.screenshot and not args.smoke and not _has_display():
        sys.stderr.write(
            "kvdesk: geen beeldscherm gevonden. Start buiten beeld met QT_QPA_PLATFORM=offscreen "
            "(bv. 'kvdesk --screenshot venster.png') of onder Xvfb: 'xvfb-run kvdesk'.\n"
        )
        return 2
    from kvdesk.gui.application import main as gui_main

    return gui_main(args)


def _has_display() -> bool:
    if sys.platform.startswith(("win", "darwin")):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
