"""The documentation site: it builds with ``--strict``, and its API pages show what users look up.

The build is the one ``make docs`` runs (mkdocs-material + mkdocstrings); a broken reference, a
bad docstring or a page missing from the navigation fails it. The client's reference page is
then rendered by headless Chromium, as a reader's browser would, and read back as text.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def chromium() -> str:
    """The system Chromium (Debian's ``chromium``; ``.ci/run`` installs it)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install the chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def rendered_text(page: Path, profile: Path) -> str:
    """The text of ``page`` after Chromium has loaded and rendered it (its DOM, tags removed)."""
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<html" in dom, dom[:500]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_every_page_of_the_navigation_is_built(site: Path) -> None:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("index.html"))
    for expected in (
        "index.html",
        "guides/quickstart/index.html",
        "guides/tokens/index.html",
        "guides/migrating/index.html",
        "guides/paging/index.html",
        "guides/resilience/index.html",
        "testing-offline/index.html",
        "reference/client/index.html",
        "reference/auth/index.html",
        "reference/stores/index.html",
        "reference/endpoints/index.html",
        "reference/errors/index.html",
        "reference/emulator/index.html",
        "reference/cli/index.html",
        "guides/cli/index.html",
        "guides/many-workers/index.html",
        "reference/redis/index.html",
        "emulator-fidelity/index.html",
    ):
        assert expected in pages


def test_the_many_workers_guide_is_the_readmes_section(site: Path) -> None:
    page = (site / "guides" / "many-workers" / "index.html").read_text()
    assert "RedisRateLimitGate" in page
    assert "--8<--" not in page  # the snippet was included, not shown


def test_the_client_page_lists_the_seed_methods_with_signatures(site: Path, tmp_path: Path) -> None:
    text = rendered_text(site / "reference" / "client" / "index.html", tmp_path / "profile")
    # Signatures as mkdocstrings renders them (formatted, so a trailing comma may close them):
    # the name, then every parameter with its annotation and default.
    expected = {
        "build_authorization_url": "show_dialog : bool = True , state : str | None = None",
        "get_auth_token_with_code": "code : str",
        "refresh_token": "auth_token : SpotifyAuthorisationToken | None = None",
        "next": "url : str , auth_token : SpotifyAuthorisationToken | None = None",
        "previous": "url : str , auth_token : SpotifyAuthorisationToken | None = None",
    }
    spaced = re.sub(r"\s*([(),:|=\[\]]|->)\s*", r" \1 ", text)
    spaced = " ".join(spaced.split())
    for name, parameters in expected.items():
        signature = rf"{name} \( {re.escape(parameters)} (, )?\)"
        assert re.search(signature, spaced), f"{name}({parameters}) is not on the page"
    # The docstrings came along (reST roles rendered as code, not shown literally).
    assert "The URL to send the user to for consent" in text
    assert ":meth:" not in text
    assert ":class:" not in text


def test_the_endpoint_reference_documents_every_group(site: Path) -> None:
    page = (site / "reference" / "endpoints" / "index.html").read_text()
    for group in (
        "Albums", "Artists", "Audiobooks", "Browse", "Chapters", "Episodes", "Follow",
        "Library", "Markets", "Personalization", "Player", "Playlists", "Search", "Shows",
        "Track", "User",
    ):  # fmt: skip
        assert re.search(rf'id="async_spotify\.endpoints\.\w+\.{group}"', page), group
