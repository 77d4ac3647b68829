"""The facts about each catalog entity, generated on demand from (seed, kind, index).

A record holds plain facts (name, dates, durations, relations as indices); :mod:`render` turns
records into Spotify's JSON shapes. Records are small and cached, so the hot paths (a page of a
10,000-item playlist, a library page) cost a dictionary lookup per item. They are shared: never
mutate one (they are not frozen only because frozen dataclasses are several times slower to
build, and search builds tens of thousands at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import words
from .draws import Draws
from .layout import Layout, album_type
from .reference_data import CATEGORIES, GENRE_SEEDS


@dataclass(slots=True)
class ArtistRecord:
    index: int
    name: str
    popularity: int
    followers: int
    genres: tuple[str, ...]
    image_key: str


@dataclass(slots=True)
class AlbumRecord:
    index: int
    name: str
    album_type: str
    artists: tuple[int, ...]
    release_date: str
    release_date_precision: str
    release_year: int
    tracks: range
    label: str
    popularity: int
    upc: str
    image_key: str


@dataclass(slots=True)
class TrackRecord:
    index: int
    name: str
    album: int
    artists: tuple[int, ...]
    disc_number: int
    track_number: int
    duration_ms: int
    explicit: bool
    popularity: int
    isrc: str


@dataclass(slots=True)
class ShowRecord:
    index: int
    name: str
    publisher: str
    description: str
    explicit: bool
    languages: tuple[str, ...]
    media_type: str
    episodes: range
    image_key: str


@dataclass(slots=True)
class EpisodeRecord:
    index: int
    show: int
    number: int
    name: str
    description: str
    duration_ms: int
    explicit: bool
    release_date: str
    language: str
    image_key: str


@dataclass(slots=True)
class AudiobookRecord:
    index: int
    name: str
    authors: tuple[str, ...]
    narrators: tuple[str, ...]
    publisher: str
    description: str
    explicit: bool
    release_date: str
    chapters: range
    image_key: str


@dataclass(slots=True)
class ChapterRecord:
    index: int
    audiobook: int
    number: int
    name: str
    description: str
    duration_ms: int


@dataclass(slots=True)
class CategoryRecord:
    index: int
    id: str
    name: str
    image_key: str
    #: A readable ID that reaches the category too (``pop``), if it has one besides ``id``.
    alias: str | None = None


@dataclass(slots=True)
class UserRecord:
    """A user of the catalog: owns playlists, can be followed; never signs in."""

    index: int
    id: str
    display_name: str
    followers: int
    image_key: str


@dataclass(slots=True)
class PlaylistSeed:
    """A catalog playlist as first generated (its live, editable copy lives in the state)."""

    index: int
    owner: int
    name: str
    description: str
    tracks: tuple[int, ...]
    followers: int
    image_key: str


def _date(draws: Draws, first_year: int, last_year: int) -> tuple[str, str, int]:
    year = draws.between(first_year, last_year)
    month, day = draws.between(1, 12), draws.between(1, 28)
    roll = draws.below(20)
    if roll == 0:
        return f"{year}", "year", year
    if roll == 1:
        return f"{year}-{month:02d}", "month", year
    return f"{year}-{month:02d}-{day:02d}", "day", year


def _title(draws: Draws) -> str:
    pattern = draws.below(6)
    adjective, noun = draws.pick(words.ADJECTIVES), draws.pick(words.NOUNS)
    if pattern == 0:
        return noun
    if pattern == 1:
        return f"The {noun} {draws.pick(words.NOUNS)}"
    if pattern == 2:
        return f"{noun} of the {draws.pick(words.NOUNS)}"
    return f"{adjective} {noun}"


class Records:
    """Cached record generators for one seed."""

    def __init__(self, seed: int, layout: Layout) -> None:
        self._seed = seed
        self._layout = layout
        self.artist = lru_cache(maxsize=8192)(self._artist)
        self.album = lru_cache(maxsize=32_768)(self._album)
        self.track = lru_cache(maxsize=65_536)(self._track)
        self.show = lru_cache(maxsize=1024)(self._show)
        self.episode = lru_cache(maxsize=16_384)(self._episode)
        self.audiobook = lru_cache(maxsize=1024)(self._audiobook)
        self.chapter = lru_cache(maxsize=8192)(self._chapter)
        self.category = lru_cache(maxsize=256)(self._category)
        self.user = lru_cache(maxsize=1024)(self._user)
        self.playlist = lru_cache(maxsize=4096)(self._playlist)

    def _artist(self, index: int) -> ArtistRecord:
        draws = Draws(self._seed, "artist", index)
        pattern = draws.below(5)
        first, last = draws.pick(words.FIRST_NAMES), draws.pick(words.LAST_NAMES)
        adjective, noun = draws.pick(words.ADJECTIVES), draws.pick(words.NOUNS)
        if pattern == 0:
            name = f"{first} {last}"
        elif pattern == 1:
            name = f"The {adjective} {noun}s"
        elif pattern == 2:
            name = f"{first} & the {noun}s"
        elif pattern == 3:
            name = f"{adjective} {noun}"
        else:
            name = f"{noun} {draws.pick(words.NOUNS)}"
        popularity = 88 if index == 0 else draws.between(0, 90)
        followers = int(10 ** (1 + popularity / 100 * 6.5)) + draws.below(1000)
        genres = tuple(sorted({draws.pick(GENRE_SEEDS) for _ in range(draws.between(1, 3))}))
        return ArtistRecord(
            index=index,
            name=name,
            popularity=popularity,
            followers=followers,
            genres=genres,
            image_key=draws.hex(40),
        )

    def _album(self, index: int) -> AlbumRecord:
        draws = Draws(self._seed, "album", index)
        artist = self._layout.artist_albums.parent_of(index)
        artists: tuple[int, ...] = (artist,)
        if draws.chance(0.2):
            featured = draws.below(self._layout.artists)
            if featured != artist:
                artists = (artist, featured)
        kind = album_type(self._seed, index)
        release_date, precision, year = _date(draws, 1965, 2026)
        tracks = self._layout.album_tracks.of(index)
        name = _title(draws)
        return AlbumRecord(
            index=index,
            name=name,
            album_type=kind,
            artists=artists,
            release_date=release_date,
            release_date_precision=precision,
            release_year=year,
            tracks=tracks,
            label=draws.pick(words.LABELS),
            popularity=draws.between(0, 85),
            upc=f"{draws.next32():010d}{draws.below(100):02d}",
            image_key=draws.hex(40),
        )

    def track_heading(self, index: int) -> tuple[str, tuple[int, ...]]:
        """A track's name and artists without the rest of its record: the search index needs
        only these, for every track, and skipping the rest makes building it cheaper."""
        _, _, name, artists = self._track_start(index)
        return name, artists

    def _track_start(self, index: int) -> tuple[Draws, AlbumRecord, str, tuple[int, ...]]:
        """The draws of a track up to its artists: what :meth:`_track` continues from."""
        draws = Draws(self._seed, "track", index)
        album = self.album(self._layout.album_tracks.parent_of(index))
        single_title = album.album_type == "single" and index == album.tracks.start
        name = album.name if single_title else _title(draws)
        artists = album.artists
        if draws.chance(0.15):
            featured = draws.below(self._layout.artists)
            if featured not in artists:
                artists = (*artists, featured)
        return draws, album, name, artists

    def _track(self, index: int) -> TrackRecord:
        draws, album, name, artists = self._track_start(index)
        return TrackRecord(
            index=index,
            name=name,
            album=album.index,
            artists=artists,
            disc_number=1,
            track_number=index - album.tracks.start + 1,
            duration_ms=draws.between(95_000, 420_000),
            explicit=draws.chance(0.15),
            popularity=draws.between(0, 90),
            isrc=f"QZ{draws.pick(('ES', 'HN', 'MX', 'FG'))}{album.release_year % 100:02d}"
            f"{draws.below(100_000):05d}",
        )

    def _show(self, index: int) -> ShowRecord:
        draws = Draws(self._seed, "show", index)
        topic = draws.pick(words.SHOW_TOPICS)
        name = f"{draws.pick(words.ADJECTIVES)} {topic} {draws.pick(words.SHOW_FORMATS)}"
        host = f"{draws.pick(words.FIRST_NAMES)} {draws.pick(words.LAST_NAMES)}"
        return ShowRecord(
            index=index,
            name=name,
            publisher=draws.pick(words.PUBLISHERS),
            description=f"{host} talks {topic.lower()} with a new guest every week.",
            explicit=draws.chance(0.2),
            languages=(draws.pick(("en", "en", "en", "en-US", "de", "es", "fr", "nl")),),
            media_type="mixed" if draws.chance(0.1) else "audio",
            episodes=self._layout.show_episodes.of(index),
            image_key=draws.hex(40),
        )

    def episode_name(self, index: int) -> str:
        """An episode's name without the rest of its record (for the search index)."""
        return self._episode_start(index)[1]

    def _episode_start(self, index: int) -> tuple[Draws, str, int, int]:
        """The draws of an episode up to its name, the name, its number and its age."""
        draws = Draws(self._seed, "episode", index)
        episodes = self._layout.show_episodes.of(self._layout.show_episodes.parent_of(index))
        # The first episode of a show's range is its newest: shows list newest first.
        age = index - episodes.start
        number = len(episodes) - age
        return draws, f"{number}. {_title(draws)}", number, age

    def _episode(self, index: int) -> EpisodeRecord:
        draws, name, number, age = self._episode_start(index)
        show_index = self._layout.show_episodes.parent_of(index)
        show = self.show(show_index)
        year, day_of_year = 2026 - (age * 7) // 365, 1 + (age * 7) % 365
        month, day = min(12, 1 + (365 - day_of_year) // 31), 1 + (365 - day_of_year) % 28
        return EpisodeRecord(
            index=index,
            show=show_index,
            number=number,
            name=name,
            description=f"Episode {number} of {show.name}: {_title(draws).lower()}.",
            duration_ms=draws.between(600_000, 5_400_000),
            explicit=show.explicit and draws.chance(0.5),
            release_date=f"{year}-{month:02d}-{day:02d}",
            language=show.languages[0],
            image_key=show.image_key,
        )

    def _audiobook(self, index: int) -> AudiobookRecord:
        draws = Draws(self._seed, "audiobook", index)
        author = f"{draws.pick(words.FIRST_NAMES)} {draws.pick(words.LAST_NAMES)}"
        narrator = f"{draws.pick(words.FIRST_NAMES)} {draws.pick(words.LAST_NAMES)}"
        name = f"The {draws.pick(words.ADJECTIVES)} {draws.pick(words.NOUNS)}"
        release_date, _, _ = _date(draws, 1990, 2026)
        return AudiobookRecord(
            index=index,
            name=name,
            authors=(author,),
            narrators=(narrator,),
            publisher=draws.pick(words.PUBLISHERS),
            description=f"{author}'s novel about a {name.split()[-1].lower()} and its secrets.",
            explicit=draws.chance(0.1),
            release_date=release_date if len(release_date) == 10 else "2020-01-01",
            chapters=self._layout.audiobook_chapters.of(index),
            image_key=draws.hex(40),
        )

    def _chapter(self, index: int) -> ChapterRecord:
        draws = Draws(self._seed, "chapter", index)
        book_index = self._layout.audiobook_chapters.parent_of(index)
        number = index - self.audiobook(book_index).chapters.start + 1
        return ChapterRecord(
            index=index,
            audiobook=book_index,
            number=number,
            name=f"Chapter {number}",
            description=f"Chapter {number}: {_title(draws)}.",
            duration_ms=draws.between(300_000, 2_700_000),
        )

    def _category(self, index: int) -> CategoryRecord:
        return CategoryRecord(
            index=index,
            id=CATEGORIES[index][0],
            name=CATEGORIES[index][1],
            alias=CATEGORIES[index][2],
            image_key=Draws(self._seed, "category", index).hex(40),
        )

    def _user(self, index: int) -> UserRecord:
        if index == 0:
            return UserRecord(0, "spotify", "Spotify", 9_000_000, "0" * 40)
        draws = Draws(self._seed, "user", index)
        first, last = draws.pick(words.FIRST_NAMES), draws.pick(words.LAST_NAMES)
        return UserRecord(
            index=index,
            id=f"{first}{last}{index:03d}".lower(),
            display_name=f"{first} {last}",
            followers=draws.between(0, 5000),
            image_key=draws.hex(40),
        )

    def _playlist(self, index: int) -> PlaylistSeed:
        draws = Draws(self._seed, "playlist", index)
        owner = self._layout.user_playlists.parent_of(index)
        size = draws.between(10, 120)
        start = draws.below(self._layout.tracks)
        step = 1 + draws.below(997)
        tracks = tuple((start + step * n) % self._layout.tracks for n in range(size))
        name = f"{draws.pick(words.ADJECTIVES)} {draws.pick(words.NOUNS)} Mix"
        if owner == 0:
            name = f"{draws.pick(words.ADJECTIVES)} {draws.pick(words.NOUNS)}s"
        return PlaylistSeed(
            index=index,
            owner=owner,
            name=name,
            description=f"{draws.pick(words.ADJECTIVES)} songs for {_title(draws).lower()}.",
            tracks=tracks,
            followers=draws.between(0, 2_000_000 if owner == 0 else 3000),
            image_key=draws.hex(40),
        )
