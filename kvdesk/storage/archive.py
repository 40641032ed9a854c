"""What kvdesk knows about where archive sets came from, and how far a sync got.

Plain functions over ``archive_source`` and ``sync_state`` (see :mod:`kvdesk.storage.tables`);
they return dataclasses, never rows.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select

from kvdesk.storage.database import Database
from kvdesk.storage.tables import ArchiveSourceRow, SetRow, SyncStateRow

log = logging.getLogger(__name__)


@dataclass
class ArchiveSource:
    """The origin of an archive set: the Kamer's case, the Aanhangsel number, the publication."""

    set_id: int
    source: str
    zaak_id: str | None = None
    vergaderjaar: str | None = None  # "2024-2025"
    aanhangsel: str | None = None  # "2345"
    publication: str | None = None  # "ah-tk-20242025-2345"
    answered_on: dt.date | None = None
    changed_at: str | None = None


@dataclass
class SyncState:
    """Where a sync resumes: ``cursor`` is the next page of an interrupted run."""

    name: str
    cursor: str | None = None
    since: str | None = None
    updated_at: dt.datetime | None = None


def get_source(db: Database, set_id: int) -> ArchiveSource | None:
    with db.session() as s:
        row = s.get(ArchiveSourceRow, set_id)
        return _source(row) if row is not None else None


def set_for_zaak(db: Database, zaak_id: str) -> int | None:
    """The id of the set stored for the Kamer's Zaak ``zaak_id``, if any."""
    with db.session() as s:
        return s.scalar(select(ArchiveSourceRow.set_id).where(ArchiveSourceRow.zaak_id == zaak_id))


def put_source(db: Database, src: ArchiveSource) -> None:
    """Insert or replace the origin of set ``src.set_id``."""
    with db.session() as s:
        row = s.get(ArchiveSourceRow, src.set_id)
        if row is None:
            row = ArchiveSourceRow(set_id=src.set_id)
            s.add(row)
        row.source = src.source
        row.zaak_id = src.zaak_id
        row.vergaderjaar = src.vergaderjaar
        row.aanhangsel = src.aanhangsel
        row.publication = src.publication
        row.answered_on = src.answered_on
        row.changed_at = src.changed_at


def delete_archive_set(db: Database, zaak_id: str) -> bool:
    """Remove the archive set of a Zaak the Kamer deleted; drafts are never touched."""
    with db.session() as s:
        set_id = s.scalar(select(ArchiveSourceRow.set_id).where(ArchiveSourceRow.zaak_id == zaak_id))
        if set_id is None:
            return False
        row = s.get(SetRow, set_id)
        if row is None or row.origin != "archive":
            return False
        s.execute(delete(ArchiveSourceRow).where(ArchiveSourceRow.set_id == set_id))
        s.delete(row)
        return True


def get_state(db: Database, name: str) -> SyncState:
    with db.session() as s:
        row = s.get(SyncStateRow, name)
        if row is None:
            return SyncState(name)
        return SyncState(row.name, row.cursor, row.since, row.updated_at)


def put_state(db: Database, state: SyncState) -> None:
    with db.session() as s:
        row = s.get(SyncStateRow, state.name)
        if row is None:
            row = SyncStateRow(name=state.name)
            s.add(row)
        row.cursor = state.cursor
        row.since = state.since
        row.updated_at = dt.datetime.now().replace(microsecond=0)


def _source(row: ArchiveSourceRow) -> ArchiveSource:
    return ArchiveSource(
        set_id=row.set_id, source=row.source, zaak_id=row.zaak_id, vergaderjaar=row.vergaderjaar,
        aanhangsel=row.aanhangsel, publication=row.publication, answered_on=row.answered_on,
        changed_at=row.changed_at,
    )
