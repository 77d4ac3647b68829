"""pytest fixtures for testing apps against the emulator (registered as a ``pytest11`` plugin).

- ``spotify_emulator``: a started :class:`~.server.Emulator`, fresh for each test. Configure it
  with ``@pytest.mark.spotify_emulator(mode="development", rate_limit=10, faults="502@0.1")``;
  the keywords are :class:`~.config.EmulatorConfig`'s (``faults`` also takes the ``--faults``
  string syntax, lists are accepted for tuples).
- ``spotify_emulator_client``: an ``async_spotify.SpotifyApiClient`` for the emulator's app,
  holding a token of the default user with every scope, its session open; closed after the test.
  ``spotify_client`` is the same fixture under its first, shorter name.

**Reserved names.** The plugin is loaded in every pytest run of a project that has the package
installed, so it claims only names under the ``spotify_emulator`` prefix, plus the one alias
``spotify_client``: the fixtures ``spotify_emulator``, ``spotify_emulator_client`` and
``spotify_client``, and the marker ``spotify_emulator``. A project's own fixture of one of these
names wins over the plugin's (pytest prefers conftest fixtures), so nothing breaks; it just hides
ours.

The fixtures are asyncio fixtures: with pytest-asyncio they work in ``strict`` and ``auto``
mode. Loading the plugin imports nothing but pytest (and pytest-asyncio, which pytest has loaded
already): the emulator, aiohttp and the client are imported when a fixture is first used. This
is the one module of the emulator that touches the client, and only inside the client fixture,
so the emulator stays importable and testable on its own.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from async_spotify import SpotifyApiClient

    from .config import EmulatorConfig
    from .server import Emulator

try:
    import pytest_asyncio
except ImportError:  # pragma: no cover - users without pytest-asyncio (anyio, say)
    _async_fixture: Callable[..., Any] = pytest.fixture
else:
    _async_fixture = pytest_asyncio.fixture

MARKER = "spotify_emulator"
#: Every fixture name the plugin registers (see "Reserved names" above).
FIXTURES = ("spotify_emulator", "spotify_emulator_client", "spotify_client")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**config): EmulatorConfig keywords for the spotify_emulator fixture "
        "(mode, seed, rate_limit, faults, latency_ms, client_id, ...)",
    )


def config_from_marker(marker: pytest.Mark | None) -> EmulatorConfig:
    """The :class:`EmulatorConfig` a ``spotify_emulator`` marker asks for."""
    from .config import EmulatorConfig
    from .middleware.fault_spec import FaultSpecError, parse_fault_spec

    if marker is None:
        return EmulatorConfig()
    if marker.args:
        raise pytest.UsageError(
            f"@pytest.mark.{MARKER} takes keywords only (EmulatorConfig fields), "
            f"not {marker.args!r}"
        )
    kwargs = dict(marker.kwargs)
    faults = kwargs.get("faults")
    if isinstance(faults, str):
        try:
            kwargs["faults"] = parse_fault_spec(faults)
        except FaultSpecError as error:
            raise pytest.UsageError(f"@pytest.mark.{MARKER}: faults: {error}") from None
    if isinstance(kwargs.get("catalog"), (str, os.PathLike, dict)):
        kwargs["catalog"] = [kwargs["catalog"]]
    for key in ("faults", "redirect_uris", "catalog"):
        if isinstance(kwargs.get(key), list):
            kwargs[key] = tuple(kwargs[key])
    try:
        return EmulatorConfig(**kwargs)
    except (TypeError, ValueError) as error:
        raise pytest.UsageError(f"@pytest.mark.{MARKER}: {error}") from None


@_async_fixture
async def spotify_emulator(request: pytest.FixtureRequest) -> AsyncIterator[Emulator]:
    """A started emulator on a free loopback port, configured by the test's marker."""
    from .catalog.user_catalog import CatalogError
    from .server import Emulator

    config = config_from_marker(request.node.get_closest_marker(MARKER))
    try:
        emulator = Emulator(config)
    except CatalogError as error:
        raise pytest.UsageError(f"@pytest.mark.{MARKER}: {error}") from None
    async with emulator:
        yield emulator


@_async_fixture
async def spotify_emulator_client(spotify_emulator: Emulator) -> AsyncIterator[SpotifyApiClient]:
    """A client for the emulator's app, authorized as the default user with every scope."""
    from async_spotify import AuthorizationCodeFlow, SpotifyApiClient, SpotifyAuthorisationToken

    from .accounts.scopes import ALL_SCOPES

    emulator = spotify_emulator
    flow = AuthorizationCodeFlow(
        emulator.config.client_id,
        emulator.config.client_secret,
        list(ALL_SCOPES),
        emulator.config.redirect_uris[0],
    )
    token = emulator.issue_user_token()
    client = SpotifyApiClient(
        flow,
        hold_authentication=True,
        spotify_authorisation_token=SpotifyAuthorisationToken(
            token["refresh_token"], int(emulator.clock.now()), token["access_token"]
        ),
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
    )
    await client.create_new_client()
    try:
        yield client
    finally:
        await client.close_client()


@_async_fixture
async def spotify_client(spotify_emulator_client: SpotifyApiClient) -> SpotifyApiClient:
    """``spotify_emulator_client`` under its first name (a reserved alias)."""
    return spotify_emulator_client
