"""The Audiobooks endpoint group (``client.audiobooks``), with the user's saved audiobooks.

Audiobooks are sold in a few markets only (US, GB, CA, IE, NZ, AU): elsewhere Spotify answers as
if they did not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint, NoContent
from async_spotify.ids import to_id, to_ids, to_uris
from async_spotify.types import (
    AudiobookObject,
    ManyAudiobooks,
    PagingSavedAudiobookObject,
    PagingSimplifiedChapterObject,
)
from async_spotify.types.parameters import (
    GetAnAudiobookParams,
    GetAudiobookChaptersParams,
    GetMultipleAudiobooksParams,
    GetUsersSavedAudiobooksParams,
)
from async_spotify.validation import max_items


class Audiobooks(Endpoint):
    """Audiobooks of the catalog and the ones the user saved."""

    async def get_one(
        self,
        audiobook_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnAudiobookParams],
    ) -> AudiobookObject:
        """One audiobook. ``GET /audiobooks/{id}`` (any token). kwargs: ``market``."""
        query = self._query("get-an-audiobook", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/audiobooks/{to_id(audiobook_id, 'audiobook')}",
            query=query,
            auth_token=auth_token,
            result=AudiobookObject,
        )

    async def get_several(
        self,
        audiobook_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetMultipleAudiobooksParams],
    ) -> ManyAudiobooks:
        """Several audiobooks, ``{"audiobooks": [...]}`` in input order (``None`` if unknown).

        ``GET /audiobooks?ids=`` (any token), 50 ids per request: longer lists are chunked and
        sent concurrently. Deprecated by Spotify (February 2026); with
        ``app_mode="development"`` it sends one ``GET /audiobooks/{id}`` per id instead.
        kwargs: ``market``.
        """
        audiobooks: ManyAudiobooks = await self._get_several(
            "audiobooks",
            to_ids(audiobook_ids, "audiobook"),
            kwargs,
            auth_token,
            operation_id="get-multiple-audiobooks",
            method="audiobooks.get_several",
            extra_query=extra_query,
        )
        return audiobooks

    async def get_chapters(
        self,
        audiobook_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAudiobookChaptersParams],
    ) -> PagingSimplifiedChapterObject:
        """A page of an audiobook's chapters. ``GET /audiobooks/{id}/chapters`` (any token).

        kwargs: ``market``, ``limit`` (at most 50), ``offset``.
        """
        query = self._query("get-audiobook-chapters", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/audiobooks/{to_id(audiobook_id, 'audiobook')}/chapters",
            query=query,
            auth_token=auth_token,
            result=PagingSimplifiedChapterObject,
        )

    async def get_saved(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersSavedAudiobooksParams],
    ) -> PagingSavedAudiobookObject:
        """A page of the audiobooks the user saved. ``GET /me/audiobooks`` (``user-library-read``).

        kwargs: ``limit`` (at most 50), ``offset``.
        """
        query = self._query("get-users-saved-audiobooks", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            "/me/audiobooks",
            query=query,
            auth_token=auth_token,
            result=PagingSavedAudiobookObject,
        )

    async def add_saved(
        self,
        audiobook_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Save audiobooks for the user. ``PUT /me/audiobooks?ids=`` (``user-library-modify``).

        50 ids per request, sent one chunk after the other. Deprecated by Spotify (February
        2026) for ``library.add_items`` with ``spotify:audiobook:`` URIs; development-mode apps
        are sent there (``PUT /me/library``).
        """
        return await self._write_saved("PUT", "audiobooks.add_saved", audiobook_ids, auth_token)

    async def remove_saved(
        self,
        audiobook_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Remove audiobooks from the user's library. ``DELETE /me/audiobooks?ids=``
        (``user-library-modify``).

        50 ids per request, sent one chunk after the other. Deprecated by Spotify (February
        2026) for ``library.remove_items`` with ``spotify:audiobook:`` URIs; development-mode
        apps are sent there (``DELETE /me/library``).
        """
        return await self._write_saved(
            "DELETE", "audiobooks.remove_saved", audiobook_ids, auth_token
        )

    async def contains_saved(
        self,
        audiobook_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> list[bool]:
        """Whether the user saved each audiobook, in input order.

        ``GET /me/audiobooks/contains?ids=`` (``user-library-read``), 50 ids per request,
        chunks sent concurrently. Deprecated by Spotify (February 2026) for
        ``library.contains_items`` with ``spotify:audiobook:`` URIs; development-mode apps are
        sent there (``GET /me/library/contains``).
        """
        if self.app_mode == "development":
            uris = to_uris(audiobook_ids, "audiobook")
            in_library: list[bool] = await self._get_chunked(
                "/me/library/contains",
                uris,
                max_items("check-library-contains", "uris"),
                key=None,
                param="uris",
                auth_token=auth_token,
            )
            return in_library
        ids = to_ids(audiobook_ids, "audiobook")
        self._deprecated("audiobooks.contains_saved", "library.contains_items")
        saved: list[bool] = await self._get_chunked(
            "/me/audiobooks/contains",
            ids,
            max_items("check-users-saved-audiobooks", "ids"),
            key=None,
            auth_token=auth_token,
        )
        return saved

    async def _write_saved(
        self,
        http_method: str,
        method: str,
        audiobook_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None,
    ) -> NoContent:
        """``PUT``/``DELETE /me/audiobooks``, or ``/me/library`` for development-mode apps."""
        if self.app_mode == "development":
            operation_id = "save-library-items" if http_method == "PUT" else "remove-library-items"
            return await self._send_chunked(
                http_method,
                "/me/library",
                to_uris(audiobook_ids, "audiobook"),
                max_items(operation_id, "uris"),
                param="uris",
                auth_token=auth_token,
            )
        ids = to_ids(audiobook_ids, "audiobook")
        replacement = "library.add_items" if http_method == "PUT" else "library.remove_items"
        self._deprecated(method, replacement, stacklevel=4)
        operation_id = "save-audiobooks-user" if http_method == "PUT" else "remove-audiobooks-user"
        return await self._send_chunked(
            http_method,
            "/me/audiobooks",
            ids,
            max_items(operation_id, "ids"),
            auth_token=auth_token,
        )
