"""Storage fixtures: a database URL for every backend, and a temporary PostgreSQL 15 cluster.

``database_url`` is parametrised over ``sqlite`` (a real file in the test's folder) and
``postgresql`` (a fresh database in a cluster started once per test session from Debian's
server binaries). initdb refuses to run as root, so as root the cluster runs as the
``postgres`` system user (or a ``kvdesk-pg`` user made with useradd). Where the binaries are
absent the PostgreSQL cases skip with the reason; with ``CI=true`` they fail instead.
"""
from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import require

PG_VERSIONS = ("15", "16", "17", "14")
_names = itertools.count(1)


def _pg_bindir() -> Path | None:
    env = os.environ.get("KVDESK_PG_BINDIR")
    if env:
        return Path(env)
    for version in PG_VERSIONS:
        candidate = Path(f"/usr/lib/postgresql/{version}/bin")
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the cluster as; ``None`` when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "kvdesk-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "kvdesk-pg"],
                   check=True, capture_output=True)
    return pwd.getpwnam("kvdesk-pg")


@dataclass
class PostgresServer:
    """A running temporary cluster; :meth:`new_database` gives each test its own database."""

    host: str
    port: int
    user: str = "postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def _admin(self) -> object:
        import psycopg

        return psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True)

    def new_database(self) -> str:
        name = f"kvdesk_test_{os.getpid()}_{next(_names)}"
        with self._admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(cmd: list[str], user: pwd.struct_passwd | None, log: Path | None = None) -> None:
    if user is not None:
        cmd = ["runuser", "-u", user.pw_name, "--", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        if log is not None and log.exists():
            detail += "\n" + log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {detail}")


@contextmanager
def temporary_cluster(prefix: str, options: str, prepare: Callable[[Path, pwd.struct_passwd | None], None] | None = None,
                      ) -> Iterator[int]:
    """A PostgreSQL cluster in a temporary folder on 127.0.0.1 (and a unix socket there); yields its port.

    ``options`` are added to the server's command line; ``prepare(data_dir, user)`` runs between
    initdb and the start (certificates, ``pg_hba.conf``). Skips, or fails with ``CI=true``, when
    the binaries are absent or the cluster does not start.
    """
    bindir = _pg_bindir()
    require(bindir is not None, "PostgreSQL server binaries are not installed (Debian package postgresql-15)")
    assert bindir is not None
    user = _server_user()
    base = Path(tempfile.mkdtemp(prefix=prefix))
    data, log = base / "data", base / "server.log"
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    port = _free_port()
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
              "--locale=C.UTF-8", "--no-sync"], user)
        if prepare is not None:
            prepare(data, user)
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 "
              f"{options}", "-l", str(log), "-w", "-t", "60", "start"], user, log)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(base, ignore_errors=True)
        require(False, f"a temporary PostgreSQL cluster could not be started: {exc}")
    try:
        yield port
    finally:
        try:
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], user)
        finally:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 and a unix socket there."""
    pytest.importorskip("psycopg")
    with temporary_cluster("kvdesk-pg-", "-c fsync=off -c synchronous_commit=off -c full_page_writes=off") as port:
        yield PostgresServer("127.0.0.1", port)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kvdesk.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.new_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)
