"""Checking request parameters against the spec before sending (async_spotify.validation)."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InvalidInputError
from async_spotify.validation import check_body, check_query, limit_bounds, max_items

ID = "6rqhFgbbKwnb9MLmUQDhG6"


def _refused(operation_id: str, query: dict[str, object]) -> str:
    with pytest.raises(InvalidInputError) as error:
        check_query(operation_id, query)
    return error.value.text


def _refused_body(operation_id: str, body: dict[str, object]) -> str:
    with pytest.raises(InvalidInputError) as error:
        check_body(operation_id, body)
    return error.value.text


@pytest.mark.parametrize(
    ("operation_id", "query"),
    [
        ("get-an-albums-tracks", {"limit": 1, "offset": 0, "market": "US"}),
        ("get-an-albums-tracks", {"limit": 50, "offset": 10_000, "market": "from_token"}),
        ("search", {"q": "abba", "type": "album,track", "limit": 10, "offset": 1000}),
        ("search", {"q": "abba", "type": ["artist"], "include_external": "audio"}),
        ("search", {"q": "abba", "type": ("show", "episode", "audiobook", "playlist")}),
        ("get-an-artists-albums", {"include_groups": "album,single,appears_on,compilation"}),
        ("get-an-artists-albums", {"include_groups": ["compilation"], "limit": 10}),
        ("get-playlist", {"additional_types": "track,episode", "fields": "items(track(name))"}),
        ("get-users-top-tracks", {"time_range": "short_term", "limit": 50}),
        ("set-repeat-mode-on-users-playback", {"state": "context", "device_id": "abc"}),
        ("toggle-shuffle-for-users-playback", {"state": False}),
        ("set-volume-for-users-playback", {"volume_percent": 0}),
        ("set-volume-for-users-playback", {"volume_percent": 100}),
        ("seek-to-position-in-currently-playing-track", {"position_ms": 0}),
        ("get-multiple-albums", {"ids": ",".join([ID] * 20)}),
        ("get-multiple-albums", {"ids": [ID] * 20}),
        ("save-library-items", {"uris": [f"spotify:track:{ID}"] * 40}),
        ("get-recently-played", {"after": 1_700_000_000_000, "limit": 50}),
        ("get-recently-played", {"before": 0}),
        ("get-recommendations", {"seed_artists": [ID] * 2, "seed_tracks": f"{ID},{ID},{ID}"}),
        ("get-recommendations", {"target_energy": 1, "min_tempo": 120.5, "max_key": 11}),
        ("get-a-list-of-current-users-playlists", {"offset": 100_000}),
        ("get-followed", {"type": "artist", "after": ID, "limit": 20}),
        ("follow-artists-users", {"type": "user"}),
    ],
)
def test_valid_queries_pass(operation_id: str, query: dict[str, object]) -> None:
    check_query(operation_id, query)


def test_unknown_parameters_pass_through_and_none_means_not_given() -> None:
    check_query("get-new-releases", {"country": "SE", "whatever": object(), "limit": None})
    check_query("get-an-album", {"market": None})


def test_required_parameters_are_left_to_the_method() -> None:
    """Methods check before they add the ids they chunk: a missing ``ids`` is not an error."""
    check_query("get-multiple-albums", {"market": "US"})
    check_query("search", {})


@pytest.mark.parametrize(
    ("operation_id", "query", "message"),
    [
        (
            "get-an-albums-tracks",
            {"limit": 0},
            "get-an-albums-tracks: limit=0 is out of range; expected an integer from 1 to 50",
        ),
        (
            "get-an-albums-tracks",
            {"limit": 51},
            "get-an-albums-tracks: limit=51 is out of range; expected an integer from 1 to 50",
        ),
        (
            "search",
            {"limit": 51},
            "search: limit=51 is out of range; expected an integer from 1 to 50",
        ),
        (
            "get-an-artists-albums",
            {"limit": 0},
            "get-an-artists-albums: limit=0 is out of range; expected an integer from 1 to 50",
        ),
        (
            "get-playlists-tracks",
            {"limit": 101},
            "get-playlists-tracks: limit=101 is out of range; expected an integer from 1 to 100",
        ),
        (
            "get-an-albums-tracks",
            {"limit": True},
            "get-an-albums-tracks: limit=True is a bool; expected an integer from 1 to 50",
        ),
        (
            "get-an-albums-tracks",
            {"limit": 20.0},
            "get-an-albums-tracks: limit=20.0 is a float; expected an integer from 1 to 50",
        ),
        (
            "get-an-albums-tracks",
            {"limit": "20"},
            "get-an-albums-tracks: limit='20' is a str; expected an integer from 1 to 50",
        ),
        (
            "get-an-albums-tracks",
            {"offset": -1},
            "get-an-albums-tracks: offset=-1 is out of range; expected an integer >= 0",
        ),
        (
            "search",
            {"offset": 1001},
            "search: offset=1001 is out of range; expected an integer from 0 to 1000",
        ),
        (
            "get-a-list-of-current-users-playlists",
            {"offset": 100_001},
            "get-a-list-of-current-users-playlists: offset=100001 is out of range; "
            "expected an integer from 0 to 100000",
        ),
        (
            "get-an-album",
            {"market": "us"},
            "get-an-album: market='us' is not a market; expected an ISO 3166-1 alpha-2 "
            "country code in capitals, such as 'US', or 'from_token'",
        ),
        ("get-an-album", {"market": "USA"}, "get-an-album: market='USA' is not a market;"),
        ("get-an-album", {"market": "ZZ"}, "get-an-album: market='ZZ' is not a market;"),
        ("get-an-album", {"market": "FROM_TOKEN"}, "get-an-album: market='FROM_TOKEN' is not"),
        ("get-an-album", {"market": 1}, "get-an-album: market=1 is an int;"),
        ("get-an-album", {"market": ["US"]}, "get-an-album: market=['US'] is a list;"),
        (
            "get-users-top-artists",
            {"time_range": "year"},
            "get-users-top-artists: time_range='year' is not allowed; "
            "expected one of long_term, medium_term, short_term",
        ),
        (
            "get-an-artists-albums",
            {"include_groups": "album,ep"},
            "get-an-artists-albums: include_groups='album,ep' holds 'ep', which is not allowed; "
            "expected a comma-separated str or a list of str from album, single, appears_on, "
            "compilation",
        ),
        (
            "get-an-artists-albums",
            {"include_groups": "album, single"},
            "get-an-artists-albums: include_groups='album, single' holds ' single', which is not",
        ),
        (
            "get-an-artists-albums",
            {"include_groups": {"album"}},
            "get-an-artists-albums: include_groups={'album'} is a set;",
        ),
        (
            "get-playlist",
            {"additional_types": ["track", "podcast"]},
            "get-playlist: additional_types=['track', 'podcast'] holds 'podcast', which is not",
        ),
        (
            "search",
            {"type": "albums"},
            "search: type='albums' holds 'albums', which is not allowed; expected a "
            "comma-separated str or a list of str from album, artist, playlist, track, show, "
            "episode, audiobook",
        ),
        (
            "search",
            {"include_external": "video"},
            "search: include_external='video' is not allowed; expected one of audio",
        ),
        (
            "seek-to-position-in-currently-playing-track",
            {"position_ms": -1},
            "seek-to-position-in-currently-playing-track: position_ms=-1 is out of range; "
            "expected an integer >= 0",
        ),
        (
            "set-volume-for-users-playback",
            {"volume_percent": 101},
            "set-volume-for-users-playback: volume_percent=101 is out of range; "
            "expected an integer from 0 to 100",
        ),
        (
            "set-repeat-mode-on-users-playback",
            {"state": "on"},
            "set-repeat-mode-on-users-playback: state='on' is not allowed; "
            "expected one of track, context, off",
        ),
        (
            "toggle-shuffle-for-users-playback",
            {"state": "true"},
            "toggle-shuffle-for-users-playback: state='true' is a str; expected True or False",
        ),
        (
            "toggle-shuffle-for-users-playback",
            {"state": 1},
            "toggle-shuffle-for-users-playback: state=1 is an int; expected True or False",
        ),
        (
            "get-multiple-albums",
            {"ids": [ID] * 21},
            f"get-multiple-albums: ids=[{ID!r}, {ID!r}, {ID!r}, {ID!r}, ...] has 21 items; "
            "expected a comma-separated str or a list of str, at most 20",
        ),
        (
            "get-multiple-albums",
            {"ids": ",".join([ID] * 21)},
            f"get-multiple-albums: ids='{ID},{ID},6...G6,{ID},{ID}' has 21 items; "
            "expected a comma-separated str or a list of str, at most 20",
        ),
        (
            "get-multiple-albums",
            {"ids": [ID, 5]},
            f"get-multiple-albums: ids=[{ID!r}, 5] holds 5, not a str; "
            "expected a comma-separated str or a list of str, at most 20",
        ),
        (
            "save-library-items",
            {"uris": ["x"] * 41},
            "save-library-items: uris=['x', 'x', 'x', 'x', ...] has 41 items; "
            "expected a comma-separated str or a list of str, at most 40",
        ),
        (
            "get-recently-played",
            {"after": 1, "before": 2},
            "get-recently-played: after=1 and before=2 were both given; expected one of them",
        ),
        (
            "get-recently-played",
            {"after": -5},
            "get-recently-played: after=-5 is out of range; expected an integer >= 0",
        ),
        (
            "get-recommendations",
            {"seed_artists": [ID] * 3, "seed_genres": "rock,pop,jazz"},
            f"get-recommendations: seed_artists={[ID] * 3!r}, seed_genres='rock,pop,jazz' "
            "are 6 seeds; expected at most 5 in all",
        ),
        (
            "get-recommendations",
            {"seed_tracks": [ID] * 6},
            f"get-recommendations: seed_tracks=[{ID!r}, {ID!r}, {ID!r}, {ID!r}, ...] has 6 "
            "items; expected a comma-separated str or a list of str, at most 5",
        ),
        (
            "get-recommendations",
            {"target_energy": 1.5},
            "get-recommendations: target_energy=1.5 is out of range; "
            "expected a finite number from 0 to 1",
        ),
        (
            "get-recommendations",
            {"target_tempo": math.nan},
            "get-recommendations: target_tempo=nan is out of range; expected a finite number",
        ),
        (
            "get-recommendations",
            {"target_tempo": math.inf},
            "get-recommendations: target_tempo=inf is out of range;",
        ),
        (
            "get-recommendations",
            {"target_energy": False},
            "get-recommendations: target_energy=False is a bool;",
        ),
        (
            "get-followed",
            {"type": "user"},
            "get-followed: type='user' is not allowed; expected one of artist",
        ),
        ("get-followed", {"after": 5}, "get-followed: after=5 is an int; expected a str"),
        ("add-to-queue", {"uri": ["spotify:track:x"]}, "add-to-queue: uri=['spotify:track:x'] is"),
    ],
)
def test_invalid_queries_are_refused_with_the_parameter_and_value(
    operation_id: str, query: dict[str, object], message: str
) -> None:
    assert _refused(operation_id, query).startswith(message)


def test_an_unknown_operation_is_a_bug_of_the_caller() -> None:
    with pytest.raises(KeyError):
        check_query("get-an-albums", {})


@pytest.mark.parametrize(
    ("operation_id", "body"),
    [
        ("transfer-a-users-playback", {"device_ids": ["abc"], "play": True}),
        (
            "start-a-users-playback",
            {"context_uri": f"spotify:album:{ID}", "offset": {"position": 5}, "position_ms": 0},
        ),
        ("start-a-users-playback", {"uris": (f"spotify:track:{ID}",)}),
        ("reorder-or-replace-playlists-items", {"range_start": 0, "insert_before": 3}),
        ("reorder-or-replace-playlists-items", {"uris": [f"spotify:track:{ID}"] * 100}),
        ("remove-items-playlist", {"items": [{"uri": f"spotify:track:{ID}"}] * 100}),
        ("create-playlist", {"name": "Mix", "public": False, "collaborative": True}),
        ("save-tracks-user", {"timestamped_ids": [{"id": ID, "added_at": "2024-01-01T00:00:00Z"}]}),
        ("change-playlist-details", {"description": "x", "unknown": 1}),
    ],
)
def test_valid_bodies_pass(operation_id: str, body: dict[str, object]) -> None:
    check_body(operation_id, body)


@pytest.mark.parametrize(
    ("operation_id", "body", "message"),
    [
        (
            "transfer-a-users-playback",
            {"device_ids": ["a", "b"]},
            "transfer-a-users-playback: device_ids=['a', 'b'] has 2 items; "
            "expected a list of str, at most 1",
        ),
        (
            "transfer-a-users-playback",
            {"device_ids": "abc"},
            "transfer-a-users-playback: device_ids='abc' is a str; expected a list of str",
        ),
        (
            "transfer-a-users-playback",
            {"play": "yes"},
            "transfer-a-users-playback: play='yes' is a str; expected True or False",
        ),
        (
            "start-a-users-playback",
            {"position_ms": -10},
            "start-a-users-playback: position_ms=-10 is out of range; expected an integer >= 0",
        ),
        (
            "start-a-users-playback",
            {"offset": 5},
            "start-a-users-playback: offset=5 is an int; expected a mapping (a JSON object)",
        ),
        (
            "reorder-or-replace-playlists-items",
            {"range_length": 0},
            "reorder-or-replace-playlists-items: range_length=0 is out of range; "
            "expected an integer >= 1",
        ),
        (
            "reorder-or-replace-playlists-items",
            {"uris": ["spotify:track:x"] * 101},
            "reorder-or-replace-playlists-items: uris=['spotify:track:x', 'spotify:track:x', "
            "'spotify:track:x', 'spotify:track:x', ...] has 101 items; "
            "expected a list of str, at most 100",
        ),
        (
            "remove-items-playlist",
            {"items": [f"spotify:track:{ID}"]},
            f"remove-items-playlist: items=['spotify:track:{ID}'] holds 'spotify:track:{ID}', "
            "not a mapping; expected a list of objects, at most 100",
        ),
        ("create-playlist", {"name": 5}, "create-playlist: name=5 is an int; expected a str"),
        ("add-items-to-playlist", {"position": -1}, "add-items-to-playlist: position=-1 is out"),
    ],
)
def test_invalid_bodies_are_refused(
    operation_id: str, body: dict[str, object], message: str
) -> None:
    assert _refused_body(operation_id, body).startswith(message)


@pytest.mark.parametrize(
    ("operation_id", "param", "location", "expected"),
    [
        ("get-multiple-albums", "ids", None, 20),
        ("get-several-tracks", "ids", None, 50),
        ("get-several-audio-features", "ids", None, 100),
        ("save-albums-user", "ids", None, 20),  # the spec: 20 in the query, 50 in the body
        ("save-albums-user", "ids", "query", 20),
        ("save-albums-user", "ids", "body", 50),
        ("save-tracks-user", "ids", None, 50),
        ("save-tracks-user", "timestamped_ids", "body", 50),
        ("save-library-items", "uris", None, 40),
        ("check-library-contains", "uris", None, 40),
        ("add-items-to-playlist", "uris", None, 100),
        ("remove-items-playlist", "items", None, 100),
        ("transfer-a-users-playback", "device_ids", None, 1),
        ("check-if-user-follows-playlist", "ids", None, 1),
        ("get-recommendations", "seed_genres", None, 5),
    ],
)
def test_max_items(operation_id: str, param: str, location: str | None, expected: int) -> None:
    assert max_items(operation_id, param, location) == expected


def test_max_items_of_a_parameter_without_a_maximum_is_a_bug_of_the_caller() -> None:
    with pytest.raises(KeyError, match="start-a-users-playback has no 'uris' parameter"):
        max_items("start-a-users-playback", "uris")
    with pytest.raises(KeyError):
        max_items("save-tracks-user", "ids", "query")  # ids went to the body in 2025


@pytest.mark.parametrize(
    ("operation_id", "expected"),
    [
        ("search", (5, 10)),
        ("get-an-artists-albums", (5, 10)),
        ("get-an-albums-tracks", (20, 50)),
        ("get-playlists-tracks", (20, 100)),
        ("get-playlists-items", (20, 50)),
        ("get-recommendations", (20, 100)),
        ("get-followed", (20, 50)),
        ("get-recently-played", (20, 50)),
    ],
)
def test_limit_bounds(operation_id: str, expected: tuple[int, int]) -> None:
    assert limit_bounds(operation_id, "development") == expected


def test_development_apps_have_the_2026_limits() -> None:
    for operation_id in ("search", "get-an-artists-albums"):
        check_query(operation_id, {"limit": 10}, "development")
        with pytest.raises(InvalidInputError, match=r"limit=11 is out of range; expected .* 10"):
            check_query(operation_id, {"limit": 11}, "development")


@pytest.mark.parametrize(
    ("operation_id", "expected"),
    [("search", (20, 50)), ("get-an-artists-albums", (20, 50)), ("get-playlists-items", (20, 50))],
)
def test_extended_quota_apps_keep_the_limits_of_before_2026(
    operation_id: str, expected: tuple[int, int]
) -> None:
    assert limit_bounds(operation_id) == expected
    assert limit_bounds(operation_id, "extended") == expected
    check_query(operation_id, {"limit": expected[1]})
    with pytest.raises(InvalidInputError, match=f"limit={expected[1] + 1} is out of range"):
        check_query(operation_id, {"limit": expected[1] + 1})


def test_limit_bounds_of_an_operation_without_limit_is_a_bug_of_the_caller() -> None:
    with pytest.raises(KeyError, match="get-an-album takes no limit"):
        limit_bounds("get-an-album")


#: The "Max ids/uris per request" column of the facts file (spotify_api_facts.md, section 1).
FACTS_MAX_ITEMS = {
    ("get-multiple-albums", "ids", "query"): 20,
    ("get-multiple-artists", "ids", "query"): 50,
    ("get-multiple-shows", "ids", "query"): 50,
    ("get-multiple-episodes", "ids", "query"): 50,
    ("get-multiple-audiobooks", "ids", "query"): 50,
    ("save-audiobooks-user", "ids", "query"): 50,
    ("remove-audiobooks-user", "ids", "query"): 50,
    ("check-users-saved-audiobooks", "ids", "query"): 50,
    ("get-several-chapters", "ids", "query"): 50,
    ("get-several-tracks", "ids", "query"): 50,
    ("add-tracks-to-playlist", "uris", "query"): 100,
    ("add-tracks-to-playlist", "uris", "body"): 100,
    ("reorder-or-replace-playlists-tracks", "uris", "query"): 100,
    ("reorder-or-replace-playlists-tracks", "uris", "body"): 100,
    ("remove-tracks-playlist", "tracks", "body"): 100,
    ("add-items-to-playlist", "uris", "query"): 100,
    ("add-items-to-playlist", "uris", "body"): 100,
    ("reorder-or-replace-playlists-items", "uris", "query"): 100,
    ("reorder-or-replace-playlists-items", "uris", "body"): 100,
    ("remove-items-playlist", "items", "body"): 100,
    ("save-library-items", "uris", "query"): 40,
    ("remove-library-items", "uris", "query"): 40,
    ("check-library-contains", "uris", "query"): 40,
    ("save-albums-user", "ids", "query"): 20,
    ("save-albums-user", "ids", "body"): 50,
    ("remove-albums-user", "ids", "query"): 20,
    ("remove-albums-user", "ids", "body"): 50,
    ("check-users-saved-albums", "ids", "query"): 20,
    ("save-tracks-user", "ids", "body"): 50,
    ("save-tracks-user", "timestamped_ids", "body"): 50,
    ("remove-tracks-user", "ids", "query"): 50,
    ("remove-tracks-user", "ids", "body"): 50,
    ("check-users-saved-tracks", "ids", "query"): 50,
    ("save-episodes-user", "ids", "query"): 50,
    ("save-episodes-user", "ids", "body"): 50,
    ("remove-episodes-user", "ids", "query"): 50,
    ("remove-episodes-user", "ids", "body"): 50,
    ("check-users-saved-episodes", "ids", "query"): 50,
    ("save-shows-user", "ids", "query"): 50,
    ("save-shows-user", "ids", "body"): 50,
    ("remove-shows-user", "ids", "query"): 50,
    ("remove-shows-user", "ids", "body"): 50,
    ("check-users-saved-shows", "ids", "query"): 50,
    ("follow-artists-users", "ids", "query"): 50,
    ("follow-artists-users", "ids", "body"): 50,
    ("unfollow-artists-users", "ids", "query"): 50,
    ("unfollow-artists-users", "ids", "body"): 50,
    ("check-current-user-follows", "ids", "query"): 50,
    ("check-if-user-follows-playlist", "ids", "query"): 1,
    ("get-several-audio-features", "ids", "query"): 100,
    ("get-recommendations", "seed_artists", "query"): 5,
    ("get-recommendations", "seed_genres", "query"): 5,
    ("get-recommendations", "seed_tracks", "query"): 5,
    ("transfer-a-users-playback", "device_ids", "body"): 1,
}

#: Id/URI lists for which the spec states no maximum (facts file: "uris(body): no max stated").
NO_MAXIMUM = {("start-a-users-playback", "uris", "body")}

ID_LIST_NAMES = {"ids", "uris", "tracks", "items", "timestamped_ids", "device_ids"}


def test_the_operation_table_has_every_maximum_of_the_facts_file_and_no_other() -> None:
    found = {
        (operation.operation_id, parameter.name, parameter.location): parameter.max_items
        for operation in OPERATION_SPECS.values()
        for parameter in operation.parameters
        if parameter.max_items is not None
    }
    assert found == FACTS_MAX_ITEMS


def test_every_operation_taking_ids_or_uris_has_a_maximum() -> None:
    without = {
        (operation.operation_id, parameter.name, parameter.location)
        for operation in OPERATION_SPECS.values()
        for parameter in operation.parameters
        if parameter.is_list
        and (parameter.name in ID_LIST_NAMES or parameter.name.startswith("seed_"))
        and parameter.max_items is None
    }
    assert without == NO_MAXIMUM


any_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.lists(st.integers())), max_size=6),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sets(st.integers(), max_size=3),
)
parameters = st.sampled_from(
    sorted(
        (operation.operation_id, parameter.name, parameter.location)
        for operation in OPERATION_SPECS.values()
        for parameter in operation.parameters
        if parameter.location != "path"
    )
)


@given(parameter=parameters, value=any_values)
def test_any_value_of_any_parameter_is_accepted_or_refused_cleanly(
    parameter: tuple[str, str, str], value: object
) -> None:
    """No TypeError from an unhashable value, no crash on NaN: InvalidInputError or nothing."""
    operation_id, name, location = parameter
    check = check_query if location == "query" else check_body
    with contextlib.suppress(InvalidInputError):
        check(operation_id, {name: value})
