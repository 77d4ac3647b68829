"""``async-spotify export``: every item of a playlist, of the library or of the playlist list,
fetched concurrently (``client.paginate``) and written as JSON, JSON Lines or CSV.

A file is written to a temporary file beside it and renamed into place at the end, so an
interrupted export (Ctrl-C, an error) leaves the destination as it was, never half written.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

import orjson

from async_spotify.client import SpotifyApiClient
from async_spotify.spotify_errors import ForbiddenError, InvalidInputError, error_payload

Format = Literal["json", "jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "csv")
LibraryKind = Literal["tracks", "albums", "shows", "episodes", "audiobooks"]
LIBRARY_KINDS: tuple[LibraryKind, ...] = ("tracks", "albums", "shows", "episodes", "audiobooks")

#: A CSV column: its header and how to read it from one exported item.
Column = tuple[str, Callable[[Mapping[str, Any]], object]]


@dataclass(frozen=True)
class Source:
    """What one export reads: a label for the progress bar, the first page, the CSV columns."""

    #: What the progress bar says is being exported.
    label: str
    #: Fetches the first page; the others follow with ``client.paginate``.
    first_page: Callable[[], Awaitable[Mapping[str, Any]]]
    #: The CSV columns.
    columns: tuple[Column, ...]


def format_for(output: Path | None, chosen: str | None) -> Format:
    """The chosen format, else the output file's extension, else JSON Lines."""
    name = chosen or (output.suffix.lstrip(".").lower() if output is not None else "") or "jsonl"
    if name == "ndjson":
        name = "jsonl"
    for candidate in FORMATS:
        if candidate == name:
            return candidate
    if chosen is None:
        return "jsonl"
    raise InvalidInputError(f"--format must be json, jsonl or csv, not {chosen!r}")


async def playlist_source(client: SpotifyApiClient, playlist: str) -> Source:
    """The items of one playlist (id, URI or open.spotify.com URL)."""
    details = await client.playlists.get_one(playlist, fields="name,owner(id)")

    async def first_page() -> Mapping[str, Any]:
        try:
            return await client.playlists.get_items(playlist, limit=50)
        except ForbiddenError as error:
            owner = _get(details, "owner", "id")
            raise ForbiddenError(
                error_payload(
                    403,
                    f"Spotify lets apps read the items of the user's own and collaborative "
                    f"playlists only; {details.get('name', playlist)!r} belongs to {owner!r} "
                    f"({error.text})",
                )
            ) from None

    return Source(f"playlist {details.get('name', playlist)}", first_page, _PLAYLIST_ITEM_COLUMNS)


def library_source(client: SpotifyApiClient, kind: LibraryKind) -> Source:
    """The saved items of one kind."""
    library = client.library
    first_page: Callable[[], Awaitable[Mapping[str, Any]]] = {
        "tracks": lambda: library.get_tracks(limit=50),
        "albums": lambda: library.get_albums(limit=50),
        "shows": lambda: library.get_shows(limit=50),
        "episodes": lambda: library.get_episodes(limit=50),
        "audiobooks": lambda: client.audiobooks.get_saved(limit=50),
    }[kind]
    return Source(f"saved {kind}", first_page, _LIBRARY_COLUMNS[kind])


def playlists_source(client: SpotifyApiClient) -> Source:
    """The current user's playlists (owned and followed)."""
    return Source(
        "playlists", lambda: client.playlists.current_get_all(limit=50), _PLAYLIST_COLUMNS
    )


async def items_of(
    client: SpotifyApiClient, source: Source, concurrency: int, on_total: Callable[[int], None]
) -> AsyncIterator[Any]:
    """Every item of ``source`` in order; ``on_total`` hears the count from the first page."""
    page = await source.first_page()
    total = page.get("total")
    on_total(total if isinstance(total, int) else len(page.get("items") or []))
    async for item in client.paginate(page, concurrency=concurrency):
        yield item


# -- writers ---------------------------------------------------------------------------------


class Writer:
    """Writes items to a binary stream in one format: a JSON array, one JSON document per line,
    or CSV with ``columns`` (a header row, then one row per item)."""

    def __init__(self, stream: BinaryIO, fmt: Format, columns: tuple[Column, ...]) -> None:
        self._stream = stream
        self._format = fmt
        self._columns = columns
        self._count = 0
        self._text: io.TextIOWrapper | None = None
        self._csv: Any = None
        if fmt == "csv":
            self._text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
            self._csv = csv.writer(self._text)
            self._csv.writerow([header for header, _ in columns])
        elif fmt == "json":
            stream.write(b"[")

    def write(self, item: Any) -> None:
        """Write one item."""
        if self._format == "jsonl":
            self._stream.write(orjson.dumps(item) + b"\n")
        elif self._format == "json":
            self._stream.write((b",\n" if self._count else b"\n") + orjson.dumps(item))
        else:
            self._csv.writerow([_cell(read(item)) for _, read in self._columns])
        self._count += 1

    def close(self) -> None:
        """Finish the document (the JSON array's end) and flush; the stream stays open."""
        if self._format == "json":
            self._stream.write(b"\n]\n" if self._count else b"]\n")
        if self._text is not None:
            self._text.flush()
            self._text.detach()  # the stream belongs to the caller
        self._stream.flush()


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path``, renamed to ``path`` if the block completes and removed
    if it does not (an exception, Ctrl-C)."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"cannot write {str(path)!r}: {str(directory)!r} is no directory")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp made it 0600; an export is not secret
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _cell(value: object) -> object:
    return "" if value is None else value


# -- CSV columns ---------------------------------------------------------------------------


def _get(item: Mapping[str, Any] | None, *keys: str) -> Any:
    value: Any = item
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _names(objects: object) -> str:
    if not isinstance(objects, list):
        return ""
    return "; ".join(str(o.get("name", "")) for o in objects if isinstance(o, Mapping))


def _playable(item: Mapping[str, Any]) -> Mapping[str, Any] | None:
    # Playlist items carry the track or episode under "item" since 2026, "track" before.
    playable = item.get("item") or item.get("track")
    return playable if isinstance(playable, Mapping) else None


def _audiobook(item: Mapping[str, Any]) -> Mapping[str, Any]:
    wrapped = item.get("audiobook")
    return wrapped if isinstance(wrapped, Mapping) else item


def _by(playable: Mapping[str, Any] | None) -> str:
    if playable is None:
        return ""
    if playable.get("type") == "episode":
        return str(_get(playable, "show", "name") or "")
    return _names(playable.get("artists"))


_PLAYLIST_ITEM_COLUMNS: tuple[Column, ...] = (
    ("added_at", lambda i: i.get("added_at")),
    ("added_by", lambda i: _get(i, "added_by", "id")),
    ("type", lambda i: _get(_playable(i), "type")),
    ("name", lambda i: _get(_playable(i), "name")),
    ("by", lambda i: _by(_playable(i))),
    ("album", lambda i: _get(_playable(i), "album", "name")),
    ("duration_ms", lambda i: _get(_playable(i), "duration_ms")),
    ("uri", lambda i: _get(_playable(i), "uri")),
)

_LIBRARY_COLUMNS: dict[LibraryKind, tuple[Column, ...]] = {
    "tracks": (
        ("added_at", lambda i: i.get("added_at")),
        ("name", lambda i: _get(i, "track", "name")),
        ("artists", lambda i: _names(_get(i, "track", "artists"))),
        ("album", lambda i: _get(i, "track", "album", "name")),
        ("duration_ms", lambda i: _get(i, "track", "duration_ms")),
        ("uri", lambda i: _get(i, "track", "uri")),
    ),
    "albums": (
        ("added_at", lambda i: i.get("added_at")),
        ("name", lambda i: _get(i, "album", "name")),
        ("artists", lambda i: _names(_get(i, "album", "artists"))),
        ("release_date", lambda i: _get(i, "album", "release_date")),
        ("total_tracks", lambda i: _get(i, "album", "total_tracks")),
        ("uri", lambda i: _get(i, "album", "uri")),
    ),
    "shows": (
        ("added_at", lambda i: i.get("added_at")),
        ("name", lambda i: _get(i, "show", "name")),
        ("publisher", lambda i: _get(i, "show", "publisher")),
        ("total_episodes", lambda i: _get(i, "show", "total_episodes")),
        ("uri", lambda i: _get(i, "show", "uri")),
    ),
    "episodes": (
        ("added_at", lambda i: i.get("added_at")),
        ("name", lambda i: _get(i, "episode", "name")),
        ("show", lambda i: _get(i, "episode", "show", "name")),
        ("release_date", lambda i: _get(i, "episode", "release_date")),
        ("duration_ms", lambda i: _get(i, "episode", "duration_ms")),
        ("uri", lambda i: _get(i, "episode", "uri")),
    ),
    # Spotify answers saved audiobooks as bare audiobooks, though its spec wraps them.
    "audiobooks": (
        ("added_at", lambda i: i.get("added_at")),
        ("name", lambda i: _get(_audiobook(i), "name")),
        ("authors", lambda i: _names(_get(_audiobook(i), "authors"))),
        ("narrators", lambda i: _names(_get(_audiobook(i), "narrators"))),
        ("publisher", lambda i: _get(_audiobook(i), "publisher")),
        ("total_chapters", lambda i: _get(_audiobook(i), "total_chapters")),
        ("uri", lambda i: _get(_audiobook(i), "uri")),
    ),
}

_PLAYLIST_COLUMNS: tuple[Column, ...] = (
    ("name", lambda p: p.get("name")),
    ("owner", lambda p: _get(p, "owner", "id")),
    ("items", lambda p: _get(p, "items", "total") or _get(p, "tracks", "total")),
    ("public", lambda p: p.get("public")),
    ("collaborative", lambda p: p.get("collaborative")),
    ("uri", lambda p: p.get("uri")),
)
