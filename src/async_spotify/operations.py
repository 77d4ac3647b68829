"""Which client method calls which Spotify operation: find any operation by its Spotify name.

``OPERATIONS`` maps each of the 97 operationIds of Spotify's OpenAPI spec (the names in the URL
of Spotify's reference pages, ``developer.spotify.com/documentation/web-api/reference/<id>``)
to the method that calls it, as ``"<group attribute>.<method>"`` on a
:class:`~async_spotify.SpotifyApiClient`::

    OPERATIONS["get-an-album"]  # "albums.get_one" -> await client.albums.get_one(album_id)

``COMPATIBILITY_ALIASES`` lists the other public methods: each calls an operation that
``OPERATIONS`` already maps to another method (AsyncSpotify's names, and conveniences that
combine calls). The names in ``OPERATIONS`` use one verb per meaning across the groups:
``get_one`` / ``get_several`` for one / a batch of catalog objects, ``add_*`` / ``remove_*`` /
``contains_*`` for the user's library and follows, ``get_*`` for every other read;
AsyncSpotify's other names (``get_multiple``, ``add_album``, ``check_follow``,
``audio_features``...) stay as aliases of them. A test keeps both tables in step with the
spec and the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["COMPATIBILITY_ALIASES", "OPERATIONS"]

OPERATIONS: Mapping[str, str] = MappingProxyType(
    {
        # Albums
        "get-an-album": "albums.get_one",
        "get-multiple-albums": "albums.get_several",
        "get-an-albums-tracks": "albums.get_tracks",
        # Artists
        "get-an-artist": "artists.get_one",
        "get-multiple-artists": "artists.get_several",
        "get-an-artists-albums": "artists.get_albums",
        "get-an-artists-top-tracks": "artists.get_top_tracks",
        "get-an-artists-related-artists": "artists.get_similar",
        # Audiobooks
        "get-an-audiobook": "audiobooks.get_one",
        "get-multiple-audiobooks": "audiobooks.get_several",
        "get-audiobook-chapters": "audiobooks.get_chapters",
        "get-users-saved-audiobooks": "audiobooks.get_saved",
        "save-audiobooks-user": "audiobooks.add_saved",
        "remove-audiobooks-user": "audiobooks.remove_saved",
        "check-users-saved-audiobooks": "audiobooks.contains_saved",
        # Browse (categories, new releases, featured playlists, recommendations)
        "get-new-releases": "browse.get_new_releases",
        "get-featured-playlists": "browse.get_featured_playlists",
        "get-categories": "browse.get_categories",
        "get-a-category": "browse.get_category",
        "get-a-categories-playlists": "browse.get_category_playlists",
        "get-recommendations": "browse.get_recommendations",
        "get-recommendation-genres": "browse.get_genre_seeds",
        # Chapters
        "get-a-chapter": "chapters.get_one",
        "get-several-chapters": "chapters.get_several",
        # Episodes
        "get-an-episode": "episodes.get_one",
        "get-multiple-episodes": "episodes.get_several",
        # Follow
        "get-followed": "follow.get_followed_artist",
        "follow-artists-users": "follow.follow_artist_or_user",
        "unfollow-artists-users": "follow.unfollow_artist_or_user",
        "check-current-user-follows": "follow.contains",
        "check-if-user-follows-playlist": "follow.contains_playlist",
        "follow-playlist": "follow.follow_playlist",
        "unfollow-playlist": "follow.unfollow_playlist",
        # Library
        "save-library-items": "library.add_items",
        "remove-library-items": "library.remove_items",
        "check-library-contains": "library.contains_items",
        "get-users-saved-albums": "library.get_albums",
        "save-albums-user": "library.add_albums",
        "remove-albums-user": "library.remove_albums",
        "check-users-saved-albums": "library.contains_albums",
        "get-users-saved-tracks": "library.get_tracks",
        "save-tracks-user": "library.add_tracks",
        "remove-tracks-user": "library.remove_tracks",
        "check-users-saved-tracks": "library.contains_tracks",
        "get-users-saved-episodes": "library.get_episodes",
        "save-episodes-user": "library.add_episodes",
        "remove-episodes-user": "library.remove_episodes",
        "check-users-saved-episodes": "library.contains_episodes",
        "get-users-saved-shows": "library.get_shows",
        "save-shows-user": "library.add_shows",
        "remove-shows-user": "library.remove_shows",
        "check-users-saved-shows": "library.contains_shows",
        # Markets
        "get-available-markets": "markets.get_available",
        # Personalization
        "get-users-top-artists": "personalization.get_top_artists",
        "get-users-top-tracks": "personalization.get_top_tracks",
        # Player
        "get-information-about-the-users-current-playback": "player.get_playback",
        "transfer-a-users-playback": "player.transfer",
        "get-a-users-available-devices": "player.get_devices",
        "get-the-users-currently-playing-track": "player.get_current_track",
        "start-a-users-playback": "player.play",
        "pause-a-users-playback": "player.pause",
        "skip-users-playback-to-next-track": "player.next",
        "skip-users-playback-to-previous-track": "player.previous",
        "seek-to-position-in-currently-playing-track": "player.seek",
        "set-repeat-mode-on-users-playback": "player.repeat",
        "set-volume-for-users-playback": "player.volume",
        "toggle-shuffle-for-users-playback": "player.shuffle",
        "get-recently-played": "player.get_recent_tracks",
        "get-queue": "player.get_queue",
        "add-to-queue": "player.add_to_queue",
        # Playlists
        "get-playlist": "playlists.get_one",
        "change-playlist-details": "playlists.change_details",
        "get-playlists-items": "playlists.get_items",
        "add-items-to-playlist": "playlists.add_items",
        "reorder-or-replace-playlists-items": "playlists.reorder_items",
        "remove-items-playlist": "playlists.remove_items",
        "get-playlists-tracks": "playlists.get_tracks",
        "add-tracks-to-playlist": "playlists.add_tracks",
        "reorder-or-replace-playlists-tracks": "playlists.reorder_tracks",
        "remove-tracks-playlist": "playlists.remove_tracks",
        "get-a-list-of-current-users-playlists": "playlists.current_get_all",
        "get-list-users-playlists": "playlists.get_user_all",
        "create-playlist": "playlists.create",
        "create-playlist-for-user": "playlists.create_playlist",
        "get-playlist-cover": "playlists.get_cover",
        "upload-custom-playlist-cover": "playlists.upload_cover",
        # Search
        # Shows
        "get-a-show": "shows.get_one",
        "get-multiple-shows": "shows.get_several",
        "get-a-shows-episodes": "shows.get_episodes",
        "search": "search.start",
        # Tracks (the ``track`` attribute, singular as in AsyncSpotify)
        "get-track": "track.get_one",
        "get-several-tracks": "track.get_several",
        "get-audio-features": "track.get_audio_features",
        "get-several-audio-features": "track.get_several_audio_features",
        "get-audio-analysis": "track.get_audio_analysis",
        # Users
        "get-current-users-profile": "user.me",
        "get-users-profile": "user.get_one",
    }
)

#: Public methods that only call operations mapped to other methods above: method -> the
#: operationIds it calls.
COMPATIBILITY_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "albums.get_multiple": ("get-multiple-albums",),
        "artists.get_album_list": ("get-an-artists-albums",),
        "browse.get_recommendation_by_seed": ("get-recommendations",),
        "browse.get_single_category": ("get-a-category",),
        "episodes.get_multiple": ("get-multiple-episodes",),
        "follow.check_follow": ("check-current-user-follows",),
        "follow.check_follow_playlist": ("check-if-user-follows-playlist",),
        "library.add_album": ("save-albums-user",),
        "library.save_items": ("save-library-items",),
        "personalization.get_top": ("get-users-top-artists", "get-users-top-tracks"),
        "player.add_multiple_tracks_to_queue": ("add-to-queue",),
        "playlists.replace_items": ("reorder-or-replace-playlists-items", "add-items-to-playlist"),
        "playlists.replace_tracks": ("reorder-or-replace-playlists-tracks",),
        "track.audio_analyze": ("get-audio-analysis",),
        "track.audio_features": ("get-audio-features",),
        "track.several_audio_features": ("get-several-audio-features",),
    }
)
