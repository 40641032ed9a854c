"""kvdesk: drafting the answers to written parliamentary questions."""

__version__ = "0.1.0"
