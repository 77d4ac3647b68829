"""Query strings as Spotify reads them.

Lists and tuples are comma-joined (``ids=a,b``), booleans are ``true``/``false``, ``None`` is
left out, numbers and strings are sent as they are. The caller's mapping is never modified.
"""

from __future__ import annotations

from collections.abc import Mapping

from async_spotify.spotify_errors import InvalidInputError


def encode_value(name: str, value: object) -> str:
    """One query value as text; raises InvalidInputError for a value that has no encoding."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(encode_value(name, item) for item in value)
    raise InvalidInputError(
        f"query parameter {name!r} cannot be sent as {type(value).__name__} ({value!r})"
    )


def encode_query(query: Mapping[str, object] | None) -> dict[str, str] | None:
    """A new dict of encoded values, without the ``None`` ones; None when nothing is left."""
    if not query:
        return None
    encoded = {
        name: encode_value(name, value) for name, value in query.items() if value is not None
    }
    return encoded or None
