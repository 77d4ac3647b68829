"""Generate ``src/async_spotify/spec_data.py``: the 97 operations of the Web API spec, as data.

For each operation: its id, method, path, summary, tags, deprecation, scopes, the TypedDict of
its success body (``async_spotify.types``) and its parameters (path, query and JSON body) with
their type, enum values, bounds, default and the most ids/URIs one request may carry.

Much of that is stated only in prose ("Maximum: 20 IDs", "Valid values are: `album`..."): the
most regular phrases are parsed, and ``OVERRIDES`` below adds the rest. Every override names a
phrase of the spec that justifies it, and the script stops if the phrase is gone, so a change
of the spec cannot silently leave a stale limit behind.

Usage: ``python scripts/generate_operation_specs.py`` rewrites the file; ``--check`` compares.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yml"
OUTPUT_PATH = Path("src/async_spotify/spec_data.py")
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
    body, or ``None`` when there is none.
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


def render(spec: Mapping[str, Any]) -> str:
    """The text of spec_data.py."""
    calls = []
    used: set[int] = set()
    for method, path, operation in _operations(spec):
        operation_id = operation["operationId"]
        parameters = _parameters(spec, operation)
        text = _words(
            " ".join([str(operation.get("description", ""))] + [p.description for p in parameters])
        )
        used |= _apply_overrides(operation_id, text, parameters)
        for parameter in parameters:
            if parameter.type not in {"string", "integer", "number", "boolean", "object"}:
                raise SystemExit(f"{operation_id}.{parameter.name}: type {parameter.type}")
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
                ],
            )
        )
    unused = [OVERRIDES[index].name for index in range(len(OVERRIDES)) if index not in used]
    if unused:
        raise SystemExit(f"overrides that match no parameter any more: {unused}")
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


def main(argv: list[str]) -> int:
    text = render(load_spec())
    path = ROOT / OUTPUT_PATH
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if current == text:
        return 0
    if "--check" in argv:
        print(f"stale: {OUTPUT_PATH}")
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote: {OUTPUT_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
