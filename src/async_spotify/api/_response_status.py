"""AsyncSpotify's ``ResponseStatus``: classify an HTTP status as success, moved or error.

Unlike AsyncSpotify, 1xx codes are not successes and every code has its proper name.
"""

from __future__ import annotations

from http import HTTPStatus


class ResponseStatus:
    """``success`` for 2xx, ``moved`` for 3xx, ``error`` for everything else."""

    def __init__(self, status_code: int) -> None:
        self.code = status_code
        self.success = 200 <= status_code < 300
        self.moved = 300 <= status_code < 400
        self.error = not (self.success or self.moved)
        try:
            self.message = HTTPStatus(status_code).name.lower()
        except ValueError:
            self.message = "Unknown response code"

    def __repr__(self) -> str:
        return f"ResponseStatus({self.code}, {self.message!r})"
