"""How an emulator instance behaves: the app it pretends to be registered as, and its knobs.

The default credentials are public, documented test values (they guard nothing); pass your own
to make your app's configuration part of what the tests check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Literal

from .accounts.redirect_uris import registration_problem
from .catalog.user_catalog import CatalogSource
from .middleware.faults import FaultRule

#: The default app's client ID (32 lowercase hex characters, like Spotify's).
DEFAULT_CLIENT_ID = "a5e1d0c0ffee4e7d8b1c2d3e4f5a6b7c"
#: The default app's client secret. Public: it only opens the emulator.
DEFAULT_CLIENT_SECRET = "5ec2e7c0ffee4e7d8b1c2d3e4f5a6b7c"
#: The default registered redirect URI (any port on 127.0.0.1 matches it, as on Spotify).
DEFAULT_REDIRECT_URI = "http://127.0.0.1:8888/callback"

_HEX32 = re.compile(r"[0-9a-f]{32}")
_NUMBER = (int, float)
#: The Python types each scalar field takes (``bool`` is never accepted for a number); the tuple
#: fields check their own contents below.
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "seed": (int,),
    "mode": (str,),
    "client_id": (str,),
    "client_secret": (str,),
    "access_token_ttl": (int,),
    "refresh_token_ttl": (int,),
    "rotate_refresh_tokens": (bool,),
    "rate_limit": (int, type(None)),
    "latency_ms": _NUMBER,
    "latency_jitter_ms": _NUMBER,
    "rate_window": _NUMBER,
    "admin_token": (str, type(None)),
}
#: Fields whose values stay out of error messages.
_SECRET_FIELDS = frozenset({"client_secret", "admin_token"})


def _type_problem(name: str, value: object) -> str | None:
    expected = _FIELD_TYPES.get(name)
    if expected is None:
        return None
    is_bool = isinstance(value, bool)
    if isinstance(value, expected) and (not is_bool or bool in expected):
        return None
    names = " or ".join("None" if t is type(None) else t.__name__ for t in expected)
    shown = type(value).__name__ if name in _SECRET_FIELDS else repr(value)
    return f"{name} must be {names}, not {shown}"


@dataclass(frozen=True)
class EmulatorConfig:
    """Everything that shapes one emulator; a value of the wrong type raises ``TypeError``, an
    invalid one ``ValueError``, at once, naming the field."""

    seed: int = 0
    #: ``"extended"`` (extended quota: everything) or ``"development"`` (February 2026 rules).
    mode: Literal["extended", "development"] = "extended"
    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = field(default=DEFAULT_CLIENT_SECRET, repr=False)
    redirect_uris: tuple[str, ...] = (DEFAULT_REDIRECT_URI,)
    access_token_ttl: int = 3600
    #: Refresh tokens die this long after the original authorization; refreshing never extends it.
    refresh_token_ttl: int = 183 * 86400
    #: Rotate non-PKCE refresh tokens too (PKCE refresh tokens always rotate and are single use).
    rotate_refresh_tokens: bool = False
    #: Requests per rolling 30-second window per app; ``None`` turns rate limiting off.
    rate_limit: int | None = None
    #: The rate-limit window's length in seconds (Spotify's: 30; shorter makes a long job quick).
    rate_window: float = 30.0
    latency_ms: float = 0
    latency_jitter_ms: float = 0
    faults: tuple[FaultRule, ...] = ()
    #: A user's own catalog: JSON files of saved Spotify answers (paths) or the parsed values,
    #: served with their real ids beside the generated catalog. See ``docs/testing-offline.md``.
    catalog: tuple[CatalogSource, ...] = ()
    #: When set, the ``/_emulator/*`` admin routes require ``Authorization: Bearer <token>``.
    admin_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for item in fields(self):
            problem = _type_problem(item.name, getattr(self, item.name))
            if problem is not None:
                raise TypeError(problem)
        if self.mode not in ("extended", "development"):
            raise ValueError(f"mode must be 'extended' or 'development', not {self.mode!r}")
        if not _HEX32.fullmatch(self.client_id):
            raise ValueError(
                f"client_id must be 32 lowercase hex characters, like Spotify's: {self.client_id!r}"
            )
        if not _HEX32.fullmatch(self.client_secret):
            # The value itself stays out of the message: it is a secret.
            raise ValueError("client_secret must be 32 lowercase hex characters, like Spotify's")
        uris: object = self.redirect_uris  # callers may pass a bare string by mistake
        if not isinstance(uris, tuple) or not uris:
            raise ValueError("redirect_uris must be a non-empty tuple of URIs")
        for uri in self.redirect_uris:
            if not isinstance(uri, str):
                raise TypeError(f"redirect_uris must hold strings, not {uri!r}")
            problem = registration_problem(uri)
            if problem is not None:
                raise ValueError(problem)
        if self.access_token_ttl <= 0 or self.refresh_token_ttl <= 0:
            raise ValueError("access_token_ttl and refresh_token_ttl must be positive seconds")
        if self.rate_limit is not None and self.rate_limit < 1:
            raise ValueError("rate_limit must be at least 1 request per window or None")
        if not 0 < self.rate_window < float("inf"):
            raise ValueError(
                f"rate_window must be a positive number of seconds: {self.rate_window!r}"
            )
        if self.latency_ms < 0 or self.latency_jitter_ms < 0:
            raise ValueError("latency_ms and latency_jitter_ms must not be negative")
        if self.admin_token is not None and (
            not isinstance(self.admin_token, str) or len(self.admin_token) < 8
        ):
            raise ValueError("admin_token must be a string of at least 8 characters")
        sources: object = self.catalog
        if not isinstance(sources, tuple):
            raise ValueError("catalog must be a tuple of file paths or parsed JSON values")
        for rule in self.faults:
            if not isinstance(rule, FaultRule):
                raise ValueError(f"faults must hold FaultRule objects, not {rule!r}")
