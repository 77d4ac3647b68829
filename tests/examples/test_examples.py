"""Each program in ``examples/`` runs as its reader would, against the emulator.

The programs get only what their docstrings tell a reader to set (credentials and a redirect
URI in the environment, plus ``SPOTIFY_BASE_URL`` / ``SPOTIFY_ACCOUNTS_URL`` pointing them at the
emulator); what they print and write is compared with what the emulator serves.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator
from tests.docs.programs import run_program
from tests.ports import free_port

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def list_dir(path: Path) -> list[Path]:
    return list(path.iterdir())


async def test_export_playlist_csv_writes_every_item_in_order(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator, tmp_path: Path
) -> None:
    playlists = await spotify_client.fetch_all(await spotify_client.playlists.current_get_all())
    # A playlist of several pages, but not the 10,000-item one (seconds of JSON, for no more proof).
    playlist = min(
        (p for p in playlists if p["items"]["total"] > 120), key=lambda p: p["items"]["total"]
    )
    expected = await spotify_client.fetch_all(
        await spotify_client.playlists.get_items(playlist["id"])
    )
    target = tmp_path / "out.csv"
    spotify_emulator.reset_stats()
    done = await run_program(
        [str(EXAMPLES / "export_playlist_csv.py"), playlist["uri"], str(target)],
        spotify_emulator,
        cwd=tmp_path,
        redirect_port=free_port(),
    )
    assert done.returncode == 0, done.stderr
    assert done.logins == 1
    assert done.stdout == f"{len(expected)} items written to {target}\n"
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [row["uri"] for row in rows] == [entry["item"]["uri"] for entry in expected]
    assert [row["added_at"] for row in rows] == [entry["added_at"] for entry in expected]
    assert rows[0]["name"] == expected[0]["item"]["name"]
    # The token is kept for the next run; no temporary file is left behind.
    names = {path.name for path in list_dir(tmp_path)}
    assert {"export-token.json", "out.csv"} <= names
    assert [name for name in names if name.startswith(".out.csv")] == []
    requests = spotify_emulator.stats()["requests"]
    assert requests["GET /v1/playlists/{playlist_id}/items"] == {"200": -(-len(expected) // 50)}


async def test_top_tracks_logs_in_once_then_reuses_the_stored_token(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator, tmp_path: Path
) -> None:
    top = await spotify_client.personalization.get_top_tracks(limit=10, time_range="short_term")
    expected = "".join(
        f"{rank:2}. {track['name']} - {', '.join(a['name'] for a in track['artists'])}\n"
        for rank, track in enumerate(top["items"], start=1)
    )
    port = free_port()
    args = [str(EXAMPLES / "top_tracks.py"), "short_term", "--no-browser"]
    first = await run_program(args, spotify_emulator, cwd=tmp_path, redirect_port=port)
    assert first.returncode == 0, first.stderr
    assert first.logins == 1
    assert first.stdout.endswith(expected)
    assert (tmp_path / "top-tracks-token.json").stat().st_mode & 0o777 == 0o600
    second = await run_program(args, spotify_emulator, cwd=tmp_path, redirect_port=port)
    assert second.returncode == 0, second.stderr
    assert (second.logins, second.stdout) == (0, expected)
    assert spotify_emulator.stats()["tokens"]["pkce"] == 1  # one login, with PKCE


async def test_the_pytest_example_passes_in_a_users_project(
    spotify_emulator: Emulator, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLES / "test_with_the_emulator.py", tmp_path)
    done = await run_program(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "test_with_the_emulator.py"],
        spotify_emulator,
        cwd=tmp_path,
        redirect_port=free_port(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
