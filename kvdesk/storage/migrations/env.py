"""Alembic environment for kvdesk, configured from code (no alembic.ini at run time).

:func:`kvdesk.storage.migrate.upgrade` passes an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (for writing a new
migration) may instead set ``sqlalchemy.url``. SQLite gets batch mode, because it can alter
a table only by copying it.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kvdesk.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: object) -> None:
    is_sqlite = getattr(getattr(connection, "dialect", None), "name", "") == "sqlite"
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=is_sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Write the SQL instead of running it (``alembic upgrade --sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as conn:
            _configure_and_run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
