"""What a type checker sees of the endpoint methods: checked by mypy and pyright (``make test``).

Not run by pytest: ``mypy --strict tests/typing`` and ``pyright`` read it. Each ``assert_type``
must hold, and each line marked ``# type: ignore[...]`` must really be an error of that code, or
the checkers report the ignore as unused (``warn_unused_ignores`` in ``--strict``, pyright's
``reportUnnecessaryTypeIgnoreComment``): a method that stops flagging a misspelt keyword, an
enum typo or a wrong argument type fails the build.
"""

from __future__ import annotations

from typing import assert_type

from async_spotify import SpotifyApiClient
from async_spotify.endpoints.endpoint import NoContent
from async_spotify.types import (
    AlbumObject,
    ArtistObject,
    AudioFeaturesObject,
    CategoryObject,
    CurrentlyPlayingContextObject,
    ManyAlbums,
    ManyEpisodes,
    PagingArtistDiscographyAlbumObject,
    PagingArtistObject,
    PagingSimplifiedTrackObject,
    PagingTrackObject,
    PlayHistoryObject,
    PlaylistTrackObject,
    SavedTrackObject,
    SearchItems,
    SimplifiedAudiobookObject,
    SimplifiedChapterObject,
    SimplifiedEpisodeObject,
    SimplifiedPlaylistObject,
    SimplifiedTrackObject,
)
from async_spotify.types.parameters import GetAnAlbumsTracksParams

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"
ARTIST = "0TnOYISbd1XYRBk9myaseg"
EPISODE = "512ojhOuo1ktJprKbVcKyQ"


async def albums(client: SpotifyApiClient) -> None:
    assert_type(await client.albums.get_one(ALBUM, market="DE"), AlbumObject)
    assert_type(await client.albums.get_one(ALBUM, None, market=None), AlbumObject)
    tracks = await client.albums.get_tracks(ALBUM, limit=50, offset=0)
    assert_type(tracks, PagingSimplifiedTrackObject)
    assert_type(await client.albums.get_several([ALBUM], market="US"), ManyAlbums)
    await client.albums.get_one(ALBUM, extra_query={"new_parameter": "x"})

    await client.albums.get_one(ALBUM, markt="DE")  # type: ignore[call-arg]
    await client.albums.get_tracks(ALBUM, limit="5")  # type: ignore[arg-type]
    await client.albums.get_one(123)  # type: ignore[arg-type]
    await client.albums.get_one(ALBUM, extra_query=["market"])  # type: ignore[arg-type]


async def aliases_keep_asyncspotify_names(client: SpotifyApiClient) -> None:
    assert_type(await client.albums.get_multiple([ALBUM]), ManyAlbums)
    assert_type(await client.episodes.get_multiple([EPISODE]), ManyEpisodes)
    assert_type(await client.episodes.get_several([EPISODE]), ManyEpisodes)
    assert_type(
        await client.artists.get_album_list(ARTIST, include_groups=["album"]),
        PagingArtistDiscographyAlbumObject,
    )
    await client.library.add_album([ALBUM])
    await client.library.add_albums([ALBUM])
    assert_type(await client.follow.check_follow("artist", [ARTIST]), list[bool])
    assert_type(await client.follow.contains("user", ["wizzler"]), list[bool])


async def enums(client: SpotifyApiClient) -> None:
    await client.player.repeat("context")
    await client.player.repeat("forever")  # type: ignore[arg-type]
    assert_type(await client.search.start("q", ["track", "album"]), SearchItems)
    await client.search.start("q", "track")
    await client.search.start("q", ["tarck"])  # type: ignore[list-item]
    await client.search.start("q", ["track"], include_external="video")  # type: ignore[arg-type]
    await client.artists.get_albums(ARTIST, include_groups=["single", "appears_on"])
    await client.artists.get_albums(ARTIST, include_groups=["singles"])  # type: ignore[list-item]
    await client.personalization.get_top_tracks(time_range="short_term")
    await client.personalization.get_top_tracks(time_range="forever")  # type: ignore[arg-type]
    assert_type(await client.personalization.get_top("artists"), PagingArtistObject)
    assert_type(await client.personalization.get_top("tracks", limit=5), PagingTrackObject)
    await client.personalization.get_top("albums")  # type: ignore[call-overload]
    await client.follow.follow_artist_or_user("artist", [ARTIST])
    await client.follow.follow_artist_or_user("playlist", [ARTIST])  # type: ignore[arg-type]


async def keywords(client: SpotifyApiClient) -> None:
    await client.player.play(device_id="d", uris=["spotify:track:x"], position_ms=0)
    await client.player.play(context_uri="spotify:album:x", offset={"position": 3})
    await client.player.play(position=3)  # type: ignore[call-arg]
    await client.player.pause(device_id="d")
    await client.player.pause(devise_id="d")  # type: ignore[call-arg]
    await client.playlists.change_details("p", name="New", public=False)
    await client.playlists.change_details("p", public="no")  # type: ignore[arg-type]
    await client.browse.get_recommendations(seed_genres=["rock"], target_energy=0.5)
    await client.browse.get_recommendations(seed_genre=["rock"])  # type: ignore[call-arg]
    await client.artists.get_one(ARTIST, market="US")  # type: ignore[call-arg]
    options: GetAnAlbumsTracksParams = {"limit": 10, "market": "SE"}
    await client.albums.get_tracks(ALBUM, **options)
    typo: GetAnAlbumsTracksParams = {"limt": 10}  # type: ignore[typeddict-unknown-key]
    await client.albums.get_tracks(ALBUM, **typo)


async def paging(client: SpotifyApiClient) -> None:
    async for track in client.paginate(await client.albums.get_tracks(ALBUM)):
        assert_type(track, SimplifiedTrackObject)
    async for played in client.paginate(await client.player.get_recent_tracks()):
        assert_type(played, PlayHistoryObject)
    async for item in client.paginate(await client.playlists.get_one("p")):
        assert_type(item, PlaylistTrackObject)
    saved = await client.fetch_all(await client.library.get_tracks(limit=50))
    assert_type(saved, list[SavedTrackObject])
    playlists = await client.fetch_all(await client.playlists.current_get_all())
    assert_type(playlists, list[SimplifiedPlaylistObject | None])
    page = await client.albums.get_tracks(ALBUM)
    assert_type(page["items"], list[SimplifiedTrackObject])  # a key Spotify always sends
    assert_type(page["total"], int)
    album = await client.albums.get_one(ALBUM)
    assert_type(album["id"], str)
    album["popularity"]  # pyright: ignore[reportTypedDictNotRequiredAccess]  # may be left out
    playback = await client.player.get_playback()  # {} when nothing plays, never None
    assert_type(playback, CurrentlyPlayingContextObject)
    playback["device"]  # pyright: ignore[reportTypedDictNotRequiredAccess]  # {}: none playing
    assert_type(await client.player.pause(), NoContent)


async def more_groups(client: SpotifyApiClient) -> None:
    followed = await client.follow.get_followed_artist(limit=50)
    async for artist in client.paginate(followed["artists"]):
        assert_type(artist, ArtistObject)
    await client.follow.get_followed_artist("user")  # type: ignore[arg-type]
    chapters = await client.fetch_all(await client.audiobooks.get_chapters("a", market="GB"))
    assert_type(chapters, list[SimplifiedChapterObject])
    saved = await client.fetch_all(await client.audiobooks.get_saved())
    assert_type(saved, list[SimplifiedAudiobookObject])
    episodes = await client.fetch_all(await client.shows.get_episodes("s", limit=50))
    assert_type(episodes, list[SimplifiedEpisodeObject])
    categories = await client.browse.get_categories(locale="de_DE")
    async for category in client.paginate(categories["categories"]):
        assert_type(category, CategoryObject)
    assert_type(await client.browse.get_category("party"), CategoryObject)
    assert_type(await client.browse.get_single_category("party"), CategoryObject)
    assert_type(await client.track.get_audio_features("t"), AudioFeaturesObject)
    assert_type(await client.track.audio_features("t"), AudioFeaturesObject)
    await client.library.remove_shows(["s"], market="US")
    await client.library.remove_shows(["s"], markets="US")  # type: ignore[call-arg]
    await client.playlists.get_items("p", fields="items(track(name))", limit=100)
    await client.playlists.get_items("p", additional_types=["episode"])
    await client.playlists.get_items("p", additional_types=["podcast"])  # type: ignore[list-item]
    await client.player.get_recent_tracks(after=1_700_000_000_000, limit=50)
    await client.player.seek("10s")  # type: ignore[arg-type]
    await client.player.volume(50, device_id="d")
