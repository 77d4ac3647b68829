"""``python -m async_spotify.cli``: the ``async-spotify`` command."""

from async_spotify.cli import main

main()
