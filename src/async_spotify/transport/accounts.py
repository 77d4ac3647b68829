"""The Accounts service client: the token request and the cookie authorize, nothing else.

It sends only what the exchange needs: the form, Basic credentials when the flow has a secret,
and for the authorize the browser's cookies; never a Web API token.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from async_spotify.spotify_errors import (
    InvalidInputError,
    InvalidResponseError,
    SpotifyBaseError,
    SpotifyTransportError,
)
from async_spotify.transport.codec import accounts_error, loads_or_none
from async_spotify.transport.retry import RetryPolicy
from async_spotify.transport.session import SessionHolder
from async_spotify.transport.urls import origin_of
from async_spotify.transport.wire import Response, send

__all__ = ["AccountsClient"]


class AccountsClient:
    """``POST {accounts_url}/api/token`` and ``GET {accounts_url}/authorize`` for one app.

    Shared by every token manager of a client (one per user, see
    :class:`~async_spotify.auth.manager.TokenManager`).
    """

    __slots__ = ("_sessions", "accounts_url", "policy")

    def __init__(self, sessions: SessionHolder, policy: RetryPolicy, accounts_url: str) -> None:
        self._sessions = sessions
        self.policy = policy
        self.accounts_url = accounts_url

    async def token_request(
        self, form: Mapping[str, str], *, client_id: str | None, client_secret: str | None
    ) -> dict[str, Any]:
        """``POST /api/token`` with ``form``; Basic auth when a secret is given.

        A 429, a 5xx, a broken connection, a timeout and an answer without a token are retried
        as the policy allows, whatever the grant. An authorization code and a PKCE refresh token
        are single use, but a retry never makes things worse: if the lost attempt was applied,
        the code or token is spent either way (the retry then gets ``invalid_grant``); if it was
        not, the retry succeeds.
        """
        headers: dict[str, str] = {}
        if client_secret is not None:
            credentials = f"{client_id}:{client_secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(credentials).decode("ascii")
        url = self.accounts_url + "/api/token"
        async with self._sessions.for_one_call() as session:
            timeout = self._sessions.timeout
            async for attempt in self.policy.attempts("POST", idempotent=True):
                error: SpotifyBaseError
                try:
                    response = await send(
                        session,
                        "POST",
                        url,
                        attempt.number,
                        timeout=timeout,
                        headers=headers,
                        data=dict(form),
                    )
                except SpotifyTransportError as transport_error:
                    await attempt.failed(transport_error)
                    continue
                status = response.status
                if 200 <= status < 300:
                    body = loads_or_none(response.body)
                    if isinstance(body, dict) and isinstance(body.get("access_token"), str):
                        return body
                    error = InvalidResponseError(
                        f"POST /api/token answered {status} without an access token",
                        status=status,
                        headers=response.headers,
                    )
                    await attempt.failed(error)
                    continue
                error = accounts_error(response)
                if status == 429:
                    attempt.rate_limited(error, error.retry_after or 0.0)
                    continue
                if status >= 500:
                    await attempt.failed(error)
                    continue
                raise error
        raise AssertionError("the attempts ended without an answer or an error")  # unreachable

    async def authorize_with_cookies(self, url: str, cookie_header: str) -> Response:
        """GET the authorization URL as a logged-in browser would, without following redirects.

        Only a URL on the Accounts service's origin is sent the cookies.
        """
        if origin_of(url) != origin_of(self.accounts_url):
            raise InvalidInputError("refusing to send the cookies outside the Accounts service")
        async with self._sessions.for_one_call() as session:
            timeout = self._sessions.timeout
            return await send(
                session, "GET", url, 1, timeout=timeout, headers={"Cookie": cookie_header}
            )
