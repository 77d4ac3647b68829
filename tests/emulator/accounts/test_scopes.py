"""The scopes the emulator knows are the spec's."""

from __future__ import annotations

import yaml

from async_spotify.emulator import (
    ALL_SCOPES,
)
from tests.emulator.platform_app import REPO_ROOT


def test_all_scopes_are_the_specs() -> None:
    spec = yaml.safe_load((REPO_ROOT / "spec" / "openapi.yml").read_text())
    flows = spec["components"]["securitySchemes"]["oauth_2_0"]["flows"]
    assert tuple(flows["authorizationCode"]["scopes"]) == ALL_SCOPES
