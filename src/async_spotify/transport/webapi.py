"""The Web API request loop: every request to ``base_url`` leaves through :meth:`WebApi.request`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
import orjson

from async_spotify.spotify_errors import InvalidInputError, SpotifyTransportError
from async_spotify.transport.attempts import Pause
from async_spotify.transport.auth import RequestAuth
from async_spotify.transport.codec import api_error, decode_json, encode_body, not_json, retry_after
from async_spotify.transport.query import encode_query
from async_spotify.transport.ratelimit import Admission, Gate
from async_spotify.transport.retry import RetryPolicy
from async_spotify.transport.session import SessionHolder
from async_spotify.transport.urls import origin_of
from async_spotify.transport.wire import may_have_been_applied, send

__all__ = ["WebApi"]


class WebApi:
    """Sends Web API requests on a session, through a rate-limit gate, under a retry policy.

    ``base_url`` is checked already (see :mod:`async_spotify.transport.urls`). An absolute URL
    (a paging object's ``next``) is sent only when it has ``base_url``'s origin: the token never
    leaves Spotify's host.
    """

    __slots__ = ("_origin", "_sessions", "base_url", "gate", "headers", "policy")

    def __init__(
        self,
        sessions: SessionHolder,
        gate: Gate,
        policy: RetryPolicy,
        base_url: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._sessions = sessions
        #: Sent with every request (``Accept-Language`` when the client has a ``language``).
        self.headers = dict(headers or {})
        self.gate = gate
        self.policy = policy
        self.base_url = base_url
        self._origin = origin_of(base_url)

    def resolve(self, url: str) -> str:
        """The full URL of a route or of an absolute URL; InvalidInputError for another origin."""
        if not url.startswith(("http://", "https://")):
            return self.base_url + url
        if url.startswith(self.base_url + "/") or origin_of(url) == self._origin:
            return url
        shown = url if len(url) <= 80 else url[:77] + "..."
        raise InvalidInputError(
            f"refusing to send the token to {shown!r}: it is not on the Web API's origin "
            f"({self.base_url})"
        )

    async def request(
        self,
        method: str,
        url: str,
        *,
        auth: RequestAuth,
        query: Mapping[str, object] | None = None,
        body: object = None,
        idempotent: bool | None = None,
        raw: bool = False,
    ) -> Any:
        """Send one request and return its decoded JSON (``{}`` for an answer without a body).

        ``url`` is a route below ``base_url`` (``"/albums/xyz"``) or an absolute URL on its
        origin. ``body`` is sent as JSON when it is a dict or list, as raw ``image/jpeg`` when
        it is bytes or str (the playlist cover upload). ``idempotent=False`` marks a PUT or
        DELETE that must not be repeated after an ambiguous failure (a playlist reorder).
        ``raw=True`` returns a successful answer's body as it came (``b""`` for none), for the
        caller to decode when it needs it (pages read ahead: see :mod:`async_spotify.paging`).
        """
        # the common case skips three calls: a route, no query, no body (this runs per request)
        full_url = self.base_url + url if url[:1] == "/" else self.resolve(url)
        session = self._sessions.require()
        params = encode_query(query) if query else None
        data, content_type = encode_body(body) if body is not None else (None, None)
        gate = self.gate
        timeout = self._sessions.timeout
        async for attempt in self.policy.attempts(
            method, idempotent=idempotent, timeout=timeout.total
        ):
            header = await auth.authorization()
            headers = (
                {**self.headers, "Authorization": header}
                if self.headers
                else {"Authorization": header}
            )
            if content_type is not None:
                headers["Content-Type"] = content_type
            if attempt.timeout != timeout.total:
                timeout = aiohttp.ClientTimeout(total=attempt.timeout)
            admission = gate.admit_now() or await gate.admit()
            attempt.sending()
            try:
                response = await send(
                    session,
                    method,
                    full_url,
                    attempt.number,
                    timeout=timeout,
                    params=params,
                    headers=headers,
                    data=data,
                )
            except BaseException as error:
                gate.answered(admission)
                if not isinstance(error, SpotifyTransportError):
                    raise
                await attempt.failed(error, applied_possible=may_have_been_applied(error))
                continue
            status = response.status
            if status != 429:  # a refused request is not counted, by Spotify nor by the gate
                gate.answered(admission)
            if 200 <= status < 300:
                body = response.body
                if raw:
                    return body
                if not body:
                    return {}
                try:
                    return decode_json(body)
                except orjson.JSONDecodeError:
                    await attempt.failed(not_json(method, full_url, response))
                    continue
            if status == 401:
                renewed = await auth.on_unauthorized(header)
                if renewed is not None:
                    attempt.replay()
                    continue
            elif status == 429:
                attempt.rate_limited(
                    api_error(method, full_url, response),
                    retry_after(response.headers),
                    pause=_joining(gate, admission),
                )
                continue
            elif status >= 500:
                await attempt.failed(api_error(method, full_url, response))
                continue
            raise api_error(method, full_url, response)
        raise AssertionError("the attempts ended without an answer or an error")  # unreachable


def _joining(gate: Gate, admission: Admission) -> Pause:
    """A 429's wait through the gate, for the request let through as ``admission``."""

    async def pause(seconds: float, announce: Callable[[float], None]) -> None:
        await gate.pause(seconds, admission, on_start=announce)

    return pause
