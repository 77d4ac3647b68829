"""spotipy 2.26, unmodified, reads and writes through every operation it offers against the
running emulator (issue 9: other people's clients meet the emulator as they meet Spotify).

spotipy is pointed at the emulator through its public, settable ``prefix`` attribute (its API
root); nothing of spotipy or of our library is patched. spotipy is blocking (``requests``), so
each call runs in a worker thread while the emulator serves on the test's event loop.

Each case calls one spotipy method with real IDs from the emulator's world and checks what came
back (IDs, counts, the state change it made). ``test_every_spotipy_method_has_a_case`` fails
when a spotipy release adds a method that has no case here.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from async_spotify.emulator import Emulator

from .peer_world import JPEG_B64, Known, known

spotipy = pytest.importorskip("spotipy")

# spotipy warns about operations Spotify deprecated; that is its advice to its users, not an
# answer of the emulator.
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:spotipy.client"),
    pytest.mark.filterwarnings("ignore:Searching multiple markets:UserWarning"),
]

#: Pop's category ID as Spotify lists it (recorded python-spotify categories.json).
POP = "0JQ5DAqbMKFEC4WFtoNRpw"
Case = Callable[[Any, Known], None]
CASES: dict[str, Case] = {}


def case(*names: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        for name in names or (function.__name__,):
            CASES[name] = function
        return function

    return register


#: Methods that are not operations (auth plumbing) and ``next``/``previous``, which the paging
#: cases exercise on real answers.
NOT_OPERATIONS = {"set_auth", "auth_manager", "next", "previous"}


def ids(items: list[dict[str, Any] | None]) -> list[str | None]:
    return [None if item is None else item["id"] for item in items]


# -- catalog -----------------------------------------------------------------------------------


@case()
def track(sp: Any, k: Known) -> None:
    assert sp.track(k.track)["id"] == k.track
    found = sp.track(k.track, market="US")
    assert found["is_playable"] in (True, False)


@case()
def tracks(sp: Any, k: Known) -> None:
    assert ids(sp.tracks(list(k.tracks))["tracks"]) == list(k.tracks)


@case()
def artist(sp: Any, k: Known) -> None:
    assert sp.artist(k.artist)["id"] == k.artist


@case()
def artists(sp: Any, k: Known) -> None:
    assert ids(sp.artists(list(k.artists))["artists"]) == list(k.artists)


@case()
def artist_albums(sp: Any, k: Known) -> None:
    # spotipy's default limit is 20: an extended-quota app may ask for it (facts, section D).
    page = sp.artist_albums(k.artist, include_groups="album,single")
    assert page["limit"] == 20
    assert page["items"]
    assert all(album["album_group"] in ("album", "single") for album in page["items"])


@case()
def artist_top_tracks(sp: Any, k: Known) -> None:
    found = sp.artist_top_tracks(k.artist)["tracks"]
    assert found
    assert all(any(a["id"] == k.artist for a in t["artists"]) for t in found)


@case()
def artist_related_artists(sp: Any, k: Known) -> None:
    assert len(sp.artist_related_artists(k.artist)["artists"]) == 20


@case()
def album(sp: Any, k: Known) -> None:
    found = sp.album(k.album, market="US")
    assert found["id"] == k.album
    assert found["tracks"]["items"]


@case()
def album_tracks(sp: Any, k: Known) -> None:
    page = sp.album_tracks(k.album)
    assert page["total"] == len(page["items"]) > 0


@case()
def albums(sp: Any, k: Known) -> None:
    assert ids(sp.albums(list(k.albums))["albums"]) == list(k.albums)


@case()
def show(sp: Any, k: Known) -> None:
    assert sp.show(k.show, market="US")["id"] == k.show


@case()
def shows(sp: Any, k: Known) -> None:
    assert ids(sp.shows(list(k.shows), market="US")["shows"]) == list(k.shows)


@case()
def show_episodes(sp: Any, k: Known) -> None:
    page = sp.show_episodes(k.show, market="US")
    assert page["items"]
    if page["next"]:
        assert sp.next(page)["offset"] == page["limit"]


@case()
def episode(sp: Any, k: Known) -> None:
    assert sp.episode(k.episode, market="US")["id"] == k.episode


@case()
def episodes(sp: Any, k: Known) -> None:
    assert ids(sp.episodes(list(k.episodes), market="US")["episodes"]) == list(k.episodes)


@case()
def get_audiobook(sp: Any, k: Known) -> None:
    assert sp.get_audiobook(k.audiobook, market="US")["id"] == k.audiobook


@case()
def get_audiobooks(sp: Any, k: Known) -> None:
    found = sp.get_audiobooks(list(k.audiobooks), market="US")["audiobooks"]
    assert ids(found) == list(k.audiobooks)


@case()
def get_audiobook_chapters(sp: Any, k: Known) -> None:
    page = sp.get_audiobook_chapters(k.audiobook, market="US", limit=2)
    assert ids(page["items"]) == list(k.chapters)


@case()
def search(sp: Any, k: Known) -> None:
    found = sp.search("love", type="track,artist,album,playlist,show,episode,audiobook")
    for kind in ("tracks", "artists", "albums", "playlists", "shows", "episodes", "audiobooks"):
        assert found[kind]["items"], kind
    assert sp.next(found["tracks"])["tracks"]["offset"] == 10


@case()
def search_markets(sp: Any, k: Known) -> None:
    found = sp.search_markets("night", limit=5, markets=["US", "GB"], total=8)
    assert set(found) == {"US", "GB"}
    assert found["US"]["tracks"]["items"]


@case()
def recommendations(sp: Any, k: Known) -> None:
    found = sp.recommendations(seed_artists=[k.artist], limit=5, country="US")
    assert len(found["tracks"]) == 5


@case()
def recommendation_genre_seeds(sp: Any, k: Known) -> None:
    assert "pop" in sp.recommendation_genre_seeds()["genres"]


@case()
def audio_analysis(sp: Any, k: Known) -> None:
    assert sp.audio_analysis(k.track)["track"]["duration"] > 0


@case()
def audio_features(sp: Any, k: Known) -> None:
    assert ids(sp.audio_features(list(k.tracks))) == list(k.tracks)


@case()
def available_markets(sp: Any, k: Known) -> None:
    assert "US" in sp.available_markets()["markets"]


# -- browse ------------------------------------------------------------------------------------


@case()
def featured_playlists(sp: Any, k: Known) -> None:
    assert sp.featured_playlists(limit=5)["playlists"]["items"]


@case()
def new_releases(sp: Any, k: Known) -> None:
    assert sp.new_releases(limit=5)["albums"]["items"]


@case()
def categories(sp: Any, k: Known) -> None:
    found = sp.categories(limit=50)["categories"]["items"]
    assert {"toplists", "dinner", POP} <= {c["id"] for c in found}


@case()
def category(sp: Any, k: Known) -> None:
    assert sp.category("dinner")["id"] == "dinner"
    assert sp.category("pop")["id"] == "pop"
    assert sp.category(POP)["name"] == "Pop"


@case()
def category_playlists(sp: Any, k: Known) -> None:
    assert sp.category_playlists("workout")["playlists"]["items"]


# -- users and playlists -----------------------------------------------------------------------


@case()
def user(sp: Any, k: Known) -> None:
    assert sp.user(k.other_user)["id"] == k.other_user


@case("me", "current_user")
def me(sp: Any, k: Known) -> None:
    assert sp.me()["id"] == k.user
    assert sp.current_user()["id"] == k.user


@case()
def current_user_playlists(sp: Any, k: Known) -> None:
    page = sp.current_user_playlists(limit=5)
    assert page["items"]
    assert sp.next(page)["offset"] == 5
    assert sp.previous(sp.next(page))["offset"] == 0


@case()
def user_playlists(sp: Any, k: Known) -> None:
    assert sp.user_playlists(k.user)["items"]


@case("playlist", "user_playlist")
def playlist(sp: Any, k: Known) -> None:
    assert sp.playlist(k.playlist)["id"] == k.playlist
    assert sp.playlist(k.playlist, fields="name,id").keys() == {"name", "id"}
    assert sp.user_playlist(k.user, k.playlist)["id"] == k.playlist


@case("playlist_items", "playlist_tracks", "user_playlist_tracks")
def playlist_items(sp: Any, k: Known) -> None:
    page = sp.playlist_items(k.playlist)
    assert page["items"]
    assert sp.playlist_tracks(k.playlist)["total"] == page["total"]
    assert sp.user_playlist_tracks(k.user, k.playlist)["total"] == page["total"]


@case("playlist_cover_image", "playlist_upload_cover_image")
def playlist_cover(sp: Any, k: Known) -> None:
    assert sp.playlist_upload_cover_image(k.playlist, JPEG_B64) is None
    (image,) = sp.playlist_cover_image(k.playlist)
    assert image["height"] is None
    assert image["width"] is None


@case("current_user_playlist_create", "user_playlist_create")
def playlist_create(sp: Any, k: Known) -> None:
    created = sp.current_user_playlist_create("From spotipy", public=False)
    assert created["name"] == "From spotipy"
    assert created["public"] is False
    assert sp.user_playlist_create(k.user, "Also from spotipy")["owner"]["id"] == k.user


@case("playlist_change_details", "user_playlist_change_details")
def playlist_change_details(sp: Any, k: Known) -> None:
    sp.playlist_change_details(k.playlist, name="Renamed", description="by spotipy")
    assert sp.playlist(k.playlist)["name"] == "Renamed"
    sp.user_playlist_change_details(k.user, k.playlist, name="Renamed again")
    assert sp.playlist(k.playlist)["name"] == "Renamed again"


@case(
    "playlist_add_items",
    "user_playlist_add_tracks",
    "user_playlist_add_episodes",
    "playlist_replace_items",
    "user_playlist_replace_tracks",
)
def playlist_add_and_replace(sp: Any, k: Known) -> None:
    sp.playlist_replace_items(k.playlist, [k.tracks[0]])
    sp.playlist_add_items(k.playlist, [f"spotify:track:{k.tracks[1]}"], position=0)
    sp.user_playlist_add_tracks(k.user, k.playlist, [k.tracks[2]])
    sp.user_playlist_add_episodes(k.user, k.playlist, [k.episode])
    got = [item["item"]["id"] for item in sp.playlist_items(k.playlist)["items"]]
    assert got == [k.tracks[1], k.tracks[0], k.tracks[2], k.episode]
    sp.user_playlist_replace_tracks(k.user, k.playlist, [k.tracks[2]])
    assert sp.playlist_items(k.playlist)["total"] == 1


@case("playlist_reorder_items", "user_playlist_reorder_tracks")
def playlist_reorder(sp: Any, k: Known) -> None:
    sp.playlist_replace_items(k.playlist, list(k.tracks))
    snapshot = sp.playlist_reorder_items(k.playlist, range_start=0, insert_before=3)
    assert snapshot["snapshot_id"]
    sp.user_playlist_reorder_tracks(k.user, k.playlist, range_start=0, insert_before=2)
    got = [item["track"]["id"] for item in sp.playlist_items(k.playlist)["items"]]
    assert got == [k.tracks[2], k.tracks[1], k.tracks[0]]


@case(
    "playlist_remove_all_occurrences_of_items",
    "playlist_remove_specific_occurrences_of_items",
    "user_playlist_remove_all_occurrences_of_tracks",
    "user_playlist_remove_specific_occurrences_of_tracks",
)
def playlist_remove(sp: Any, k: Known) -> None:
    t0, t1, t2 = k.tracks
    sp.playlist_replace_items(k.playlist, [t0, t1, t2, t0, t1, t2])
    sp.playlist_remove_all_occurrences_of_items(k.playlist, [t0])
    sp.playlist_remove_specific_occurrences_of_items(
        k.playlist, [{"uri": f"spotify:track:{t1}", "positions": [0]}]
    )
    sp.user_playlist_remove_all_occurrences_of_tracks(k.user, k.playlist, [t2])
    got = [item["track"]["id"] for item in sp.playlist_items(k.playlist)["items"]]
    assert got == [t1]
    sp.user_playlist_remove_specific_occurrences_of_tracks(
        k.user, k.playlist, [{"uri": t1, "positions": [0]}]
    )
    assert sp.playlist_items(k.playlist)["total"] == 0


@case(
    "current_user_follow_playlist",
    "current_user_unfollow_playlist",
    "playlist_is_following",
    "user_playlist_follow_playlist",
    "user_playlist_is_following",
    "user_playlist_unfollow",
)
def playlist_follow(sp: Any, k: Known) -> None:
    uri = f"spotify:playlist:{k.others_playlist}"

    def following() -> list[bool]:
        found: list[bool] = sp.current_user_saved_items([uri])
        return found

    sp.current_user_follow_playlist(k.others_playlist)
    assert following() == [True]
    sp.current_user_unfollow_playlist(k.others_playlist)
    assert following() == [False]
    sp.user_playlist_follow_playlist("someone", k.others_playlist)
    assert following() == [True]
    sp.user_playlist_unfollow(k.user, k.others_playlist)
    assert following() == [False]
    # spotipy 2.26's own bug: playlist_is_following (and user_playlist_is_following, which calls
    # it) pass a str as the warning category and raise before sending anything, on Spotify too.
    with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
        sp.user_playlist_is_following("someone", k.others_playlist, [k.user])
    with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
        sp.playlist_is_following(k.others_playlist, [k.user])


# -- library and follows -----------------------------------------------------------------------


def _library_case(kind: str, objects: Callable[[Known], tuple[str, ...]]) -> None:
    def run(sp: Any, k: Known) -> None:
        wanted = list(objects(k))
        add = getattr(sp, f"current_user_saved_{kind}s_add")
        delete = getattr(sp, f"current_user_saved_{kind}s_delete")
        contains = getattr(sp, f"current_user_saved_{kind}s_contains")
        listed = getattr(sp, f"current_user_saved_{kind}s")
        delete(wanted)
        assert contains(wanted) == [False] * len(wanted)
        add(wanted)
        assert contains(wanted) == [True] * len(wanted)
        page = listed(limit=2)
        assert {item[kind]["id"] for item in page["items"]} == set(wanted)
        assert sp.next(page)["offset"] == 2

    run.__name__ = f"library_{kind}s"
    names = [f"current_user_saved_{kind}s{suffix}" for suffix in ("", "_add", "_delete")]
    case(*names, f"current_user_saved_{kind}s_contains")(run)


_library_case("track", lambda k: k.tracks[:2])
_library_case("album", lambda k: k.albums)
_library_case("episode", lambda k: k.episodes)
_library_case("show", lambda k: k.shows)


@case()
def current_user_saved_items(sp: Any, k: Known) -> None:
    uris = [f"spotify:track:{k.track}", f"spotify:artist:{k.artist}"]
    assert sp.current_user_saved_items(uris) == [False, False]


@case(
    "user_follow_artists",
    "user_unfollow_artists",
    "current_user_following_artists",
    "current_user_followed_artists",
)
def follow_artists(sp: Any, k: Known) -> None:
    sp.user_follow_artists(list(k.artists))
    assert sp.current_user_following_artists(list(k.artists)) == [True, True]
    first = sp.current_user_followed_artists(limit=2)["artists"]
    assert ids(first["items"]) == list(reversed(k.artists))
    assert sp.next(first)["artists"]["items"]
    sp.user_unfollow_artists(list(k.artists))
    assert sp.current_user_following_artists(list(k.artists)) == [False, False]


@case("user_follow_users", "user_unfollow_users", "current_user_following_users")
def follow_users(sp: Any, k: Known) -> None:
    sp.user_follow_users([k.other_user])
    assert sp.current_user_following_users([k.other_user]) == [True]
    sp.user_unfollow_users([k.other_user])
    assert sp.current_user_following_users([k.other_user]) == [False]


@case("current_user_top_artists", "current_user_top_tracks")
def top(sp: Any, k: Known) -> None:
    assert sp.current_user_top_tracks(limit=5, time_range="short_term")["items"]
    assert sp.current_user_top_artists(limit=5)["items"]


@case()
def current_user_recently_played(sp: Any, k: Known) -> None:
    page = sp.current_user_recently_played(limit=10)
    assert len(page["items"]) == 10
    assert any(item["context"] is not None for item in page["items"])
    older = sp.next(page)
    assert older["items"][0]["played_at"] < page["items"][-1]["played_at"]


# -- player ------------------------------------------------------------------------------------


@case()
def devices(sp: Any, k: Known) -> None:
    assert ids(sp.devices()["devices"]) == list(k.devices)


@case(
    "start_playback",
    "current_playback",
    "currently_playing",
    "current_user_playing_track",
    "pause_playback",
    "next_track",
    "previous_track",
    "seek_track",
    "repeat",
    "shuffle",
    "volume",
    "queue",
    "add_to_queue",
    "transfer_playback",
)
def player(sp: Any, k: Known) -> None:
    assert sp.current_playback() is None  # nothing active: 204
    sp.start_playback(device_id=k.devices[0], context_uri=f"spotify:album:{k.album}")
    state = sp.current_playback()
    assert state["is_playing"] is True
    assert state["context"]["uri"] == f"spotify:album:{k.album}"
    assert state["actions"]["disallows"].get("resuming") is True
    assert sp.currently_playing()["item"]["album"]["id"] == k.album
    assert sp.current_user_playing_track()["is_playing"] is True
    sp.next_track()
    sp.previous_track()
    sp.seek_track(1000)
    sp.repeat("context")
    sp.shuffle(True)
    sp.volume(30)
    sp.add_to_queue(f"spotify:track:{k.track}")
    assert sp.queue()["queue"][0]["id"] == k.track
    sp.pause_playback()
    assert sp.current_playback()["is_playing"] is False
    sp.transfer_playback(k.devices[1], force_play=True)
    state = sp.current_playback()
    assert state["device"]["id"] == k.devices[1]
    assert state["shuffle_state"] is True
    assert state["repeat_state"] == "context"
    sp.start_playback(uris=[f"spotify:track:{t}" for t in k.tracks], offset={"position": 1})
    assert sp.currently_playing()["item"]["id"] == k.tracks[1]


# -- the run -----------------------------------------------------------------------------------


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as running:
        yield running


def spotipy_client(emulator: Emulator) -> Any:
    token = emulator.issue_user_token()["access_token"]
    client = spotipy.Spotify(auth=token, retries=0, status_retries=0, requests_timeout=30)
    client.prefix = emulator.base_url + "/"
    return client


@pytest.mark.parametrize(
    "run",
    sorted(set(CASES.values()), key=lambda c: getattr(c, "__name__", "")),
    ids=lambda c: getattr(c, "__name__", repr(c)),
)
async def test_spotipy_case(emulator: Emulator, run: Case) -> None:
    client = spotipy_client(emulator)
    await asyncio.to_thread(run, client, known(emulator))
    assert emulator.stats()["emulator_bugs"] == 0


def test_every_spotipy_method_has_a_case() -> None:
    methods = {
        name
        for name, value in inspect.getmembers(spotipy.Spotify)
        if not name.startswith("_") and (callable(value) or isinstance(value, property))
    }
    assert methods - NOT_OPERATIONS == set(CASES)
