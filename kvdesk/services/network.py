"""Network settings (proxy, officielebekendmakingen base URL, search link) and the proxy password.

The settings live in ``network.json`` in the data folder, written atomically. The proxy password
is never written there (nor to the database or the log): it lives in the operating system's
keyring. Where no keyring is available (a headless Linux box, a locked-down profile), the
password is used for this session only — "niet onthouden" — instead of failing.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from kvdesk.services.context import Context
from kvdesk.sources.fetch import DEFAULT_OB_BASE_URL, FetchSettings

log = logging.getLogger(__name__)

__all__ = [
    "NetworkSettings",
    "load_settings",
    "save_settings",
    "proxy_password",
    "remember_proxy_password",
    "forget_proxy_password",
    "fetch_settings",
    "KEYRING_SERVICE",
]

KEYRING_SERVICE = "kvdesk-proxy"
SETTINGS_FILE = "network.json"
ENV_OB_BASE = "KVDESK_OB_BASE_URL"

# Passwords given while no keyring works: kept for this process only.
_session_passwords: dict[str, str] = {}
_lock = threading.Lock()


@dataclass
class NetworkSettings:
    """What the user can set under Instellingen › Netwerk."""

    use_system_proxy: bool = True
    proxy: str | None = None  # e.g. "http://proxy.ministerie.nl:8080"; None = system/environment proxy
    proxy_user: str | None = None
    ob_base_url: str = DEFAULT_OB_BASE_URL
    search_url: str = "https://duckduckgo.com/?q={query}"
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0


def _path(ctx: Context) -> Path:
    return ctx.data_dir / SETTINGS_FILE


def load_settings(ctx: Context) -> NetworkSettings:
    """The saved settings, defaults where absent; ``KVDESK_OB_BASE_URL`` overrides the base URL."""
    settings = NetworkSettings()
    path = _path(ctx)
    if path.exists():
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("network settings %s unreadable, using defaults: %s", path, exc)
            data = {}
        known = {f.name for f in fields(NetworkSettings)}
        for key, value in data.items():
            if key in known:
                setattr(settings, key, value)
    env = os.environ.get(ENV_OB_BASE)
    if env:
        settings.ob_base_url = env
    return settings


def save_settings(ctx: Context, settings: NetworkSettings) -> None:
    """Write the settings atomically (never a password)."""
    path = _path(ctx)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _account(settings: NetworkSettings) -> str | None:
    if not settings.proxy or not settings.proxy_user:
        return None
    return f"{settings.proxy_user}@{settings.proxy}"


def proxy_password(settings: NetworkSettings) -> str | None:
    """The proxy password from the keyring (or from this session when no keyring works)."""
    account = _account(settings)
    if account is None:
        return None
    with _lock:
        if account in _session_passwords:
            return _session_passwords[account]
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except KeyringError as exc:  # NoKeyringError is one: no backend at all
        log.info("no keyring for the proxy password: %s", type(exc).__name__)
        return None


def remember_proxy_password(settings: NetworkSettings, password: str) -> bool:
    """Store the proxy password in the keyring; ``False`` means "only for this session".

    Without a keyring the password is not written anywhere; the caller tells the user it will
    be asked again next time.
    """
    account = _account(settings)
    if account is None:
        raise ValueError("een proxywachtwoord hoort bij een proxy en een gebruikersnaam")
    import keyring
    from keyring.errors import KeyringError, PasswordSetError

    try:
        keyring.set_password(KEYRING_SERVICE, account, password)
    except (KeyringError, PasswordSetError) as exc:
        log.info("proxy password kept for this session only: %s", type(exc).__name__)
        with _lock:
            _session_passwords[account] = password
        return False
    with _lock:
        _session_passwords.pop(account, None)
    return True


def forget_proxy_password(settings: NetworkSettings) -> None:
    """Remove the proxy password from the keyring and from this session."""
    account = _account(settings)
    if account is None:
        return
    with _lock:
        _session_passwords.pop(account, None)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.delete_password(KEYRING_SERVICE, account)
    except KeyringError:
        pass


def fetch_settings(ctx: Context, settings: NetworkSettings | None = None) -> FetchSettings:
    """The fetcher's settings for ``ctx``, with the proxy password from the keyring."""
    s = settings or load_settings(ctx)
    return FetchSettings(
        connect_timeout=float(s.connect_timeout),
        read_timeout=float(s.read_timeout),
        total_timeout=float(s.total_timeout),
        proxy=s.proxy or None,
        proxy_user=s.proxy_user or None,
        proxy_password=proxy_password(s),
        use_system_proxy=bool(s.use_system_proxy),
        ob_base_url=s.ob_base_url or DEFAULT_OB_BASE_URL,
    )
