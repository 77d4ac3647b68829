"""The Accounts service (``accounts.spotify.com``): users' logins, consents and the OAuth routes.

A browser session is the ``sp_dc`` cookie (Spotify's login cookie; ``sp_t`` and ``sp_key`` are
set beside it, as Spotify does, but only ``sp_dc`` identifies the user). The default test user is
logged in through :attr:`Accounts.default_cookies` and has consented to every scope for the
emulator's app, so a client holding those cookies gets a code without any page, the way
AsyncSpotify's cookie-based code grab expects.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from aiohttp import web

from async_spotify.emulator.config import EmulatorConfig
from async_spotify.emulator.control.clock import Clock
from async_spotify.emulator.stats import Stats
from async_spotify.emulator.world import World

from .scopes import ALL_SCOPES
from .tokens import IssuedTokens

#: How long a consent page stays answerable; expired ones are purged.
PENDING_TTL = 600.0
#: At most this many consent pages wait at once (the oldest go first): memory stays bounded
#: however fast ``/authorize`` is called.
MAX_PENDING = 10_000


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """A validated ``GET /authorize`` waiting for the user's answer on the consent page."""

    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    code_challenge: str | None = field(repr=False)


class Accounts:
    """Sessions, consents and pending consent pages of the emulated Accounts service."""

    def __init__(
        self,
        *,
        config: EmulatorConfig,
        clock: Clock,
        tokens: IssuedTokens,
        world: World,
        stats: Stats,
    ) -> None:
        self.config = config
        self.clock = clock
        self.tokens = tokens
        self.world = world
        self.stats = stats
        self._sessions: dict[str, str] = {}
        self._consents: dict[tuple[str, str], set[str]] = {}
        self._pending: dict[str, tuple[AuthorizationRequest, float]] = {}
        self.default_user_id = world.default_user_id
        self.default_cookies = self.open_session(self.default_user_id)
        self.remember_consent(self.default_user_id, ALL_SCOPES)

    def __repr__(self) -> str:
        return f"<Accounts client_id={self.config.client_id} sessions={len(self._sessions)}>"

    # -- sessions and consents -------------------------------------------------------------------

    def open_session(self, user_id: str) -> dict[str, str]:
        """Log ``user_id`` in; the cookies a browser would now hold."""
        sp_dc = "AQ" + secrets.token_urlsafe(96)
        self._sessions[sp_dc] = user_id
        return {"sp_t": secrets.token_hex(16), "sp_dc": sp_dc, "sp_key": str(uuid.uuid4())}

    def session_user(self, cookies: Mapping[str, str]) -> str | None:
        sp_dc = cookies.get("sp_dc")
        return None if sp_dc is None else self._sessions.get(sp_dc)

    def has_consented(self, user_id: str, scopes: tuple[str, ...]) -> bool:
        granted = self._consents.get((user_id, self.config.client_id), set())
        return granted.issuperset(scopes)

    def remember_consent(self, user_id: str, scopes: tuple[str, ...]) -> None:
        self._consents.setdefault((user_id, self.config.client_id), set()).update(scopes)

    # -- consent pages ---------------------------------------------------------------------------

    def park(self, authorization: AuthorizationRequest) -> str:
        """Keep a validated authorization request until the user answers; its page id."""
        now = self.clock.now()
        self._purge(now)
        while len(self._pending) >= MAX_PENDING:
            del self._pending[next(iter(self._pending))]
        request_id = secrets.token_urlsafe(24)
        self._pending[request_id] = (authorization, now + PENDING_TTL)
        return request_id

    def _purge(self, now: float) -> None:
        # Parked in order with one lifetime and a clock that only moves forward: the expired
        # ones are at the front.
        while self._pending:
            oldest = next(iter(self._pending))
            if self._pending[oldest][1] > now:
                break
            del self._pending[oldest]

    @property
    def pending_count(self) -> int:
        """Consent pages still answerable (expired ones are purged first)."""
        self._purge(self.clock.now())
        return len(self._pending)

    def pending(self, request_id: str) -> AuthorizationRequest | None:
        parked = self._pending.get(request_id)
        if parked is None or self.clock.now() >= parked[1]:
            return None
        return parked[0]

    def answered(self, request_id: str) -> None:
        """A consent page can be answered once."""
        self._pending.pop(request_id, None)

    def new_code(self, user_id: str, authorization: AuthorizationRequest) -> str:
        return self.tokens.new_code(
            client_id=self.config.client_id,
            user_id=user_id,
            scopes=authorization.scopes,
            redirect_uri=authorization.redirect_uri,
            code_challenge=authorization.code_challenge,
        )


ACCOUNTS_KEY = web.AppKey("accounts", Accounts)
