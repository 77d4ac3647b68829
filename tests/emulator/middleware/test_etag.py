"""Conditional GETs: ETag and If-None-Match."""

from __future__ import annotations

import aiohttp

from tests.emulator.platform_app import Serve, bearer, call, platform_app


async def test_etag_and_if_none_match(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token(["streaming"]))

    status, body, response = await call(http, "GET", url + "/v1/test/echo", headers=auth)
    etag = response.headers["ETag"]
    assert status == 200
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    assert response.headers["Cache-Control"] == "private, max-age=0"

    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        status, raw, response = await call(
            http, "GET", url + "/v1/test/echo", headers=auth | {"If-None-Match": if_none_match}
        )
        assert (status, raw) == (304, b"")
        assert response.headers["ETag"] == etag

    status, body, response = await call(
        http, "GET", url + "/v1/test/echo", headers=auth | {"If-None-Match": '"stale"'}
    )
    assert status == 200
    assert body["scopes"] == ["streaming"]

    # A different representation has a different ETag.
    other = bearer(services.issue_user_token(["user-top-read"]))
    assert (await call(http, "GET", url + "/v1/test/echo", headers=other))[2].headers[
        "ETag"
    ] != etag


async def test_no_etag_on_errors_writes_or_non_json(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    for method, path in [
        ("GET", "/v1/test/forbidden"),
        ("POST", "/v1/test/write"),
        ("GET", "/v1/test/text"),
    ]:
        response = (await call(http, method, url + path, headers=auth))[2]
        assert "ETag" not in response.headers
        assert "Cache-Control" not in response.headers
