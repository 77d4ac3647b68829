"""AsyncSpotify's endpoint package path; the groups live in :mod:`async_spotify.endpoints`."""
