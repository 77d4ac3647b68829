"""``OPERATIONS`` names, for each operation of the spec, the client method that calls it.

Read against ``spec/openapi.yml``: every operation has a method, every method exists, every
public endpoint method is reachable from an operation (or is a documented alias), and each
method, called for real against the recording server, sends its operation's HTTP method to a
path of its operation's template. It warns if and only if what it sends is gone for the app's
mode: never for an extended-quota app (Spotify kept every endpoint for them), and for a
development-mode app exactly when it sends an operation Spotify deprecated (removed for them).
"""

from __future__ import annotations

import inspect
import re
import warnings
from pathlib import Path

import pytest
import yaml

from async_spotify import ClientCredentialsFlow, InvalidInputError, SpotifyApiClient
from async_spotify.api._endpoints.urls import URLS
from async_spotify.app_mode import NOVEMBER_2024_REMOVALS as NOVEMBER_2024
from async_spotify.endpoints import Endpoint
from async_spotify.operations import COMPATIBILITY_ALIASES, OPERATIONS
from async_spotify.transport.retry import RetryPolicy
from async_spotify.validation import limit_bounds
from tests.endpoints import recording

# the recording server's fixtures (see tests/endpoints/recording.py)
recorder = recording.recorder
make_recorded_client = recording.make_recorded_client


@pytest.fixture
async def recorded_client(make_recorded_client):
    """A client that does not retry: each method's first request is its operation (with
    retries on, ``playlists.add_items`` first reads the playlist's version)."""
    return await make_recorded_client(retry_policy=RetryPolicy.none())


SPEC = yaml.safe_load((Path(__file__).parents[1] / "spec" / "openapi.yml").read_text("utf-8"))
HTTP_METHODS = ("get", "put", "post", "delete")
SPEC_OPERATIONS = {
    operation["operationId"]: (method.upper(), path, bool(operation.get("deprecated")))
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in HTTP_METHODS
}

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"
ARTIST = "0TnOYISbd1XYRBk9myaseg"
AUDIOBOOK = "7iHfbu1YPACw6oZPAFJtqe"
CHAPTER = "0D5wENdkdwbqlrHoaJ9g29"
EPISODE = "512ojhOuo1ktJprKbVcKyQ"
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
SHOW = "38bS44xjbVVZ3No3ByF1dJ"
TRACK = "6rqhFgbbKwnb9MLmUQDhG6"
TRACK_URI = f"spotify:track:{TRACK}"
DEVICE = "0d1841b0976bae2a3a310dd74c0f3df354899bc8"

#: Arguments that make each operation's method send a valid request: (args, kwargs).
SAMPLE_CALLS: dict[str, tuple[tuple, dict]] = {
    "get-an-album": ((ALBUM,), {}),
    "get-multiple-albums": (([ALBUM],), {}),
    "get-an-albums-tracks": ((ALBUM,), {}),
    "get-an-artist": ((ARTIST,), {}),
    "get-multiple-artists": (([ARTIST],), {}),
    "get-an-artists-albums": ((ARTIST,), {}),
    "get-an-artists-top-tracks": ((ARTIST, "US"), {}),
    "get-an-artists-related-artists": ((ARTIST,), {}),
    "get-an-audiobook": ((AUDIOBOOK,), {}),
    "get-multiple-audiobooks": (([AUDIOBOOK],), {}),
    "get-audiobook-chapters": ((AUDIOBOOK,), {}),
    "get-users-saved-audiobooks": ((), {}),
    "save-audiobooks-user": (([AUDIOBOOK],), {}),
    "remove-audiobooks-user": (([AUDIOBOOK],), {}),
    "check-users-saved-audiobooks": (([AUDIOBOOK],), {}),
    "get-new-releases": ((), {}),
    "get-featured-playlists": ((), {}),
    "get-categories": ((), {}),
    "get-a-category": (("party",), {}),
    "get-a-categories-playlists": (("party",), {}),
    "get-recommendations": ((), {"seed_genres": ["rock"]}),
    "get-recommendation-genres": ((), {}),
    "get-a-chapter": ((CHAPTER,), {}),
    "get-several-chapters": (([CHAPTER],), {}),
    "get-an-episode": ((EPISODE,), {}),
    "get-multiple-episodes": (([EPISODE],), {}),
    "get-followed": ((), {}),
    "follow-artists-users": (("artist", [ARTIST]), {}),
    "unfollow-artists-users": (("artist", [ARTIST]), {}),
    "check-current-user-follows": (("artist", [ARTIST]), {}),
    "check-if-user-follows-playlist": ((PLAYLIST, ["wizzler"]), {}),
    "follow-playlist": ((PLAYLIST,), {}),
    "unfollow-playlist": ((PLAYLIST,), {}),
    "save-library-items": (([TRACK_URI],), {}),
    "remove-library-items": (([TRACK_URI],), {}),
    "check-library-contains": (([TRACK_URI],), {}),
    "get-users-saved-albums": ((), {}),
    "save-albums-user": (([ALBUM],), {}),
    "remove-albums-user": (([ALBUM],), {}),
    "check-users-saved-albums": (([ALBUM],), {}),
    "get-users-saved-tracks": ((), {}),
    "save-tracks-user": (([TRACK],), {}),
    "remove-tracks-user": (([TRACK],), {}),
    "check-users-saved-tracks": (([TRACK],), {}),
    "get-users-saved-episodes": ((), {}),
    "save-episodes-user": (([EPISODE],), {}),
    "remove-episodes-user": (([EPISODE],), {}),
    "check-users-saved-episodes": (([EPISODE],), {}),
    "get-users-saved-shows": ((), {}),
    "save-shows-user": (([SHOW],), {}),
    "remove-shows-user": (([SHOW],), {}),
    "check-users-saved-shows": (([SHOW],), {}),
    "get-available-markets": ((), {}),
    "get-users-top-artists": ((), {}),
    "get-users-top-tracks": ((), {}),
    "get-information-about-the-users-current-playback": ((), {}),
    "transfer-a-users-playback": ((DEVICE,), {}),
    "get-a-users-available-devices": ((), {}),
    "get-the-users-currently-playing-track": ((), {}),
    "start-a-users-playback": ((), {"uris": [TRACK_URI]}),
    "pause-a-users-playback": ((), {}),
    "skip-users-playback-to-next-track": ((), {}),
    "skip-users-playback-to-previous-track": ((), {}),
    "seek-to-position-in-currently-playing-track": ((1000,), {}),
    "set-repeat-mode-on-users-playback": (("off",), {}),
    "set-volume-for-users-playback": ((50,), {}),
    "toggle-shuffle-for-users-playback": ((True,), {}),
    "get-recently-played": ((), {}),
    "get-queue": ((), {}),
    "add-to-queue": ((TRACK_URI,), {}),
    "get-playlist": ((PLAYLIST,), {}),
    "change-playlist-details": ((PLAYLIST,), {"name": "New name"}),
    "get-playlists-items": ((PLAYLIST,), {}),
    "add-items-to-playlist": ((PLAYLIST, [TRACK_URI]), {}),
    "reorder-or-replace-playlists-items": ((PLAYLIST, 0, 2), {}),
    "remove-items-playlist": ((PLAYLIST, [TRACK_URI]), {}),
    "get-playlists-tracks": ((PLAYLIST,), {}),
    "add-tracks-to-playlist": ((PLAYLIST, [TRACK_URI]), {}),
    "reorder-or-replace-playlists-tracks": ((PLAYLIST, {"range_start": 0, "insert_before": 2}), {}),
    "remove-tracks-playlist": ((PLAYLIST, {"tracks": [{"uri": TRACK_URI}]}), {}),
    "get-a-list-of-current-users-playlists": ((), {}),
    "get-list-users-playlists": (("wizzler",), {}),
    "create-playlist": (("Road trip",), {}),
    "create-playlist-for-user": (("wizzler", "Road trip"), {}),
    "get-playlist-cover": ((PLAYLIST,), {}),
    "upload-custom-playlist-cover": ((PLAYLIST, b"/9j/4AAQSkZJRgABAQ=="), {}),
    "search": (("queen", ["track"]), {}),
    "get-a-show": ((SHOW,), {}),
    "get-multiple-shows": (([SHOW],), {}),
    "get-a-shows-episodes": ((SHOW,), {}),
    "get-track": ((TRACK,), {}),
    "get-several-tracks": (([TRACK],), {}),
    "get-audio-features": ((TRACK,), {}),
    "get-several-audio-features": (([TRACK],), {}),
    "get-audio-analysis": ((TRACK,), {}),
    "get-current-users-profile": ((), {}),
    "get-users-profile": (("wizzler",), {}),
}


def method_of(client: SpotifyApiClient, dotted: str):
    group, _, name = dotted.partition(".")
    return getattr(getattr(client, group), name)


def offline_client() -> SpotifyApiClient:
    return SpotifyApiClient(ClientCredentialsFlow("client-id", "client-secret"))


def public_endpoint_methods(client: SpotifyApiClient) -> set[str]:
    found = set()
    for group, endpoint in vars(client).items():
        if isinstance(endpoint, Endpoint):
            for name, _ in inspect.getmembers(type(endpoint), inspect.iscoroutinefunction):
                if not name.startswith("_"):
                    found.add(f"{group}.{name}")
    return found


def path_pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(template)))


def fake_answer(request):
    """A 2xx body of the shape each kind of operation returns."""
    listed = request.query.get("ids") or request.query.get("uris") or "one"
    count = len(listed.split(","))
    if request.path.endswith("/contains"):
        return 200, [True] * count
    if request.path.endswith("/images") and request.method == "GET":
        return 200, [{"url": "https://i.scdn.co/image/x", "height": None, "width": None}]
    if request.method == "GET" and "ids" in request.query:
        return 200, {request.path.rsplit("/", 1)[1].replace("-", "_"): [{}] * count}
    return 200, {"snapshot_id": "snapshot-1", "id": PLAYLIST, "items": [], "total": 0}


def test_every_operation_of_the_spec_has_a_method():
    assert len(SPEC_OPERATIONS) == 97
    assert sorted(OPERATIONS) == sorted(SPEC_OPERATIONS)


def test_each_operation_has_its_own_method():
    methods = list(OPERATIONS.values())
    assert len(set(methods)) == len(methods)


def test_every_mapped_method_exists_on_a_client():
    client = offline_client()
    for dotted in [*OPERATIONS.values(), *COMPATIBILITY_ALIASES]:
        assert inspect.iscoroutinefunction(method_of(client, dotted)), dotted


def test_every_public_endpoint_method_is_mapped_or_a_documented_alias():
    public = public_endpoint_methods(offline_client())
    mapped = set(OPERATIONS.values()) | set(COMPATIBILITY_ALIASES)

    assert public - mapped == set(), "public methods no operation maps to"
    assert mapped - public == set(), "mapped names that are not public endpoint methods"


def test_aliases_call_operations_of_the_spec_and_are_not_mapped_themselves():
    for alias, operation_ids in COMPATIBILITY_ALIASES.items():
        assert alias not in OPERATIONS.values()
        assert set(operation_ids) <= set(SPEC_OPERATIONS), alias


def test_there_is_a_sample_call_for_every_operation():
    assert sorted(SAMPLE_CALLS) == sorted(SPEC_OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
async def test_the_method_sends_its_operation(recorder, recorded_client, operation_id):
    http_method, template, deprecated = SPEC_OPERATIONS[operation_id]
    args, kwargs = SAMPLE_CALLS[operation_id]
    recorder.responder = fake_answer
    call = method_of(recorded_client, OPERATIONS[operation_id])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await call(*args, **kwargs)

    method, path = recorder.calls[0]
    assert (method, path) == (http_method, path) and path_pattern(template).fullmatch(path), (
        f"{OPERATIONS[operation_id]} sent {method} {path}, not {http_method} {template}"
    )
    # an extended-quota app keeps every endpoint, deprecated in the spec or not: nothing to warn
    assert [str(w.message) for w in caught] == [], deprecated


def removed_for_development_apps(method: str, path: str) -> str | None:
    """The deprecated operation a request is, if any (gone for development-mode apps)."""
    for operation_id, (http_method, template, deprecated) in SPEC_OPERATIONS.items():
        same_route = http_method == method and path_pattern(template).fullmatch(path.rstrip("/"))
        if same_route and deprecated:
            return operation_id
    return None


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
async def test_a_development_app_is_warned_exactly_when_it_sends_what_spotify_removed(
    recorder, make_recorded_client, operation_id
):
    client = await make_recorded_client(retry_policy=RetryPolicy.none(), app_mode="development")
    args, kwargs = SAMPLE_CALLS[operation_id]
    recorder.responder = fake_answer
    call = method_of(client, OPERATIONS[operation_id])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await call(*args, **kwargs)

    removed = {removed_for_development_apps(method, path) for method, path in recorder.calls}
    removed.discard(None)
    messages = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    if not removed:  # the method used what development-mode apps still have: no warning
        assert messages == [], recorder.calls
        return
    (sent,) = removed
    http_method, template, _ = SPEC_OPERATIONS[sent]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{OPERATIONS[operation_id]} calls {http_method} {template}, ")
    assert ("on 2024-11-27" if sent in NOVEMBER_2024 else "2026-03-09") in messages[0]
    warned = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert all(w.filename == __file__ for w in warned), "the warning must point at the caller"


def urls_constants():
    for group in [URLS, *(value for value in vars(URLS).values() if isinstance(value, type))]:
        for name, value in vars(group).items():
            if name.isupper() and isinstance(value, str):
                yield f"{group.__name__}.{name}", value


@pytest.mark.parametrize(("name", "url"), list(urls_constants()))
def test_the_compatibility_urls_are_paths_of_the_spec(name, url):
    if name in ("URLS.AUTHORIZE", "URLS.REFRESH"):
        assert url.startswith("https://accounts.spotify.com/")
        return
    assert url.startswith("https://api.spotify.com/v1/")
    path = url.removeprefix("https://api.spotify.com/v1").split("?")[0]
    templates = {template for _, template, _ in SPEC_OPERATIONS.values()}
    assert any(
        path_pattern(template).fullmatch(
            path.format(id="x", category_id="x", user_id="x", playlist_id="x", type="tracks")
        )
        for template in templates
    ), name


# -- bad input is refused before anything is sent ----------------------------------------------

#: Parameters that carry Spotify ids, URIs or URLs: one (``album_id``) or several (``uris``).
ID_PARAMETER = re.compile(r"(^|_)(id|ids|id_list|uris|uris_or_items)$")
#: Parameters that carry several of them.
LIST_PARAMETER = re.compile(r"(^|_)(ids|id_list|uris|uris_or_items)$")


def id_parameters(call) -> list[str]:
    return [name for name in inspect.signature(call).parameters if ID_PARAMETER.search(name)]


def takes_ids(operation_id: str) -> bool:
    return bool(id_parameters(method_of(offline_client(), OPERATIONS[operation_id])))


def refused_call(call, operation_id: str, **replaced: object):
    """The sample call of ``operation_id`` with some arguments replaced by bad values."""
    args, kwargs = SAMPLE_CALLS[operation_id]
    bound = inspect.signature(call).bind(*args, **kwargs)
    for name, value in replaced.items():
        if name in inspect.signature(call).parameters:
            bound.arguments[name] = value
        else:
            bound.arguments.setdefault("kwargs", {})[name] = value
    return call(*bound.args, **bound.kwargs)


async def assert_refused_unsent(recorder, awaitable, shown: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # some warn before they check
        with pytest.raises(InvalidInputError) as caught:
            await awaitable
    assert shown in str(caught.value.text), caught.value.text
    assert recorder.requests == []


def test_the_operations_without_an_id_argument_are_these():
    """So that a new method with an id argument cannot slip past the walk below."""
    assert {OPERATIONS[op] for op in SPEC_OPERATIONS if not takes_ids(op)} == {
        "audiobooks.get_saved",
        "browse.get_categories",
        "browse.get_featured_playlists",
        "browse.get_genre_seeds",
        "browse.get_new_releases",
        "browse.get_recommendations",
        "follow.get_followed_artist",
        "library.get_albums",
        "library.get_episodes",
        "library.get_shows",
        "library.get_tracks",
        "markets.get_available",
        "personalization.get_top_artists",
        "personalization.get_top_tracks",
        "player.get_current_track",
        "player.get_devices",
        "player.get_playback",
        "player.get_queue",
        "player.get_recent_tracks",
        "player.next",
        "player.pause",
        "player.play",
        "player.previous",
        "player.repeat",
        "player.seek",
        "player.shuffle",
        "player.volume",
        "playlists.create",
        "playlists.current_get_all",
        "search.start",
        "user.me",
    }


@pytest.mark.parametrize("operation_id", [op for op in sorted(SPEC_OPERATIONS) if takes_ids(op)])
async def test_an_int_for_the_first_id_is_refused_before_sending(
    recorder, recorded_client, operation_id
):
    call = method_of(recorded_client, OPERATIONS[operation_id])
    first = id_parameters(call)[0]
    await assert_refused_unsent(recorder, refused_call(call, operation_id, **{first: 123}), "123")


@pytest.mark.parametrize(
    "operation_id",
    [
        op
        for op in sorted(SPEC_OPERATIONS)
        if takes_ids(op)
        and any(
            LIST_PARAMETER.search(name)
            for name in id_parameters(method_of(offline_client(), OPERATIONS[op]))
        )
    ],
)
async def test_a_dict_for_a_list_of_ids_is_refused_before_sending(
    recorder, recorded_client, operation_id
):
    call = method_of(recorded_client, OPERATIONS[operation_id])
    listed = next(name for name in id_parameters(call) if LIST_PARAMETER.search(name))
    bad = {"spotify:track:x": ALBUM}
    await assert_refused_unsent(
        recorder, refused_call(call, operation_id, **{listed: bad}), "spotify:track:x"
    )


def takes_limit(operation_id: str) -> bool:
    try:
        limit_bounds(operation_id)
    except KeyError:
        return False
    return True


@pytest.mark.parametrize("bad_limit", ["5", True, 5.0], ids=["str", "bool", "float"])
@pytest.mark.parametrize("operation_id", [op for op in sorted(SPEC_OPERATIONS) if takes_limit(op)])
async def test_a_limit_that_is_not_an_int_is_refused_before_sending(
    recorder, recorded_client, operation_id, bad_limit
):
    call = method_of(recorded_client, OPERATIONS[operation_id])
    awaitable = refused_call(call, operation_id, limit=bad_limit)
    await assert_refused_unsent(recorder, awaitable, repr(bad_limit))


DOCUMENTED_ROUTE = re.compile(r"``(GET|PUT|POST|DELETE) /[^`]*``")
SCOPE_NAMES = sorted(
    SPEC["components"]["securitySchemes"]["oauth_2_0"]["flows"]["authorizationCode"]["scopes"]
)


@pytest.mark.parametrize("dotted", sorted({*OPERATIONS.values(), *COMPATIBILITY_ALIASES}))
def test_every_method_docstring_names_its_route_and_scopes(dotted):
    """A reader finds what an operation sends and which scopes it needs in its docstring."""
    doc = inspect.getdoc(method_of(offline_client(), dotted)) or ""
    assert DOCUMENTED_ROUTE.search(doc), f"{dotted}: no ``METHOD /path`` in its docstring"
    assert "any token" in doc or any(f"``{scope}" in doc for scope in SCOPE_NAMES), (
        f"{dotted}: its docstring names no scope (or 'any token')"
    )
