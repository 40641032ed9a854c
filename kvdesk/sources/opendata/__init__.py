"""Clients for the public sources of earlier Kamervragen.

:mod:`.client` is the one HTTP client (configurable base URLs, timeouts, retries);
:mod:`.tk` reads the Tweede Kamer's OData API (Zaak, ZaakActor, Document);
:mod:`.koop` searches officielebekendmakingen (SRU) and reads the published XML texts.
"""
from __future__ import annotations

from kvdesk.sources.opendata.client import OpenDataClient, OpenDataConfig, OpenDataError

__all__ = ["OpenDataClient", "OpenDataConfig", "OpenDataError"]
