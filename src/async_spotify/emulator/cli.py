"""``python -m async_spotify.emulator``: serve the emulator until SIGINT or SIGTERM.

The first line printed is ``listening on http://HOST:PORT`` and the second ``cookies {...}``
(the default user's login cookies as JSON), both flushed at once, so a test harness or a shell
script can read where to connect before sending anything.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import signal
import sys
from collections.abc import Sequence

from .catalog.user_catalog import CatalogError
from .config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    EmulatorConfig,
)
from .middleware.fault_spec import GRAMMAR, FaultSpecError, parse_fault_spec
from .server import Emulator


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _port(text: str) -> int:
    value = _non_negative_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0..65535)")
    return value


def _milliseconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of milliseconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _seconds(text: str) -> float:
    """``3``, ``3s``, ``2.5s`` or ``500ms``: a positive duration in seconds."""
    number, scale = text, 1.0
    if text.endswith("ms"):
        number, scale = text[:-2], 0.001
    elif text.endswith("s"):
        number = text[:-1]
    try:
        value = float(number) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration (3s, 500ms)") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive duration")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m async_spotify.emulator",
        description="Serve an offline Spotify (Web API under /v1, Accounts service at the root).",
        epilog=(
            f"--faults grammar: comma-separated {GRAMMAR}; e.g. "
            "'502@0.1,reset@0.05:POST /v1/playlists/*/items,hang=5s@0.01'"
        ),
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    add("--port", type=_port, default=0, help="port; 0 picks a free one (default: %(default)s)")
    add("--client-id", default=DEFAULT_CLIENT_ID, help="the app's client ID (default: %(default)s)")
    add(
        "--client-secret",
        default=DEFAULT_CLIENT_SECRET,
        help="the app's client secret (default: the documented test secret)",
    )
    add(
        "--redirect-uri",
        action="append",
        dest="redirect_uris",
        metavar="URI",
        help=f"a registered redirect URI; repeatable (default: {DEFAULT_REDIRECT_URI})",
    )
    add(
        "--mode",
        choices=("extended", "development"),
        default="extended",
        help="the app's quota mode: development applies Spotify's February 2026 restrictions "
        "(default: %(default)s)",
    )
    add(
        "--seed",
        type=int,
        default=0,
        help="seed of the generated catalog, latency jitter and faults (default: %(default)s)",
    )
    add(
        "--catalog",
        action="append",
        default=[],
        metavar="FILE",
        help="a JSON file of saved Spotify answers to serve with their real ids; repeatable "
        "(default: none, only the generated catalog)",
    )
    add(
        "--latency-ms",
        type=_milliseconds,
        default=0.0,
        help="delay added to every request, in ms (default: %(default)s)",
    )
    add(
        "--latency-jitter-ms",
        type=_milliseconds,
        default=0.0,
        help="uniform random extra delay up to this many ms (default: %(default)s)",
    )
    add(
        "--rate-limit",
        type=_positive_int,
        default=None,
        metavar="N",
        help="requests per rolling window per app (default: no limit)",
    )
    add(
        "--rate-window",
        type=_seconds,
        default=30.0,
        metavar="DURATION",
        help="length of the rate-limit window: 30s like Spotify, or 3s for a quick run "
        "(default: 30s)",
    )
    add(
        "--faults",
        default="",
        metavar="SPEC",
        help="faults to inject, grammar below (default: none)",
    )
    add(
        "--access-token-ttl",
        type=_positive_int,
        default=3600,
        metavar="S",
        help="access token lifetime in seconds (default: %(default)s)",
    )
    add(
        "--refresh-token-ttl",
        type=_positive_int,
        default=183 * 86400,
        metavar="S",
        help="refresh tokens die this long after the authorization (default: %(default)s)",
    )
    add(
        "--rotate-refresh-tokens",
        action="store_true",
        help="rotate non-PKCE refresh tokens too; PKCE ones always rotate (default: off)",
    )
    add(
        "--admin-token",
        default=None,
        metavar="TOKEN",
        help="require 'Authorization: Bearer TOKEN' on the /_emulator/* admin routes "
        "(default: none, the routes are open; say one when --host is not loopback)",
    )
    return parser


def is_loopback(host: str) -> bool:
    """Whether ``host`` binds only this machine (``127.0.0.0/8``, ``::1``, ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def config_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> EmulatorConfig:
    """The config the flags describe; any invalid value exits with a usage error."""
    try:
        faults = parse_fault_spec(args.faults)
    except FaultSpecError as error:
        parser.error(f"--faults: {error}")
    try:
        return EmulatorConfig(
            seed=args.seed,
            mode=args.mode,
            client_id=args.client_id,
            client_secret=args.client_secret,
            redirect_uris=tuple(args.redirect_uris or (DEFAULT_REDIRECT_URI,)),
            access_token_ttl=args.access_token_ttl,
            refresh_token_ttl=args.refresh_token_ttl,
            rotate_refresh_tokens=args.rotate_refresh_tokens,
            rate_limit=args.rate_limit,
            rate_window=args.rate_window,
            latency_ms=args.latency_ms,
            latency_jitter_ms=args.latency_jitter_ms,
            faults=faults,
            catalog=tuple(args.catalog),
            admin_token=args.admin_token,
        )
    except ValueError as error:
        parser.error(str(error))


async def serve(config: EmulatorConfig, host: str, port: int) -> None:
    """Run until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with Emulator(config, host=host, port=port) as emulator:
        print(f"listening on {emulator.url}", flush=True)
        print(f"cookies {json.dumps(emulator.cookies)}", flush=True)
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    config = config_from_args(parser, args)
    if not is_loopback(args.host) and config.admin_token is None:
        print(
            f"warning: --host {args.host} is not a loopback address and the admin routes "
            "(/_emulator/*: mint tokens, inject faults, move time) are open to anyone who can "
            "reach it; pass --admin-token TOKEN to require a token",
            file=sys.stderr,
            flush=True,
        )
    try:
        asyncio.run(serve(config, args.host, args.port))
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0
