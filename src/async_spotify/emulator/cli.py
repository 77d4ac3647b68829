"""``python -m async_spotify.emulator``: serve the emulator until SIGINT or SIGTERM.

The first line printed is ``listening on http://HOST:PORT`` and the second ``cookies {...}``
(the default user's login cookies as JSON), both flushed at once, so a test harness or a shell
script can read where to connect before sending anything.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Sequence

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m async_spotify.emulator",
        description="Serve an offline Spotify (Web API under /v1, Accounts service at the root).",
        epilog=(
            f"--faults grammar: comma-separated {GRAMMAR}; e.g. "
            "'502@0.1,reset@0.05:POST /v1/playlists/*/items,hang=5s@0.01'"
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=0, help="port; 0 picks a free one")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID, help="the app's client ID")
    parser.add_argument(
        "--client-secret",
        default=DEFAULT_CLIENT_SECRET,
        help="the app's client secret (default: the documented test secret)",
    )
    parser.add_argument(
        "--redirect-uri",
        action="append",
        dest="redirect_uris",
        metavar="URI",
        help=f"a registered redirect URI; repeatable (default {DEFAULT_REDIRECT_URI})",
    )
    parser.add_argument("--mode", choices=("extended", "development"), default="extended")
    parser.add_argument("--seed", type=int, default=0, help="seed of the catalog and of faults")
    parser.add_argument("--latency-ms", type=_milliseconds, default=0.0)
    parser.add_argument("--latency-jitter-ms", type=_milliseconds, default=0.0)
    parser.add_argument(
        "--rate-limit",
        type=_positive_int,
        default=None,
        metavar="N",
        help="requests per rolling 30 s window per app (default: no limit)",
    )
    parser.add_argument("--faults", default="", metavar="SPEC", help="faults to inject")
    parser.add_argument("--access-token-ttl", type=_positive_int, default=3600, metavar="S")
    parser.add_argument("--refresh-token-ttl", type=_positive_int, default=183 * 86400, metavar="S")
    parser.add_argument(
        "--rotate-refresh-tokens",
        action="store_true",
        help="rotate non-PKCE refresh tokens too (PKCE ones always rotate)",
    )
    return parser


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
            latency_ms=args.latency_ms,
            latency_jitter_ms=args.latency_jitter_ms,
            faults=faults,
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
    try:
        asyncio.run(serve(config, args.host, args.port))
    except OSError as error:
        print(f"cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0
