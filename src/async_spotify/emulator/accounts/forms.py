"""Reading the Accounts service's form bodies: a body that is not a readable form is a 400.

``request.post()`` decodes with the body's declared charset: an unknown charset raises
``LookupError`` and bytes that are not valid in it ``UnicodeDecodeError``. Spotify answers those
as a bad request, never a server error, and so does the emulator.
"""

from __future__ import annotations

from aiohttp import web

from async_spotify.emulator.errors import AccountsError


async def read_form(request: web.Request) -> dict[str, str]:
    """The form fields of ``request`` (the last value of a repeated field wins, as before)."""
    try:
        form = await request.post()
    except LookupError:
        charset = request.charset or ""
        raise AccountsError(
            "invalid_request", f"Unsupported charset {charset[:40]!r} in Content-Type"
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise AccountsError(
            "invalid_request",
            f"The request body is not valid {request.charset or 'UTF-8'} form data",
        ) from None
    return {key: str(value) for key, value in form.items()}
