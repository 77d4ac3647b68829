"""``client.paginate`` / ``client.fetch_all``: every item, in order, pages fetched concurrently.

The recording server of ``tests/endpoints/conftest.py`` serves the pages, so each test sees
exactly which pages were asked for, with which ``offset`` and ``limit``.
"""

from __future__ import annotations

import asyncio

import pytest

from async_spotify import InvalidInputError, InvalidResponseError, NotFoundError
from async_spotify.paging import DEFAULT_CONCURRENCY, DEFAULT_READ_AHEAD, paginate, paging_object
from tests.endpoints import recording
from tests.endpoints.recording import client_requests_in_flight

# the recording server's fixtures (see tests/endpoints/recording.py)
recorder = recording.recorder
recorded_client = recording.recorded_client
make_recorded_client = recording.make_recorded_client

PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
ITEMS_PATH = f"/playlists/{PLAYLIST}/items"


class OffsetPages:
    """Serves ``total`` numbered items at ``path`` as Spotify's offset paging does."""

    def __init__(self, recorder, path: str, total: int) -> None:
        self.base = recorder.base_url
        self.path = path
        self.total = total

    def page(self, offset: int, limit: int) -> dict:
        end = min(offset + limit, self.total)
        link = f"{self.base}{self.path}?offset={{}}&limit={limit}&market=DE"
        return {
            "href": link.format(offset),
            "items": [{"n": n} for n in range(offset, end)],
            "limit": limit,
            "offset": offset,
            "total": self.total,
            "next": link.format(offset + limit) if offset + limit < self.total else None,
            "previous": link.format(max(offset - limit, 0)) if offset else None,
        }

    def __call__(self, request):
        assert request.path == self.path, request.path
        assert request.query["market"] == "DE"
        return 200, self.page(int(request.query["offset"]), int(request.query["limit"]))


def offsets_and_limits(recorder) -> list[tuple[int, int]]:
    return sorted((int(r.query["offset"]), int(r.query["limit"])) for r in recorder.requests)


async def test_offset_pages_are_fetched_at_the_operations_largest_limit(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=205)
    recorder.responder = pages
    first = pages.page(0, 20)

    items = await recorded_client.fetch_all(first)

    assert items == [{"n": n} for n in range(205)]
    # get-playlists-items takes at most 50 per page: 4 requests instead of 10
    assert offsets_and_limits(recorder) == [(20, 50), (70, 50), (120, 50), (170, 50)]


async def test_paginate_yields_in_order_while_pages_arrive_out_of_order(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=400)
    arrived: list[int] = []
    release_first = asyncio.Event()

    async def answer(request):
        offset = int(request.query["offset"])
        if offset == 50:
            await asyncio.wait_for(release_first.wait(), 5)
        arrived.append(offset)
        if len(arrived) == 6:  # every other page is in: now let the first one through
            release_first.set()
        return pages(request)

    recorder.responder = answer

    items = [item async for item in recorded_client.paginate(pages.page(0, 50))]

    assert items == [{"n": n} for n in range(400)]
    assert arrived[-1] == 50


async def test_no_more_pages_than_the_concurrency_are_in_flight(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=50 * 40)
    in_flight = 0
    most = 0
    full = asyncio.Event()

    async def answer(request):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        if in_flight == 4:
            full.set()
        await asyncio.wait_for(full.wait(), 5)
        in_flight -= 1
        return pages(request)

    recorder.responder = answer

    items = await recorded_client.fetch_all(pages.page(0, 50), concurrency=4)

    assert len(items) == 2000
    assert most == 4
    assert len(recorder.requests) == 39


async def test_the_default_concurrency_is_reached(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=50 * 100)
    in_flight = 0
    most = 0
    full = asyncio.Event()

    async def answer(request):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        if in_flight == DEFAULT_CONCURRENCY:
            full.set()
        await asyncio.wait_for(full.wait(), 5)
        in_flight -= 1
        return pages(request)

    recorder.responder = answer

    assert len(await recorded_client.fetch_all(pages.page(0, 50))) == 5000
    assert most == DEFAULT_CONCURRENCY


async def settled_offsets(recorder) -> list[int]:
    """The offsets asked for once every request issued so far has been answered.

    Called from the consumer's loop body, while ``paginate`` is paused at its ``yield``: it cannot
    issue anything more until the consumer asks for the next item.
    """
    await asyncio.gather(*client_requests_in_flight())
    return [offset for offset, _ in offsets_and_limits(recorder)]


async def test_paginate_reads_at_most_the_read_ahead_ahead_of_the_consumer(
    recorder, recorded_client
):
    pages = OffsetPages(recorder, ITEMS_PATH, total=50 * 100)
    recorder.responder = pages
    seen = 0
    issued: dict[int, list[int]] = {}

    async for item in recorded_client.paginate(pages.page(0, 50)):
        assert item == {"n": seen}
        seen += 1
        if item["n"] in (49, 50, 99, 100, 1000):
            issued[item["n"]] = await settled_offsets(recorder)

    assert DEFAULT_READ_AHEAD < DEFAULT_CONCURRENCY
    assert seen == 5000
    # the first page is the caller's: nothing is asked for while its items are taken
    assert issued[49] == []
    # taking the page at offset 50 keeps DEFAULT_READ_AHEAD pages requested after it, at once
    assert issued[50] == list(range(50, 50 * (DEFAULT_READ_AHEAD + 2), 50))
    assert issued[99] == issued[50]
    # every page taken asks for one more
    assert issued[100] == list(range(50, 50 * (DEFAULT_READ_AHEAD + 3), 50))
    assert issued[1000] == list(range(50, 1000 + 50 * (DEFAULT_READ_AHEAD + 1), 50))
    assert len(recorder.requests) == 99


async def test_a_smaller_read_ahead_bounds_the_pages_in_flight(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=50 * 20)
    recorder.responder = pages
    issued: dict[int, list[int]] = {}

    items = recorded_client.paginate(pages.page(0, 50), read_ahead=3)
    async for item in items:
        if item["n"] in (50, 500):
            issued[item["n"]] = await settled_offsets(recorder)

    assert issued == {50: [50, 100, 150, 200], 500: list(range(50, 700, 50))}
    assert len(recorder.requests) == 19


@pytest.mark.parametrize("read_ahead", [0, -2, False, 1.5])
async def test_a_bad_read_ahead_is_refused(recorder, recorded_client, read_ahead):
    pages = OffsetPages(recorder, ITEMS_PATH, total=45)
    items = paginate(recorded_client.api_request_handler, pages.page(0, 20), read_ahead=read_ahead)

    with pytest.raises(InvalidInputError, match="read_ahead"):
        await anext(items)

    assert recorder.requests == []


async def test_concurrency_1_follows_next_links_verbatim(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=45)
    recorder.responder = pages

    items = await recorded_client.fetch_all(pages.page(0, 20), concurrency=1)

    assert items == [{"n": n} for n in range(45)]
    assert offsets_and_limits(recorder) == [(20, 20), (40, 20)]


@pytest.mark.parametrize("concurrency", [0, -1, True, 2.5])
async def test_a_bad_concurrency_is_refused(recorder, recorded_client, concurrency):
    pages = OffsetPages(recorder, ITEMS_PATH, total=45)

    with pytest.raises(InvalidInputError, match="concurrency"):
        await recorded_client.fetch_all(pages.page(0, 20), concurrency=concurrency)

    assert recorder.requests == []


async def test_search_stops_at_spotifys_largest_offset(recorder, make_recorded_client):
    development = await make_recorded_client(app_mode="development")
    pages = OffsetPages(recorder, "/search", total=5000)
    recorder.responder = pages

    result = {"tracks": pages.page(0, 10)}
    items = await development.fetch_all(result)

    # /search takes offsets up to 1000: the page at 1000 is the last one that can be read
    assert items == [{"n": n} for n in range(1010)]
    assert max(offset for offset, _ in offsets_and_limits(recorder)) == 1000
    assert {limit for _, limit in offsets_and_limits(recorder)} == {10}


async def test_search_pages_of_an_extended_quota_app_hold_50(recorder, recorded_client):
    pages = OffsetPages(recorder, "/search", total=5000)
    recorder.responder = pages

    items = await recorded_client.fetch_all({"tracks": pages.page(0, 10)})

    assert items == [{"n": n} for n in range(1010)]
    assert offsets_and_limits(recorder) == [(offset, 50) for offset in range(10, 1001, 50)]


async def test_a_path_of_no_known_operation_keeps_its_page_size(recorder, recorded_client):
    pages = OffsetPages(recorder, "/somewhere/new", total=30)
    recorder.responder = pages

    items = await recorded_client.fetch_all(pages.page(0, 7))

    assert items == [{"n": n} for n in range(30)]
    assert offsets_and_limits(recorder) == [(7, 7), (14, 7), (21, 7), (28, 7)]


async def test_items_added_while_reading_are_followed_by_next_links(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=120)
    first = pages.page(0, 50)
    pages.total = 260  # the playlist grew after the first page was read
    recorder.responder = pages

    items = await recorded_client.fetch_all(first)

    assert items == [{"n": n} for n in range(260)]
    assert offsets_and_limits(recorder) == [(50, 50), (100, 50), (150, 50), (200, 50), (250, 50)]


async def test_cursor_pages_follow_next(recorder, recorded_client):
    base = recorder.base_url

    def page(after: str | None) -> dict:
        numbers = {None: [0, 1], "b": [2, 3], "d": [4]}[after]
        following = {None: "b", "b": "d", "d": None}[after]
        return {
            "items": [{"n": n} for n in numbers],
            "next": f"{base}/me/following?type=artist&after={following}&limit=2"
            if following
            else None,
            "cursors": {"after": following},
            "total": 5,
            "limit": 2,
        }

    recorder.responder = lambda request: (200, {"artists": page(request.query["after"])})

    items = [item async for item in recorded_client.paginate({"artists": page(None)})]

    assert items == [{"n": n} for n in range(5)]
    assert recorder.requests == [
        ("GET", "/me/following", {"type": "artist", "after": "b", "limit": "2"}, None),
        ("GET", "/me/following", {"type": "artist", "after": "d", "limit": "2"}, None),
    ]


async def test_a_playlist_object_is_paged_through_its_items(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=130)
    recorder.responder = pages
    embedded = pages.page(0, 100)
    playlist = {"id": PLAYLIST, "name": "Big", "items": embedded, "tracks": dict(embedded)}

    items = await recorded_client.fetch_all(playlist)

    assert items == [{"n": n} for n in range(130)]
    assert offsets_and_limits(recorder) == [(100, 50)]


async def test_a_failing_page_raises_and_nothing_is_left_running(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=500)

    def answer(request):
        if request.query["offset"] == "150":
            return 404, {"error": {"status": 404, "message": "Resource not found"}}
        return pages(request)

    recorder.responder = answer
    seen = []

    async def read_all():
        async for item in recorded_client.paginate(pages.page(0, 50)):
            seen.append(item)

    with pytest.raises(NotFoundError):
        await read_all()

    assert seen == [{"n": n} for n in range(150)]
    assert client_requests_in_flight() == []


async def test_a_fetched_page_that_is_no_paging_object_is_the_servers_fault(
    recorder, recorded_client
):
    pages = OffsetPages(recorder, ITEMS_PATH, total=500)

    def answer(request):
        if request.query["offset"] == "100":
            return 200, {"id": PLAYLIST, "items": None}
        return pages(request)

    recorder.responder = answer
    seen = []

    async def read_all():
        async for item in recorded_client.paginate(pages.page(0, 50)):
            seen.append(item)

    with pytest.raises(InvalidResponseError) as raised:
        await read_all()

    assert raised.value.text == (
        f"GET /playlists/{PLAYLIST}/items answered a dict with keys ['id', 'items'], "
        "not a paging object"
    )
    assert seen == [{"n": n} for n in range(100)]
    assert client_requests_in_flight() == []


async def test_a_page_read_ahead_whose_body_is_not_json_is_asked_for_again(
    recorder, recorded_client
):
    # pages read ahead wait undecoded; one that turns out unreadable goes the normal way
    pages = OffsetPages(recorder, ITEMS_PATH, total=300)
    broken = {"100": 1}

    def answer(request):
        offset = request.query["offset"]
        if broken.get(offset):
            broken[offset] -= 1
            return 200, b'{"href": "cut off in the mid'
        return pages(request)

    recorder.responder = answer

    items = [item async for item in recorded_client.paginate(pages.page(0, 50))]

    assert items == [{"n": n} for n in range(300)]
    assert offsets_and_limits(recorder) == [
        (50, 50),
        (100, 50),
        (100, 50),
        (150, 50),
        (200, 50),
        (250, 50),
    ]
    assert client_requests_in_flight() == []


async def test_a_next_link_answered_with_no_paging_object_is_the_servers_fault(
    recorder, recorded_client
):
    base = recorder.base_url
    first = {
        "items": [{"n": 0}],
        "next": f"{base}/me/following?type=artist&after=a&limit=1",
        "cursors": {"after": "a"},
        "limit": 1,
    }
    recorder.respond(200, [{"n": 1}])

    with pytest.raises(InvalidResponseError) as raised:
        await recorded_client.fetch_all({"artists": first})

    assert raised.value.text == "GET /me/following answered list, not a paging object"
    assert recorder.requests == [
        ("GET", "/me/following", {"type": "artist", "after": "a", "limit": "1"}, None)
    ]


async def test_breaking_out_cancels_the_pages_in_flight(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=5000)
    recorder.responder = pages

    iterator = recorded_client.paginate(pages.page(0, 50))
    async for item in iterator:
        if item["n"] == 60:
            break
    await iterator.aclose()

    assert client_requests_in_flight() == []
    assert len(recorder.requests) <= 2 * DEFAULT_CONCURRENCY


async def test_next_and_previous_still_get_the_links(recorder, recorded_client):
    pages = OffsetPages(recorder, ITEMS_PATH, total=100)
    recorder.responder = pages
    first = pages.page(0, 40)

    second = await recorded_client.next(first["next"])
    back = await recorded_client.previous(second["previous"])

    assert second == pages.page(40, 40)
    assert back == pages.page(0, 40)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ({"items": [1], "next": None}, {"items": [1], "next": None}),
        ({"tracks": {"items": [2]}}, {"items": [2]}),
        ({"items": {"items": [3]}, "tracks": {"items": [4]}, "name": "p"}, {"items": [3]}),
    ],
)
def test_paging_object_finds_the_paging_object(page, expected):
    assert paging_object(page) == expected


@pytest.mark.parametrize(
    "page",
    [
        {"tracks": {"items": []}, "albums": {"items": []}},
        {"id": "x"},
        [1, 2],
        None,
    ],
)
async def test_what_is_not_a_paged_result_is_refused(recorder, recorded_client, page):
    with pytest.raises(InvalidInputError, match="paging object"):
        await recorded_client.fetch_all(page)

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


async def test_the_10000_item_playlist_of_the_emulator_in_order(spotify_emulator, spotify_client):
    world = spotify_emulator.world
    big = next(p for p in world.playlists.created() if len(p.entries) == 10_000)
    expected = [world.catalog.ids.encode(*entry.item) for entry in big.entries]

    first = await spotify_client.playlists.get_items(big.id)
    ids = [entry["item"]["id"] async for entry in spotify_client.paginate(first)]

    assert ids == expected
    # the first page (20) and then 9,980 items in pages of 50
    assert spotify_emulator.stats()["requests"] == {
        "GET /v1/playlists/{playlist_id}/items": {"200": 1 + 200}
    }


async def test_the_saved_tracks_of_the_emulator_in_order(spotify_emulator, spotify_client):
    user = spotify_emulator.world.user(spotify_emulator.world.default_user_id)
    expected = [
        spotify_emulator.world.catalog.ids.encode("track", index)
        for index in user.library["track"].newest_first()
    ]

    saved = [
        # a relinked track (market from the token) names the saved one in linked_from
        entry["track"].get("linked_from", entry["track"])["id"]
        async for entry in spotify_client.paginate(
            await spotify_client.library.get_tracks(limit=50)
        )
    ]

    assert saved == expected
    assert len(saved) == 4000


class AbsurdTotal(OffsetPages):
    """Claims 10**8 items; really holds ``real`` (pages after them are empty)."""

    def __init__(self, recorder, path: str, real: int) -> None:
        super().__init__(recorder, path, total=real)
        self.claimed = 10**8

    def page(self, offset: int, limit: int) -> dict:
        page = super().page(offset, limit)
        page["total"] = self.claimed
        link = f"{self.base}{self.path}?offset={{}}&limit={limit}&market=DE"
        page["next"] = link.format(offset + limit)  # and always links one more page
        return page


async def test_an_absurd_total_stops_at_the_operations_largest_offset(recorder, recorded_client):
    """/search takes offsets up to 1000: 10**8 claimed items cost 20 more pages, not 2,000,000
    URLs made up front."""
    pages = AbsurdTotal(recorder, "/search", real=10**8)
    pages.total = 10**8  # every page is full: only the largest offset stops the walk
    recorder.responder = pages

    items = await recorded_client.fetch_all({"tracks": pages.page(0, 50)})

    assert items == [{"n": n} for n in range(1050)]
    assert offsets_and_limits(recorder) == [(offset, 50) for offset in range(50, 1001, 50)]


async def test_an_absurd_total_without_a_largest_offset_ends_at_the_first_empty_page(
    recorder, recorded_client
):
    """The playlist's pages past its 120 real items are empty: the walk ends there, with at
    most the read-ahead window of pages requested beyond the end."""
    pages = AbsurdTotal(recorder, "/me/tracks", real=120)
    recorder.responder = pages

    streamed = []
    async for item in recorded_client.paginate(pages.page(0, 50), read_ahead=4):
        streamed.append(item)

    assert streamed == [{"n": n} for n in range(120)]
    offsets = [offset for offset, _ in offsets_and_limits(recorder)]
    assert offsets[:3] == [50, 100, 150]
    assert len(offsets) <= 2 + 4  # the pages up to the first empty one, and what was in flight
    assert client_requests_in_flight() == []
