"""Building a main window for tests: a real SQLite file in the test's data folder, sync writes."""
from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kvdesk.core.model import Addressee, Footnote, Member, Question, QuestionSet
from kvdesk.gui.application import Started, build
from kvdesk.gui.operations import SyncExecutor


def make_set(n: int, kenmerk: str = "2024Z18559", submitted: dt.date | None = None) -> QuestionSet:
    """A question set built by hand, with ``n`` questions of realistic length."""
    return QuestionSet(
        kenmerk=kenmerk,
        submitted_on=submitted or dt.date.today() - dt.timedelta(days=10),
        header="Vragen van de leden Kathmann en El Abassi aan de minister van Justitie en Veiligheid",
        members=[Member("Kathmann", "GroenLinks-PvdA"), Member("El Abassi", "DENK")],
        addressees=[Addressee("minister van Justitie en Veiligheid", "minister", "Justitie en Veiligheid")],
        subject="het niet naleven van de Wet politiegegevens",
        questions=[
            Question(number=i, text=f"Vraag {i}: klopt het dat de Wet politiegegevens sinds de inwerkingtreding "
                                    f"niet wordt nageleefd, en vanaf wanneer is dit het geval? ({i})")
            for i in range(1, n + 1)
        ],
        footnotes=[Footnote(1, "Follow the Money, 16 oktober 2024")],
    )


def start_app(data_dir: Path, *, sets: list[QuestionSet] = (), autosave_ms: int | None = None,
              executor: object = None) -> Started:
    """The application as ``kvdesk`` builds it, with a synchronous executor and no spelling worker."""
    from kvdesk.gui import settings as S
    from kvdesk.services.context import Context

    if sets:
        ctx = Context.create(data_dir)
        for qs in sets:
            ctx.repo.add_set(qs)
        ctx.close()
    settings_path = data_dir.parent / "config" / "kvdesk-test.ini"
    if autosave_ms is not None:
        s = S.Settings(settings_path)
        s.set(S.AUTOSAVE_MS, autosave_ms)
        s.sync()
    args = argparse.Namespace(data_dir=str(data_dir), database=None, debug=False)
    return build(args, executor=executor or SyncExecutor(),  # type: ignore[arg-type]
                 settings_path=settings_path, spell=False, show_errors=False)


def running_apps(qtbot: Any, data_dir: Path, *, size: tuple[int, int] | None = None,
                 autosave_ms: int | None = None) -> Iterator[Callable[..., Started]]:
    """For an ``app_with`` fixture: ``make(*sets)`` starts the app shown (and exposed) with those
    sets (``autosave_ms`` per call or for all); every app started is closed afterwards."""
    started: list[Started] = []
    default_autosave = autosave_ms

    def make(*sets: QuestionSet, autosave_ms: int | None = default_autosave) -> Started:
        s = start_app(data_dir, sets=list(sets), autosave_ms=autosave_ms)
        qtbot.addWidget(s.window)
        if size is not None:
            s.window.resize(*size)
        s.window.show()
        qtbot.waitExposed(s.window)
        started.append(s)
        return s

    yield make
    for s in started:
        s.window.close()
        s.hook.uninstall()
        s.ctx.close()


def damaged_database_with_backup(data_dir: Path, sets: int = 40) -> None:
    """A database of ``sets`` sets with a backup taken, then damaged in its data pages."""
    from kvdesk.services.context import Context
    from kvdesk.storage.backup import backup_now
    from tests.storage.test_damage import _damage

    ctx = Context.create(data_dir)
    ctx.hold_lock()
    for k in range(sets):  # enough pages for the damage to land in the data
        ctx.repo.add_set(make_set(3, kenmerk=f"2025Z{k:05d}"))
    path = ctx.database_path
    assert path is not None
    backup_now(path, ctx.backups_dir)
    ctx.close()
    _damage(path)
