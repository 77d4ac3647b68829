"""The error tree: AsyncSpotify's classes and payloads, plus status, reason, headers."""

from __future__ import annotations

import pytest

from async_spotify import spotify_errors as errors
from async_spotify._error_message import ErrorMessage
from async_spotify.spotify_errors import (
    AuthorizationError,
    BadRequestError,
    InvalidInputError,
    InvalidRequestError,
    NotFoundError,
    RateLimitExceeded,
    ReauthorizationRequired,
    SpotifyAPIError,
    SpotifyBaseError,
    SpotifyError,
    SpotifyTimeoutError,
    StateMismatchError,
    TokenExpired,
)


def test_every_public_error_is_a_spotify_base_error() -> None:
    classes = [getattr(errors, name) for name in errors.__all__ if name[0].isupper()]
    assert len(classes) == 22  # InsufficientScopeError joined the tree
    assert all(issubclass(cls, SpotifyBaseError) for cls in classes)


def test_local_error_payload_and_accessors() -> None:
    error = SpotifyError("You have to enable hold_authentication")
    assert error.get_json() == {
        "error": {"status": 0, "message": "You have to enable hold_authentication"}
    }
    assert error.message == error.get_json()
    assert error.status == 0
    assert error.text == "You have to enable hold_authentication"
    assert str(error) == "You have to enable hold_authentication"  # nothing was answered


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


def test_str_reads_as_a_sentence_and_get_json_keeps_the_dict() -> None:
    body = {"error": {"status": 404, "message": "Resource not found"}}
    error = NotFoundError(body, status=404, request="GET /v1/albums/xyz")
    assert str(error) == "404 Not Found: GET /v1/albums/xyz: Resource not found"
    assert error.get_json() == body
    assert str(TokenExpired({})) == "401 Unauthorized"
    assert str(SpotifyAPIError({"error": {"status": 502, "message": "Bad gateway"}})) == (
        "502 Bad Gateway: Bad gateway"
    )


def test_str_shortens_what_it_quotes() -> None:
    error = NotFoundError(
        {"error": {"status": 404, "message": "m" * 5000}},
        status=404,
        request="GET /v1/albums/" + "x" * 10_000,
    )
    text = str(error)
    assert len(text) < 600
    assert "(10015 characters)" in text  # the request's full length is named
    assert "(5000 characters)" in text
    assert error.get_json()["error"]["message"] == "m" * 5000  # the payload is kept whole


def test_input_0_4_4_sent_is_also_a_spotify_api_error_with_spotifys_400_payload() -> None:
    error = InvalidRequestError("get-an-album: id='somerandomstring' is not a Spotify id")
    assert isinstance(error, InvalidInputError)
    assert isinstance(error, ValueError)
    assert isinstance(error, SpotifyAPIError)
    assert isinstance(error, BadRequestError)
    assert error.status == 400
    assert error.get_json() == {
        "error": {
            "status": 400,
            "message": "get-an-album: id='somerandomstring' is not a Spotify id",
        }
    }
    assert str(error) == "get-an-album: id='somerandomstring' is not a Spotify id"


def test_dead_refresh_token_is_caught_by_token_expired_and_spotify_error() -> None:
    refused = ReauthorizationRequired("invalid_grant", "Refresh token revoked")
    assert isinstance(refused, TokenExpired)
    assert isinstance(refused, SpotifyError)  # 0.4.4 raised Accounts failures as SpotifyError
    assert isinstance(refused, AuthorizationError)
    assert str(refused) == "400 Bad Request: POST /api/token: invalid_grant: Refresh token revoked"


def test_a_state_mismatch_is_refused_input() -> None:
    assert issubclass(StateMismatchError, InvalidInputError)
    assert not issubclass(StateMismatchError, SpotifyAPIError)


def test_a_message_the_library_builds_is_shortened_whatever_it_quotes() -> None:
    error = InvalidInputError(f"public must be True or False, not {['x'] * 10_000!r}")
    assert len(error.text) == 1000
    assert error.text.endswith("... (50034 characters)")
    assert error.get_json()["error"]["message"] == error.text
