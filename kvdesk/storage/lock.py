"""A lock file beside the SQLite database, so two writers never silently share it.

SQLite serialises single writes, but two kvdesk instances (or two machines on a network share,
where SQLite's own locking is unreliable) would each work from their own view of the data and
overwrite each other's answers. The process that writes holds ``<database>.lock``: a small JSON
file with host, user, pid, since when, and a heartbeat that a background thread refreshes.

Another process that finds the file is refused with :class:`LockedError` (who, where, since
when, what to do), unless the lock is stale: its pid is dead on this same host, or its
heartbeat is older than ``stale_after`` (the only sign left when the holder is on another
machine). Readers never need the lock: SQLite's WAL lets them read while the holder writes.

Within one process the lock is shared: every :class:`DatabaseLock` for the same file counts
up and down one hold, so the app, its workers and a migration can all "take" it.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kvdesk.storage.errors import DatabaseError

if TYPE_CHECKING:
    from kvdesk.storage.database import Database

log = logging.getLogger(__name__)

DEFAULT_STALE_AFTER = dt.timedelta(minutes=10)
DEFAULT_HEARTBEAT = dt.timedelta(seconds=60)
# A lock file still empty after this long was left by a writer that died while creating it.
_EMPTY_GRACE = dt.timedelta(seconds=10)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems; never fail on this
        return "onbekend"


@dataclass(frozen=True)
class LockInfo:
    """What the lock file says about its holder."""

    host: str
    user: str
    pid: int
    since: dt.datetime
    heartbeat: dt.datetime
    token: str
    app: str = "kvdesk"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"] = self.since.isoformat(timespec="seconds")
        data["heartbeat"] = self.heartbeat.isoformat(timespec="seconds")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LockInfo:
        return cls(
            host=str(data["host"]),
            user=str(data.get("user") or "onbekend"),
            pid=int(data["pid"]),
            since=dt.datetime.fromisoformat(str(data["since"])),
            heartbeat=dt.datetime.fromisoformat(str(data.get("heartbeat") or data["since"])),
            token=str(data.get("token") or ""),
            app=str(data.get("app") or "kvdesk"),
        )


class LockedError(DatabaseError):
    """Another kvdesk writes this database; ``str()`` says who, where, since when and what to do."""

    def __init__(self, db_path: Path, holder: LockInfo | None, stale_after: dt.timedelta) -> None:
        minutes = max(1, int(stale_after.total_seconds() // 60))
        if holder is None:
            who = "een andere kvdesk (het slotbestand is onleesbaar)"
        else:
            who = f"{holder.user} op {holder.host} (sinds {holder.since:%d-%m-%Y %H:%M})"
        super().__init__(
            f"De database {db_path} is in gebruik door {who}. Sluit kvdesk daar af en probeer het opnieuw; "
            f"is die kvdesk vastgelopen, dan vervalt het slot {minutes} minuten na het laatste teken van leven. "
            f"Bekijken (kvdesk list, show, search) kan wel."
        )
        self.db_path = db_path
        self.holder = holder


@dataclass
class _Hold:
    info: LockInfo
    count: int
    stop: threading.Event
    thread: threading.Thread | None


_holds: dict[Path, _Hold] = {}
_holds_guard = threading.RLock()


def _pid_alive(pid: int) -> bool:
    """Whether a process with ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True


def _same_host(a: str, b: str) -> bool:
    return a.split(".", maxsplit=1)[0].lower() == b.split(".", maxsplit=1)[0].lower()


class DatabaseLock:
    """The write lock of one SQLite database file."""

    def __init__(
        self,
        db_path: Path,
        *,
        stale_after: dt.timedelta = DEFAULT_STALE_AFTER,
        heartbeat: dt.timedelta | None = DEFAULT_HEARTBEAT,
        user: str | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.stale_after = stale_after
        self.heartbeat_every = heartbeat
        self.user = user or _user()
        self.host = socket.gethostname()
        self._held = False

    @property
    def _key(self) -> Path:
        return self.path.resolve()

    @property
    def held(self) -> bool:
        return self._held

    def read(self) -> LockInfo | None:
        """The holder the file names, or ``None`` when there is no (readable) lock file."""
        try:
            raw = self.path.read_text(encoding="utf-8")
            return LockInfo.from_json(json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_stale(self, info: LockInfo, now: dt.datetime | None = None) -> bool:
        """Whether ``info``'s holder is gone, so the lock may be taken over."""
        now = now or dt.datetime.now()
        if _same_host(info.host, self.host):
            if info.pid == os.getpid():
                # Our pid, but not a hold of this process: left by an earlier process with the same pid.
                with _holds_guard:
                    hold = _holds.get(self._key)
                return hold is None or hold.info.token != info.token
            if not _pid_alive(info.pid):
                return True
        return now - info.heartbeat > self.stale_after

    def acquire(self, *, force: bool = False) -> LockInfo:
        """Take the lock (or join this process's hold); raises :class:`LockedError` when another has it.

        ``force`` takes it over whatever the file says: for the user who confirmed that the
        other instance is gone.
        """
        if self._held:
            with _holds_guard:
                return _holds[self._key].info
        with _holds_guard:
            hold = _holds.get(self._key)
            if hold is not None and self._still_ours(hold.info):
                hold.count += 1
                self._held = True
                return hold.info
            if hold is not None:
                log.error("the lock %s was taken over by another process; taking it back", self.path)
                self._stop(hold)
                del _holds[self._key]
            info = self._create(force=force)
            stop = threading.Event()
            thread = None
            if self.heartbeat_every is not None:
                thread = threading.Thread(target=self._beat, args=(info, stop), name="kvdesk-lock-heartbeat",
                                          daemon=True)
                thread.start()
            _holds[self._key] = _Hold(info, 1, stop, thread)
            self._held = True
            log.info("lock taken: %s", self.path)
            return info

    def release(self) -> None:
        """Give up this hold; the file goes when the last hold in this process ends."""
        if not self._held:
            return
        self._held = False
        with _holds_guard:
            hold = _holds.get(self._key)
            if hold is None:
                return
            hold.count -= 1
            if hold.count > 0:
                return
            del _holds[self._key]
            self._stop(hold)
            if self._still_ours(hold.info):
                try:
                    self.path.unlink()
                except OSError as exc:
                    log.warning("could not remove the lock file %s: %s", self.path, exc)
            log.info("lock released: %s", self.path)

    def refresh(self) -> None:
        """Renew the heartbeat now (the background thread does this every ``heartbeat``)."""
        with _holds_guard:
            hold = _holds.get(self._key)
        if hold is not None:
            self._write_heartbeat(hold.info)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    # -------------------------------------------------------------- internals

    def _create(self, *, force: bool) -> LockInfo:
        now = dt.datetime.now().replace(microsecond=0)
        info = LockInfo(self.host, self.user, os.getpid(), now, now, secrets.token_hex(8))
        payload = json.dumps(info.to_json(), ensure_ascii=False).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"De map {self.path.parent} kan niet worden gemaakt: {exc.strerror}.") from exc
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = self.read()
                if not force and not self._abandoned(other):
                    raise LockedError(self.db_path, other, self.stale_after) from None
                log.warning("taking over the lock %s from %s", self.path, other)
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise DatabaseError(f"Het slotbestand {self.path} kan niet worden verwijderd: "
                                        f"{exc.strerror}.") from exc
                continue
            except OSError as exc:
                raise DatabaseError(f"Het slotbestand {self.path} kan niet worden gemaakt: {exc.strerror}. "
                                    f"Controleer of u in deze map mag schrijven.") from exc
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            return info
        other = self.read()
        raise LockedError(self.db_path, other, self.stale_after)

    def _abandoned(self, other: LockInfo | None) -> bool:
        if other is not None:
            return self.is_stale(other)
        # Unreadable: a writer may be between creating and filling the file; give it a moment.
        try:
            age = dt.datetime.now() - dt.datetime.fromtimestamp(self.path.stat().st_mtime)
        except OSError:
            return True
        return age > _EMPTY_GRACE

    def _still_ours(self, info: LockInfo) -> bool:
        current = self.read()
        return current is not None and current.token == info.token

    def _write_heartbeat(self, info: LockInfo) -> None:
        current = self.read()
        if current is None or current.token != info.token:
            log.error("the lock %s is no longer ours (now: %s)", self.path, current)
            return
        beat = LockInfo(info.host, info.user, info.pid, info.since,
                        dt.datetime.now().replace(microsecond=0), info.token, info.app)
        tmp = self.path.with_name(f"{self.path.name}.{info.token}.tmp")
        try:
            tmp.write_text(json.dumps(beat.to_json(), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not renew the lock %s: %s", self.path, exc)
            tmp.unlink(missing_ok=True)

    def _beat(self, info: LockInfo, stop: threading.Event) -> None:
        assert self.heartbeat_every is not None
        while not stop.wait(self.heartbeat_every.total_seconds()):
            self._write_heartbeat(info)

    @staticmethod
    def _stop(hold: _Hold) -> None:
        hold.stop.set()
        if hold.thread is not None and hold.thread is not threading.current_thread():
            hold.thread.join(timeout=5)


def lock_for(db: Database) -> Any:
    """A context manager holding ``db``'s lock (SQLite), or doing nothing (PostgreSQL)."""
    if not db.is_sqlite or db.path is None:
        return nullcontext()
    return _held(DatabaseLock(db.path))


@contextmanager
def _held(lock: DatabaseLock) -> Iterator[DatabaseLock]:
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
