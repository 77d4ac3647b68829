"""Parsing and normalising Spotify ids, URIs and URLs (async_spotify.ids)."""

from __future__ import annotations

import contextlib
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator
from async_spotify.ids import (
    Reference,
    parse_kind,
    parse_reference,
    to_id,
    to_ids,
    to_uri,
    to_uris,
)
from async_spotify.spotify_errors import (
    InvalidInputError,
    InvalidRequestError,
    SpotifyAPIError,
    SpotifyError,
)

TRACK = "6rqhFgbbKwnb9MLmUQDhG6"
ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
LOCAL = "spotify:local:David+Wise:Donkey+Kong+Country%3A+Tropical+Freeze:Snomads+Island:127"
BASE62_KINDS = ("track", "album", "artist", "playlist", "show", "episode", "audiobook", "chapter")


def _message(error: pytest.ExceptionInfo[InvalidInputError]) -> str:
    return error.value.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TRACK, Reference(None, TRACK)),
        (f"  {TRACK}\n", Reference(None, TRACK)),
        (f"spotify:track:{TRACK}", Reference("track", TRACK)),
        (f" spotify:album:{ALBUM} ", Reference("album", ALBUM)),
        (f"spotify:chapter:{TRACK}", Reference("chapter", TRACK)),
        (f"spotify:user:bob:playlist:{PLAYLIST}", Reference("playlist", PLAYLIST)),
        ("spotify:user:wizzler", Reference("user", "wizzler")),
        ("spotify:user:1112264649", Reference("user", "1112264649")),
        ("spotify:user:name$with.dollar_", Reference("user", "name$with.dollar_")),
        (LOCAL, Reference("local", LOCAL.removeprefix("spotify:local:"))),
        ("spotify:local:::Title:0", Reference("local", "::Title:0")),
        (f"https://open.spotify.com/track/{TRACK}", Reference("track", TRACK)),
        (f"http://open.spotify.com/track/{TRACK}", Reference("track", TRACK)),
        (f"open.spotify.com/album/{ALBUM}", Reference("album", ALBUM)),
        (f"https://open.spotify.com/intl-de/track/{TRACK}", Reference("track", TRACK)),
        (f"https://open.spotify.com/intl-pt-BR/track/{TRACK}", Reference("track", TRACK)),
        (f"https://open.spotify.com/track/{TRACK}?si=0123456789abcdef", Reference("track", TRACK)),
        (f"https://open.spotify.com/track/{TRACK}?si=a&utm_source=copy", Reference("track", TRACK)),
        (f"https://open.spotify.com/track/{TRACK}#fragment", Reference("track", TRACK)),
        (f"https://open.spotify.com/track/{TRACK}/", Reference("track", TRACK)),
        (f"https://open.spotify.com/track/{TRACK}/?si=x", Reference("track", TRACK)),
        (f"https://open.spotify.com/embed/playlist/{PLAYLIST}", Reference("playlist", PLAYLIST)),
        (
            f"https://open.spotify.com/user/bob/playlist/{PLAYLIST}?si=1",
            Reference("playlist", PLAYLIST),
        ),
        ("https://open.spotify.com/user/wizzler", Reference("user", "wizzler")),
        (f"HTTPS://OPEN.SPOTIFY.COM/show/{TRACK}", Reference("show", TRACK)),
        (f"\thttps://open.spotify.com/episode/{TRACK}\n", Reference("episode", TRACK)),
    ],
)
def test_accepted_forms(value: str, expected: Reference) -> None:
    assert parse_reference(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "'' is empty: expected a Spotify id, URI or URL"),
        ("   ", "'   ' is empty: expected a Spotify id, URI or URL"),
        ("abc", "'abc' is not a Spotify id: 3 characters, expected 22 base62 characters"),
        (
            TRACK + "x",
            f"'{TRACK}x' is not a Spotify id: 23 characters, expected 22 base62 characters",
        ),
        (
            "6rqhFgbbKwnb9MLmUQDh-6",
            "'6rqhFgbbKwnb9MLmUQDh-6' is not a Spotify id: '-' is not a base62 character "
            "(0-9, A-Z, a-z)",
        ),
        (
            "6rqhFgbbKwnb9MLmUQDhé6",
            "'6rqhFgbbKwnb9MLmUQDhé6' is not a Spotify id: 'é' is not a base62 character "
            "(0-9, A-Z, a-z)",
        ),
        (
            f"spotify:song:{TRACK}",
            f"'spotify:song:{TRACK}' has an unknown kind 'song': expected one of album, artist, "
            "audiobook, chapter, episode, local, playlist, show, track, user",
        ),
        (
            "spotify:track:abc",
            "'spotify:track:abc' does not hold a valid track id: 3 characters, "
            "expected 22 base62 characters",
        ),
        (
            f"spotify:track:{TRACK}:extra",
            f"'spotify:track:{TRACK}:extra' is not a Spotify URI: expected spotify:{{kind}}:{{id}}"
            " (or spotify:user:{user}:playlist:{id})",
        ),
        ("spotify:", "'spotify:' is not a Spotify URI"),
        ("spotify:user:", "'spotify:user:' does not hold a valid user id"),
        (
            "spotify:local:Artist:Title",
            "'spotify:local:Artist:Title' is not a local-file URI: expected "
            "spotify:local:{artist}:{album}:{title}:{seconds}",
        ),
        (
            f"https://open.spotify.com/song/{TRACK}",
            f"'https://open.spotify.com/song/{TRACK}' has an unknown kind 'song'",
        ),
        (
            "https://open.spotify.com/",
            "'https://open.spotify.com/' is not a Spotify URL: "
            "expected https://open.spotify.com/{kind}/{id}",
        ),
        (
            f"https://open.spotify.com/track/{TRACK}/extra",
            f"'https://open.spotify.com/track/{TRACK}/extra' is not a Spotify URL",
        ),
        (
            f"https://open.spotify.com/local/{TRACK}",
            f"'https://open.spotify.com/local/{TRACK}' is not a Spotify URL",
        ),
        (
            f"https://example.com/track/{TRACK}",
            f"'https://example.com/track/{TRACK}' is not a Spotify URI or open.spotify.com URL: "
            "expected spotify:{kind}:{id} or https://open.spotify.com/{kind}/{id}",
        ),
        (
            f"https://open.spotify.com.evil.example/track/{TRACK}",
            f"'https://open.spotify.com.evil.example/track/{TRACK}' is not a Spotify URI or "
            "open.spotify.com URL",
        ),
        (
            "https://spotify.link/AbCdEf",
            "'https://spotify.link/AbCdEf' is a short link: open it and use the "
            "open.spotify.com URL it leads to",
        ),
        ("spoti.fi/xyz", "'spoti.fi/xyz' is a short link"),
    ],
)
def test_refused_forms(value: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_reference(value)
    assert _message(error).startswith(message)


def test_the_error_is_a_usage_error_a_value_error_and_spotifys_400() -> None:
    with pytest.raises(InvalidInputError) as error:
        to_id(f"spotify:album:{ALBUM}", "track")
    assert isinstance(error.value, SpotifyError)
    assert isinstance(error.value, ValueError)
    # AsyncSpotify sent it and got Spotify's 400: an `except SpotifyAPIError` still catches it
    assert isinstance(error.value, SpotifyAPIError)
    assert error.value.status == 400
    assert error.value.get_json() == {
        "error": {
            "status": 400,
            "message": f"'spotify:album:{ALBUM}' is an album, expected a track",
        }
    }


@pytest.mark.parametrize("value", [None, 5, 5.0, b"6rqhFgbbKwnb9MLmUQDhG6", ["x"]])
def test_a_non_str_is_refused_with_its_type(value: object) -> None:
    with pytest.raises(InvalidInputError) as error:
        to_id(value, "track")  # type: ignore[arg-type]
    expected = f"{value!r} is {'an' if type(value) is int else 'a'} {type(value).__name__}: "
    assert _message(error) == expected + "expected a Spotify id, URI or URL (a str)"


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (TRACK, "track", TRACK),
        (f"spotify:track:{TRACK}", "track", TRACK),
        (f"https://open.spotify.com/intl-fr/track/{TRACK}?si=1", "track", TRACK),
        (f"spotify:user:bob:playlist:{PLAYLIST}", "playlist", PLAYLIST),
        (PLAYLIST, "playlist", PLAYLIST),
        ("wizzler", "user", "wizzler"),
        (" wizzler ", "user", "wizzler"),
        (TRACK, "user", TRACK),
        ("spotify:user:wizzler", "user", "wizzler"),
        ("https://open.spotify.com/user/1112264649?si=x", "user", "1112264649"),
    ],
)
def test_to_id(value: str, kind: str, expected: str) -> None:
    assert to_id(value, kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        (
            f"spotify:album:{ALBUM}",
            "track",
            f"'spotify:album:{ALBUM}' is an album, expected a track",
        ),
        (
            f"https://open.spotify.com/episode/{TRACK}",
            "track",
            f"'https://open.spotify.com/episode/{TRACK}' is an episode, expected a track",
        ),
        (
            f"spotify:user:bob:playlist:{PLAYLIST}",
            "user",
            f"'spotify:user:bob:playlist:{PLAYLIST}' is a playlist, expected a user",
        ),
        (LOCAL, "track", f"{LOCAL!r} is a local file, expected a track"),
        ("spotify:user:wizzler", "artist", "'spotify:user:wizzler' is a user, expected an artist"),
        ("wizzler", "artist", "'wizzler' is not a Spotify id: 7 characters"),
        ("bad user", "user", "'bad user' is not a Spotify id"),
        ("a/b", "user", "'a/b' is not a Spotify URI or open.spotify.com URL"),
        (LOCAL, "local", f"{LOCAL!r}: local files have no id, use their URI"),
        (TRACK, "song", "unknown kind 'song': expected one of album, artist"),
    ],
)
def test_to_id_refuses(value: str, kind: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        to_id(value, kind)  # type: ignore[arg-type]
    assert _message(error).startswith(message)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (TRACK, "track", f"spotify:track:{TRACK}"),
        (f"spotify:track:{TRACK}", "track", f"spotify:track:{TRACK}"),
        (f"https://open.spotify.com/album/{ALBUM}", "album", f"spotify:album:{ALBUM}"),
        (f"spotify:user:bob:playlist:{PLAYLIST}", "playlist", f"spotify:playlist:{PLAYLIST}"),
        ("wizzler", "user", "spotify:user:wizzler"),
        (f"  {LOCAL} ", "local", LOCAL),
    ],
)
def test_to_uri(value: str, kind: str, expected: str) -> None:
    assert to_uri(value, kind) == expected  # type: ignore[arg-type]


def test_to_uri_of_a_local_file_needs_a_local_uri() -> None:
    with pytest.raises(InvalidInputError) as error:
        to_uri(TRACK, "local")
    assert _message(error) == f"{TRACK!r} is a bare id, expected a local file"


def test_to_ids_takes_an_iterable_a_single_str_or_a_comma_separated_str() -> None:
    url = f"https://open.spotify.com/track/{ALBUM}"
    assert to_ids([TRACK, f"spotify:track:{ALBUM}"], "track") == [TRACK, ALBUM]
    assert to_ids((ref for ref in (TRACK, url)), "track") == [TRACK, ALBUM]
    assert to_ids(TRACK, "track") == [TRACK]
    assert to_ids(f"{TRACK},spotify:track:{ALBUM}", "track") == [TRACK, ALBUM]
    assert to_ids(f"{TRACK}, {url} ", "track") == [TRACK, ALBUM]
    assert to_ids([], "track") == []
    assert to_ids(["wizzler", "spotify:user:bob"], "user") == ["wizzler", "bob"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([TRACK, 5], "item 1 (5) is an int: expected a str"),
        ([None], "item 0 (None) is a NoneType: expected a str"),
        (5, "5 is an int: expected a str or an iterable of str"),
        (None, "None is a NoneType: expected a str or an iterable of str"),
        (b"abc", "b'abc' is a bytes: expected a str or an iterable of str"),
        (f"{TRACK},,{ALBUM}", f"'{TRACK},,{ALBUM}' has an empty entry between its commas"),
        (f"{TRACK},", f"'{TRACK},' has an empty entry between its commas"),
        (
            [TRACK, f"spotify:album:{ALBUM}"],
            f"'spotify:album:{ALBUM}' is an album, expected a track",
        ),
        ([""], "'' is empty: expected a Spotify id, URI or URL"),
    ],
)
def test_to_ids_refuses(values: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        to_ids(values, "track")  # type: ignore[arg-type]
    assert _message(error) == message


def test_to_uris_with_several_kinds_needs_the_kind_in_each_value() -> None:
    kinds = ("track", "album", "user", "playlist")
    values = [
        f"spotify:track:{TRACK}",
        f"https://open.spotify.com/intl-de/album/{ALBUM}?si=2",
        "spotify:user:wizzler",
        f"spotify:user:bob:playlist:{PLAYLIST}",
    ]
    assert to_uris(values, kinds) == [  # type: ignore[arg-type]  # kinds as plain strings
        f"spotify:track:{TRACK}",
        f"spotify:album:{ALBUM}",
        "spotify:user:wizzler",
        f"spotify:playlist:{PLAYLIST}",
    ]
    assert to_uris(f"spotify:track:{TRACK},spotify:album:{ALBUM}", kinds) == [  # type: ignore[arg-type]
        f"spotify:track:{TRACK}",
        f"spotify:album:{ALBUM}",
    ]


def test_to_uris_refuses_bare_ids_and_other_kinds_when_several_kinds_are_allowed() -> None:
    with pytest.raises(InvalidInputError) as error:
        to_uris([TRACK], ("track", "episode"))
    assert _message(error) == (
        f"{TRACK!r} is a bare id, which could be any kind: "
        "expected a URI or URL of a track or an episode"
    )
    with pytest.raises(InvalidInputError) as error:
        to_uris([f"spotify:artist:{TRACK}"], ("track", "album", "episode"))
    assert _message(error) == (
        f"'spotify:artist:{TRACK}' is an artist, expected a track, an album or an episode"
    )
    with pytest.raises(InvalidInputError, match="unknown kind 'tracks'"):
        to_uris([f"spotify:track:{TRACK}"], ("tracks", "album"))  # type: ignore[arg-type]


def test_to_uris_with_one_kind_takes_bare_ids_of_that_kind() -> None:
    assert to_uris([TRACK], "track") == [f"spotify:track:{TRACK}"]
    assert to_uris([TRACK], ("episode",)) == [f"spotify:episode:{TRACK}"]  # type: ignore[arg-type]
    assert to_uris([LOCAL], "local") == [LOCAL]


def test_parse_kind() -> None:
    assert parse_kind("artist") == "artist"
    with pytest.raises(InvalidInputError) as error:
        parse_kind("artists")
    assert _message(error) == (
        "unknown kind 'artists': expected one of album, artist, audiobook, chapter, episode, "
        "local, playlist, show, track, user"
    )


base62_ids = st.text(alphabet=string.ascii_letters + string.digits, min_size=22, max_size=22)
user_ids = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Z", "Cc"), blacklist_characters="/:,?#\x85\x1c\x1d\x1e\x1f"
    ),
    min_size=1,
).filter(lambda text: text == text.strip() and not text.isspace())
locales = st.sampled_from(["", "/intl-de", "/intl-fr", "/intl-pt-BR", "/intl-zh-Hant"])
queries = st.sampled_from(["", "?si=0123456789abcdef", "?si=a&context=b", "#x", "/"])
schemes = st.sampled_from(["https://", "http://", ""])


@given(kind=st.sampled_from(BASE62_KINDS), spotify_id=base62_ids, locale=locales, tail=queries)
def test_round_trip_id_uri_url_id(kind: str, spotify_id: str, locale: str, tail: str) -> None:
    uri = to_uri(spotify_id, kind)  # type: ignore[arg-type]
    assert uri == f"spotify:{kind}:{spotify_id}"
    assert parse_reference(uri) == Reference(kind, spotify_id)  # type: ignore[arg-type]
    url = f"https://open.spotify.com{locale}/{kind}/{spotify_id}{tail}"
    assert to_id(url, kind) == spotify_id  # type: ignore[arg-type]
    assert to_uri(url, kind) == uri  # type: ignore[arg-type]
    assert to_id(uri, kind) == spotify_id  # type: ignore[arg-type]


@given(user_id=user_ids, scheme=schemes, tail=queries)
def test_round_trip_of_user_ids(user_id: str, scheme: str, tail: str) -> None:
    uri = to_uri(user_id, "user")
    assert uri == f"spotify:user:{user_id}"
    assert to_id(uri, "user") == user_id
    assert to_id(f"{scheme}open.spotify.com/user/{user_id}{tail}", "user") == user_id


@given(
    fields=st.lists(
        st.text(alphabet=string.ascii_letters + "+%0123456789"), min_size=3, max_size=3
    ),
    seconds=st.integers(min_value=0, max_value=10**6),
)
def test_round_trip_of_local_files(fields: list[str], seconds: int) -> None:
    uri = f"spotify:local:{':'.join(fields)}:{seconds}"
    assert to_uri(uri, "local") == uri
    assert to_uris([uri], ("local", "track")) == [uri]


@given(value=st.text(max_size=60))
def test_garbage_never_raises_anything_but_invalid_input(value: str) -> None:
    for call in (parse_reference, lambda v: to_id(v, "track"), lambda v: to_id(v, "user")):
        with contextlib.suppress(InvalidInputError):
            call(value)


@given(
    values=st.one_of(
        st.text(max_size=60),
        st.lists(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.binary())),
        st.integers(),
        st.none(),
        st.binary(),
        st.dictionaries(st.text(max_size=5), st.integers()),
    ),
    kinds=st.sampled_from(["track", ("track", "album"), ("user",), ("local", "episode")]),
)
def test_garbage_lists_never_raise_anything_but_invalid_input(
    values: object, kinds: str | tuple[str, ...]
) -> None:
    with contextlib.suppress(InvalidInputError):
        to_ids(values, "track")  # type: ignore[arg-type]
    with contextlib.suppress(InvalidInputError):
        to_uris(values, kinds)  # type: ignore[arg-type]


def test_a_user_id_longer_than_spotifys_is_refused_with_its_length() -> None:
    assert to_id("u" * 128, "user") == "u" * 128
    for value in ("u" * 5000, "spotify:user:" + "u" * 5000):
        with pytest.raises(InvalidRequestError, match="a user id of 5000 characters") as refused:
            to_id(value, "user")
        assert len(str(refused.value)) < 300  # what it quotes is shortened


async def test_a_too_long_user_id_sends_nothing(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator
) -> None:
    with pytest.raises(InvalidRequestError, match="5000 characters"):
        await spotify_client.user.get_one("u" * 5000)
    assert spotify_emulator.stats()["requests"] == {}
