"""House-style profiles: the ministry's letter data, kept in TOML files.

A profile holds the name lines, addresses, contact, signers, the labels of the reference
column, fonts, the paragraph style names per role, an optional logo image and an optional Word
template (.dotx/.docx) whose styles, page setup, headers and footers win over the built-in
layout. The shipped example is ``resources/profiles/voorbeeld.toml``; users keep their own
profiles in the data folder. :func:`load_profile` reads one, :func:`dump_profile` writes one.
"""
from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kvdesk.export.errors import ProfileError

log = logging.getLogger(__name__)

RESOURCES_PROFILES = Path(__file__).resolve().parents[2] / "resources" / "profiles"

# Semantic roles the writers use, and the style name each gets unless the profile says otherwise.
DEFAULT_STYLES: dict[str, str] = {
    "title": "KV Titel",
    "question_heading": "KV Vraagkop",
    "question": "KV Vraag",
    "answer_heading": "KV Antwoordkop",
    "answer": "KV Antwoord",
    "list": "KV Lijst",
    "quote": "KV Citaat",
    "body": "KV Brieftekst",
    "logo": "KV Logo",
    "return_address": "KV Retouradres",
    "address": "KV Adres",
    "reference_heading": "KV Referentiekop",
    "reference": "KV Referentie",
    "date_subject": "KV Datum en betreft",
    "signature": "KV Ondertekening",
    "page_number": "KV Paginanummer",
    "footnote_text": "footnote text",
    "footnote_reference": "footnote reference",
    "hyperlink": "Hyperlink",
}


@dataclass
class Signer:
    """Who signs for a post: ``title`` as addressed ("minister van …"), ``name`` as printed."""

    title: str
    name: str


@dataclass
class Labels:
    """The words of the letter frame that differ per ministry."""

    date: str = "Datum"
    subject: str = "Betreft"
    our_reference: str = "Onze referentie"
    your_reference: str = "Uw referentie"
    attachments: str = "Bijlage(n)"
    contact: str = "Contactpersoon"
    return_address: str = "Retouradres"
    page: str = "Pagina {page} van {pages}"


@dataclass
class HouseStyle:
    """One house-style profile. Empty values are left out of the letter, never invented."""

    name: str = "Standaard"
    # Logo area and top of the reference column; empty: "Ministerie van <portfolio of the answerer>".
    name_lines: list[str] = field(default_factory=list)
    unit_lines: list[str] = field(default_factory=list)  # directorate, department
    return_address: str = ""
    visiting_address: list[str] = field(default_factory=list)
    postal_address: list[str] = field(default_factory=list)
    website: str = ""
    extra_lines: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    our_reference: str = ""
    labels: Labels = field(default_factory=Labels)
    signers: list[Signer] = field(default_factory=list)
    salutation: str = "Geachte voorzitter,"
    closing: str = ""  # e.g. "Hoogachtend,"; the published letters mostly have none
    font: str = "Verdana"
    font_size: float = 9.0
    small_font_size: float = 6.5
    line_spacing: float = 13.5
    question_italic: bool = True
    logo: Path | None = None
    logo_height_mm: float = 30.0
    template: Path | None = None
    styles: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STYLES))
    source: Path | None = None

    def style(self, role: str) -> str:
        return self.styles.get(role) or DEFAULT_STYLES[role]

    def signer_name(self, title: str) -> str:
        """The name the profile gives for ``title`` (case-insensitive), or ``""``."""
        wanted = title.strip().casefold()
        for signer in self.signers:
            if signer.title.strip().casefold() == wanted:
                return signer.name
        return ""


_SECTION_KEYS = {
    "profile": {"name"},
    "sender": {"name_lines", "unit_lines", "return_address", "visiting_address", "postal_address", "website", "extra_lines"},
    "contact": {"name", "phone", "email"},
    "letter": {"our_reference", "salutation", "closing", "font", "font_size", "small_font_size", "line_spacing",
               "question_italic", "logo", "logo_height_mm", "template"},
}


def load_profile(path: str | Path) -> HouseStyle:
    """Read a profile from a TOML file; relative logo and template paths are relative to the file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ProfileError(f"Huisstijlprofiel '{path}' bestaat niet.", path) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"Huisstijlprofiel '{path.name}' is niet leesbaar: {exc}", path) from exc
    try:
        return _from_dict(data, path)
    except (TypeError, ValueError) as exc:
        raise ProfileError(f"Huisstijlprofiel '{path.name}' klopt niet: {exc}", path) from exc


def find_profile(name_or_path: str | os.PathLike[str], search_dirs: list[Path] | None = None) -> HouseStyle:
    """A profile by file path, or by name (``voorbeeld``) in ``search_dirs`` and the shipped profiles."""
    candidate = Path(name_or_path)
    if candidate.suffix.lower() == ".toml" or candidate.is_file():
        return load_profile(candidate)
    for folder in [*(search_dirs or []), RESOURCES_PROFILES]:
        path = Path(folder) / f"{name_or_path}.toml"
        if path.is_file():
            return load_profile(path)
    raise ProfileError(f"Huisstijlprofiel '{os.fspath(name_or_path)}' is niet gevonden.")


def _from_dict(data: dict[str, Any], path: Path | None) -> HouseStyle:
    for section, value in data.items():
        known = _SECTION_KEYS.get(section)
        if known is not None and isinstance(value, dict):
            for key in value:
                if key not in known:
                    log.warning("profile %s: unknown key [%s] %s (ignored)", path, section, key)
        elif section not in ("labels", "styles", "signers"):
            log.warning("profile %s: unknown section %s (ignored)", path, section)
    base = path.parent if path else Path.cwd()
    sender = _table(data, "sender")
    contact = _table(data, "contact")
    letter = _table(data, "letter")
    label_data = _table(data, "labels")
    label_names = {f.name for f in fields(Labels)}
    labels = Labels(**{k: _str(v, f"labels.{k}") for k, v in label_data.items() if k in label_names})
    styles = dict(DEFAULT_STYLES)
    for role, name in _table(data, "styles").items():
        if role not in DEFAULT_STYLES:
            log.warning("profile %s: unknown style role %s (ignored)", path, role)
            continue
        styles[role] = _str(name, f"styles.{role}")
    signers = []
    for item in data.get("signers", []):
        if not isinstance(item, dict):
            raise ValueError("[[signers]] must be tables with title and name")
        signers.append(Signer(title=_str(item.get("title", ""), "signers.title"), name=_str(item.get("name", ""), "signers.name")))
    default = HouseStyle()
    return HouseStyle(
        name=_str(_table(data, "profile").get("name", path.stem if path else default.name), "profile.name"),
        name_lines=_lines(sender.get("name_lines", []), "sender.name_lines"),
        unit_lines=_lines(sender.get("unit_lines", []), "sender.unit_lines"),
        return_address=_str(sender.get("return_address", ""), "sender.return_address"),
        visiting_address=_lines(sender.get("visiting_address", []), "sender.visiting_address"),
        postal_address=_lines(sender.get("postal_address", []), "sender.postal_address"),
        website=_str(sender.get("website", ""), "sender.website"),
        extra_lines=_lines(sender.get("extra_lines", []), "sender.extra_lines"),
        contact_name=_str(contact.get("name", ""), "contact.name"),
        contact_phone=_str(contact.get("phone", ""), "contact.phone"),
        contact_email=_str(contact.get("email", ""), "contact.email"),
        our_reference=_str(letter.get("our_reference", ""), "letter.our_reference"),
        labels=labels,
        signers=signers,
        salutation=_str(letter.get("salutation", default.salutation), "letter.salutation"),
        closing=_str(letter.get("closing", ""), "letter.closing"),
        font=_str(letter.get("font", default.font), "letter.font"),
        font_size=_num(letter.get("font_size", default.font_size), "letter.font_size"),
        small_font_size=_num(letter.get("small_font_size", default.small_font_size), "letter.small_font_size"),
        line_spacing=_num(letter.get("line_spacing", default.line_spacing), "letter.line_spacing"),
        question_italic=bool(letter.get("question_italic", default.question_italic)),
        logo=_path(letter.get("logo"), base),
        logo_height_mm=_num(letter.get("logo_height_mm", default.logo_height_mm), "letter.logo_height_mm"),
        template=_path(letter.get("template"), base),
        styles=styles,
        source=path,
    )


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"[{key}] must be a table")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be text")
    return value


def _lines(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of lines")
    return list(value)


def _num(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"{where} must be a positive number")
    return float(value)


def _path(value: Any, base: Path) -> Path | None:
    if value in (None, ""):
        return None
    path = Path(_str(value, "path")).expanduser()
    return path if path.is_absolute() else base / path


# --------------------------------------------------------------------------- writing


def dump_profile(profile: HouseStyle) -> str:
    """The profile as TOML text that :func:`load_profile` reads back to an equal profile."""
    base = profile.source.parent if profile.source else None
    out: list[str] = ["[profile]", f"name = {_q(profile.name)}", "", "[sender]"]
    out.append(f"name_lines = {_qlist(profile.name_lines)}")
    out.append(f"unit_lines = {_qlist(profile.unit_lines)}")
    out.append(f"return_address = {_q(profile.return_address)}")
    out.append(f"visiting_address = {_qlist(profile.visiting_address)}")
    out.append(f"postal_address = {_qlist(profile.postal_address)}")
    out.append(f"website = {_q(profile.website)}")
    out.append(f"extra_lines = {_qlist(profile.extra_lines)}")
    out += ["", "[contact]", f"name = {_q(profile.contact_name)}", f"phone = {_q(profile.contact_phone)}",
            f"email = {_q(profile.contact_email)}", "", "[letter]"]
    out.append(f"our_reference = {_q(profile.our_reference)}")
    out.append(f"salutation = {_q(profile.salutation)}")
    out.append(f"closing = {_q(profile.closing)}")
    out.append(f"font = {_q(profile.font)}")
    out.append(f"font_size = {profile.font_size:g}")
    out.append(f"small_font_size = {profile.small_font_size:g}")
    out.append(f"line_spacing = {profile.line_spacing:g}")
    out.append(f"question_italic = {'true' if profile.question_italic else 'false'}")
    out.append(f"logo_height_mm = {profile.logo_height_mm:g}")
    for key, value in (("logo", profile.logo), ("template", profile.template)):
        if value is not None:
            out.append(f"{key} = {_q(_relative(value, base))}")
    out += ["", "[labels]"]
    out += [f"{f.name} = {_q(getattr(profile.labels, f.name))}" for f in fields(Labels)]
    changed = {role: name for role, name in profile.styles.items() if DEFAULT_STYLES.get(role) != name}
    if changed:
        out += ["", "[styles]"] + [f"{role} = {_q(name)}" for role, name in changed.items()]
    for signer in profile.signers:
        out += ["", "[[signers]]", f"title = {_q(signer.title)}", f"name = {_q(signer.name)}"]
    return "\n".join(out) + "\n"


def save_profile(profile: HouseStyle, path: Path) -> HouseStyle:
    """Write the profile to ``path`` atomically; returns it with ``source`` set to ``path``."""
    from kvdesk.export.files import atomic_write_bytes

    profile = replace(profile, source=Path(path))
    atomic_write_bytes(Path(path), dump_profile(profile).encode("utf-8"))
    return profile


def _relative(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _q(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _qlist(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"
