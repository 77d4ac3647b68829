"""Successful Web API answers: JSON bodies (orjson) and Spotify's empty 200/201/202/204s."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web


def json_response(data: Any, status: int = 200) -> web.Response:
    """A JSON body, ``Content-Type: application/json; charset=utf-8`` as Spotify sends it."""
    return web.Response(
        status=status, body=orjson.dumps(data), content_type="application/json", charset="utf-8"
    )


def empty_response(status: int) -> web.Response:
    """No body: 204 for player commands, 200 for library saves and playlist details, 202 for
    a cover upload (facts §5: Spotify answers those with an empty body)."""
    return web.Response(status=status)
