"""The base of every endpoint group: thin, declarative methods over the request chokepoint."""

from __future__ import annotations

import asyncio
import reprlib
import warnings
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from typing import Any, TypedDict, TypeVar, overload
from urllib.parse import quote

from async_spotify.app_mode import APP_MODES as APP_MODES
from async_spotify.app_mode import AppMode as AppMode
from async_spotify.app_mode import check_app_mode as check_app_mode
from async_spotify.app_mode import removal
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.parameters import merge_extra_query, warn_unknown_parameters
from async_spotify.operations import COMPATIBILITY_ALIASES, OPERATIONS
from async_spotify.request_handler import ApiRequestHandler
from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InvalidInputError, InvalidResponseError, NotFoundError
from async_spotify.validation import check_query, max_items


class NoContent(TypedDict, total=False):
    """The answer of a write or command that Spotify answers without a body (``204``): ``{}``.

    Every method returns a dict (as AsyncSpotify 0.4.4 did): an answer without a body is ``{}``,
    which is also a valid value of every response TypedDict (their keys may be missing).
    """


#: Requests one method keeps in flight when it fans out (chunks, or one request per id).
FAN_OUT = 16

_T = TypeVar("_T")

#: Shows values in messages: a 10,000-id list must not make a 300 kB error message.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 100
_SHORT.maxlist = _SHORT.maxtuple = 4


#: The operation each public method calls (its first, for an alias that calls several).
_OPERATION_OF_METHOD: dict[str, str] = {
    **{method: operation_ids[0] for method, operation_ids in COMPATIBILITY_ALIASES.items()},
    **{method: operation_id for operation_id, method in OPERATIONS.items()},
}


async def gather_bounded(awaitables: Iterable[Awaitable[_T]], limit: int = FAN_OUT) -> list[_T]:
    """Await all of ``awaitables`` with at most ``limit`` running at once; results in order.

    The first failure is raised as it is, after the others are cancelled: nothing is left
    sending requests for a call that has already failed.
    """
    gate = asyncio.Semaphore(limit)

    async def run(awaitable: Awaitable[_T]) -> _T:
        async with gate:
            return await awaitable

    tasks = [asyncio.ensure_future(run(awaitable)) for awaitable in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _shape(answer: object) -> str:
    """What an unexpected answer was, without its content (which may be large)."""
    if isinstance(answer, dict):
        return f"an object with keys {sorted(answer)[:5]!r}"
    return "nothing" if answer is None else f"a {type(answer).__name__}"


class Endpoint:
    """A group of Web API operations (``client.albums``, ``client.player``, ...).

    Methods validate and normalise their input, build path, query and body, and hand them to
    :meth:`_request`; they never touch aiohttp. ``app_mode`` is the client's app mode (see
    :data:`AppMode`).
    """

    def __init__(
        self, api_request_handler: ApiRequestHandler, *, app_mode: AppMode = "extended"
    ) -> None:
        self.api_request_handler = api_request_handler
        self.app_mode: AppMode = check_app_mode(app_mode)

    @overload
    def _request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        result: type[_T],
        auth_token: SpotifyAuthorisationToken | None = None,
        idempotent: bool | None = None,
    ) -> Awaitable[_T]: ...

    @overload
    def _request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        result: None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
        idempotent: bool | None = None,
    ) -> Awaitable[Any]: ...

    def _request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        result: type[_T] | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
        idempotent: bool | None = None,
    ) -> Awaitable[Any]:
        """Send through the client's chokepoint; await it for the decoded answer, typed as
        ``result``.

        ``result`` is the TypedDict (or ``list[...]``) the answer is annotated with: it is not
        checked at run time (responses are the plain decoded JSON, a new field never breaks
        anything), so it must be the operation's response type from the spec. An answer without
        a body is ``{}``. ``idempotent=False`` marks a PUT or DELETE whose repetition is not
        harmless (a reorder moves the items again, a removal by position removes other items):
        after an ambiguous failure (5xx, timeout, dropped connection) it is not sent again.

        A plain method returning the handler's coroutine: one coroutine less per request.
        """
        return self.api_request_handler.request(
            method, path, query=query, body=body, auth_token=auth_token, idempotent=idempotent
        )

    def _query(
        self,
        operation_id: str,
        kwargs: Mapping[str, object],
        reserved: Iterable[str] = (),
        *,
        extra: Mapping[str, object] | None = None,
        **fixed: object,
    ) -> dict[str, object]:
        """The query of ``operation_id``: the caller's ``kwargs`` and the method's ``fixed`` ones.

        A keyword argument may not replace a value the method sets itself (``fixed``) or sends
        in another way (``reserved``, e.g. ``ids`` that are chunked): that would silently drop
        one of the two, so it raises InvalidInputError. The result is validated against the spec,
        with the limits of the client's app mode; a keyword the operation does not take is kept,
        with an UnknownParameterWarning. ``extra`` (the caller's ``extra_query=``) is added last,
        unchecked.
        """
        if not kwargs and not fixed and extra is None:  # most calls: nothing given, one check
            query: dict[str, object] = {}
            check_query(operation_id, query, self.app_mode)
            return query
        for given in (kwargs, extra or {}):
            for name in (*fixed, *reserved):
                if name in given:
                    raise InvalidInputError(
                        f"{name!r} is set by the method's own argument; passing it again as a "
                        f"keyword ({name}={_SHORT.repr(given[name])}) is ambiguous"
                    )
        warn_unknown_parameters(operation_id, kwargs)
        query = {**kwargs, **fixed}
        check_query(operation_id, query, self.app_mode)
        return merge_extra_query(query, extra)

    async def _get_chunked(
        self,
        path: str,
        ids: Sequence[str],
        size: int,
        *,
        key: str | None,
        query: Mapping[str, object] | None = None,
        param: str = "ids",
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> Any:
        """GET ``path`` for ``ids`` in chunks of ``size``, concurrently; merge in input order.

        ``key`` names the list in each answer (``"albums"`` for ``{"albums": [...]}``); None
        means the answer is the list itself (``/contains`` checks).
        """
        chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
        answers = await gather_bounded(
            self._request(
                "GET", path, query={**(query or {}), param: list(chunk)}, auth_token=auth_token
            )
            for chunk in chunks
        )
        merged: list[Any] = []
        for answer in answers:
            part = answer.get(key) if key is not None and isinstance(answer, dict) else answer
            if not isinstance(part, list):
                expected = "a list" if key is None else f"{{{key!r}: [...]}}"
                raise InvalidResponseError(f"GET {path} answered {_shape(answer)}, not {expected}")
            merged.extend(part)
        return merged if key is None else {key: merged}

    async def _get_each(
        self,
        path_of: str,
        ids: Sequence[str],
        *,
        key: str,
        query: Mapping[str, object] | None = None,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> dict[str, list[Any]]:
        """GET ``path_of.format(id)`` for every id concurrently, merged as ``{key: [...]}``.

        The development-mode stand-in for a batch read: an unknown id gives ``None`` in its place,
        as the batch endpoint answers.
        """

        async def one(item_id: str) -> Any:
            try:
                return await self._request(
                    "GET", path_of.format(item_id), query=query, auth_token=auth_token
                )
            except NotFoundError:
                return None

        return {key: await gather_bounded(one(item_id) for item_id in ids)}

    async def _get_several(
        self,
        key: str,
        ids: Sequence[str],
        kwargs: Mapping[str, object],
        auth_token: SpotifyAuthorisationToken | None,
        *,
        operation_id: str,
        method: str,
        extra_query: Mapping[str, object] | None = None,
    ) -> Any:
        """A batch read (``GET /{key}?ids=``) answered as ``{key: [...]}`` in input order.

        Extended-quota apps: chunks of the operation's maximum, sent concurrently. Development-
        mode apps, which lost the batch reads: one ``GET /{key}/{id}`` per id, concurrently.
        """
        query = self._query(operation_id, kwargs, reserved=("ids",), extra=extra_query)
        if self.app_mode == "development":
            return await self._get_each(
                f"/{key}/{{}}", ids, key=key, query=query, auth_token=auth_token
            )
        return await self._get_chunked(
            f"/{key}",
            ids,
            max_items(operation_id, "ids"),
            key=key,
            query=query,
            auth_token=auth_token,
        )

    async def _send_chunked(
        self,
        method: str,
        path: str,
        ids: Sequence[str],
        size: int,
        *,
        query: Mapping[str, object] | None = None,
        param: str = "ids",
        in_body: bool = False,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Send a write for ``ids`` in chunks of ``size``, one after the other, in input order;
        the last chunk's answer (``{}``: these writes answer without a body).

        Sequential on purpose: when a chunk fails, the chunks before it were applied and the
        ones after it were not, so the caller knows exactly where it stopped.
        """
        answer: NoContent = {}
        for start in range(0, len(ids), size):
            chunk = list(ids[start : start + size])
            if in_body:
                answer = await self._request(
                    method,
                    path,
                    query=query,
                    body={param: chunk},
                    auth_token=auth_token,
                    result=NoContent,
                )
            else:
                answer = await self._request(
                    method,
                    path,
                    query={**(query or {}), param: chunk},
                    auth_token=auth_token,
                    result=NoContent,
                )
        return answer

    def _deprecated(self, operation: str, replacement: str | None, *, stacklevel: int = 3) -> None:
        """Warn that ``operation`` (a method, ``"browse.get_categories"``) calls an endpoint
        Spotify removed for apps of the client's mode, naming the date and ``replacement``.

        Nothing is said where the endpoint still works: extended-quota apps kept every one.
        ``stacklevel`` 3 points at the code that called the public method which calls this.
        """
        operation_id = _OPERATION_OF_METHOD[operation]
        when = removal(operation_id, self.app_mode)
        if when is None:
            return
        spec = OPERATION_SPECS[operation_id]
        advice = f"; use {replacement} instead" if replacement else ", with no replacement"
        warnings.warn(
            f"{OPERATIONS[operation_id]} calls {spec.method} {spec.path}, which Spotify removed "
            f"for development-mode apps {when}: it answers them 403 Forbidden{advice}",
            DeprecationWarning,
            stacklevel=stacklevel,
        )

    @staticmethod
    def _add_url_params(
        url_string: str, map_object: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """Fill ``{name}`` placeholders of ``url_string`` from ``map_object`` (AsyncSpotify helper).

        Returns the URL and a NEW dict of the remaining entries; the caller's mapping is left as
        it was. Values are percent-encoded as path segments.
        """
        remaining = dict(map_object)
        for key in list(remaining):
            placeholder = "{" + key + "}"
            if placeholder in url_string:
                url_string = url_string.replace(
                    placeholder, quote(str(remaining.pop(key)), safe="")
                )
        return url_string, remaining
