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
from async_spotify.emulator.catalog.user_catalog import SAMPLE_CATALOG
from async_spotify.emulator.cli import build_parser, config_from_args, is_loopback, main

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
        (["--latency-ms", "slow"], "argument --latency-ms: 'slow' is not a number of milliseconds"),
        (["--port", "-1"], "argument --port: '-1' must not be negative"),
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


def test_latency_options_are_milliseconds() -> None:
    parser = build_parser()
    args = parser.parse_args(["--latency-ms", "12.5", "--latency-jitter-ms", "3"])
    config = config_from_args(parser, args)
    assert (config.latency_ms, config.latency_jitter_ms) == (12.5, 3.0)


def test_help_describes_every_option_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for action in parser._actions:
        if action.dest == "help":
            continue
        assert action.help, f"{action.option_strings} has no help"
        assert "default" in action.help, f"{action.option_strings} does not say its default"
    assert "--catalog FILE" in out and "--admin-token TOKEN" in out
    assert "(default: 127.0.0.1)" in out and "(default: 3600)" in out
    assert "(default: extended)" in out


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("192.0.2.1", False), ("::", False), ("my-host.lan", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(
    ("extra", "warned"), [([], True), (["--admin-token", "an-admin-token-for-tests"], False)]
)
async def test_a_non_loopback_host_warns_that_the_admin_routes_are_open(
    extra: list[str], warned: bool
) -> None:
    # 192.0.2.1 (TEST-NET-1) is never a local address: the bind fails after the warning, so
    # nothing listens beyond loopback.
    process = await start_command("--host", "192.0.2.1", "--port", "0", *extra)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    text = stderr.decode()
    assert process.returncode == 1
    assert "cannot serve on 192.0.2.1:0" in text
    warning = (
        "warning: --host 192.0.2.1 is not a loopback address and the admin routes "
        "(/_emulator/*: mint tokens, inject faults, move time) are open"
    )
    assert (warning in text) is warned
    assert "an-admin-token-for-tests" not in text


async def test_the_command_serves_a_catalog_and_locks_admin_routes(
    http: aiohttp.ClientSession,
) -> None:
    token = "an-admin-token-for-tests"
    process = await start_command(
        "--catalog", str(SAMPLE_CATALOG), "--admin-token", token, "--port", "0"
    )
    try:
        url = (await read_line(process)).removeprefix("listening on ")
        await read_line(process)
        async with http.post(url + "/_emulator/user-token") as response:
            assert response.status == 401
        admin = {"Authorization": f"Bearer {token}"}
        async with http.post(url + "/_emulator/user-token", headers=admin) as response:
            access = (await response.json())["access_token"]
        album_id = "3IqzqH6ShrRtie9Yd2ODyG"  # in the sample: a real album, its real id
        async with http.get(
            f"{url}/v1/albums/{album_id}", headers={"Authorization": f"Bearer {access}"}
        ) as response:
            album = await response.json()
        assert (album["id"], album["name"], album["total_tracks"]) == (album_id, "SINGLARITY", 11)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=20)
    assert process.returncode == 0
