"""Audiobooks and chapters: one, several, an audiobook's chapters."""

from __future__ import annotations

from aiohttp import web

from .call import Call, Handler
from .catalog_pages import ids_param, page_of
from .podcasts import with_resume_point
from .responses import json_response


async def get_an_audiobook(call: Call) -> web.Response:
    """GET /audiobooks/{id} (its first 50 chapters embedded, each with the user's
    ``resume_point`` when the token has ``user-read-playback-position``, as on Spotify)."""
    book = call.path_index("audiobook")
    obj = dict(call.render.audiobook(book))
    chapters = obj["chapters"]
    obj["chapters"] = {
        **chapters,
        "items": [
            with_resume_point(call, "chapter", c, call.render.chapter_simple(c))
            for c in call.catalog.records.audiobook(book).chapters[: len(chapters["items"])]
        ],
    }
    return json_response(obj)


async def get_multiple_audiobooks(call: Call) -> web.Response:
    """GET /audiobooks?ids= (max 50; ``null`` for unknown IDs)."""
    books = call.id_list("audiobook", ids_param(call))
    return json_response(
        {"audiobooks": [None if b is None else call.render.audiobook(b) for b in books]}
    )


async def get_audiobook_chapters(call: Call) -> web.Response:
    """GET /audiobooks/{id}/chapters (offset paging 20/50)."""
    book = call.path_index("audiobook")
    return json_response(
        page_of(
            call,
            f"/audiobooks/{call.path('id')}/chapters",
            call.catalog.records.audiobook(book).chapters,
            lambda c: with_resume_point(call, "chapter", c, call.render.chapter_simple(c)),
        )
    )


async def get_a_chapter(call: Call) -> web.Response:
    """GET /chapters/{id}."""
    chapter = call.path_index("chapter")
    return json_response(with_resume_point(call, "chapter", chapter, call.render.chapter(chapter)))


async def get_several_chapters(call: Call) -> web.Response:
    """GET /chapters?ids= (max 50; ``null`` for unknown IDs)."""
    chapters = call.id_list("chapter", ids_param(call))
    return json_response(
        {
            "chapters": [
                None if c is None else with_resume_point(call, "chapter", c, call.render.chapter(c))
                for c in chapters
            ]
        }
    )


HANDLERS: dict[str, Handler] = {
    "get-an-audiobook": get_an_audiobook,
    "get-multiple-audiobooks": get_multiple_audiobooks,
    "get-audiobook-chapters": get_audiobook_chapters,
    "get-a-chapter": get_a_chapter,
    "get-several-chapters": get_several_chapters,
}
