"""``client.albums``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"


def album_ids(count: int) -> list[str]:
    return [f"album{n:017d}" for n in range(count)]


def many_albums(request):
    """Answer a batch read with one album per requested id (``null`` for ``missing...``)."""
    ids = request.query["ids"].split(",")
    return 200, {"albums": [None if i.startswith("missing") else {"id": i} for i in ids]}


async def test_get_one_sends_the_id_and_market_and_returns_the_album(recorder, recorded_client):
    recorder.respond(200, {"id": ALBUM, "name": "Global Warming"})

    album = await recorded_client.albums.get_one(ALBUM, market="DE")

    assert album == {"id": ALBUM, "name": "Global Warming"}
    assert recorder.requests == [("GET", f"/albums/{ALBUM}", {"market": "DE"}, None)]


@pytest.mark.parametrize(
    "reference",
    [
        f"spotify:album:{ALBUM}",
        f"https://open.spotify.com/album/{ALBUM}?si=abcdef0123456789",
        f"https://open.spotify.com/intl-de/album/{ALBUM}",
    ],
)
async def test_get_one_accepts_uris_and_urls(recorder, recorded_client, reference):
    await recorded_client.albums.get_one(reference)

    assert recorder.calls == [("GET", f"/albums/{ALBUM}")]


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("not-an-id", "not-an-id"),
        (f"spotify:track:{ALBUM}", "track"),
        (f"https://open.spotify.com/artist/{ALBUM}", "artist"),
    ],
)
async def test_get_one_refuses_bad_or_wrong_kind_ids_before_sending(
    recorder, recorded_client, reference, problem
):
    with pytest.raises(InvalidInputError, match=problem):
        await recorded_client.albums.get_one(reference)

    assert recorder.requests == []


async def test_get_one_refuses_a_bad_market(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="market"):
        await recorded_client.albums.get_one(ALBUM, market="Germany")

    assert recorder.requests == []


async def test_get_tracks_sends_paging_parameters(recorder, recorded_client):
    page = {"items": [{"id": "t1"}], "total": 1, "limit": 50, "offset": 10, "next": None}
    recorder.respond(200, page)

    result = await recorded_client.albums.get_tracks(ALBUM, limit=50, offset=10, market="US")

    assert result == page
    assert recorder.requests == [
        ("GET", f"/albums/{ALBUM}/tracks", {"limit": "50", "offset": "10", "market": "US"}, None)
    ]


@pytest.mark.parametrize("limit", [51, 0, True, "20"])
async def test_get_tracks_refuses_a_limit_outside_the_spec(recorder, recorded_client, limit):
    with pytest.raises(InvalidInputError, match="limit"):
        await recorded_client.albums.get_tracks(ALBUM, limit=limit)

    assert recorder.requests == []


async def test_get_multiple_chunks_by_20_and_merges_in_input_order(recorder, recorded_client):
    recorder.responder = many_albums
    wanted = album_ids(45)

    with pytest.warns(DeprecationWarning, match=r"albums\.get_multiple.*albums\.get_one per id"):
        result = await recorded_client.albums.get_multiple(wanted, market="FR")

    assert result == {"albums": [{"id": i} for i in wanted]}
    sent = sorted(tuple(request.query["ids"].split(",")) for request in recorder.requests)
    assert sent == sorted([tuple(wanted[:20]), tuple(wanted[20:40]), tuple(wanted[40:])])
    assert {(r.method, r.path, r.query["market"]) for r in recorder.requests} == {
        ("GET", "/albums", "FR")
    }


async def test_get_multiple_accepts_a_comma_separated_string_and_keeps_nulls(
    recorder, recorded_client
):
    recorder.responder = many_albums
    missing = "missing00000000000000x"

    with pytest.warns(DeprecationWarning, match="get_multiple"):
        result = await recorded_client.albums.get_multiple(f"{ALBUM},spotify:album:{missing}")

    assert result == {"albums": [{"id": ALBUM}, None]}
    assert recorder.requests == [("GET", "/albums", {"ids": f"{ALBUM},{missing}"}, None)]


async def test_get_multiple_does_not_mutate_the_callers_list(recorder, recorded_client):
    recorder.responder = many_albums
    wanted = [f"spotify:album:{ALBUM}"]

    with pytest.warns(DeprecationWarning, match="get_multiple"):
        await recorded_client.albums.get_multiple(wanted)

    assert wanted == [f"spotify:album:{ALBUM}"]


async def test_get_multiple_refuses_ids_given_again_as_a_keyword(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="'ids'"):
        await recorded_client.albums.get_multiple([ALBUM], ids="4aawyAB9vmqN3uQ7FjRGTz")

    assert recorder.requests == []


async def test_get_multiple_in_development_mode_reads_one_album_per_id(
    recorder, make_recorded_client
):
    client = await make_recorded_client(app_mode="development")
    missing = "missing00000000000000x"

    def answer(request):
        album_id = request.path.rsplit("/", 1)[1]
        if album_id == missing:
            return 404, {"error": {"status": 404, "message": "Resource not found"}}
        return 200, {"id": album_id}

    recorder.responder = answer
    wanted = [*album_ids(3), missing]

    result = await client.albums.get_multiple(wanted, market="SE")

    assert result == {"albums": [{"id": i} for i in wanted[:3]] + [None]}
    assert sorted(recorder.requests) == sorted(
        ("GET", f"/albums/{i}", {"market": "SE"}, None) for i in wanted
    )


async def test_get_multiple_of_nothing_sends_nothing(recorder, recorded_client):
    with pytest.warns(DeprecationWarning, match="get_multiple"):
        assert await recorded_client.albums.get_multiple([]) == {"albums": []}

    assert recorder.requests == []


async def test_the_deprecation_warning_points_at_the_callers_line(recorder, recorded_client):
    recorder.responder = many_albums

    with pytest.warns(DeprecationWarning, match="get_multiple") as caught:
        await recorded_client.albums.get_multiple([ALBUM])

    assert [warning.filename for warning in caught] == [__file__]
