"""A real browser for tests: the system's headless Chromium driven by Selenium.

``.ci/run`` installs the Debian packages ``chromium`` and ``chromium-driver`` when they are
missing; Selenium is pointed at them, so it never downloads a browser or a driver of its own.
Each test gets a fresh profile (no cookies, no cache) in its own temporary directory.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def start_chromium(profile: Path) -> webdriver.Chrome:
    """Headless Chromium with a fresh profile in ``profile``."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    assert not missing, (
        f"{', '.join(missing)} missing: apt-get install chromium chromium-driver (.ci/run does)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))


@pytest.fixture
async def chromium(tmp_path: Path) -> AsyncIterator[webdriver.Chrome]:
    """A started browser (started and stopped in a thread: the event loop keeps serving)."""
    driver = await asyncio.to_thread(start_chromium, tmp_path / "chromium-profile")
    try:
        yield driver
    finally:
        await asyncio.to_thread(driver.quit)
