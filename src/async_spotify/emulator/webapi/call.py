"""One Web API request as the operation handlers see it: validated parameters and helpers.

Handlers are ``async def handler(call: Call) -> web.Response``. By the time one runs, the token
was checked (the app's bearer middleware), the mode and scopes were checked (:mod:`access`) and
the query parameters were converted and range-checked (:mod:`validation`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from aiohttp import web

from async_spotify.emulator.accounts.auth_context import AuthContext
from async_spotify.emulator.catalog import Catalog, Renderer, is_base62_id
from async_spotify.emulator.catalog.reference_data import MARKET_SET
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.operations_data import Operation
from async_spotify.emulator.state import UserState
from async_spotify.emulator.world import World

from .access import insufficient_scope, user_required


def not_found() -> ApiError:
    return ApiError(404, "Resource not found")


def invalid_id() -> ApiError:
    return ApiError(400, "Invalid base62 id")


@dataclass
class Call:
    """The request, its operation, its caller and its validated query parameters."""

    request: web.Request
    world: World
    operation: Operation
    auth: AuthContext
    params: dict[str, Any]
    #: The emulator's own API base, e.g. ``http://127.0.0.1:8080/v1`` (hrefs point back here).
    api: str
    render: Renderer
    #: The market asked for (validated): a country code, or the user's for ``from_token``.
    market: str | None

    @property
    def catalog(self) -> Catalog:
        return self.world.catalog

    @property
    def user(self) -> UserState:
        """The token's user (401 for a client-credentials token)."""
        if self.auth.user_id is None:
            raise user_required()
        return self.world.user(self.auth.user_id)

    @property
    def user_or_none(self) -> UserState | None:
        return None if self.auth.user_id is None else self.world.user(self.auth.user_id)

    @property
    def market_or_country(self) -> tuple[str | None, bool]:
        """``(market, from_token)``: the market asked for, else a user token's country.

        Spotify takes the market from a user token on search, the saved tracks and albums and
        the top tracks: their tracks carry ``is_playable`` (and relinking) without ``market=``
        (python-spotify ``search.json``, ``saved_tracks.json``, ``top_tracks.json``; facts
        section D). Other operations' recordings made with a user token have no ``is_playable``.
        """
        if self.market is not None:
            return self.market, False
        user = self.user_or_none
        if user is None:
            return None, False
        return user.profile.country, True

    def has_scope(self, scope: str) -> bool:
        return self.auth.user_id is not None and scope in self.auth.scopes

    def path(self, name: str) -> str:
        return self.request.match_info[name]

    @property
    def limit(self) -> int:
        limit: int = self.params["limit"]
        return limit

    @property
    def offset(self) -> int:
        offset: int = self.params.get("offset", 0)
        return offset

    def extra_query(self, *names: str) -> list[tuple[str, str]]:
        """The named query parameters as sent, for paging URLs."""
        query = self.request.rel_url.query
        return [(name, query[name]) for name in names if name in query]

    # -- ids ---------------------------------------------------------------------------------

    def catalog_index(self, kind: str, id_: str) -> int:
        """The catalog index of ``id_`` (400 if malformed, 404 if unknown)."""
        if not is_base62_id(id_):
            raise invalid_id()
        index = self.catalog.index_of(kind, id_)
        if index is None:
            raise not_found()
        return index

    def path_index(self, kind: str, name: str = "id") -> int:
        return self.catalog_index(kind, self.path(name))

    def id_list(self, kind: str, ids: list[str]) -> list[int | None]:
        """Indices of a multi-get's IDs; ``None`` for well-formed IDs that do not exist."""
        found: list[int | None] = []
        for id_ in ids:
            if not is_base62_id(id_):
                raise invalid_id()
            found.append(self.catalog.index_of(kind, id_))
        return found

    def existing_ids(self, kind: str, ids: list[str]) -> list[int]:
        """Indices of IDs that must all exist (saves, follows): 400/404 otherwise."""
        return [self.catalog_index(kind, id_) for id_ in ids]

    # -- body --------------------------------------------------------------------------------

    async def json_body(self) -> Any:
        """The parsed JSON body, ``None`` when there is none; 400 ``"Malformed json"`` if bad."""
        raw = await self.request.read()
        if not raw.strip():
            return None
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise ApiError(400, "Malformed json") from None

    async def json_object(self) -> dict[str, Any]:
        """The body as a JSON object (``{}`` when there is none)."""
        body = await self.json_body()
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise ApiError(400, "Malformed json")
        return body


def resolve_market(raw: str | None, auth: AuthContext, world: World) -> str | None:
    """Validate ``market``: an ISO code Spotify serves, or ``from_token`` (the user's country)."""
    if raw is None:
        return None
    if raw == "from_token":
        if auth.user_id is None:
            # Spotify's answer to from_token on an app token (spotify/web-api#1451).
            raise insufficient_scope()
        return world.user(auth.user_id).profile.country
    if raw not in MARKET_SET:
        raise ApiError(400, "Invalid market code")
    return raw


Handler = Callable[[Call], Awaitable[web.StreamResponse]]
