"""``client.audiobooks``: the catalog and the user's saved audiobooks."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

AUDIOBOOK = "7iHfbu1YPACw6oZPAFJtqe"


def audiobook_ids(count: int) -> list[str]:
    return [f"audiobook{n:013d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": AUDIOBOOK, "name": "Dune"})

    audiobook = await recorded_client.audiobooks.get_one(AUDIOBOOK, market="US")

    assert audiobook == {"id": AUDIOBOOK, "name": "Dune"}
    assert recorder.requests == [("GET", f"/audiobooks/{AUDIOBOOK}", {"market": "US"}, None)]


async def test_get_several(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"audiobooks": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = audiobook_ids(51)

    result = await recorded_client.audiobooks.get_several(wanted)

    assert result == {"audiobooks": [{"id": i} for i in wanted]}
    assert sorted(len(r.query["ids"].split(",")) for r in recorder.requests) == [1, 50]


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.audiobooks.get_several([AUDIOBOOK])

    assert result == {"audiobooks": [{"id": AUDIOBOOK}]}
    assert recorder.requests == [("GET", f"/audiobooks/{AUDIOBOOK}", {}, None)]


async def test_get_chapters(recorder, recorded_client):
    page = {"items": [{"id": "c"}], "total": 1, "limit": 50, "offset": 0, "next": None}
    recorder.respond(200, page)

    result = await recorded_client.audiobooks.get_chapters(AUDIOBOOK, limit=50)

    assert result == page
    assert recorder.requests == [
        ("GET", f"/audiobooks/{AUDIOBOOK}/chapters", {"limit": "50"}, None)
    ]


async def test_get_saved(recorder, recorded_client):
    # Spotify's items are plain audiobook objects (docs/emulator-fidelity.md).
    page = {"items": [{"id": AUDIOBOOK, "type": "audiobook"}], "total": 1, "next": None}
    recorder.respond(200, page)

    result = await recorded_client.audiobooks.get_saved(limit=5, offset=10)

    assert result == page
    assert recorder.requests == [("GET", "/me/audiobooks", {"limit": "5", "offset": "10"}, None)]


@pytest.mark.parametrize(
    ("method", "http_method"), [("add_saved", "PUT"), ("remove_saved", "DELETE")]
)
async def test_writes_send_chunks_of_50_one_after_the_other(
    recorder, recorded_client, method, http_method
):
    wanted = audiobook_ids(120)

    result = await getattr(recorded_client.audiobooks, method)(wanted)

    assert result == {}
    assert recorder.requests == [
        (http_method, "/me/audiobooks", {"ids": ",".join(chunk)}, None)
        for chunk in (wanted[:50], wanted[50:100], wanted[100:])
    ]


async def test_contains_saved_merges_chunks_in_order(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        [i.endswith(("0", "2", "4", "6", "8")) for i in request.query["ids"].split(",")],
    )
    wanted = audiobook_ids(60)

    result = await recorded_client.audiobooks.contains_saved(wanted)

    assert result == [n % 2 == 0 for n in range(60)]
    assert {r.path for r in recorder.requests} == {"/me/audiobooks/contains"}


async def test_saved_writes_refuse_other_kinds(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="album"):
        await recorded_client.audiobooks.add_saved([f"spotify:album:{AUDIOBOOK}"])

    assert recorder.requests == []


@pytest.mark.parametrize(
    ("method", "http_method"), [("add_saved", "PUT"), ("remove_saved", "DELETE")]
)
async def test_writes_in_development_mode_go_through_me_library(
    recorder, make_recorded_client, method, http_method
):
    client = await make_recorded_client(app_mode="development")
    wanted = audiobook_ids(45)

    await getattr(client.audiobooks, method)(wanted)

    uris = [f"spotify:audiobook:{i}" for i in wanted]
    assert recorder.requests == [
        (http_method, "/me/library", {"uris": ",".join(chunk)}, None)
        for chunk in (uris[:40], uris[40:])
    ]


async def test_contains_saved_in_development_mode_asks_me_library(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, [True] * len(request.query["uris"].split(",")))

    assert await client.audiobooks.contains_saved([AUDIOBOOK]) == [True]
    assert recorder.requests == [
        ("GET", "/me/library/contains", {"uris": f"spotify:audiobook:{AUDIOBOOK}"}, None)
    ]


# -- against the emulator --------------------------------------------------------------------


async def test_audiobooks_and_their_chapters_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    record = catalog.records.audiobook(1)
    wanted = [catalog.ids.encode("audiobook", index) for index in range(3)]

    one = await spotify_client.audiobooks.get_one(wanted[1], market="US")
    several = await spotify_client.audiobooks.get_several(wanted, market="US")
    first = await spotify_client.audiobooks.get_chapters(wanted[1], market="US", limit=2)
    chapters = await spotify_client.fetch_all(first)

    assert (one["id"], one["name"]) == (wanted[1], record.name)
    assert [audiobook["id"] for audiobook in several["audiobooks"]] == wanted
    assert [chapter["id"] for chapter in chapters] == [
        catalog.ids.encode("chapter", index) for index in record.chapters
    ]


async def test_saving_audiobooks_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    every = [catalog.ids.encode("audiobook", index) for index in range(60)]  # the whole catalog
    saved_before = await spotify_client.fetch_all(await spotify_client.audiobooks.get_saved())
    saved_ids = {audiobook["id"] for audiobook in saved_before}
    new = [audiobook_id for audiobook_id in every if audiobook_id not in saved_ids]

    before = await spotify_client.audiobooks.contains_saved(every)
    await spotify_client.audiobooks.add_saved(every)
    await spotify_client.audiobooks.remove_saved(new[:10])
    after = await spotify_client.audiobooks.contains_saved(every)

    assert len(saved_before) == 12
    assert before == [audiobook_id in saved_ids for audiobook_id in every]
    assert after == [audiobook_id not in new[:10] for audiobook_id in every]
    stats = requests_of(spotify_emulator)
    assert stats["PUT /v1/me/audiobooks"] == {"200": 2}
    assert stats["DELETE /v1/me/audiobooks"] == {"200": 1}
    assert stats["GET /v1/me/audiobooks/contains"] == {"200": 4}


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_save_audiobooks_through_the_library(
    spotify_emulator, make_emulator_client
):
    client = await make_emulator_client(app_mode="development")
    catalog = spotify_emulator.world.catalog
    saved = {
        audiobook["id"] for audiobook in await client.fetch_all(await client.audiobooks.get_saved())
    }
    new = [
        audiobook_id
        for audiobook_id in (catalog.ids.encode("audiobook", index) for index in range(60))
        if audiobook_id not in saved
    ]

    await client.audiobooks.add_saved(new)
    assert await client.audiobooks.contains_saved(new) == [True] * len(new)
    await client.audiobooks.remove_saved(new)
    assert await client.audiobooks.contains_saved(new) == [False] * len(new)

    stats = requests_of(spotify_emulator)
    assert stats["PUT /v1/me/library"] == {"200": 2}
    assert stats["DELETE /v1/me/library"] == {"200": 2}
    assert stats["GET /v1/me/library/contains"] == {"200": 4}
    assert not any(
        "/me/audiobooks/" in route
        or (route.endswith("/me/audiobooks") and not route.startswith("GET"))
        for route in stats
    )
