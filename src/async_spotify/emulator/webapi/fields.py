"""Spotify's ``fields`` filter (``GET /playlists/{id}`` and its items).

Syntax, as documented: a comma-separated list of field names; a dot reaches into an object or
into each element of an array (``items.track.name``); parentheses group sub-fields
(``items(added_by.id,track(name,href,album(name,href)))``); a leading ``!`` excludes a field
(``tracks.items(track(name,!href))``). Unknown names simply select nothing, as on Spotify; a
malformed expression (unbalanced parentheses, empty names) answers 400.
"""

from __future__ import annotations

from typing import Any

from async_spotify.emulator.errors import ApiError

#: A parsed selection: field -> sub-selection (``None``: the whole value).
Selection = dict[str, "Selection | None"]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def error(self) -> ApiError:
        return ApiError(400, f"Invalid fields parameter: {self.text}")

    def parse_list(self, closing: str | None) -> tuple[Selection, set[str]]:
        selected: Selection = {}
        excluded: set[str] = set()
        while True:
            negate = self.text.startswith("!", self.at)
            if negate:
                self.at += 1
            path = [self.name()]
            while self.text.startswith(".", self.at):
                self.at += 1
                path.append(self.name())
            sub: Selection | None = None
            if self.text.startswith("(", self.at):
                self.at += 1
                inner, inner_excluded = self.parse_list(")")
                sub = _with_exclusions(inner, inner_excluded)
            if negate:
                if len(path) != 1 or sub is not None:
                    raise self.error()
                excluded.add(path[0])
            else:
                _merge(selected, path, sub)
            if self.at >= len(self.text):
                if closing is not None:
                    raise self.error()
                return selected, excluded
            char = self.text[self.at]
            self.at += 1
            if char == ",":
                continue
            if char == closing:
                return selected, excluded
            raise self.error()

    def name(self) -> str:
        start = self.at
        while self.at < len(self.text) and self.text[self.at] not in ",.()!":
            self.at += 1
        name = self.text[start : self.at].strip()
        if not name:
            raise self.error()
        return name


#: Marker key: "everything except these" (a selection made only of ``!`` exclusions).
_EXCEPT = "\x00except"


def _with_exclusions(selected: Selection, excluded: set[str]) -> Selection:
    if excluded and not selected:
        return {_EXCEPT: dict.fromkeys(excluded)}
    for name in excluded:
        selected.pop(name, None)
    return selected


def _merge(selected: Selection, path: list[str], sub: Selection | None) -> None:
    head, rest = path[0], path[1:]
    if head in selected and selected[head] is None:
        return  # the whole value is already selected
    if not rest and sub is None:
        selected[head] = None
        return
    child = selected.get(head)
    if child is None:
        child = selected[head] = {}
    if rest:
        _merge(child, rest, sub)
    elif sub is not None:
        child.update(sub)


def parse_fields(text: str) -> Selection:
    """Parse a ``fields`` value into a :data:`Selection`."""
    parser = _Parser(text)
    selected, excluded = parser.parse_list(None)
    return _with_exclusions(selected, excluded)


def apply_fields(value: Any, selection: Selection) -> Any:
    """A filtered copy of ``value`` (dicts keep selected keys; lists are filtered per element)."""
    if isinstance(value, list):
        return [apply_fields(element, selection) for element in value]
    if not isinstance(value, dict):
        return value
    excepted = selection.get(_EXCEPT)
    if excepted is not None:
        return {key: item for key, item in value.items() if key not in excepted}
    filtered: dict[str, Any] = {}
    for key, sub in selection.items():
        if key in value:
            filtered[key] = value[key] if sub is None else apply_fields(value[key], sub)
    return filtered
