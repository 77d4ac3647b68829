"""``client.chapters``: chapters of audiobooks."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

CHAPTER = "0D5wENdkdwbqlrHoaJ9g29"


def chapter_ids(count: int) -> list[str]:
    return [f"chapter{n:015d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": CHAPTER})

    chapter = await recorded_client.chapters.get_one(f"spotify:chapter:{CHAPTER}", market="US")

    assert chapter == {"id": CHAPTER}
    assert recorder.requests == [("GET", f"/chapters/{CHAPTER}", {"market": "US"}, None)]


async def test_get_one_refuses_an_audiobook(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="audiobook"):
        await recorded_client.chapters.get_one(f"spotify:audiobook:{CHAPTER}")

    assert recorder.requests == []


async def test_get_several_chunks_by_50(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"chapters": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = chapter_ids(55)

    result = await recorded_client.chapters.get_several(wanted, market="GB")

    assert result == {"chapters": [{"id": i} for i in wanted]}
    assert sorted(len(r.query["ids"].split(",")) for r in recorder.requests) == [5, 50]


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.chapters.get_several(chapter_ids(2))

    assert result == {"chapters": [{"id": i} for i in chapter_ids(2)]}
    assert sorted(recorder.calls) == [("GET", f"/chapters/{i}") for i in chapter_ids(2)]


# -- against the emulator --------------------------------------------------------------------


async def test_chapters_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("chapter", index) for index in range(3)]

    one = await spotify_client.chapters.get_one(wanted[2], market="US")
    several = await spotify_client.chapters.get_several(wanted, market="US")

    record = catalog.records.chapter(2)
    assert (one["id"], one["chapter_number"], one["name"]) == (
        wanted[2],
        record.number,
        record.name,
    )
    assert [chapter["id"] for chapter in several["chapters"]] == wanted


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_chapter_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    wanted = [spotify_emulator.world.catalog.ids.encode("chapter", index) for index in range(2)]

    result = await client.chapters.get_several(wanted, market="US")

    assert [chapter["id"] for chapter in result["chapters"]] == wanted
    assert requests_of(spotify_emulator) == {"GET /v1/chapters/{id}": {"200": 2}}
