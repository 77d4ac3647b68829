"""The aiohttp session a client sends on: opened, borrowed, lent for one call, closed."""

from __future__ import annotations

from collections import deque

import aiohttp

from async_spotify.spotify_errors import InvalidInputError, SpotifyError

__all__ = ["DEFAULT_TIMEOUT", "SessionHolder", "SessionScope"]

#: The per-attempt timeout (seconds) of a client whose session is not open yet.
DEFAULT_TIMEOUT = 30.0


class SessionHolder:
    """Holds the one session of a client: its own (opened and closed here) or the caller's.

    ``request_timeout`` is the per-attempt timeout: how long one exchange may take.
    """

    __slots__ = ("_owns", "_session", "_timeout", "_trust_env")

    def __init__(
        self, session: aiohttp.ClientSession | None = None, *, trust_env: bool = False
    ) -> None:
        self._session = session
        self._owns = session is None
        self._timeout: aiohttp.ClientTimeout | None = None
        # the sessions opened here honour HTTP(S)_PROXY, NO_PROXY and .netrc when True
        self._trust_env = trust_env

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The session requests are sent on (None before :meth:`open`)."""
        return self._session

    @property
    def sessions(self) -> deque[aiohttp.ClientSession]:
        """AsyncSpotify's view of the sessions: a deque with the one session, if any."""
        return deque([self._session] if self._session is not None else [])

    @property
    def timeout(self) -> aiohttp.ClientTimeout:
        """The per-attempt timeout as aiohttp takes it."""
        timeout = self._timeout
        if timeout is None:
            session = self._session
            timeout = session.timeout if session is not None else None
            if timeout is None:
                timeout = aiohttp.ClientTimeout(total=DEFAULT_TIMEOUT)
        return timeout

    @property
    def request_timeout(self) -> float | None:
        """The per-attempt timeout in seconds (None: no limit)."""
        return self.timeout.total

    async def open(self, request_timeout: float | None = 30, request_limit: int = 500) -> None:
        """Open a session: at most ``request_limit`` connections, ``request_timeout`` seconds
        per attempt. A borrowed session is kept; only the timeout is taken."""
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
        if not self._owns:
            return
        await self.close()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=request_limit),
            timeout=self._timeout,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=self._trust_env,
        )

    async def close(self) -> None:
        """Close the session if it was opened here (a caller's session is left open)."""
        session, self._session = self._session, None if self._owns else self._session
        if self._owns and session is not None and not session.closed:
            await session.close()

    def require(self) -> aiohttp.ClientSession:
        """The open session; SpotifyError when there is none."""
        session = self._session
        if session is None or session.closed:
            raise SpotifyError(
                "You have to create a new client with create_new_client() (or use "
                "`async with SpotifyApiClient(...)`) before making requests"
            )
        return session

    def for_one_call(self) -> SessionScope:
        """The open session, or a temporary one closed after the call (Accounts exchanges work
        before ``create_new_client``, as in AsyncSpotify)."""
        session = self._session
        if session is not None and not session.closed:
            return SessionScope(session, close=False)
        return SessionScope(
            aiohttp.ClientSession(
                timeout=self.timeout,
                cookie_jar=aiohttp.DummyCookieJar(),
                trust_env=self._trust_env,
            ),
            close=True,
        )


class SessionScope:
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
