"""The one error type of importing: input that cannot be read as a question set."""
from __future__ import annotations


class ParseError(ValueError):
    """Input that cannot be read as a question set.

    The message is one line meant for the user (Dutch first, English after a slash where it
    helps); ``status`` is the command-line exit status for it (2: bad input).
    """

    status = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
