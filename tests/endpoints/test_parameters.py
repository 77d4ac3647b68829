"""Keyword arguments that are not parameters of the operation, and the ``extra_query=`` hatch.

0.4.4 sent whatever it was given: so do we, with an UnknownParameterWarning naming the closest
real parameter, pointing at the caller's line. ``extra_query=`` sends a parameter Spotify added
after our spec, unchecked and without a warning.
"""

from __future__ import annotations

import warnings

import pytest

from async_spotify import InvalidInputError, UnknownParameterWarning

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"


async def test_a_misspelt_keyword_warns_naming_the_closest_parameter_and_is_sent(
    recorder, recorded_client
):
    with pytest.warns(UnknownParameterWarning) as caught:
        await recorded_client.albums.get_one(ALBUM, markt="US")

    assert len(caught) == 1
    message = str(caught[0].message)
    assert "get-an-album has no parameter 'markt'; did you mean 'market'?" in message
    assert "extra_query=" in message
    assert caught[0].filename == __file__, "the warning must point at the caller's line"
    assert recorder.requests == [("GET", f"/albums/{ALBUM}", {"markt": "US"}, None)]


async def test_a_keyword_close_to_nothing_lists_the_parameters(recorder, recorded_client):
    with pytest.warns(UnknownParameterWarning, match=r"its parameters are market, limit, offset"):
        await recorded_client.albums.get_tracks(ALBUM, zzz=1)

    assert recorder.requests == [("GET", f"/albums/{ALBUM}/tracks", {"zzz": "1"}, None)]


async def test_real_parameters_do_not_warn(recorder, recorded_client):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await recorded_client.albums.get_tracks(ALBUM, market="DE", limit=10, offset=20)

    assert recorder.requests == [
        ("GET", f"/albums/{ALBUM}/tracks", {"market": "DE", "limit": "10", "offset": "20"}, None)
    ]


async def test_extra_query_is_sent_unchecked_and_without_a_warning(recorder, recorded_client):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await recorded_client.albums.get_tracks(
            ALBUM, limit=5, extra_query={"new_filter": True, "offset": 2}
        )

    assert recorder.requests == [
        (
            "GET",
            f"/albums/{ALBUM}/tracks",
            {"limit": "5", "new_filter": "true", "offset": "2"},
            None,
        )
    ]


async def test_a_parameter_given_twice_is_refused_before_sending(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="'limit' is given both in extra_query"):
        await recorded_client.albums.get_tracks(ALBUM, limit=5, extra_query={"limit": 6})
    with pytest.raises(InvalidInputError, match="'ids' is set by the method's own argument"):
        await recorded_client.albums.get_several([ALBUM], extra_query={"ids": "x"})
    with pytest.raises(InvalidInputError, match="extra_query must be a mapping"):
        await recorded_client.albums.get_one(ALBUM, extra_query=[("market", "US")])

    assert recorder.requests == []
