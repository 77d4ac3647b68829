"""``client.markets``."""

from __future__ import annotations

import pytest


async def test_get_available(recorder, recorded_client):
    recorder.respond(200, {"markets": ["AD", "AE", "US"]})

    with pytest.warns(DeprecationWarning, match=r"markets\.get_available is deprecated"):
        markets = await recorded_client.markets.get_available()

    assert markets == {"markets": ["AD", "AE", "US"]}
    assert recorder.requests == [("GET", "/markets", {}, None)]
