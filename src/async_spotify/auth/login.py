"""Log a person in from a terminal, a notebook or a desktop app: ``await client.login()``.

The whole authorization-code dance in one call, as RFC 8252 describes it for native apps:

1. a one-shot HTTP server starts on the flow's loopback redirect URI
   (``http://127.0.0.1:PORT/callback`` or ``http://[::1]:PORT/...``; any other URI is refused
   before anything starts, since nothing here could receive the answer);
2. the authorization URL (with a fresh ``state``, and the PKCE challenge for a
   :class:`~async_spotify.auth.flows.PKCEFlow`) is opened in the person's browser and printed;
3. Spotify sends the browser back to the redirect URI: the ``state`` is checked, the code is
   exchanged for a token (PKCE proves the verifier; an
   :class:`~async_spotify.auth.flows.AuthorizationCodeFlow` sends its secret), the client keeps
   the token and saves it to its token store, and the browser tab says it can be closed;
4. the server shuts down, whatever happened; without an answer in ``timeout`` seconds (5 minutes
   by default) :class:`~async_spotify.spotify_errors.LoginTimeoutError` is raised.

Headless machines: with ``open_browser=False`` nothing is opened; the URL is printed, and the
address the browser ends on after "Agree" may be pasted on standard input instead (the page
itself may fail to load when the browser runs on another machine: the address still holds the
code). Over SSH (``SSH_CONNECTION`` set) the ``ssh -L`` command that forwards the callback port
from the person's own computer is printed as well.

Nothing secret is printed or logged: the server has no access log (the callback's query holds
the code), and the pages echo nothing but HTML-escaped text.
"""

from __future__ import annotations

import asyncio
import getpass
import ipaddress
import math
import os
import sys
import webbrowser
from collections.abc import Awaitable, Callable, Mapping
from html import escape
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import parse_qsl, urlencode, urlsplit

from aiohttp import web

from async_spotify.auth.flows import AuthorizationCodeFlow, PKCEFlow
from async_spotify.auth.pkce import new_state, same_secret
from async_spotify.auth.redirect import check_redirect_uri
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import (
    AuthorizationError,
    InvalidInputError,
    LoginTimeoutError,
    SpotifyBaseError,
    SpotifyError,
    StateMismatchError,
)

if TYPE_CHECKING:
    from async_spotify.client import SpotifyApiClient

__all__ = [
    "DEFAULT_LOGIN_TIMEOUT",
    "BrowserOpener",
    "LoopbackRedirect",
    "login",
    "loopback_redirect",
    "ssh_forward_command",
]

#: How long :func:`login` waits for the person to come back from the consent page, in seconds.
DEFAULT_LOGIN_TIMEOUT = 300.0

#: Opens a URL in a browser (``webbrowser.open``'s shape); called in a worker thread, since
#: some browsers block until they exit. A false result means no browser could be opened.
BrowserOpener = Callable[[str], object]

_Sleep = Callable[[float], Awaitable[None]]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto;line-height:1.5}}</style>
</head>
<body>
<h1>{title}</h1>
<p>{text}</p>
</body>
</html>
"""
# No script, no resource from anywhere, and the code in the address never leaves as a Referer.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
#: How long a browser's callback request waits for the code exchange before it is answered.
_EXCHANGE_WAIT = 60.0


class LoopbackRedirect:
    """Where :func:`login`'s callback server listens: the parts of a loopback redirect URI."""

    __slots__ = ("host", "path", "port", "uri")

    def __init__(self, uri: str, host: str, port: int, path: str) -> None:
        self.uri = uri
        self.host = host
        self.port = port
        self.path = path

    def __repr__(self) -> str:
        return f"LoopbackRedirect({self.uri!r})"


def loopback_redirect(uri: str | None) -> LoopbackRedirect:
    """The host, port and path of ``uri``, or InvalidInputError when :func:`login` cannot
    listen on it: only ``http://127.0.0.1:PORT/...`` and ``http://[::1]:PORT/...`` can be served
    by a program on the person's own machine (Spotify accepts any port on them)."""
    checked = check_redirect_uri(uri if isinstance(uri, str) else "")
    parts = urlsplit(checked)
    host = parts.hostname or ""
    try:
        loopback = parts.scheme.lower() == "http" and ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise InvalidInputError(
            f"login() receives the answer on a server of its own, so the flow's redirect URI must "
            f"be a loopback address like http://127.0.0.1:8888/callback, not {checked!r} "
            "(register that loopback URI for your app on Spotify's dashboard)"
        )
    try:
        port = parts.port
    except ValueError:
        raise InvalidInputError(f"redirect URI {checked!r} has an invalid port") from None
    if port == 0:
        raise InvalidInputError(
            f"redirect URI {checked!r} needs a real port: the browser is sent to exactly that "
            "address (any free port works, e.g. http://127.0.0.1:8888/callback)"
        )
    port = 80 if port is None else port
    return LoopbackRedirect(checked, host, port, parts.path or "/")


def ssh_forward_command(redirect: LoopbackRedirect, ssh_connection: str) -> str:
    """The ``ssh -L`` command that lets a browser on the person's computer reach the callback
    server on this machine; ``ssh_connection`` is the ``SSH_CONNECTION`` variable
    (``client-ip client-port server-ip server-port``)."""
    fields = ssh_connection.split()
    server = fields[2] if len(fields) >= 3 else "THIS-HOST"
    host = f"[{redirect.host}]" if ":" in redirect.host else redirect.host
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = ""
    target = f"{user}@{server}" if user else server
    port = fields[3] if len(fields) >= 4 and fields[3] != "22" else None
    port_option = f" -p {port}" if port else ""
    return f"ssh -L {redirect.port}:{host}:{redirect.port}{port_option} {target}"


async def login(
    client: SpotifyApiClient,
    *,
    open_browser: bool | BrowserOpener = True,
    timeout: float = DEFAULT_LOGIN_TIMEOUT,  # noqa: ASYNC109 - the person's time, with its own error
    show_dialog: bool = False,
    stdin: TextIO | None = None,
    output: TextIO | None = None,
    sleep: _Sleep = asyncio.sleep,
) -> SpotifyAuthorisationToken:
    """Log the person in through their browser; the client keeps (and saves) the token.

    See :meth:`async_spotify.SpotifyApiClient.login` for the parameters.
    """
    flow = client.authorization_flow
    if not isinstance(flow, AuthorizationCodeFlow | PKCEFlow):
        raise SpotifyError(
            f"login() acts for a person: it needs a PKCEFlow (no client secret) or an "
            f"AuthorizationCodeFlow, not {type(flow).__name__}"
        )
    if not client.hold_authentication:
        raise SpotifyError(
            "login() keeps the token in the client: create it with hold_authentication=True "
            "(or handle the token yourself with build_authorization_url() and "
            "get_auth_token_with_code())"
        )
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise InvalidInputError(f"timeout must be a positive number of seconds, not {timeout!r}")
    if not (isinstance(open_browser, bool) or callable(open_browser)):
        raise InvalidInputError(
            f"open_browser must be True, False or a function of the URL, not {open_browser!r}"
        )
    redirect = loopback_redirect(flow.redirect_url)
    state = new_state()
    url = client.build_authorization_url(show_dialog=show_dialog, state=state)
    out = output if output is not None else sys.stderr
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str] = loop.create_future()
    server = _CallbackServer(redirect, state, answer)
    await server.start()
    paste: _PasteReader | None = None
    timer: asyncio.Future[object] = asyncio.ensure_future(sleep(timeout))
    try:
        _announce(out, url, redirect, headless=open_browser is False)
        if open_browser is not False:
            opener: BrowserOpener = webbrowser.open if open_browser is True else open_browser
            _open_in_background(loop, opener, url, out)
        else:
            paste = _PasteReader(stdin if stdin is not None else sys.stdin, state, answer, out)
            paste.start(loop)
        waiting: set[asyncio.Future[Any]] = {answer, timer}
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        if not answer.done():
            raise LoginTimeoutError(
                f"Nobody came back from the Spotify login within {_duration(timeout)}: the "
                f"login timed out and its server on {redirect.uri} is closed. Run it again"
                + ("" if open_browser is False else ", or with open_browser=False to paste the URL")
            )
        code = answer.result()
        try:
            # ties the code to this login's state (and PKCE verifier), whatever else is pending
            client.parse_redirect(f"{redirect.uri}?{urlencode({'code': code, 'state': state})}")
            token = await client.get_auth_token_with_code(code)
        except SpotifyBaseError as error:
            server.finish(False, f"The login failed: {error.text or type(error).__name__}.")
            raise
        server.finish(True, "You are logged in to Spotify.")
        return token
    finally:
        timer.cancel()
        if paste is not None:
            paste.stop()
        if not answer.done():
            answer.cancel()
        elif not answer.cancelled():
            answer.exception()  # retrieved: a failure that lost the race is not "never retrieved"
        await server.stop()


def _announce(out: TextIO, url: str, redirect: LoopbackRedirect, *, headless: bool) -> None:
    if headless:
        lines = ["Open this URL in a browser to log in to Spotify:", f"  {url}"]
        ssh = os.environ.get("SSH_CONNECTION")
        if ssh:
            lines += [
                "You are on this machine over SSH: for the browser on your own computer to reach "
                f"the login's server on port {redirect.port} here, run there first:",
                f"  {ssh_forward_command(redirect, ssh)}",
            ]
        lines.append(
            f"Waiting for the browser to come back to {redirect.uri}. Or paste here the address "
            "the browser shows after you agree (even if that page does not load), then Enter:"
        )
    else:
        lines = [
            "Opening your browser to log in to Spotify. If it does not open, visit:",
            f"  {url}",
            f"Waiting for the browser to come back to {redirect.uri} ...",
        ]
    out.write("\n".join(lines) + "\n")
    out.flush()


def _open_in_background(
    loop: asyncio.AbstractEventLoop, opener: BrowserOpener, url: str, out: TextIO
) -> None:
    opening = loop.run_in_executor(None, opener, url)

    def opened(future: asyncio.Future[object]) -> None:
        failed = future.cancelled() or future.exception() is not None or future.result() is False
        if failed:
            out.write("Could not open a browser: open the URL above yourself.\n")
            out.flush()

    opening.add_done_callback(opened)


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} s"


def _code_from(query: Mapping[str, str], state: str) -> str:
    """The code of a redirect's query, after checking that it answers this login."""
    returned = query.get("state")
    if returned is None or not same_secret(returned, state):
        raise StateMismatchError(
            "This answer does not belong to the login in progress (its state is not the one "
            "sent); nothing was done with it"
        )
    if "error" in query:
        raise AuthorizationError(
            query["error"],
            "Spotify did not authorize the app (the person chose Cancel, or Spotify refused the "
            "request)",
            status=0,
        )
    code = query.get("code")
    if not code:
        raise InvalidInputError("The answer carries no code")
    return code


class _CallbackServer:
    """The one-shot server on the redirect URI: it hands the first good answer to ``answer``."""

    def __init__(self, redirect: LoopbackRedirect, state: str, answer: asyncio.Future[str]):
        self._redirect = redirect
        self._state = state
        self._answer = answer
        self._outcome: asyncio.Future[tuple[bool, str]] = answer.get_loop().create_future()
        app = web.Application()
        app.router.add_get(redirect.path, self._callback)
        # No access log: the callback's query string is the authorization code.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._redirect.host, self._redirect.port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            raise SpotifyError(
                f"login() cannot listen on {self._redirect.host} port {self._redirect.port} for "
                f"the redirect URI {self._redirect.uri!r}: {error.strerror or error}. Is another "
                "login running? Any other free port on the loopback address works as well"
            ) from None

    def finish(self, ok: bool, text: str) -> None:
        """What the browser that brought the code is told once the code has been exchanged."""
        if not self._outcome.done():
            self._outcome.set_result((ok, text))

    async def stop(self) -> None:
        self.finish(False, "The login was stopped.")
        await self._runner.cleanup()

    async def _callback(self, request: web.Request) -> web.Response:
        if self._answer.done():
            return _page(200, "Nothing to do", "This login is over. You can close this tab.")
        try:
            code = _code_from(request.query, self._state)
        except StateMismatchError as error:
            return _page(400, "Not this login", f"{error.text}. You can close this tab.")
        except SpotifyError as error:
            self._answer.set_exception(error)
            return _page(400, "Not logged in", f"{error.text}. You can close this tab.")
        self._answer.set_result(code)
        try:
            ok, text = await asyncio.wait_for(asyncio.shield(self._outcome), _EXCHANGE_WAIT)
        except TimeoutError:
            ok, text = True, "The code went back to the app."
        title = "Logged in" if ok else "Not logged in"
        return _page(200 if ok else 400, title, f"{text} You can close this tab.")


def _page(status: int, title: str, text: str) -> web.Response:
    return web.Response(
        status=status,
        text=_PAGE.format(title=escape(title), text=escape(text)),
        content_type="text/html",
        headers=_PAGE_HEADERS,
    )


class _PasteReader:
    """Reads lines pasted on standard input and hands the first good answer to ``answer``."""

    def __init__(
        self, stream: TextIO, state: str, answer: asyncio.Future[str], out: TextIO
    ) -> None:
        self._stream = stream
        self._state = state
        self._answer = answer
        self._out = out
        self._buffer = b""
        self._fd: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        try:
            fd = self._stream.fileno()
            loop.add_reader(fd, self._readable)
        except (OSError, ValueError, NotImplementedError, AttributeError):
            # No file descriptor, or a loop without add_reader (Windows): a daemon thread reads,
            # so a login answered through the browser never waits for a line that never comes.
            import threading

            threading.Thread(target=self._read_in_thread, daemon=True).start()
            return
        self._fd = fd

    def stop(self) -> None:
        if self._fd is not None and self._loop is not None:
            self._loop.remove_reader(self._fd)
            self._fd = None

    def _readable(self) -> None:
        assert self._fd is not None
        try:
            chunk = os.read(self._fd, 65536)
        except BlockingIOError:
            return
        if not chunk:  # end of input: only the browser can answer now
            self.stop()
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self._line(line.decode("utf-8", "replace"))

    def _read_in_thread(self) -> None:
        for line in self._stream:
            assert self._loop is not None
            self._loop.call_soon_threadsafe(self._line, line)

    def _line(self, line: str) -> None:
        text = line.strip()
        if not text or self._answer.done():
            return
        query = urlsplit(text).query if "?" in text else text
        fields = dict(parse_qsl(query, keep_blank_values=True))
        if "code" not in fields and "error" not in fields:
            self._say(
                "That is not the address the browser came back to (it has no code=...): paste the "
                "whole address from the browser's address bar."
            )
            return
        try:
            code = _code_from(fields, self._state)
        except StateMismatchError as error:
            self._say(f"{error.text}: paste the address of this login's answer.")
            return
        except SpotifyError as error:
            self._answer.set_exception(error)
            return
        self._answer.set_result(code)

    def _say(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()
