"""Authorization flows: fields, env and docker-secret loading, item access, secrets hidden."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from async_spotify import AuthorizationCodeFlow, ClientCredentialsFlow, PKCEFlow
from async_spotify.auth.pkce import code_challenge, is_valid_code_verifier
from async_spotify.authentification.authorization_flows import (
    AuthorizationCodeFlow as CompatCodeFlow,
)
from async_spotify.authentification.authorization_flows.authorization_code_flow import (
    AuthorizationCodeFlow as DeepCodeFlow,
)
from async_spotify.authentification.authorization_flows.client_credentials_flow import (
    ClientCredentialsFlow as DeepCredentialsFlow,
)


def test_compat_import_paths_are_the_same_classes() -> None:
    assert CompatCodeFlow is DeepCodeFlow is AuthorizationCodeFlow
    assert DeepCredentialsFlow is ClientCredentialsFlow


def test_validity() -> None:
    assert AuthorizationCodeFlow("id", "secret", None, "https://x.example/cb").valid
    assert not AuthorizationCodeFlow("id", None, ["a"], "https://x.example/cb").valid
    assert not AuthorizationCodeFlow("id", "secret", ["a"], None).valid
    assert ClientCredentialsFlow("id", "secret").valid
    assert not ClientCredentialsFlow("id", "").valid
    assert PKCEFlow("id", None, "http://127.0.0.1:9/cb").valid
    assert not PKCEFlow(None, None, "http://127.0.0.1:9/cb").valid


@pytest.fixture
def clean_env() -> Iterator[None]:
    """Restore the process environment after a test that writes to it."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.mark.usefixtures("clean_env")
def test_load_from_env_and_save_round_trip() -> None:
    os.environ.update(
        application_id="env-id",
        application_secret="env-secret",
        scopes="user-read-private playlist-read-private",
        redirect_url="http://127.0.0.1:8888/callback",
    )
    flow = AuthorizationCodeFlow()
    flow.load_from_env()
    assert flow == AuthorizationCodeFlow(
        "env-id",
        "env-secret",
        ["user-read-private", "playlist-read-private"],
        "http://127.0.0.1:8888/callback",
    )
    del os.environ["scopes"]
    flow.scopes = ["a", "b"]
    flow.application_secret = None
    flow.save_to_env()
    assert os.environ["scopes"] == "a b"
    assert os.environ["application_id"] == "env-id"
    assert os.environ["application_secret"] == "env-secret"  # an unset field writes nothing
    # An empty variable is no value: the field keeps what it has.
    os.environ["application_id"] = ""
    flow.load_from_env()
    assert flow.application_id == "env-id"
    assert flow != "env-id"  # a flow equals only a flow of its kind
    assert flow != PKCEFlow("env-id", ["a", "b"], "http://127.0.0.1:8888/callback")


def test_load_from_docker_secret_keeps_missing_fields(tmp_path: Path) -> None:
    (tmp_path / "application_id").write_text("docker-id\n")
    (tmp_path / "scopes").write_text("user-top-read user-follow-read\n")
    flow = AuthorizationCodeFlow("old-id", "old-secret", None, "https://a.example/cb")
    flow.load_from_docker_secret(str(tmp_path))
    assert flow.application_id == "docker-id"
    assert flow.application_secret == "old-secret"
    assert flow.scopes == ["user-top-read", "user-follow-read"]


def test_item_access_and_unknown_keys() -> None:
    flow = ClientCredentialsFlow("id", "secret")
    assert flow["application_id"] == "id"
    flow["application_secret"] = "other"
    assert flow.application_secret == "other"
    with pytest.raises(KeyError):
        flow["scopes"]
    with pytest.raises(KeyError):
        flow["nope"] = 1


def test_reprs_hide_the_secret_and_the_verifier() -> None:
    code = AuthorizationCodeFlow("id", "the-secret", ["s"], "https://a.example/cb")
    assert "the-secret" not in repr(code) and "'id'" in repr(code)
    pkce = PKCEFlow("id", ["s"], "http://127.0.0.1:1/cb")
    assert pkce.code_verifier not in repr(pkce)


def test_pkce_begin_draws_a_new_verifier_and_state() -> None:
    flow = PKCEFlow("id", ["s"], "http://127.0.0.1:1/cb")
    first_verifier = flow.code_verifier
    state = flow.begin()
    assert flow.state == state and state
    assert flow.code_verifier != first_verifier
    assert is_valid_code_verifier(flow.code_verifier)
    assert flow.code_challenge == code_challenge(flow.code_verifier)
    assert flow.begin("given") == "given"


def test_scopes_given_as_one_string_are_space_separated_scopes() -> None:
    flow = AuthorizationCodeFlow("id", "secret", "user-read-private", "https://app.example/cb")
    assert flow.scopes == ["user-read-private"]  # not ["u", "s", "e", "r", ...]
    pkce = PKCEFlow("id", "user-read-private  playlist-read-private", "https://app.example/cb")
    assert pkce.scopes == ["user-read-private", "playlist-read-private"]
    flow["scopes"] = "user-top-read"
    assert flow.scopes == ["user-top-read"]
    assert AuthorizationCodeFlow("id", "s", ("a", "b"), "https://x/cb").scopes == ["a", "b"]


@pytest.mark.parametrize(
    ("scopes", "message"),
    [
        (5, "scopes must be a list of scope names or one space-separated str, not int"),
        (["user-read-private", 3], "scopes must be scope names (str without spaces), not 3"),
        (["a b"], "scopes must be scope names (str without spaces), not 'a b'"),
    ],
)
def test_scopes_of_another_kind_are_refused_naming_them(scopes: object, message: str) -> None:
    from async_spotify import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        AuthorizationCodeFlow("id", "secret", scopes, "https://app.example/cb")  # type: ignore[arg-type]
    assert caught.value.text == message
