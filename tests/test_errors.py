"""The error tree: AsyncSpotify's classes and payloads, plus status, reason, headers."""

from __future__ import annotations

import pytest

from async_spotify import spotify_errors as errors
from async_spotify._error_message import ErrorMessage
from async_spotify.spotify_errors import (
    BadRequestError,
    InvalidInputError,
    RateLimitExceeded,
    ReauthorizationRequired,
    SpotifyAPIError,
    SpotifyBaseError,
    SpotifyError,
    SpotifyTimeoutError,
    TokenExpired,
)


def test_every_public_error_is_a_spotify_base_error() -> None:
    classes = [getattr(errors, name) for name in errors.__all__ if name[0].isupper()]
    assert len(classes) == 19
    assert all(issubclass(cls, SpotifyBaseError) for cls in classes)


def test_local_error_payload_and_accessors() -> None:
    error = SpotifyError("You have to enable hold_authentication")
    assert error.get_json() == {
        "error": {"status": 0, "message": "You have to enable hold_authentication"}
    }
    assert error.message == error.get_json()
    assert error.status == 0
    assert error.text == "You have to enable hold_authentication"
    assert str(error) == str(error.get_json())


def test_api_error_keeps_spotifys_body_status_reason_and_headers() -> None:
    body = {
        "error": {
            "status": 404,
            "message": "Player command failed: No active device found",
            "reason": "NO_ACTIVE_DEVICE",
        }
    }
    error = SpotifyAPIError(body, headers={"X-Test": "1"})
    assert error.status == 404
    assert error.reason == "NO_ACTIVE_DEVICE"
    assert error.headers == {"X-Test": "1"}
    assert error.get_json() is error.message
    assert "No active device" in repr(error)


def test_subclass_defaults_and_old_excepts_still_catch() -> None:
    assert BadRequestError({}).status == 400
    assert TokenExpired({}).status == 401
    limited = RateLimitExceeded({}, 2.5)
    assert (limited.status, limited.retry_after) == (429, 2.5)
    with pytest.raises(SpotifyAPIError):
        raise BadRequestError({"error": {"status": 400, "message": "invalid id"}})
    with pytest.raises(ValueError, match="bad"):
        raise InvalidInputError("bad")
    with pytest.raises(TimeoutError):
        raise SpotifyTimeoutError("slow")
    refused = ReauthorizationRequired("invalid_grant", "Refresh token revoked")
    assert isinstance(refused, SpotifyError)
    assert refused.error == "invalid_grant"
    assert refused.text == "invalid_grant: Refresh token revoked"


def test_error_message_compat() -> None:
    assert ErrorMessage(3, "x").__dict__ == {"error": {"status": 3, "message": "x"}}
    assert ErrorMessage().__dict__ == {"error": {"status": 0, "message": ""}}
