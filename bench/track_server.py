"""``python -m bench.track_server [--latency-ms MS]``: serve one track at ``/v1/tracks/{id}``.

The body is the recorded real track of ``spec/recorded`` trimmed to about 4.6 KB and
pretty-printed as api.spotify.com prints it (two-space indent, ``" : "``), with the requested id.
Prints ``listening on http://127.0.0.1:PORT/v1`` and then ``ready``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

from aiohttp import web

RECORDED = (
    Path(__file__).resolve().parent.parent
    / "spec"
    / "recorded"
    / "get-the-users-currently-playing-track__python-spotify.json"
)
TARGET_SIZE = 4600


def track_template() -> str:
    """The track as Spotify would print it, about TARGET_SIZE bytes, with ``{id}`` to fill in."""
    track: dict[str, Any] = json.loads(RECORDED.read_text())["item"]
    markets: list[str] = track["album"]["available_markets"]
    track["id"] = "@ID@"
    while len(_pretty(track)) > TARGET_SIZE and markets:
        markets.pop()
        track["available_markets"] = list(markets)
    return _pretty(track)


def _pretty(value: Any) -> str:
    return json.dumps(value, indent=2, separators=(",", " : "))


def make_app(latency_ms: float) -> web.Application:
    template = track_template()
    head, tail = (part.encode() for part in template.split("@ID@"))

    async def track(request: web.Request) -> web.Response:
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        body = head + request.match_info["id"].encode() + tail
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    app = web.Application()
    app.router.add_get("/v1/tracks/{id}", track)
    return app


async def serve(latency_ms: float) -> None:
    runner = web.AppRunner(make_app(latency_ms), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    print(f"listening on http://{host}:{port}/v1", flush=True)
    print("ready", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    asyncio.run(serve(parser.parse_args().latency_ms))


if __name__ == "__main__":
    main()
