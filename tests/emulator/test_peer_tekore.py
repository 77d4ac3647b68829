"""tekore 6.2, unmodified, runs every operation it offers against the running emulator.

tekore is asynchronous here (``asynchronous=True`` on httpx) and is pointed at the emulator
through its supported extension point, a *sender*: :class:`ToEmulator` is a
``tekore.ExtendingSender`` that sends each request to the emulator's loopback URL instead of
``https://api.spotify.com/v1/``. Nothing of tekore or of our library is patched.

tekore parses every answer into its pydantic models (required fields, types, enums), which is
a strict check of the shapes; any warning fails the run (pytest's ``filterwarnings = error``).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any

import pytest

from async_spotify.emulator import Emulator

from .peer_world import JPEG_B64, Known, known

tk = pytest.importorskip("tekore")

SPOTIFY_API = "https://api.spotify.com/v1/"


class ToEmulator(tk.ExtendingSender):  # type: ignore[misc,name-defined]
    """Sends tekore's requests to the emulator (tekore's documented way to change sending)."""

    def __init__(self, base_url: str, sender: Any) -> None:
        super().__init__(sender)
        self.base_url = base_url.rstrip("/") + "/"

    def send(self, request: Any) -> Any | Coroutine[None, None, Any]:
        if request.url.startswith(SPOTIFY_API):
            request.url = self.base_url + request.url[len(SPOTIFY_API) :]
        return self.sender.send(request)


Case = Callable[[Any, Known], Awaitable[None]]
CASES: dict[str, Case] = {}
#: Public members that are not Web API operations: client plumbing, paging helpers (the
#: paging cases call ``next``/``previous``/``all_items``/``all_pages`` on real answers), and
#: ``follow_short_link``, which resolves ``spotify.link`` short links on the web.
NOT_OPERATIONS = {
    "send",
    "close",
    "chunked",
    "max_limits",
    "token_as",
    "next",
    "previous",
    "all_items",
    "all_pages",
    "follow_short_link",
}


def case(*names: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        for name in names or (function.__name__,):
            CASES[name] = function
        return function

    return register


def ids(items: list[Any]) -> list[str | None]:
    return [None if item is None else item.id for item in items]


# -- catalog -----------------------------------------------------------------------------------


@case("track", "tracks")
async def tracks(sp: Any, k: Known) -> None:
    assert (await sp.track(k.track)).id == k.track
    assert ids(await sp.tracks(list(k.tracks), market="US")) != []


@case("artist", "artists", "artist_albums", "artist_top_tracks", "artist_related_artists")
async def artists(sp: Any, k: Known) -> None:
    assert (await sp.artist(k.artist)).id == k.artist
    assert ids(await sp.artists(list(k.artists))) == list(k.artists)
    page = await sp.artist_albums(k.artist, include_groups=["album", "single"])
    assert page.limit == 20
    assert page.items
    top = await sp.artist_top_tracks(k.artist, market="US")
    assert all(any(a.id == k.artist for a in t.artists) for t in top)
    assert len(await sp.artist_related_artists(k.artist)) == 20


@case("album", "albums", "album_tracks")
async def albums(sp: Any, k: Known) -> None:
    album = await sp.album(k.album, market="US")
    assert album.id == k.album
    assert ids(await sp.albums(list(k.albums))) == list(k.albums)
    page = await sp.album_tracks(k.album, limit=2)
    assert page.total == album.total_tracks
    if page.next:
        assert (await sp.next(page)).offset == 2


@case("show", "shows", "show_episodes", "episode", "episodes")
async def shows(sp: Any, k: Known) -> None:
    assert (await sp.show(k.show, market="US")).id == k.show
    assert ids(await sp.shows(list(k.shows), market="US")) == list(k.shows)
    page = await sp.show_episodes(k.show, market="US", limit=5)
    assert (await sp.previous(await sp.next(page))).offset == 0
    assert (await sp.episode(k.episode, market="US")).id == k.episode
    assert ids(await sp.episodes(list(k.episodes), market="US")) == list(k.episodes)


@case("audiobook", "audiobooks", "audiobook_chapters", "chapter", "chapters")
async def audiobooks(sp: Any, k: Known) -> None:
    assert (await sp.audiobook(k.audiobook, market="US")).id == k.audiobook
    # tekore 6.2's own bug: audiobooks() sends GET /v1/audiobook?ids= (singular), a route
    # Spotify does not have; the emulator answers it as Spotify does any unknown route.
    with pytest.raises(tk.NotFound, match="Service not found"):
        await sp.audiobooks(list(k.audiobooks), market="US")
    page = await sp.audiobook_chapters(k.audiobook, market="US", limit=2)
    assert ids(page.items) == list(k.chapters)
    assert (await sp.chapter(k.chapter, market="US")).id == k.chapter
    assert ids(await sp.chapters(list(k.chapters), market="US")) == list(k.chapters)


@case()
async def search(sp: Any, k: Known) -> None:
    kinds = ("track", "artist", "album", "playlist", "show", "episode", "audiobook")
    pages = await sp.search("night", types=kinds, limit=10)
    assert len(pages) == len(kinds)
    for page in pages:
        assert page.items
        assert page.next is not None


@case("recommendations", "recommendation_genre_seeds")
async def recommendations(sp: Any, k: Known) -> None:
    found = await sp.recommendations(artist_ids=[k.artist], limit=5, market="US")
    assert len(found.tracks) == 5
    assert "pop" in await sp.recommendation_genre_seeds()


@case("track_audio_analysis", "track_audio_features", "tracks_audio_features")
async def audio(sp: Any, k: Known) -> None:
    assert (await sp.track_audio_analysis(k.track)).track["duration"] > 0
    assert (await sp.track_audio_features(k.track)).id == k.track
    assert ids(await sp.tracks_audio_features(list(k.tracks))) == list(k.tracks)


@case("markets", "categories", "category", "category_playlists", "featured_playlists")
async def browse(sp: Any, k: Known) -> None:
    assert "US" in await sp.markets()
    found = await sp.categories(limit=50)
    assert {"toplists", "dinner", "0JQ5DAqbMKFEC4WFtoNRpw"} <= {c.id for c in found.items}
    assert (await sp.category("dinner")).id == "dinner"
    assert (await sp.category("pop")).name == "Pop"
    assert (await sp.category_playlists("workout")).items
    message, page = await sp.featured_playlists(limit=5)
    assert message
    assert page.items


@case()
async def new_releases(sp: Any, k: Known) -> None:
    assert (await sp.new_releases(limit=5)).items


# -- users and playlists -----------------------------------------------------------------------


@case("current_user", "user", "current_user_top_artists", "current_user_top_tracks")
async def users(sp: Any, k: Known) -> None:
    assert (await sp.current_user()).id == k.user
    assert (await sp.user(k.other_user)).id == k.other_user
    assert (await sp.current_user_top_tracks(limit=5)).items
    assert (await sp.current_user_top_artists(time_range="short_term", limit=5)).items


@case("playlist", "playlist_items", "playlists", "followed_playlists")
async def playlist_reads(sp: Any, k: Known) -> None:
    found = await sp.playlist(k.playlist, market="US")
    assert found.id == k.playlist
    assert await sp.playlist(k.playlist, fields="name,id") == {"name": found.name, "id": k.playlist}
    page = await sp.playlist_items(k.playlist)
    assert page.total == found.tracks.total
    assert (await sp.playlists(k.user, limit=5)).items
    followed = await sp.followed_playlists(limit=5)
    every = [playlist async for playlist in sp.all_items(followed)]
    assert len(every) == followed.total
    assert len([p async for p in sp.all_pages(followed)]) == -(-followed.total // 5)


@case(
    "playlist_create",
    "playlist_add",
    "playlist_replace",
    "playlist_reorder",
    "playlist_remove",
    "playlist_clear",
    "playlist_change_details",
    "playlist_cover_image_upload",
    "playlist_cover_image",
)
async def playlist_writes(sp: Any, k: Known) -> None:
    created = await sp.playlist_create(k.user, "From tekore", public=False)
    assert created.owner.id == k.user
    uris = [f"spotify:track:{t}" for t in k.tracks]
    assert await sp.playlist_add(created.id, uris)
    await sp.playlist_replace(created.id, list(reversed(uris)))
    await sp.playlist_reorder(created.id, range_start=0, insert_before=3)
    items = (await sp.playlist_items(created.id)).items
    assert [item.track.id for item in items] == [k.tracks[1], k.tracks[0], k.tracks[2]]
    snapshot = await sp.playlist_remove(created.id, [uris[0]])
    assert snapshot
    assert (await sp.playlist_items(created.id)).total == 2
    await sp.playlist_clear(created.id)
    assert (await sp.playlist_items(created.id)).total == 0
    await sp.playlist_change_details(created.id, name="Renamed", description="by tekore")
    assert (await sp.playlist(created.id)).name == "Renamed"
    await sp.playlist_cover_image_upload(created.id, JPEG_B64)
    (image,) = await sp.playlist_cover_image(created.id)
    assert (image.height, image.width) == (None, None)


@case("playlist_follow", "playlist_unfollow", "playlist_is_following")
async def playlist_follows(sp: Any, k: Known) -> None:
    await sp.playlist_follow(k.others_playlist)
    assert await sp.playlist_is_following(k.others_playlist, [k.user]) == [True]
    await sp.playlist_unfollow(k.others_playlist)
    assert await sp.playlist_is_following(k.others_playlist, [k.user]) == [False]


# -- library and follows -----------------------------------------------------------------------


def _library_case(kind: str, objects: Callable[[Known], tuple[str, ...]]) -> None:
    async def run(sp: Any, k: Known) -> None:
        wanted = list(objects(k))
        await getattr(sp, f"saved_{kind}s_delete")(wanted)
        assert await getattr(sp, f"saved_{kind}s_contains")(wanted) == [False] * len(wanted)
        await getattr(sp, f"saved_{kind}s_add")(wanted)
        assert await getattr(sp, f"saved_{kind}s_contains")(wanted) == [True] * len(wanted)
        page = await getattr(sp, f"saved_{kind}s")(limit=len(wanted))
        assert {getattr(item, kind).id for item in page.items} == set(wanted)

    run.__name__ = f"library_{kind}s"
    case(*(f"saved_{kind}s{suffix}" for suffix in ("", "_add", "_delete", "_contains")))(run)


_library_case("track", lambda k: k.tracks[:2])
_library_case("album", lambda k: k.albums)
_library_case("episode", lambda k: k.episodes)
_library_case("show", lambda k: k.shows)


@case("artists_follow", "artists_unfollow", "artists_is_following", "followed_artists")
async def follow_artists(sp: Any, k: Known) -> None:
    await sp.artists_follow(list(k.artists))
    assert await sp.artists_is_following(list(k.artists)) == [True, True]
    first = await sp.followed_artists(limit=2)
    assert ids(first.items) == list(reversed(k.artists))
    assert (await sp.next(first)).items
    await sp.artists_unfollow(list(k.artists))
    assert await sp.artists_is_following(list(k.artists)) == [False, False]


@case("users_follow", "users_unfollow", "users_is_following")
async def follow_users(sp: Any, k: Known) -> None:
    await sp.users_follow([k.other_user])
    assert await sp.users_is_following([k.other_user]) == [True]
    await sp.users_unfollow([k.other_user])
    assert await sp.users_is_following([k.other_user]) == [False]


# -- player ------------------------------------------------------------------------------------


@case(
    "playback",
    "playback_currently_playing",
    "playback_devices",
    "playback_start_context",
    "playback_start_tracks",
    "playback_pause",
    "playback_resume",
    "playback_next",
    "playback_previous",
    "playback_seek",
    "playback_repeat",
    "playback_shuffle",
    "playback_volume",
    "playback_queue",
    "playback_queue_add",
    "playback_transfer",
    "playback_recently_played",
)
async def player(sp: Any, k: Known) -> None:
    assert ids(await sp.playback_devices()) == list(k.devices)
    assert await sp.playback() is None
    await sp.playback_start_context(f"spotify:album:{k.album}", device_id=k.devices[0])
    state = await sp.playback()
    assert state.is_playing is True
    assert state.context.uri == f"spotify:album:{k.album}"
    assert (await sp.playback_currently_playing()).item.album.id == k.album
    await sp.playback_next()
    await sp.playback_previous()
    await sp.playback_seek(1000)
    await sp.playback_repeat("context")
    await sp.playback_shuffle(True)
    await sp.playback_volume(30)
    await sp.playback_queue_add(f"spotify:track:{k.track}")
    assert (await sp.playback_queue()).queue[0].id == k.track
    await sp.playback_pause()
    assert (await sp.playback()).is_playing is False
    await sp.playback_resume()
    await sp.playback_transfer(k.devices[1], force_play=True)
    assert (await sp.playback()).device.id == k.devices[1]
    await sp.playback_start_tracks(list(k.tracks), offset=1)
    assert (await sp.playback_currently_playing()).item.id == k.tracks[1]
    history = await sp.playback_recently_played(limit=10)
    assert len(history.items) == 10
    assert any(item.context is not None for item in history.items)


# -- the run -----------------------------------------------------------------------------------


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as running:
        yield running


@pytest.mark.parametrize(
    "run",
    sorted(set(CASES.values()), key=lambda c: getattr(c, "__name__", "")),
    ids=lambda c: getattr(c, "__name__", repr(c)),
)
async def test_tekore_case(emulator: Emulator, run: Case) -> None:
    token = emulator.issue_user_token()["access_token"]
    sender = ToEmulator(emulator.base_url, tk.AsyncSender())
    client = tk.Spotify(token, sender=sender, asynchronous=True)
    try:
        await run(client, known(emulator))
    finally:
        await client.close()
    assert emulator.stats()["emulator_bugs"] == 0


def test_every_tekore_method_has_a_case() -> None:
    methods = {
        name
        for name, value in inspect.getmembers(tk.Spotify)
        if not name.startswith("_") and callable(value)
    }
    assert methods - NOT_OPERATIONS == set(CASES)
