"""``client.login()`` in a real browser: headless Chromium opens the emulator's consent page,
the test clicks "Agree", the login's server receives the code, and the client keeps the token.
(The pasted-URL path, without a browser, is tests/auth/test_login.py and tests/cli.)"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from async_spotify import AuthorizationError, MemoryTokenStore, PKCEFlow, SpotifyApiClient
from async_spotify.emulator import DEFAULT_CLIENT_ID, Emulator
from tests.auth.login_helpers import WatchedOutput
from tests.ports import free_port

SCOPES = ["user-read-private", "user-library-read"]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as emulator:
        yield emulator


class PersonAtTheBrowser:
    """What login() opens the URL with: Chromium, and a person who reads the page and agrees.

    login() calls it in a worker thread, so the blocking WebDriver calls never stop the event
    loop that serves the emulator and the login's callback server.
    """

    def __init__(self, driver: webdriver.Chrome, button: str = "Agree") -> None:
        self.driver = driver
        self.button = button
        self.seen: dict[str, Any] = {}
        self.done = asyncio.get_running_loop().create_future()
        self._loop = asyncio.get_running_loop()

    def __call__(self, url: str) -> bool:
        try:
            self._agree(url)
        except BaseException as error:
            self._loop.call_soon_threadsafe(self.done.set_exception, error)
            raise
        self._loop.call_soon_threadsafe(self.done.set_result, None)
        return True

    def _agree(self, url: str) -> None:
        driver = self.driver
        self.seen["authorize_url"] = url
        driver.get(url)
        self.seen["consent_title"] = driver.title
        self.seen["consent_text"] = driver.find_element(By.TAG_NAME, "body").text
        self.seen["username"] = driver.find_element(By.NAME, "username").get_attribute("value")
        driver.find_element(By.XPATH, f"//button[normalize-space()='{self.button}']").click()
        # The click starts a navigation: the consent page's body may go stale while it is read.
        WebDriverWait(driver, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: "You can close this tab" in d.find_element(By.TAG_NAME, "body").text
        )
        self.seen["callback_url"] = driver.current_url
        self.seen["callback_title"] = driver.title
        self.seen["callback_text"] = driver.find_element(By.TAG_NAME, "body").text


def client_for(emu: Emulator, redirect: str, store: MemoryTokenStore) -> SpotifyApiClient:
    return SpotifyApiClient(
        PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, redirect),
        hold_authentication=True,
        token_store=store,
        base_url=emu.base_url,
        accounts_url=emu.accounts_url,
    )


async def log_in(client: SpotifyApiClient, person: PersonAtTheBrowser) -> Any:
    login = asyncio.ensure_future(client.login(open_browser=person, output=WatchedOutput()))
    # Whichever ends first: a browser step that failed must not leave login() waiting.
    await asyncio.wait({login, person.done}, timeout=120, return_when=asyncio.FIRST_EXCEPTION)
    # login() may end first (the page is served as it learns the outcome): the browser still
    # has to read the page. Generous bounds: a loaded machine is slow, never wrong.
    await asyncio.wait_for(person.done, timeout=120)
    return await asyncio.wait_for(login, timeout=120)


async def test_login_in_headless_chromium_through_the_consent_page(
    emu: Emulator, chromium: webdriver.Chrome
) -> None:
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    store = MemoryTokenStore()
    client = client_for(emu, redirect, store)
    person = PersonAtTheBrowser(chromium)
    token = await log_in(client, person)

    seen = person.seen
    assert seen["consent_title"] == "Authorize - Spotify (emulated)"
    assert f"The app {DEFAULT_CLIENT_ID} asks for access to:" in seen["consent_text"]
    assert "user-read-private" in seen["consent_text"]
    assert "user-library-read" in seen["consent_text"]
    assert seen["username"] == emu.user_id  # a fresh profile: nobody is logged in yet

    callback = urlsplit(seen["callback_url"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == redirect
    sent_state = parse_qs(urlsplit(seen["authorize_url"]).query)["state"]
    assert parse_qs(callback.query)["state"] == sent_state
    assert "code" in parse_qs(callback.query)
    assert seen["callback_title"] == "Logged in"
    assert seen["callback_text"] == (
        "Logged in\nYou are logged in to Spotify. You can close this tab."
    )

    assert token.valid and token.refresh_token
    assert token.scopes == frozenset(SCOPES)
    assert client.spotify_authorization_token == token
    assert await store.load() == token
    assert emu.stats()["tokens"]["pkce"] == 1
    async with client:
        me = await client.user.me()
    assert me["id"] == emu.user_id


async def test_cancel_in_chromium_is_an_authorization_error(
    emu: Emulator, chromium: webdriver.Chrome
) -> None:
    store = MemoryTokenStore()
    client = client_for(emu, f"http://127.0.0.1:{free_port()}/callback", store)
    person = PersonAtTheBrowser(chromium, button="Cancel")
    with pytest.raises(AuthorizationError) as caught:
        await log_in(client, person)
    assert caught.value.error == "access_denied"
    assert person.seen["callback_title"] == "Not logged in"
    assert "access_denied" in person.seen["callback_text"]
    assert await store.load() is None
    assert emu.stats()["tokens"]["pkce"] == 0
