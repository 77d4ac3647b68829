"""A faithful offline Spotify: the Web API and the Accounts service on a loopback port.

It shares no code with the client in ``async_spotify``: a client bug cannot hide behind an
emulator that agrees with it. Use it as ``async with Emulator() as emu``, as the
``spotify_emulator`` pytest fixture, or as ``python -m async_spotify.emulator``.
"""

from __future__ import annotations

from .app import create_app
from .clock import Clock
from .config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    EmulatorConfig,
)
from .fault_spec import FaultSpecError, parse_fault_spec
from .faults import FAULT_KINDS, FaultInjector, FaultKind, FaultRule
from .scopes import ALL_SCOPES
from .server import Emulator

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
