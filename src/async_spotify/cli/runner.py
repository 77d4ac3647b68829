"""How a command runs: its coroutine in a fresh event loop, and every failure as one line.

A failure prints ``error: <what went wrong>`` on standard error and exits with status 1 (130
after Ctrl-C); ``--debug`` shows the traceback instead and logs every request the library sends.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable, Coroutine
from typing import Any, NoReturn

import typer

from async_spotify.spotify_errors import InvalidInputError, SpotifyBaseError

#: The exit status after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def run(work: Callable[[], Coroutine[Any, Any, None]], *, debug: bool) -> None:
    """Run ``work()``; exit non-zero with a one-line error when it fails."""
    if debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
        library = logging.getLogger("async_spotify")
        library.addHandler(handler)
        library.setLevel(logging.DEBUG)
    try:
        asyncio.run(work())
    except KeyboardInterrupt:
        fail("interrupted", status=INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`... | head`): nothing to say, and nothing left to flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(1) from None
    except (SpotifyBaseError, OSError) as error:
        if debug:
            raise
        fail(describe(error))
    except Exception as error:
        if debug:
            raise
        fail(f"{type(error).__name__}: {error} (run again with --debug for the traceback)")


def describe(error: BaseException) -> str:
    """One line that says what went wrong."""
    if isinstance(error, SpotifyBaseError):
        text = error.text or type(error).__name__
        # refused input was never sent: its status 400 is only what AsyncSpotify saw from Spotify
        answered = error.status and not isinstance(error, InvalidInputError)
        if answered and str(error.status) not in text:
            text = f"{text} (HTTP {error.status})"
    elif isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        text = f"{error.strerror}{where}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


def fail(message: str, *, status: int = 1) -> NoReturn:
    """Print ``error: message`` on standard error and exit with ``status``."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(status)
