"""What the auto-loaded pytest plugin claims in every user's test run: few names, no imports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from async_spotify import SpotifyApiClient
from async_spotify.emulator import pytest_plugin

RESERVED_ALIASES = {"spotify_client"}


def test_every_fixture_is_prefixed_or_a_documented_reserved_name(tmp_path: Path) -> None:
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    ).stdout
    section = listing.split("fixtures defined from async_spotify.emulator.pytest_plugin", 1)[1]
    section = re.split(r"\n-{3,} fixtures defined from ", section, maxsplit=1)[0]
    names = set(re.findall(r"^(\w+) -- ", section, flags=re.MULTILINE))
    assert names == set(pytest_plugin.FIXTURES)
    for name in names:
        assert name.startswith("spotify_emulator") or name in RESERVED_ALIASES, name
        assert f"``{name}``" in (pytest_plugin.__doc__ or ""), f"{name} is not documented"


async def test_the_alias_is_the_same_client(
    spotify_client: SpotifyApiClient, spotify_emulator_client: SpotifyApiClient
) -> None:
    assert spotify_client is spotify_emulator_client
    assert (await spotify_client.user.me())["id"]


def test_loading_the_plugin_imports_neither_the_emulator_nor_aiohttp() -> None:
    program = (
        "import sys, async_spotify.emulator.pytest_plugin\n"
        "heavy = ('aiohttp', 'yarl', 'multidict', 'orjson', 'async_spotify.emulator.', "
        "'async_spotify.client', 'async_spotify.transport')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['async_spotify.emulator.pytest_plugin']"
