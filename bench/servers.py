"""Start a server in another process and learn where it listens.

The benchmarked client's CPU time is measured for its whole process, so the server it talks to
must run in a different one.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@asynccontextmanager
async def server_process(arguments: Sequence[str]) -> AsyncIterator[tuple[str, list[str]]]:
    """Run ``python arguments...``; yield its URL (from ``listening on URL``) and its next line.

    The process is terminated on exit.
    """
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        env=environment,
        cwd=ROOT,
    )
    assert process.stdout is not None
    try:
        first = (await process.stdout.readline()).decode().strip()
        if not first.startswith("listening on "):
            raise RuntimeError(f"{' '.join(arguments)} did not start: {first!r}")
        second = (await process.stdout.readline()).decode().strip()
        yield first.removeprefix("listening on "), [second]
    finally:
        process.terminate()
        await process.wait()
