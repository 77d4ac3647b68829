"""The Accounts service's HTML: the login-and-consent page and its error pages.

Everything echoed from a request is HTML-escaped. The page is plain and scriptless so that a
browser, curl, or a test posting the form all work the same way.
"""

from __future__ import annotations

from html import escape

from aiohttp import web

CONSENT_PATH = "/authorize/consent"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title} - Spotify (emulated)</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto;line-height:1.5}}
.error{{color:#b00}}</style></head>
<body>
{content}
</body>
</html>
"""


def _page(title: str, content: str, status: int) -> web.Response:
    return web.Response(
        status=status,
        text=_PAGE.format(title=escape(title), content=content),
        content_type="text/html",
    )


def error_page(message: str, status: int = 400) -> web.Response:
    """An Accounts error shown in the browser, e.g. ``INVALID_CLIENT: Invalid redirect URI``."""
    return _page("Error", f'<h1>Error</h1>\n<p class="error">{escape(message)}</p>', status)


def consent_page(
    *,
    request_id: str,
    client_id: str,
    scopes: tuple[str, ...],
    username: str,
    logged_in: bool,
    problem: str | None = None,
) -> web.Response:
    """Log in (any username; no password in the emulator) and accept or deny the scopes."""
    scope_items = "".join(f"<li><code>{escape(scope)}</code></li>" for scope in scopes)
    asked = f"<ul>{scope_items}</ul>" if scopes else "<p>Only your public data.</p>"
    who = "You are logged in as" if logged_in else "Log in as"
    note = f'<p class="error">{escape(problem)}</p>\n' if problem else ""
    content = f"""<h1>Spotify (emulated)</h1>
{note}<p>The app <code>{escape(client_id)}</code> asks for access to:</p>
{asked}
<form method="post" action="{CONSENT_PATH}">
<input type="hidden" name="request_id" value="{escape(request_id)}">
<label>{who} <input name="username" value="{escape(username)}" autocomplete="username"></label>
<p><button type="submit" name="action" value="accept">Agree</button>
<button type="submit" name="action" value="deny">Cancel</button></p>
</form>"""
    return _page("Authorize", content, 200 if problem is None else 400)
