"""Paging over lists of catalog entities (album tracks, show episodes, discographies, ...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from async_spotify.emulator.catalog.paging import paging

from .call import Call


def page_of(
    call: Call,
    endpoint: str,
    keys: Sequence[Any],
    render: Callable[[Any], Any],
    *,
    extra: Sequence[str] = ("market",),
) -> dict[str, Any]:
    """The requested page (``limit``/``offset`` of the call) of ``keys``, each rendered."""
    offset, limit = call.offset, call.limit
    return paging(
        f"{call.api}{endpoint}",
        [render(key) for key in keys[offset : offset + limit]],
        offset=offset,
        limit=limit,
        total=len(keys),
        extra=call.extra_query(*extra),
    )


def ids_param(call: Call) -> list[str]:
    ids: list[str] = call.params["ids"]
    return ids
