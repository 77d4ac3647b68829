"""``async-spotify`` end to end: each test runs the command in a subprocess against the emulator
and checks what it printed, the files it wrote and what the emulator was asked."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import orjson
import pytest

from async_spotify import FileTokenStore, SpotifyAuthorisationToken
from async_spotify.emulator import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    Emulator,
    parse_fault_spec,
)
from tests.cli.harness import (
    COMMAND,
    environment,
    log_in_directly,
    read_until,
    run,
    start,
    token_file,
)
from tests.endpoints.emulated import open_client
from tests.ports import free_port


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as emulator:
        yield emulator


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
async def logged_in(emu: Emulator, home: Path) -> dict[str, str]:
    env = environment(home)
    await log_in_directly(emu, home, env)
    return env


async def own_playlist(emu: Emulator, *, smallest: int, largest: int) -> dict[str, Any]:
    """One of the default user's own playlists with between ``smallest`` and ``largest`` items."""
    client = await open_client(emu)
    try:
        playlists = await client.fetch_all(await client.playlists.current_get_all(limit=50))
    finally:
        await client.close_client()
    for playlist in playlists:
        total = playlist["items"]["total"]
        if playlist["owner"]["id"] == emu.user_id and smallest <= total <= largest:
            return dict(playlist)  # type: ignore[arg-type]
    raise AssertionError("the emulator's user has no such playlist")


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def cookie_header(emu: Emulator) -> str:
    return "; ".join(f"{name}={value}" for name, value in emu.cookies.items())


# -- the "done when", against `async-spotify emulator` in its own process -----------------


async def test_login_whoami_and_export_against_the_emulator_command(
    tmp_path: Path, home: Path, http: aiohttp.ClientSession
) -> None:
    env = environment(home)
    emulator = await start(["emulator", "--port", "0"], env)
    try:
        assert emulator.stdout is not None
        listening = (await asyncio.wait_for(emulator.stdout.readline(), 60)).decode()
        url = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)\n", listening)
        assert url is not None, listening
        base, accounts = f"{url.group(1)}/v1", url.group(1)
        cookies = json.loads((await emulator.stdout.readline()).decode().removeprefix("cookies "))
        port = free_port()
        redirect = f"http://127.0.0.1:{port}/callback"
        urls = ["--base-url", base, "--accounts-url", accounts]

        login = await start(["login", "--no-browser", "--redirect-uri", redirect, *urls], env)
        assert login.stderr is not None and login.stdout is not None
        seen: list[str] = []
        await read_until(login.stderr, "Open this URL", seen)
        authorize = (await read_until(login.stderr, "/authorize?", seen)).strip()
        await read_until(login.stderr, "paste here", seen)
        query = parse_qs(urlsplit(authorize).query)
        assert query["redirect_uri"] == [redirect]
        assert query["code_challenge_method"] == ["S256"]
        assert query["scope"] == [
            "user-read-private user-read-email playlist-read-private "
            "playlist-read-collaborative user-library-read"
        ]
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        async with http.get(authorize, headers={"Cookie": cookie}, allow_redirects=False) as answer:
            location = answer.headers["Location"]
        async with http.get(location) as page:  # the browser comes back to the login's server
            assert "You can close this tab." in await page.text()
        stdout, _ = await asyncio.wait_for(login.communicate(), 60)
        assert login.returncode == 0
        saved = token_file(home)
        assert stdout.decode() == (
            "Logged in as Emulator User (emulator-user) · emulator-user@emulator.invalid · US "
            f"· premium. Token saved to {saved}\n"
        )
        assert saved.stat().st_mode & 0o777 == 0o600
        token = await FileTokenStore(saved).load()
        assert token is not None and token.refresh_token
        assert token.scopes == set(query["scope"][0].split())

        whoami = await run("whoami", env=env)  # the login's URLs were remembered
        assert whoami.status == 0, whoami.stderr
        assert whoami.stdout == (
            "Emulator User (emulator-user) · emulator-user@emulator.invalid · US · premium\n"
        )
        shown = await run("token", env=env)
        assert token.access_token and token.access_token not in shown.stdout
        assert token.refresh_token not in shown.stdout
        assert f"access token   ****{token.access_token[-4:]}\n" in shown.stdout
        assert f"web api        {base}\n" in shown.stdout

        async with (
            aiohttp.ClientSession(headers={"Authorization": f"Bearer {token.access_token}"}) as api,
            api.get(f"{base}/me/playlists?limit=50") as answer,
        ):
            playlists = (await answer.json())["items"]
        mine = next(
            p
            for p in playlists
            if p["owner"]["id"] == "emulator-user" and p["items"]["total"] > 150
        )
        out = tmp_path / "out.jsonl"
        export = await run(
            "export", "playlist", mine["id"], "--format", "jsonl", "-o", str(out), env=env
        )
        assert export.status == 0, export.stderr
        lines = out.read_bytes().splitlines()
        assert len(lines) == mine["items"]["total"]
        assert export.stderr == f"Exported {len(lines)} items to {out}\n"  # no bar: not a tty
        positions = [orjson.loads(line)["item"]["uri"] for line in lines]
        async with (
            aiohttp.ClientSession(headers={"Authorization": f"Bearer {token.access_token}"}) as api,
            api.get(f"{base}/playlists/{mine['id']}/items?limit=50") as answer,
        ):
            first = await answer.json()
        assert positions[:50] == [entry["item"]["uri"] for entry in first["items"]]
    finally:
        emulator.send_signal(signal.SIGINT)
        await asyncio.wait_for(emulator.wait(), 60)
    assert emulator.returncode == 0


async def test_login_with_the_pasted_address(
    emu: Emulator, home: Path, http: aiohttp.ClientSession
) -> None:
    env = environment(home)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    login = await start(
        [
            "login", "--no-browser", "--scope", "user-read-private", "--scope",
            "playlist-read-private,user-library-read", "--redirect-uri", redirect,
            "--base-url", emu.base_url, "--accounts-url", emu.accounts_url,
        ],
        env,
    )  # fmt: skip
    assert login.stderr is not None and login.stdin is not None
    seen: list[str] = []
    authorize = (await read_until(login.stderr, "/authorize?", seen)).strip()
    await read_until(login.stderr, "paste here", seen)
    assert parse_qs(urlsplit(authorize).query)["scope"] == [
        "user-read-private playlist-read-private user-library-read"
    ]
    async with http.get(
        authorize, headers={"Cookie": cookie_header(emu)}, allow_redirects=False
    ) as answer:
        location = answer.headers["Location"]
    login.stdin.write(f"{location}\n".encode())
    await login.stdin.drain()
    stdout, _ = await asyncio.wait_for(login.communicate(), 60)
    assert login.returncode == 0
    assert stdout.decode().startswith("Logged in as Emulator User (emulator-user)")
    assert emu.stats()["tokens"]["pkce"] == 1
    token = await FileTokenStore(token_file(home)).load()
    assert token is not None
    assert token.scopes == {"user-read-private", "playlist-read-private", "user-library-read"}


async def test_login_with_a_secret_and_no_display(
    emu: Emulator, home: Path, http: aiohttp.ClientSession
) -> None:
    port = free_port()
    env = environment(
        home,
        SPOTIFY_CLIENT_SECRET=DEFAULT_CLIENT_SECRET,
        SPOTIFY_REDIRECT_URI=f"http://127.0.0.1:{port}/callback",
        SPOTIFY_BASE_URL=emu.base_url,
        SPOTIFY_ACCOUNTS_URL=emu.accounts_url,
    )
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    login = await start(["login"], env)  # no display: no browser is tried, the URL is printed
    assert login.stderr is not None
    seen: list[str] = []
    authorize = (await read_until(login.stderr, "/authorize?", seen)).strip()
    await read_until(login.stderr, "paste here", seen)
    assert "code_challenge" not in authorize
    async with (
        http.get(
            authorize, headers={"Cookie": cookie_header(emu)}, allow_redirects=False
        ) as answer,
        http.get(answer.headers["Location"]) as page,
    ):
        assert page.status == 200
    await asyncio.wait_for(login.communicate(), 60)
    assert login.returncode == 0
    assert emu.stats()["tokens"]["authorization_code"] == 1
    saved = json.loads((home / "async-spotify" / "login.json").read_text())
    assert DEFAULT_CLIENT_SECRET not in json.dumps(saved)
    assert saved == {
        "client_id": DEFAULT_CLIENT_ID,
        "redirect_uri": f"http://127.0.0.1:{port}/callback",
        "base_url": emu.base_url,
        "accounts_url": emu.accounts_url,
    }


async def test_login_refuses_a_redirect_uri_it_cannot_serve(home: Path) -> None:
    result = await run(
        "login", "--no-browser", "--redirect-uri", "https://app.example.com/callback",
        env=environment(home),
    )  # fmt: skip
    assert result.status == 1
    line = one_error_line(result.stderr)
    assert "must be a loopback address like http://127.0.0.1:8888/callback" in line
    assert "'https://app.example.com/callback'" in line
    assert not token_file(home).exists()


async def test_login_timeout_is_one_line(emu: Emulator, home: Path) -> None:
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    result = await run(
        "login", "--no-browser", "--timeout", "1", "--redirect-uri", redirect,
        "--base-url", emu.base_url, "--accounts-url", emu.accounts_url,
        env=environment(home),
    )  # fmt: skip
    # Standard input is closed at once: only the browser could answer, and none does.
    assert result.status == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: Nobody came back from the Spotify login within 1 s: the login timed out and "
        f"its server on {redirect} is closed. Run it again"
    )


# -- the other commands, with a token saved as login saves it ------------------------------------


async def test_whoami_json_token_and_logout(logged_in: dict[str, str], home: Path) -> None:
    whoami = await run("whoami", "--json", env=logged_in)
    assert whoami.status == 0, whoami.stderr
    me = json.loads(whoami.stdout)
    assert (me["id"], me["email"]) == ("emulator-user", "emulator-user@emulator.invalid")

    token = await FileTokenStore(token_file(home)).load()
    assert token is not None and token.access_token and token.refresh_token
    shown = await run("token", env=logged_in)
    assert shown.status == 0
    rows = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in shown.stdout.splitlines())
    assert rows["client id"] == DEFAULT_CLIENT_ID
    assert rows["access token"] == f"****{token.access_token[-4:]}"
    assert rows["refresh token"] == f"****{token.refresh_token[-4:]}"
    assert set(rows["scopes"].split()) == token.scopes
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in 5\d min\)", rows["expires"])
    assert rows["file"] == str(token_file(home))

    out = await run("logout", env=logged_in)
    assert out.stdout == f"Logged out: deleted {token_file(home)}\n"
    assert not token_file(home).exists()
    assert not token_file(home).with_name(token_file(home).name + ".lock").exists()
    again = await run("logout", env=logged_in)
    assert (again.status, again.stdout) == (
        0,
        f"Not logged in with client id {DEFAULT_CLIENT_ID}: nothing to delete\n",
    )
    after = await run("whoami", env=logged_in)
    assert after.status == 1
    assert one_error_line(after.stderr) == (
        f"error: Not logged in with client id {DEFAULT_CLIENT_ID}: run `async-spotify login` first"
    )


def token_rows(stdout: str) -> dict[str, str]:
    return dict(re.split(r"\s{2,}", line, maxsplit=1) for line in stdout.splitlines())


async def test_token_says_when_it_expired_and_what_happens_next(
    logged_in: dict[str, str], home: Path
) -> None:
    store = FileTokenStore(token_file(home))
    saved = await store.load()
    assert saved is not None and saved.activation_time is not None and saved.refresh_token
    saved.activation_time -= 3 * 3600  # two hours past its expiry
    token_file(home).unlink()
    await store.save(saved)
    expired = await run("token", env=logged_in)
    assert expired.status == 0, expired.stderr
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(expired 2 h \d+ min ago; renewed on next use\)",
        token_rows(expired.stdout)["expires"],
    )
    # A token saved without a refresh token or an issue time: nothing to say about its expiry.
    token_file(home).unlink()
    bare = SpotifyAuthorisationToken(access_token="an-access-token-without-a-refresh-token")
    await store.save(bare)
    shown = await run("token", env=logged_in)
    rows = token_rows(shown.stdout)
    assert (rows["access token"], rows["refresh token"]) == ("****oken", "(none)")
    assert "issued" not in rows and "expires" not in rows
    assert "an-access-token" not in shown.stdout


async def test_debug_shows_the_traceback_and_the_requests(logged_in: dict[str, str]) -> None:
    quiet = await run("export", "playlist", "not-an-id", env=logged_in)
    assert quiet.status == 1
    assert one_error_line(quiet.stderr) == (
        "error: 'not-an-id' is not a Spotify id: 9 characters, expected 22 base62 characters"
    )
    loud = await run("whoami", "--debug", env=logged_in)
    assert loud.status == 0
    assert re.search(r"^debug: async_spotify\S*: GET /v1/me -> 200", loud.stderr, re.MULTILINE)
    failing = await run("export", "playlist", "not-an-id", "--debug", env=logged_in)
    assert failing.status == 1
    assert "Traceback (most recent call last)" in failing.stderr
    assert "InvalidRequestError" in failing.stderr  # an InvalidInputError Spotify would refuse


async def test_unreachable_service_and_unknown_playlist_are_one_line(
    emu: Emulator, logged_in: dict[str, str]
) -> None:
    down = await run("whoami", "--base-url", f"http://127.0.0.1:{free_port()}/v1", env=logged_in)
    assert down.status == 1
    assert one_error_line(down.stderr).startswith("error: GET /v1/me: connection failed")
    missing = await run("export", "playlist", "0" * 22, env=logged_in)
    assert missing.status == 1
    assert "(HTTP 404)" in one_error_line(missing.stderr)
    other = await run("export", "playlist", await _not_owned_playlist(emu), env=logged_in)
    assert other.status == 1
    assert "own and collaborative playlists only" in one_error_line(other.stderr)


async def _not_owned_playlist(emu: Emulator) -> str:
    client = await open_client(emu)
    try:
        page = await client.playlists.current_get_all(limit=50)
    finally:
        await client.close_client()
    return next(p["id"] for p in page["items"] if p and p["owner"]["id"] != emu.user_id)


async def test_an_expired_token_is_renewed_and_saved(
    emu: Emulator, logged_in: dict[str, str], home: Path
) -> None:
    store = FileTokenStore(token_file(home))
    before = await store.load()
    assert before is not None and before.activation_time is not None
    before.activation_time -= 7200  # an hour past its expiry, as the client sees it
    token_file(home).unlink()
    await store.save(before)
    whoami = await run("whoami", env=logged_in)
    assert whoami.status == 0, whoami.stderr
    after = await store.load()
    assert after is not None
    assert emu.stats()["tokens"]["refresh_token"] == 1
    assert after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token  # PKCE refresh tokens rotate


async def test_search_table_and_json(logged_in: dict[str, str]) -> None:
    args = ("search", "planet", "--type", "track", "-t", "artist", "-n", "3")
    table = await run(*args, env=logged_in)
    assert table.status == 0, table.stderr
    listed = await run(
        "search", "planet", "--type", "track", "-t", "artist", "-n", "3", "--json", env=logged_in
    )
    result = json.loads(listed.stdout)
    assert [len(result["tracks"]["items"]), len(result["artists"]["items"])] == [3, 3]
    assert f"Tracks: 3 of {result['tracks']['total']}" in table.stdout
    assert f"Artists: 3 of {result['artists']['total']}" in table.stdout
    for track in result["tracks"]["items"]:
        assert re.search(rf"│ \d │ {re.escape(track['name'])} +│", table.stdout)
        assert track["id"] in table.stdout
    bad = await run("search", "planet", "--type", "podcast", env=logged_in)
    assert bad.status == 2  # a usage error, from the option's choices
    assert "podcast" in bad.stderr


async def test_search_tables_describe_every_other_type(
    emu: Emulator, logged_in: dict[str, str]
) -> None:
    kinds = ["album", "playlist", "show", "episode", "audiobook"]
    args = [option for kind in kinds for option in ("-t", kind)]
    table = await run("search", "planet", *args, "-n", "1", env=logged_in)
    assert table.status == 0, table.stderr
    client = await open_client(emu)
    try:
        result = await client.search.start("planet", kinds, limit=1)
    finally:
        await client.close_client()
    found: dict[str, Any] = dict(result)
    album, playlist, show, episode, book = (found[f"{kind}s"]["items"][0] for kind in kinds)
    minutes, seconds = divmod(episode["duration_ms"] // 1000, 60)
    expected = {
        album["id"]: [album["artists"][0]["name"], album["release_date"]],
        playlist["id"]: [playlist["owner"]["display_name"], f"{playlist['items']['total']} items"],
        show["id"]: [show["publisher"], f"{show['total_episodes']} episodes"],
        episode["id"]: [episode["release_date"], f"{minutes}:{seconds:02d}"],
        book["id"]: [book["authors"][0]["name"], book["publisher"]],
    }
    rows = [line for line in table.stdout.splitlines() if line.startswith("│ 1 ")]
    assert len(rows) == len(kinds)
    for row, (id_, cells) in zip(rows, expected.items(), strict=True):
        assert row.rstrip(" │").endswith(id_)
        assert [cell in row for cell in cells] == [True, True], row


@pytest.mark.parametrize("output", [[], ["--json"]], ids=["table", "json"])
async def test_a_reader_that_goes_away_ends_the_command_quietly(
    logged_in: dict[str, str], output: list[str]
) -> None:
    # `async-spotify search planet | head -0`: the pipe has no reader by the time it prints.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = await asyncio.create_subprocess_exec(
            *COMMAND, "search", "planet", *output, stdout=write_end,
            stderr=asyncio.subprocess.PIPE, env=logged_in,
        )  # fmt: skip
    finally:
        os.close(write_end)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert (process.returncode, stderr.decode()) == (1, "")  # no traceback, no error line


async def test_search_with_only_the_app_secret_uses_a_client_token(
    emu: Emulator, home: Path
) -> None:
    env = environment(home, SPOTIFY_CLIENT_SECRET=DEFAULT_CLIENT_SECRET)
    result = await run(
        "search", "planet", "--json", "--base-url", emu.base_url,
        "--accounts-url", emu.accounts_url, env=env,
    )  # fmt: skip
    assert result.status == 0, result.stderr
    assert json.loads(result.stdout)["tracks"]["items"]
    assert emu.stats()["tokens"]["client_credentials"] == 1


# -- export ------------------------------------------------------------------------------------


async def test_export_playlist_as_json_csv_and_to_stdout(
    emu: Emulator, logged_in: dict[str, str], tmp_path: Path
) -> None:
    playlist = await own_playlist(emu, smallest=101, largest=300)
    total = playlist["items"]["total"]
    as_json = tmp_path / "items.json"
    result = await run("export", "playlist", playlist["uri"], "-o", str(as_json), env=logged_in)
    assert result.status == 0, result.stderr
    items = json.loads(as_json.read_text())  # the format follows the extension
    assert len(items) == total
    assert as_json.stat().st_mode & 0o777 == 0o666 & ~_umask()

    as_csv = tmp_path / "items.csv"
    url = f"https://open.spotify.com/playlist/{playlist['id']}?si=abc"
    result = await run("export", "playlist", url, "-o", str(as_csv), env=logged_in)
    assert result.status == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.read_text(), newline="")))
    assert len(rows) == total
    assert list(rows[0]) == [
        "added_at", "added_by", "type", "name", "by", "album", "duration_ms", "uri",
    ]  # fmt: skip
    first = items[0]["item"]
    assert rows[0]["uri"] == first["uri"] and rows[0]["name"] == first["name"]
    assert rows[0]["by"] == "; ".join(artist["name"] for artist in first["artists"])
    assert [row["uri"] for row in rows] == [item["item"]["uri"] for item in items]

    to_stdout = await run("export", "playlist", playlist["id"], env=logged_in)
    assert to_stdout.stderr == ""
    assert [orjson.loads(line) for line in to_stdout.stdout.splitlines()] == items
    requests = emu.stats()["requests"]
    pages = -(-total // 50)
    assert sum(requests["GET /v1/playlists/{playlist_id}/items"].values()) == 3 * pages


@pytest.mark.parametrize(
    ("kind", "key", "columns"),
    [
        ("shows", "show", ["added_at", "name", "publisher", "total_episodes", "uri"]),
        ("episodes", "episode", ["added_at", "name", "show", "release_date", "duration_ms", "uri"]),
        (
            "audiobooks",
            "audiobook",
            ["added_at", "name", "authors", "narrators", "publisher", "total_chapters", "uri"],
        ),
    ],
)
async def test_export_library(
    emu: Emulator,
    logged_in: dict[str, str],
    tmp_path: Path,
    kind: str,
    key: str,
    columns: list[str],
) -> None:
    client = await open_client(emu)
    try:
        getter = (
            client.audiobooks.get_saved
            if kind == "audiobooks"
            else getattr(client.library, f"get_{kind}")
        )
        expected = await client.fetch_all(await getter(limit=50))
    finally:
        await client.close_client()
    lines = tmp_path / f"{kind}.jsonl"
    result = await run("export", "library", kind, "-o", str(lines), env=logged_in)
    assert result.status == 0, result.stderr
    assert [orjson.loads(line) for line in lines.read_bytes().splitlines()] == expected
    table = await run("export", "library", kind, "--format", "csv", env=logged_in)
    rows = list(csv.DictReader(io.StringIO(table.stdout, newline="")))
    assert list(rows[0]) == columns
    # Saved audiobooks come bare from Spotify (its spec wraps them like the others).
    assert [row["uri"] for row in rows] == [saved.get(key, saved)["uri"] for saved in expected]


async def test_export_playlists(emu: Emulator, logged_in: dict[str, str]) -> None:
    result = await run("export", "playlists", "-f", "csv", env=logged_in)
    assert result.status == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    client = await open_client(emu)
    try:
        expected = await client.fetch_all(await client.playlists.current_get_all(limit=50))
    finally:
        await client.close_client()
    assert [(row["name"], row["owner"], row["items"]) for row in rows] == [
        (p["name"], p["owner"]["id"], str(p["items"]["total"])) for p in expected
    ]


async def test_ctrl_c_leaves_no_half_written_file(
    emu: Emulator, logged_in: dict[str, str], tmp_path: Path
) -> None:
    big = await own_playlist(emu, smallest=10_000, largest=10_000)
    out = tmp_path / "everything.jsonl"
    out.write_text("the previous export\n")
    export = await start(["export", "playlist", big["id"], "-o", str(out), "--debug"], logged_in)
    assert export.stderr is not None
    seen: list[str] = []
    await read_until(export.stderr, "/items -> 200", seen)
    # The first page is in: every later page now hangs, so the export is caught mid-way.
    emu.faults.add(parse_fault_spec("hang=600s:GET /v1/playlists/*/items")[0])
    partial = [name for name in listing(tmp_path) if name.endswith(".part")]
    assert len(partial) == 1 and partial[0].startswith(".everything.jsonl.")
    export.send_signal(signal.SIGINT)
    _, stderr = await asyncio.wait_for(export.communicate(), 60)
    assert export.returncode == 130
    assert stderr.decode().splitlines()[-1] == "error: interrupted"
    assert out.read_text() == "the previous export\n"
    assert listing(tmp_path) == ["config", "everything.jsonl"]


async def on_a_terminal(
    args: list[str], env: dict[str, str], *, stdout_too: bool = False
) -> tuple[int | None, str]:
    """Run the command with standard error (and standard output) on a pseudo-terminal; its
    status and what the terminal showed, without the escape sequences."""
    controller, terminal = os.openpty()
    os.set_blocking(controller, False)
    shown = bytearray()
    loop = asyncio.get_running_loop()

    def readable() -> None:
        with contextlib.suppress(BlockingIOError, OSError):
            shown.extend(os.read(controller, 65536))

    loop.add_reader(controller, readable)
    try:
        env = {**env, "TERM": "xterm-256color", "COLUMNS": "120"}
        process = await asyncio.create_subprocess_exec(
            *COMMAND,
            *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=terminal if stdout_too else asyncio.subprocess.DEVNULL,
            stderr=terminal,
            env=env,
        )
        os.close(terminal)
        await asyncio.wait_for(process.wait(), 60)
        readable()
    finally:
        loop.remove_reader(controller)
        os.close(controller)
    return process.returncode, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode(errors="replace"))


async def test_the_progress_bar_shows_on_a_terminal(
    emu: Emulator, logged_in: dict[str, str], tmp_path: Path
) -> None:
    playlist = await own_playlist(emu, smallest=101, largest=300)
    total = playlist["items"]["total"]
    args = ["export", "playlist", playlist["id"], "-o", str(tmp_path / "x.jsonl")]
    status, screen = await on_a_terminal(args, logged_in)
    assert status == 0
    assert f"Exporting playlist {playlist['name']}" in screen
    assert f"{total}/{total} items" in screen
    assert "items/s" in screen and "ETA" in screen
    assert f"Exported {total} items to " in screen


async def test_no_bar_when_the_items_go_to_the_same_terminal(
    emu: Emulator, logged_in: dict[str, str]
) -> None:
    playlist = await own_playlist(emu, smallest=1, largest=30)
    args = ["export", "playlist", playlist["id"]]
    status, screen = await on_a_terminal(args, logged_in, stdout_too=True)
    assert status == 0
    assert "items/s" not in screen and "Exporting" not in screen
    lines = [line for line in screen.splitlines() if line.strip()]
    assert len(lines) == playlist["items"]["total"]
    assert all(line.startswith('{"added_at":') for line in lines)


# -- the command itself ------------------------------------------------------------------------


async def test_the_console_script_and_the_emulator_options(home: Path) -> None:
    script = Path(sys.executable).with_name("async-spotify")
    assert script.exists(), "pip install -e '.[cli]' makes the async-spotify console script"
    process = await asyncio.create_subprocess_exec(
        str(script), "--version", stdout=asyncio.subprocess.PIPE, env=environment(home)
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), 60)
    assert stdout.decode() == "async-spotify 1.0.0\n"
    emulator_help = await run("emulator", "--help", env=environment(home))
    assert emulator_help.status == 0
    for option in ("--port", "--client-id", "--redirect-uri", "--faults", "--latency-ms"):
        assert option in emulator_help.stdout
    wrong = await run("emulator", "--port", "nope", env=environment(home))
    assert wrong.status == 2
    assert "'nope' is not a whole number" in wrong.stderr


async def test_no_client_id_is_one_line(home: Path) -> None:
    env = environment(home)
    del env["SPOTIFY_CLIENT_ID"]
    result = await run("whoami", env=env)
    assert result.status == 1
    assert one_error_line(result.stderr) == (
        "error: No client id: pass --client-id or set SPOTIFY_CLIENT_ID (your app's id on "
        "Spotify's developer dashboard)"
    )


def listing(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
