"""``client.user``: profiles."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of


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

    profile = await recorded_client.user.get_one(reference)

    assert profile == {"id": user_id}
    assert recorder.requests == [("GET", f"/users/{user_id}", {}, None)]


@pytest.mark.parametrize("reference", ["", "a/b", "spotify:artist:0TnOYISbd1XYRBk9myaseg"])
async def test_get_one_refuses_what_is_not_a_user(recorder, recorded_client, reference):
    with pytest.raises(InvalidInputError):
        await recorded_client.user.get_one(reference)

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


async def test_profiles_against_the_emulator(spotify_emulator, spotify_client):
    me = await spotify_client.user.me()
    public = await spotify_client.user.get_one(f"spotify:user:{me['id']}")

    assert me["id"] == spotify_emulator.world.default_user_id
    assert (public["id"], public["display_name"]) == (me["id"], me["display_name"])
    assert "email" not in public
    assert requests_of(spotify_emulator) == {
        "GET /v1/me": {"200": 1},
        "GET /v1/users/{user_id}": {"200": 1},
    }
