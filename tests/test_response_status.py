"""ResponseStatus: the classification AsyncSpotify's tests expect, with its quirks fixed."""

from __future__ import annotations

import pytest

from async_spotify.api._response_status import ResponseStatus
from async_spotify.api._status_codes import STATUS_CODES


@pytest.mark.parametrize(
    ("code", "success", "moved", "error", "message"),
    [
        (200, True, False, False, "ok"),
        (204, True, False, False, "no_content"),
        (300, False, True, False, "multiple_choices"),
        (308, False, True, False, "permanent_redirect"),
        (400, False, False, True, "bad_request"),
        (429, False, False, True, "too_many_requests"),
        (500, False, False, True, "internal_server_error"),
        (100, False, False, True, "continue"),
        (122, False, False, True, "Unknown response code"),
        (600, False, False, True, "Unknown response code"),
    ],
)
def test_classification(code: int, success: bool, moved: bool, error: bool, message: str) -> None:
    status = ResponseStatus(code)
    assert (status.code, status.success, status.moved, status.error) == (
        code,
        success,
        moved,
        error,
    )
    assert status.message == message
    assert repr(status) == f"ResponseStatus({code}, {message!r})"


def test_status_code_table_groups() -> None:
    assert STATUS_CODES["OK"][204] == ("no_content",)
    assert 429 in STATUS_CODES["CLIENT_ERROR"]
    assert 503 in STATUS_CODES["SERVER_ERROR"]
    assert 302 in STATUS_CODES["REDIRECT"]
