"""Catalog records rendered in Spotify's JSON shapes (simplified and full objects).

Key order and key sets follow the bodies recorded from the real API (``spec/recorded/``); fields
the spec marks required are always present. A :class:`Renderer` is bound to one API base URL (the
emulator's own, taken from the request) and caches what it builds: the same track appears on many
pages, and a cached dict costs nothing to serialize again. Cached objects are shared between
responses, so nothing downstream may mutate them (the ``fields`` filter and ``resume_point``
build new dicts).

Development mode (Spotify's February 2026 restrictions) drops the fields Spotify stopped sending
to such apps: album ``album_group, available_markets, label, popularity``; artist ``followers,
popularity``; track ``available_markets, linked_from, popularity``; show and audiobook
``available_markets, publisher``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .availability import RELINK_OFFSET, Availability
from .ids import IdCodec
from .paging import paging
from .records import Records, UserRecord
from .reference_data import AUDIOBOOK_MARKETS, MARKET_SET, MARKETS

JsonObject = dict[str, Any]
OPEN = "https://open.spotify.com"
IMAGES = "https://i.scdn.co/image/"
#: Embedded pages (album tracks, show episodes, audiobook chapters) hold 50 items, as Spotify's.
EMBEDDED_LIMIT = 50


def _images(prefix: str, key: str, sizes: tuple[tuple[str, int], ...]) -> list[JsonObject]:
    return [
        {"url": f"{IMAGES}{prefix}{code}{key[:24]}", "height": size, "width": size}
        for code, size in sizes
    ]


# One shared list: cached objects are never mutated, and orjson writes it once per object.
_MARKETS = list(MARKETS)
_BOOK_MARKETS = list(AUDIOBOOK_MARKETS)
_ALBUM_SIZES = (("b273", 640), ("1e02", 300), ("4851", 64))
_ARTIST_SIZES = (("e5eb", 640), ("5174", 320), ("f178", 160))
_SHOW_SIZES = (("ba8a", 640), ("f68d", 300), ("5f1f", 64))
_USER_SIZES = (("ee85", 300), ("3b82", 64))


class Renderer:
    """Builds (and caches) the JSON objects of the catalog for one API base URL."""

    def __init__(
        self,
        records: Records,
        ids: IdCodec,
        availability: Availability,
        api: str,
        *,
        development: bool,
    ) -> None:
        self.records = records
        self.ids = ids
        self.availability = availability
        self.api = api
        self.development = development
        self.artist = lru_cache(maxsize=4096)(self._artist)
        self.artist_simple = lru_cache(maxsize=8192)(self._artist_simple)
        self.album = lru_cache(maxsize=1024)(self._album)
        self.album_simple = lru_cache(maxsize=16_384)(self._album_simple)
        self.track = lru_cache(maxsize=32_768)(self._track)
        self.track_simple = lru_cache(maxsize=16_384)(self._track_simple)
        self.show = lru_cache(maxsize=256)(self._show)
        self.show_simple = lru_cache(maxsize=1024)(self._show_simple)
        self.episode = lru_cache(maxsize=4096)(self._episode)
        self.episode_simple = lru_cache(maxsize=8192)(self._episode_simple)
        self.audiobook = lru_cache(maxsize=256)(self._audiobook)
        self.audiobook_simple = lru_cache(maxsize=1024)(self._audiobook_simple)
        self.chapter = lru_cache(maxsize=4096)(self._chapter)
        self.chapter_simple = lru_cache(maxsize=8192)(self._chapter_simple)
        self.category = lru_cache(maxsize=256)(self._category)
        self.user = lru_cache(maxsize=1024)(self._user)
        self.user_link = lru_cache(maxsize=1024)(self._user_link)
        self.track_in_playlist = lru_cache(maxsize=32_768)(self._track_in_playlist)
        self.episode_in_playlist = lru_cache(maxsize=4096)(self._episode_in_playlist)

    # -- shared pieces -------------------------------------------------------------------

    def _user_link(self, user_id: str, display_name: str | None = None) -> JsonObject:
        """A playlist owner (with ``display_name``) or ``added_by`` (without)."""
        user: JsonObject = {} if display_name is None else {"display_name": display_name}
        user.update(
            {
                "external_urls": {"spotify": f"{OPEN}/user/{user_id}"},
                "href": f"{self.api}/users/{user_id}",
                "id": user_id,
                "type": "user",
                "uri": f"spotify:user:{user_id}",
            }
        )
        return user

    def user_images(self, key: str) -> list[JsonObject]:
        return _images("ab67757000", key, _USER_SIZES)

    # -- artists ---------------------------------------------------------------------------

    def _artist_simple(self, index: int) -> JsonObject:
        record = self.records.artist(index)
        id_ = self.ids.encode("artist", index)
        return {
            "external_urls": {"spotify": f"{OPEN}/artist/{id_}"},
            "href": f"{self.api}/artists/{id_}",
            "id": id_,
            "name": record.name,
            "type": "artist",
            "uri": f"spotify:artist:{id_}",
        }

    def _artist(self, index: int) -> JsonObject:
        record = self.records.artist(index)
        id_ = self.ids.encode("artist", index)
        artist: JsonObject = {"external_urls": {"spotify": f"{OPEN}/artist/{id_}"}}
        if not self.development:
            artist["followers"] = {"href": None, "total": record.followers}
        artist.update(
            {
                # Spotify has sent an empty list since its 2024-2026 deprecations (recorded).
                "genres": [],
                "href": f"{self.api}/artists/{id_}",
                "id": id_,
                "images": _images("ab6761610000", record.image_key, _ARTIST_SIZES),
                "name": record.name,
            }
        )
        if not self.development:
            artist["popularity"] = record.popularity
        artist.update({"type": "artist", "uri": f"spotify:artist:{id_}"})
        return artist

    # -- albums and tracks -------------------------------------------------------------------

    def _album_base(self, index: int, market: str | None) -> JsonObject:
        record = self.records.album(index)
        id_ = self.ids.encode("album", index)
        album: JsonObject = {"album_type": record.album_type}
        album["artists"] = [self.artist_simple(artist) for artist in record.artists]
        if not self.development:
            album["available_markets"] = _MARKETS
        album.update(
            {
                "external_urls": {"spotify": f"{OPEN}/album/{id_}"},
                "href": f"{self.api}/albums/{id_}",
                "id": id_,
                "images": _images("ab67616d0000", record.image_key, _ALBUM_SIZES),
            }
        )
        if market is not None:
            album["is_playable"] = market in MARKET_SET
        album.update(
            {
                "name": record.name,
                "release_date": record.release_date,
                "release_date_precision": record.release_date_precision,
                "total_tracks": len(record.tracks),
                "type": "album",
                "uri": f"spotify:album:{id_}",
            }
        )
        return album

    def _album_simple(self, index: int, market: str | None = None) -> JsonObject:
        return self._album_base(index, market)

    def album_in_discography(self, index: int, group: str, market: str | None = None) -> JsonObject:
        """An album as ``GET /artists/{id}/albums`` lists it (with ``album_group``)."""
        album = dict(self.album_simple(index, market))
        if not self.development:
            album["album_group"] = group
        return album

    def _album(
        self, index: int, market: str | None = None, token_market: bool = False
    ) -> JsonObject:
        record = self.records.album(index)
        id_ = self.ids.encode("album", index)
        album = self._album_base(index, market)
        tracks = record.tracks
        extra = [] if market is None or token_market else [("market", market)]
        album["tracks"] = paging(
            f"{self.api}/albums/{id_}/tracks",
            [self.track_simple(track, market, token_market) for track in tracks[:EMBEDDED_LIMIT]],
            offset=0,
            limit=EMBEDDED_LIMIT,
            total=len(tracks),
            extra=extra,
        )
        year = record.release_date[:4]
        album["copyrights"] = [
            {"text": f"{year} {record.label}", "type": "C"},
            {"text": f"{year} {record.label}", "type": "P"},
        ]
        album["external_ids"] = {"upc": record.upc}
        album["genres"] = []
        if not self.development:
            album["label"] = record.label
            album["popularity"] = record.popularity
        return album

    def _track_link(self, id_: str) -> JsonObject:
        return {
            "external_urls": {"spotify": f"{OPEN}/track/{id_}"},
            "href": f"{self.api}/tracks/{id_}",
            "id": id_,
            "type": "track",
            "uri": f"spotify:track:{id_}",
        }

    def _track_common(
        self, index: int, market: str | None, token_market: bool, *, full: bool
    ) -> JsonObject:
        """The fields simplified and full tracks share, in the recorded key order.

        ``market`` (an explicit ``market=`` or, with ``token_market``, the user's country) adds
        ``is_playable`` and applies relinking and restrictions (:mod:`availability`). An explicit
        market replaces ``available_markets``; the token's market keeps it, as in the recorded
        search (python-spotify ``search.json``: both keys, no ``market=`` sent).
        """
        record = self.records.track(index)
        requested = self.ids.encode("track", index)
        status = None if market is None else self.availability.status(index, market)
        id_ = requested
        if status == "relinked":
            id_ = self.ids.encode("track", index + RELINK_OFFSET)
        track: JsonObject = {}
        if full:
            track["album"] = self.album_simple(record.album, market)
        track["artists"] = [self.artist_simple(a) for a in record.artists]
        if not self.development and (market is None or token_market):
            restricted = self.availability.available_markets(index)
            track["available_markets"] = _MARKETS if restricted is None else list(restricted)
        track.update(
            {
                "disc_number": record.disc_number,
                "duration_ms": record.duration_ms,
                "explicit": record.explicit,
            }
        )
        if full:
            track["external_ids"] = {"isrc": record.isrc}
        track.update(
            {
                "external_urls": {"spotify": f"{OPEN}/track/{id_}"},
                "href": f"{self.api}/tracks/{id_}",
                "id": id_,
            }
        )
        if full:
            track["is_local"] = False
        if status is not None:
            track["is_playable"] = status != "unavailable"
            if status == "relinked" and not self.development:
                track["linked_from"] = self._track_link(requested)
            if status == "unavailable":
                track["restrictions"] = {"reason": "market"}
        track["name"] = record.name
        if full and not self.development:
            track["popularity"] = record.popularity
        track.update(
            {
                "preview_url": None,
                "track_number": record.track_number,
                "type": "track",
                "uri": f"spotify:track:{id_}",
            }
        )
        if not full:
            track["is_local"] = False
        return track

    def _track_simple(
        self, index: int, market: str | None = None, token_market: bool = False
    ) -> JsonObject:
        return self._track_common(index, market, token_market, full=False)

    def _track(
        self, index: int, market: str | None = None, token_market: bool = False
    ) -> JsonObject:
        return self._track_common(index, market, token_market, full=True)

    def _track_in_playlist(self, index: int, market: str | None = None) -> JsonObject:
        """A track as a playlist item holds it, with the undocumented ``episode``/``track``
        flags the recorded playlists show."""
        return {**self.track(index, market), "episode": False, "track": True}

    def _episode_in_playlist(self, index: int) -> JsonObject:
        """An episode in a playlist: ``available_markets`` instead of ``is_playable``
        (python-spotify ``playlist_3.json``; facts section D), with the item flags."""
        episode = {k: v for k, v in self.episode(index).items() if k != "is_playable"}
        if not self.development:
            episode["available_markets"] = _MARKETS
        return {**episode, "episode": True, "track": False}

    # -- shows and episodes ------------------------------------------------------------------

    def _show_simple(self, index: int) -> JsonObject:
        record = self.records.show(index)
        id_ = self.ids.encode("show", index)
        show: JsonObject = {}
        if not self.development:
            show["available_markets"] = _MARKETS
        show.update(
            {
                "copyrights": [],
                "description": record.description,
                "explicit": record.explicit,
                "external_urls": {"spotify": f"{OPEN}/show/{id_}"},
                "href": f"{self.api}/shows/{id_}",
                "html_description": f"<p>{record.description}</p>",
                "id": id_,
                "images": _images("ab6765630000", record.image_key, _SHOW_SIZES),
                "is_externally_hosted": False,
                "languages": list(record.languages),
                "media_type": record.media_type,
                "name": record.name,
            }
        )
        if not self.development:
            show["publisher"] = record.publisher
        show.update(
            {
                "total_episodes": len(record.episodes),
                "type": "show",
                "uri": f"spotify:show:{id_}",
            }
        )
        return show

    def _show(self, index: int) -> JsonObject:
        record = self.records.show(index)
        id_ = self.ids.encode("show", index)
        show = dict(self.show_simple(index))
        show["episodes"] = paging(
            f"{self.api}/shows/{id_}/episodes",
            [self.episode_simple(e) for e in record.episodes[:EMBEDDED_LIMIT]],
            offset=0,
            limit=EMBEDDED_LIMIT,
            total=len(record.episodes),
        )
        return show

    def _episode_simple(self, index: int) -> JsonObject:
        record = self.records.episode(index)
        id_ = self.ids.encode("episode", index)
        preview = None if self.development else f"https://p.scdn.co/mp3-preview/{id_}"
        return {
            "audio_preview_url": preview,
            "description": record.description,
            "duration_ms": record.duration_ms,
            "explicit": record.explicit,
            "external_urls": {"spotify": f"{OPEN}/episode/{id_}"},
            "href": f"{self.api}/episodes/{id_}",
            "html_description": f"<p>{record.description}</p>",
            "id": id_,
            "images": _images("ab6765630000", record.image_key, _SHOW_SIZES),
            "is_externally_hosted": False,
            "is_playable": True,
            "language": record.language,
            "languages": [record.language],
            "name": record.name,
            "release_date": record.release_date,
            "release_date_precision": "day",
            "type": "episode",
            "uri": f"spotify:episode:{id_}",
        }

    def _episode(self, index: int) -> JsonObject:
        episode = dict(self.episode_simple(index))
        episode["show"] = self.show_simple(self.records.episode(index).show)
        return episode

    # -- audiobooks and chapters -------------------------------------------------------------

    def _audiobook_simple(self, index: int) -> JsonObject:
        record = self.records.audiobook(index)
        id_ = self.ids.encode("audiobook", index)
        book: JsonObject = {"authors": [{"name": name} for name in record.authors]}
        if not self.development:
            book["available_markets"] = _BOOK_MARKETS
        book.update(
            {
                "copyrights": [
                    {"text": f"{record.release_date[:4]} {record.publisher}", "type": "C"}
                ],
                "description": record.description,
                "edition": "Unabridged",
                "explicit": record.explicit,
                "external_urls": {"spotify": f"{OPEN}/audiobook/{id_}"},
                "href": f"{self.api}/audiobooks/{id_}",
                "html_description": f"<p>{record.description}</p>",
                "id": id_,
                "images": _images("ab676e6d0000", record.image_key, _ALBUM_SIZES),
                # Not in the spec; Spotify sends it (recorded saved_audiobooks.json).
                "is_externally_hosted": False,
                "languages": ["English"],
                "media_type": "audio",
                "name": record.name,
                "narrators": [{"name": name} for name in record.narrators],
            }
        )
        if not self.development:
            book["publisher"] = record.publisher
        book.update(
            {
                "total_chapters": len(record.chapters),
                "type": "audiobook",
                "uri": f"spotify:audiobook:{id_}",
            }
        )
        return book

    def _audiobook(self, index: int) -> JsonObject:
        record = self.records.audiobook(index)
        id_ = self.ids.encode("audiobook", index)
        book = dict(self.audiobook_simple(index))
        book["chapters"] = paging(
            f"{self.api}/audiobooks/{id_}/chapters",
            [self.chapter_simple(c) for c in record.chapters[:EMBEDDED_LIMIT]],
            offset=0,
            limit=EMBEDDED_LIMIT,
            total=len(record.chapters),
        )
        return book

    def _chapter_simple(self, index: int) -> JsonObject:
        record = self.records.chapter(index)
        id_ = self.ids.encode("chapter", index)
        book = self.records.audiobook(record.audiobook)
        chapter: JsonObject = {"audio_preview_url": None}
        if not self.development:
            chapter["available_markets"] = _BOOK_MARKETS
        chapter.update(
            {
                "chapter_number": record.number,
                "description": record.description,
                "html_description": f"<p>{record.description}</p>",
                "duration_ms": record.duration_ms,
                "explicit": book.explicit,
                # Chapters are episodes to Spotify's URIs and open links (spec examples,
                # librespot#1588); only the API path and ``type`` say "chapter".
                "external_urls": {"spotify": f"{OPEN}/episode/{id_}"},
                "href": f"{self.api}/chapters/{id_}",
                "id": id_,
                "images": _images("ab676e6d0000", book.image_key, _ALBUM_SIZES),
                # No ``is_playable`` on chapters (python-spotify audiobook_chapters.json).
                "languages": ["English"],
                "name": record.name,
                "release_date": book.release_date,
                "release_date_precision": "day",
                # The spec's enum says "episode"; Spotify sends "chapter"
                # (JohnnyCrazy/SpotifyAPI-NET#997: 'Error converting value "chapter"').
                "type": "chapter",
                "uri": f"spotify:episode:{id_}",
            }
        )
        return chapter

    def _chapter(self, index: int) -> JsonObject:
        chapter = dict(self.chapter_simple(index))
        chapter["audiobook"] = self.audiobook_simple(self.records.chapter(index).audiobook)
        return chapter

    # -- browse and users --------------------------------------------------------------------

    def _category(self, index: int, asked_as: str | None = None) -> JsonObject:
        """A category; ``asked_as`` (the readable alias a request used) is echoed as its ID."""
        record = self.records.category(index)
        id_ = asked_as or record.id
        return {
            "href": f"{self.api}/browse/categories/{id_}",
            "icons": [
                {
                    "height": 274,
                    "url": f"https://t.scdn.co/images/{record.image_key[:32]}.jpeg",
                    "width": 274,
                }
            ],
            "id": id_,
            "name": record.name,
        }

    def _user(self, index: int) -> JsonObject:
        return self.public_user(self.records.user(index))

    def public_user(self, record: UserRecord) -> JsonObject:
        """A public user object (``GET /users/{id}``)."""
        user: JsonObject = {
            "display_name": record.display_name,
            "external_urls": {"spotify": f"{OPEN}/user/{record.id}"},
        }
        if not self.development:
            user["followers"] = {"href": None, "total": record.followers}
        user.update(
            {
                "href": f"{self.api}/users/{record.id}",
                "id": record.id,
                "images": self.user_images(record.image_key),
                "type": "user",
                "uri": f"spotify:user:{record.id}",
            }
        )
        return user
