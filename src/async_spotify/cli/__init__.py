"""``async-spotify``: the library from a shell (``pip install 'async-spotify[cli]'``).

::

    async-spotify login [--client-id ID] [--scope S ...] [--no-browser]
    async-spotify whoami | token | logout
    async-spotify search QUERY [--type track ...] [--limit N] [--json]
    async-spotify export playlist ID|URI|URL [--format json|jsonl|csv] [-o FILE]
    async-spotify export library tracks|albums|shows|episodes|audiobooks
    async-spotify export playlists
    async-spotify emulator [emulator options]

Every command takes ``--base-url`` / ``--accounts-url`` (the emulator's URLs, say) and reads
``SPOTIFY_CLIENT_ID``, ``SPOTIFY_CLIENT_SECRET`` and ``SPOTIFY_REDIRECT_URI``; see
:mod:`async_spotify.cli.settings` for where the token is kept. The command line needs the
``cli`` extra (typer, rich, platformdirs); the library itself does not.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_MISSING_EXTRA = (
    "error: the async-spotify command needs the cli extra: pip install 'async-spotify[cli]' "
    "({name} is not installed)"
)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the ``async-spotify`` command (the console script's entry point)."""
    try:
        from async_spotify.cli.app import app
    except ModuleNotFoundError as error:
        if error.name not in {"typer", "rich", "platformdirs", "click"}:
            raise
        print(_MISSING_EXTRA.format(name=error.name), file=sys.stderr)
        raise SystemExit(1) from None
    app(args=list(argv) if argv is not None else None, prog_name="async-spotify")
