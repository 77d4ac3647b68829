"""Who may call an operation: app mode, token kind and scopes.

The scopes come from each operation's ``security`` in the spec. The spec lists them flat, but they
mean different things; the exceptions below say how Spotify actually uses them:

- ``playlist-modify-public`` / ``playlist-modify-private`` are alternatives (either one will do).
- ``user-read-playback-position`` on shows and episodes only adds ``resume_point``; any token may
  read the catalog. ``playlist-read-private``/``-collaborative`` on another user's playlist list
  only add private/collaborative playlists.
- ``GET /me`` needs a user, but its scopes only unlock fields (``email``; ``country``,
  ``product``, ``explicit_content``).
- ``GET /me/player/queue`` lists two scopes, either of which suffices.
- ``/me/library`` needs the scope of each URI's type; the handler checks it per URI.

A client-credentials token on an operation that needs a user answers 401
``"Valid user authentication required"``: that is what Spotify sends in 2026 (observed on
``GET /playlists/{id}/items`` through spotipy and spotDL). A user token lacking a scope answers 403
``"Insufficient client scope"``. In development mode every operation the spec marks deprecated
answers 403 ``"Forbidden"`` (Spotify's February 2026 development-mode restrictions), before any
other check.
"""

from __future__ import annotations

from async_spotify.emulator.accounts.auth_context import AuthContext
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.operations_data import Operation

PLAYLIST_MODIFY = frozenset({"playlist-modify-public", "playlist-modify-private"})
#: Listed scopes that only add optional fields: any token works.
OPTIONAL_SCOPES = frozenset(
    {
        "get-a-show",
        "get-a-shows-episodes",
        "get-an-episode",
        "get-multiple-episodes",
        "get-list-users-playlists",
    }
)
#: A user token is needed; the listed scopes are checked by the handler (fields or per URI).
HANDLER_CHECKED = frozenset(
    {
        "get-current-users-profile",
        "save-library-items",
        "remove-library-items",
        "check-library-contains",
    }
)
#: Any one of the listed scopes suffices.
ANY_OF = frozenset({"get-queue"})


def user_required() -> ApiError:
    return ApiError(401, "Valid user authentication required")


def insufficient_scope() -> ApiError:
    return ApiError(403, "Insufficient client scope")


def check_access(operation: Operation, auth: AuthContext, *, development: bool) -> None:
    """Raise the :class:`ApiError` Spotify would answer, or return if the call may proceed."""
    if development and operation.deprecated:
        raise ApiError(403, "Forbidden")
    scopes = frozenset(operation.scopes)
    if not scopes or operation.operation_id in OPTIONAL_SCOPES:
        return
    if auth.user_id is None:
        raise user_required()
    if operation.operation_id in HANDLER_CHECKED:
        return
    if operation.operation_id in ANY_OF:
        if not scopes & auth.scopes:
            raise insufficient_scope()
        return
    required = scopes - PLAYLIST_MODIFY
    if not required <= auth.scopes:
        raise insufficient_scope()
    if scopes & PLAYLIST_MODIFY and not PLAYLIST_MODIFY & auth.scopes:
        raise insufficient_scope()
