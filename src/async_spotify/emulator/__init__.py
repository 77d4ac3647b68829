"""A faithful offline Spotify: the Web API and the Accounts service on a loopback port.

It shares no code with the client in ``async_spotify``: a client bug cannot hide behind an
emulator that agrees with it. Use it as ``async with Emulator() as emu``, as the
``spotify_emulator`` pytest fixture, or as ``python -m async_spotify.emulator``.

The names below are imported on first use: pytest loads this package's plugin in every session
of every project that installs async-spotify, and that must not cost the emulator's import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accounts.scopes import ALL_SCOPES
    from .app import create_app
    from .config import (
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        DEFAULT_REDIRECT_URI,
        EmulatorConfig,
    )
    from .control.clock import Clock
    from .middleware.fault_spec import FaultSpecError, parse_fault_spec
    from .middleware.faults import FAULT_KINDS, FaultInjector, FaultKind, FaultRule
    from .server import Emulator

_HOMES = {
    "ALL_SCOPES": ".accounts.scopes",
    "DEFAULT_CLIENT_ID": ".config",
    "DEFAULT_CLIENT_SECRET": ".config",
    "DEFAULT_REDIRECT_URI": ".config",
    "FAULT_KINDS": ".middleware.faults",
    "Clock": ".control.clock",
    "Emulator": ".server",
    "EmulatorConfig": ".config",
    "FaultInjector": ".middleware.faults",
    "FaultKind": ".middleware.faults",
    "FaultRule": ".middleware.faults",
    "FaultSpecError": ".middleware.fault_spec",
    "create_app": ".app",
    "parse_fault_spec": ".middleware.fault_spec",
}

__all__ = [
    "ALL_SCOPES",
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "DEFAULT_REDIRECT_URI",
    "FAULT_KINDS",
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "FaultInjector",
    "FaultKind",
    "FaultRule",
    "FaultSpecError",
    "create_app",
    "parse_fault_spec",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
