"""``client.browse``: every operation is deprecated by Spotify, so every call warns."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError

ARTIST = "0TnOYISbd1XYRBk9myaseg"
TRACK = "6rqhFgbbKwnb9MLmUQDhG6"


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "path", "query"),
    [
        (
            "get_new_releases",
            (),
            {"limit": 2, "offset": 4},
            "/browse/new-releases",
            {"limit": "2", "offset": "4"},
        ),
        (
            "get_featured_playlists",
            (),
            {"locale": "de_DE"},
            "/browse/featured-playlists",
            {"locale": "de_DE"},
        ),
        ("get_categories", (), {"limit": 50}, "/browse/categories", {"limit": "50"}),
        (
            "get_single_category",
            ("party",),
            {"locale": "es_MX"},
            "/browse/categories/party",
            {"locale": "es_MX"},
        ),
        (
            "get_category_playlists",
            ("0JQ5DAt0tbjZptfcdMSKl3",),
            {"offset": 20},
            "/browse/categories/0JQ5DAt0tbjZptfcdMSKl3/playlists",
            {"offset": "20"},
        ),
        ("get_genre_seeds", (), {}, "/recommendations/available-genre-seeds", {}),
    ],
)
async def test_each_operation_sends_its_route(
    recorder, recorded_client, method, args, kwargs, path, query
):
    answer = {"answer": method}
    recorder.respond(200, answer)

    result = await getattr(recorded_client.browse, method)(*args, **kwargs)

    assert result == answer
    assert recorder.requests == [("GET", path, query, None)]


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("get_new_releases", ()),
        ("get_featured_playlists", ()),
        ("get_categories", ()),
        ("get_category_playlists", ("party",)),
    ],
)
async def test_limits_above_50_are_refused(recorder, recorded_client, method, args):
    with pytest.raises(InvalidInputError, match="limit"):
        await getattr(recorded_client.browse, method)(*args, limit=51)

    assert recorder.requests == []


@pytest.mark.parametrize("category", ["", "a/b", None])
async def test_a_bad_category_id_is_refused(recorder, recorded_client, category):
    with pytest.raises(InvalidInputError, match="category id"):
        await recorded_client.browse.get_single_category(category)

    assert recorder.requests == []


async def test_recommendations_normalise_seeds_without_touching_the_callers_data(
    recorder, recorded_client
):
    recorder.respond(200, {"seeds": [], "tracks": [{"id": TRACK}]})
    seeds = [f"spotify:artist:{ARTIST}"]
    kwargs = {
        "seed_artists": seeds,
        "seed_tracks": f"https://open.spotify.com/track/{TRACK}",
        "seed_genres": "rock, pop",
        "target_energy": 0.5,
        "limit": 100,
    }

    result = await recorded_client.browse.get_recommendation_by_seed(**kwargs)

    assert result == {"seeds": [], "tracks": [{"id": TRACK}]}
    assert recorder.requests == [
        (
            "GET",
            "/recommendations",
            {
                "seed_artists": ARTIST,
                "seed_tracks": TRACK,
                "seed_genres": "rock,pop",
                "target_energy": "0.5",
                "limit": "100",
            },
            None,
        )
    ]
    assert seeds == [f"spotify:artist:{ARTIST}"]
    assert kwargs["seed_genres"] == "rock, pop"


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"seed_genres": ["a", "b", "c", "d", "e", "f"]},
        {"seed_artists": [ARTIST] * 3, "seed_genres": "rock,pop,jazz"},
        {"seed_genres": "rock", "limit": 101},
        {"seed_genres": "rock", "target_energy": 2},
        {"seed_tracks": [f"spotify:album:{TRACK}"]},
    ],
)
async def test_recommendations_refuse_bad_seeds_and_tunables(recorder, recorded_client, kwargs):
    with pytest.raises(InvalidInputError):
        await recorded_client.browse.get_recommendation_by_seed(**kwargs)

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


async def test_new_releases_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    expected = [catalog.ids.encode("album", index) for index in catalog.new_releases]

    first = await spotify_client.browse.get_new_releases(limit=50)
    releases = await spotify_client.fetch_all(first)

    assert first["albums"]["total"] == len(expected)
    assert [album["id"] for album in releases] == expected


async def test_categories_and_their_playlists_against_the_emulator(
    spotify_emulator, spotify_client
):
    catalog = spotify_emulator.world.catalog

    categories = await spotify_client.browse.get_categories(limit=2)
    category = categories["categories"]["items"][1]
    single = await spotify_client.browse.get_single_category(category["id"])
    playlists = await spotify_client.browse.get_category_playlists(category["id"], limit=50)

    assert single == category
    index = catalog.category_index(category["id"])
    assert [playlist["id"] for playlist in playlists["playlists"]["items"]] == [
        catalog.ids.encode("playlist", playlist)
        for playlist in catalog.category_playlists(index)[:50]
    ]


async def test_recommendations_and_genre_seeds_against_the_emulator(spotify_client):
    genres = (await spotify_client.browse.get_genre_seeds())["genres"]
    recommended = await spotify_client.browse.get_recommendation_by_seed(
        seed_genres=genres[:2], limit=7
    )

    assert [seed["id"] for seed in recommended["seeds"]] == genres[:2]
    assert len(recommended["tracks"]) == 7


async def test_featured_playlists_against_the_emulator(spotify_client):
    featured = await spotify_client.browse.get_featured_playlists(limit=3, offset=1)

    assert featured["playlists"]["offset"] == 1
    assert len(featured["playlists"]["items"]) == 3
