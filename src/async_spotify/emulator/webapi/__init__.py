"""The Web API under ``/v1``: every operation of the spec, routed from ``operations_data``.

:func:`setup_web_api` adds one route per operation. Each request goes through the same steps
(:func:`_endpoint`): app mode and token/scopes (:mod:`access`), query parameters against the
spec's constraints (:mod:`validation`), then the operation's handler, found by operationId in the
group modules (one per area: albums, artists, tracks, podcasts, audiobooks, search, users,
playlists, follow, library, browse, player). Refusals from the state layer (player errors,
playlist edit errors) become Spotify's error bodies here; the app's middleware answers the
:class:`~async_spotify.emulator.errors.ApiError`\\ s.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler as RequestHandler

from async_spotify.emulator.accounts.auth_context import get_auth
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.operations_data import OPERATIONS, Operation
from async_spotify.emulator.state import PlayerError, PlaylistEditError
from async_spotify.emulator.world import World

from . import (
    albums,
    artists,
    audiobooks,
    browse,
    follow,
    library,
    player,
    playlists,
    podcasts,
    search,
    tracks,
    users,
)
from .access import check_access
from .call import Call, Handler, resolve_market
from .validation import validate_query

__all__ = ["HANDLERS", "setup_web_api"]

PLAYLIST_PATH = "/playlists/{playlist_id}"

HANDLERS: dict[str, Handler] = {
    **albums.HANDLERS,
    **artists.HANDLERS,
    **audiobooks.HANDLERS,
    **browse.HANDLERS,
    **follow.HANDLERS,
    **library.HANDLERS,
    **player.HANDLERS,
    **playlists.HANDLERS,
    **podcasts.HANDLERS,
    **search.HANDLERS,
    **tracks.HANDLERS,
    **users.HANDLERS,
}


def _endpoint(world: World, operation: Operation, handler: Handler) -> RequestHandler:
    async def endpoint(request: web.Request) -> web.StreamResponse:
        auth = get_auth(request)
        check_access(operation, auth, development=world.development)
        params = validate_query(operation, request.rel_url.query, development=world.development)
        api = f"{request.scheme}://{request.host}/v1"
        call = Call(
            request=request,
            world=world,
            operation=operation,
            auth=auth,
            params=params,
            api=api,
            render=world.catalog.renderer(api),
            market=resolve_market(params.get("market"), auth, world),
        )
        try:
            return await handler(call)
        except PlayerError as error:
            raise ApiError(error.status, error.message, reason=error.reason) from None
        except PlaylistEditError as error:
            raise ApiError(error.status, error.message) from None

    return endpoint


def setup_web_api(app: web.Application, world: World) -> None:
    """Add a route for each of the spec's operations under ``/v1``."""
    missing = sorted({op.operation_id for op in OPERATIONS} - HANDLERS.keys())
    if missing:
        raise RuntimeError(f"operations without a handler: {missing}")
    for operation in OPERATIONS:
        handler = _endpoint(world, operation, HANDLERS[operation.operation_id])
        app.router.add_route(operation.method, f"/v1{operation.path}", handler)
        # Spotify serves every route with a trailing slash too (``GET /v1/me/``,
        # ``/v1/tracks/?ids=``): spotipy and tekore send those (facts section D).
        app.router.add_route(operation.method, f"/v1{operation.path}/", handler)
        if operation.path.startswith(PLAYLIST_PATH):
            # The pre-2018 playlist routes under the owner's ID still answer (spotipy 2.26
            # removes specific occurrences through DELETE /users/{u}/playlists/{id}/tracks).
            legacy = f"/v1/users/{{owner_id}}{operation.path}"
            app.router.add_route(operation.method, legacy, handler)
            app.router.add_route(operation.method, f"{legacy}/", handler)
