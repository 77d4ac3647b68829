"""AsyncSpotify's ``URLS`` constants, kept so that code importing them still runs.

The client does not read them: it builds every URL from its ``base_url`` and ``accounts_url``
options, so pointing it at another server (the emulator, a proxy) is a constructor argument,
not a patch of these constants. They are frozen at AsyncSpotify 0.4.4's names and paths, built
from the default base URLs, with one fix: ``ARTIST.SEVERAL`` has no trailing slash (Spotify
answers ``/artists/`` with a 404). Nothing new is added here: the operations the client learned
since (audiobooks, chapters, markets, ``/me/library``, playlist items) are listed in
:data:`async_spotify.operations.OPERATIONS`.
"""

from __future__ import annotations

from async_spotify.transport.urls import DEFAULT_ACCOUNTS_URL, DEFAULT_BASE_URL

BASE_URL = DEFAULT_BASE_URL


class URLS:
    """Every Web API URL AsyncSpotify named; ``{...}`` marks a ``str.format`` placeholder."""

    AUTHORIZE = f"{DEFAULT_ACCOUNTS_URL}/authorize"
    REFRESH = f"{DEFAULT_ACCOUNTS_URL}/api/token"
    SEARCH = f"{BASE_URL}/search"

    class ALBUM:
        ONE = f"{BASE_URL}/albums/{{id}}"
        TRACKS = f"{BASE_URL}/albums/{{id}}/tracks"
        MULTIPLE = f"{BASE_URL}/albums"

    class ARTIST:
        ONE = f"{BASE_URL}/artists/{{id}}"
        ALBUM = f"{BASE_URL}/artists/{{id}}/albums"
        TOP_TRACKS = f"{BASE_URL}/artists/{{id}}/top-tracks"
        SIMILAR_ARTISTS = f"{BASE_URL}/artists/{{id}}/related-artists"
        SEVERAL = f"{BASE_URL}/artists"

    class BROWSE:
        GENRE_SEEDS = f"{BASE_URL}/recommendations/available-genre-seeds"
        CATEGORY = f"{BASE_URL}/browse/categories/{{category_id}}"
        CATEGORY_PLAYLIST = f"{BASE_URL}/browse/categories/{{category_id}}/playlists"
        CATEGORY_LIST = f"{BASE_URL}/browse/categories"
        FEATURED_PLAYLISTS = f"{BASE_URL}/browse/featured-playlists"
        RELEASES = f"{BASE_URL}/browse/new-releases"
        RECOMMENDATIONS = f"{BASE_URL}/recommendations"

    class EPISODES:
        ONE = f"{BASE_URL}/episodes/{{id}}"
        MULTIPLE = f"{BASE_URL}/episodes"

    class FOLLOW:
        CONTAINS = f"{BASE_URL}/me/following/contains"
        CONTAINS_PLAYLIST = f"{BASE_URL}/playlists/{{playlist_id}}/followers/contains"
        HUMAN = f"{BASE_URL}/me/following"
        PLAYLIST = f"{BASE_URL}/playlists/{{playlist_id}}/followers"
        FOLLOWING_ARTISTS = f"{BASE_URL}/me/following?type=artist"

    class LIBRARY:
        CONTAINS_ALBUM = f"{BASE_URL}/me/albums/contains"
        CONTAINS_TRACK = f"{BASE_URL}/me/tracks/contains"
        CONTAINS_SHOWS = f"{BASE_URL}/me/shows/contains"
        ALBUMS = f"{BASE_URL}/me/albums"
        TRACKS = f"{BASE_URL}/me/tracks"
        SHOWS = f"{BASE_URL}/me/shows"

    class PERSONALIZATION:
        TOP = f"{BASE_URL}/me/top/{{type}}"

    class PLAYER:
        PLAYER = f"{BASE_URL}/me/player"
        QUEUE = f"{BASE_URL}/me/player/queue"
        DEVICES = f"{BASE_URL}/me/player/devices"
        RECENTLY = f"{BASE_URL}/me/player/recently-played"
        PLAYING = f"{BASE_URL}/me/player/currently-playing"
        PAUSE = f"{BASE_URL}/me/player/pause"
        SEEK = f"{BASE_URL}/me/player/seek"
        REPEAT = f"{BASE_URL}/me/player/repeat"
        VOLUME = f"{BASE_URL}/me/player/volume"
        NEXT = f"{BASE_URL}/me/player/next"
        PREVIOUS = f"{BASE_URL}/me/player/previous"
        PLAY = f"{BASE_URL}/me/player/play"
        SHUFFLE = f"{BASE_URL}/me/player/shuffle"

    class PLAYLIST:
        ADD_TRACKS = f"{BASE_URL}/playlists/{{playlist_id}}/tracks"
        ONE = f"{BASE_URL}/playlists/{{playlist_id}}"
        CREATE = f"{BASE_URL}/users/{{user_id}}/playlists"
        ME = f"{BASE_URL}/me/playlists"
        USER = f"{BASE_URL}/users/{{user_id}}/playlists"
        COVER = f"{BASE_URL}/playlists/{{playlist_id}}/images"
        TRACKS = f"{BASE_URL}/playlists/{{playlist_id}}/tracks"

    class SHOWS:
        ONE = f"{BASE_URL}/shows/{{id}}"
        EPISODES = f"{BASE_URL}/shows/{{id}}/episodes"
        SEVERAL = f"{BASE_URL}/shows"

    class TRACKS:
        ANALYZE = f"{BASE_URL}/audio-analysis/{{id}}"
        FEATURES = f"{BASE_URL}/audio-features/{{id}}"
        MULTI_FEATURES = f"{BASE_URL}/audio-features"
        SEVERAL = f"{BASE_URL}/tracks"
        ONE = f"{BASE_URL}/tracks/{{id}}"

    class USER:
        ME = f"{BASE_URL}/me"
        USER = f"{BASE_URL}/users/{{user_id}}"
