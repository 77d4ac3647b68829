"""AsyncSpotify's ``STATUS_CODES`` table, derived from :class:`http.HTTPStatus`."""

from __future__ import annotations

from http import HTTPStatus


def _group(low: int, high: int) -> dict[int, tuple[str, ...]]:
    return {
        status.value: (status.name.lower(),) for status in HTTPStatus if low <= status.value < high
    }


STATUS_CODES: dict[str, dict[int, tuple[str, ...]]] = {
    "OK": _group(200, 300),
    "REDIRECT": _group(300, 400),
    "CLIENT_ERROR": _group(400, 500),
    "SERVER_ERROR": _group(500, 600),
}
