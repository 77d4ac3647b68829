"""``python -m async_spotify.emulator``: the command in a subprocess, and its argument checks."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify.emulator import DEFAULT_CLIENT_SECRET
from async_spotify.emulator.cli import build_parser, config_from_args, main

SRC = Path(__file__).resolve().parents[2] / "src"


async def start_command(*args: str) -> asyncio.subprocess.Process:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "async_spotify.emulator",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )


async def read_line(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), timeout=20)
    return line.decode().rstrip("\n")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_serves_prints_where_and_stops_cleanly(
    http: aiohttp.ClientSession, stop_signal: signal.Signals
) -> None:
    process = await start_command(
        "--port", "0", "--client-id", "0123456789abcdef0123456789abcdef",
        "--redirect-uri", "http://127.0.0.1:7777/done", "--faults", "503*1:POST /_nowhere",
        "--rate-limit", "50", "--seed", "3", "--mode", "development",
    )  # fmt: skip
    try:
        listening = await read_line(process)
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))", listening)
        assert match is not None, listening
        url = match.group(1)
        assert int(match.group(2)) > 0
        cookies_line = await read_line(process)
        assert cookies_line.startswith("cookies ")
        cookies = json.loads(cookies_line.removeprefix("cookies "))
        assert set(cookies) == {"sp_t", "sp_dc", "sp_key"}

        params = {
            "client_id": "0123456789abcdef0123456789abcdef",
            "response_type": "code",
            "redirect_uri": "http://127.0.0.1:7777/done",
            "scope": "user-read-private",
            "state": "cli",
        }
        async with http.get(
            url + "/authorize", params=params, cookies=cookies, allow_redirects=False
        ) as response:
            assert response.status == 302
            location = urlsplit(response.headers["Location"])
            assert (location.netloc, location.path) == ("127.0.0.1:7777", "/done")
            assert parse_qs(location.query)["state"] == ["cli"]
        async with http.get(url + "/_emulator/faults") as response:
            rules = (await response.json())["rules"]
            assert [(rule["kind"], rule["status"], rule["route"]) for rule in rules] == [
                ("status", 503, "POST /_nowhere")
            ]
    finally:
        if process.returncode is None:
            process.send_signal(stop_signal)
        code = await asyncio.wait_for(process.wait(), timeout=20)
    assert code == 0


async def test_a_busy_port_is_a_clear_error() -> None:
    blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = blocker.sockets[0].getsockname()[1]
    try:
        process = await start_command("--port", str(port))
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    finally:
        blocker.close()
        await blocker.wait_closed()
    assert process.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in stderr.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "argument --port: '70000' is not a port (0..65535)"),
        (["--port", "http"], "argument --port: 'http' is not a whole number"),
        (["--rate-limit", "0"], "argument --rate-limit: '0' must be at least 1"),
        (["--rate-window", "0s"], "argument --rate-window: '0s' must be a positive duration"),
        (["--rate-window", "soon"], "argument --rate-window: 'soon' is not a duration"),
        (["--latency-ms", "-3"], "argument --latency-ms: '-3' must not be negative"),
        (
            ["--latency-jitter-ms", "nan"],
            "argument --latency-jitter-ms: 'nan' must not be negative",
        ),
        (["--mode", "sandbox"], "argument --mode: invalid choice: 'sandbox'"),
        (["--access-token-ttl", "0"], "argument --access-token-ttl: '0' must be at least 1"),
        (["--client-id", "XYZ"], "client_id must be 32 lowercase hex characters"),
        (["--client-secret", "hunter2"], "client_secret must be 32 lowercase hex characters"),
        (["--redirect-uri", "http://localhost:8888/cb"], "is insecure"),
        (["--faults", "502@2"], "--faults: fault rule '502@2': chance '2' is outside 0..1"),
    ],
)
def test_invalid_arguments_exit_with_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(args)
    assert raised.value.code == 2
    stderr = capsys.readouterr().err
    assert message in stderr
    assert "hunter2" not in stderr


def test_help_documents_the_fault_grammar(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "KIND[=VALUE][+DELAY][@CHANCE][*COUNT][:ROUTE]" in out
    assert "--redirect-uri URI" in out
    assert DEFAULT_CLIENT_SECRET not in out


@pytest.mark.parametrize(("text", "seconds"), [("3s", 3.0), ("2.5", 2.5), ("500ms", 0.5)])
def test_the_rate_window_is_a_duration(text: str, seconds: float) -> None:
    parser = build_parser()
    config = config_from_args(
        parser, parser.parse_args(["--rate-limit", "9", "--rate-window", text])
    )
    assert (config.rate_limit, config.rate_window) == (9, seconds)
