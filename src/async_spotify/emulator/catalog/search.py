"""Search over the catalog: Spotify's query syntax, answered by substring matches on names.

Supported: free words (each must occur in the item's name or its artists' names, any case),
double-quoted phrases, and the field filters ``artist:``, ``album:``, ``track:``, ``year:``
(``1999`` or ``1990-1999``), ``genre:``, ``isrc:``, ``upc:``, ``tag:new`` (released in the last
two years) and ``tag:hipster`` (lowest popularity). A filter that does not apply to a type (e.g.
``isrc:`` on artists) excludes that type's results, as on Spotify.

Spotify's search is fuzzy: it matches beyond names (descriptions, related artists, spellings)
and answers common words ("hello", "love", "night", an artist's name) with items of every type
and many pages. :meth:`CatalogSearch.results` does the same: the name matches first, then a
deterministic tail of related items (seeded by the catalog seed, the type and the words), so a
free-word query always finds something of each type with a next page. Field filters stay exact.

Indexes are built per type on first use and scanned linearly after that. Most queries are free
words, which need only each item's name and artists: that column is built from
:meth:`Records.track_heading` and the like, without the rest of the 40,000 track records. The
other fields are gathered only when a query first uses a filter on that type.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .layout import Layout
from .records import Records

_TOKEN = re.compile(r'(\w+):"([^"]*)"|"([^"]*)"|(\S+)')
_FILTERS = {"artist", "album", "track", "year", "genre", "isrc", "upc", "tag"}
#: Which filters each type understands.
_APPLICABLE = {
    "track": {"artist", "album", "track", "year", "genre", "isrc"},
    "album": {"artist", "album", "year", "upc", "tag"},
    "artist": {"artist", "genre", "year"},
    "playlist": set(),
    "show": set(),
    "episode": set(),
    "audiobook": set(),
}


@dataclass
class Query:
    """A parsed ``q``: lowercase free words and field filters."""

    words: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Query:
        query = cls()
        for match in _TOKEN.finditer(text):
            name, quoted_value, phrase, bare = match.groups()
            if name is not None and name.lower() in _FILTERS:
                query.filters[name.lower()] = quoted_value.lower()
            elif phrase is not None:
                if phrase.strip():
                    query.words.append(phrase.lower())
            elif ":" in bare and bare.split(":", 1)[0].lower() in _FILTERS:
                key, value = bare.split(":", 1)
                query.filters[key.lower()] = value.lower()
            else:
                query.words.append(bare.lower())
        return query


def _year_matches(spec: str, year: int) -> bool:
    low, _, high = spec.partition("-")
    try:
        return int(low) <= year <= int(high or low)
    except ValueError:
        return False


@dataclass(slots=True)
class _Entry:
    """One searchable item (not frozen: frozen dataclasses are slow to build by the 40,000)."""

    index: int
    text: str
    name: str
    artists: str = ""
    album: str = ""
    year: int = 0
    genres: tuple[str, ...] = ()
    code: str = ""
    popularity: int = 0


#: Related items listed after the name matches of a free-word query (two pages of 50).
RELATED_RESULTS = 100


class CatalogSearch:
    """Finds catalog indices of one type that match a query."""

    def __init__(self, layout: Layout, records: Records, seed: int) -> None:
        self._seed = seed
        self._layout = layout
        self._records = records
        self._texts: dict[str, list[str]] = {}
        self._text_builders: dict[str, Callable[[], list[str]]] = {
            "track": self._track_texts,
            "album": lambda: [entry.text for entry in self._full("album")],
            "artist": lambda: [entry.text for entry in self._full("artist")],
            "show": lambda: [entry.text for entry in self._full("show")],
            "episode": self._episode_texts,
            "audiobook": lambda: [entry.text for entry in self._full("audiobook")],
            "playlist": lambda: [entry.text for entry in self._full("playlist")],
        }
        self._entries: dict[str, list[_Entry]] = {}
        self._builders: dict[str, Callable[[], list[_Entry]]] = {
            "track": self._tracks,
            "album": self._albums,
            "artist": self._artists,
            "show": self._shows,
            "episode": self._episodes,
            "audiobook": self._audiobooks,
            "playlist": self._playlists,
        }

    def results(self, kind: str, query: Query) -> list[int]:
        """What ``GET /search`` lists for ``kind``: the name matches, then (for free words
        without filters) up to :data:`RELATED_RESULTS` related items, never repeated."""
        found = self.find(kind, query)
        if query.filters or not query.words:
            return found
        count = self._layout.playlists if kind == "playlist" else self._layout.count(kind)
        words = " ".join(sorted(query.words))
        draws = random.Random(f"{self._seed}:search:{kind}:{words}")
        exact = set(found)
        tail = [
            index
            for index in draws.sample(range(count), min(count, RELATED_RESULTS + len(exact)))
            if index not in exact
        ]
        return found + tail[:RELATED_RESULTS]

    def find(self, kind: str, query: Query) -> list[int]:
        """Indices (in catalog order) of ``kind`` matching ``query``."""
        if not query.words and not query.filters:
            return []
        if not set(query.filters) <= _APPLICABLE[kind]:
            return []
        if query.filters:
            return [entry.index for entry in self._full(kind) if self._matches(entry, query)]
        texts = self._texts.get(kind)
        if texts is None:
            texts = self._texts[kind] = self._text_builders[kind]()
        words = query.words
        if len(words) == 1:
            word = words[0]
            return [index for index, text in enumerate(texts) if word in text]
        return [index for index, text in enumerate(texts) if all(w in text for w in words)]

    def _full(self, kind: str) -> list[_Entry]:
        entries = self._entries.get(kind)
        if entries is None:
            entries = self._entries[kind] = self._builders[kind]()
        return entries

    @staticmethod
    def _matches(entry: _Entry, query: Query) -> bool:
        if not all(word in entry.text for word in query.words):
            return False
        for key, value in query.filters.items():
            if key == "artist" and value not in entry.artists:
                return False
            if key == "album" and value not in entry.album:
                return False
            if key == "track" and value not in entry.name:
                return False
            if key == "year" and not _year_matches(value, entry.year):
                return False
            if key == "genre" and value not in entry.genres:
                return False
            if key in {"isrc", "upc"} and value != entry.code:
                return False
            if key == "tag" and value == "new" and entry.year < 2025:
                return False
            if key == "tag" and value == "hipster" and entry.popularity >= 10:
                return False
        return True

    def _artist_names(self, artists: tuple[int, ...]) -> str:
        return " ".join(self._records.artist(a).name for a in artists).lower()

    def _track_texts(self) -> list[str]:
        artist_names = [
            self._records.artist(index).name.lower() for index in range(self._layout.artists)
        ]
        texts = []
        for index in range(self._layout.tracks):
            name, artists = self._records.track_heading(index)
            texts.append(" ".join([name.lower(), *(artist_names[a] for a in artists)]))
        return texts

    def _episode_texts(self) -> list[str]:
        return [self._records.episode_name(index).lower() for index in range(self._layout.episodes)]

    def _tracks(self) -> list[_Entry]:
        entries = []
        for index in range(self._layout.tracks):
            track = self._records.track(index)
            album = self._records.album(track.album)
            artists = self._artist_names(track.artists)
            name = track.name.lower()
            entries.append(
                _Entry(
                    index,
                    f"{name} {artists}",
                    name,
                    artists,
                    album.name.lower(),
                    album.release_year,
                    self._records.artist(track.artists[0]).genres,
                    track.isrc.lower(),
                    track.popularity,
                )
            )
        return entries

    def _albums(self) -> list[_Entry]:
        entries = []
        for index in range(self._layout.albums):
            album = self._records.album(index)
            artists = self._artist_names(album.artists)
            name = album.name.lower()
            entries.append(
                _Entry(
                    index,
                    f"{name} {artists}",
                    name,
                    artists,
                    name,
                    album.release_year,
                    (),
                    album.upc,
                    album.popularity,
                )
            )
        return entries

    def _artists(self) -> list[_Entry]:
        entries = []
        for index in range(self._layout.artists):
            artist = self._records.artist(index)
            name = artist.name.lower()
            entries.append(
                _Entry(index, name, name, name, "", 0, artist.genres, "", artist.popularity)
            )
        return entries

    def _shows(self) -> list[_Entry]:
        entries = []
        for index in range(self._layout.shows):
            show = self._records.show(index)
            name = show.name.lower()
            entries.append(_Entry(index, f"{name} {show.publisher.lower()}", name))
        return entries

    def _episodes(self) -> list[_Entry]:
        return [
            _Entry(index, name, name)
            for index in range(self._layout.episodes)
            for name in (self._records.episode(index).name.lower(),)
        ]

    def _audiobooks(self) -> list[_Entry]:
        entries = []
        for index in range(self._layout.audiobooks):
            book = self._records.audiobook(index)
            name = book.name.lower()
            authors = " ".join(book.authors).lower()
            entries.append(_Entry(index, f"{name} {authors}", name))
        return entries

    def _playlists(self) -> list[_Entry]:
        return [
            _Entry(index, name, name)
            for index in range(self._layout.playlists)
            for name in (self._records.playlist(index).name.lower(),)
        ]
