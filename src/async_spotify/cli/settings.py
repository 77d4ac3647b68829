"""What every command needs to know: the app, the services, and where the token lives.

Each setting comes from its flag, else its environment variable (``SPOTIFY_CLIENT_ID``,
``SPOTIFY_CLIENT_SECRET``, ``SPOTIFY_REDIRECT_URI``, ``SPOTIFY_BASE_URL``,
``SPOTIFY_ACCOUNTS_URL``), else what the last ``async-spotify login`` used (``login.json`` in the
config directory: no secret in it), else the default. The token of each client id is its own
file, ``tokens/<client id>.json`` in the platform's config directory (``platformdirs``; on Linux
``~/.config/async-spotify``), readable by its owner only.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import platformdirs

from async_spotify.auth.flows import AuthorizationCodeFlow, AuthorizationFlow, PKCEFlow
from async_spotify.auth.stores import FileTokenStore
from async_spotify.client import SpotifyApiClient
from async_spotify.spotify_errors import InvalidInputError, SpotifyError
from async_spotify.transport.urls import DEFAULT_ACCOUNTS_URL, DEFAULT_BASE_URL

#: Where the login's callback server listens unless told otherwise (register it for your app).
DEFAULT_REDIRECT_URI = "http://127.0.0.1:8888/callback"
#: What ``login`` asks for by default: enough for every command of this CLI.
DEFAULT_SCOPES = (
    "user-read-private",
    "user-read-email",
    "playlist-read-private",
    "playlist-read-collaborative",
    "user-library-read",
)
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


def config_dir() -> Path:
    """The CLI's directory in the platform's per-user config location."""
    return Path(platformdirs.user_config_dir("async-spotify", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one command."""

    #: The app's client id (Spotify's developer dashboard).
    client_id: str
    #: From ``SPOTIFY_CLIENT_SECRET`` only; never saved.
    client_secret: str | None = field(repr=False)
    #: The loopback URI ``login`` listens on.
    redirect_uri: str
    #: The Web API root.
    base_url: str
    #: The Accounts service root.
    accounts_url: str

    @property
    def token_path(self) -> Path:
        """This client id's token file."""
        return config_dir() / "tokens" / f"{self.client_id}.json"

    def flow(self, scopes: list[str] | None = None) -> AuthorizationFlow:
        """PKCE without a client secret; the authorization-code flow with one."""
        if self.client_secret:
            return AuthorizationCodeFlow(
                self.client_id, self.client_secret, scopes, self.redirect_uri
            )
        return PKCEFlow(self.client_id, scopes, self.redirect_uri)

    def client(self, scopes: list[str] | None = None) -> SpotifyApiClient:
        """A client that holds the user's token, kept in this client id's token file."""
        return SpotifyApiClient(
            self.flow(scopes),
            hold_authentication=True,
            token_store=FileTokenStore(self.token_path),
            base_url=self.base_url,
            accounts_url=self.accounts_url,
        )

    def remember(self) -> None:
        """Make these settings (without the secret) the defaults of later commands."""
        fields = {
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "base_url": self.base_url,
            "accounts_url": self.accounts_url,
        }
        _write_atomically(config_dir() / "login.json", orjson.dumps(fields))


def resolve(
    *,
    client_id: str | None,
    redirect_uri: str | None,
    base_url: str | None,
    accounts_url: str | None,
) -> Settings:
    """The settings from the flags (typer has already read their environment variables), then
    the last login's, then the defaults."""
    saved = _saved()
    chosen_id = client_id or _str(saved.get("client_id"))
    if not chosen_id:
        raise SpotifyError(
            "No client id: pass --client-id or set SPOTIFY_CLIENT_ID (your app's id on "
            "Spotify's developer dashboard)"
        )
    if _CLIENT_ID.fullmatch(chosen_id) is None:
        raise InvalidInputError(f"{chosen_id!r} is not a Spotify client id")
    # The last login's services and redirect URI belong to its client id only.
    same_app = _str(saved.get("client_id")) == chosen_id
    return Settings(
        client_id=chosen_id,
        client_secret=os.environ.get("SPOTIFY_CLIENT_SECRET") or None,
        redirect_uri=redirect_uri
        or (same_app and _str(saved.get("redirect_uri")))
        or DEFAULT_REDIRECT_URI,
        base_url=base_url or (same_app and _str(saved.get("base_url"))) or DEFAULT_BASE_URL,
        accounts_url=accounts_url
        or (same_app and _str(saved.get("accounts_url")))
        or DEFAULT_ACCOUNTS_URL,
    )


def _saved() -> dict[str, Any]:
    try:
        data = orjson.loads((config_dir() / "login.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
