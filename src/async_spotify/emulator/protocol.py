"""What aiohttp answers before any middleware runs, answered in Spotify's shapes instead.

A request line or header over aiohttp's limits (8190 bytes), or bytes that are not HTTP, fail
in the parser: aiohttp then writes a ``text/plain`` 400 itself. The emulator's protocol handler
writes the JSON error of the service the request was for instead: the Web API's
``{"error": {"status", "message"}}`` under ``/v1`` and ``/_emulator``, the Accounts service's
``{"error", "error_description"}`` elsewhere. The parser has no path for such a request, so the
handler remembers where the last request on the connection started (the first bytes of its
request line) when its data arrives.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from .errors import accounts_status_error, web_api_error
from .paths import is_admin_path, is_api_path

#: ``METHOD /target``: the start of a request line, up to what tells the services apart.
_REQUEST_START = re.compile(rb"[A-Z]{3,10} (/[^ ?\r\n]{0,16})")


def _describe(status: int, message: str | None) -> str:
    """The error text, without aiohttp's dump of the offending bytes (it can be 8 KB)."""
    text = (message or "").split(":", 1)[0].strip()
    return text or HTTPStatus(status).phrase


class SpotifyRequestHandler(RequestHandler):
    """aiohttp's protocol handler, with parse errors answered as Spotify's services answer."""

    _target = b"/"

    def data_received(self, data: bytes) -> None:
        start = _REQUEST_START.match(data)
        if start is not None:
            self._target = start.group(1)
        super().data_received(data)

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        # aiohttp's own handling logs the error and refuses when an answer was half sent.
        super().handle_error(request, status, exc, message)
        path = self._target.decode("latin-1")
        description = _describe(status, message)
        if is_api_path(path) or is_admin_path(path):
            response = web_api_error(status, description)
        else:
            response = accounts_status_error(status, description)
        response.force_close()
        return response


class SpotifyServer(web.Server):
    """An aiohttp server whose connections use :class:`SpotifyRequestHandler`."""

    def __call__(self) -> RequestHandler:
        return SpotifyRequestHandler(self, loop=self._loop, **self._kwargs)


class SpotifyAppRunner(web.AppRunner):
    """``web.AppRunner`` serving its app through :class:`SpotifyServer`."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        # The app builds its server itself (private arguments); only the class changes, to
        # hand out the handler above. SpotifyServer adds no state, so the swap is safe.
        server.__class__ = SpotifyServer
        return server
