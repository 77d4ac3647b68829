"""``POST /api/token``: the three grants, answered with Spotify's bodies and error pairs.

Client authentication: a ``Basic`` header, or ``client_id`` + ``client_secret`` in the body
(confidential); ``client_id`` alone is a public client, allowed only for PKCE codes and PKCE
refresh tokens. Errors are ``400 {"error", "error_description"}`` as observed on Spotify.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from aiohttp import web

from async_spotify.emulator.errors import JSON, accounts_error

from .code_challenge import verifier_matches
from .forms import read_form
from .service import ACCOUNTS_KEY, Accounts

FORM = "application/x-www-form-urlencoded"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_GRANTS_MESSAGE = "grant_type must be client_credentials, authorization_code or refresh_token"


class _Refusal(Exception):
    """An OAuth error answer, raised from deep in a grant and answered by :func:`token`."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class _Client:
    client_id: str
    #: Authenticated with the secret (otherwise a public PKCE client).
    confidential: bool


def _invalid_client(description: str = "Invalid client") -> _Refusal:
    return _Refusal("invalid_client", description)


def _authenticate(request: web.Request, form: Mapping[str, str], accounts: Accounts) -> _Client:
    config = accounts.config
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            raise _invalid_client()
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise _invalid_client() from None
        client_id, colon, secret = decoded.partition(":")
        if not colon:
            raise _invalid_client()
    elif "client_secret" in form:
        client_id, secret = form.get("client_id", ""), form["client_secret"]
    elif "client_id" in form:
        if form["client_id"] != config.client_id:
            raise _invalid_client()
        return _Client(form["client_id"], confidential=False)
    else:
        raise _invalid_client()
    if client_id != config.client_id:
        raise _invalid_client()
    if not hmac.compare_digest(secret.encode(), config.client_secret.encode()):
        raise _invalid_client("Invalid client secret")
    return _Client(client_id, confidential=True)


def _require_secret(client: _Client) -> None:
    if not client.confidential:
        raise _invalid_client("Invalid client secret")


def _authorization_code(
    client: _Client, form: Mapping[str, str], accounts: Accounts
) -> dict[str, Any]:
    record = accounts.tokens.take_code(form.get("code", ""))
    if record is None or record.client_id != client.client_id:
        raise _Refusal("invalid_grant", "Invalid authorization code")
    if form.get("redirect_uri") != record.redirect_uri:
        raise _Refusal("invalid_grant", "Invalid redirect URI")
    grant = "authorization_code"
    if record.code_challenge is not None:
        verifier = form.get("code_verifier")
        if verifier is None:
            raise _Refusal("invalid_request", "code_verifier required")
        if not verifier_matches(verifier, record.code_challenge):
            raise _Refusal("invalid_grant", "code_verifier was incorrect")
        grant = "pkce"
    else:
        _require_secret(client)
    accounts.stats.tokens[grant] += 1
    return accounts.tokens.issue_user_token(
        client_id=client.client_id, user_id=record.user_id, scopes=record.scopes, grant=grant
    )


def _refresh_token(client: _Client, form: Mapping[str, str], accounts: Accounts) -> dict[str, Any]:
    token = form.get("refresh_token", "")
    record = accounts.tokens.lookup_refresh(token)
    if record is None or record.client_id != client.client_id:
        raise _Refusal("invalid_grant", "Invalid refresh token")
    if record.grant != "pkce":
        _require_secret(client)
    if accounts.tokens.is_dead(record):
        raise _Refusal("invalid_grant", "Refresh token revoked")
    rotate = record.grant == "pkce" or accounts.config.rotate_refresh_tokens
    accounts.stats.tokens["refresh_token"] += 1
    return accounts.tokens.refresh(token, rotate=rotate)


def _client_credentials(client: _Client, accounts: Accounts) -> dict[str, Any]:
    _require_secret(client)
    accounts.stats.tokens["client_credentials"] += 1
    return accounts.tokens.issue_client_token(client.client_id)


async def token(request: web.Request) -> web.Response:
    accounts = request.app[ACCOUNTS_KEY]
    if request.content_type != FORM:
        return accounts_error("unsupported_grant_type", "grant_type parameter is missing")
    form = await read_form(request)
    grant_type = form.get("grant_type")
    if not grant_type:
        return accounts_error("unsupported_grant_type", "grant_type parameter is missing")
    if grant_type not in ("authorization_code", "refresh_token", "client_credentials"):
        return accounts_error("unsupported_grant_type", _GRANTS_MESSAGE)
    try:
        client = _authenticate(request, form, accounts)
        if grant_type == "authorization_code":
            answer = _authorization_code(client, form, accounts)
        elif grant_type == "refresh_token":
            answer = _refresh_token(client, form, accounts)
        else:
            answer = _client_credentials(client, accounts)
    except _Refusal as refusal:
        return accounts_error(refusal.error, refusal.description)
    return web.Response(body=orjson.dumps(answer), content_type=JSON, headers=_NO_STORE)
