"""Bringing a database's schema up to date.

Every schema change is an Alembic migration in ``kvdesk/storage/migrations``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kvdesk.storage.database import Database

log = logging.getLogger(__name__)


def upgrade(db: Database) -> None:
    """Apply every pending migration to ``db``."""
    from kvdesk.storage.tables import Base

    Base.metadata.create_all(db.engine)
