"""SpotifyAuthorisationToken: AsyncSpotify's fields, plus a truthful expiry."""

from __future__ import annotations

import time

from async_spotify import SpotifyAuthorisationToken
from async_spotify.authentification.spotify_authorization_token import (
    SpotifyAuthorisationToken as DeepImport,
)


def test_positional_order_is_asyncspotifys() -> None:
    token = SpotifyAuthorisationToken("1", 2, "3")
    assert (token.refresh_token, token.activation_time, token.access_token) == ("1", 2, "3")
    assert DeepImport is SpotifyAuthorisationToken


def test_valid_needs_access_token_and_activation_time() -> None:
    assert SpotifyAuthorisationToken("r", 1, "a").valid
    assert not SpotifyAuthorisationToken("r", None, "a").valid
    assert not SpotifyAuthorisationToken("r", 1, None).valid


def test_expiry_of_a_standard_token_matches_asyncspotify_threshold() -> None:
    now = int(time.time())
    assert not SpotifyAuthorisationToken("r", now, "a").is_expired()
    assert SpotifyAuthorisationToken("r", now - 3401, "a").is_expired()
    assert not SpotifyAuthorisationToken("r", now - 3399, "a").is_expired()


def test_expiry_uses_expires_in_with_a_proportional_margin() -> None:
    token = SpotifyAuthorisationToken("r", 1000, "a", expires_in=60)
    assert not token.is_expired(now=1000 + 53)
    assert token.is_expired(now=1000 + 54)  # 60 s lifetime, 6 s margin
    assert token.expires_at == 1060
    assert token.is_expired(margin=0, now=1060)
    assert not token.is_expired(margin=0, now=1059)


def test_blank_token_is_expired_and_never_raises() -> None:
    assert SpotifyAuthorisationToken().is_expired()
    assert SpotifyAuthorisationToken(activation_time=5).is_expired()
    assert SpotifyAuthorisationToken().expires_at is None


def test_from_response_records_everything_and_keeps_old_refresh_token() -> None:
    body = {
        "access_token": "acc",
        "token_type": "Bearer",
        "scope": "user-read-private user-read-email",
        "expires_in": 3600,
    }
    token = SpotifyAuthorisationToken.from_response(body, previous_refresh_token="old", now=100.7)
    assert token.refresh_token == "old"
    assert token.activation_time == 100
    assert token.access_token == "acc"
    assert token.expires_in == 3600
    assert token.scopes == frozenset({"user-read-private", "user-read-email"})
    assert token.token_type == "Bearer"


def test_from_response_takes_a_rotated_refresh_token() -> None:
    token = SpotifyAuthorisationToken.from_response(
        {"access_token": "a", "refresh_token": "new", "expires_in": 3600},
        previous_refresh_token="old",
    )
    assert token.refresh_token == "new"


def test_equality_copy_update_clear_and_dict_round_trip() -> None:
    token = SpotifyAuthorisationToken("r", 1, "a", expires_in=3600, scope="s", token_type="Bearer")
    copy = token.copy()
    assert copy == token and copy is not token
    other = SpotifyAuthorisationToken()
    other.update_from(token)
    assert other == token
    assert SpotifyAuthorisationToken.from_dict(token.to_dict()) == token
    other.clear()
    assert other == SpotifyAuthorisationToken()
    assert token != SpotifyAuthorisationToken("r", 1, "b")


def test_repr_hides_the_secrets() -> None:
    token = SpotifyAuthorisationToken("refresh-secret", 1, "access-secret", scope="x")
    for text in (repr(token), str(token)):
        assert "refresh-secret" not in text and "access-secret" not in text
        assert "***" in text


def test_a_token_answer_with_a_field_of_the_wrong_type_is_an_invalid_response() -> None:
    import pytest

    from async_spotify import InvalidResponseError

    body = {"access_token": "secret-access", "scope": 5, "expires_in": 3600}
    with pytest.raises(InvalidResponseError) as caught:
        SpotifyAuthorisationToken.from_response(body)
    assert caught.value.text == "POST /api/token answered scope as an int, expected a str"
    with pytest.raises(InvalidResponseError, match="expires_in as a str"):
        SpotifyAuthorisationToken.from_response({"access_token": "a", "expires_in": "3600"})
    with pytest.raises(InvalidResponseError, match="access_token as null"):
        SpotifyAuthorisationToken.from_response({"scope": "x"})


def test_from_dict_names_a_field_of_the_wrong_type() -> None:
    import pytest

    from async_spotify import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        SpotifyAuthorisationToken.from_dict({"access_token": 5})
    assert caught.value.text == "token field 'access_token' must be a str or null, not an int"
    with pytest.raises(InvalidInputError, match="a token must be a mapping of its fields, not a"):
        SpotifyAuthorisationToken.from_dict("abc")  # type: ignore[arg-type]
