"""The seeded catalog: IDs that decode back, determinism, sizes that matter, shared by worlds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from async_spotify.emulator.catalog import KEPT_RENDERERS, Catalog, Query, is_base62_id
from async_spotify.emulator.catalog.draws import Draws
from async_spotify.emulator.catalog.ids import KIND_CODES, IdCodec
from async_spotify.emulator.control.clock import Clock
from async_spotify.emulator.state.seeding import BIG_PLAYLIST_SIZE
from async_spotify.emulator.world import World


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    kind=st.sampled_from(sorted(KIND_CODES)),
    index=st.integers(min_value=0, max_value=2**48 - 1),
)
def test_ids_are_22_base62_characters_that_decode_back(seed: int, kind: str, index: int) -> None:
    codec = IdCodec(seed)
    id_ = codec.encode(kind, index)
    assert is_base62_id(id_)
    assert codec.decode(id_) == (kind, index)
    assert codec.index_of(kind, id_) == index
    assert codec.index_of("track" if kind != "track" else "album", id_) is None


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
def test_random_strings_are_not_our_ids(text: str) -> None:
    # Only 1 in 2**64 well-formed strings would decode; hypothesis will not find one.
    assert IdCodec(7).decode(text) is None


def test_ids_depend_on_the_seed() -> None:
    assert IdCodec(1).encode("track", 0) != IdCodec(2).encode("track", 0)
    assert IdCodec(1).encode("track", 0) == IdCodec(1).encode("track", 0)
    assert IdCodec(1).encode("track", 0) != IdCodec(1).encode("album", 0)


def test_the_same_seed_builds_the_same_catalog() -> None:
    first, second = Catalog(11, development=False), Catalog(11, development=False)
    assert first.layout.tracks == second.layout.tracks
    for index in (0, 17, first.layout.tracks - 1):
        assert first.records.track(index) == second.records.track(index)
    api = "http://127.0.0.1:1/v1"
    assert first.renderer(api).album(3) == second.renderer(api).album(3)
    other = Catalog(12, development=False)
    names = [first.records.artist(n).name for n in range(20)]
    assert [other.records.artist(n).name for n in range(20)] != names


def test_sizes_that_make_paging_worth_testing() -> None:
    catalog = Catalog.shared(0, development=False)
    assert len(catalog.layout.artist_albums.of(0)) == 320
    assert catalog.layout.tracks > 30_000
    assert catalog.layout.playlists > 1000
    world = World(seed=0, mode="extended", clock=Clock())
    user = world.user(world.default_user_id)
    assert len(user.library["track"]) == 4000
    assert len(user.library["album"]) == 2000
    sizes = sorted(
        len(playlist.entries)
        for playlist in map(world.playlists.get, user.playlists.newest_first())
        if playlist is not None
    )
    assert sizes[-1] == BIG_PLAYLIST_SIZE


def test_worlds_share_the_immutable_catalog_but_not_state() -> None:
    one = World(seed=3, mode="extended", clock=Clock())
    two = World(seed=3, mode="extended", clock=Clock())
    assert one.catalog is two.catalog
    assert one.playlists is not two.playlists
    one.user(one.default_user_id).library["track"].remove([0, 1, 2])
    assert len(two.user(two.default_user_id).library["track"]) == 4000


def test_unknown_modes_are_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        World(seed=0, mode="sandbox", clock=Clock())


def test_ensure_user_creates_an_empty_user_once() -> None:
    world = World(seed=0, mode="extended", clock=Clock())
    world.ensure_user("newcomer")
    user = world.users["newcomer"]
    world.ensure_user("newcomer")
    assert world.users["newcomer"] is user
    assert len(user.library["track"]) == 0
    assert len(user.player.devices) == 3
    assert user.player.active is None


def test_rendered_objects_are_cached_and_point_at_the_api() -> None:
    catalog = Catalog.shared(0, development=False)
    renderer = catalog.renderer("http://127.0.0.1:9/v1")
    track = renderer.track(42)
    assert renderer.track(42) is track
    assert track["href"] == f"http://127.0.0.1:9/v1/tracks/{catalog.ids.encode('track', 42)}"
    assert track["external_urls"]["spotify"].startswith("https://open.spotify.com/track/")
    assert track["uri"] == f"spotify:track:{catalog.ids.encode('track', 42)}"
    assert track["album"]["id"] == catalog.ids.encode("album", catalog.records.track(42).album)


def test_query_parsing() -> None:
    query = Query.parse('silver artist:"the river" year:1990-1999 "exact words"')
    assert query.words == ["silver", "exact words"]
    assert query.filters == {"artist": "the river", "year": "1990-1999"}


def test_search_finds_names_and_respects_filters() -> None:
    catalog = Catalog.shared(0, development=False)
    found = catalog.search.find("album", Query.parse("year:2020"))
    assert found
    assert all(catalog.records.album(album).release_year == 2020 for album in found)
    assert catalog.search.find("artist", Query.parse("isrc:x")) == []


def test_only_the_latest_renderers_are_kept() -> None:
    catalog = Catalog(5, development=False)
    first = catalog.renderer("http://127.0.0.1:1/v1")
    assert catalog.renderer("http://127.0.0.1:1/v1") is first
    for port in range(2, 2 + KEPT_RENDERERS):
        catalog.renderer(f"http://127.0.0.1:{port}/v1")
    assert catalog.renderer("http://127.0.0.1:1/v1") is not first  # evicted, built again


def test_search_headings_agree_with_the_full_records() -> None:
    """The free-word index is built from headings, not records: they must say the same."""
    catalog = Catalog(11, development=False)
    records = catalog.records
    for index in range(0, catalog.layout.tracks, 97):
        track = records.track(index)
        assert records.track_heading(index) == (track.name, track.artists)
    for index in range(0, catalog.layout.episodes, 31):
        assert records.episode_name(index) == records.episode(index).name


def test_free_words_find_what_a_name_and_artist_scan_finds() -> None:
    catalog = Catalog.shared(0, development=False)
    records = catalog.records
    found = catalog.search.find("track", Query.parse("silver river"))
    expected = [
        index
        for index in range(catalog.layout.tracks)
        for text in [
            " ".join(
                [
                    records.track(index).name,
                    *(records.artist(a).name for a in records.track(index).artists),
                ]
            ).lower()
        ]
        if "silver" in text and "river" in text
    ]
    assert found == expected
    assert found  # the words occur in the seeded names


@pytest.mark.parametrize("consumed", [0, 1, 12, 15])
@pytest.mark.parametrize("length", [1, 8, 22, 40, 64])
def test_hex_draws_read_the_next_words_in_order(consumed: int, length: int) -> None:
    draws, words = Draws(3, "hex", length), Draws(3, "hex", length)
    for _ in range(consumed):  # the fast path reads the digest, the slow one crosses a re-hash
        assert draws.next32() == words.next32()
    expected = "".join(f"{words.next32():08x}" for _ in range(-(-length // 8)))[:length]
    assert draws.hex(length) == expected
    assert draws.next32() == words.next32()
