"""Iterate over every item of a paged Spotify result, fetching the pages concurrently when it can.

Offset paging (``{items, next, offset, limit, total}``) and cursor paging (``{items, next,
cursors}``) both carry an absolute ``next`` URL; following it until it is null walks them all,
one page after the other. That costs one round trip per page: 200 round trips for a playlist of
10,000 items. An offset-paged result says how many items there are (``total``), so the URLs of
all the remaining pages are known at once: they are fetched ``concurrency`` at a time, with the
largest page the operation allows, and their items are still yielded in order.

A page is decoded as soon as it arrives, so every page requested ahead of the consumer may end up
held in memory at once: :func:`paginate` requests at most ``read_ahead`` pages ahead of the one
the consumer is on, which bounds what streaming holds whatever the consumer's pace.

``total`` is Spotify's word, not a promise: the page URLs are made one at a time as pages are
requested (a page claiming ``total: 10**8`` costs nothing up front), never beyond the operation's
largest offset (search: 1000), and the walk ends at the first page that comes back empty or
without ``next``, whatever ``total`` said. The page size is the largest the app's mode allows
(search: 50 with extended quota, 10 in development mode).

Some results wrap the paging object (search: ``{"tracks": {...}}``; followed artists:
``{"artists": {...}}``; a playlist: ``{"items": {...}, ...}``): the wrapped one is used.
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator, Mapping
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, TypeGuard, TypeVar, overload
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import orjson

from async_spotify.app_mode import AppMode, check_app_mode
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.request_handler import ApiRequestHandler
from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InvalidInputError, InvalidResponseError
from async_spotify.transport.codec import decode_json
from async_spotify.types import CursorPaging, Paging, PlaylistObject, PlaylistTrackObject
from async_spotify.validation import limit_bounds

#: The item type of a paged result (``Paging[SimplifiedTrackObject]`` -> SimplifiedTrackObject).
_ItemT = TypeVar("_ItemT")

#: Pages in flight at once on the concurrent path. Spotify counts requests per 30 seconds, not
#: connections, so this changes how soon the pages arrive, not how many requests are made. At
#: 50 ms per answer, 32 keeps a 10,000-item playlist (200 pages of 50) under 0.7 s where 16
#: would need 0.65 s of round trips alone.
DEFAULT_CONCURRENCY = 32

#: Pages :func:`paginate` requests ahead of the page its consumer is on (in flight, or decoded and
#: waiting). A decoded page of 50 playlist items is about 2.8 MiB of Python objects: 16 pages
#: keep streaming a 10,000-item playlist near 50 MiB where 32 held 97 MiB. :func:`fetch_all`
#: keeps every item anyway, so it reads ``concurrency`` pages ahead.
DEFAULT_READ_AHEAD = 16


@dataclass(frozen=True, slots=True)
class _PageBounds:
    """The largest ``limit`` and ``offset`` an offset-paged operation accepts."""

    max_limit: int | None
    max_offset: int | None


def _paged_operations() -> tuple[tuple[re.Pattern[str], str, int | None], ...]:
    """Every offset-paged GET of the spec: its path as a regex, its id and its largest offset."""
    table = []
    for spec in OPERATION_SPECS.values():
        bounds = {parameter.name: parameter.maximum for parameter in spec.parameters}
        if spec.method != "GET" or "offset" not in bounds:
            continue
        pattern = re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(spec.path))
        max_offset = bounds["offset"]
        table.append(
            (
                re.compile(pattern + "/?"),
                spec.operation_id,
                int(max_offset) if max_offset is not None else None,
            )
        )
    return tuple(table)


_PAGED_OPERATIONS = _paged_operations()


def paging_object(page: Mapping[str, Any]) -> Mapping[str, Any]:
    """The paging object in ``page``: ``page`` itself, or the one it wraps.

    A playlist wraps two (``items`` and the deprecated ``tracks``): ``items`` is used.
    ``page`` is what the caller passed in, so anything else is a usage error.
    """
    found = _find_paging_object(page)
    if found is None:
        raise InvalidInputError(
            "paginate() needs a paging object (a dict with 'items' and 'next'), or a result "
            f"that wraps exactly one, not {_describe(page)}"
        )
    return found


def _fetched_paging_object(answer: object, base_url: str, url: str) -> Mapping[str, Any]:
    """The paging object in the answer to ``GET url``: the server's fault if there is none."""
    found = _find_paging_object(answer)
    if found is None:
        raise InvalidResponseError(
            f"GET {_route(base_url, url)} answered {_describe(answer)}, not a paging object"
        )
    return found


def _find_paging_object(page: object) -> Mapping[str, Any] | None:
    if not isinstance(page, Mapping):
        return None
    if isinstance(page.get("items"), list):
        return page
    wrapped = page.get("items")
    if isinstance(wrapped, Mapping) and isinstance(wrapped.get("items"), list):
        return wrapped
    inner = [
        value
        for value in page.values()
        if isinstance(value, Mapping) and isinstance(value.get("items"), list)
    ]
    return inner[0] if len(inner) == 1 else None


@overload
def paginate(
    handler: ApiRequestHandler,
    page: Paging[_ItemT] | CursorPaging[_ItemT],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    read_ahead: int = DEFAULT_READ_AHEAD,
    app_mode: AppMode = "extended",
) -> AsyncIterator[_ItemT]: ...


@overload
def paginate(
    handler: ApiRequestHandler,
    page: PlaylistObject,
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    read_ahead: int = DEFAULT_READ_AHEAD,
    app_mode: AppMode = "extended",
) -> AsyncIterator[PlaylistTrackObject]: ...


@overload
def paginate(
    handler: ApiRequestHandler,
    page: Mapping[str, Any],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    read_ahead: int = DEFAULT_READ_AHEAD,
    app_mode: AppMode = "extended",
) -> AsyncIterator[Any]: ...


async def paginate(
    handler: ApiRequestHandler,
    page: Mapping[str, Any],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    read_ahead: int = DEFAULT_READ_AHEAD,
    app_mode: AppMode = "extended",
) -> AsyncIterator[Any]:
    """Yield every item of ``page`` and of the pages after it, in order.

    ``concurrency`` bounds the pages in flight on the concurrent path (1 walks the pages one by
    one); ``read_ahead`` bounds the pages requested ahead of the one being yielded, in flight
    or decoded, so ``min(concurrency, read_ahead)`` pages are fetched at once. Breaking out of
    the loop cancels the pages still in flight. ``app_mode`` sets the largest page size.
    """
    _check_positive("concurrency", concurrency)
    _check_positive("read_ahead", read_ahead)
    check_app_mode(app_mode)
    current = paging_object(page)
    for item in current["items"]:
        yield item
    bounds = _bounds(handler.base_url, current.get("next"), app_mode)
    window = min(concurrency, read_ahead)
    if window > 1:
        urls = _remaining_page_urls(current, bounds)
        if urls is not None:
            pages = _pages_in_order(handler, urls, auth_token, window)
            async with aclosing(pages):  # a consumer that stops early cancels what is in flight
                async for fetched in pages:
                    current = fetched
                    for item in current["items"]:
                        yield item
            if not current["items"]:
                return  # an empty page: the end, whatever the first page's total claimed
    while True:
        next_url = current.get("next")
        if not next_url or _beyond(next_url, bounds):
            return
        answer = await handler.request("GET", next_url, auth_token=auth_token)
        current = _fetched_paging_object(answer, handler.base_url, next_url)
        if not current["items"]:
            return  # a server that keeps linking empty pages must not keep us walking
        for item in current["items"]:
            yield item


@overload
async def fetch_all(
    handler: ApiRequestHandler,
    page: Paging[_ItemT] | CursorPaging[_ItemT],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    app_mode: AppMode = "extended",
) -> list[_ItemT]: ...


@overload
async def fetch_all(
    handler: ApiRequestHandler,
    page: PlaylistObject,
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    app_mode: AppMode = "extended",
) -> list[PlaylistTrackObject]: ...


@overload
async def fetch_all(
    handler: ApiRequestHandler,
    page: Mapping[str, Any],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    app_mode: AppMode = "extended",
) -> list[Any]: ...


async def fetch_all(
    handler: ApiRequestHandler,
    page: Mapping[str, Any],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    app_mode: AppMode = "extended",
) -> list[Any]:
    """Every item of ``page`` and of the pages after it, as one list.

    Every item is kept, so reading ahead holds nothing that would not be held a moment later:
    the pages are read ``concurrency`` ahead, not :data:`DEFAULT_READ_AHEAD`.
    """
    pages = paginate(
        handler,
        page,
        auth_token=auth_token,
        concurrency=concurrency,
        read_ahead=concurrency,
        app_mode=app_mode,
    )
    return [item async for item in pages]


def _check_positive(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(f"{name} must be a positive int, not {value!r}")


def _bounds(base_url: str, next_url: object, app_mode: AppMode) -> _PageBounds | None:
    """The bounds of the operation ``next_url`` pages through (None if it is not known)."""
    if not isinstance(next_url, str):
        return None
    path = _route(base_url, next_url)
    for pattern, operation_id, max_offset in _PAGED_OPERATIONS:
        if pattern.fullmatch(path):
            try:
                max_limit: int | None = limit_bounds(operation_id, app_mode)[1]
            except KeyError:
                max_limit = None
            return _PageBounds(max_limit, max_offset)
    return None


def _remaining_page_urls(
    page: Mapping[str, Any], bounds: _PageBounds | None
) -> Iterator[str] | None:
    """The URLs of the pages after ``page``, made one at a time, if it is offset-paged with a
    known total (None otherwise); never beyond the operation's largest offset."""
    next_url, total = page.get("next"), page.get("total")
    if not isinstance(next_url, str) or not _is_int(total) or not _is_int(page.get("offset")):
        return None
    parameters = dict(parse_qsl(urlsplit(next_url).query))
    start_text = parameters.get("offset", "")
    limit_text = parameters.get("limit", str(page.get("limit")))
    if not (start_text.isdigit() and limit_text.isdigit()):
        return None
    start, limit = int(start_text), int(limit_text)
    if bounds is not None and bounds.max_limit is not None:
        limit = bounds.max_limit
    if limit < 1:
        return None
    end = total
    if bounds is not None and bounds.max_offset is not None:
        end = min(end, bounds.max_offset + 1)
    if start >= end:
        return None
    return (_with_page(next_url, offset, limit) for offset in range(start, end, limit))


def _beyond(next_url: str, bounds: _PageBounds | None) -> bool:
    """Whether ``next_url`` asks for an offset the operation refuses (search: above 1000)."""
    if bounds is None or bounds.max_offset is None:
        return False
    offset = dict(parse_qsl(urlsplit(next_url).query)).get("offset", "0")
    return offset.isdigit() and int(offset) > bounds.max_offset


def _with_page(url: str, offset: int, limit: int) -> str:
    """``url`` with its ``offset`` and ``limit`` replaced; every other parameter kept verbatim."""
    parts = urlsplit(url)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not pair.startswith(("offset=", "limit="))
    ]
    query = "&".join([*kept, f"offset={offset}", f"limit={limit}"])
    return urlunsplit(parts._replace(query=query))


async def _pages_in_order(
    handler: ApiRequestHandler,
    urls: Iterable[str],
    auth_token: SpotifyAuthorisationToken | None,
    concurrency: int,
) -> AsyncGenerator[Mapping[str, Any], None]:
    """Fetch ``urls`` with at most ``concurrency`` in flight; yield the pages in ``urls`` order.

    A page is requested when the consumer takes one, so no more than ``concurrency`` pages are
    ever ahead of the consumer, in flight or read. A page that is empty or has no ``next``
    ends the walk: the pages requested after it are cancelled.

    Pages read ahead wait as the bytes they came in and are decoded when the consumer reaches
    them: bytes take a fraction of the memory of the objects they decode to (a streamed
    10,000-item playlist peaks at 18 MiB instead of 52), and the objects are made, used and
    freed while they are in the CPU's caches (decoding on arrival cost the streamed path 1.9x
    the decoding alone). A body that is not JSON is asked for again on the normal path, which
    retries it like any unreadable answer.
    """
    remaining: Iterator[str] = iter(urls)
    in_flight: deque[tuple[str, asyncio.Future[Any]]] = deque()

    def launch() -> None:
        url = next(remaining, None)
        if url is not None:
            request = handler.request("GET", url, auth_token=auth_token, raw=True)
            in_flight.append((url, asyncio.ensure_future(request)))

    try:
        for _ in range(concurrency):
            launch()
        while in_flight:
            url, future = in_flight[0]
            body: bytes = await future
            in_flight.popleft()
            try:
                answer = decode_json(body) if body else {}
            except orjson.JSONDecodeError:
                answer = await handler.request("GET", url, auth_token=auth_token)
            fetched = _fetched_paging_object(answer, handler.base_url, url)
            if not fetched["items"] or not fetched.get("next"):
                yield fetched
                return  # the end: `finally` cancels what was requested beyond it
            launch()
            yield fetched
    finally:
        futures = [future for _, future in in_flight]
        for future in futures:
            future.cancel()
        await asyncio.gather(*futures, return_exceptions=True)


def _route(base_url: str, url: str) -> str:
    """The path of ``url`` below ``base_url`` (no host, no query): enough to name the request."""
    path = urlsplit(url).path
    base_path = urlsplit(base_url).path
    return path[len(base_path) :] if base_path and path.startswith(base_path) else path


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: object) -> str:
    if isinstance(value, Mapping):
        return f"a dict with keys {sorted(map(str, value))[:8]}"
    return type(value).__name__
