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
    committed = (ROOT / generate_operation_specs.OUTPUT_PATH).read_text(encoding="utf-8")
    assert committed == generate_operation_specs.render(spec), (
        "spec_data.py is stale: run python scripts/generate_operation_specs.py"
    )


def test_generators_are_deterministic(
    generate_types: ModuleType, generate_operation_specs: ModuleType
) -> None:
    """Two runs on two fresh loads of the spec give the same bytes (no set or dict-order leaks)."""
    first, second = generate_types.load_spec(), generate_types.load_spec()
    assert generate_types.render(first) == generate_types.render(second)
    assert generate_operation_specs.render(first) == generate_operation_specs.render(second)


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
