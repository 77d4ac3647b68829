"""Query encoding: lists comma-joined, booleans lowercase, None dropped, caller's data untouched."""

from __future__ import annotations

import pytest

from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.query import encode_query


def test_encoding_rules() -> None:
    query = {
        "ids": ["a", "b", "c"],
        "state": True,
        "other": False,
        "market": None,
        "limit": 5,
        "ratio": 0.5,
        "q": "name:x y",
        "tuple": ("x", "y"),
    }
    assert encode_query(query) == {
        "ids": "a,b,c",
        "state": "true",
        "other": "false",
        "limit": "5",
        "ratio": "0.5",
        "q": "name:x y",
        "tuple": "x,y",
    }


def test_callers_mapping_is_not_mutated() -> None:
    query: dict[str, object] = {"ids": ["a", "b"], "flag": True, "gone": None}
    snapshot = {"ids": ["a", "b"], "flag": True, "gone": None}
    encode_query(query)
    assert query == snapshot


def test_empty_and_all_none_give_none() -> None:
    assert encode_query(None) is None
    assert encode_query({}) is None
    assert encode_query({"a": None}) is None


def test_unencodable_value_names_the_parameter() -> None:
    with pytest.raises(InvalidInputError, match=r"'fields'.*dict"):
        encode_query({"fields": {"a": 1}})
