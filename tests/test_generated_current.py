"""The committed generated files must be exactly what the generators make of the committed spec.

If one of these fails, run ``python scripts/generate_types.py`` and
``python scripts/generate_operation_specs.py`` and commit the result.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate_types() -> ModuleType:
    return _script("generate_types")


@pytest.fixture(scope="module")
def generate_operation_specs() -> ModuleType:
    return _script("generate_operation_specs")


@pytest.fixture(scope="module")
def spec(generate_types: ModuleType) -> dict[str, Any]:
    loaded: dict[str, Any] = generate_types.load_spec()
    return loaded


def test_types_are_current(generate_types: ModuleType, spec: dict[str, Any]) -> None:
    rendered = generate_types.render(spec)
    assert sorted(str(path) for path in rendered) == [
        "src/async_spotify/types/__init__.py",
        "src/async_spotify/types/objects.py",
    ]
    for relative, text in rendered.items():
        committed = (ROOT / relative).read_text(encoding="utf-8")
        assert committed == text, f"{relative} is stale: run python scripts/generate_types.py"


def test_operation_specs_are_current(
    generate_operation_specs: ModuleType, spec: dict[str, Any]
) -> None:
    rendered = generate_operation_specs.rendered(spec)
    assert sorted(str(path) for path in rendered) == [
        "src/async_spotify/spec_data.py",
        "src/async_spotify/types/parameters.py",
    ]
    for relative, text in rendered.items():
        committed = (ROOT / relative).read_text(encoding="utf-8")
        assert committed == text, (
            f"{relative} is stale: run python scripts/generate_operation_specs.py"
        )


def test_an_enum_without_a_name_stops_the_generator(
    generate_operation_specs: ModuleType, spec: dict[str, Any]
) -> None:
    """Every enum of a parameter becomes a named Literal alias: a new one must be named."""
    edited = copy.deepcopy(spec)
    (include,) = [
        parameter
        for parameter in edited["paths"]["/search"]["get"]["parameters"]
        if parameter.get("name") == "include_external"
    ]
    include["schema"]["enum"] = ["audio", "video"]
    with pytest.raises(SystemExit, match=r"enum \('audio', 'video'\) has no name in ENUM_NAMES"):
        generate_operation_specs.render_parameters(edited)


def test_generators_are_deterministic(
    generate_types: ModuleType, generate_operation_specs: ModuleType
) -> None:
    """Two runs on two fresh loads of the spec give the same bytes (no set or dict-order leaks)."""
    first, second = generate_types.load_spec(), generate_types.load_spec()
    assert generate_types.render(first) == generate_types.render(second)
    assert generate_operation_specs.rendered(first) == generate_operation_specs.rendered(second)


def test_an_override_whose_evidence_is_gone_stops_the_generator(
    generate_operation_specs: ModuleType, spec: dict[str, Any]
) -> None:
    """A limit stated only in prose must not outlive the prose: the generator refuses."""
    edited = copy.deepcopy(spec)
    volume = edited["paths"]["/me/player/volume"]["put"]["parameters"][0]["schema"]
    volume["description"] = "The volume to set."
    with pytest.raises(SystemExit, match="from 0 to 100 inclusive"):
        generate_operation_specs.render(edited)


def test_a_field_that_would_shadow_a_base_field_stops_the_generator(
    generate_types: ModuleType, spec: dict[str, Any]
) -> None:
    """TypedDicts cannot redeclare inherited fields: the generator must notice the spec doing it."""
    edited = copy.deepcopy(spec)
    album = edited["components"]["schemas"]["AlbumObject"]["allOf"][1]["properties"]
    album["name"] = {"type": "integer"}
    with pytest.raises(SystemExit, match=r"AlbumObject redeclares inherited fields \['name'\]"):
        generate_types.render(edited)


def test_the_operation_table_has_exactly_the_operations_of_the_spec(spec: dict[str, Any]) -> None:
    from async_spotify.spec_data import OPERATION_SPECS

    in_spec = {
        operation["operationId"]: (method.upper(), path)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    }
    assert len(in_spec) == 97
    assert {key: (op.method, op.path) for key, op in OPERATION_SPECS.items()} == in_spec
    methods = [op.method for op in OPERATION_SPECS.values()]
    assert (methods.count("GET"), methods.count("PUT")) == (61, 19)
    assert (methods.count("DELETE"), methods.count("POST")) == (10, 7)
    assert sum(op.deprecated for op in OPERATION_SPECS.values()) == 48


def test_the_operation_table_entries() -> None:
    from async_spotify.spec_data import OPERATION_SPECS, ParameterSpec

    album = OPERATION_SPECS["get-an-album"]
    assert (album.summary, album.tags, album.scopes) == ("Get Album", ("Albums",), ())
    assert (album.success_statuses, album.response_type, album.deprecated) == (
        (200,),
        "AlbumObject",
        False,
    )
    add = OPERATION_SPECS["add-items-to-playlist"]
    assert add.scopes == ("playlist-modify-public", "playlist-modify-private")
    assert (add.success_statuses, add.response_type) == ((201,), "PlaylistSnapshotId")
    assert add.request_content_type == "application/json"
    assert add.parameters == (
        ParameterSpec(name="playlist_id", location="path", required=True, type="string"),
        ParameterSpec(name="position", location="query", required=False, type="integer", minimum=0),
        ParameterSpec(
            name="uris",
            location="query",
            required=False,
            type="string",
            is_list=True,
            max_items=100,
        ),
        ParameterSpec(
            name="uris", location="body", required=False, type="string", is_list=True, max_items=100
        ),
        ParameterSpec(name="position", location="body", required=False, type="integer", minimum=0),
    )
    playback = OPERATION_SPECS["get-information-about-the-users-current-playback"]
    assert playback.success_statuses == (200, 204)
    cover = OPERATION_SPECS["upload-custom-playlist-cover"]
    assert (cover.request_content_type, cover.response_type) == ("image/jpeg", None)
    assert cover.scopes == ("ugc-image-upload", "playlist-modify-public", "playlist-modify-private")
    top = OPERATION_SPECS["get-users-top-tracks"].parameters[0]
    assert top == ParameterSpec(
        name="time_range",
        location="query",
        required=False,
        type="string",
        enum=("long_term", "medium_term", "short_term"),
        default="medium_term",
    )
    follows = OPERATION_SPECS["check-if-user-follows-playlist"].parameters[1]
    assert (follows.deprecated, follows.is_list, follows.max_items) == (True, True, 1)


def test_a_key_is_required_only_while_every_recorded_body_has_it(
    generate_types: ModuleType, spec: dict[str, Any]
) -> None:
    """The proof of a Required key is the recorded bodies: one artist without ``uri`` undoes it."""
    generator = generate_types.Generator(spec)
    generator.run()
    generate_types._make_paging_generic(generator)
    presence = generate_types._Presence(generator)
    for _, body, schema in generate_types._recorded_bodies(spec):
        presence.visit(body, schema)
    assert presence.always("ArtistObject", "uri")
    assert presence.always("Paging", "items")  # every recorded page, whatever its item type
    presence.visit({"id": "x", "name": "No uri", "type": "artist"}, "ArtistObject")
    assert not presence.always("ArtistObject", "uri")
    assert presence.always("ArtistObject", "id")
    assert not presence.always("AudiobookObject", "id"), "never recorded: nothing is proven"


def test_a_set_by_method_parameter_that_is_gone_stops_the_generator(
    generate_operation_specs: ModuleType, spec: dict[str, Any]
) -> None:
    edited = copy.deepcopy(spec)
    top = edited["paths"]["/artists/{id}/top-tracks"]["get"]
    top["parameters"] = [  # the market parameter is a $ref to components.parameters.QueryMarket
        p
        for p in top["parameters"]
        if "Market" not in p.get("$ref", "") and p.get("name") != "market"
    ]
    with pytest.raises(SystemExit, match="SET_BY_METHOD"):
        generate_operation_specs.render_parameters(edited)
