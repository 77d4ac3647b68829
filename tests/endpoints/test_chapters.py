"""``client.chapters``: chapters of audiobooks."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError

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

    with pytest.warns(DeprecationWarning, match=r"chapters\.get_several.*chapters\.get_one"):
        result = await recorded_client.chapters.get_several(wanted, market="GB")

    assert result == {"chapters": [{"id": i} for i in wanted]}
    assert sorted(len(r.query["ids"].split(",")) for r in recorder.requests) == [5, 50]


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.chapters.get_several(chapter_ids(2))

    assert result == {"chapters": [{"id": i} for i in chapter_ids(2)]}
    assert sorted(recorder.calls) == [("GET", f"/chapters/{i}") for i in chapter_ids(2)]
