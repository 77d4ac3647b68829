"""Every public name has a docstring: the API reference is generated from them.

"Public" is what a user reaches: the names ``async_spotify`` and ``async_spotify.emulator``
export, the endpoint groups, and their public methods and properties. A reference page with an
undocumented entry would show a bare signature, so a missing docstring fails here, by name.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator

import async_spotify
import async_spotify.emulator
from async_spotify import endpoints

MODULES = ("async_spotify", "async_spotify.emulator", "async_spotify.endpoints")


def public_objects() -> Iterator[tuple[str, object]]:
    """(qualified name, object) for each exported name and each public member of a class."""
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if not (inspect.isclass(value) or inspect.isfunction(value)):
                continue  # constants are documented by the page that lists them
            yield f"{module_name}.{name}", value
            if inspect.isclass(value):
                for member_name, member in vars(value).items():
                    if member_name.startswith("_"):
                        continue
                    routine = inspect.isfunction(member)
                    if routine or isinstance(member, property | staticmethod | classmethod):
                        yield f"{module_name}.{name}.{member_name}", member


def own_docstring(value: object) -> str:
    """The docstring written on ``value`` itself (a property's getter's), or ``""``."""
    if isinstance(value, property):
        value = value.fget
    elif isinstance(value, staticmethod | classmethod):
        value = value.__func__
    return getattr(value, "__doc__", None) or ""


def test_every_public_name_has_a_docstring() -> None:
    names = dict(public_objects())
    assert "async_spotify.SpotifyApiClient.build_authorization_url" in names
    assert "async_spotify.emulator.Emulator" in names
    assert "async_spotify.endpoints.Playlists.add_items" in names
    missing = sorted(
        name for name, value in names.items() if not (own_docstring(value) or "").strip()
    )
    assert missing == []


def test_the_package_exports_are_the_documented_ones() -> None:
    assert set(async_spotify.__all__) <= set(dir(async_spotify))
    assert set(async_spotify.emulator.__all__) <= set(dir(async_spotify.emulator))
    assert set(endpoints.__all__) <= set(dir(endpoints))
