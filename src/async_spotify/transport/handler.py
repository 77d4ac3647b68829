"""The request chokepoint: every byte async_spotify sends to Spotify leaves through here.

One :class:`ApiRequestHandler` per client owns the aiohttp session (or borrows the caller's),
picks the token, encodes the query, sends, decodes with orjson, and turns every failure into the
error tree of :mod:`async_spotify.spotify_errors`. Endpoint groups know nothing of aiohttp; this
module knows nothing of albums or playlists.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections import deque
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import aiohttp
import orjson
from multidict import CIMultiDictProxy

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import (
    AuthorizationError,
    BadRequestError,
    ForbiddenError,
    InvalidGrantError,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    RateLimitExceeded,
    ServerError,
    SpotifyAPIError,
    SpotifyBaseError,
    SpotifyConnectionError,
    SpotifyError,
    SpotifyTimeoutError,
    SpotifyTransportError,
    TokenExpired,
    error_payload,
)
from async_spotify.transport.query import encode_query

if TYPE_CHECKING:
    from async_spotify.token_renew_class import TokenRenewer

DEFAULT_BASE_URL = "https://api.spotify.com/v1"
DEFAULT_ACCOUNTS_URL = "https://accounts.spotify.com"

logger = logging.getLogger("async_spotify")

_ERROR_BY_STATUS: dict[int, type[SpotifyBaseError]] = {
    400: BadRequestError,
    401: TokenExpired,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitExceeded,
}


class Response:
    """What came back for one request: status, raw body and headers."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, body: bytes, headers: CIMultiDictProxy[str]) -> None:
        self.status = status
        self.body = body
        self.headers = headers


class ApiRequestHandler:
    """Sends requests for one :class:`~async_spotify.SpotifyApiClient`.

    ``spotify_authorisation_token`` is the client's internal token (shared by reference).
    ``renew`` is the coroutine function that obtains a fresh internal token; the handler calls it
    at most once at a time (single flight), however many requests need it at once.
    """

    def __init__(
        self,
        spotify_authorisation_token: SpotifyAuthorisationToken,
        token_renew_instance: TokenRenewer | None = None,
        spotify_api_client: Any = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        accounts_url: str = DEFAULT_ACCOUNTS_URL,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self.spotify_authorisation_token = spotify_authorisation_token
        self.token_renew_instance = token_renew_instance
        self._client = spotify_api_client
        self.base_url = _check_url("base_url", base_url)
        self.accounts_url = _check_url("accounts_url", accounts_url)
        self._session = session
        self._owns_session = session is None
        self._timeout: aiohttp.ClientTimeout | None = None
        self._renewal: asyncio.Task[SpotifyAuthorisationToken] | None = None

    # -- session lifecycle -------------------------------------------------------------------

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session requests are sent on (None before ``create_new_client``)."""
        return self._session

    @property
    def client_session_list(self) -> deque[aiohttp.ClientSession]:
        """AsyncSpotify's view of the sessions: a deque with the one session, if any."""
        return deque([self._session] if self._session is not None else [])

    async def create_new_client(
        self, request_timeout: float | None = 30, request_limit: int = 500
    ) -> None:
        """Open the session: at most ``request_limit`` connections, ``request_timeout`` seconds."""
        if request_timeout is not None and (
            isinstance(request_timeout, bool)
            or not isinstance(request_timeout, int | float)
            or request_timeout <= 0
        ):
            raise InvalidInputError(
                "request_timeout must be a positive number of seconds or None, "
                f"not {request_timeout!r}"
            )
        if (
            isinstance(request_limit, bool)
            or not isinstance(request_limit, int)
            or request_limit < 1
        ):
            raise InvalidInputError(f"request_limit must be a positive int, not {request_limit!r}")
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        if not self._owns_session:
            return
        await self.close_client()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=request_limit),
            timeout=self._timeout,
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    async def close_client(self) -> None:
        """Close the session if this handler opened it (a caller's session is left open)."""
        session, self._session = self._session, None if self._owns_session else self._session
        if self._owns_session and session is not None and not session.closed:
            await session.close()

    # -- Web API requests ----------------------------------------------------------------------

    async def make_request(
        self,
        method: str,
        url: str,
        query_params: Mapping[str, object] | None,
        auth_token: SpotifyAuthorisationToken | None,
        body: object = None,
        last_try: bool = False,
    ) -> Any:
        """AsyncSpotify's entry point; same as :meth:`request`."""
        return await self.request(
            method, url, query=query_params, body=body, auth_token=auth_token, renew=not last_try
        )

    async def request(
        self,
        method: str,
        url: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        auth_token: SpotifyAuthorisationToken | None = None,
        renew: bool = True,
    ) -> Any:
        """Send one Web API request and return its decoded JSON (None for an empty answer).

        ``url`` is a path below ``base_url`` (``"/albums/xyz"``) or an absolute URL (a ``next``
        link). ``body`` is sent as JSON when it is a dict or list, as raw ``image/jpeg`` when it is
        bytes or str (the playlist cover upload).
        """
        session = self._require_session()
        token = await self._token_for(auth_token)
        full_url = url if url.startswith(("http://", "https://")) else self.base_url + url
        params = encode_query(query)
        headers = {"Authorization": f"Bearer {token.access_token}"}
        data: bytes | None = None
        if isinstance(body, dict | list):
            data = orjson.dumps(body)
            headers["Content-Type"] = "application/json"
        elif isinstance(body, bytes | str):
            data = body.encode("ascii") if isinstance(body, str) else body
            headers["Content-Type"] = "image/jpeg"
        elif body is not None:
            raise InvalidInputError(
                f"a request body must be a dict, list, bytes or str, not {body!r}"
            )

        response = await self._send(
            session, method, full_url, params=params, headers=headers, data=data
        )
        if response.status == 401 and renew and self._can_renew(auth_token):
            fresh = await self._renew(token.access_token)
            headers["Authorization"] = f"Bearer {fresh.access_token}"
            response = await self._send(
                session, method, full_url, params=params, headers=headers, data=data
            )
        return decode(method, full_url, response)

    # -- Accounts service ----------------------------------------------------------------------

    async def token_request(
        self, form: Mapping[str, str], *, client_id: str | None, client_secret: str | None
    ) -> dict[str, Any]:
        """``POST {accounts_url}/api/token`` with ``form``; Basic auth when a secret is given."""
        headers: dict[str, str] = {}
        if client_secret is not None:
            credentials = f"{client_id}:{client_secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(credentials).decode("ascii")
        url = self.accounts_url + "/api/token"
        async with self._session_or_temporary() as session:
            response = await self._send(session, "POST", url, headers=headers, data=dict(form))
        if 200 <= response.status < 300:
            body = _loads(response.body)
            if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
                raise InvalidResponseError(
                    f"POST /api/token answered {response.status} without an access token",
                    status=response.status,
                    headers=response.headers,
                )
            return body
        raise accounts_error(response)

    async def authorize_with_cookies(self, url: str, cookie_header: str) -> Response:
        """GET the authorization URL as a logged-in browser would, without following redirects."""
        async with self._session_or_temporary() as session:
            return await self._send(session, "GET", url, headers={"Cookie": cookie_header})

    # -- internals -----------------------------------------------------------------------------

    def _require_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None or session.closed:
            raise SpotifyError(
                "You have to create a new client with create_new_client() (or use "
                "`async with SpotifyApiClient(...)`) before making requests"
            )
        return session

    def _session_or_temporary(self) -> _SessionScope:
        session = self._session
        if session is not None and not session.closed:
            return _SessionScope(session, close=False)
        return _SessionScope(
            aiohttp.ClientSession(
                timeout=self._timeout or aiohttp.ClientTimeout(total=30),
                cookie_jar=aiohttp.DummyCookieJar(),
            ),
            close=True,
        )

    async def _token_for(
        self, auth_token: SpotifyAuthorisationToken | None
    ) -> SpotifyAuthorisationToken:
        if auth_token:
            if not auth_token.access_token:
                raise SpotifyError("The auth_token passed has no access_token")
            return auth_token
        client = self._client
        if client is None or not client.hold_authentication:
            raise SpotifyError(
                "No token to send: pass auth_token=... or create the client with "
                "hold_authentication=True"
            )
        internal = self.spotify_authorisation_token
        if internal.valid and not internal.is_expired():
            return internal
        if client.can_renew_internal_token():
            return await self._renew(internal.access_token)
        if internal.valid:
            return internal  # maybe still good; Spotify will say if not
        raise SpotifyError(
            "You have to provide a valid auth token or obtain one (get_auth_token_with_code, "
            "get_auth_token_with_client_credentials) with hold_authentication=True"
        )

    def _can_renew(self, auth_token: SpotifyAuthorisationToken | None) -> bool:
        if self.token_renew_instance is not None:
            return True
        client = self._client
        return (
            auth_token is None
            and client is not None
            and client.hold_authentication
            and client.can_renew_internal_token()
        )

    async def _renew(self, sent_access_token: str | None) -> SpotifyAuthorisationToken:
        """A fresh token; concurrent callers share one renewal (single flight).

        ``sent_access_token`` is the token the failed (or about to be sent) request carried: if
        the internal token has changed since, another request already renewed it.
        """
        internal = self.spotify_authorisation_token
        client = self._client
        if (
            client is not None
            and client.hold_authentication
            and internal.valid
            and internal.access_token != sent_access_token
            and not internal.is_expired()
        ):
            return internal
        task = self._renewal
        if task is None:
            task = asyncio.ensure_future(self._run_renewal())
            self._renewal = task
            task.add_done_callback(self._renewal_done)
        return await asyncio.shield(task)

    def _renewal_done(self, task: asyncio.Task[SpotifyAuthorisationToken]) -> None:
        if self._renewal is task:
            self._renewal = None
        if not task.cancelled():
            task.exception()  # retrieved here so an unawaited failure is not logged as lost

    async def _run_renewal(self) -> SpotifyAuthorisationToken:
        if self.token_renew_instance is not None:
            fresh: SpotifyAuthorisationToken = await self.token_renew_instance(self._client)
        else:
            fresh = await self._client.renew_internal_token()
        internal = self.spotify_authorisation_token
        if fresh is not internal and (internal.valid or self._client.hold_authentication):
            internal.update_from(fresh)
        return fresh

    async def _send(
        self,
        session: aiohttp.ClientSession,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        data: object = None,
    ) -> Response:
        started = time.perf_counter()
        try:
            async with session.request(
                method,
                url,
                params=params,
                headers=headers,
                data=data,
                allow_redirects=False,
                timeout=self._timeout if self._timeout is not None else session.timeout,
            ) as response:
                body = await response.read()
                result = Response(response.status, body, response.headers)
        except TimeoutError as exc:
            raise SpotifyTimeoutError(
                f"{method} {_path(url)}: no answer within {self._timeout_text()}"
            ) from exc
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
            raise SpotifyConnectionError(
                f"{method} {_path(url)}: connection failed ({type(exc).__name__})"
            ) from exc
        except aiohttp.ClientError as exc:
            raise SpotifyTransportError(
                f"{method} {_path(url)}: request failed ({type(exc).__name__})"
            ) from exc
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%.1f ms)",
                method,
                _path(url),
                result.status,
                (time.perf_counter() - started) * 1000,
            )
        return result

    def _timeout_text(self) -> str:
        total = self._timeout.total if self._timeout is not None else None
        return f"{total:g} s" if total is not None else "the timeout"


class _SessionScope:
    """``async with`` over a session that is closed at the end only if it was made for the call."""

    __slots__ = ("_close", "_session")

    def __init__(self, session: aiohttp.ClientSession, *, close: bool) -> None:
        self._session = session
        self._close = close

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc_info: object) -> None:
        if self._close:
            await self._session.close()


def decode(method: str, url: str, response: Response) -> Any:
    """The decoded body of a Web API answer, or the error it stands for."""
    status = response.status
    if 200 <= status < 300:
        if not response.body:
            return None
        try:
            return orjson.loads(response.body)
        except orjson.JSONDecodeError:
            raise InvalidResponseError(
                f"{method} {_path(url)} answered {status} with a body that is not JSON",
                status=status,
                headers=response.headers,
            ) from None
    raise api_error(method, url, response)


def api_error(method: str, url: str, response: Response) -> SpotifyBaseError:
    """The exception for a Web API error answer (any non-2xx)."""
    status = response.status
    payload = _loads(response.body) if response.body else None
    if not (isinstance(payload, dict) and isinstance(payload.get("error"), dict)):
        payload = error_payload(status, f"{method} {_path(url)} answered HTTP {status}")
    error_class = _ERROR_BY_STATUS.get(status) or (
        ServerError if status >= 500 else SpotifyAPIError
    )
    if error_class is RateLimitExceeded:
        return RateLimitExceeded(
            payload, retry_after(response.headers), status=status, headers=response.headers
        )
    return error_class(payload, status=status, headers=response.headers)


def accounts_error(response: Response) -> SpotifyBaseError:
    """The exception for an Accounts-service error answer."""
    status = response.status
    payload = _loads(response.body) if response.body else None
    if status == 429:
        return RateLimitExceeded(
            error_payload(status, "POST /api/token: rate limit exceeded"),
            retry_after(response.headers),
            status=status,
            headers=response.headers,
        )
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        error = payload["error"]
        description = str(payload.get("error_description", ""))
        error_class = InvalidGrantError if error == "invalid_grant" else AuthorizationError
        return error_class(error, description, status=status, headers=response.headers)
    return AuthorizationError(
        "server_error",
        f"POST /api/token answered HTTP {status}",
        status=status,
        headers=response.headers,
    )


def retry_after(headers: Mapping[str, str]) -> float:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date); 0.0 if absent or odd."""
    value = headers.get("Retry-After")
    if value is None:
        return 0.0
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return 0.0
    return seconds if seconds > 0 and seconds == seconds and seconds != float("inf") else 0.0


def _loads(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None


def _path(url: str) -> str:
    """The URL without scheme, host and query: what is safe and useful in messages and logs."""
    start = url.find("/", url.find("//") + 2) if "//" in url else 0
    end = url.find("?", start)
    return url[start:end] if end != -1 else url[start:]


def _check_url(name: str, url: str) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise InvalidInputError(f"{name} must be an http(s) URL, not {url!r}")
    return url.rstrip("/")
