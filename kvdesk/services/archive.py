"""Filling the archive of earlier sets: bulk import of a ``.jsonl`` file and the open-data sync.

Both store sets with ``origin="archive"``, report progress through a callback and stop when a
``cancelled`` callback says so. The sync reads the Tweede Kamer's OData API page by page
and takes the texts from officielebekendmakingen; after every page it records where it is,
so an interrupted run (cancel, a timeout, no network) resumes at that page next time.
Own drafts are never changed or removed by the archive.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kvdesk.core.model import QuestionSet
from kvdesk.services.context import Context
from kvdesk.services.sets import ImportResult, UserError, import_jsonl
from kvdesk.sources.opendata import koop, tk
from kvdesk.sources.opendata.client import OpenDataClient, OpenDataConfig, OpenDataError
from kvdesk.storage import archive as store
from kvdesk.storage import search as index

log = logging.getLogger(__name__)

SYNC_NAME = "tk-odata"


@dataclass
class SyncProgress:
    """What the progress bar shows."""

    pages: int
    seen: int
    added: int
    updated: int
    deleted: int
    current: str | None = None  # the kenmerk being read


@dataclass
class SyncResult:
    """How a sync run ended. ``finished`` is false when it stopped early (see ``error``)."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    skipped: int = 0
    pages: int = 0
    finished: bool = False
    cancelled: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def import_archive(
    ctx: Context, path: Path, *, progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Bulk-import a ``.jsonl`` archive (one ``kvdesk.questionset/1`` per line); see :func:`import_jsonl`."""
    return import_jsonl(ctx, path, progress=progress, cancelled=cancelled)


def _state_name(since: dt.date | None, until: dt.date | None, ministry: str | None) -> str:
    # A resume cursor only fits the listing it came from: one state per choice of filters.
    if since is None and until is None and not ministry:
        return SYNC_NAME
    return f"{SYNC_NAME}:{since or ''}:{until or ''}:{(ministry or '').strip().lower()}"[:40]


def sync_archive(
    ctx: Context,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    ministry: str | None = None,
    config: OpenDataConfig | None = None,
    client: OpenDataClient | None = None,
    progress: Callable[[SyncProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SyncResult:
    """Bring the archive up to date from the open-data services.

    ``since``/``until`` limit by submission date, ``ministry`` to sets addressed to a
    minister whose title contains it. Without a period, a later run asks only for what
    changed since the last finished run. Network trouble ends the run with ``error`` set
    (nothing raised); what was stored stays, and the next run resumes at the failed page.
    """
    index.ensure_search_index(ctx.db.engine)
    own_client = client is None
    http = client or OpenDataClient(config)
    result = SyncResult()
    name = _state_name(since, until, ministry)
    state = store.get_state(ctx.db, name)
    newest = state.since
    if state.cursor:
        url = state.cursor
        log.info("archive sync resumes at %s", url)
    else:
        changed = state.since if since is None and until is None else None
        url = tk.zaak_query_url(http.config.odata_base, since=since, until=until, ministry=ministry,
                                changed_since=changed)
    seen = 0
    try:
        next_url: str | None = url
        while next_url:
            if cancelled and cancelled():
                result.cancelled = True
                break
            # Remember the page before reading it: a failure part-way resumes at this page,
            # and storing a set twice replaces it, so nothing is lost or doubled.
            store.put_state(ctx.db, store.SyncState(name, next_url, state.since))
            page = tk.fetch_page(http, next_url)
            result.pages += 1
            for zaak in page.zaken:
                seen += 1
                if zaak.changed_at and (newest is None or zaak.changed_at > newest):
                    newest = zaak.changed_at
                if ministry and not zaak.deleted and not zaak.addressed_to(ministry):
                    result.skipped += 1
                    continue
                _apply(ctx, http, zaak, result)
                if progress:
                    progress(SyncProgress(result.pages, seen, result.added, result.updated, result.deleted,
                                          zaak.nummer))
                if cancelled and cancelled():
                    break
            if cancelled and cancelled():
                result.cancelled = True
                break
            next_url = page.next_url
            store.put_state(ctx.db, store.SyncState(name, next_url, state.since))
            if next_url:
                http.pause()
        else:
            result.finished = True
            store.put_state(ctx.db, store.SyncState(name, None, newest))
    except OpenDataError as exc:
        result.error = str(exc)
        log.warning("archive sync stopped: %s", exc)
    finally:
        if own_client:
            http.close()
    if result.added + result.updated > 500:
        index.optimize(ctx.db.engine)
    return result


def _apply(ctx: Context, http: OpenDataClient, zaak: tk.Zaak, result: SyncResult) -> None:
    """Store, replace or delete one set."""
    if zaak.deleted:
        if store.delete_archive_set(ctx.db, zaak.id):
            result.deleted += 1
        return
    if not zaak.nummer:
        result.skipped += 1
        return
    existing = ctx.repo.exists(zaak.nummer)
    if existing is not None:
        src = store.get_source(ctx.db, existing)
        if src is None or src.zaak_id != zaak.id:
            # The kenmerk is an own draft (or came from elsewhere): the archive leaves it alone.
            result.skipped += 1
            return
    qs, source = build_set(http, zaak, result.warnings)
    if existing is not None:
        ctx.repo.delete_set(existing)
    stored = ctx.repo.add_set(qs, origin="archive", author="archief")
    assert stored.id is not None
    source.set_id = stored.id
    store.put_source(ctx.db, source)
    if existing is not None:
        result.updated += 1
    else:
        result.added += 1


def build_set(http: OpenDataClient, zaak: tk.Zaak, warnings: list[str] | None = None) -> tuple[QuestionSet, store.ArchiveSource]:
    """The question set for ``zaak``: metadata from the Kamer, texts from the publication."""
    answer = zaak.answer
    qs = QuestionSet(
        kenmerk=zaak.nummer, chamber="TK", kind="schriftelijk", submitted_on=zaak.started,
        members=list(zaak.members), addressees=list(zaak.addressees), subject=zaak.onderwerp,
        header=(zaak.question_document.titel if zaak.question_document else None),
        status="verzonden" if answer else "nieuw",
    )
    source = store.ArchiveSource(
        set_id=0, source=SYNC_NAME, zaak_id=zaak.id,
        vergaderjaar=(answer.vergaderjaar if answer else None) or zaak.vergaderjaar,
        aanhangsel=answer.aanhangsel if answer else None,
        answered_on=answer.datum if answer else None, changed_at=zaak.changed_at,
    )
    try:
        records = koop.publications_for(http, zaak.nummer or "")
        chosen = _choose(records, source.aanhangsel)
        if chosen is None or not chosen.xml_url:
            qs.warnings.append("De tekst van de vragen is (nog) niet gepubliceerd op officielebekendmakingen.nl.")
            return qs, source
        pub = koop.fetch_publication(http, chosen.xml_url)
    except OpenDataError as exc:
        if exc.retry_later:
            raise
        # This one text cannot be read (refused, soft 404, bad XML): keep the set's metadata,
        # say so, and go on with the rest of the archive.
        qs.warnings.append(f"De tekst kon niet worden gelezen: {exc}")
        if warnings is not None:
            warnings.append(f"{zaak.nummer}: {exc}")
        return qs, source
    qs.questions = pub.questions
    qs.answers = pub.answers
    qs.footnotes = pub.footnotes
    qs.header = pub.header or qs.header
    qs.subject = pub.subject or qs.subject
    qs.submitted_on = qs.submitted_on or pub.submitted_on
    qs.answerer = pub.answerer
    source.publication = pub.identifier or chosen.identifier
    source.aanhangsel = source.aanhangsel or pub.aanhangsel or chosen.aanhangselnummer
    source.vergaderjaar = source.vergaderjaar or pub.vergaderjaar or chosen.vergaderjaar
    if not qs.questions and warnings is not None:
        warnings.append(f"{zaak.nummer}: geen vragen gevonden in {chosen.identifier}.")
    return qs, source


def _choose(records: list[koop.SruRecord], aanhangsel: str | None) -> koop.SruRecord | None:
    """The publication with the answer (matching the Kamer's Aanhangsel number), else the questions."""
    answers = [r for r in records if r.publicatienaam == koop.PUBLICATIE_ANTWOORD]
    if aanhangsel:
        for r in answers:
            if (r.aanhangselnummer or "").lstrip("0") == aanhangsel:
                return r
    # Without a known number, an Aanhangsel record might be a delay notice: prefer the set as sent.
    asked = [r for r in records if r.publicatienaam == koop.PUBLICATIE_VRAGEN]
    return asked[0] if asked else None


# --------------------------------------------------------------------------- command line


def _cli_date(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{option} '{value}' is geen datum; schrijf bijvoorbeeld {option} 2024-09-01.") from None


def sync_cli(
    ctx: Context,
    *,
    since: str | dt.date | None,
    until: str | dt.date | None,
    ministry: str | None,
    odata_base: str | None,
    sru_base: str | None,
    out: Callable[[str], None],
    err: Callable[[str], None],
) -> int:
    """``kvdesk sync [--since DATE] [--until DATE] [--ministry TEXT] [--odata-base URL] [--sru-base URL]``.

    Brings the archive up to date from the Tweede Kamer's open data and officielebekendmakingen
    (see :func:`sync_archive`); progress goes to ``err`` once per page, the totals to ``out``.
    Returns 0 when the sync finished, 1 when the network stopped it (what was stored stays,
    and the next run resumes), and raises :class:`UserError` (status 2) for bad options.
    """
    start = _cli_date(since, "--since")
    end = _cli_date(until, "--until")
    if start and end and end < start:
        raise UserError(f"--until {end} ligt vóór --since {start}; draai ze om.")
    for option, url in (("--odata-base", odata_base), ("--sru-base", sru_base)):
        if url is not None and not url.startswith(("http://", "https://")):
            raise UserError(f"{option} '{url}' is geen http(s)-adres.")
    config = _sync_config(ctx, odata_base, sru_base)
    last_page = [0]

    def progress(p: SyncProgress) -> None:
        if p.pages != last_page[0]:
            last_page[0] = p.pages
            err(f"pagina {p.pages}: {p.seen} gelezen, {p.added} nieuw, {p.updated} bijgewerkt, {p.deleted} verwijderd")

    result = sync_archive(ctx, since=start, until=end, ministry=(ministry or "").strip() or None, config=config,
                          progress=progress)
    out(f"{result.added} nieuw, {result.updated} bijgewerkt, {result.deleted} verwijderd, "
        f"{result.skipped} overgeslagen ({result.pages} pagina's)")
    for warning in result.warnings:
        err(f"let op: {warning}")
    if result.error:
        err(f"De synchronisatie is gestopt: {result.error}")
        return 1
    return 0


def default_sync_config(ctx: Context) -> OpenDataConfig:
    """The open-data settings the app syncs with: the services' own addresses, the network settings."""
    return _sync_config(ctx, None, None)


def _sync_config(ctx: Context, odata_base: str | None, sru_base: str | None) -> OpenDataConfig:
    """The open-data settings: the given base URLs, and the timeouts and proxy of Instellingen › Netwerk."""
    from kvdesk.services.network import load_settings

    config = OpenDataConfig()
    settings = load_settings(ctx)
    config.connect_timeout = float(settings.connect_timeout)
    config.read_timeout = float(settings.read_timeout)
    if settings.proxy and not settings.proxy_user:
        # A proxy that wants a password is left to the system settings: the password would
        # otherwise have to travel inside the proxy URL, which ends up in messages.
        config.proxy = settings.proxy
    if odata_base:
        config.odata_base = odata_base
    if sru_base:
        config.sru_base = sru_base
    return config
