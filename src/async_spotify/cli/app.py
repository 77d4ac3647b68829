"""The ``async-spotify`` commands (typer): login, whoami, token, logout, search, export,
emulator."""

from __future__ import annotations

import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import orjson
import typer
from rich.console import Console

from async_spotify import __version__
from async_spotify.auth.flows import ClientCredentialsFlow
from async_spotify.auth.login import DEFAULT_LOGIN_TIMEOUT
from async_spotify.auth.stores import FileTokenStore
from async_spotify.cli import export as exports
from async_spotify.cli.render import (
    SEARCH_TYPES,
    export_progress,
    search_tables,
    token_lines,
    user_line,
)
from async_spotify.cli.runner import run
from async_spotify.cli.settings import DEFAULT_SCOPES, Settings, resolve
from async_spotify.client import SpotifyApiClient
from async_spotify.spotify_errors import SpotifyBaseError, SpotifyError
from async_spotify.types.parameters import SearchType as SearchTypeName

app = typer.Typer(
    name="async-spotify",
    help=(
        "The Spotify Web API from a shell: log in, look at the token, search, and export "
        "playlists and libraries. Point it at the built-in emulator with --base-url and "
        "--accounts-url (start one with `async-spotify emulator`)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
export_app = typer.Typer(
    help="Write every item of a playlist, of the library, or the playlist list to a file.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(export_app, name="export")

# -- the options every command takes ------------------------------------------------------------

ClientId = Annotated[
    str | None,
    typer.Option(
        "--client-id",
        envvar="SPOTIFY_CLIENT_ID",
        help="Your app's client id (default: the last login's).",
    ),
]
RedirectUri = Annotated[
    str | None,
    typer.Option(
        "--redirect-uri",
        envvar="SPOTIFY_REDIRECT_URI",
        help="A loopback redirect URI registered for the app "
        "[default: http://127.0.0.1:8888/callback].",
    ),
]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="SPOTIFY_BASE_URL",
        help="Web API root, e.g. the emulator's http://127.0.0.1:PORT/v1 "
        "(default: the last login's, else Spotify's).",
    ),
]
AccountsUrl = Annotated[
    str | None,
    typer.Option(
        "--accounts-url",
        envvar="SPOTIFY_ACCOUNTS_URL",
        help="Accounts service root, e.g. the emulator's http://127.0.0.1:PORT "
        "(default: the last login's, else Spotify's).",
    ),
]
Debug = Annotated[
    bool, typer.Option("--debug", help="Show tracebacks, and log every request on stderr.")
]
Json = Annotated[bool, typer.Option("--json", help="Print the JSON Spotify answered.")]

# The client secret is read from SPOTIFY_CLIENT_SECRET only: a flag would show it in `ps`.


def _settings(
    client_id: str | None,
    redirect_uri: str | None,
    base_url: str | None,
    accounts_url: str | None,
) -> Settings:
    return resolve(
        client_id=client_id,
        redirect_uri=redirect_uri,
        base_url=base_url,
        accounts_url=accounts_url,
    )


def _logged_in(settings: Settings) -> SpotifyApiClient:
    if not settings.token_path.exists():
        raise SpotifyError(
            f"Not logged in with client id {settings.client_id}: run `async-spotify login` first"
        )
    return settings.client()


def _has_display() -> bool:
    # Without one, webbrowser would start a text browser in this very terminal.
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _print_json(data: object) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


# -- commands ------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"async-spotify {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """The Spotify Web API from a shell."""


@app.command()
def login(
    client_id: ClientId = None,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            "-s",
            help=f"A scope to ask for; repeatable [default: {' '.join(DEFAULT_SCOPES)}].",
        ),
    ] = None,
    no_browser: Annotated[
        bool,
        typer.Option(
            "--no-browser",
            help="Do not open a browser: print the URL, and accept the address the browser "
            "ends on pasted here (the default on Linux without a display).",
        ),
    ] = False,
    show_dialog: Annotated[
        bool, typer.Option("--show-dialog", help="Ask for consent even if given before.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds to wait for the browser.")
    ] = DEFAULT_LOGIN_TIMEOUT,
    redirect_uri: RedirectUri = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Log in through the browser and save the token.

    With SPOTIFY_CLIENT_SECRET set the app's secret is used (authorization code flow); without
    it, PKCE. The token goes to the config directory, one file per client id (mode 0600).
    """
    scopes = [part for item in scope or DEFAULT_SCOPES for part in item.replace(",", " ").split()]

    async def work() -> None:
        settings = _settings(client_id, redirect_uri, base_url, accounts_url)
        async with settings.client(scopes) as client:
            await client.login(
                open_browser=not no_browser and _has_display(),
                timeout=timeout,
                show_dialog=show_dialog,
            )
            settings.remember()
            try:
                who = " as " + user_line(await client.user.me())
            except SpotifyBaseError:  # a login without user-read-private still worked
                who = ""
        print(f"Logged in{who}. Token saved to {settings.token_path}")

    run(work, debug=debug)


@app.command()
def whoami(
    json: Json = False,
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Show who the saved token belongs to."""

    async def work() -> None:
        settings = _settings(client_id, None, base_url, accounts_url)
        async with _logged_in(settings) as client:
            me = await client.user.me()
        if json:
            _print_json(me)
        else:
            print(user_line(me))

    run(work, debug=debug)


@app.command()
def token(
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Show the saved token: masked, with its scopes and expiry."""

    async def work() -> None:
        settings = _settings(client_id, None, base_url, accounts_url)
        saved = await FileTokenStore(settings.token_path).load()
        if saved is None:
            raise SpotifyError(
                f"Not logged in with client id {settings.client_id}: run `async-spotify login`"
            )
        rows = token_lines(saved, settings.token_path, settings.client_id)
        rows.insert(1, ("web api", settings.base_url))
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")

    run(work, debug=debug)


@app.command()
def logout(
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Delete the saved token."""

    async def work() -> None:
        settings = _settings(client_id, None, base_url, accounts_url)
        path = settings.token_path
        if not path.exists():
            print(f"Not logged in with client id {settings.client_id}: nothing to delete")
            return
        path.unlink()
        for lock in (".lock", ".renewal.lock"):
            path.with_name(path.name + lock).unlink(missing_ok=True)
        print(f"Logged out: deleted {path}")

    run(work, debug=debug)


class SearchType(StrEnum):
    """What ``search --type`` takes."""

    album = "album"
    artist = "artist"
    playlist = "playlist"
    track = "track"
    show = "show"
    episode = "episode"
    audiobook = "audiobook"


assert tuple(member.value for member in SearchType) == SEARCH_TYPES


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Spotify\'s query syntax, e.g. "artist:Queen".')],
    type_: Annotated[
        list[SearchType] | None,
        typer.Option("--type", "-t", help="A type to search; repeatable [default: track]."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=50, help="Results per type.")
    ] = 10,
    market: Annotated[
        str | None, typer.Option("--market", help="An ISO 3166-1 alpha-2 country code.")
    ] = None,
    json: Json = False,
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Search the catalog: a table per type, or --json.

    Uses the saved token, else the app's own token when SPOTIFY_CLIENT_SECRET is set.
    """
    types: list[SearchTypeName] = [member.value for member in type_ or [SearchType.track]]

    async def work() -> None:
        settings = _settings(client_id, None, base_url, accounts_url)
        async with _search_client(settings) as client:
            options: dict[str, Any] = {"limit": limit}
            if market:
                options["market"] = market
            result = await client.search.start(query, types, **options)
        if json:
            _print_json(result)
            return
        console = Console()
        for table in search_tables(result, types):
            console.print(table)

    run(work, debug=debug)


def _search_client(settings: Settings) -> SpotifyApiClient:
    if settings.token_path.exists() or not settings.client_secret:
        return _logged_in(settings)
    # No user token, but the app's secret: the catalog is readable with the app's own token.
    return SpotifyApiClient(
        ClientCredentialsFlow(settings.client_id, settings.client_secret),
        hold_authentication=True,
        base_url=settings.base_url,
        accounts_url=settings.accounts_url,
    )


# -- export --------------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    """What ``export --format`` takes."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class LibraryKind(StrEnum):
    """What ``export library`` exports."""

    tracks = "tracks"
    albums = "albums"
    shows = "shows"
    episodes = "episodes"
    audiobooks = "audiobooks"


Format = Annotated[
    ExportFormat | None,
    typer.Option(
        "--format", "-f", help="json, jsonl or csv [default: from -o's extension, else jsonl]."
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="The file to write (replaced only when the export completes) [default: stdout].",
    ),
]
Concurrency = Annotated[
    int, typer.Option("--concurrency", "-c", min=1, max=64, help="Pages fetched at once.")
]


def _export(
    make_source: Callable[[SpotifyApiClient], Awaitable[exports.Source]],
    fmt: ExportFormat | None,
    output: Path | None,
    concurrency: int,
    settings_of: Callable[[], Settings],
    debug: bool,
) -> None:
    chosen = exports.format_for(output, fmt.value if fmt is not None else None)

    async def work() -> None:
        async with _logged_in(settings_of()) as client:
            source = await make_source(client)
            console = Console(stderr=True)
            # Items printed on the terminal itself would tear through the bar.
            quiet = output is None and sys.stdout.isatty()
            with (
                _destination(output) as stream,
                export_progress(console, quiet=quiet) as progress,
            ):
                task = progress.add_task(f"Exporting {source.label}", total=None)
                writer = exports.Writer(stream, chosen, source.columns)
                count = 0

                def on_total(total: int) -> None:
                    progress.update(task, total=total)

                async for item in exports.items_of(client, source, concurrency, on_total):
                    writer.write(item)
                    count += 1
                    progress.advance(task)
                writer.close()
        if output is not None:
            print(f"Exported {count} items to {output}", file=sys.stderr)

    run(work, debug=debug)


@contextmanager
def _destination(output: Path | None) -> Iterator[BinaryIO]:
    if output is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with exports.atomic_file(output) as file:
        yield file


@export_app.command("playlist")
def export_playlist(
    playlist: Annotated[str, typer.Argument(help="The playlist's ID, URI or URL.")],
    fmt: Format = None,
    output: Output = None,
    concurrency: Concurrency = 8,
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Every item of a playlist (ID, URI or open.spotify.com URL)."""

    async def source(client: SpotifyApiClient) -> exports.Source:
        return await exports.playlist_source(client, playlist)

    _export(
        source,
        fmt,
        output,
        concurrency,
        lambda: _settings(client_id, None, base_url, accounts_url),
        debug,
    )


@export_app.command("library")
def export_library(
    kind: Annotated[LibraryKind, typer.Argument(help="What to export.")],
    fmt: Format = None,
    output: Output = None,
    concurrency: Concurrency = 8,
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Every saved track, album, show, episode or audiobook."""

    async def source(client: SpotifyApiClient) -> exports.Source:
        return exports.library_source(client, exports.LIBRARY_KINDS[list(LibraryKind).index(kind)])

    _export(
        source,
        fmt,
        output,
        concurrency,
        lambda: _settings(client_id, None, base_url, accounts_url),
        debug,
    )


@export_app.command("playlists")
def export_playlists(
    fmt: Format = None,
    output: Output = None,
    concurrency: Concurrency = 8,
    client_id: ClientId = None,
    base_url: BaseUrl = None,
    accounts_url: AccountsUrl = None,
    debug: Debug = False,
) -> None:
    """Every playlist the user owns or follows."""

    async def source(client: SpotifyApiClient) -> exports.Source:
        return exports.playlists_source(client)

    _export(
        source,
        fmt,
        output,
        concurrency,
        lambda: _settings(client_id, None, base_url, accounts_url),
        debug,
    )


# -- the emulator ------------------------------------------------------------------------------


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def emulator(ctx: typer.Context) -> None:
    """Serve the offline Spotify emulator; `async-spotify emulator --help` lists its options
    (those of `python -m async_spotify.emulator`)."""
    from async_spotify.emulator.cli import main as emulator_main

    raise typer.Exit(emulator_main(ctx.args))
