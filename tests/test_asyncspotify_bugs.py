"""Every bug of AsyncSpotify 0.4.4 (section 6.2 of the compatibility contract) is fixed: one test
per item, named after it, asserting the fixed behaviour end to end.

The recording server (:mod:`tests.endpoints.recording`) shows exactly what was sent; the
emulator shows what Spotify would have done with it. Where a finer test of the same fix lives
elsewhere, the docstring names it and the test here asserts something that one does not.
Item 25 lists names to *preserve*: its test proves they still work.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import time
from collections.abc import AsyncIterator
from typing import Any, get_type_hints

import aiohttp
import pytest

from async_spotify import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    InvalidInputError,
    PKCEFlow,
    RateLimitExceeded,
    RetryPolicy,
    ServerError,
    SpotifyApiClient,
    SpotifyAPIError,
    SpotifyAuthorisationToken,
    SpotifyBaseError,
    SpotifyConnectionError,
    SpotifyCookie,
    SpotifyError,
    TokenRenewClass,
)
from async_spotify.api._endpoints.urls import URLS
from async_spotify.api._response_status import ResponseStatus
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from async_spotify.endpoints import Endpoint, Follow, Playlists
from async_spotify.request_handler import ApiRequestHandler
from async_spotify.types import ImageObject
from tests.endpoints import recording
from tests.endpoints.recording import Recorder
from tests.resilience.harness import (
    client_credentials_flow,
    code_flow,
    grants,
    issued_token,
    pkce_flow,
    served,
    user_client,
)

# the recording server's fixtures (see tests/endpoints/recording.py)
recorder = recording.recorder
recorded_client = recording.recorded_client
make_recorded_client = recording.make_recorded_client

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"
ARTIST = "0TnOYISbd1XYRBk9myaseg"
TRACK = "4iV5W9uYEdYUVa79Axb7Rh"
TRACK_2 = "1301WleyT98MSxVHPZCA6M"
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
DEVICE = "74ASZWbe4lXaubB36ztrGX"


class RecordedSleeps(list[float]):
    """A retry policy's sleep that records the wait and returns at once."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def recording_policy(sleeps: RecordedSleeps) -> RetryPolicy:
    return RetryPolicy(sleep=sleeps, jitter=lambda: 0.5)


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


def catalog_id(emulator: Emulator, kind: str, index: int = 0) -> str:
    encoded: str = emulator.world.catalog.ids.encode(kind, index)
    return encoded


# -- 1. a 429 without Retry-After ------------------------------------------------------------------


async def test_01_429_without_retry_after_is_waited_out_not_a_type_error(
    recorder: Recorder, make_recorded_client
) -> None:
    """Finer: tests/transport/test_handler_answers.py::test_429_with_any_retry_after. Here, through
    an endpoint method: retried after a backoff, and raised with ``retry_after == 0.0`` when the
    policy gives up."""
    sleeps = RecordedSleeps()
    client = await make_recorded_client(retry_policy=recording_policy(sleeps))
    recorder.respond(429, {"error": {"status": 429, "message": "API rate limit exceeded"}})
    recorder.respond(200, {"id": ALBUM})
    assert await client.albums.get_one(ALBUM) == {"id": ALBUM}
    assert recorder.calls == [("GET", f"/albums/{ALBUM}")] * 2
    assert sleeps == [0.25]

    giving_up = await make_recorded_client(retry_policy=RetryPolicy.none())
    recorder.respond(429, None)
    with pytest.raises(RateLimitExceeded) as caught:
        await giving_up.albums.get_one(ALBUM)
    assert caught.value.retry_after == 0.0
    assert caught.value.status == 429


# -- 2. the status of a non-JSON error ---------------------------------------------------------


async def test_02_an_error_without_a_json_body_keeps_its_status_and_headers(
    recorder: Recorder, make_recorded_client
) -> None:
    """Finer: tests/transport/test_handler_answers.py::test_html_5xx_page_keeps_the_status. Here
    through an endpoint method, caught by AsyncSpotify's ``except SpotifyAPIError``."""
    client = await make_recorded_client(retry_policy=RetryPolicy.none())
    recorder.respond(502, b"<html>Bad Gateway</html>", {"X-Edge": "lb-7"})
    with pytest.raises(SpotifyAPIError) as caught:
        await client.albums.get_one(ALBUM)
    assert type(caught.value) is ServerError
    assert caught.value.status == 502
    assert caught.value.get_json() == {
        "error": {"status": 502, "message": f"GET /v1/albums/{ALBUM} answered HTTP 502"}
    }
    assert caught.value.headers["X-Edge"] == "lb-7"


# -- 3. retries, and a 401 renews before it is reported ----------------------------------------


async def test_03_5xx_is_retried_and_a_401_renews_the_token_and_replays(
    recorder: Recorder, make_recorded_client, emulator: Emulator
) -> None:
    """Finer: tests/transport/test_retry.py and tests/resilience/test_token_lifecycle.py. Here: a
    read through a 503 succeeds; a 401 on a held token is not reported as TokenExpired but
    renewed once (refresh token) and replayed, against the emulator."""
    sleeps = RecordedSleeps()
    client = await make_recorded_client(retry_policy=recording_policy(sleeps))
    recorder.respond(503, {"error": {"status": 503, "message": "Service unavailable"}})
    recorder.respond(200, {"id": ALBUM})
    assert await client.albums.get_one(ALBUM) == {"id": ALBUM}
    assert len(recorder.requests) == 2

    token = issued_token(emulator)
    token.access_token = "an-access-token-spotify-no-longer-accepts"
    async with user_client(emulator, RetryPolicy.none(), token) as user:
        me = await user.user.me()
    assert me["id"] == emulator.user_id
    assert token.access_token != "an-access-token-spotify-no-longer-accepts"  # renewed in place
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "GET /v1/me") == {"401": 1, "200": 1}


# -- 4. transfer sends "play" ------------------------------------------------------------------


async def test_04_transfer_sends_play_not_state(recorded_client, recorder: Recorder) -> None:
    """Finer: tests/endpoints/test_player.py::test_transfer_sends_play_and_one_device. Here: the
    AsyncSpotify call form (a one-item list, ``play`` left out) sends ``"play": false``."""
    await recorded_client.player.transfer([DEVICE])
    await recorded_client.player.transfer(DEVICE, play=True)
    assert recorder.requests == [
        ("PUT", "/me/player", {}, {"device_ids": [DEVICE], "play": False}),
        ("PUT", "/me/player", {}, {"device_ids": [DEVICE], "play": True}),
    ]


# -- 5. booleans and None in the query ---------------------------------------------------------


async def test_05_booleans_are_lowercase_and_none_is_left_out(
    recorded_client, recorder: Recorder
) -> None:
    """Finer: tests/transport/test_query.py::test_encoding_rules."""
    await recorded_client.player.shuffle(True, device_id=None)
    await recorded_client.player.shuffle(False)
    await recorded_client.albums.get_tracks(ALBUM, market=None, limit=5, offset=None)
    assert recorder.requests == [
        ("PUT", "/me/player/shuffle", {"state": "true"}, None),
        ("PUT", "/me/player/shuffle", {"state": "false"}, None),
        ("GET", f"/albums/{ALBUM}/tracks", {"limit": "5"}, None),
    ]


# -- 6. get_queue reads the queue --------------------------------------------------------------


async def test_06_get_queue_reads_the_queue_and_get_playback_the_state(
    recorded_client, recorder: Recorder
) -> None:
    """Finer: tests/endpoints/test_player.py::test_get_queue_reads_the_queue. Here: the playback
    state AsyncSpotify's get_queue returned is still one call away."""
    recorder.respond(200, {"currently_playing": None, "queue": []})
    recorder.respond(200, {"is_playing": False})
    assert await recorded_client.player.get_queue() == {"currently_playing": None, "queue": []}
    assert await recorded_client.player.get_playback() == {"is_playing": False}
    assert recorder.calls == [("GET", "/me/player/queue"), ("GET", "/me/player")]


# -- 7. play sends device_id once --------------------------------------------------------------


async def test_07_play_sends_device_id_in_the_query_only(
    recorded_client, recorder: Recorder
) -> None:
    """Finer: tests/endpoints/test_player.py::test_play_sends_device_id_in_the_query_only. Here
    with ``uris`` and an offset as well."""
    await recorded_client.player.play(
        device_id=DEVICE, uris=[f"spotify:track:{TRACK}"], offset={"position": 0}
    )
    assert recorder.requests == [
        (
            "PUT",
            "/me/player/play",
            {"device_id": DEVICE},
            {"uris": [f"spotify:track:{TRACK}"], "offset": {"position": 0}},
        )
    ]


# -- 8. the snapshot_id of playlist edits ------------------------------------------------------


async def test_08_playlist_track_edits_return_the_snapshot_id(
    recorder: Recorder, make_recorded_client
) -> None:
    """AsyncSpotify's add/remove/replace_tracks returned None, dropping Spotify's snapshot_id."""
    client = await make_recorded_client(retry_policy=RetryPolicy.none())  # no read-back first
    uris = [f"spotify:track:{TRACK}"]
    for snapshot in ("after-add", "after-remove", "after-replace"):
        recorder.respond(201 if snapshot == "after-add" else 200, {"snapshot_id": snapshot})
    added = await client.playlists.add_tracks(PLAYLIST, uris)
    removed = await client.playlists.remove_tracks(PLAYLIST, uris)
    replaced = await client.playlists.replace_tracks(PLAYLIST, uris)
    assert (added, removed, replaced) == (
        {"snapshot_id": "after-add"},
        {"snapshot_id": "after-remove"},
        {"snapshot_id": "after-replace"},
    )
    assert recorder.calls == [
        ("POST", f"/playlists/{PLAYLIST}/tracks"),
        ("DELETE", f"/playlists/{PLAYLIST}/tracks"),
        ("PUT", f"/playlists/{PLAYLIST}/tracks"),
    ]


# -- 9. annotations that tell the truth ------------------------------------------------------


async def test_09_annotations_match_what_is_returned(recorded_client, recorder: Recorder) -> None:
    """``check_follow`` and ``get_cover`` are annotated (and return) lists; ``upload_cover`` takes
    bytes or str, not the base64 module; the chokepoint returns {} for an empty answer."""
    assert get_type_hints(Follow.check_follow)["return"] == list[bool]
    assert get_type_hints(Playlists.get_cover)["return"] == list[ImageObject]
    assert get_type_hints(Playlists.upload_cover)["base_64_image"] == bytes | str
    assert get_type_hints(ApiRequestHandler.make_request)["return"] is Any

    recorder.respond(200, [True, False])
    recorder.respond(200, [{"url": "https://i.scdn.co/image/ab67", "height": 640, "width": 640}])
    recorder.respond(204, None)
    follows = await recorded_client.follow.check_follow("artist", [ARTIST, ARTIST])
    assert follows == [True, False]
    cover = await recorded_client.playlists.get_cover(PLAYLIST)
    assert cover == [{"url": "https://i.scdn.co/image/ab67", "height": 640, "width": 640}]
    handler = recorded_client.api_request_handler
    assert await handler.make_request("GET", "/me/player", None, None) == {}


# -- 10. 204 is {} -----------------------------------------------------------------------------


async def test_10_an_empty_answer_is_an_empty_dict(recorded_client, recorder: Recorder) -> None:
    """Finer: tests/endpoints/test_player.py::test_get_current_track. Here: a 200 with an empty
    body too, and a command."""
    recorder.respond(204, None)
    recorder.respond(200, None)
    recorder.respond(204, None)
    assert await recorded_client.player.get_current_track() == {}
    assert await recorded_client.player.get_playback() == {}
    assert await recorded_client.player.pause() == {}


# -- 11. refresh_token ----------------------------------------------------------------------------


async def test_11_refresh_keeps_a_rotated_token_and_expiry_and_never_raises_attribute_error(
    emulator: Emulator,
) -> None:
    """Finer: tests/test_client_auth.py::test_rotated_refresh_token_replaces_the_old_one. Here
    against the emulator: no token and no hold is a SpotifyError that sends nothing; a refresh
    records ``expires_in`` and ``scope``; a PKCE refresh keeps the rotated refresh token."""
    not_holding = SpotifyApiClient(code_flow(emulator), accounts_url=emulator.accounts_url)
    with pytest.raises(SpotifyError, match="needs hold_authentication=True"):
        await not_holding.refresh_token()
    assert served(emulator, "POST /api/token") == {}

    old = issued_token(emulator, pkce=True)
    old.expires_in = old.scope = None
    old_refresh_token = old.refresh_token
    async with user_client(emulator, RetryPolicy.none(), old, flow=pkce_flow(emulator)) as client:
        fresh = await client.refresh_token()
        held = client.spotify_authorization_token
    assert fresh.expires_in == 3600
    assert fresh.scopes == frozenset(emulator.issue_user_token()["scope"].split())
    assert fresh.refresh_token not in (None, old_refresh_token)
    assert held.refresh_token == fresh.refresh_token
    assert held.expires_in == 3600


# -- 12. TokenRenewClass with client credentials ----------------------------------------------


async def test_12_token_renew_class_works_with_client_credentials(emulator: Emulator) -> None:
    """AsyncSpotify's hook always refreshed, which the client-credentials flow cannot."""
    bogus = SpotifyAuthorisationToken(
        None, int(emulator.clock.now()), "not-a-token", expires_in=3600
    )
    client = SpotifyApiClient(
        client_credentials_flow(emulator),
        hold_authentication=True,
        spotify_authorisation_token=bogus,
        token_renew_instance=TokenRenewClass(),
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
    )
    album_id = catalog_id(emulator, "album")
    async with client:
        album = await client.albums.get_one(album_id)
    assert album["id"] == album_id
    assert grants(emulator) == {"client_credentials": 1}
    assert served(emulator, "GET /v1/albums/{id}") == {"401": 1, "200": 1}
    assert bogus.access_token != "not-a-token"  # the internal token, renewed in place


# -- 13. hold_authentication=False still sends the token the client obtained ---------------------


async def test_13_without_hold_authentication_the_obtained_token_is_sent(
    emulator: Emulator,
) -> None:
    """AsyncSpotify wrote every token it obtained into the internal token and sent it; 0.4.4
    programs rely on it (issue 8, item 2). An explicit auth_token= still wins."""
    client = SpotifyApiClient(
        client_credentials_flow(emulator),
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
    )
    async with client:
        token = await client.get_auth_token_with_client_credentials()
        assert token.valid
        assert client.api_request_handler.spotify_authorisation_token == token
        album = await client.albums.get_one(catalog_id(emulator, "album"))
        assert album["id"] == catalog_id(emulator, "album")
        explicit = issued_token(emulator)
        album = await client.albums.get_one(catalog_id(emulator, "album"), explicit)
    assert album["id"] == catalog_id(emulator, "album")
    assert served(emulator, "GET /v1/albums/{id}") == {"200": 2}


# -- 14. expiry ---------------------------------------------------------------------------------


async def test_14_expiry_follows_expires_in_and_a_blank_token_never_raises(
    emulator: Emulator,
) -> None:
    """Finer: tests/auth/test_token.py. Here end to end: a token that says it lives 7200 s is sent
    at 3500 s (AsyncSpotify's fixed 3400 s would have refreshed it); one of 3600 s is refreshed
    first."""
    assert SpotifyAuthorisationToken().is_expired() is True

    long_lived = issued_token(emulator, age=3500)
    long_lived.expires_in = 7200
    async with user_client(emulator, RetryPolicy.none(), long_lived) as client:
        await client.user.me()
    assert grants(emulator) == {}

    standard = issued_token(emulator, age=3500)
    async with user_client(emulator, RetryPolicy.none(), standard) as client:
        await client.user.me()
    assert grants(emulator) == {"refresh_token": 1}
    assert served(emulator, "GET /v1/me") == {"200": 2}


# -- 15. request_limit --------------------------------------------------------------------------


async def test_15_request_limit_bounds_the_connections_of_one_session(
    recorder: Recorder, recorded_client
) -> None:
    """AsyncSpotify opened ceil(limit/500) sessions of ``limit`` connections each."""
    await recorded_client.create_new_client(request_limit=3)
    in_flight = peak = 0
    three_arrived = asyncio.Event()

    async def hold_until_three(request: recording.RecordedRequest) -> tuple[int, Any]:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight == 3:
            three_arrived.set()
        await three_arrived.wait()
        in_flight -= 1
        return 200, {"id": ALBUM}

    recorder.responder = hold_until_three
    await asyncio.gather(*(recorded_client.albums.get_one(ALBUM) for _ in range(9)))
    assert len(recorder.requests) == 9
    assert peak == 3
    assert len(recorded_client.api_request_handler.client_session_list) == 1
    session = recorded_client.api_request_handler.session
    assert session is not None
    assert session.connector is not None
    assert session.connector.limit == 3


# -- 16. the caller's data is never modified ------------------------------------------------------


async def test_16_the_callers_data_is_left_as_it_was(recorded_client, recorder: Recorder) -> None:
    """Finer: tests/endpoints/test_playlists.py::test_reorder_tracks_leaves_the_callers_dict_alone,
    tests/transport/test_query.py::test_callers_mapping_is_not_mutated. Here: every kind of caller
    data one session passes, checked after the calls."""
    positions = {"range_start": 0, "insert_before": 2}
    removal = {"tracks": [{"uri": f"spotify:track:{TRACK}"}], "snapshot_id": "s1"}
    ids = [ALBUM, ALBUM]
    uris = [f"https://open.spotify.com/track/{TRACK}"]
    offset = {"position": 0}
    placeholders = {"playlist_id": PLAYLIST, "market": "DE"}
    recorder.respond(200, {"snapshot_id": "s1"})
    recorder.respond(200, {"snapshot_id": "s2"})
    recorder.respond(200, {"albums": [None, None]})
    await recorded_client.playlists.reorder_tracks(PLAYLIST, positions, snapshot_id="s0")
    await recorded_client.playlists.remove_tracks(PLAYLIST, removal)
    await recorded_client.albums.get_multiple(ids)
    await recorded_client.player.play(uris=uris, offset=offset)
    url, rest = Endpoint._add_url_params(URLS.PLAYLIST.ONE, placeholders)

    assert positions == {"range_start": 0, "insert_before": 2}
    assert removal == {"tracks": [{"uri": f"spotify:track:{TRACK}"}], "snapshot_id": "s1"}
    assert ids == [ALBUM, ALBUM]
    assert uris == [f"https://open.spotify.com/track/{TRACK}"]
    assert offset == {"position": 0}
    assert placeholders == {"playlist_id": PLAYLIST, "market": "DE"}
    assert (url, rest) == (f"https://api.spotify.com/v1/playlists/{PLAYLIST}", {"market": "DE"})
    assert recorder.requests[0].body == {"range_start": 0, "insert_before": 2, "snapshot_id": "s0"}
    assert recorder.requests[-1].body == {
        "uris": [f"spotify:track:{TRACK}"],
        "offset": {"position": 0},
    }


# -- 17. a keyword may not override an argument ------------------------------------------------


async def test_17_a_keyword_cannot_silently_override_an_argument(
    recorded_client, recorder: Recorder
) -> None:
    """Finer: tests/endpoints/test_albums.py (get_multiple refuses ids given again as a keyword).
    Here for ``q`` and ``type`` of search too."""
    with pytest.raises(InvalidInputError, match=r"'ids' is set by the method"):
        await recorded_client.albums.get_multiple([ALBUM], ids="other")
    with pytest.raises(InvalidInputError, match=r"'q' is set by the method.*q='other'"):
        await recorded_client.search.start("queen", ["track"], q="other")
    with pytest.raises(InvalidInputError, match=r"'type' is set by the method"):
        await recorded_client.search.start("queen", ["track"], type="album")
    assert recorder.requests == []


# -- 18. get_code_with_cookie without a server -------------------------------------------------


async def test_18_code_with_cookie_fails_cleanly_when_nothing_answers() -> None:
    """AsyncSpotify swallowed the connection error and then read an unbound variable."""
    with socket.socket() as probe:  # a loopback port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = SpotifyApiClient(
        AuthorizationCodeFlow(
            "app-id", "app-secret", ["user-read-private"], "https://a.example/cb"
        ),
        accounts_url=f"http://127.0.0.1:{port}",
    )
    cookies = SpotifyCookie("sp-t", "sp-dc", "sp-key")
    with pytest.raises(SpotifyConnectionError) as caught:
        await client.get_code_with_cookie(cookies)
    assert isinstance(caught.value, SpotifyBaseError)
    assert caught.value.text == "GET /authorize: connection failed (ClientConnectorError)"
    assert "sp-dc" not in str(caught.value)


# -- 19. no scopes, and show_dialog --------------------------------------------------------------


async def test_19_a_flow_without_scopes_builds_a_url_the_accounts_service_takes(
    emulator: Emulator,
) -> None:
    """Finer: tests/test_client_auth.py::test_authorization_url_without_scopes_has_no_scope. Here
    the emulator's Accounts service serves its consent page for that URL."""
    config = emulator.config
    flow = AuthorizationCodeFlow(
        config.client_id, config.client_secret, None, config.redirect_uris[0]
    )
    client = SpotifyApiClient(flow, accounts_url=emulator.accounts_url)
    url = client.build_authorization_url(show_dialog=False)
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    assert "scope" not in query
    assert query["show_dialog"] == "false"
    assert "show_dialog=true" in client.build_authorization_url()
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        assert response.content_type == "text/html"


# -- 20. ResponseStatus -------------------------------------------------------------------------


def test_20_response_status_classifies_1xx_and_names_308() -> None:
    assert ResponseStatus(100).success is False
    assert ResponseStatus(122).success is False
    assert ResponseStatus(122).message == "Unknown response code"
    assert ResponseStatus(204).success is True
    assert (ResponseStatus(308).moved, ResponseStatus(308).message) == (True, "permanent_redirect")
    assert ResponseStatus(429).message == "too_many_requests"


# -- 21. AuthorizationFlow.valid is a property ----------------------------------------------------


def test_21_valid_is_an_abstract_property_everywhere() -> None:
    assert isinstance(inspect.getattr_static(AuthorizationFlow, "valid"), property)
    assert "valid" in AuthorizationFlow.__abstractmethods__

    class Incomplete(AuthorizationFlow):
        fields = ("application_id",)

    with pytest.raises(TypeError, match="valid"):
        Incomplete()  # type: ignore[abstract]
    flows = [
        AuthorizationCodeFlow("id", "secret", [], "https://a.example/cb"),
        PKCEFlow("id", [], "https://a.example/cb"),
        ClientCredentialsFlow("id", None),
    ]
    assert [flow.valid for flow in flows] == [True, True, False]


# -- 22. the client-credentials error message --------------------------------------------------


async def test_22_wrong_flow_for_client_credentials_says_so(emulator: Emulator) -> None:
    """AsyncSpotify said "cannot build an authorization url" here."""
    client = SpotifyApiClient(code_flow(emulator), accounts_url=emulator.accounts_url)
    with pytest.raises(SpotifyError) as caught:
        await client.get_auth_token_with_client_credentials()
    assert caught.value.text == (
        "A client credentials token needs the ClientCredentialsFlow, not AuthorizationCodeFlow"
    )
    assert served(emulator, "POST /api/token") == {}


# -- 23. URLs and parameters of today --------------------------------------------------------------


async def test_23_several_artists_has_no_trailing_slash_and_top_tracks_sends_market(
    recorded_client, recorder: Recorder
) -> None:
    """Finer: tests/endpoints/test_artists.py (get_several, get_top_tracks). Here: the URL
    constants agree with what is sent, and the followed-artists URL is what get_followed_artist
    requests."""
    assert URLS.ARTIST.SEVERAL == "https://api.spotify.com/v1/artists"
    assert URLS.FOLLOW.FOLLOWING_ARTISTS == "https://api.spotify.com/v1/me/following?type=artist"
    recorder.respond(200, {"artists": [None]})
    recorder.respond(200, {"tracks": []})
    recorder.respond(200, {"artists": {"items": [], "next": None}})
    await recorded_client.artists.get_several([ARTIST])
    await recorded_client.artists.get_top_tracks(ARTIST, "US")
    await recorded_client.follow.get_followed_artist()
    assert recorder.requests == [
        ("GET", "/artists", {"ids": ARTIST}, None),
        ("GET", f"/artists/{ARTIST}/top-tracks", {"market": "US"}, None),
        ("GET", "/me/following", {"type": "artist"}, None),
    ]


# -- 24. queueing several tracks --------------------------------------------------------------


async def test_24_queueing_several_stops_at_a_failure_and_says_what_may_be_queued(
    emulator: Emulator,
) -> None:
    """Finer: tests/endpoints/test_player.py::test_add_multiple_tracks_to_queue_says_what_was_queued
    and ::test_add_multiple_tracks_to_queue_checks_every_uri_first. Sequential stays (the queue
    keeps arrival order). Here against the emulator: a POST whose answer is lost after it was
    applied is not resent (no duplicate in the queue), the rest is not sent, and the note says
    the item may or may not be queued."""
    tracks = [f"spotify:track:{catalog_id(emulator, 'track', index)}" for index in (10, 11, 12)]
    async with user_client(emulator, RetryPolicy(), issued_token(emulator)) as client:
        phone = (await client.player.get_devices())["devices"][1]["id"]
        await client.player.play(
            device_id=phone, uris=[f"spotify:track:{catalog_id(emulator, 'track')}"]
        )
        emulator.reset_stats()
        emulator.faults.script([FaultRule("applied_then_failed", route="POST /v1/me/player/queue")])
        with pytest.raises(ServerError) as caught:
            await client.player.add_multiple_tracks_to_queue(tracks)
    assert caught.value.__notes__ == [
        f"add_multiple_tracks_to_queue: queued [] before this error; {tracks[0]!r} may or may "
        f"not have been queued (the answer was lost); not queued: {tracks[1:]!r}"
    ]
    assert served(emulator, "POST /v1/me/player/queue") == {"502": 1}
    assert emulator.world.user(emulator.user_id).player.queue == [("track", 10)]


# -- 25. AsyncSpotify's odd names are kept --------------------------------------------------------


async def test_25_asyncspotifys_odd_names_still_work(recorded_client, recorder: Recorder) -> None:
    from async_spotify.authentification import SpotifyAuthorisationToken as FromAuthentification
    from async_spotify.endpoints.tracks import Track

    assert FromAuthentification is SpotifyAuthorisationToken
    # SpotifyAuthorisationToken ("s"), the spotify_authorisation_token keyword ("s") and the
    # spotify_authorization_token property ("z")
    token = SpotifyAuthorisationToken(None, int(time.time()), "recorder-access-token")
    client = SpotifyApiClient(
        ClientCredentialsFlow("id", "secret"),
        hold_authentication=True,
        spotify_authorisation_token=token,
    )
    assert client.spotify_authorization_token is token
    # show_dialog vs show_dialogue
    assert "show_dialog" in inspect.signature(SpotifyApiClient.build_authorization_url).parameters
    assert (
        "show_dialogue"
        in inspect.signature(SpotifyApiClient.open_oauth_dialog_in_browser).parameters
    )
    # the track attribute holds the Track group of the tracks module
    assert type(recorded_client.track) is Track
    # add_album (singular), episode_ids, *_id_list
    assert "episode_ids" in inspect.signature(recorded_client.episodes.get_multiple).parameters
    assert "album_id_list" in inspect.signature(recorded_client.albums.get_multiple).parameters
    await recorded_client.library.add_album([ALBUM])
    await recorded_client.library.add_shows(["5CfCWKI5pZ28U0uOzXkDHe"])
    assert recorder.calls == [("PUT", "/me/albums"), ("PUT", "/me/shows")]
