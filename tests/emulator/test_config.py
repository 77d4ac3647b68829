"""EmulatorConfig's validation and repr."""

from __future__ import annotations

from typing import Any

import pytest

from async_spotify.emulator import (
    EmulatorConfig,
)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": "sandbox"}, "mode must be 'extended' or 'development'"),
        ({"client_id": "ABC"}, "client_id must be 32 lowercase hex characters"),
        ({"client_secret": "s3cr3t-value"}, "client_secret must be 32 lowercase hex characters"),
        ({"redirect_uris": ()}, "redirect_uris must be a non-empty tuple"),
        ({"redirect_uris": "http://127.0.0.1/cb"}, "redirect_uris must be a non-empty tuple"),
        ({"redirect_uris": ("http://localhost:8888/cb",)}, "is insecure"),
        ({"redirect_uris": ("https://localhost/cb",)}, "is insecure"),
        ({"redirect_uris": ("http://example.com/cb",)}, "is insecure"),
        ({"redirect_uris": ("https://example.com/cb#x",)}, "must not have a fragment"),
        ({"redirect_uris": ("/relative",)}, "is not an absolute URI"),
        ({"redirect_uris": ("http://127.0.0.1:99999/cb",)}, "is not an absolute URI"),
        ({"access_token_ttl": 0}, "must be positive seconds"),
        ({"rate_limit": 0}, "rate_limit must be at least 1"),
        ({"rate_window": 0}, "rate_window must be a positive number of seconds"),
        ({"latency_ms": -5}, "must not be negative"),
        ({"faults": ("502@0.1",)}, "faults must hold FaultRule objects"),
    ],
)
def test_config_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        EmulatorConfig(**kwargs)
    assert "s3cr3t-value" not in str(raised.value)


def test_config_repr_hides_the_secret() -> None:
    config = EmulatorConfig(client_secret="0123456789abcdef0123456789abcdef")
    assert "0123456789abcdef0123456789abcdef" not in repr(config)
    assert config.client_id in repr(config)
