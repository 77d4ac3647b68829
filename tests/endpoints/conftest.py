"""Fixtures for endpoint tests: the recording server of :mod:`tests.endpoints.recording`.

``recorder`` records every request a method sends and answers as scripted; ``recorded_client``
is a client pointed at it. Tests outside this folder import the fixtures from that module.
"""

from tests.endpoints.recording import make_recorded_client, recorded_client, recorder

__all__ = ["make_recorded_client", "recorded_client", "recorder"]
