"""The pytest plugin, run the way users run it: a separate pytest session in a fresh directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

SRC = Path(__file__).resolve().parents[2] / "src"

USER_SUITE = """
import pytest

from async_spotify.emulator import Emulator, FaultRule

pytestmark = pytest.mark.asyncio


async def test_emulator_fixture(spotify_emulator):
    assert isinstance(spotify_emulator, Emulator)
    assert spotify_emulator.url.startswith("http://127.0.0.1:")
    assert spotify_emulator.config.mode == "extended"


@pytest.mark.spotify_emulator(
    mode="development", rate_limit=5, seed=9, faults="503*1:GET /v1/me",
    redirect_uris=["http://127.0.0.1:9000/cb"],
)
async def test_marker_configures_the_emulator(spotify_emulator):
    config = spotify_emulator.config
    assert (config.mode, config.rate_limit, config.seed) == ("development", 5, 9)
    assert config.redirect_uris == ("http://127.0.0.1:9000/cb",)
    assert config.faults == (FaultRule("status", status=503, count=1, route="GET /v1/me"),)


async def test_client_fixture_talks_to_the_emulator(spotify_client, spotify_emulator):
    me = await spotify_client.user.me()
    assert me["id"] == spotify_emulator.user_id
    assert spotify_emulator.stats()["requests"]["GET /v1/me"] == {"200": 1}


@pytest.mark.spotify_emulator(faults=[FaultRule("status", status=502, count=1)])
async def test_client_meets_the_marker_faults(spotify_client, spotify_emulator):
    await spotify_client.user.me()
    assert spotify_emulator.stats()["faults"]["status"] == 1


@pytest.mark.spotify_emulator(mode="sandbox")
async def test_bad_marker(spotify_emulator):
    pass
"""


PLUGINS = ("-p", "pytest_asyncio.plugin", "-p", "async_spotify.emulator.pytest_plugin")


@pytest.fixture(autouse=True)
def only_our_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load exactly pytest-asyncio and our plugin, whether or not the package is installed."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    )


@pytest.mark.parametrize("mode", ["strict", "auto"])
def test_fixtures_and_marker_in_a_users_suite(pytester: pytest.Pytester, mode: str) -> None:
    pytester.makeini(
        f"""
        [pytest]
        asyncio_mode = {mode}
        asyncio_default_fixture_loop_scope = function
        filterwarnings = error
        """
    )
    pytester.makepyfile(test_user_suite=USER_SUITE)
    result = pytester.runpytest_subprocess(*PLUGINS, "-v")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*test_bad_marker*ERROR*",
            "*@pytest.mark.spotify_emulator: mode must be 'extended' or 'development'*",
        ]
    )


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGINS, "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.spotify_emulator(**config): EmulatorConfig*"])


def test_loading_the_plugin_does_not_import_the_emulator() -> None:
    # pytest loads the plugin in every session of every project with async-spotify installed.
    probe = (
        "import sys, async_spotify.emulator.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith('async_spotify.emulator.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert out.strip() == "['async_spotify.emulator.pytest_plugin']"


def test_every_public_name_resolves() -> None:
    import async_spotify.emulator as emulator

    assert dir(emulator) == sorted(emulator.__all__)
    for name in emulator.__all__:
        assert getattr(emulator, name) is not None
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        emulator.Nope  # noqa: B018


BAD_MARKERS = """
import pytest

pytestmark = pytest.mark.asyncio


@pytest.mark.spotify_emulator(faults="502@2")
async def test_bad_fault_string(spotify_emulator):
    pass


@pytest.mark.spotify_emulator(seed="7")
async def test_bad_seed_type(spotify_emulator):
    pass


@pytest.mark.spotify_emulator(catalog={"albums": [{"type": "album", "id": "nope", "name": "x"}]})
async def test_bad_catalog(spotify_emulator):
    pass


@pytest.mark.spotify_emulator("development")
async def test_positional_marker(spotify_emulator):
    pass
"""


def test_bad_marker_values_are_usage_errors(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        asyncio_mode = strict
        asyncio_default_fixture_loop_scope = function
        filterwarnings = error
        """
    )
    pytester.makepyfile(test_bad_markers=BAD_MARKERS)
    result = pytester.runpytest_subprocess(*PLUGINS, "-v")
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines(
        [
            "*UsageError: @pytest.mark.spotify_emulator: faults: fault rule '502@2': chance '2'"
            " is outside 0..1*",
            "*UsageError: @pytest.mark.spotify_emulator: seed must be int, not '7'*",
            # fnmatch: "[[]" is a literal "[".
            "*UsageError: @pytest.mark.spotify_emulator: catalog catalog[[]0]: $.albums[[]0].id:"
            " album id must be 22 base62 characters, not 'nope'*",
            "*UsageError: @pytest.mark.spotify_emulator takes keywords only (EmulatorConfig"
            " fields), not ('development',)*",
        ],
        consecutive=False,
    )
