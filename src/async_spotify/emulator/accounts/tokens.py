"""The Accounts service's memory: authorization codes, access tokens and refresh tokens.

Every value is an opaque random string from :mod:`secrets` (shaped like Spotify's: access
tokens start with ``BQ``, codes and refresh tokens with ``AQ``), so nothing can be guessed or
derived. Lifetimes are read from the emulator's clock
(:class:`~async_spotify.emulator.control.clock.Clock`), so tests expire tokens by moving it.
Records never print their secret values.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from async_spotify.emulator.control.clock import Clock

from .auth_context import AuthContext

#: Authorization codes live ten minutes, as Spotify's.
CODE_TTL = 600.0


@dataclass(frozen=True, slots=True)
class AccessToken:
    """What a bearer token stands for."""

    auth: AuthContext
    expires_at: float


@dataclass(slots=True)
class RefreshToken:
    """A refresh token's grant; it dies ``refresh_token_ttl`` after the original authorization."""

    client_id: str
    user_id: str
    scopes: tuple[str, ...]
    #: ``"authorization_code"`` or ``"pkce"`` (PKCE refresh tokens are single use).
    grant: str
    authorized_at: float
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class AuthorizationCode:
    """A consented authorization waiting to be exchanged at ``/api/token``."""

    client_id: str
    user_id: str
    scopes: tuple[str, ...]
    redirect_uri: str
    expires_at: float
    code_challenge: str | None = field(default=None, repr=False)


class IssuedTokens:
    """Issues, looks up, rotates and revokes tokens."""

    def __init__(self, clock: Clock, *, access_token_ttl: int, refresh_token_ttl: int) -> None:
        self._clock = clock
        self.access_token_ttl = access_token_ttl
        self.refresh_token_ttl = refresh_token_ttl
        self._access: dict[str, AccessToken] = {}
        self._refresh: dict[str, RefreshToken] = {}
        self._codes: dict[str, AuthorizationCode] = {}

    def __repr__(self) -> str:
        return (
            f"<IssuedTokens access={len(self._access)} refresh={len(self._refresh)} "
            f"codes={len(self._codes)}>"
        )

    # -- authorization codes -------------------------------------------------------------------

    def new_code(
        self,
        *,
        client_id: str,
        user_id: str,
        scopes: tuple[str, ...],
        redirect_uri: str,
        code_challenge: str | None,
    ) -> str:
        code = "AQ" + secrets.token_urlsafe(96)
        self._codes[code] = AuthorizationCode(
            client_id=client_id,
            user_id=user_id,
            scopes=scopes,
            redirect_uri=redirect_uri,
            expires_at=self._clock.now() + CODE_TTL,
            code_challenge=code_challenge,
        )
        return code

    def take_code(self, code: str) -> AuthorizationCode | None:
        """The code's grant, or ``None`` if unknown or expired; a code works only once."""
        record = self._codes.pop(code, None)
        if record is None or self._clock.now() >= record.expires_at:
            return None
        return record

    # -- access tokens -------------------------------------------------------------------------

    def lookup_access(self, token: str) -> AccessToken | None:
        return self._access.get(token)

    def is_expired(self, token: AccessToken) -> bool:
        return self._clock.now() >= token.expires_at

    def _new_access(self, auth: AuthContext) -> str:
        token = "BQ" + secrets.token_urlsafe(84)
        self._access[token] = AccessToken(auth, self._clock.now() + self.access_token_ttl)
        return token

    # -- issuing -------------------------------------------------------------------------------

    def issue_client_token(self, client_id: str) -> dict[str, Any]:
        """A client-credentials token response: no user, no scope, no refresh token."""
        auth = AuthContext(client_id, None, frozenset(), "client_credentials")
        return {
            "access_token": self._new_access(auth),
            "token_type": "Bearer",
            "expires_in": self.access_token_ttl,
        }

    def issue_user_token(
        self, *, client_id: str, user_id: str, scopes: tuple[str, ...], grant: str
    ) -> dict[str, Any]:
        """A fresh authorization's token response, with a refresh token."""
        refresh = RefreshToken(client_id, user_id, scopes, grant, self._clock.now())
        return self._user_response(refresh, new_refresh_token=True)

    def _user_response(self, refresh: RefreshToken, *, new_refresh_token: bool) -> dict[str, Any]:
        auth = AuthContext(
            refresh.client_id, refresh.user_id, frozenset(refresh.scopes), refresh.grant
        )
        response: dict[str, Any] = {
            "access_token": self._new_access(auth),
            "token_type": "Bearer",
            "expires_in": self.access_token_ttl,
            "scope": " ".join(refresh.scopes),
        }
        if new_refresh_token:
            token = "AQ" + secrets.token_urlsafe(96)
            self._refresh[token] = refresh
            response["refresh_token"] = token
        return response

    # -- refresh tokens ------------------------------------------------------------------------

    def lookup_refresh(self, token: str) -> RefreshToken | None:
        return self._refresh.get(token)

    def is_dead(self, refresh: RefreshToken) -> bool:
        """Revoked, or past its absolute lifetime (counted from the original authorization)."""
        return refresh.revoked or (
            self._clock.now() >= refresh.authorized_at + self.refresh_token_ttl
        )

    def refresh(self, token: str, *, rotate: bool) -> dict[str, Any]:
        """A new access token for a live refresh token; with ``rotate`` the old one dies."""
        record = self._refresh[token]
        if rotate:
            del self._refresh[token]
            # The successor keeps the original authorization time: rotation never extends life.
            successor = RefreshToken(
                record.client_id, record.user_id, record.scopes, record.grant, record.authorized_at
            )
            return self._user_response(successor, new_refresh_token=True)
        return self._user_response(record, new_refresh_token=False)

    def revoke_refresh_tokens(self) -> None:
        """Every refresh token issued so far answers ``invalid_grant`` from now on."""
        for record in self._refresh.values():
            record.revoked = True
