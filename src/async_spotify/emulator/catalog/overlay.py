"""A user's catalog laid over the generated one: loaded objects become entities like any other.

Loaded objects get the indices after the generated ones (artist ``1000 + k``...), numbered so
that children stay consecutive under their parent (an album's tracks, a show's episodes), which
is what :class:`~.layout.Ranges` needs. Then every part of the catalog answers for them:

- :class:`OverlayIds` gives their real ids and decodes them back;
- :class:`OverlayLayout` counts them (search, new releases and discographies range over them);
- :class:`OverlayRecords` turns them into records (durations for the player, names and years
  for search);
- :class:`OverlayRenderer` serves them as they were saved. Only what points elsewhere changes:
  ``href``/``next``/``previous`` point at the emulator, not at ``api.spotify.com``; embedded pages
  (an album's ``tracks``) are the emulator's pages over the children it holds; development mode
  drops the fields Spotify drops for such apps.

The generated catalog is untouched: its records are drawn from a plain :class:`~.layout.Layout`,
so loading a catalog never changes a generated name or id.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .availability import Availability
from .ids import IdCodec
from .layout import Layout, Ranges
from .paging import paging
from .records import (
    AlbumRecord,
    ArtistRecord,
    AudiobookRecord,
    CategoryRecord,
    ChapterRecord,
    EpisodeRecord,
    Records,
    ShowRecord,
    TrackRecord,
    UserRecord,
)
from .render import EMBEDDED_LIMIT, JsonObject, Renderer
from .user_catalog import Loaded, UserCatalog

SPOTIFY_API = "https://api.spotify.com/v1"
_LINK_KEYS = frozenset({"href", "next", "previous"})
#: Fields Spotify stopped sending to development-mode apps (February 2026), per type.
_DEVELOPMENT_DROPS = {
    "album": frozenset({"album_group", "available_markets", "label", "popularity"}),
    "artist": frozenset({"followers", "popularity"}),
    "track": frozenset({"available_markets", "linked_from", "popularity"}),
    "show": frozenset({"available_markets", "publisher"}),
    "audiobook": frozenset({"available_markets", "publisher"}),
}
#: A ``GET /me`` answer loaded as a user: what ``GET /users/{id}`` must not show.
_PRIVATE_USER_FIELDS = frozenset({"country", "email", "explicit_content", "product"})
#: What the full form has beyond the simplified one.
_FULL_ONLY = {
    "artist": frozenset({"followers", "genres", "images", "popularity"}),
    "album": frozenset({"tracks", "copyrights", "external_ids", "genres", "label", "popularity"}),
    "track": frozenset({"album", "external_ids", "popularity"}),
    "show": frozenset({"episodes"}),
    "episode": frozenset({"show"}),
    "audiobook": frozenset({"chapters"}),
    "chapter": frozenset({"audiobook"}),
}


class Overlay:
    """The loaded objects' indices: ``(kind, index) <-> Loaded``, children consecutive."""

    def __init__(self, user: UserCatalog, base: Layout) -> None:
        self.user = user
        self.base = {kind: base.count(kind) for kind in _ID_KINDS}
        self.base["user"] = base.users
        self.by_index: dict[tuple[str, int], Loaded] = {}
        self.index_by_id: dict[tuple[str, str], int] = {}
        artists = user.of("artist")
        self._number("artist", artists)
        # Albums grouped under their first artist (artist order), then those naming none.
        by_artist: dict[str, list[Loaded]] = {artist.id: [] for artist in artists}
        orphans: list[Loaded] = []
        for album in user.of("album"):
            by_artist.get(self._first_artist(album) or "", orphans).append(album)
        self.albums_per_artist = [len(by_artist[a.id]) for a in artists]
        self._number("album", [album for a in artists for album in by_artist[a.id]] + orphans)
        for parent_kind, child_kind in (
            ("album", "track"),
            ("show", "episode"),
            ("audiobook", "chapter"),
        ):
            if parent_kind != "album":
                self._number(parent_kind, user.of(parent_kind))
            parents = self.in_order(parent_kind)
            self._number(
                child_kind, [user.objects[child_kind][c] for p in parents for c in p.children]
            )
        self._number("category", user.of("category"))
        self._number("user", user.of("user"))

    @staticmethod
    def _first_artist(album: Loaded) -> str | None:
        artists = album.data.get("artists") or []
        return artists[0].get("id") if artists and isinstance(artists[0], dict) else None

    def _number(self, kind: str, loaded: list[Loaded]) -> None:
        start = self.base[kind] + sum(1 for k, _ in self.by_index if k == kind)
        for offset, item in enumerate(loaded):
            self.by_index[(kind, start + offset)] = item
            self.index_by_id[(kind, item.id)] = start + offset

    def count(self, kind: str) -> int:
        return len(self.user.objects[kind])

    def in_order(self, kind: str) -> list[Loaded]:
        base = self.base[kind]
        return [self.by_index[(kind, base + n)] for n in range(self.count(kind))]

    def index(self, kind: str, id_: str) -> int:
        return self.index_by_id[(kind, id_)]

    def get(self, kind: str, index: int) -> Loaded | None:
        """The loaded object at ``index``, or ``None`` for a generated one."""
        base = self.base.get(kind)  # playlists live in the state, not here
        if base is None or index < base:
            return None
        return self.by_index.get((kind, index))


_ID_KINDS = ("artist", "album", "track", "show", "episode", "audiobook", "chapter", "category")
#: The kinds whose ids the codec decodes (categories and users have readable ids of their own).
_DECODED_KINDS = _ID_KINDS[:-1]


def _extend(ranges: Ranges, counts: list[int]) -> None:
    for count in counts:
        ranges.starts.append(ranges.starts[-1] + count)


class OverlayLayout(Layout):
    """The generated layout plus the loaded objects (counts and parent/child ranges)."""

    def __init__(self, seed: int, overlay: Overlay) -> None:
        super().__init__(seed)
        self.overlay = overlay
        _extend(self.artist_albums, overlay.albums_per_artist)
        for ranges, parent_kind in (
            (self.album_tracks, "album"),
            (self.show_episodes, "show"),
            (self.audiobook_chapters, "audiobook"),
        ):
            _extend(ranges, [len(p.children) for p in overlay.in_order(parent_kind)])
        _extend(self.user_playlists, [0] * overlay.count("user"))
        self._counts = {kind: count + overlay.count(kind) for kind, count in self._counts.items()}

    @property
    def artists(self) -> int:
        return self._counts["artist"]

    @property
    def shows(self) -> int:
        return self._counts["show"]

    @property
    def audiobooks(self) -> int:
        return self._counts["audiobook"]

    @property
    def categories(self) -> int:
        return self._counts["category"]

    @property
    def users(self) -> int:
        return super().users + self.overlay.count("user")


class OverlayIds(IdCodec):
    """Generated ids as before; loaded objects keep theirs."""

    def __init__(self, seed: int, overlay: Overlay) -> None:
        self._overlay = overlay
        super().__init__(seed)

    def _encode(self, kind: str, index: int) -> str:
        loaded = self._overlay.get(kind, index)
        return super()._encode(kind, index) if loaded is None else loaded.id

    def _decode(self, value: str) -> tuple[str, int] | None:
        for kind in _DECODED_KINDS:
            index = self._overlay.index_by_id.get((kind, value))
            if index is not None:
                return kind, index
        return super()._decode(value)


def _image_key(id_: str) -> str:
    return hashlib.blake2b(id_.encode(), digest_size=20).hexdigest()


def _year(date: str) -> int:
    return int(date[:4]) if date[:4].isdigit() else 0


class OverlayRecords(Records):
    """Records of the loaded objects (generated ones come from the plain layout, unchanged)."""

    def __init__(self, seed: int, base: Layout, layout: OverlayLayout) -> None:
        super().__init__(seed, base)
        self._overlay = layout.overlay
        self._full_layout = layout

    def _indices(self, kind: str, objects: Any) -> tuple[int, ...]:
        found = []
        for item in objects or ():
            if isinstance(item, dict) and (kind, item.get("id")) in self._overlay.index_by_id:
                found.append(self._overlay.index(kind, item["id"]))
        return tuple(found)

    def _artist(self, index: int) -> ArtistRecord:
        loaded = self._overlay.get("artist", index)
        if loaded is None:
            return super()._artist(index)
        data = loaded.data
        return ArtistRecord(
            index=index,
            name=data["name"],
            popularity=int(data.get("popularity") or 0),
            followers=int((data.get("followers") or {}).get("total") or 0),
            genres=tuple(data.get("genres") or ()),
            image_key=_image_key(loaded.id),
        )

    def _album(self, index: int) -> AlbumRecord:
        loaded = self._overlay.get("album", index)
        if loaded is None:
            return super()._album(index)
        data = loaded.data
        date = str(data.get("release_date") or "")
        return AlbumRecord(
            index=index,
            name=data["name"],
            album_type=str(data.get("album_type") or "album").lower(),
            artists=self._indices("artist", data.get("artists")),
            release_date=date,
            release_date_precision=str(data.get("release_date_precision") or "day"),
            release_year=_year(date),
            tracks=self._full_layout.album_tracks.of(index),
            label=str(data.get("label") or ""),
            popularity=int(data.get("popularity") or 0),
            upc=str((data.get("external_ids") or {}).get("upc") or ""),
            image_key=_image_key(loaded.id),
        )

    def track_heading(self, index: int) -> tuple[str, tuple[int, ...]]:
        if self._overlay.get("track", index) is None:
            return super().track_heading(index)
        record = self.track(index)
        return record.name, record.artists

    def _track(self, index: int) -> TrackRecord:
        loaded = self._overlay.get("track", index)
        if loaded is None:
            return super()._track(index)
        data = loaded.data
        assert loaded.parent is not None  # the loader refuses a track without its album
        album = self._overlay.index("album", loaded.parent)
        return TrackRecord(
            index=index,
            name=data["name"],
            album=album,
            artists=self._indices("artist", data.get("artists")),
            disc_number=int(data.get("disc_number") or 1),
            track_number=int(
                data.get("track_number") or index - self._full_layout.album_tracks.starts[album]
            ),
            duration_ms=int(data["duration_ms"]),
            explicit=bool(data.get("explicit")),
            popularity=int(data.get("popularity") or 0),
            isrc=str((data.get("external_ids") or {}).get("isrc") or ""),
        )

    def _show(self, index: int) -> ShowRecord:
        loaded = self._overlay.get("show", index)
        if loaded is None:
            return super()._show(index)
        data = loaded.data
        return ShowRecord(
            index=index,
            name=data["name"],
            publisher=str(data.get("publisher") or ""),
            description=str(data.get("description") or ""),
            explicit=bool(data.get("explicit")),
            languages=tuple(data.get("languages") or ("en",)),
            media_type=str(data.get("media_type") or "audio"),
            episodes=self._full_layout.show_episodes.of(index),
            image_key=_image_key(loaded.id),
        )

    def episode_name(self, index: int) -> str:
        if self._overlay.get("episode", index) is None:
            return super().episode_name(index)
        return self.episode(index).name

    def _episode(self, index: int) -> EpisodeRecord:
        loaded = self._overlay.get("episode", index)
        if loaded is None:
            return super()._episode(index)
        data = loaded.data
        assert loaded.parent is not None
        show = self._overlay.index("show", loaded.parent)
        episodes = self._full_layout.show_episodes.of(show)
        return EpisodeRecord(
            index=index,
            show=show,
            number=len(episodes) - (index - episodes.start),
            name=data["name"],
            description=str(data.get("description") or ""),
            duration_ms=int(data["duration_ms"]),
            explicit=bool(data.get("explicit")),
            release_date=str(data.get("release_date") or ""),
            language=str(data.get("language") or "en"),
            image_key=_image_key(loaded.id),
        )

    def _audiobook(self, index: int) -> AudiobookRecord:
        loaded = self._overlay.get("audiobook", index)
        if loaded is None:
            return super()._audiobook(index)
        data = loaded.data

        def names(key: str) -> tuple[str, ...]:
            return tuple(str(p.get("name")) for p in data.get(key) or () if isinstance(p, dict))

        return AudiobookRecord(
            index=index,
            name=data["name"],
            authors=names("authors"),
            narrators=names("narrators"),
            publisher=str(data.get("publisher") or ""),
            description=str(data.get("description") or ""),
            explicit=bool(data.get("explicit")),
            release_date=str(data.get("release_date") or ""),
            chapters=self._full_layout.audiobook_chapters.of(index),
            image_key=_image_key(loaded.id),
        )

    def _chapter(self, index: int) -> ChapterRecord:
        loaded = self._overlay.get("chapter", index)
        if loaded is None:
            return super()._chapter(index)
        data = loaded.data
        assert loaded.parent is not None
        book = self._overlay.index("audiobook", loaded.parent)
        number = index - self._full_layout.audiobook_chapters.starts[book] + 1
        return ChapterRecord(
            index=index,
            audiobook=book,
            number=int(data.get("chapter_number") or number),
            name=data["name"],
            description=str(data.get("description") or ""),
            duration_ms=int(data["duration_ms"]),
        )

    def _category(self, index: int) -> CategoryRecord:
        loaded = self._overlay.get("category", index)
        if loaded is None:
            return super()._category(index)
        return CategoryRecord(index, loaded.id, loaded.data["name"], _image_key(loaded.id))

    def _user(self, index: int) -> UserRecord:
        loaded = self._overlay.get("user", index)
        if loaded is None:
            return super()._user(index)
        data = loaded.data
        return UserRecord(
            index=index,
            id=loaded.id,
            display_name=data.get("display_name") or loaded.id,
            followers=int((data.get("followers") or {}).get("total") or 0),
            image_key=_image_key(loaded.id),
        )


class OverlayRenderer(Renderer):
    """Serves loaded objects as saved (links pointed at the emulator); generated ones as before."""

    def __init__(
        self,
        records: Records,
        ids: IdCodec,
        availability: Availability,
        api: str,
        *,
        development: bool,
        overlay: Overlay,
    ) -> None:
        self._overlay = overlay
        self._served: dict[tuple[str, int, bool], JsonObject] = {}
        super().__init__(records, ids, availability, api, development=development)

    def _relink(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: self._relink(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._relink(v) for v in value]
        if key in _LINK_KEYS and isinstance(value, str) and value.startswith(SPOTIFY_API):
            return self.api + value[len(SPOTIFY_API) :]
        return value

    def _serve(self, kind: str, index: int, *, full: bool) -> JsonObject | None:
        """The loaded object (full or simplified form), or ``None`` if ``index`` is generated."""
        loaded = self._overlay.get(kind, index)
        if loaded is None:
            return None
        key = (kind, index, full)
        served = self._served.get(key)
        if served is None:
            data: JsonObject = self._relink(loaded.data)
            drop = _DEVELOPMENT_DROPS.get(kind, frozenset()) if self.development else frozenset()
            if not full:
                drop = drop | _FULL_ONLY.get(kind, frozenset())
            if kind == "user":
                drop = drop | _PRIVATE_USER_FIELDS
            served = {k: v for k, v in data.items() if k not in drop}
            if full:
                self._complete(kind, index, served)
            if kind != "category":  # categories have no ``type``
                served.setdefault("type", kind)
            self._served[key] = served
        return served

    def _complete(self, kind: str, index: int, served: JsonObject) -> None:
        """Give a full object its embedded page over the children the emulator holds, and the
        full-only fields it was not saved with (a track known only from its album's list)."""
        id_ = self.ids.encode(kind, index)
        if kind == "album":
            tracks = self.records.album(index).tracks
            served["tracks"] = paging(
                f"{self.api}/albums/{id_}/tracks",
                [self.track_simple(track) for track in tracks[:EMBEDDED_LIMIT]],
                offset=0,
                limit=EMBEDDED_LIMIT,
                total=len(tracks),
            )
            for name, default in (("copyrights", []), ("external_ids", {}), ("genres", [])):
                served.setdefault(name, default)
        elif kind == "track" and "album" not in served:
            served["album"] = self.album_simple(self.records.track(index).album)
        elif kind == "show":
            episodes = self.records.show(index).episodes
            served["episodes"] = paging(
                f"{self.api}/shows/{id_}/episodes",
                [self.episode_simple(e) for e in episodes[:EMBEDDED_LIMIT]],
                offset=0,
                limit=EMBEDDED_LIMIT,
                total=len(episodes),
            )
        elif kind == "episode" and "show" not in served:
            served["show"] = self.show_simple(self.records.episode(index).show)
        elif kind == "audiobook":
            chapters = self.records.audiobook(index).chapters
            served["chapters"] = paging(
                f"{self.api}/audiobooks/{id_}/chapters",
                [self.chapter_simple(c) for c in chapters[:EMBEDDED_LIMIT]],
                offset=0,
                limit=EMBEDDED_LIMIT,
                total=len(chapters),
            )
        elif kind == "chapter" and "audiobook" not in served:
            served["audiobook"] = self.audiobook_simple(self.records.chapter(index).audiobook)
        elif kind == "artist":
            served.setdefault("followers", {"href": None, "total": 0})
            served.setdefault("genres", [])
            served.setdefault("images", [])
            served.setdefault("popularity", 0)
            if self.development:
                served.pop("followers")
                served.pop("popularity")

    def _artist_simple(self, index: int) -> JsonObject:
        return self._serve("artist", index, full=False) or super()._artist_simple(index)

    def _artist(self, index: int) -> JsonObject:
        return self._serve("artist", index, full=True) or super()._artist(index)

    def _album_simple(self, index: int, *args: Any, **kwargs: Any) -> JsonObject:
        served = self._serve("album", index, full=False)
        return served or super()._album_simple(index, *args, **kwargs)

    def _album(self, index: int, *args: Any, **kwargs: Any) -> JsonObject:
        served = self._serve("album", index, full=True)
        return served or super()._album(index, *args, **kwargs)

    def _track_simple(self, index: int, *args: Any, **kwargs: Any) -> JsonObject:
        served = self._serve("track", index, full=False)
        return served or super()._track_simple(index, *args, **kwargs)

    def _track(self, index: int, *args: Any, **kwargs: Any) -> JsonObject:
        served = self._serve("track", index, full=True)
        return served or super()._track(index, *args, **kwargs)

    def _show_simple(self, index: int) -> JsonObject:
        return self._serve("show", index, full=False) or super()._show_simple(index)

    def _show(self, index: int) -> JsonObject:
        return self._serve("show", index, full=True) or super()._show(index)

    def _episode_simple(self, index: int) -> JsonObject:
        return self._serve("episode", index, full=False) or super()._episode_simple(index)

    def _episode(self, index: int) -> JsonObject:
        return self._serve("episode", index, full=True) or super()._episode(index)

    def _audiobook_simple(self, index: int) -> JsonObject:
        return self._serve("audiobook", index, full=False) or super()._audiobook_simple(index)

    def _audiobook(self, index: int) -> JsonObject:
        return self._serve("audiobook", index, full=True) or super()._audiobook(index)

    def _chapter_simple(self, index: int) -> JsonObject:
        return self._serve("chapter", index, full=False) or super()._chapter_simple(index)

    def _chapter(self, index: int) -> JsonObject:
        return self._serve("chapter", index, full=True) or super()._chapter(index)

    def _category(self, index: int, asked_as: str | None = None) -> JsonObject:
        return self._serve("category", index, full=True) or super()._category(index, asked_as)

    def _user(self, index: int) -> JsonObject:
        return self._serve("user", index, full=True) or super()._user(index)
