"""The references of a set: recognise them, fetch them, attach files by hand, cite them.

* :func:`refresh_references` / :func:`detect_references` store what a set's footnotes and
  questions refer to; fetched or attached text is kept when the set is imported again.
* :func:`fetch_references` fetches them (at most four at a time) and keeps the text, the
  metadata and the original file, so they are readable offline. Earlier sets come from the local
  archive first. A fetch that failed because of the network stays queued
  (``parts["queued"]``); :func:`retry_queued` tries those again when the network is back.
* :func:`attach_file` / :func:`attach_text` keep what the user drops or pastes.
* :func:`cite` writes the footnote text for a reference.

All writes happen in the calling thread: the worker threads only fetch and extract.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from kvdesk.core.model import QuestionSet, Reference
from kvdesk.core.references import detect, detect_in_set, format_citation, reference_key, search_url
from kvdesk.services.context import Context
from kvdesk.services.sets import UserError
from kvdesk.sources.fetch import (
    Extracted,
    FetchedDocument,
    Fetcher,
    FetchError,
    FetchSettings,
    ProcessExtractor,
    resolve_url,
    store_original,
    suffix_for,
)

log = logging.getLogger(__name__)

__all__ = [
    "FetchReport",
    "Progress",
    "ReferenceServices",
    "detect_references",
    "refresh_references",
    "fetch_references",
    "fetch_references_cli",
    "retry_queued",
    "queued_references",
    "attach_file",
    "attach_text",
    "add_reference",
    "get_reference",
    "set_reference_url",
    "cite",
    "reference_search_url",
    "attachment_path",
]

# Called with a copy of the reference whose state changed, how many are done, and how many in all.
# ``status`` is "fetching" while it runs, then "fetched", "failed" or "attached".
Progress = Callable[[Reference, int, int], None]

# Parts written by fetching or attaching; a fresh detection must not throw them away.
_KEPT_PARTS = ("queued", "error_reason", "source", "source_url", "final_url", "sitename", "attached_file",
               "by_hand", "archive_set", "url_by_hand")


@dataclass
class FetchReport:
    """What one round of fetching did."""

    fetched: list[Reference] = field(default_factory=list)
    failed: list[Reference] = field(default_factory=list)
    skipped: list[Reference] = field(default_factory=list)  # nothing to fetch: no link, or already kept

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def queued(self) -> list[Reference]:
        """The failures worth retrying when the network is back."""
        return [r for r in self.failed if r.parts.get("queued")]


# ------------------------------------------------------------------------------ detection


def detect_references(ctx: Context, set_id: int) -> list[Reference]:
    """Recognise and store the references of the stored set ``set_id``; returns them all."""
    return refresh_references(ctx, ctx.repo.get_set(set_id))


def refresh_references(ctx: Context, qs: QuestionSet) -> list[Reference]:
    """Store the references of ``qs`` (a stored set), keeping what was fetched or attached before.

    Call it after an import or an update of the set. A reference found again keeps its id, text
    and state; one that is gone is removed unless it holds fetched or attached text or was added
    by hand (text the user has is never thrown away).
    """
    if qs.id is None:
        raise ValueError("refresh_references needs a stored set")
    repo = ctx.repo
    stored = repo.references(qs.id)
    by_key = {reference_key(r): r for r in stored}
    by_note = {(r.kind, r.footnote): r for r in stored if r.footnote is not None}
    used: set[int] = set()
    result: list[Reference] = []
    for new in detect_in_set(qs):
        old = by_key.get(reference_key(new))
        if old is None or old.id in used:
            old = by_note.get((new.kind, new.footnote)) if new.footnote is not None else None
        if old is not None and old.id not in used:
            used.add(old.id)  # type: ignore[arg-type]
            new = _merge(old, new)
        result.append(repo.save_reference(qs.id, new))
    for old in stored:
        if old.id in used:
            continue
        if old.status in ("fetched", "attached") or old.parts.get("by_hand"):
            result.append(old)
        else:
            repo.delete_reference(old.id)  # type: ignore[arg-type]
    result.sort(key=lambda r: r.id or 0)
    return result


def _merge(old: Reference, new: Reference) -> Reference:
    """The freshly detected ``new`` with the state, text and corrections that ``old`` gathered."""
    new.id = old.id
    new.status = old.status
    new.error = old.error
    new.text = old.text
    new.fetched_at = old.fetched_at
    new.attachment = old.attachment
    new.content_type = old.content_type
    new.author = old.author or new.author
    new.title = new.title or old.title
    new.published_on = new.published_on or old.published_on
    if old.parts.get("url_by_hand") or not new.url:
        new.url = old.url  # the link the user found wins over the one the footnote had (or lacked)
    for key in _KEPT_PARTS:
        if key in old.parts:
            new.parts[key] = old.parts[key]
    return new


def get_reference(ctx: Context, reference_id: int) -> tuple[int, Reference]:
    """The set id and the stored reference ``reference_id``; raises :class:`UserError` when absent."""
    from sqlalchemy import select

    from kvdesk.storage.tables import ReferenceRow

    # The repository reads references per set; this one query finds the set of a reference id.
    with ctx.db.session() as s:
        set_id = s.scalar(select(ReferenceRow.set_id).where(ReferenceRow.id == reference_id))
    if set_id is None:
        raise UserError(f"Geen bron met nummer {reference_id}; vernieuw de lijst met bronnen.")
    ref = next(r for r in ctx.repo.references(set_id) if r.id == reference_id)
    return set_id, ref


def add_reference(ctx: Context, set_id: int, text: str, *, questions: Iterable[int] = ()) -> list[Reference]:
    """Add references the user types or pastes (a URL, a citation); returns the stored ones."""
    refs = detect(text.strip())
    if not refs:
        raise UserError("Hierin staat geen link of herkenbare verwijzing; plak een URL of bijvoorbeeld "
                        "'NOS, 17 november 2024, titel'.")
    stored = []
    for ref in refs:
        ref.parts["by_hand"] = True
        ref.questions = sorted(set(questions))
        stored.append(ctx.repo.save_reference(set_id, ref))
    return stored


def set_reference_url(ctx: Context, reference_id: int, url: str) -> Reference:
    """Give a citation without a link the link the user found (then fetch it)."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise UserError(f"'{url}' is geen webadres; plak een link die met http:// of https:// begint.")
    set_id, ref = get_reference(ctx, reference_id)
    ref.url = url
    ref.parts["url_by_hand"] = True
    ref.status = "new" if ref.status == "failed" else ref.status
    ref.error = None
    return ctx.repo.save_reference(set_id, ref)


# ------------------------------------------------------------------------------ fetching


def _fetch_settings(ctx: Context) -> FetchSettings:
    from kvdesk.services.network import fetch_settings

    return fetch_settings(ctx)


def fetch_references(
    ctx: Context,
    key: str | int,
    progress: Progress | None = None,
    *,
    reference_ids: Iterable[int] | None = None,
    fetcher: Fetcher | None = None,
    extractor: Callable[[FetchedDocument], Extracted] | None = None,
) -> FetchReport:
    """Fetch the references of set ``key`` that have no text yet (or those in ``reference_ids``).

    Returns what was fetched, what failed (each with a Dutch ``error``) and what was skipped
    because there is nothing to fetch (a newspaper citation without a link).
    """
    repo = ctx.repo
    set_id = repo.resolve(key)
    refs = refresh_references(ctx, repo.get_set(set_id))
    if reference_ids is not None:
        wanted = set(reference_ids)
        targets = [r for r in refs if r.id in wanted]
    else:
        targets = [r for r in refs if r.status in ("new", "failed")]
    return _fetch_list(ctx, [(set_id, r) for r in targets], progress, fetcher, extractor)


def queued_references(ctx: Context) -> list[tuple[int, Reference]]:
    """The failed fetches, over all draft sets, that failed for network reasons."""
    out: list[tuple[int, Reference]] = []
    for summary in ctx.repo.list_sets():
        out.extend((summary.id, r) for r in ctx.repo.references(summary.id)
                   if r.status == "failed" and r.parts.get("queued"))
    return out


def retry_queued(ctx: Context, progress: Progress | None = None, *, fetcher: Fetcher | None = None,
                 extractor: Callable[[FetchedDocument], Extracted] | None = None) -> FetchReport:
    """Try the queued fetches again (when the network is back)."""
    return _fetch_list(ctx, queued_references(ctx), progress, fetcher, extractor)


def _fetch_list(
    ctx: Context,
    targets: list[tuple[int, Reference]],
    progress: Progress | None,
    fetcher: Fetcher | None,
    extractor: Callable[[FetchedDocument], Extracted] | None = None,
) -> FetchReport:
    report = FetchReport()
    total = len(targets)
    done = 0
    network: list[tuple[int, Reference, str]] = []
    settings = fetcher.settings if fetcher is not None else None

    def tell(ref: Reference) -> None:
        if progress is not None:
            progress(_copy(ref), done, total)

    for set_id, ref in targets:
        if ref.kind == "questionset" and _from_archive(ctx, set_id, ref):
            done += 1
            report.fetched.append(ref)
            tell(ref)
            continue
        if settings is None:
            settings = _fetch_settings(ctx)
        url = resolve_url(ref, settings.ob_base_url)
        if url is None:
            done += 1
            ref.parts["skip_reason"] = "geen link: zoek het artikel op of voeg het als bestand of tekst toe"
            report.skipped.append(ref)
            tell(ref)
            continue
        network.append((set_id, ref, url))
    if not network:
        return report

    own = fetcher is None
    active = fetcher or Fetcher(settings, extractor)
    try:
        for _set_id, ref, _url in network:
            busy = _copy(ref)
            busy.status = "fetching"
            if progress is not None:
                progress(busy, done, total)
        with ThreadPoolExecutor(max_workers=active.settings.max_concurrent, thread_name_prefix="kvdesk-fetch") as pool:
            futures: dict[Future[tuple[FetchedDocument, Extracted]], tuple[int, Reference, str]] = {
                pool.submit(active.fetch_text, url): (set_id, ref, url) for set_id, ref, url in network
            }
            for future in as_completed(futures):
                set_id, ref, url = futures[future]
                try:
                    doc, extracted = future.result()
                except FetchError as exc:
                    _mark_failed(ref, str(exc), exc.reason, exc.network)
                except Exception as exc:
                    log.exception("reading %s failed", url)
                    _mark_failed(ref, f"De pagina kon niet worden gelezen ({type(exc).__name__}); voeg het "
                                 "document als bestand toe.", "unreadable", False)
                else:
                    try:
                        _mark_fetched(ctx, ref, url, doc, extracted)
                    except OSError as exc:
                        _mark_failed(ref, f"Opslaan in de datamap mislukt: {exc.strerror or exc}.", "disk", False)
                ref = ctx.repo.save_reference(set_id, ref)
                (report.fetched if ref.status == "fetched" else report.failed).append(ref)
                done += 1
                tell(ref)
    finally:
        if own:
            active.close()
    return report


def _copy(ref: Reference) -> Reference:
    from dataclasses import replace

    return replace(ref, parts=dict(ref.parts), questions=list(ref.questions))


def _mark_failed(ref: Reference, message: str, reason: str, network: bool) -> None:
    ref.status = "failed"
    ref.error = message
    ref.parts["error_reason"] = reason
    if network:
        ref.parts["queued"] = True
    else:
        ref.parts.pop("queued", None)


def _mark_fetched(ctx: Context, ref: Reference, url: str, doc: FetchedDocument, extracted: Extracted) -> None:
    ref.attachment = store_original(ctx.attachments_dir, doc.body, suffix_for(doc.content_type))
    ref.content_type = doc.content_type
    ref.text = extracted.text
    # The title the question cites stays; the page's own title fills a gap.
    ref.title = ref.title or extracted.title
    ref.author = extracted.author or ref.author
    ref.published_on = ref.published_on or extracted.published_on
    ref.fetched_at = doc.fetched_at
    ref.status = "fetched"
    ref.error = None
    for k in ("queued", "error_reason", "skip_reason"):
        ref.parts.pop(k, None)
    ref.parts["source_url"] = url
    if doc.url != url:
        ref.parts["final_url"] = doc.url
    if extracted.sitename:
        ref.parts["sitename"] = extracted.sitename


def _from_archive(ctx: Context, set_id: int, ref: Reference) -> bool:
    """An earlier set that is in the local database needs no network."""
    kenmerk = str(ref.parts.get("kenmerk") or "")
    other_id = ctx.repo.exists(kenmerk) if kenmerk else None
    if other_id is None or other_id == set_id:
        return False
    other = ctx.repo.get_set(other_id)
    ref.text = _set_text(other)
    ref.title = ref.title or (f"Vragen over {other.subject}" if other.subject else other.header)
    ref.published_on = ref.published_on or other.submitted_on
    ref.fetched_at = dt.datetime.now().replace(microsecond=0)
    ref.status = "fetched"
    ref.error = None
    ref.parts["source"] = "archief"
    ref.parts["archive_set"] = other_id
    for k in ("queued", "error_reason"):
        ref.parts.pop(k, None)
    ctx.repo.save_reference(set_id, ref)
    return True


def _set_text(qs: QuestionSet) -> str:
    """An earlier set as reading text: header, each question and its answer."""
    from kvdesk.core.richtext import to_plain

    blocks: list[str] = []
    if qs.header:
        blocks.append(qs.header)
    answered: set[int] = set()
    for q in qs.questions:
        blocks.append(f"Vraag {q.number}\n{q.text}")
        answer = qs.answer_for(q.number)
        if answer is not None and answer.questions[0] not in answered and q.number == answer.questions[-1]:
            label = " en ".join(str(n) for n in answer.questions)
            blocks.append(f"Antwoord {label}\n{to_plain(answer.text)}")
            answered.add(answer.questions[0])
    return "\n\n".join(blocks)


# ------------------------------------------------------------------------------ attaching


def attachment_path(ctx: Context, ref: Reference) -> Path | None:
    """Where the original of ``ref`` is kept, if it has one."""
    return ctx.attachments_dir / ref.attachment if ref.attachment else None


def attach_file(ctx: Context, reference_id: int, path: str | Path) -> Reference:
    """Keep a file the user dropped (PDF, HTML, .docx, .txt, .eml) as the text of a reference."""
    from kvdesk.sources.attach import AttachError, read_attachment

    set_id, ref = get_reference(ctx, reference_id)
    try:
        att = read_attachment(Path(path))
    except AttachError as exc:
        raise UserError(str(exc)) from exc
    try:
        name = store_original(ctx.attachments_dir, att.body, att.suffix)
    except OSError as exc:
        raise UserError(f"Opslaan in de datamap mislukt: {exc.strerror or exc}; het bestand is niet toegevoegd.") from exc
    e = att.extracted
    ref.text = e.text
    ref.title = ref.title or e.title
    ref.author = e.author or ref.author
    ref.published_on = ref.published_on or e.published_on
    ref.attachment = name
    ref.content_type = att.content_type
    ref.parts["attached_file"] = att.name
    return _attached(ctx, set_id, ref)


def attach_text(ctx: Context, reference_id: int, text: str, *, title: str | None = None) -> Reference:
    """Keep pasted text as the text of a reference (the original is stored as a .txt file)."""
    clean = text.strip()
    if not clean:
        raise UserError("Er is geen tekst om toe te voegen; kopieer eerst de tekst van het artikel.")
    set_id, ref = get_reference(ctx, reference_id)
    try:
        name = store_original(ctx.attachments_dir, clean.encode("utf-8"), ".txt")
    except OSError as exc:
        raise UserError(f"Opslaan in de datamap mislukt: {exc.strerror or exc}; de tekst is niet toegevoegd.") from exc
    ref.text = clean
    ref.title = ref.title or title
    ref.attachment = name
    ref.content_type = "text/plain"
    ref.parts["attached_file"] = "geplakte tekst"
    return _attached(ctx, set_id, ref)


def _attached(ctx: Context, set_id: int, ref: Reference) -> Reference:
    ref.status = "attached"
    ref.error = None
    ref.fetched_at = dt.datetime.now().replace(microsecond=0)
    for k in ("queued", "error_reason", "skip_reason"):
        ref.parts.pop(k, None)
    return ctx.repo.save_reference(set_id, ref)


# ------------------------------------------------------------------------------ citing


def cite(reference: Reference) -> str:
    """The footnote text for ``reference``: medium, date, title, URL."""
    return format_citation(reference)


def reference_search_url(ctx: Context, reference: Reference) -> str:
    """A search link for a citation without a link (the search engine is a network setting)."""
    from kvdesk.services.network import load_settings

    return search_url(reference, load_settings(ctx).search_url)


# ------------------------------------------------------------------------------ command line


def _short(ref: Reference) -> str:
    text = ref.citation if len(ref.citation) <= 100 else ref.citation[:97] + "…"
    return f"[{ref.footnote}] {text}" if ref.footnote is not None else text


def fetch_references_cli(ctx: Context, key: str, *, out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """``kvdesk fetch-references KEY``: 0 when everything was fetched, 1 when some failed.

    One line per reference on stdout ("opgehaald", "overgeslagen"), one line per failure on
    stderr. A missing set is raised as the repository's ``NotFound`` (exit 2 in the CLI).
    """
    report = fetch_references(ctx, key)
    for ref in report.fetched:
        title = f" — {ref.title}" if ref.title and ref.title not in ref.citation else ""
        out(f"opgehaald: {_short(ref)}{title}")
    for ref in report.skipped:
        out(f"overgeslagen: {_short(ref)}: {ref.parts.get('skip_reason', 'niets op te halen')}")
    for ref in report.failed:
        err(f"mislukt: {_short(ref)}: {ref.error}")
    if not (report.fetched or report.failed or report.skipped):
        out("Niets op te halen: alle bronnen van deze set zijn al bewaard of er zijn geen verwijzingen.")
    return 1 if report.failed else 0


# ------------------------------------------------------------------------------ for the window


class ReferenceServices:
    """What the sources panel needs, bound to one :class:`Context` (safe to call from a worker thread)."""

    def __init__(self, ctx: Context, *, extract_in_process: bool = True) -> None:
        self.ctx = ctx
        # In the window, extraction runs in a helper process so that the GUI thread never
        # waits for the interpreter lock while a long article is parsed.
        self._extractor = ProcessExtractor() if extract_in_process else None

    def close(self) -> None:
        """End the helper process (when the window closes)."""
        if self._extractor is not None:
            self._extractor.close()

    def references(self, set_id: int) -> list[Reference]:
        return self.ctx.repo.references(set_id)

    def detect(self, set_id: int) -> list[Reference]:
        return detect_references(self.ctx, set_id)

    def fetch(self, set_id: int, reference_ids: Iterable[int] | None = None,
              progress: Progress | None = None) -> FetchReport:
        return fetch_references(self.ctx, set_id, progress, reference_ids=reference_ids, extractor=self._extractor)

    def retry_queued(self, progress: Progress | None = None) -> FetchReport:
        return retry_queued(self.ctx, progress, extractor=self._extractor)

    def attach_file(self, reference_id: int, path: str | Path) -> Reference:
        return attach_file(self.ctx, reference_id, path)

    def attach_text(self, reference_id: int, text: str) -> Reference:
        return attach_text(self.ctx, reference_id, text)

    def set_url(self, reference_id: int, url: str) -> Reference:
        return set_reference_url(self.ctx, reference_id, url)

    def cite(self, reference: Reference) -> str:
        return cite(reference)

    def search_url(self, reference: Reference) -> str:
        return reference_search_url(self.ctx, reference)
