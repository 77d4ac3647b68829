"""The base of every endpoint group: thin, declarative methods over the request chokepoint."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.transport.handler import ApiRequestHandler


class Endpoint:
    """A group of Web API operations (``client.albums``, ``client.player``, ...).

    Methods validate and normalise their input, build path, query and body, and hand them to
    :meth:`_request`; they never touch aiohttp.
    """

    def __init__(self, api_request_handler: ApiRequestHandler) -> None:
        self.api_request_handler = api_request_handler

    async def _request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> Any:
        return await self.api_request_handler.request(
            method, path, query=query, body=body, auth_token=auth_token
        )

    async def _get_chunked(
        self,
        path: str,
        ids: Sequence[str],
        size: int,
        *,
        key: str | None,
        query: Mapping[str, object] | None = None,
        param: str = "ids",
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> Any:
        """GET ``path`` for ``ids`` in chunks of ``size``, concurrently; merge in input order.

        ``key`` names the list in each answer (``"albums"`` for ``{"albums": [...]}``); None
        means the answer is the list itself (``/contains`` checks).
        """
        chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
        answers = await asyncio.gather(
            *(
                self._request(
                    "GET", path, query={**(query or {}), param: list(chunk)}, auth_token=auth_token
                )
                for chunk in chunks
            )
        )
        merged: list[Any] = []
        for answer in answers:
            merged.extend(answer if key is None else answer[key])
        return merged if key is None else {key: merged}

    async def _send_chunked(
        self,
        method: str,
        path: str,
        ids: Sequence[str],
        size: int,
        *,
        query: Mapping[str, object] | None = None,
        param: str = "ids",
        in_body: bool = False,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> None:
        """Send a write for ``ids`` in chunks of ``size``, one after the other, in input order.

        Sequential on purpose: when a chunk fails, the chunks before it were applied and the
        ones after it were not, so the caller knows exactly where it stopped.
        """
        for start in range(0, len(ids), size):
            chunk = list(ids[start : start + size])
            if in_body:
                await self._request(
                    method, path, query=query, body={param: chunk}, auth_token=auth_token
                )
            else:
                await self._request(
                    method, path, query={**(query or {}), param: chunk}, auth_token=auth_token
                )

    @staticmethod
    def _deprecated(operation: str, replacement: str | None) -> None:
        """Warn that ``operation`` is deprecated by Spotify, naming its replacement if any."""
        advice = f"; use {replacement} instead" if replacement else ""
        warnings.warn(
            f"{operation} is deprecated by Spotify (unavailable to development-mode apps){advice}",
            DeprecationWarning,
            stacklevel=3,
        )

    @staticmethod
    def _add_url_params(
        url_string: str, map_object: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """Fill ``{name}`` placeholders of ``url_string`` from ``map_object`` (AsyncSpotify helper).

        Returns the URL and a NEW dict of the remaining entries; the caller's mapping is left as
        it was. Values are percent-encoded as path segments.
        """
        remaining = dict(map_object)
        for key in list(remaining):
            placeholder = "{" + key + "}"
            if placeholder in url_string:
                url_string = url_string.replace(
                    placeholder, quote(str(remaining.pop(key)), safe="")
                )
        return url_string, remaining
