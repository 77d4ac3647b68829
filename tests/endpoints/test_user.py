"""``client.user``: profiles."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError


async def test_me(recorder, recorded_client):
    recorder.respond(200, {"id": "wizzler", "display_name": "Wiz"})

    profile = await recorded_client.user.me()

    assert profile == {"id": "wizzler", "display_name": "Wiz"}
    assert recorder.requests == [("GET", "/me", {}, None)]


@pytest.mark.parametrize(
    ("reference", "user_id"),
    [
        ("wizzler", "wizzler"),
        ("1112264649", "1112264649"),
        ("spotify:user:smedjan", "smedjan"),
        ("https://open.spotify.com/user/jmperezperez?si=x", "jmperezperez"),
    ],
)
async def test_get_one_takes_free_form_user_ids(recorder, recorded_client, reference, user_id):
    recorder.respond(200, {"id": user_id})

    with pytest.warns(DeprecationWarning, match=r"user\.get_one is deprecated"):
        profile = await recorded_client.user.get_one(reference)

    assert profile == {"id": user_id}
    assert recorder.requests == [("GET", f"/users/{user_id}", {}, None)]


@pytest.mark.parametrize("reference", ["", "a/b", "spotify:artist:0TnOYISbd1XYRBk9myaseg"])
async def test_get_one_refuses_what_is_not_a_user(recorder, recorded_client, reference):
    with pytest.raises(InvalidInputError):
        await recorded_client.user.get_one(reference)

    assert recorder.requests == []
