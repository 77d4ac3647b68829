"""A minimal web app: people log in with Spotify and each sees their own top tracks.

    export SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=...
    export SPOTIFY_REDIRECT_URI=http://127.0.0.1:8080/callback   # registered for your app
    python examples/web_app.py                                   # then open http://127.0.0.1:8080/

One client serves every visitor; each visitor's token is kept under a random session id (in
memory here: use a database or Redis in production) and passed per call as ``auth_token=``.
``/login`` sends the browser to Spotify's consent page, ``/callback`` checks the ``state`` the
client issued (several logins may be in flight at once) and exchanges the code.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable
from html import escape
from urllib.parse import urlsplit

from aiohttp import web

from async_spotify import (
    AuthorizationCodeFlow,
    SpotifyApiClient,
    SpotifyAuthorisationToken,
    SpotifyBaseError,
    TokenExpired,
)

SESSION = "session"
CLIENT = web.AppKey("client", SpotifyApiClient)
TOKENS = web.AppKey("tokens", dict[str, SpotifyAuthorisationToken])


def page(title: str, body: str, status: int = 200) -> web.Response:
    html = f"<!DOCTYPE html><title>{escape(title)}</title><h1>{escape(title)}</h1>{body}"
    return web.Response(text=html, content_type="text/html", status=status)


async def refreshed(
    request: web.Request, token: SpotifyAuthorisationToken
) -> SpotifyAuthorisationToken:
    """The visitor's token renewed with its refresh token, and kept for their next visit."""
    token = await request.app[CLIENT].refresh_token(token)
    request.app[TOKENS][request.cookies[SESSION]] = token
    return token


async def top_tracks(client: SpotifyApiClient, token: SpotifyAuthorisationToken) -> web.Response:
    me = await client.user.me(auth_token=token)
    top = await client.personalization.get_top_tracks(limit=5, auth_token=token)
    items = "".join(f"<li>{escape(track['name'])}</li>" for track in top["items"])
    name = me.get("display_name") or me["id"]
    return page(f"Top tracks of {name}", f'<ol>{items}</ol><p><a href="/logout">Log out</a></p>')


async def home(request: web.Request) -> web.Response:
    token = request.app[TOKENS].get(request.cookies.get(SESSION, ""))
    if token is None:
        return page("Your top tracks", '<p><a href="/login">Log in with Spotify</a></p>')
    client = request.app[CLIENT]
    if token.is_expired():
        token = await refreshed(request, token)
    try:
        return await top_tracks(client, token)
    except TokenExpired:  # expired earlier than this machine's clock says: renew, once
        return await top_tracks(client, await refreshed(request, token))


async def login(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.app[CLIENT].build_authorization_url(show_dialog=False))


async def callback(request: web.Request) -> web.Response:
    client = request.app[CLIENT]
    try:
        code = client.parse_redirect(str(request.url))
        token = await client.get_auth_token_with_code(code)
    except SpotifyBaseError as error:  # a denied consent, a forged state, an expired code
        return page("Login failed", f"<p>{escape(str(error))}</p>", status=400)
    session = secrets.token_urlsafe(32)
    request.app[TOKENS][session] = token
    response = web.HTTPFound("/")
    response.set_cookie(SESSION, session, httponly=True, samesite="Lax")
    raise response


async def logout(request: web.Request) -> web.Response:
    request.app[TOKENS].pop(request.cookies.get(SESSION, ""), None)
    response = web.HTTPFound("/")
    response.del_cookie(SESSION)
    raise response


def spotify_client(
    flow: AuthorizationCodeFlow,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """The app's one client, opened with the app and closed with it."""

    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        async with SpotifyApiClient(flow) as client:
            app[CLIENT] = client
            yield

    return lifetime


def make_app(flow: AuthorizationCodeFlow) -> web.Application:
    app = web.Application()
    app[TOKENS] = {}
    app.cleanup_ctx.append(spotify_client(flow))
    app.router.add_get("/", home)
    app.router.add_get("/login", login)
    app.router.add_get("/callback", callback)
    app.router.add_get("/logout", logout)
    return app


if __name__ == "__main__":
    redirect_uri = os.environ["SPOTIFY_REDIRECT_URI"]
    flow = AuthorizationCodeFlow(
        os.environ["SPOTIFY_CLIENT_ID"],
        os.environ["SPOTIFY_CLIENT_SECRET"],
        ["user-read-private", "user-top-read"],
        redirect_uri,
    )
    address = urlsplit(redirect_uri)
    web.run_app(make_app(flow), host=address.hostname, port=address.port, print=print)
