"""The fake open-data server, started per test."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.opendata.fakeserver import FakeOpenData, fixtures_present
from tests.support import require


@pytest.fixture
def fake() -> Iterator[FakeOpenData]:
    require(fixtures_present(), "the shared fixtures folder (../shared/fixtures) is absent")
    server = FakeOpenData()
    server.start()
    yield server
    server.stop()
