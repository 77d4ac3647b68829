"""The package's metadata: one version, the MIT license, the commands it installs."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import async_spotify

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_has_one_source() -> None:
    assert importlib.metadata.version("async-spotify") == async_spotify.__version__


def test_the_license_is_mit_in_the_metadata_and_the_file() -> None:
    metadata = importlib.metadata.metadata("async-spotify")
    assert metadata["License-Expression"] == "MIT"
    assert "License :: OSI Approved :: MIT License" in metadata.get_all("Classifier", [])
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")


def test_the_python_versions_are_classified() -> None:
    classifiers = importlib.metadata.metadata("async-spotify").get_all("Classifier", [])
    assert {"Programming Language :: Python :: 3.11", "Typing :: Typed"} <= set(classifiers)


def test_the_emulator_command_is_installed() -> None:
    scripts = importlib.metadata.entry_points(group="console_scripts")
    (emulator,) = [script for script in scripts if script.name == "async-spotify-emulator"]
    assert emulator.value == "async_spotify.emulator.cli:main"
    assert callable(emulator.load())


def test_the_changelog_has_the_release_of_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert f"## [{async_spotify.__version__}]" in changelog
