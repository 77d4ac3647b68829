"""A user's own catalog: real Spotify objects, loaded from saved responses, served with their ids.

A catalog source is a JSON file (or an already parsed value) holding what Spotify answered:
``GET /albums/{id}``, ``GET /albums?ids=``, ``GET /search``, ``GET /playlists/{id}``, ``GET /me``,
``GET /browse/categories``... any mix, in any container. Every Spotify object inside is found by
its ``type`` (categories, which have none, by their ``icons``), so a saved response loads as it
is. Nested objects count too: an album's tracks, a track's album and artists, a playlist's items
and owner, a show's episodes, an audiobook's chapters.

The same object may appear many times (an artist on every track); the fullest form wins (a full
album over the simplified one inside a track). Each object is checked as it is found, and a bad
one raises :class:`CatalogError` naming the source and the JSON path (``$.tracks.items[3].id``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson

from .ids import is_base62_id

JsonObject = dict[str, Any]
#: A small catalog of real Spotify answers (the bodies in the repository's ``spec/recorded/``):
#: an album with its tracks, artists, a playlist, a show and an episode, a user.
SAMPLE_CATALOG = Path(__file__).with_name("sample.json")
#: What ``EmulatorConfig.catalog`` accepts per entry: a file path or a parsed JSON value.
CatalogSource = str | os.PathLike[str] | Mapping[str, Any] | Sequence[Any]

#: Object types with base62 ids, as their ``type`` field says.
_KINDS = ("artist", "album", "track", "show", "episode", "audiobook", "chapter", "playlist")
#: Keys only the full form of an object has (the simplified form lacks them).
_FULL_KEYS: Mapping[str, frozenset[str]] = {
    "artist": frozenset({"followers", "genres", "images", "popularity"}),
    "album": frozenset({"tracks", "copyrights", "external_ids", "label"}),
    "track": frozenset({"album", "external_ids"}),
    "show": frozenset({"episodes"}),
    "episode": frozenset({"show"}),
    "audiobook": frozenset({"chapters"}),
    "chapter": frozenset({"audiobook"}),
    "playlist": frozenset({"followers"}),
    "user": frozenset({"followers", "images"}),
}
#: Keys whose presence makes a user object the signed-in user (``GET /me``).
_PRIVATE_USER_KEYS = frozenset({"email", "product", "country", "explicit_content"})
#: The fields each type must have (name -> accepted types); "?" marks a field checked only when
#: present (old responses lack some, e.g. a 2016 track's album has no ``artists``).
_STR = (str,)
_INT = (int,)
_LIST = (list,)
_FIELDS: Mapping[str, Mapping[str, tuple[type, ...]]] = {
    "artist": {"name": _STR},
    "album": {"name": _STR, "?album_type": _STR, "?artists": _LIST, "?release_date": _STR},
    "track": {"name": _STR, "artists": _LIST, "duration_ms": _INT, "?track_number": _INT},
    "show": {"name": _STR, "?publisher": _STR},
    "episode": {"name": _STR, "duration_ms": _INT, "?release_date": _STR},
    "audiobook": {"name": _STR, "?authors": _LIST},
    "chapter": {"name": _STR, "duration_ms": _INT},
    "playlist": {"name": _STR, "owner": (dict,)},
    "user": {"?display_name": (str, type(None))},
    "category": {"name": _STR, "icons": _LIST},
}
#: The child list inside each parent's full form, and the child type.
_CHILDREN = {
    "album": ("tracks", "track"),
    "show": ("episodes", "episode"),
    "audiobook": ("chapters", "chapter"),
}
_PARENT_KEY = {"track": "album", "episode": "show", "chapter": "audiobook"}


class CatalogError(ValueError):
    """A catalog source that cannot be loaded; the message names the source and the JSON path."""


@dataclass(slots=True)
class Loaded:
    """One object of the user's catalog: its fullest form seen, and where that came from."""

    kind: str
    id: str
    data: JsonObject
    full: bool
    where: str
    #: Children ids in order (an album's tracks, a show's episodes, a book's chapters).
    children: list[str] = field(default_factory=list)
    #: The parent's id (a track's album, an episode's show, a chapter's audiobook).
    parent: str | None = None


@dataclass(slots=True)
class PlaylistItem:
    """One entry of a loaded playlist: what it is and who added it when."""

    kind: str
    id: str
    added_at: str | None
    added_by: str | None


@dataclass
class UserCatalog:
    """Everything loaded from a user's catalog sources, by type and id, in first-seen order."""

    objects: dict[str, dict[str, Loaded]] = field(
        default_factory=lambda: {kind: {} for kind in (*_KINDS, "user", "category")}
    )
    playlist_items: dict[str, list[PlaylistItem]] = field(default_factory=dict)
    #: The signed-in user, if a ``GET /me`` answer was loaded.
    me: JsonObject | None = None

    def __len__(self) -> int:
        return sum(len(by_id) for by_id in self.objects.values())

    def of(self, kind: str) -> list[Loaded]:
        return list(self.objects[kind].values())

    def get(self, kind: str, id_: str) -> Loaded | None:
        return self.objects[kind].get(id_)


def load_user_catalog(sources: Iterable[CatalogSource]) -> UserCatalog:
    """Load and check every source; raise :class:`CatalogError` on the first bad object."""
    catalog = UserCatalog()
    loader = _Loader(catalog)
    for number, source in enumerate(sources):
        if isinstance(source, (str, os.PathLike)):
            path = Path(source)
            try:
                value = orjson.loads(path.read_bytes())
            except OSError as error:
                raise CatalogError(f"catalog {path}: cannot read it ({error.strerror})") from None
            except orjson.JSONDecodeError as error:
                raise CatalogError(f"catalog {path}: not JSON ({error})") from None
            name = str(path)
        elif isinstance(source, (Mapping, list, tuple)):
            value, name = source, f"catalog[{number}]"
        else:
            raise CatalogError(
                f"catalog[{number}]: expected a file path or a JSON object or list, "
                f"not {type(source).__name__}"
            )
        loader.walk(value, name, "$", None)
    loader.finish()
    return catalog


class _Loader:
    def __init__(self, catalog: UserCatalog) -> None:
        self.catalog = catalog

    def fail(self, source: str, path: str, problem: str) -> CatalogError:
        return CatalogError(f"catalog {source}: {path}: {problem}")

    def walk(self, value: Any, source: str, path: str, context: tuple[str, str] | None) -> None:
        """Find the objects in ``value``; ``context`` is the (kind, id) whose list we are in."""
        if isinstance(value, list):
            for position, item in enumerate(value):
                self.walk(item, source, f"{path}[{position}]", context)
            return
        if not isinstance(value, dict):
            return
        kind = self._kind_of(value)
        if kind is None:
            owner = self._paging_owner(value)
            if owner is not None and owner[0] == "playlist":
                self._playlist_page(owner[1], value, source, path)
                return
            context = owner or context
            for key, item in value.items():
                self.walk(item, source, f"{path}.{key}", context)
            return
        self.add(kind, value, source, path, context)

    def _kind_of(self, value: Mapping[str, Any]) -> str | None:
        kind = value.get("type")
        if kind in _KINDS or kind == "user":
            # A context ({"type", "uri", "href"}) or a bare reference carries no id: skip it.
            return str(kind) if "id" in value else None
        if kind is None and "icons" in value and "id" in value and "name" in value:
            return "category"
        return None

    def _paging_owner(self, value: Mapping[str, Any]) -> tuple[str, str] | None:
        """A saved page of children (``/albums/{id}/tracks``...) says its parent in its href."""
        href = value.get("href")
        if not isinstance(href, str) or not isinstance(value.get("items"), list):
            return None
        parts = urlsplit(href).path.strip("/").split("/")
        if len(parts) >= 4 and parts[-1] in ("tracks", "episodes", "chapters", "items"):
            kind = parts[-3].rstrip("s")
            if kind in ("album", "show", "audiobook", "playlist") and is_base62_id(parts[-2]):
                return kind, parts[-2]
        return None

    def add(
        self,
        kind: str,
        value: JsonObject,
        source: str,
        path: str,
        context: tuple[str, str] | None,
    ) -> str:
        id_ = value.get("id")
        if kind in _KINDS:
            if not isinstance(id_, str) or not is_base62_id(id_):
                problem = f"{kind} id must be 22 base62 characters, not {id_!r}"
                raise self.fail(source, f"{path}.id", problem)
        elif not isinstance(id_, str) or not id_ or "/" in id_:
            raise self.fail(source, f"{path}.id", f"{kind} id must be a string, not {id_!r}")
        for name, types in _FIELDS[kind].items():
            optional = name.startswith("?")
            name = name.removeprefix("?")
            found = value.get(name)
            if optional and found is None:
                continue
            if not isinstance(found, types) or isinstance(found, bool):
                expected = " or ".join("null" if t is type(None) else t.__name__ for t in types)
                problem = f"{kind} {id_}: {name!r} must be {expected}, not {found!r}"
                raise self.fail(source, f"{path}.{name}", problem)
        if kind == "user" and _PRIVATE_USER_KEYS & value.keys():
            self.catalog.me = value
        full = bool(_FULL_KEYS.get(kind, frozenset()) & value.keys())
        where = f"{source}: {path}"
        known = self.catalog.objects[kind].get(id_)
        if known is None:
            known = self.catalog.objects[kind][id_] = Loaded(kind, id_, value, full, where)
        elif full and not known.full:
            known.data, known.full, known.where = value, True, where
        parent_kind = _PARENT_KEY.get(kind)
        if parent_kind is not None:
            parent = value.get(parent_kind)
            if isinstance(parent, dict):
                known.parent = self.add(parent_kind, parent, source, f"{path}.{parent_kind}", None)
            elif context is not None and context[0] == parent_kind:
                known.parent = context[1]
        for key in ("artists", "owner"):
            for position, nested in enumerate(self._as_list(value.get(key))):
                nested_kind = "artist" if key == "artists" else "user"
                nested_path = f"{path}.{key}" + ("" if key == "owner" else f"[{position}]")
                if not isinstance(nested, dict):
                    article = "an" if nested_kind == "artist" else "a"
                    raise self.fail(source, nested_path, f"expected {article} {nested_kind} object")
                self.add(nested_kind, {"type": nested_kind, **nested}, source, nested_path, None)
        if kind in _CHILDREN:
            self._children(known, value, source, path)
        if kind == "playlist":
            self._playlist_items(id_, value, source, path)
        return id_

    @staticmethod
    def _as_list(value: Any) -> list[Any]:
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def _children(self, parent: Loaded, value: JsonObject, source: str, path: str) -> None:
        key, child_kind = _CHILDREN[parent.kind]
        page = value.get(key)
        if page is None or (isinstance(page, dict) and "items" not in page):
            return  # a reference ({"href", "total"}), not the children themselves
        items = page.get("items") if isinstance(page, dict) else None
        if not isinstance(items, list):
            raise self.fail(source, f"{path}.{key}", "expected a paging object with 'items'")
        for position, child in enumerate(items):
            child_path = f"{path}.{key}.items[{position}]"
            if not isinstance(child, dict):
                raise self.fail(source, child_path, f"expected a {child_kind} object")
            child_id = self.add(
                child_kind,
                {"type": child_kind, **child},
                source,
                child_path,
                (parent.kind, parent.id),
            )
            if child_id not in parent.children:
                parent.children.append(child_id)

    def _playlist_items(self, playlist_id: str, value: JsonObject, source: str, path: str) -> None:
        # Spotify 2026 sends ``items`` (and the deprecated ``tracks``, with the same values).
        key = "items" if isinstance(value.get("items"), dict) else "tracks"
        page = value.get(key)
        if page is None or (isinstance(page, dict) and "items" not in page):
            return  # a simplified playlist: ``{"href", "total"}`` only
        if not isinstance(page, dict):
            raise self.fail(source, f"{path}.{key}", "expected a paging object with 'items'")
        self._playlist_page(playlist_id, page, source, f"{path}.{key}")

    def _playlist_page(self, playlist_id: str, page: JsonObject, source: str, path: str) -> None:
        items = page.get("items")
        if not isinstance(items, list):
            raise self.fail(source, path, "expected a paging object with 'items'")
        entries = self.catalog.playlist_items.setdefault(playlist_id, [])
        if entries and page.get("offset", 0) == 0:
            return  # the same first page again (a playlist and its /items, saved both)
        for position, entry in enumerate(items):
            entry_path = f"{path}.items[{position}]"
            if not isinstance(entry, dict):
                raise self.fail(source, entry_path, "expected a playlist item object")
            item_key = "item" if isinstance(entry.get("item"), dict) else "track"
            item = entry.get(item_key)
            if item is None:
                continue  # a track Spotify no longer has: it answers null, so do we
            if not isinstance(item, dict) or item.get("type") not in ("track", "episode"):
                raise self.fail(
                    source, f"{entry_path}.{item_key}", "expected a track or episode object"
                )
            item_id = self.add(str(item["type"]), item, source, f"{entry_path}.{item_key}", None)
            added_by = entry.get("added_by")
            if isinstance(added_by, dict):
                self.add(
                    "user", {"type": "user", **added_by}, source, f"{entry_path}.added_by", None
                )
            added_at = entry.get("added_at")
            if added_at is not None and not _is_iso_time(added_at):
                problem = f"expected an ISO 8601 time like '2024-05-01T12:00:00Z', not {added_at!r}"
                raise self.fail(source, f"{entry_path}.added_at", problem)
            entries.append(
                PlaylistItem(
                    kind=str(item["type"]),
                    id=item_id,
                    added_at=added_at,
                    added_by=added_by.get("id") if isinstance(added_by, dict) else None,
                )
            )

    def finish(self) -> None:
        """Every track needs its album, every episode its show, every chapter its book."""
        for kind, parent_kind in _PARENT_KEY.items():
            for loaded in self.catalog.objects[kind].values():
                if loaded.parent is None:
                    raise CatalogError(
                        f"catalog {loaded.where}: a {kind} without its {parent_kind}: save the "
                        f"full {kind} (it has '{parent_kind}') or the {parent_kind} with it"
                    )
                parent = self.catalog.objects[parent_kind].get(loaded.parent)
                if parent is None:
                    raise CatalogError(
                        f"catalog {loaded.where}: its {parent_kind} {loaded.parent} is not in "
                        f"the catalog: save the {parent_kind} too"
                    )
                if loaded.id not in parent.children:
                    parent.children.append(loaded.id)


def _is_iso_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
