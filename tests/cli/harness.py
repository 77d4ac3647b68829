"""Running ``async-spotify`` as a subprocess with its own config directory, as a person would."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from async_spotify import FileTokenStore, SpotifyAuthorisationToken
from async_spotify.emulator import DEFAULT_CLIENT_ID, Emulator

COMMAND = (sys.executable, "-m", "async_spotify.cli")


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str


def environment(config_home: Path, **extra: str) -> dict[str, str]:
    """The environment of a person with a fresh config directory and the emulator's client id."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SPOTIFY_")}
    env.pop("SSH_CONNECTION", None)
    env.update(
        XDG_CONFIG_HOME=str(config_home),
        SPOTIFY_CLIENT_ID=DEFAULT_CLIENT_ID,
        COLUMNS="200",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


async def start(
    args: Sequence[str], env: Mapping[str, str], *, cwd: Path | None = None, stderr: int = -1
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *COMMAND,
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=stderr,
        env=dict(env),
        cwd=cwd,
    )


async def run(
    *args: str, env: Mapping[str, str], cwd: Path | None = None, stdin: bytes = b""
) -> Result:
    process = await start(args, env, cwd=cwd)
    stdout, stderr = await asyncio.wait_for(process.communicate(stdin), timeout=120)
    assert process.returncode is not None
    return Result(process.returncode, stdout.decode(), stderr.decode())


def token_file(config_home: Path) -> Path:
    return config_home / "async-spotify" / "tokens" / f"{DEFAULT_CLIENT_ID}.json"


async def log_in_directly(emulator: Emulator, config_home: Path, env: dict[str, str]) -> None:
    """Save a token as ``async-spotify login`` would, and point the CLI at ``emulator`` through
    the environment (for the tests that are not about logging in)."""
    token = SpotifyAuthorisationToken.from_response(
        emulator.issue_user_token(pkce=True), now=emulator.clock.now()
    )
    await FileTokenStore(token_file(config_home)).save(token)
    env["SPOTIFY_BASE_URL"] = emulator.base_url
    env["SPOTIFY_ACCOUNTS_URL"] = emulator.accounts_url


async def read_until(stream: asyncio.StreamReader, needle: str, seen: list[str]) -> str:
    """Read lines into ``seen`` until one contains ``needle``; that line."""
    while True:
        raw = await asyncio.wait_for(stream.readline(), timeout=60)
        if not raw:
            raise AssertionError(f"{needle!r} never came; read: {''.join(seen)}")
        line = raw.decode()
        seen.append(line)
        if needle in line:
            return line
