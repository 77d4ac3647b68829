"""The README's "Running on many workers" works as written: its worker program, four at once,
and its web-app recipe, against the emulator and a real redis-server."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import types
from pathlib import Path

import aiohttp
import pytest
import redis.asyncio as aioredis
from aiohttp import web

from async_spotify.emulator import Emulator, EmulatorConfig
from tests.ports import free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def section_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Running on many workers") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"^```python\n(.*?)^```", section, re.S | re.M)


def environment(emulator: Emulator, redis_url: str) -> dict[str, str]:
    return {
        "SPOTIFY_BASE_URL": emulator.base_url,
        "SPOTIFY_ACCOUNTS_URL": emulator.accounts_url,
        "SPOTIFY_CLIENT_ID": emulator.config.client_id,
        "SPOTIFY_CLIENT_SECRET": emulator.config.client_secret,
        "REDIS_URL": redis_url,
    }


async def test_four_workers_share_the_budget_and_the_token(redis_url: str, tmp_path: Path) -> None:
    worker = tmp_path / "worker.py"
    worker.write_text(section_blocks()[0], encoding="utf-8")
    async with Emulator(EmulatorConfig(rate_limit=60, rate_window=3.0)) as emulator:
        env = {**os.environ, **environment(emulator, redis_url)}
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable, str(worker), env=env, stdout=asyncio.subprocess.PIPE
            )
            for _ in range(4)
        ]
        outputs = [(await process.communicate())[0].decode() for process in processes]
        assert [process.returncode for process in processes] == [0] * 4
        assert all(re.fullmatch(r"10 tracks; the app's learned budget: .*\n", o) for o in outputs)
        stats = emulator.stats()
    # one client-credentials token for the four (stored in Redis), one budget
    assert stats["tokens"]["client_credentials"] == 1
    answers = stats["requests"]["GET /v1/tracks/{id}"]
    assert answers["200"] == 4 * 50
    raw = aioredis.Redis.from_url(redis_url)
    try:
        keys = {key.decode() for key in await raw.keys("*")}
    finally:
        await raw.aclose()
    assert "async_spotify:tokens:app:{app}:token" in keys
    assert f"async_spotify:ratelimit:{{{emulator.config.client_id}}}:answered" in keys


async def test_the_web_app_recipe_logs_a_user_in_and_serves_them(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = types.ModuleType("recipe")
    exec(compile(section_blocks()[1], "README.md recipe", "exec"), recipe.__dict__)
    port = free_port()
    async with Emulator(EmulatorConfig()) as emulator:
        for name, value in {
            **environment(emulator, redis_url),
            "SPOTIFY_REDIRECT_URI": f"http://127.0.0.1:{port}/callback",
        }.items():
            monkeypatch.setenv(name, value)
        runner = web.AppRunner(recipe.make_app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        app_url = f"http://127.0.0.1:{port}"
        try:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as browser:
                async with browser.get(app_url + "/", allow_redirects=False) as response:
                    assert (response.status, response.headers["Location"]) == (302, "/login")
                async with browser.get(app_url + "/login", allow_redirects=False) as response:
                    assert response.status == 302
                    authorize = response.headers["Location"]
                assert authorize.startswith(emulator.accounts_url + "/authorize?")
                # the person at the browser is logged in to Spotify (the emulator's cookies)
                cookies = "; ".join(f"{k}={v}" for k, v in emulator.cookies.items())
                async with browser.get(
                    authorize, headers={"Cookie": cookies}, allow_redirects=False
                ) as response:
                    assert response.status in (302, 303)
                    callback = response.headers["Location"]
                assert callback.startswith(app_url + "/callback?code=")
                async with browser.get(callback) as response:  # then on to "/"
                    text = await response.text()
                    assert response.status == 200, text
            assert text.startswith("Hello ")
            assert "; your top artists: " in text
        finally:
            await runner.cleanup()
