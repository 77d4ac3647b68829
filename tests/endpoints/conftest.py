"""Fixtures for endpoint tests.

``recorder`` (:mod:`tests.endpoints.recording`) records every request a method sends and
answers as scripted; ``recorded_client`` is a client pointed at it. ``make_emulator_client``
(:mod:`tests.endpoints.emulated`) builds clients for the emulator of the ``spotify_emulator``
fixture. Tests outside this folder import the fixtures from those modules.
"""

from tests.endpoints.emulated import make_emulator_client
from tests.endpoints.recording import make_recorded_client, recorded_client, recorder

__all__ = ["make_emulator_client", "make_recorded_client", "recorded_client", "recorder"]
