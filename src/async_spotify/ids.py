"""Spotify ids, URIs and URLs: parse whatever a user pastes, send what Spotify expects.

Users have ids (``6rqhFgbbKwnb9MLmUQDhG6``), URIs (``spotify:track:6rqhFgbbKwnb9MLmUQDhG6``)
and share links (``https://open.spotify.com/intl-de/track/6rqhFgbbKwnb9MLmUQDhG6?si=...``);
each endpoint wants one of them. These functions accept all three, check them, and refuse the
wrong kind *before* anything is sent: a Spotify 400 ("invalid id") names neither the value nor
the parameter, an :class:`InvalidRequestError` from here names both.

Accepted forms (surrounding whitespace is ignored):

- a bare id: 22 characters of ``[0-9A-Za-z]`` (the kind is then unknown: ``kind=None``);
- ``spotify:{kind}:{id}``, the legacy ``spotify:user:{user}:playlist:{id}``, ``spotify:user:{user}``
  and local files ``spotify:local:{artist}:{album}:{title}:{seconds}`` (kept verbatim);
- ``http(s)://open.spotify.com/{kind}/{id}``, with or without the scheme, an ``/intl-xx/`` or
  ``/intl-xx-YY/`` locale segment, ``/embed/``, a query string (``?si=...``), a fragment, a
  trailing slash, and the legacy ``/user/{user}/playlist/{id}``.

User ids are free-form (``wizzler``, ``1112264649``, names with ``$``): any non-empty text
without whitespace, ``/``, ``:``, ``,``, ``?`` or ``#``; only the ``user`` kind accepts them.

``to_id`` runs on every call of every endpoint, so its common case (a bare id) costs a couple of
string-method calls and no regular expression.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from async_spotify.spotify_errors import InvalidRequestError

__all__ = [
    "Reference",
    "SpotifyKind",
    "parse_kind",
    "parse_reference",
    "to_id",
    "to_ids",
    "to_uri",
    "to_uris",
]

SpotifyKind = Literal[
    "track",
    "album",
    "artist",
    "playlist",
    "show",
    "episode",
    "audiobook",
    "chapter",
    "user",
    "local",
]

_KIND_BY_NAME: dict[str, SpotifyKind] = {kind: kind for kind in get_args(SpotifyKind)}
_KINDS: frozenset[str] = frozenset(_KIND_BY_NAME)
#: Kinds whose ids are 22-character base62 strings.
_BASE62_KINDS: frozenset[str] = _KINDS - {"user", "local"}
#: Spotify's user ids are short (usernames, numeric ids, or about 28 drawn characters); input
#: far longer than any of them is a mistake, refused before it becomes a 10,000-character path.
MAX_USER_ID_LENGTH = 128
_ALL_KINDS_TEXT = ", ".join(sorted(_KINDS))
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 120
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 4
_LOCAL_ONLY: tuple[SpotifyKind] = ("local",)
_URI_PREFIXES = {kind: f"spotify:{kind}:" for kind in _BASE62_KINDS}
_ID_LENGTH = 22

_USER_ID = re.compile(r"[^\s/:,?#]+")
_LOCAL_REST = re.compile(r"[^:]*:[^:]*:[^:]*:\d+")
_URL = re.compile(
    r"(?:(?i:https?)://)?(?i:open\.spotify\.com)"
    r"(?:/intl-[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,4})?)?"
    r"(?:/embed)?"
    r"/(?P<path>[^?#]*)(?:[?#].*)?",  # greedy and unambiguous: 5 times faster than lazy
    re.DOTALL,
)
_SHORT_LINK = re.compile(r"(?:(?i:https?)://)?(?i:spotify\.link|spoti\.fi)/")


@dataclass(frozen=True, slots=True)
class Reference:
    """A parsed Spotify reference.

    ``kind`` is ``None`` for a bare id (nothing says what it points at). For a local file,
    ``id`` is the rest of the URI after ``spotify:local:``, undecoded: local files have no id,
    and keeping the text verbatim lets ``to_uri`` give back exactly what was parsed.
    """

    kind: SpotifyKind | None
    id: str


def parse_reference(value: str) -> Reference:
    """Parse an id, URI or URL into its kind and id.

    Raises:
        InvalidRequestError: ``value`` is not a str, or not any form of Spotify reference.
    """
    if type(value) is not str:
        raise _not_a_str(value)
    text = value.strip()
    if _is_base62_id(text):
        return Reference(None, text)
    if text[:8].lower() == "spotify:":
        return _parse_uri(value, text)
    match = _URL.fullmatch(text)
    if match is not None:
        return _parse_url_path(value, match["path"].removesuffix("/"))
    raise _not_a_reference(value, text)


def parse_kind(value: str) -> SpotifyKind:
    """``value`` as a :data:`SpotifyKind`, for kinds that come from the caller as plain str.

    Raises:
        InvalidRequestError: ``value`` is not one of the kinds.
    """
    kind = _KIND_BY_NAME.get(value) if type(value) is str else None
    if kind is None:
        raise _unknown_kind(value)
    return kind


def to_id(value: str, kind: SpotifyKind) -> str:
    """The id of ``value`` (an id, URI or URL), which must point at a ``kind``.

    A bare id is taken to be of ``kind``. For ``kind="user"``, bare user ids are free-form.

    Raises:
        InvalidRequestError: ``value`` is malformed or points at another kind.
    """
    if kind in _BASE62_KINDS and type(value) is str:
        if _is_base62_id(value):
            return value
        prefix = _URI_PREFIXES[kind]
        if value.startswith(prefix) and _is_base62_id(value[len(prefix) :]):
            return value[len(prefix) :]
    return _slow_id(value, kind)


def to_uri(value: str, kind: SpotifyKind) -> str:
    """The Spotify URI (``spotify:{kind}:{id}``) of ``value``, which must point at a ``kind``.

    Legacy playlist URIs come out in the current form (``spotify:playlist:{id}``); local-file
    URIs come out verbatim.
    """
    if kind == "local":
        reference = parse_reference(value)
        if reference.kind != "local":
            raise _wrong_kind(value, reference.kind, _LOCAL_ONLY)
        return "spotify:local:" + reference.id
    return f"spotify:{kind}:{to_id(value, kind)}"


def to_ids(values: str | Iterable[str], kind: SpotifyKind) -> list[str]:
    """The ids of several references of one ``kind``, in order.

    ``values`` is an iterable of ids/URIs/URLs, or one str: a single reference or a
    comma-separated list of them (as AsyncSpotify users pass it).
    """
    return [to_id(item, kind) for item in _items(values)]


def to_uris(values: str | Iterable[str], kinds: SpotifyKind | Collection[SpotifyKind]) -> list[str]:
    """The URIs of several references, each of which must be one of ``kinds``.

    With several ``kinds`` (``/me/library`` takes tracks, albums, shows...), a bare id is
    refused: nothing would say which kind it is. With one kind, a bare id is of that kind.
    """
    allowed: tuple[SpotifyKind, ...] = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    for kind in allowed:
        _check_kind(kind)
    if len(allowed) == 1:
        return [to_uri(item, allowed[0]) for item in _items(values)]
    uris = []
    for item in _items(values):
        reference = parse_reference(item)
        if reference.kind is None:
            raise InvalidRequestError(
                f"{_shown(item)} is a bare id, which could be any kind: "
                f"expected a URI or URL of {_kinds_phrase(allowed)}"
            )
        if reference.kind not in allowed:
            raise _wrong_kind(item, reference.kind, allowed)
        uris.append(f"spotify:{reference.kind}:{reference.id}")
    return uris


def _is_base62_id(text: str) -> bool:
    # isascii() + isalnum() is exactly [0-9A-Za-z], and much cheaper than a regex.
    return len(text) == _ID_LENGTH and text.isascii() and text.isalnum()


def _slow_id(value: str, kind: SpotifyKind) -> str:
    _check_kind(kind)
    if type(value) is not str:
        raise _not_a_str(value)
    if kind == "local":
        raise InvalidRequestError(f"{_shown(value)}: local files have no id, use their URI")
    if kind == "user":
        text = value.strip()
        if _USER_ID.fullmatch(text):
            return _bounded_user_id(text, value)
    reference = parse_reference(value)
    if reference.kind is None or reference.kind == kind:
        return _bounded_user_id(reference.id, value) if kind == "user" else reference.id
    raise _wrong_kind(value, reference.kind, (kind,))


def _bounded_user_id(user_id: str, value: str) -> str:
    """``user_id``, unless it is longer than any Spotify user id (refused with its length)."""
    if len(user_id) > MAX_USER_ID_LENGTH:
        raise InvalidRequestError(
            f"a user id of {len(user_id)} characters is longer than Spotify's "
            f"({MAX_USER_ID_LENGTH} at most): {_shown(value)}"
        )
    return user_id


def _parse_uri(value: str, text: str) -> Reference:
    parts = text.split(":")
    kind = parts[1]
    if kind == "local":
        rest = text[len("spotify:local:") :]
        if not _LOCAL_REST.fullmatch(rest):
            raise InvalidRequestError(
                f"{_shown(value)} is not a local-file URI: expected "
                "spotify:local:{artist}:{album}:{title}:{seconds}"
            )
        return Reference("local", rest)
    if kind == "user" and len(parts) == 5 and parts[3] == "playlist":
        return Reference("playlist", _checked_id(value, parts[4], "playlist"))
    if len(parts) != 3:
        raise InvalidRequestError(
            f"{_shown(value)} is not a Spotify URI: expected spotify:{{kind}}:{{id}} "
            "(or spotify:user:{user}:playlist:{id})"
        )
    return Reference(_checked_kind(value, kind), _checked_id(value, parts[2], kind))


def _parse_url_path(value: str, path: str) -> Reference:
    parts = path.split("/")
    if len(parts) == 4 and parts[0] == "user" and parts[2] == "playlist":
        return Reference("playlist", _checked_id(value, parts[3], "playlist"))
    if len(parts) != 2 or parts[0] == "local":
        raise InvalidRequestError(
            f"{_shown(value)} is not a Spotify URL: expected https://open.spotify.com/{{kind}}/{{id}}"
        )
    kind = _checked_kind(value, parts[0])
    return Reference(kind, _checked_id(value, parts[1], kind))


def _checked_kind(value: str, kind: str) -> SpotifyKind:
    found = _KIND_BY_NAME.get(kind)
    if found is None or found == "local":
        raise InvalidRequestError(
            f"{_shown(value)} has an unknown kind {_shown(kind)}: expected one of {_ALL_KINDS_TEXT}"
        )
    return found


def _checked_id(value: str, candidate: str, kind: str) -> str:
    if kind == "user":
        if _USER_ID.fullmatch(candidate):
            return candidate
        raise InvalidRequestError(f"{_shown(value)} does not hold a valid user id")
    if _is_base62_id(candidate):
        return candidate
    raise InvalidRequestError(
        f"{_shown(value)} does not hold a valid {kind} id: {_id_problem(candidate)}"
    )


def _id_problem(text: str) -> str:
    if len(text) != _ID_LENGTH:
        return f"{len(text)} characters, expected {_ID_LENGTH} base62 characters"
    bad = next(char for char in text if not (char.isascii() and char.isalnum()))
    return f"{_shown(bad)} is not a base62 character (0-9, A-Z, a-z)"


def _check_kind(kind: str) -> None:
    if kind not in _KINDS:
        raise _unknown_kind(kind)


def _unknown_kind(value: object) -> InvalidRequestError:
    return InvalidRequestError(f"unknown kind {_shown(value)}: expected one of {_ALL_KINDS_TEXT}")


def _items(values: str | Iterable[str]) -> list[str]:
    if isinstance(values, str):
        items = values.split(",")
        if len(items) > 1 and any(not item.strip() for item in items):
            raise InvalidRequestError(f"{_shown(values)} has an empty entry between its commas")
        return items
    candidate: object = values  # the annotation is a promise callers may break at runtime
    if isinstance(candidate, bytes | bytearray) or not isinstance(candidate, Iterable):
        raise InvalidRequestError(
            f"{_shown(values)} is {_article(type(values).__name__)}: "
            "expected a str or an iterable of str"
        )
    items = list(values)
    for position, item in enumerate(items):
        if type(item) is not str:
            raise InvalidRequestError(
                f"item {position} ({_shown(item)}) is {_article(type(item).__name__)}: "
                "expected a str"
            )
    return items


def _not_a_str(value: object) -> InvalidRequestError:
    return InvalidRequestError(
        f"{_shown(value)} is {_article(type(value).__name__)}: "
        "expected a Spotify id, URI or URL (a str)"
    )


def _not_a_reference(value: str, text: str) -> InvalidRequestError:
    if not text:
        return InvalidRequestError(f"{_shown(value)} is empty: expected a Spotify id, URI or URL")
    if _SHORT_LINK.match(text):
        return InvalidRequestError(
            f"{_shown(value)} is a short link: open it and use the open.spotify.com URL it leads to"
        )
    if "/" in text or ":" in text:
        return InvalidRequestError(
            f"{_shown(value)} is not a Spotify URI or open.spotify.com URL: expected "
            "spotify:{kind}:{id} or https://open.spotify.com/{kind}/{id}"
        )
    return InvalidRequestError(f"{_shown(value)} is not a Spotify id: {_id_problem(text)}")


def _shown(value: object) -> str:
    """``repr(value)``, shortened: a pasted novel must not become the error message."""
    return _SHORT.repr(value)


def _article(noun: str) -> str:
    if noun == "local":
        return "a local file"
    return f"an {noun}" if noun[:1] in ("a", "e", "i", "o") else f"a {noun}"  # "a user"


def _kinds_phrase(kinds: Collection[str]) -> str:
    phrases = [_article(kind) for kind in kinds]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _wrong_kind(
    value: str, found: SpotifyKind | None, expected: Collection[SpotifyKind]
) -> InvalidRequestError:
    what = "a bare id" if found is None else _article(found)
    return InvalidRequestError(f"{_shown(value)} is {what}, expected {_kinds_phrase(expected)}")
