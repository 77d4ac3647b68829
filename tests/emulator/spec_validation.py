"""Validate Web API requests and responses against the repo's OpenAPI spec with openapi-core.

The copy on disk stays byte-for-byte what upstream published; :func:`spec_dict` patches it in
memory where it contradicts what Spotify sends, and only there:

- The ``oneOf: [TrackObject, EpisodeObject]`` unions carry a ``discriminator`` without a
  ``mapping``; validators then look for schemas named ``track`` and ``episode`` and reject every
  such body. The mapping is added (``spotify-web-api/NOTES.md``).
- ``ChapterBase.type`` is ``enum: [episode]``; Spotify sends ``"chapter"``
  (JohnnyCrazy/SpotifyAPI-NET#997: 'Error converting value "chapter"').
- Values Spotify sends as ``null`` that the spec types as non-nullable: the last page of a cursor
  paging has ``next: null`` and ``cursors.after: null``; a play from a list of URIs has
  ``context: null``; an episode played by a client without ``additional_types=episode`` is
  ``item: null``; an empty queue has ``currently_playing: null``; a genre seed of
  recommendations has ``href: null``; multi-gets (``GET /albums?ids=``, ...) answer ``null`` in
  place of each unknown ID (zmb3/spotify ``find_tracks_notfound.txt``).
- The 400 answers of ``/me/library`` reference ``ErrorObject`` bare; every Spotify error (and
  every other error response of the spec) wraps it: ``{"error": {"status", "message"}}``.

Where Spotify answers otherwise than its spec (each one a line of ``docs/emulator-fidelity.md``
with its evidence; :data:`SPOTIFY_DEVIATIONS` holds them):

- ``GET /me/audiobooks`` lists plain simplified audiobooks, not ``{added_at, audiobook}``
  (python-spotify ``saved_audiobooks.json``).
- Chapters carry no ``is_playable`` (python-spotify ``audiobook_chapters.json``); neither do
  episodes inside playlists, which carry ``available_markets`` instead (``playlist_3.json``).
- ``PUT /me/tracks`` takes ``ids`` in the query as well as in the body (spotipy 2.26 sends the
  query form), so its body is optional.

The YAML is read with dates left as strings (``example: 1981-12-15`` would otherwise become a
``datetime.date``, which JSON-schema validators cannot handle).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "openapi.yml"
SERVER_HOST = "https://api.spotify.com"
_MAPPING = {
    "track": "#/components/schemas/TrackObject",
    "episode": "#/components/schemas/EpisodeObject",
}


def _add_discriminator_mappings(node: Any) -> None:
    if isinstance(node, dict):
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and "mapping" not in discriminator:
            discriminator["mapping"] = dict(_MAPPING)
        for value in node.values():
            _add_discriminator_mappings(value)
    elif isinstance(node, list):
        for value in node:
            _add_discriminator_mappings(value)


#: (schema, property) pairs Spotify sends as null although the spec does not say nullable.
NULLABLE = (
    ("CursorPagingObject", "next"),
    ("CursorObject", "after"),
    ("CursorObject", "before"),
    ("PlayHistoryObject", "context"),
    ("CurrentlyPlayingContextObject", "context"),
    ("CurrentlyPlayingContextObject", "item"),
    ("CurrentlyPlayingObject", "context"),
    ("CurrentlyPlayingObject", "item"),
    ("QueueObject", "currently_playing"),
    ("RecommendationSeedObject", "href"),
)
#: Multi-get responses whose arrays hold ``null`` for unknown IDs: (response, property).
MULTI_GETS = (
    ("ManyAlbums", "albums"),
    ("ManyArtists", "artists"),
    ("ManyTracks", "tracks"),
    ("ManyEpisodes", "episodes"),
    ("ManyAudiobooks", "audiobooks"),
    ("ManyChapters", "chapters"),
    ("ManySimplifiedShows", "shows"),
    ("ManyAudioFeatures", "audio_features"),
)


def _make_nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """A property schema that also accepts null (``nullable`` does not reach into allOf/oneOf)."""
    if "$ref" in schema or "allOf" in schema or "oneOf" in schema:
        inner = {key: value for key, value in schema.items() if key != "description"}
        return {"oneOf": [inner, {"type": "string", "nullable": True, "enum": [None]}]}
    return {**schema, "nullable": True}


class _DatesAsStrings(yaml.SafeLoader):
    """A safe loader without YAML's implicit timestamps."""


_DatesAsStrings.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _wrap_bare_errors(spec: dict[str, Any]) -> None:
    wrapped = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"$ref": "#/components/schemas/ErrorObject"}},
    }
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                media = response.get("content", {}).get("application/json", {})
                if media.get("schema") == {"$ref": "#/components/schemas/ErrorObject"}:
                    media["schema"] = copy.deepcopy(wrapped)


#: Properties Spotify leaves out although the spec requires them: (schema, property).
NOT_ALWAYS_SENT = (("ChapterBase", "is_playable"), ("EpisodeBase", "is_playable"))
SPOTIFY_DEVIATIONS = (
    "saved audiobooks are plain audiobook objects",
    *(f"{schema}.{prop} may be absent" for schema, prop in NOT_ALWAYS_SENT),
    "PUT /me/tracks takes ids in the query",
)


def _follow_spotify(spec: dict[str, Any]) -> None:
    """The :data:`SPOTIFY_DEVIATIONS` (see the module docstring)."""
    schemas = spec["components"]["schemas"]
    saved = schemas["PagingSavedAudiobookObject"]["allOf"][1]["properties"]["items"]
    saved["items"] = {"$ref": "#/components/schemas/SimplifiedAudiobookObject"}
    for schema, prop in NOT_ALWAYS_SENT:
        schemas[schema]["required"].remove(prop)
    save_tracks = spec["paths"]["/me/tracks"]["put"]
    save_tracks["requestBody"]["required"] = False
    save_tracks.setdefault("parameters", []).append(
        {
            "name": "ids",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "Spotify IDs, comma-separated (the query form Spotify still takes).",
        }
    )


def _patch(spec: dict[str, Any]) -> None:
    _follow_spotify(spec)
    _wrap_bare_errors(spec)
    _add_discriminator_mappings(spec)
    schemas = spec["components"]["schemas"]
    schemas["ChapterBase"]["properties"]["type"]["enum"] = ["episode", "chapter"]
    for schema, prop in NULLABLE:
        properties = schemas[schema]["properties"]
        properties[prop] = _make_nullable(properties[prop])
    responses = spec["components"]["responses"]
    for response, prop in MULTI_GETS:
        array = responses[response]["content"]["application/json"]["schema"]["properties"][prop]
        array["items"] = _make_nullable(array["items"])


@functools.cache
def spec_dict() -> dict[str, Any]:
    """The parsed spec with the patches above (parsed once per process; do not mutate)."""
    with SPEC_PATH.open("rb") as file:
        spec: dict[str, Any] = yaml.load(file, Loader=_DatesAsStrings)
    _patch(spec)
    return spec


@functools.cache
def load_spec() -> OpenAPI:
    """An openapi-core ``OpenAPI`` object for the patched spec, without ``security``: openapi-core
    cannot check oauth2 (it warns "Unsupported scheme type"); the emulator's scope checks have
    their own tests."""
    spec = copy.deepcopy(spec_dict())
    spec.pop("security", None)
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    return OpenAPI.from_dict(spec)


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every operation of the spec as ``(METHOD, path, operation object)``."""
    found = []
    for path, item in spec_dict()["paths"].items():
        for method, operation in item.items():
            if method in {"get", "put", "post", "delete", "patch"}:
                found.append((method.upper(), path, operation))
    return found


def build_request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    content_type: str = "application/json",
    headers: Mapping[str, str] | None = None,
) -> MockRequest:
    """An openapi-core request for ``url`` (any host: it is re-rooted on the spec's server).

    ``url`` is absolute or a path; its path must start with ``/v1`` as the spec's server does.
    """
    parts = urlsplit(url)
    data: bytes | str | None = body
    if body is not None and not content_type.endswith("json"):
        # openapi-core checks a binary body (the cover's base64 text) against ``type: string``.
        data = body.decode("ascii")
    args: dict[str, str] = {}
    if parts.query:
        from urllib.parse import parse_qsl

        args = dict(parse_qsl(parts.query, keep_blank_values=True))
    return MockRequest(
        SERVER_HOST,
        method,
        parts.path,
        args=args,
        headers=dict(headers or {}),
        data=data,  # type: ignore[arg-type]
        content_type=content_type,
    )


def build_response(
    status: int, body: bytes, content_type: str = "application/json"
) -> MockResponse:
    return MockResponse(body, status_code=status, content_type=content_type)


def validate_request(request: MockRequest) -> None:
    """Raise if the request does not match the spec (parameters and body)."""
    load_spec().validate_request(request)


def validate_response(request: MockRequest, response: MockResponse) -> None:
    """Raise if the response does not match the spec's schema for this operation and status."""
    load_spec().validate_response(request, response)


def validate_pair(
    method: str,
    url: str,
    status: int,
    response_body: bytes,
    *,
    request_body: bytes | None = None,
    request_content_type: str = "application/json",
    response_content_type: str = "application/json",
) -> None:
    """Validate a request and its response together (the usual call from a test)."""
    request = build_request(method, url, body=request_body, content_type=request_content_type)
    validate_request(request)
    validate_response(request, build_response(status, response_body, response_content_type))
