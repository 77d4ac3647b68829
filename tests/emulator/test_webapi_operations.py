"""The route table is the spec's: the generated operations file is current, every operation has a
handler and a route, and nothing else is routed under /v1."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml
from aiohttp import web

from async_spotify.emulator.control.clock import Clock
from async_spotify.emulator.operations_data import OPERATIONS
from async_spotify.emulator.webapi import HANDLERS, setup_web_api
from async_spotify.emulator.world import World

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    name = "generate_emulator_operations"
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_operations_file_is_current() -> None:
    generated = _generator().render()
    committed = (ROOT / "src" / "async_spotify" / "emulator" / "operations_data.py").read_text()
    assert generated == committed, "run scripts/generate_emulator_operations.py and commit"


def test_the_table_holds_the_specs_97_operations() -> None:
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yml").read_text())
    from_spec = {
        (method.upper(), path, operation["operationId"])
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "delete"}
    }
    assert {(op.method, op.path, op.operation_id) for op in OPERATIONS} == from_spec
    assert len(OPERATIONS) == 97
    assert sum(op.deprecated for op in OPERATIONS) == 48


def test_constraints_are_read_from_the_spec() -> None:
    by_id = {op.operation_id: op for op in OPERATIONS}
    search = {param.name: param for param in by_id["search"].query}
    assert (search["limit"].default, search["limit"].maximum) == (5, 10)
    assert search["offset"].maximum == 1000
    assert search["type"].enum == (
        "album",
        "artist",
        "playlist",
        "track",
        "show",
        "episode",
        "audiobook",
    )
    albums = {param.name: param for param in by_id["get-multiple-albums"].query}
    assert albums["ids"].max_items == 20
    library = {param.name: param for param in by_id["save-library-items"].query}
    assert library["uris"].max_items == 40
    assert by_id["get-users-saved-tracks"].scopes == ("user-library-read",)
    assert by_id["follow-artists-users"].success_status == 204
    assert by_id["upload-custom-playlist-cover"].body is not None
    assert by_id["upload-custom-playlist-cover"].body.content_type == "image/jpeg"


def test_every_operation_has_a_handler_and_a_route() -> None:
    assert set(HANDLERS) == {op.operation_id for op in OPERATIONS}
    app = web.Application()
    setup_web_api(app, World(seed=0, mode="extended", clock=Clock()))
    routes = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None and route.method != "HEAD"
    }
    spec_routes = {(op.method, f"/v1{op.path}") for op in OPERATIONS}
    # Every route also answers with a trailing slash, and the playlist routes also under the
    # pre-2018 owner prefix, as on Spotify (docs/emulator-fidelity.md).
    legacy = {
        (method, f"/v1/users/{{owner_id}}{path[3:]}")
        for method, path in spec_routes
        if path.startswith("/v1/playlists/{playlist_id}")
    }
    assert routes == {
        *spec_routes,
        *legacy,
        *((method, f"{path}/") for method, path in spec_routes | legacy),
    }
