"""Where each service lives on the emulator's single port."""

from __future__ import annotations

#: The Web API, as ``https://api.spotify.com/v1``.
API_PREFIX = "/v1"
#: The emulator's own controls (stats, clock, faults); never counted, delayed or faulted.
ADMIN_PREFIX = "/_emulator"


def is_api_path(path: str) -> bool:
    return path.startswith("/v1/") or path == API_PREFIX


def is_admin_path(path: str) -> bool:
    return path.startswith("/_emulator/") or path == ADMIN_PREFIX
