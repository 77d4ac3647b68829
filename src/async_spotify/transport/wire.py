"""One exchange on the wire: send on aiohttp, read the whole body, map transport failures."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

import aiohttp
from multidict import CIMultiDictProxy

from async_spotify.spotify_errors import (
    SpotifyConnectionError,
    SpotifyTimeoutError,
    SpotifyTransportError,
    shorten,
)

__all__ = ["Response", "logger", "may_have_been_applied", "path_of", "send"]

logger = logging.getLogger("async_spotify")


class Response:
    """What came back for one request: status, raw body and headers."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, body: bytes, headers: CIMultiDictProxy[str]) -> None:
        self.status = status
        self.body = body
        self.headers = headers


async def send(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    attempt: int,
    *,
    timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 (aiohttp's per-request timeout)
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    data: object = None,
) -> Response:
    """One exchange; transport failures become the error tree's :class:`SpotifyTransportError`.

    Logs one DEBUG line: method, path (never the query or a header), status, time, attempt.
    """
    debug = logger.isEnabledFor(logging.DEBUG)
    started = time.perf_counter() if debug else 0.0
    try:
        async with session.request(
            method,
            url,
            params=params,
            headers=headers,
            data=data,
            allow_redirects=False,
            timeout=timeout,
        ) as response:
            result = Response(response.status, await response.read(), response.headers)
    except (TimeoutError, aiohttp.ClientError) as exc:
        error = _transport_error(method, url, exc, timeout.total)
        if debug:
            _log_send(method, url, type(error).__name__, started, attempt)
        raise error from exc
    if debug:
        _log_send(method, url, str(result.status), started, attempt)
    return result


def may_have_been_applied(error: SpotifyTransportError) -> bool:
    """False only when the failure proves the request never reached Spotify.

    A refused connection or a connect timeout happened before a byte was sent; a certificate
    error is not worth repeating either way (it is reported as possibly applied, which keeps a
    POST from being resent and lets the policy bound the rest).
    """
    cause = error.__cause__
    return not isinstance(
        cause, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError
    ) or isinstance(cause, aiohttp.ClientSSLError)


def path_of(url: str) -> str:
    """The URL without scheme, host and query: what is safe and useful in messages and logs."""
    start = url.find("/", url.find("//") + 2) if "//" in url else 0
    end = url.find("?", start)
    return shorten(url[start:end] if end != -1 else url[start:])


def _transport_error(
    method: str, url: str, exc: BaseException, timeout: float | None
) -> SpotifyTransportError:
    if isinstance(exc, TimeoutError):
        within = f"{timeout:g} s" if timeout is not None else "the timeout"
        return SpotifyTimeoutError(f"{method} {path_of(url)}: no answer within {within}")
    if isinstance(exc, aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
        return SpotifyConnectionError(
            f"{method} {path_of(url)}: connection failed ({type(exc).__name__})"
        )
    return SpotifyTransportError(f"{method} {path_of(url)}: request failed ({type(exc).__name__})")


def _log_send(method: str, url: str, outcome: str, started: float, attempt: int) -> None:
    logger.debug(
        "%s %s -> %s (%.1f ms, attempt %d)",
        method,
        path_of(url),
        outcome,
        (time.perf_counter() - started) * 1000,
        attempt,
    )
