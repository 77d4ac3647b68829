"""The emulator's music catalog: deterministic from a seed, generated lazily, cheap to serve.

:class:`Catalog` ties the parts together: :mod:`layout` (how many of what, and which belongs to
which), :mod:`ids` (base62 IDs that decode back to their entity), :mod:`records` (the facts about
one entity, generated on demand), :mod:`render` (Spotify's JSON shapes), :mod:`search` and
:mod:`audio`. Building a catalog takes a few milliseconds; nothing is enumerated up front.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache, cached_property

from .availability import RELINK_OFFSET, Availability
from .draws import Draws
from .ids import IdCodec, is_base62_id
from .layout import Layout
from .overlay import Overlay, OverlayIds, OverlayLayout, OverlayRecords, OverlayRenderer
from .records import Records
from .render import Renderer
from .search import CatalogSearch, Query
from .user_catalog import UserCatalog

__all__ = ["Catalog", "Query", "Renderer", "is_base62_id"]

#: Renderers kept per catalog (one per API base URL in use).
KEPT_RENDERERS = 4
#: Albums of the last two years count as new releases (``GET /browse/new-releases``).
NEW_RELEASE_YEAR = 2025


class Catalog:
    """Artists, albums, tracks, shows, episodes, audiobooks, chapters, categories and users."""

    def __init__(self, seed: int, *, development: bool, user: UserCatalog | None = None) -> None:
        self.seed = seed
        self.development = development
        #: A user's own objects laid over the generated catalog (see :mod:`.overlay`).
        self.overlay: Overlay | None = None
        if user is None or not len(user):
            self.ids = IdCodec(seed)
            self.layout = Layout(seed)
            self.records = Records(seed, self.layout)
        else:
            base = Layout(seed)
            self.overlay = Overlay(user, base)
            self.ids = OverlayIds(seed, self.overlay)
            self.layout = OverlayLayout(seed, self.overlay)
            self.records = OverlayRecords(seed, base, self.layout)
        self.search = CatalogSearch(self.layout, self.records, seed)
        self.availability = Availability(seed)
        self._renderers: OrderedDict[str, Renderer] = OrderedDict()

    @staticmethod
    @cache
    def shared(seed: int, *, development: bool) -> Catalog:
        """One catalog per (seed, mode) per process: it is immutable, and its caches (records,
        rendered objects, the search index) are worth keeping across the many worlds a test
        suite creates."""
        return Catalog(seed, development=development)

    def renderer(self, api: str) -> Renderer:
        """The (cached) renderer for the API base URL ``api``, e.g. ``http://127.0.0.1:8000/v1``.

        Only the last few are kept: a test suite starts many emulators on new ports over one
        shared catalog, and each renderer caches thousands of rendered objects.
        """
        renderer = self._renderers.get(api)
        if renderer is None:
            if self.overlay is None:
                renderer = Renderer(
                    self.records, self.ids, self.availability, api, development=self.development
                )
            else:
                renderer = OverlayRenderer(
                    self.records,
                    self.ids,
                    self.availability,
                    api,
                    development=self.development,
                    overlay=self.overlay,
                )
            self._renderers[api] = renderer
            while len(self._renderers) > KEPT_RENDERERS:
                self._renderers.popitem(last=False)
        else:
            self._renderers.move_to_end(api)
        return renderer

    def index_of(self, kind: str, id_: str) -> int | None:
        """The index of catalog entity ``id_`` of ``kind``, or ``None`` if there is none."""
        index = self.ids.index_of(kind, id_)
        if index is None:
            return None
        if kind == "track" and index >= RELINK_OFFSET:
            # A relinked equivalent's ID reaches the track it stands for.
            original = index - RELINK_OFFSET
            relinked = original < self.layout.tracks and self.availability.of(original).relinked
            return original if relinked else None
        if index >= self.layout.count(kind):
            return None
        return index

    # -- categories --------------------------------------------------------------------------

    @cached_property
    def _category_indices(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for index in range(self.layout.categories):
            record = self.records.category(index)
            found[record.id] = index
            if record.alias is not None:
                found[record.alias] = index
        return found

    def category_index(self, category_id: str) -> int | None:
        """The index of browse category ``category_id`` (its ID or readable alias), or None."""
        return self._category_indices.get(category_id)

    def category_id(self, index: int) -> str:
        return self.records.category(index).id

    # -- users -------------------------------------------------------------------------------

    @cached_property
    def _user_indices(self) -> dict[str, int]:
        return {self.records.user(index).id: index for index in range(self.layout.users)}

    def user_index(self, user_id: str) -> int | None:
        """The index of catalog user ``user_id`` (owners of catalog playlists), or ``None``."""
        return self._user_indices.get(user_id)

    # -- relations ---------------------------------------------------------------------------

    @cached_property
    def _appears_on(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for album in range(self.layout.albums):
            for artist in self.records.album(album).artists[1:]:
                found.setdefault(artist, []).append(album)
        return found

    def artist_albums(self, artist: int, groups: set[str]) -> list[tuple[int, str]]:
        """``(album, album_group)`` of an artist's discography, in the groups asked for."""
        found: list[tuple[int, str]] = []
        for album in self.layout.artist_albums.of(artist):
            group = self.records.album(album).album_type
            if group in groups:
                found.append((album, group))
        if "appears_on" in groups:
            found.extend((album, "appears_on") for album in self._appears_on.get(artist, []))
        return found

    def top_tracks(self, artist: int) -> list[int]:
        """An artist's ten most popular tracks (``GET /artists/{id}/top-tracks``)."""
        tracks = [
            track
            for album in self.layout.artist_albums.of(artist)
            for track in self.records.album(album).tracks
        ]
        tracks.sort(key=lambda track: (-self.records.track(track).popularity, track))
        return tracks[:10]

    def related_artists(self, artist: int) -> list[int]:
        """Twenty artists sharing a genre with ``artist`` (or any, if too few share one)."""
        draws = Draws(self.seed, "related", artist)
        related: list[int] = []
        while len(related) < 20:
            candidate = draws.below(self.layout.artists)
            if candidate != artist and candidate not in related:
                related.append(candidate)
        return related

    @cached_property
    def new_releases(self) -> list[int]:
        """Albums released since :data:`NEW_RELEASE_YEAR`, newest first."""
        albums = [
            album
            for album in range(self.layout.albums)
            if self.records.album(album).release_year >= NEW_RELEASE_YEAR
        ]
        albums.sort(key=lambda album: self.records.album(album).release_date, reverse=True)
        return albums

    def editorial_playlists(self) -> range:
        """Playlists owned by the ``spotify`` user (featured and category playlists)."""
        return self.layout.user_playlists.of(0)

    def category_playlists(self, category: int) -> list[int]:
        """The editorial playlists shown under one browse category."""
        editorial = self.editorial_playlists()
        draws = Draws(self.seed, "category-playlists", category)
        picked = {editorial[draws.below(len(editorial))] for _ in range(8)}
        return sorted(picked)
