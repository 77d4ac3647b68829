"""The emulator served on a loopback port inside the caller's event loop."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from os import PathLike
from types import TracebackType
from typing import Any

from aiohttp import web

from .accounts.scopes import ALL_SCOPES
from .accounts.service import Accounts
from .app import create_app
from .catalog.user_catalog import CatalogSource
from .config import EmulatorConfig
from .control.clock import Clock
from .middleware.faults import FaultInjector
from .middleware.latency import Latency
from .protocol import SpotifyAppRunner
from .services import SERVICES_KEY
from .world import World

#: Hanging faults must not hold up shutdown: connections get this long to finish.
SHUTDOWN_TIMEOUT = 0.1
#: A client opens up to 500 connections at once by default (``request_limit``); with aiohttp's
#: default backlog of 128 the kernel drops the SYNs of the rest, which come back only after its
#: one-second retransmission timer.
LISTEN_BACKLOG = 1024


class Emulator:
    """Spotify's Web API and Accounts service on ``http://HOST:PORT`` (port 0: any free one).

    ``async with Emulator() as emu:`` then point a client at ``emu.base_url`` and
    ``emu.accounts_url``. ``emu.clock`` moves time, ``emu.faults`` injects failures,
    ``emu.stats()`` tells what the client did.
    """

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        catalog: Iterable[CatalogSource] | None = None,
    ) -> None:
        """``catalog`` (files of saved Spotify answers, or parsed JSON) adds to the config's."""
        self.config = config if config is not None else EmulatorConfig()
        if catalog is not None:
            if isinstance(catalog, (str, PathLike, Mapping)):
                catalog = [catalog]  # one source given bare
            self.config = replace(self.config, catalog=(*self.config.catalog, *catalog))
        self.clock = Clock()
        self._host = host
        self._port = port
        self._app = create_app(self.config, self.clock)
        self._services = self._app[SERVICES_KEY]
        self._runner: web.AppRunner | None = None
        self._url: str | None = None
        self.world: World = self._services.world
        self.user_id: str = self.world.default_user_id
        #: ``sp_t``, ``sp_dc``, ``sp_key`` of the default user, who consented to every scope.
        self.cookies: dict[str, str] = dict(self._services.accounts.default_cookies)
        self.faults: FaultInjector = self._services.faults
        #: The Accounts service's state: sessions, consents, pending consent pages.
        self.accounts: Accounts = self._services.accounts
        self.latency: Latency = self._services.latency

    def __repr__(self) -> str:
        return f"<Emulator {self._url or 'not started'} mode={self.config.mode}>"

    async def start(self) -> None:
        """Start serving (``async with Emulator()`` calls it); then :attr:`url` is known."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already started")
        runner = SpotifyAppRunner(
            self._app,
            access_log=None,
            handler_cancellation=True,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, self._host, self._port, backlog=LISTEN_BACKLOG).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def close(self) -> None:
        """Stop serving and close every open connection; closing twice is harmless."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` once started."""
        if self._url is None:
            raise RuntimeError("the emulator is not started: use 'async with' or start()")
        return self._url

    @property
    def base_url(self) -> str:
        """The Web API root, as ``https://api.spotify.com/v1``."""
        return self.url + "/v1"

    @property
    def accounts_url(self) -> str:
        """The Accounts service root, as ``https://accounts.spotify.com``."""
        return self.url

    def stats(self) -> dict[str, Any]:
        """The same JSON as ``GET /_emulator/stats``."""
        return self._services.stats.snapshot()

    def reset_stats(self) -> None:
        """Zero every counter of :meth:`stats` (state, tokens and the catalog stay as they are)."""
        self._services.stats.reset()

    def issue_user_token(
        self, scopes: Iterable[str] = ALL_SCOPES, *, user_id: str | None = None, pkce: bool = False
    ) -> dict[str, Any]:
        """A token response as ``POST /api/token`` returns it, registered: no OAuth dance."""
        return self._services.issue_user_token(scopes, user_id=user_id, pkce=pkce)

    def issue_client_token(self) -> dict[str, Any]:
        """A client-credentials token response."""
        return self._services.issue_client_token()

    def revoke_refresh_tokens(self) -> None:
        """Every refresh token issued so far answers ``invalid_grant`` from now on."""
        self._services.tokens.revoke_refresh_tokens()

    @property
    def rate_limit(self) -> int | None:
        """Requests per rolling 30 s window per app (``None``: off); settable at run time."""
        return self._services.rate_limiter.limit

    @rate_limit.setter
    def rate_limit(self, limit: int | None) -> None:
        if limit is not None and limit < 1:
            raise ValueError("rate_limit must be at least 1 or None")
        self._services.rate_limiter.limit = limit
