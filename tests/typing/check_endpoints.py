"""What a type checker sees of the endpoint methods: checked by mypy (``make typecheck``).

Not run by pytest: ``mypy --strict tests/typing`` reads it. Each ``assert_type`` must hold, and
each line marked ``# type: ignore[...]`` must really be an error of that code, or mypy reports
the ignore as unused (``warn_unused_ignores``, part of ``--strict``): a method that stops
flagging a misspelt keyword, an enum typo or a wrong argument type fails the build.
"""

from __future__ import annotations

from typing import assert_type

from async_spotify import SpotifyApiClient
from async_spotify.types import AlbumObject, ManyAlbums, PagingSimplifiedTrackObject

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"


async def albums(client: SpotifyApiClient) -> None:
    assert_type(await client.albums.get_one(ALBUM, market="DE"), AlbumObject)
    assert_type(await client.albums.get_one(ALBUM, None, market=None), AlbumObject)
    assert_type(
        await client.albums.get_tracks(ALBUM, limit=50, offset=0), PagingSimplifiedTrackObject
    )
    assert_type(await client.albums.get_several([ALBUM], market="US"), ManyAlbums)
    assert_type(await client.albums.get_multiple([ALBUM]), ManyAlbums)  # AsyncSpotify's name
    await client.albums.get_one(ALBUM, extra_query={"new_parameter": "x"})

    await client.albums.get_one(ALBUM, markt="DE")  # type: ignore[call-arg]
    await client.albums.get_tracks(ALBUM, limit="5")  # type: ignore[arg-type]
    await client.albums.get_one(123)  # type: ignore[arg-type]
