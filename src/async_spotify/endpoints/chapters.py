"""The Chapters endpoint group (``client.chapters``): chapters of audiobooks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import ChapterObject, ManyChapters
from async_spotify.types.parameters import (
    GetAChapterParams,
    GetSeveralChaptersParams,
)


class Chapters(Endpoint):
    """Audiobook chapters (sold in the audiobook markets only)."""

    async def get_one(
        self,
        chapter_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAChapterParams],
    ) -> ChapterObject:
        """One chapter. ``GET /chapters/{id}`` (any token). kwargs: ``market``."""
        query = self._query("get-a-chapter", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/chapters/{to_id(chapter_id, 'chapter')}",
            query=query,
            auth_token=auth_token,
            result=ChapterObject,
        )

    async def get_several(
        self,
        chapter_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetSeveralChaptersParams],
    ) -> ManyChapters:
        """Several chapters, ``{"chapters": [...]}`` in input order (``None`` for an unknown id).

        ``GET /chapters?ids=`` (any token), 50 ids per request: longer lists are chunked and
        sent concurrently. Deprecated by Spotify (February 2026); with
        ``app_mode="development"`` it sends one ``GET /chapters/{id}`` per id instead.
        kwargs: ``market``.
        """
        chapters: ManyChapters = await self._get_several(
            "chapters",
            to_ids(chapter_ids, "chapter"),
            kwargs,
            auth_token,
            operation_id="get-several-chapters",
            method="chapters.get_several",
            extra_query=extra_query,
        )
        return chapters
