"""Take docs/img/cli-export.png: ``async-spotify export`` with its progress bar, in tmux.

    python scripts/screenshot_cli_export.py [--output docs/img/cli-export.png]

Starts ``async-spotify emulator`` (with 40 ms of latency, so the bar is caught moving), logs in
with ``async-spotify login --no-browser`` and the emulator's login cookies, runs the export of
the 10,000-item playlist in a detached tmux pane, captures the pane with its colours
(``tmux capture-pane -e``) once the bar is between a quarter and three quarters, renders the
capture with rich (ANSI -> SVG) and has headless Chromium turn the SVG into a PNG.
Needs tmux, chromium and chromium-driver (Debian packages) and selenium (the dev extra).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from rich.console import Console
from rich.text import Text
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "async_spotify.cli"]
SESSION = "async-spotify-export-shot"
WIDTH, HEIGHT = 132, 4


async def log_in(env: dict[str, str], base: str, accounts: str, cookies: dict[str, str]) -> None:
    login = await asyncio.create_subprocess_exec(
        *CLI, "login", "--no-browser", "--base-url", base, "--accounts-url", accounts,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    assert login.stderr is not None
    while True:
        line = (await login.stderr.readline()).decode()
        if "/authorize?" in line:
            url = line.strip()
            break
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    async with aiohttp.ClientSession() as http:
        async with http.get(url, headers={"Cookie": cookie}, allow_redirects=False) as answer:
            location = answer.headers["Location"]
        async with http.get(location):
            pass
    await login.communicate()
    assert login.returncode == 0


async def biggest_playlist(token: str, base: str) -> str:
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as http,
        http.get(f"{base}/me/playlists?limit=50") as answer,
    ):
        playlists = (await answer.json())["items"]
    return str(max(playlists, key=lambda p: p["items"]["total"])["id"])


def capture_mid_export(env: dict[str, str], playlist: str, out: Path) -> str:
    shown_command = f"async-spotify export playlist {playlist} -o everything.jsonl"
    script = Path(sys.executable).with_name("async-spotify")
    command = (
        f"cd {shlex.quote(str(out.parent))} && clear && echo {shlex.quote('$ ' + shown_command)}"
        f" && env XDG_CONFIG_HOME={shlex.quote(env['XDG_CONFIG_HOME'])}"
        f" SPOTIFY_CLIENT_ID={env['SPOTIFY_CLIENT_ID']} {shlex.quote(str(script))} export "
        f"playlist {playlist} -o {shlex.quote(out.name)}; sleep 60"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT),
         command],
        check=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            captured = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", SESSION],
                check=False, capture_output=True, text=True,
            )  # fmt: skip
            if captured.returncode:
                raise SystemExit(f"tmux capture-pane: {captured.stderr.strip()}")
            shown = captured.stdout
            done = re.search(r"(\d+)/10000 items", shown)
            if done and 2500 <= int(done.group(1)) <= 7500:
                return subprocess.run(
                    ["tmux", "capture-pane", "-p", "-e", "-t", SESSION],
                    check=True, capture_output=True, text=True,
                ).stdout  # fmt: skip
            time.sleep(0.1)
        raise SystemExit(f"the export's progress bar never showed up in tmux:\n{shown}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], check=False)


def render_png(ansi: str, output: Path) -> None:
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(Text.from_ansi(ansi.rstrip("\n")))
    svg = console.export_svg(title="async-spotify export")
    width, height = (
        float(n)
        for n in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()  # type: ignore[union-attr]
    )
    with tempfile.TemporaryDirectory() as scratch:
        Path(scratch, "shot.svg").write_text(svg, encoding="utf-8")
        page = Path(scratch, "shot.html")
        page.write_text(
            "<!DOCTYPE html><html><body style='margin:0;background:#fff'>"
            f"<img id='shot' src='shot.svg' width='{width:g}' height='{height:g}'>"
            "</body></html>",
            encoding="utf-8",
        )
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={scratch}/profile",
            f"--window-size={int(width) + 100},{int(height) + 300}",
        ):  # fmt: skip
            options.add_argument(flag)
        driver = webdriver.Chrome(
            options=options, service=Service(executable_path="/usr/bin/chromedriver")
        )
        try:
            driver.get(page.as_uri())
            # The element alone: Chromium's --screenshot paints a short window only in part.
            driver.find_element(By.ID, "shot").screenshot(str(output))
        finally:
            driver.quit()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "img" / "cli-export.png")
    args = parser.parse_args()
    for tool in ("tmux", "chromium", "chromedriver"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed: apt-get install {tool}")
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTIFY_")}
        env.update(
            XDG_CONFIG_HOME=home,
            SPOTIFY_CLIENT_ID="a5e1d0c0ffee4e7d8b1c2d3e4f5a6b7c",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        )
        emulator = await asyncio.create_subprocess_exec(
            *CLI, "emulator", "--port", "0", "--latency-ms", "40",
            stdout=asyncio.subprocess.PIPE, env=env,
        )  # fmt: skip
        try:
            assert emulator.stdout is not None
            accounts = (await emulator.stdout.readline()).decode().split()[-1]
            cookies = json.loads((await emulator.stdout.readline()).decode().split(" ", 1)[1])
            base = f"{accounts}/v1"
            await log_in(env, base, accounts, cookies)
            token_file = Path(home, "async-spotify", "tokens", f"{env['SPOTIFY_CLIENT_ID']}.json")
            token = json.loads(await asyncio.to_thread(token_file.read_bytes))["access_token"]
            playlist = await biggest_playlist(token, base)
            ansi = await asyncio.to_thread(
                capture_mid_export, env, playlist, Path(home, "everything.jsonl")
            )
        finally:
            emulator.terminate()
            await emulator.wait()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    render_png(ansi, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    asyncio.run(main())
