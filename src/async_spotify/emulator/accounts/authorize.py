"""``GET /authorize`` and the consent form it leads to.

Checks run in Spotify's order. Problems with the client or the redirect URI are shown as an
error page (the redirect URI cannot be trusted yet); later problems go back to the app as
``?error=...&state=...``. ``response_type=token`` (the implicit grant, removed on 2025-11-27)
is answered in the fragment with ``unsupported_response_type``, as Spotify now does.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit, urlunsplit

from aiohttp import web

from .code_challenge import is_valid_challenge
from .consent_page import consent_page, error_page
from .forms import read_form
from .redirect_uris import find_registered, is_insecure
from .scopes import parse_scope_param, unknown_scopes
from .service import ACCOUNTS_KEY, Accounts, AuthorizationRequest

#: User IDs are free-form on Spotify; the emulator only keeps out what breaks a URL path.
_USERNAME = re.compile(r"[^\s/?#%]{1,64}")


def redirect_to(
    redirect_uri: str, params: dict[str, str], *, fragment: bool = False
) -> web.Response:
    """A 302 back to the app with ``params`` added to the query (or the fragment)."""
    parts = urlsplit(redirect_uri)
    encoded = urlencode(params)
    if fragment:
        parts = parts._replace(fragment=encoded)
    else:
        parts = parts._replace(query=f"{parts.query}&{encoded}" if parts.query else encoded)
    return web.Response(status=302, headers={"Location": urlunsplit(parts)})


def _with_state(params: dict[str, str], state: str | None) -> dict[str, str]:
    return params if state is None else {**params, "state": state}


async def authorize(request: web.Request) -> web.Response:
    accounts = request.app[ACCOUNTS_KEY]
    query = request.query
    if query.get("client_id") != accounts.config.client_id:
        return error_page("INVALID_CLIENT: Invalid client")
    redirect_uri = query.get("redirect_uri", "")
    if redirect_uri and is_insecure(redirect_uri):
        return error_page("INVALID_CLIENT: Insecure redirect URI")
    if find_registered(redirect_uri, accounts.config.redirect_uris) is None:
        return error_page("INVALID_CLIENT: Invalid redirect URI")
    state = query.get("state")
    response_type = query.get("response_type")
    if response_type == "token":
        return redirect_to(
            redirect_uri, _with_state({"error": "unsupported_response_type"}, state), fragment=True
        )
    if response_type != "code":
        return error_page("INVALID_REQUEST: response_type must be code")
    scopes = parse_scope_param(query.get("scope", ""))
    if unknown_scopes(scopes):
        return redirect_to(redirect_uri, _with_state({"error": "invalid_scope"}, state))
    challenge = query.get("code_challenge")
    method = query.get("code_challenge_method")
    pkce_problem = _pkce_problem(challenge, method)
    if pkce_problem is not None:
        params = {"error": "invalid_request", "error_description": pkce_problem}
        return redirect_to(redirect_uri, _with_state(params, state))
    show_dialog = query.get("show_dialog", "false").lower() == "true"
    authorization = AuthorizationRequest(redirect_uri, scopes, state, challenge)
    user_id = accounts.session_user(request.cookies)
    if user_id is not None and not show_dialog and accounts.has_consented(user_id, scopes):
        return _grant(accounts, authorization, user_id)
    return consent_page(
        request_id=accounts.park(authorization),
        client_id=accounts.config.client_id,
        scopes=scopes,
        username=user_id or accounts.default_user_id,
        logged_in=user_id is not None,
    )


def _pkce_problem(challenge: str | None, method: str | None) -> str | None:
    if challenge is None and method is None:
        return None
    if method != "S256":
        return "code_challenge_method must be S256"
    if challenge is None or not is_valid_challenge(challenge):
        return "code_challenge must be the 43-character base64url SHA-256 of the verifier"
    return None


def _grant(
    accounts: Accounts,
    authorization: AuthorizationRequest,
    user_id: str,
    cookies: dict[str, str] | None = None,
) -> web.Response:
    code = accounts.new_code(user_id, authorization)
    params = _with_state({"code": code}, authorization.state)
    response = redirect_to(authorization.redirect_uri, params)
    for name, value in (cookies or {}).items():
        response.set_cookie(name, value, path="/", httponly=True, samesite="Lax")
    return response


async def consent(request: web.Request) -> web.Response:
    """The consent form's answer: ``accept`` (with a username) or ``deny``."""
    accounts = request.app[ACCOUNTS_KEY]
    form = await read_form(request)
    request_id = str(form.get("request_id", ""))
    parked = accounts.pending(request_id)
    if parked is None:
        return error_page("INVALID_REQUEST: Unknown or expired authorization request")
    action = form.get("action")
    if action == "deny":
        accounts.answered(request_id)
        return redirect_to(
            parked.redirect_uri, _with_state({"error": "access_denied"}, parked.state)
        )
    if action != "accept":
        return error_page("INVALID_REQUEST: action must be accept or deny")
    return _accept(request, accounts, request_id, parked, str(form.get("username", "")).strip())


def _accept(
    request: web.Request,
    accounts: Accounts,
    request_id: str,
    parked: AuthorizationRequest,
    username: str,
) -> web.Response:
    user_id = username or accounts.default_user_id
    if _USERNAME.fullmatch(user_id) is None:
        return consent_page(
            request_id=request_id,
            client_id=accounts.config.client_id,
            scopes=parked.scopes,
            username=username,
            logged_in=False,
            problem="A username is 1 to 64 characters without spaces, '/', '?', '#' or '%'.",
        )
    accounts.world.ensure_user(user_id)
    accounts.remember_consent(user_id, parked.scopes)
    cookies = None
    if accounts.session_user(request.cookies) != user_id:
        cookies = accounts.open_session(user_id)
    accounts.answered(request_id)
    return _grant(accounts, parked, user_id, cookies)
