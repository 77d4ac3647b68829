"""Generate the response TypedDicts of async_spotify from the Web API spec.

Reads ``spec/openapi.yml`` and writes ``src/async_spotify/types/objects.py`` (one ``TypedDict``
per object schema of ``components.schemas``, plus one per response wrapper that the spec names,
such as ``ManyAlbums``) and ``src/async_spotify/types/__init__.py`` (re-exports).

Why generated: the spec is the only complete description of Spotify's bodies and it changes
several times a year; a script keeps the types honest and ``tests/test_generated_current.py``
fails when the committed files fall behind. PyYAML is needed here only, never at runtime.

Rules:

- ``total=False`` everywhere: Spotify leaves fields out (development mode, local files), and a
  missing field must never be a type error the user did not deserve.
- ``allOf`` with ``$ref`` parts becomes inheritance; inline parts add fields.
- ``nullable: true`` -> ``X | None``; so does a description that says the value can be ``null``
  ("Can be `null`", "`null` if not available"): the spec rarely sets ``nullable`` where Spotify
  really sends ``null``, and a type that hides a ``None`` is worse than one more check.
- ``enum`` -> ``Literal[...]``, unless the description warns that values may be added.
- Arrays -> ``list[X]``; objects without properties -> ``dict[str, Any]``.
- Paging objects are generic: ``PagingXObject`` (a ``PagingObject`` plus ``items: list[X]``)
  becomes ``PagingXObject(Paging[X])``, the same for ``CursorPaging``, so code that pages
  (``client.paginate``) knows the item type.
- ``Required[...]`` for the keys in ``ALWAYS_SENT`` (``id``, ``uri``, ``items``...) that every
  recorded real body (``spec/recorded``) holding the object has, and for the one key of a
  response that wraps its content (``ManyAlbums.albums``); never in an object that an answer
  without a body (``{}``, a 204) may stand for, such as the playback state.

Usage: ``python scripts/generate_types.py`` rewrites the files; ``--check`` only compares.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yml"
OBJECTS_PATH = Path("src/async_spotify/types/objects.py")
INIT_PATH = Path("src/async_spotify/types/__init__.py")
LINE_LENGTH = 100
#: libyaml's safe loader when PyYAML was built with it: 8 times faster on this spec.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Names for inline object schemas that the automatic ``{Parent}{Field}Object`` rule names badly.
INLINE_NAMES: Mapping[tuple[str, str], str] = {
    ("PagedCategories", "categories"): "PagingCategoryObject",
}

#: Fields Spotify sends as ``null`` although neither ``nullable`` nor their own description says
#: so. Key: (schema, field) -> the spec sentence (elsewhere) that says it; checked to exist.
EXTRA_NULLABLE: Mapping[tuple[str, str], str] = {
    ("PlaylistTrackObject", "item"): "a track object may be `null`",
    ("PlaylistTrackObject", "track"): "a track object may be `null`",
}

#: Arrays whose elements Spotify may send as ``null`` -> why we know. Multi-get responses put
#: ``null`` where an id is unknown (the spec says so for ``ManyAudiobooks`` only).
NULLABLE_ITEMS: Mapping[str, str] = {
    "ManyAlbums": "multi-get: null for an unknown id",
    "ManyArtists": "multi-get: null for an unknown id",
    "ManyAudioFeatures": "multi-get: null for an unknown id",
    "ManyAudiobooks": "multi-get: null for an unknown id (stated by the spec)",
    "ManyChapters": "multi-get: null for an unknown id",
    "ManyEpisodes": "multi-get: null for an unknown id",
    "ManySimplifiedShows": "multi-get: null for an unknown id",
    "ManyTracks": "multi-get: null for an unknown id (zmb3 find_tracks_notfound)",
    "PagingPlaylistObject": "search and /me/playlists return null for hidden playlists since "
    "2024-11 (JohnnyCrazy/SpotifyAPI-NET#1033, jjdenhertog/spotify-to-plex#6)",
}

#: Enums the spec lists that Spotify does not keep to: typed ``str``, not ``Literal``.
OPEN_ENUMS: Mapping[tuple[str, str], str] = {
    ("AlbumBase", "album_type"): "'ALBUM' seen (spotify/spotify-web-api-ts-sdk#91)",
    ("ChapterBase", "type"): "the spec's only value is 'episode', for a chapter",
}

#: Fields whose shape Spotify sends otherwise than the spec says: (schema, field) ->
#: (annotation, evidence). The emulator follows the same evidence (docs/emulator-fidelity.md).
SPOTIFY_SHAPES: Mapping[tuple[str, str], tuple[str, str]] = {
    ("PagingSavedAudiobookObject", "items"): (
        "list[SimplifiedAudiobookObject]",
        "GET /me/audiobooks lists plain audiobook objects, not {added_at, audiobook} "
        "(python-spotify saved_audiobooks.json)",
    ),
}

_NULL_PROSE = re.compile(r"\bnull\b")
_OPEN_ENUM_PROSE = re.compile(r"may be added|will be added|in the future", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w`])_|_(?![\w`])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z_*`(])")
_MAX_DOC = 240
_SCALAR_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_SCALARS = frozenset(_SCALAR_TYPES.values())


@dataclass
class Field:
    """One field of a generated TypedDict."""

    name: str
    annotation: str
    doc: str
    deprecated: bool
    required: bool = False


@dataclass
class TypedDictDef:
    """One generated TypedDict class."""

    name: str
    bases: list[str]
    doc: str
    fields: list[Field] = field(default_factory=list)


@dataclass
class Generator:
    """Walks the spec and collects class and alias definitions, in a deterministic order."""

    spec: Mapping[str, Any]
    classes: dict[str, TypedDictDef] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    uses_any: bool = False
    uses_literal: bool = False

    @property
    def schemas(self) -> Mapping[str, Any]:
        return self.spec["components"]["schemas"]  # type: ignore[no-any-return]

    def run(self) -> None:
        returned_by = _operations_by_response(self.spec)
        for name, schema in self.schemas.items():
            if _is_object_schema(schema):
                self._add_class(name, schema, _schema_doc(name, returned_by.get(name, [])))
            else:
                self.aliases[name] = self._annotation(schema, name, name)
        responses = self.spec["components"]["responses"]
        for name in sorted(_success_response_names(self.spec)):
            schema = responses[name]["content"]["application/json"]["schema"]
            if "$ref" in schema:
                continue
            doc = _response_doc(responses[name]["description"], returned_by.get(name, []))
            if _is_object_schema(schema):
                self._add_class(name, schema, doc)
            else:
                self.aliases[name] = self._annotation(schema, name, name)
        for (parent, child), name in INLINE_NAMES.items():
            if name not in self.classes:
                raise SystemExit(f"INLINE_NAMES: {parent}.{child} is not in the spec any more")

    def _add_class(self, name: str, schema: Mapping[str, Any], doc: str) -> None:
        bases: list[str] = []
        fields: list[Field] = []
        parts = [*schema.get("allOf", []), schema]
        for part in parts:
            if "$ref" in part:
                bases.append(_ref_name(part["$ref"]))
                continue
            if "allOf" in part and part is not schema:
                raise SystemExit(f"{name}: nested allOf is not supported")
            for field_name, prop in part.get("properties", {}).items():
                fields.append(self._field(name, field_name, prop))
        self._check_no_override(name, bases, fields)
        self.classes[name] = TypedDictDef(name, bases, doc, fields)

    def _check_no_override(self, name: str, bases: list[str], fields: list[Field]) -> None:
        """TypedDicts cannot redeclare an inherited field: fail loudly if the spec ever does."""
        inherited = {f.name for base in bases for f in self._all_fields(base)}
        clashes = inherited & {f.name for f in fields}
        if clashes:
            raise SystemExit(f"{name} redeclares inherited fields {sorted(clashes)}")

    def _all_fields(self, name: str) -> Iterator[Field]:
        if name not in self.classes:
            self._add_class(name, self.schemas[name], _schema_doc(name, []))
        definition = self.classes[name]
        for base in definition.bases:
            yield from self._all_fields(base)
        yield from definition.fields

    def _field(self, owner: str, name: str, prop: Mapping[str, Any]) -> Field:
        if not name.isidentifier() or keyword.iskeyword(name):
            raise SystemExit(f"{owner}.{name} is not usable as a TypedDict field name")
        description = str(prop.get("description", ""))
        shape = SPOTIFY_SHAPES.get((owner, name))
        if shape is not None:
            return Field(name, shape[0], _short_doc(shape[1]), bool(prop.get("deprecated")))
        annotation = self._annotation(prop, owner, name)
        nullable = (
            prop.get("nullable", False)
            or bool(_NULL_PROSE.search(description))
            or (owner, name) in EXTRA_NULLABLE
        )
        if nullable and not annotation.endswith("| None"):
            annotation += " | None"
        return Field(name, annotation, _short_doc(description), bool(prop.get("deprecated")))

    def _annotation(self, schema: Mapping[str, Any], owner: str, name: str) -> str:
        if "$ref" in schema:
            return _ref_name(schema["$ref"])
        if "oneOf" in schema or "anyOf" in schema:
            options = schema.get("oneOf", schema.get("anyOf"))
            return " | ".join(self._annotation(option, owner, name) for option in options)
        refs = [part for part in schema.get("allOf", []) if "$ref" in part]
        if refs and len(refs) == len(schema["allOf"]) == 1 and "properties" not in schema:
            return _ref_name(refs[0]["$ref"])
        kind = schema.get("type")
        if "allOf" in schema or (kind == "object" and "properties" in schema):
            nested = INLINE_NAMES.get((owner, name)) or _inline_name(owner, name)
            self._add_class(nested, schema, f"The ``{name}`` object inside ``{owner}``.")
            return nested
        description = str(schema.get("description", ""))
        open_enum = _OPEN_ENUM_PROSE.search(description) or (owner, name) in OPEN_ENUMS
        if "enum" in schema and not open_enum:
            self.uses_literal = True
            values = ", ".join(_literal(value) for value in schema["enum"])
            return f"Literal[{values}]"
        if kind == "array":
            item = self._annotation(schema["items"], owner, name)
            if owner in NULLABLE_ITEMS:
                item += " | None"
            return f"list[{item}]"
        if kind == "object":
            self.uses_any = True
            return "dict[str, Any]"
        scalar = _SCALAR_TYPES.get(str(kind))
        if scalar is None:
            raise SystemExit(f"{owner}.{name}: unsupported schema {dict(schema)}")
        return scalar

    def ordered_classes(self) -> list[TypedDictDef]:
        """Spec order, except that a base class always comes before its subclasses."""
        done: dict[str, TypedDictDef] = {}

        def visit(definition: TypedDictDef) -> None:
            if definition.name in done:
                return
            for base in definition.bases:
                for name in _base_names(base):
                    if name in self.classes:
                        visit(self.classes[name])
            done[definition.name] = definition

        for definition in self.classes.values():
            visit(definition)
        return list(done.values())


def _is_object_schema(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" or "allOf" in schema or "properties" in schema


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[1]


def _inline_name(owner: str, name: str) -> str:
    stem = owner.removesuffix("Object")
    return stem + "".join(part.capitalize() for part in name.split("_")) + "Object"


def _literal(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise SystemExit(f"unsupported enum value {value!r}")


def _short_doc(description: str) -> str:
    """The first sentence of a spec description, without Markdown or HTML."""
    text = _MD_LINK.sub(r"\1", description)
    text = _HTML_TAG.sub(" ", text).replace("**", "").replace("\\", "")
    text = _EMPHASIS_UNDERSCORE.sub("", text)
    text = " ".join(text.split())
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(text) > _MAX_DOC:
        text = text[: _MAX_DOC - 1].rsplit(" ", 1)[0] + "…"
    if '"""' in text:
        raise SystemExit(f"cannot put {text!r} in a docstring")
    return text if text.endswith((".", "!", "?", "…", ":")) or not text else text + "."


def _operations_by_response(spec: Mapping[str, Any]) -> dict[str, list[str]]:
    """Schema or response name -> the operationIds whose success body it is."""
    responses = spec["components"]["responses"]
    found: dict[str, list[str]] = {}
    for operation in _operations(spec):
        for status, response in operation["responses"].items():
            if not status.startswith("2") or "$ref" not in response:
                continue
            name = _ref_name(response["$ref"])
            schema = responses[name]["content"]["application/json"]["schema"]
            key = _ref_name(schema["$ref"]) if "$ref" in schema else name
            found.setdefault(key, []).append(operation["operationId"])
    return found


def _success_response_names(spec: Mapping[str, Any]) -> set[str]:
    names = set()
    for operation in _operations(spec):
        for status, response in operation["responses"].items():
            if status.startswith("2") and "$ref" in response:
                names.add(_ref_name(response["$ref"]))
    return names


def _operations(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for item in spec["paths"].values():
        for method in ("get", "put", "post", "delete", "patch"):
            if method in item:
                yield item[method]


def _schema_doc(name: str, operations: list[str]) -> str:
    doc = f"The spec's ``{name}``."
    if operations:
        doc += " Returned by " + ", ".join(f"``{op}``" for op in operations) + "."
    return doc


def _response_doc(description: str, operations: list[str]) -> str:
    doc = " ".join(description.split()).rstrip(".") + "."
    return doc + " Returned by " + ", ".join(f"``{op}``" for op in operations) + "."


def _docstring(text: str, indent: str) -> list[str]:
    """A docstring, wrapped to the line length (ruff leaves string contents alone)."""
    width = LINE_LENGTH - len(indent)
    lines = textwrap.wrap(text, width=width - 6, break_long_words=False, break_on_hyphens=False)
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    body = [f'{indent}"""{lines[0]}'] + [f"{indent}{line}" for line in lines[1:-1]]
    return [*body, f'{indent}{lines[-1]}"""']


def render_objects(generator: Generator) -> str:
    typing_names = ["Generic", "Required", "TypeAlias", "TypeVar", "TypedDict"]
    if generator.uses_any:
        typing_names.append("Any")
    if generator.uses_literal:
        typing_names.append("Literal")
    typing_names.sort(key=str.lower)  # the order ruff's isort wants
    out = [
        '"""TypedDicts for every object of the Spotify Web API spec.',
        "",
        "Generated by ``scripts/generate_types.py`` from ``spec/openapi.yml``: do not edit.",
        "",
        "Every class is ``total=False``: Spotify may leave a field out, and an unknown field",
        "is simply there at runtime (these are plain dicts, nothing is checked or built). The",
        "keys Spotify always sends (``id``, ``uri``, ``type``, ``name``, ``href``, ``items``,",
        "``total``...) are ``Required[...]`` where every recorded real body (``spec/recorded``)",
        "has them, except in objects that an answer without a body (``{}``) may stand for (the",
        "playback state). A field whose value Spotify may send as ``null`` is typed ``X | None``.",
        "Paging objects are generic: ``PagingSimplifiedTrackObject`` is a",
        "``Paging[SimplifiedTrackObject]``, so ``client.paginate()`` yields its item type.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"from typing import {', '.join(typing_names)}",
        "",
        "__all__ = [",
        *[f'    "{name}",' for name in _sorted_names(generator)],
        "]",
        "",
    ]
    out += ["", f'{_ITEM_VAR} = TypeVar("{_ITEM_VAR}")']
    scalar_aliases = {n: a for n, a in generator.aliases.items() if a in _SCALARS}
    for name, annotation in scalar_aliases.items():
        out += ["", f"{name}: TypeAlias = {annotation}"]
    for definition in generator.ordered_classes():
        bases = ", ".join([*definition.bases] or ["TypedDict"])
        out += ["", "", f"class {definition.name}({bases}, total=False):"]
        out += _docstring(definition.doc, "    ")
        if definition.fields:
            out.append("")
        for index, item in enumerate(definition.fields):
            if index:
                out.append("")
            annotation = f"Required[{item.annotation}]" if item.required else item.annotation
            line = f"    {item.name}: {annotation}"
            if item.deprecated:
                line += "  # deprecated"
            out.append(line)
            if item.doc:
                out += _docstring(item.doc, "    ")
    collection_aliases = {n: a for n, a in generator.aliases.items() if a not in _SCALARS}
    if collection_aliases:
        out.append("")
    for name, annotation in collection_aliases.items():
        out += ["", f"{name}: TypeAlias = {annotation}"]
    text = "\n".join(out) + "\n"
    _check_line_length(text, OBJECTS_PATH)
    return text


def render_init(generator: Generator) -> str:
    names = _sorted_names(generator)
    out = [
        '"""Types of the JSON bodies the Spotify Web API returns (generated from its spec).',
        "",
        "Use them to annotate what the client returns, for example::",
        "",
        "    album: AlbumObject = await client.albums.get_one(album_id)",
        "",
        "They are ``TypedDict``s: plain dicts at runtime, checked by type checkers only.",
        '"""',
        "",
        "from async_spotify.types.objects import (",
        *[f"    {name}," for name in sorted(names, key=str.lower)],
        ")",
        "",
        "__all__ = [",
        *[f'    "{name}",' for name in names],
        "]",
    ]
    text = "\n".join(out) + "\n"
    _check_line_length(text, INIT_PATH)
    return text


def _sorted_names(generator: Generator) -> list[str]:
    return sorted({*generator.classes, *generator.aliases})


def _check_line_length(text: str, path: Path) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > LINE_LENGTH:
            raise SystemExit(f"{path}:{number} would be {len(line)} characters long")


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        spec: dict[str, Any] = yaml.load(stream, Loader=_SAFE_LOADER)
    return spec


def render(spec: Mapping[str, Any]) -> dict[Path, str]:
    """The generated files, keyed by their path relative to the repository root."""
    schemas = spec["components"]["schemas"]
    for (schema, name), phrase in EXTRA_NULLABLE.items():
        if not _property(schemas[schema], name):
            raise SystemExit(f"EXTRA_NULLABLE: {schema}.{name} is not in the spec any more")
        if phrase not in _all_descriptions(spec["components"]["schemas"]):
            raise SystemExit(f"EXTRA_NULLABLE: the spec no longer says {phrase!r}")
    for schema, name in OPEN_ENUMS:
        if "enum" not in _property(schemas[schema], name):
            raise SystemExit(f"OPEN_ENUMS: {schema}.{name} has no enum in the spec any more")
    generator = Generator(spec)
    generator.run()
    _make_paging_generic(generator)
    _mark_required(spec, generator)
    unknown = set(NULLABLE_ITEMS) - set(generator.classes)
    if unknown:
        raise SystemExit(f"NULLABLE_ITEMS: {sorted(unknown)} are not in the spec any more")
    return {OBJECTS_PATH: render_objects(generator), INIT_PATH: render_init(generator)}


def _property(schema: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """A property of a schema, looked up in its own and its inline ``allOf`` parts."""
    for part in [schema, *schema.get("allOf", [])]:
        found = part.get("properties", {}).get(name)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return {}


def _all_descriptions(node: object) -> str:
    if isinstance(node, Mapping):
        own = [" ".join(str(node.get("description", "")).split())]
        return " ".join(own + [_all_descriptions(value) for value in node.values()])
    if isinstance(node, list):
        return " ".join(_all_descriptions(value) for value in node)
    return ""


# -- generic paging objects and the keys Spotify always sends -------------------------------------

#: The paging schemas of the spec -> the generic TypedDict that adds their typed ``items``.
PAGING_GENERICS: Mapping[str, str] = {
    "PagingObject": "Paging",
    "CursorPagingObject": "CursorPaging",
}
_ITEM_VAR = "_ItemT"

#: Keys Spotify sends in every object that has them (identity, links, paging). One becomes
#: ``Required`` only where every recorded body (``spec/recorded``) holding that object has it.
#: So does the one key of a response that wraps its content (``{"albums": [...]}``), which the
#: spec requires, unless a recorded body lacks it.
ALWAYS_SENT = frozenset(
    {"href", "id", "items", "limit", "name", "next", "offset", "previous", "total", "type", "uri"}
)

#: Recorded bodies whose file name is not an operationId -> the schema of the body.
RECORDED_AS: Mapping[str, str] = {
    "get-information-about-the-users-current-playback-episode": ("CurrentlyPlayingContextObject"),
}
RECORDED_PATH = ROOT / "spec" / "recorded"


def _make_paging_generic(generator: Generator) -> None:
    """``PagingXObject(PagingObject)`` holding only ``items: list[X]`` -> ``(Paging[X])``."""
    for base, generic in PAGING_GENERICS.items():
        if base not in generator.classes:
            raise SystemExit(f"PAGING_GENERICS: {base} is not in the spec any more")
        converted = 0
        for definition in list(generator.classes.values()):
            own = [item.name for item in definition.fields]
            if definition.bases != [base] or own != ["items"]:
                continue
            annotation = definition.fields[0].annotation
            if not (annotation.startswith("list[") and annotation.endswith("]")):
                raise SystemExit(f"{definition.name}.items is {annotation}, not a list")
            definition.bases = [f"{generic}[{annotation[5:-1]}]"]
            if (definition.name, "items") in SPOTIFY_SHAPES:
                definition.doc += f" Its items: {definition.fields[0].doc}"
            definition.fields = []
            converted += 1
        if not converted:
            raise SystemExit(f"PAGING_GENERICS: no schema extends {base} with items any more")
        generator.classes[generic] = TypedDictDef(
            generic,
            [base, f"Generic[{_ITEM_VAR}]"],
            f"A ``{base}`` whose ``items`` are of one type: ``{generic}[TrackObject]``. "
            f"Every ``{base.removesuffix('Object')}...`` of the spec is one of these.",
            [Field("items", f"list[{_ITEM_VAR}]", "The requested content.", False)],
        )


def _base_names(base: str) -> list[str]:
    """Class names a base expression needs defined first: ``Paging[X | None]`` -> Paging, X."""
    return [name for name in re.findall(r"[A-Za-z_]\w*", base) if name not in ("None", "Generic")]


def _split_union(annotation: str) -> list[str]:
    """Top-level ``|`` options of an annotation (not those inside brackets)."""
    options, depth, start = [], 0, 0
    for index, char in enumerate(annotation):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "|" and depth == 0:
            options.append(annotation[start:index].strip())
            start = index + 1
    options.append(annotation[start:].strip())
    return options


class _Presence:
    """Counts, per declaring class and field, how often recorded instances held the field."""

    def __init__(self, generator: Generator) -> None:
        self.generator = generator
        self.instances: dict[str, int] = {}
        self.present: dict[tuple[str, str], int] = {}

    def _fields(self, name: str, arguments: Mapping[str, str]) -> Iterator[tuple[str, Field, str]]:
        """(declaring class, field, annotation with the type variable bound) of a class."""
        definition = self.generator.classes[name]
        for base in definition.bases:
            base_name = base.split("[", 1)[0]
            if base_name == "Generic":
                continue
            bound = dict(arguments)
            if "[" in base:
                bound[_ITEM_VAR] = base[len(base_name) + 1 : -1]
            yield from self._fields(base_name, bound)
        for item in definition.fields:
            annotation = item.annotation
            for variable, value in arguments.items():
                annotation = annotation.replace(variable, value)
            yield name, item, annotation

    def visit(self, value: object, annotation: str) -> None:
        options = _split_union(annotation)
        if isinstance(value, list):
            for option in options:
                if option.startswith("list[") and option.endswith("]"):
                    for element in value:
                        self.visit(element, option[5:-1])
                    return
            return
        if not isinstance(value, dict):
            return
        classes = [option for option in options if option in self.generator.classes]
        if not classes:
            return
        self.visit_object(value, self._pick(value, classes))

    def _pick(self, value: Mapping[str, object], classes: list[str]) -> str:
        """The option whose ``type`` Literal matches the value's ``type`` (else the first)."""
        for name in classes:
            for _, item, annotation in self._fields(name, {}):
                if item.name == "type" and json.dumps(value.get("type")) in annotation:
                    return name
        return classes[0]

    def visit_object(self, value: Mapping[str, object], name: str) -> None:
        declarers: set[str] = set()
        for declarer, item, annotation in self._fields(name, {}):
            declarers.add(declarer)
            if item.name in value:
                key = (declarer, item.name)
                self.present[key] = self.present.get(key, 0) + 1
                self.visit(value[item.name], annotation)
        for declarer in declarers:
            self.instances[declarer] = self.instances.get(declarer, 0) + 1

    def contradicted(self, declarer: str, name: str) -> bool:
        """Some recorded instance of ``declarer`` lacks the field."""
        return self.present.get((declarer, name), 0) < self.instances.get(declarer, 0)

    def always(self, declarer: str, name: str) -> bool:
        seen = self.instances.get(declarer, 0)
        return seen > 0 and self.present.get((declarer, name), 0) == seen


def _recorded_bodies(spec: Mapping[str, Any]) -> Iterator[tuple[str, object, str]]:
    """(file name, body, schema) of every recorded Web API body."""
    returned_by = _operations_by_response(spec)
    schema_of = {op: name for name, ops in returned_by.items() for op in ops}
    for path in sorted(RECORDED_PATH.glob("*.json")):
        stem = path.name.split("__")[0]
        body = json.loads(path.read_text(encoding="utf-8"))
        if stem.startswith("error-"):
            yield path.name, body["error"], "ErrorObject"
        elif stem in schema_of:
            yield path.name, body, schema_of[stem]
        elif stem in RECORDED_AS:
            yield path.name, body, RECORDED_AS[stem]
        elif not stem.startswith("token-"):
            raise SystemExit(f"{path.name}: no schema known for this recorded body")


def _empty_body_types(spec: Mapping[str, Any], generator: Generator) -> set[str]:
    """Classes (and their bases) that an answer without a body (``{}``) may stand for."""
    returned_by = _operations_by_response(spec)
    no_body_ops = {
        operation["operationId"]
        for operation in _operations(spec)
        if any(status == "204" for status in operation["responses"])
    }
    found: set[str] = set()
    pending = [name for name, ops in returned_by.items() if set(ops) & no_body_ops]
    while pending:
        name = pending.pop()
        if name in found or name not in generator.classes:
            continue
        found.add(name)
        pending += [base.split("[", 1)[0] for base in generator.classes[name].bases]
    return found


def _wrapper_keys(spec: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(response, key) of the success responses that are one required key around the content
    (``ManyAlbums``: ``{"albums": [...]}``): the key is the whole answer, so it is sent."""
    responses = spec["components"]["responses"]
    found = set()
    for name in _success_response_names(spec):
        schema = responses[name]["content"]["application/json"]["schema"]
        keys = list(schema.get("properties", {}))
        if len(keys) == 1 and keys == list(schema.get("required", ())):
            found.add((name, keys[0]))
    return found


def _mark_required(spec: Mapping[str, Any], generator: Generator) -> None:
    presence = _Presence(generator)
    for _, body, schema in _recorded_bodies(spec):
        presence.visit(body, schema)
    empty = _empty_body_types(spec, generator)
    wrapped = _wrapper_keys(spec)
    for definition in generator.classes.values():
        if definition.name in empty:
            continue
        for item in definition.fields:
            key = (definition.name, item.name)
            proven = item.name in ALWAYS_SENT and presence.always(*key)
            item.required = proven or (key in wrapped and not presence.contradicted(*key))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for relative, text in render(load_spec()).items():
        path = ROOT / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(str(relative))
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(("stale: " if check else "wrote: ") + ", ".join(stale))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
