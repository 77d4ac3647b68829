"""The endpoint groups: one module per group of Web API operations."""

from async_spotify.endpoints.albums import Albums
from async_spotify.endpoints.artists import Artists
from async_spotify.endpoints.audiobooks import Audiobooks
from async_spotify.endpoints.browse import Browse
from async_spotify.endpoints.chapters import Chapters
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.endpoints.episodes import Episodes
from async_spotify.endpoints.follow import Follow
from async_spotify.endpoints.library import Library
from async_spotify.endpoints.markets import Markets
from async_spotify.endpoints.personalization import Personalization
from async_spotify.endpoints.player import Player
from async_spotify.endpoints.playlists import Playlists
from async_spotify.endpoints.search import Search
from async_spotify.endpoints.shows import Shows
from async_spotify.endpoints.tracks import Track
from async_spotify.endpoints.user import User

__all__ = [
    "Albums",
    "Artists",
    "Audiobooks",
    "Browse",
    "Chapters",
    "Endpoint",
    "Episodes",
    "Follow",
    "Library",
    "Markets",
    "Personalization",
    "Player",
    "Playlists",
    "Search",
    "Shows",
    "Track",
    "User",
]
