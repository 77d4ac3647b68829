"""Generate ``src/async_spotify/spec_data.py``: the 97 operations of the Web API spec, as data.

For each operation: its id, method, path, summary, tags, deprecation, scopes, the TypedDict of
its success body (``async_spotify.types``) and its parameters (path, query and JSON body) with
their type, enum values, bounds, default and the most ids/URIs one request may carry.

Much of that is stated only in prose ("Maximum: 20 IDs", "Valid values are: `album`..."): the
most regular phrases are parsed, and ``OVERRIDES`` below adds the rest. Every override names a
phrase of the spec that justifies it, and the script stops if the phrase is gone, so a change
of the spec cannot silently leave a stale limit behind.

It also writes ``src/async_spotify/types/parameters.py``: for each operation, a ``TypedDict``
of the keyword arguments its method takes (``GetAnAlbumParams``: ``market``), with ``Literal``
aliases for the enums (``RepeatState``, ``SearchType``, ``TimeRange``...), so that the endpoint
methods can declare ``**kwargs: Unpack[GetAnAlbumParams]`` and a type checker flags a misspelt
keyword or value. Keyword arguments are an operation's optional query parameters, and, for the
operations in ``BODY_KEYWORDS``, its optional JSON body fields; ``SET_BY_METHOD`` lists the ones
a method takes as its own argument instead.

Usage: ``python scripts/generate_operation_specs.py`` rewrites the files; ``--check`` compares.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yml"
OUTPUT_PATH = Path("src/async_spotify/spec_data.py")
PARAMETERS_PATH = Path("src/async_spotify/types/parameters.py")
LINE_LENGTH = 100
#: libyaml's safe loader when PyYAML was built with it: 8 times faster on this spec.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
METHODS = ("get", "put", "post", "delete")


@dataclass(frozen=True)
class Override:
    """Facts about parameters that the spec states only in prose.

    ``evidence`` must occur (whitespace-normalised) in the text of every operation the override
    applies to: its description and its parameters' descriptions.
    """

    name: str
    evidence: str
    values: Mapping[str, Any]
    operations: frozenset[str] | None = None
    location: str | None = None


_RECENTLY_PLAYED = frozenset({"get-recently-played"})

OVERRIDES: tuple[Override, ...] = (
    Override(
        "include_groups",
        "Valid values are:<br/>- `album`<br/>- `single`<br/>- `appears_on`<br/>- `compilation`",
        {"enum": ("album", "single", "appears_on", "compilation")},
    ),
    Override(
        "additional_types",
        "Valid types are: `track` and `episode`",
        {"enum": ("track", "episode")},
    ),
    Override(
        "time_range",
        "Valid values: `long_term`",
        {"enum": ("long_term", "medium_term", "short_term")},
    ),
    Override(
        "state",
        "**track**, **context** or **off**",
        {"enum": ("track", "context", "off")},
        operations=frozenset({"set-repeat-mode-on-users-playback"}),
    ),
    Override("volume_percent", "from 0 to 100 inclusive", {"minimum": 0, "maximum": 100}),
    Override("position_ms", "Must be a positive number", {"minimum": 0}),
    Override("offset", "index of the first", {"minimum": 0}, location="query"),
    Override(
        "offset",
        "Maximum offset: 100.000",
        {"maximum": 100_000},
        operations=frozenset({"get-a-list-of-current-users-playlists", "get-list-users-playlists"}),
    ),
    Override(
        "limit",
        "Minimum: 1. Maximum: 10",
        {"minimum": 1},
        operations=frozenset({"get-an-artists-albums"}),
    ),
    Override("position", "a zero-based index", {"minimum": 0}),
    Override("range_start", "The position of the first item to be reordered", {"minimum": 0}),
    Override("insert_before", "The position where the items should be inserted", {"minimum": 0}),
    Override("range_length", "Defaults to 1 if not set", {"minimum": 1, "default": 1}),
    Override("after", "A Unix timestamp in milliseconds", {"minimum": 0}, _RECENTLY_PLAYED),
    Override("before", "A Unix timestamp in milliseconds", {"minimum": 0}, _RECENTLY_PLAYED),
    Override("device_ids", "only a single device_id is currently supported", {"max_items": 1}),
    Override(
        "ids",
        "A single item list containing current user's",
        {"is_list": True},
        operations=frozenset({"check-if-user-follows-playlist"}),
    ),
    Override("seed_artists", "Up to 5 seed values", {"max_items": 5}),
    Override("seed_genres", "Up to 5 seed values", {"max_items": 5}),
    Override("seed_tracks", "Up to 5 seed values", {"max_items": 5}),
    Override(
        "uris",
        "A maximum of 100 items can be set in one request",
        {"max_items": 100},
        operations=frozenset(
            {"reorder-or-replace-playlists-items", "reorder-or-replace-playlists-tracks"}
        ),
        location="body",
    ),
)

_MAX_ITEMS = (
    re.compile(r"Maximum:? (\d+) (?:IDs|URIs|id)\b", re.IGNORECASE),
    re.compile(r"A maximum of (\d+) (?:items|IDs|objects)\b", re.IGNORECASE),
)
_COMMA_LIST = re.compile(r"comma[- ]separated list", re.IGNORECASE)
_DEPRECATED_PROSE = re.compile(r"^\s*\*\*Deprecated\*\*")


@dataclass
class Parameter:
    """A parameter as it will be written to spec_data.py."""

    name: str
    location: str
    required: bool
    type: str
    is_list: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | float | None = None
    maximum: int | float | None = None
    default: str | int | bool | None = None
    max_items: int | None = None
    deprecated: bool = False
    description: str = field(default="", repr=False)


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        spec: dict[str, Any] = yaml.load(stream, Loader=_SAFE_LOADER)
    return spec


def _resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        _, section, kind, name = node["$ref"].split("/")
        node = spec[section][kind][name]
    return node


def _words(text: str) -> str:
    return " ".join(text.split())


def _operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def _parameters(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> list[Parameter]:
    found = []
    for raw in operation.get("parameters", []):
        parameter = _resolve(spec, raw)
        schema = parameter["schema"]
        found.append(
            _parameter(parameter["name"], parameter["in"], bool(parameter.get("required")), schema)
        )
    body = operation.get("requestBody")
    if body is not None:
        body = _resolve(spec, body)
        content = body["content"].get("application/json")
        if content is not None:
            schema = _resolve(spec, content["schema"])
            required = set(schema.get("required", ()))
            for name, prop in schema.get("properties", {}).items():
                found.append(_parameter(name, "body", name in required, prop))
    return found


def _parameter(name: str, location: str, required: bool, schema: Mapping[str, Any]) -> Parameter:
    description = _words(str(schema.get("description", "")))
    kind = schema.get("type", "string")
    element = schema
    is_list = False
    if kind == "array":
        element = schema["items"]
        kind = element.get("type", "string")
        is_list = True
    elif location == "query" and kind == "string" and _COMMA_LIST.search(description):
        is_list = True
    max_items = None
    for pattern in _MAX_ITEMS:
        match = pattern.search(description)
        if match:
            max_items = int(match.group(1))
            break
    return Parameter(
        name=name,
        location=location,
        required=required,
        type=kind,
        is_list=is_list,
        enum=tuple(str(value) for value in element.get("enum", ())),
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        default=schema.get("default"),
        max_items=max_items,
        deprecated=bool(schema.get("deprecated")) or bool(_DEPRECATED_PROSE.match(description)),
        description=description,
    )


def _apply_overrides(operation_id: str, text: str, parameters: list[Parameter]) -> set[int]:
    """Apply every matching override; return the indexes of the overrides used."""
    used = set()
    for index, override in enumerate(OVERRIDES):
        if override.operations is not None and operation_id not in override.operations:
            continue
        targets = [
            parameter
            for parameter in parameters
            if parameter.name == override.name and override.location in (None, parameter.location)
        ]
        if not targets:
            continue
        if _words(override.evidence) not in text:
            raise SystemExit(
                f"{operation_id}: the spec no longer says {override.evidence!r} "
                f"(override of {override.name})"
            )
        for parameter in targets:
            for key, value in override.values.items():
                setattr(parameter, key, value)
        used.add(index)
    return used


def _scopes(operation: Mapping[str, Any]) -> tuple[str, ...]:
    scopes: list[str] = []
    for requirement in operation.get("security", ()):
        for names in requirement.values():
            scopes.extend(name for name in names if name not in scopes)
    return tuple(scopes)


def _response_type(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> str | None:
    """The name of the TypedDict (or alias) in ``async_spotify.types`` of the 2xx body."""
    for status, response in operation["responses"].items():
        if not status.startswith("2") or "$ref" not in response:
            continue
        name = str(response["$ref"]).rsplit("/", 1)[1]
        schema = _resolve(spec, response)["content"]["application/json"]["schema"]
        return str(schema["$ref"]).rsplit("/", 1)[1] if "$ref" in schema else name
    return None


def _request_content_type(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> str | None:
    body = operation.get("requestBody")
    if body is None:
        return None
    return str(next(iter(_resolve(spec, body)["content"])))


@dataclass(frozen=True)
class Call:
    """A constructor call to format: ``name(key=value, ...)``."""

    name: str
    arguments: Sequence[tuple[str, object]]


def _atom(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    raise SystemExit(f"cannot format {value!r}")


def _flat(value: object) -> str:
    if isinstance(value, Call):
        inner = ", ".join(f"{key}={_flat(item)}" for key, item in value.arguments)
        return f"{value.name}({inner})"
    if isinstance(value, tuple):
        if len(value) == 1:
            return f"({_flat(value[0])},)"
        return "(" + ", ".join(_flat(item) for item in value) + ")"
    return _atom(value)


def _format(value: object, indent: int, prefix: str, suffix: str) -> list[str]:
    """Lay ``prefix + value + suffix`` out the way ``ruff format`` does for these literals."""
    pad = " " * indent
    flat = pad + prefix + _flat(value) + suffix
    if len(flat) <= LINE_LENGTH or not isinstance(value, Call | tuple) or not value:
        return [flat]
    if isinstance(value, Call):
        lines = [f"{pad}{prefix}{value.name}("]
        for key, item in value.arguments:
            lines += _format(item, indent + 4, f"{key}=", ",")
    else:
        lines = [f"{pad}{prefix}("]
        for item in value:
            lines += _format(item, indent + 4, "", ",")
    return [*lines, f"{pad}){suffix}"]


_HEADER = '''\
"""The operations of the Spotify Web API, as data: paths, scopes, parameters and their limits.

Generated by ``scripts/generate_operation_specs.py`` from ``spec/openapi.yml``: do not edit.
The endpoint methods and ``async_spotify.validation`` read it, so that a limit or an allowed
value lives in one place, the spec, and not in a constant someone must remember to update.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = ["OPERATION_SPECS", "OperationSpec", "ParameterSpec"]

ParameterLocation = Literal["path", "query", "body"]
ParameterType = Literal["string", "integer", "number", "boolean", "object"]
HttpMethod = Literal["GET", "PUT", "POST", "DELETE"]


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """One parameter of an operation.

    ``type`` is the type of one value; ``is_list`` says the parameter carries several (a
    comma-separated list in the query, a JSON array in the body), at most ``max_items``.
    ``enum`` lists the allowed values (of each element, for a list), ``minimum`` and
    ``maximum`` bound a number, ``default`` is what Spotify assumes when the parameter is left
    out.
    """

    name: str
    location: ParameterLocation
    required: bool
    type: ParameterType
    is_list: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | float | None = None
    maximum: int | float | None = None
    default: str | int | bool | None = None
    max_items: int | None = None
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class OperationSpec:
    """One operation of the spec, keyed in ``OPERATION_SPECS`` by its ``operation_id``.

    ``path`` is in the spec's form (``/albums/{id}``); ``scopes`` lists the OAuth scopes the
    spec names (alternatives, for some: ``playlist-modify-public`` or ``-private``);
    ``response_type`` is the name of the TypedDict in ``async_spotify.types`` of the success
    body, or ``None`` when there is none. ``keywords`` names the parameters the operation's
    method takes as keyword arguments (``async_spotify.types.parameters``).
    """

    operation_id: str
    method: HttpMethod
    path: str
    summary: str
    tags: tuple[str, ...]
    deprecated: bool
    scopes: tuple[str, ...]
    success_statuses: tuple[int, ...]
    response_type: str | None
    request_content_type: str | None
    parameters: tuple[ParameterSpec, ...]
    keywords: tuple[str, ...] = ()
'''

_PARAMETER_DEFAULTS: Mapping[str, object] = {
    "is_list": False,
    "enum": (),
    "minimum": None,
    "maximum": None,
    "default": None,
    "max_items": None,
    "deprecated": False,
}


def _parameter_call(parameter: Parameter) -> Call:
    arguments: list[tuple[str, object]] = [
        ("name", parameter.name),
        ("location", parameter.location),
        ("required", parameter.required),
        ("type", parameter.type),
    ]
    for key, default in _PARAMETER_DEFAULTS.items():
        value = getattr(parameter, key)
        if value != default:
            arguments.append((key, value))
    return Call("ParameterSpec", arguments)


@dataclass
class Operation:
    """One operation of the spec with its parameters, overrides applied."""

    method: str
    path: str
    raw: Mapping[str, Any]
    parameters: list[Parameter]

    @property
    def operation_id(self) -> str:
        return str(self.raw["operationId"])


def parse(spec: Mapping[str, Any]) -> list[Operation]:
    """Every operation of the spec, in spec order, with the overrides applied (all of them)."""
    operations = []
    used: set[int] = set()
    for method, path, raw in _operations(spec):
        operation_id = raw["operationId"]
        parameters = _parameters(spec, raw)
        text = _words(
            " ".join([str(raw.get("description", ""))] + [p.description for p in parameters])
        )
        used |= _apply_overrides(operation_id, text, parameters)
        for parameter in parameters:
            if parameter.type not in {"string", "integer", "number", "boolean", "object"}:
                raise SystemExit(f"{operation_id}.{parameter.name}: type {parameter.type}")
        operations.append(Operation(method, path, raw, parameters))
    unused = [OVERRIDES[index].name for index in range(len(OVERRIDES)) if index not in used]
    if unused:
        raise SystemExit(f"overrides that match no parameter any more: {unused}")
    return operations


def _keywords_argument(operation: Operation) -> list[tuple[str, object]]:
    names = tuple(parameter.name for parameter in keyword_parameters(operation))
    return [("keywords", names)] if names else []


def render(spec: Mapping[str, Any]) -> str:
    """The text of spec_data.py."""
    calls = []
    for parsed in parse(spec):
        method, path, operation = parsed.method, parsed.path, parsed.raw
        operation_id, parameters = parsed.operation_id, parsed.parameters
        success = tuple(int(status) for status in operation["responses"] if status[0] == "2")
        calls.append(
            Call(
                "OperationSpec",
                [
                    ("operation_id", operation_id),
                    ("method", method),
                    ("path", path),
                    ("summary", _words(str(operation.get("summary", "")))),
                    ("tags", tuple(operation.get("tags", ()))),
                    ("deprecated", bool(operation.get("deprecated"))),
                    ("scopes", _scopes(operation)),
                    ("success_statuses", success),
                    ("response_type", _response_type(spec, operation)),
                    ("request_content_type", _request_content_type(spec, operation)),
                    ("parameters", tuple(_parameter_call(p) for p in parameters)),
                    *_keywords_argument(parsed),
                ],
            )
        )
    lines = [_HEADER, "", "_OPERATIONS = ("]
    for call in calls:
        lines += _format(call, 4, "", ",")
    lines += [
        ")",
        "",
        "#: Every operation of the spec, by operationId (``get-an-album``, ``search``, ...).",
        "OPERATION_SPECS: Mapping[str, OperationSpec] = MappingProxyType(",
        "    {operation.operation_id: operation for operation in _OPERATIONS}",
        ")",
    ]
    text = "\n".join(lines) + "\n"
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > LINE_LENGTH:
            raise SystemExit(f"{OUTPUT_PATH}:{number} would be {len(line)} characters long")
    return text


# -- the keyword-argument TypedDicts (src/async_spotify/types/parameters.py) --------------------

#: Operations whose method takes optional JSON body fields as keyword arguments too
#: (AsyncSpotify's "kwargs become the body"; ``playlists.create`` names them instead).
BODY_KEYWORDS = frozenset(
    {"start-a-users-playback", "change-playlist-details", "create-playlist-for-user"}
)

#: Optional parameters that the method takes as its own argument, not as a keyword:
#: (operation, parameter) -> the method's argument.
SET_BY_METHOD: Mapping[tuple[str, str], str] = {
    ("get-an-artists-top-tracks", "market"): "country",
    ("check-if-user-follows-playlist", "ids"): "spotify_user_id_list",
    ("add-tracks-to-playlist", "position"): "position",
    ("add-tracks-to-playlist", "uris"): "spotify_uris",
    ("add-items-to-playlist", "position"): "position",
    ("add-items-to-playlist", "uris"): "uris",
    ("reorder-or-replace-playlists-tracks", "uris"): "replace_tracks' spotify_uris",
    ("reorder-or-replace-playlists-items", "uris"): "replace_items' uris",
}

#: A name for every enum of a parameter: (parameter, values) -> the Literal alias.
ENUM_NAMES: Mapping[tuple[str, tuple[str, ...]], str] = {
    ("include_groups", ("album", "single", "appears_on", "compilation")): "IncludeGroup",
    (
        "type",
        ("album", "artist", "playlist", "track", "show", "episode", "audiobook"),
    ): "SearchType",
    ("include_external", ("audio",)): "IncludeExternal",
    ("additional_types", ("track", "episode")): "AdditionalType",
    ("type", ("artist",)): "FollowedType",
    ("type", ("artist", "user")): "FollowType",
    ("state", ("track", "context", "off")): "RepeatState",
    ("time_range", ("long_term", "medium_term", "short_term")): "TimeRange",
}

_PARAMETERS_HEADER = '''\
"""Keyword arguments of the endpoint methods: one ``TypedDict`` per operation.

Generated by ``scripts/generate_operation_specs.py`` from ``spec/openapi.yml``: do not edit.

A method declares ``**kwargs: Unpack[GetAnAlbumParams]``, so that a type checker (mypy,
pyright) flags a keyword the operation does not take (``albums.get_one(id, markt="US")``) or a
value outside an enum (``time_range="forever"``). Nothing here is enforced at run time: the
methods validate values against the spec themselves, an unknown keyword is still sent, with an
:class:`~async_spotify.endpoints.parameters.UnknownParameterWarning` naming the closest real
parameter, and ``extra_query=`` sends a parameter Spotify added after this spec, unwarned.

Query values may be ``None``, which means "not given". Lists may be given as a list or tuple;
those without an enum also as one comma-separated ``str``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias, TypedDict
'''

_SCALAR_ANNOTATIONS = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "object": "Mapping[str, object]",
}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z_*`(])")


def params_class_name(operation_id: str) -> str:
    """``get-an-album`` -> ``GetAnAlbumParams``."""
    return "".join(part.capitalize() for part in operation_id.split("-")) + "Params"


def keyword_parameters(operation: Operation) -> list[Parameter]:
    """The parameters of ``operation`` that its method takes as keyword arguments."""
    locations = ("query", "body") if operation.operation_id in BODY_KEYWORDS else ("query",)
    found: list[Parameter] = []
    for parameter in operation.parameters:
        if parameter.location not in locations or parameter.required:
            continue
        if (operation.operation_id, parameter.name) in SET_BY_METHOD:
            continue
        if any(other.name == parameter.name for other in found):
            raise SystemExit(f"{operation.operation_id}: {parameter.name} twice as a keyword")
        found.append(parameter)
    return found


def _enum_name(operation_id: str, parameter: Parameter) -> str:
    name = ENUM_NAMES.get((parameter.name, parameter.enum))
    if name is None:
        raise SystemExit(
            f"{operation_id}.{parameter.name}: enum {parameter.enum} has no name in ENUM_NAMES"
        )
    return name


def _value_annotation(operation_id: str, parameter: Parameter) -> str:
    if parameter.enum:
        element = _enum_name(operation_id, parameter)
    else:
        element = _SCALAR_ANNOTATIONS[parameter.type]
    if not parameter.is_list:
        annotation = element
    elif parameter.location == "body":
        annotation = f"Sequence[{element}]"
    else:
        annotation = f"{element} | Sequence[{element}]"
    return annotation if parameter.location == "body" else f"{annotation} | None"


def _first_sentence(description: str) -> str:
    text = _LINK.sub(r"\1", description)
    text = _TAG.sub(" ", text).replace("**", "").replace("\\", "")
    text = " ".join(text.split())
    sentences = _FIRST_SENTENCE.split(text, maxsplit=2)
    text = sentences[1] if sentences[0] == "Optional." and len(sentences) > 1 else sentences[0]
    if len(text) > 240:
        text = text[:239].rsplit(" ", 1)[0] + "…"
    if '"""' in text:
        raise SystemExit(f"cannot put {text!r} in a docstring")
    return text if text.endswith((".", "!", "?", "…", ":")) or not text else text + "."


def _doc_lines(text: str, indent: str) -> list[str]:
    width = LINE_LENGTH - len(indent) - 6
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [
        f'{indent}"""{lines[0]}',
        *[f"{indent}{line}" for line in lines[1:-1]],
        f'{indent}{lines[-1]}"""',
    ]


def _comment_lines(text: str) -> list[str]:
    lines = textwrap.wrap(text, width=LINE_LENGTH - 3, break_on_hyphens=False)
    return [f"#: {line}" for line in lines]


def _has_parameter(operations: list[Operation], operation_id: str, name: str) -> bool:
    return any(
        p.name == name and not p.required
        for op in operations
        if op.operation_id == operation_id
        for p in op.parameters
    )


def render_parameters(spec: Mapping[str, Any]) -> str:
    """The text of types/parameters.py."""
    operations = parse(spec)
    aliases: dict[str, tuple[tuple[str, ...], list[str]]] = {}
    for operation in operations:
        for parameter in operation.parameters:
            if parameter.enum and parameter.location != "path":
                name = _enum_name(operation.operation_id, parameter)
                values, users = aliases.setdefault(name, (parameter.enum, []))
                if values != parameter.enum:
                    raise SystemExit(f"ENUM_NAMES: {name} stands for two enums")
                users.append(f"``{operation.operation_id}``")
    missing = [key for key in SET_BY_METHOD if not _has_parameter(operations, *key)]
    if missing:
        raise SystemExit(f"SET_BY_METHOD: {missing} are not optional parameters any more")
    unused = set(ENUM_NAMES.values()) - set(aliases)
    if unused:
        raise SystemExit(f"ENUM_NAMES: {sorted(unused)} name no enum of the spec any more")
    classes = [(op, keyword_parameters(op)) for op in operations]
    names = sorted([*aliases, *(params_class_name(op.operation_id) for op, _ in classes)])
    out = [_PARAMETERS_HEADER, "__all__ = [", *[f'    "{name}",' for name in names], "]", ""]
    for name in sorted(aliases):
        values, users = aliases[name]
        literal = ", ".join(json.dumps(value) for value in values)
        out += ["", *_comment_lines(f"Values of a parameter of {', '.join(users)}.")]
        line = f"{name}: TypeAlias = Literal[{literal}]"
        out += (
            [line]
            if len(line) <= LINE_LENGTH
            else [line[: -len(literal) - 1], f"    {literal}", "]"]
        )
    where = {"query": "query parameters", "body": "JSON body fields"}
    for operation, keywords in classes:
        name = params_class_name(operation.operation_id)
        kinds = " and ".join(
            where[location]
            for location in ("query", "body")
            if any(p.location == location for p in keywords)
        )
        doc = (
            f"Keyword arguments of ``{operation.operation_id}`` "
            f"(``{operation.method} {operation.path}``): "
            + (f"its optional {kinds}." if kinds else "none (it has no optional parameter).")
        )
        out += ["", "", f"class {name}(TypedDict, total=False):", *_doc_lines(doc, "    ")]
        for parameter in keywords:
            line = f"    {parameter.name}: {_value_annotation(operation.operation_id, parameter)}"
            if parameter.deprecated:
                line += "  # deprecated"
            out += ["", line]
            sentence = _first_sentence(parameter.description)
            if sentence:
                out += _doc_lines(sentence, "    ")
    text = "\n".join(out) + "\n"
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > LINE_LENGTH:
            raise SystemExit(f"{PARAMETERS_PATH}:{number} would be {len(line)} characters long")
    return text


def rendered(spec: Mapping[str, Any]) -> dict[Path, str]:
    """Every file this script writes, keyed by its path relative to the repository root."""
    return {OUTPUT_PATH: render(spec), PARAMETERS_PATH: render_parameters(spec)}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for relative, text in rendered(load_spec()).items():
        path = ROOT / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(str(relative))
        if not check:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(("stale: " if check else "wrote: ") + ", ".join(stale))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
