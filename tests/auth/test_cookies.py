"""SpotifyCookie: validity, loading from a file, values hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from async_spotify import InvalidInputError, SpotifyCookie
from async_spotify.authentification.spotify_cookies import SpotifyCookie as DeepImport


def test_valid_needs_all_three() -> None:
    assert DeepImport is SpotifyCookie
    assert SpotifyCookie("t", "dc", "key").valid
    assert not SpotifyCookie("t", None, "key").valid
    assert not SpotifyCookie().valid
    assert SpotifyCookie("t", "dc", "key") == SpotifyCookie("t", "dc", "key")
    assert SpotifyCookie("t", "dc", "key") != {"sp_t": "t", "sp_dc": "dc", "sp_key": "key"}


def test_load_from_file(tmp_path: Path) -> None:
    path = tmp_path / "cookies.json"
    path.write_text('{"sp_t": "t1", "sp_dc": "dc1", "sp_key": "k1", "other": "x"}')
    cookie = SpotifyCookie()
    cookie.load_from_file(str(path))
    assert cookie == SpotifyCookie("t1", "dc1", "k1")
    assert cookie.as_dict() == {"sp_t": "t1", "sp_dc": "dc1", "sp_key": "k1"}


def test_load_from_file_names_the_missing_key(tmp_path: Path) -> None:
    path = tmp_path / "cookies.json"
    path.write_text('{"sp_t": "t1", "sp_key": "k1"}')
    with pytest.raises(KeyError, match="sp_dc"):
        SpotifyCookie().load_from_file(path)


def test_load_from_file_refuses_a_non_object(tmp_path: Path) -> None:
    path = tmp_path / "cookies.json"
    path.write_text('["sp_t"]')
    with pytest.raises(InvalidInputError, match="JSON object"):
        SpotifyCookie().load_from_file(path)


def test_repr_hides_the_values() -> None:
    text = repr(SpotifyCookie("secret-t", "secret-dc", None))
    assert "secret" not in text
    assert text == "SpotifyCookie(sp_t=***, sp_dc=***, sp_key=None)"
