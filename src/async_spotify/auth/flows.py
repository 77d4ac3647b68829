"""How an app proves who it is to the Accounts service: the authorization flows.

- :class:`AuthorizationCodeFlow`: a server-side app with a client secret acting for a user.
- :class:`PKCEFlow`: an app that cannot keep a secret (desktop, mobile, CLI) acting for a user;
  proves itself with a per-authorization code verifier instead (RFC 7636).
- :class:`ClientCredentialsFlow`: the app alone, no user (catalog data only).

Each flow is a small record of its settings that can be loaded from environment variables or
Docker secrets named after its fields (``application_id``, ``application_secret``, ``scopes``,
``redirect_url``), as in AsyncSpotify. Secrets are never shown in a repr.

``scopes`` is a list of scope names; one str is taken as space-separated scopes
(``"user-read-private playlist-read-private"``), as the environment variable holds them.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

from async_spotify.auth.pkce import code_challenge, new_code_verifier, new_state
from async_spotify.spotify_errors import InvalidInputError

_SECRET_FIELDS = frozenset({"application_secret"})


def _scope_list(scopes: object) -> list[str] | None:
    """``scopes`` as a list of names: a str is split on whitespace, not into characters."""
    if scopes is None:
        return None
    if isinstance(scopes, str):
        return scopes.split()
    if isinstance(scopes, list | tuple | set | frozenset):
        names = list(scopes)
        for name in names:
            if not isinstance(name, str) or not name or name.split() != [name]:
                raise InvalidInputError(
                    f"scopes must be scope names (str without spaces), not {name!r}"
                )
        return names
    raise InvalidInputError(
        "scopes must be a list of scope names or one space-separated str, not "
        f"{type(scopes).__name__}"
    )


class AuthorizationFlow(ABC):
    """Settings of one way to authorize; a mapping of its public fields.

    ``flow["application_id"]`` reads a field, ``flow["application_id"] = ...`` sets one; any other
    key raises ``KeyError``.
    """

    #: The settings this flow has, in order; env vars and docker secrets use these names.
    fields: ClassVar[tuple[str, ...]]

    application_id: str | None
    redirect_url: str | None
    _scopes: list[str] | None = None

    @property
    def scopes(self) -> list[str] | None:
        """The scopes to ask for (None: none, only public data)."""
        return self._scopes

    @scopes.setter
    def scopes(self, scopes: list[str] | str | None) -> None:
        self._scopes = _scope_list(scopes)

    @property
    @abstractmethod
    def valid(self) -> bool:
        """Whether every required setting is present."""

    def load_from_env(self) -> None:
        """Read each field from the environment variable of the same (lower-case) name."""
        for name in self.fields:
            self._set_loaded(name, os.environ.get(name))

    def load_from_docker_secret(
        self, base_dir: str | os.PathLike[str] = "/var/run/secrets"
    ) -> None:
        """Read each field from the file ``base_dir/<field>``; missing files keep the value."""
        for name in self.fields:
            try:
                value = Path(base_dir, name).read_text(encoding="utf-8").strip()
            except OSError:
                continue
            self._set_loaded(name, value)

    def save_to_env(self) -> None:
        """Write every set field to the environment (lists joined by spaces)."""
        for name in self.fields:
            value = getattr(self, name)
            if value:
                os.environ[name] = " ".join(value) if isinstance(value, list) else str(value)

    def _set_loaded(self, name: str, value: str | None) -> None:
        if not value:
            return
        setattr(self, name, value.split() if name == "scopes" else value)

    def __getitem__(self, key: str) -> Any:
        if key not in self.fields:
            raise KeyError(key)
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self.fields:
            raise KeyError(key)
        setattr(self, key, value)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.fields)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self._shown(name)}" for name in self.fields)
        return f"{type(self).__name__}({shown})"

    def _shown(self, name: str) -> str:
        value = getattr(self, name)
        return "'***'" if name in _SECRET_FIELDS and value else repr(value)


class AuthorizationCodeFlow(AuthorizationFlow):
    """The authorization code flow: an app with a client secret acting for a user."""

    fields = ("application_id", "application_secret", "scopes", "redirect_url")

    def __init__(
        self,
        application_id: str | None = None,
        application_secret: str | None = None,
        scopes: list[str] | str | None = None,
        redirect_url: str | None = None,
    ) -> None:
        self.application_id = application_id
        self.application_secret = application_secret
        self.scopes = scopes
        self.redirect_url = redirect_url

    @property
    def valid(self) -> bool:
        """Client id, secret and redirect URL are set (scopes may be empty)."""
        return bool(self.application_id and self.application_secret and self.redirect_url)


class PKCEFlow(AuthorizationFlow):
    """The authorization code flow with PKCE: no client secret.

    Each call of :meth:`begin` draws a new code verifier and ``state``; the authorization URL
    carries the verifier's S256 challenge, and the token request proves possession of the
    verifier. The verifier is a secret: it never appears in a repr.
    """

    fields = ("application_id", "scopes", "redirect_url")

    def __init__(
        self,
        application_id: str | None = None,
        scopes: list[str] | str | None = None,
        redirect_url: str | None = None,
    ) -> None:
        self.application_id = application_id
        self.scopes = scopes
        self.redirect_url = redirect_url
        self.code_verifier: str = new_code_verifier()
        self.state: str | None = None

    @property
    def valid(self) -> bool:
        """Client id and redirect URL are set."""
        return bool(self.application_id and self.redirect_url)

    @property
    def code_challenge(self) -> str:
        """The S256 challenge of the current verifier."""
        return code_challenge(self.code_verifier)

    def begin(self, state: str | None = None) -> str:
        """Start a new authorization: fresh verifier, and ``state`` (generated when None)."""
        self.code_verifier = new_code_verifier()
        self.state = state if state is not None else new_state()
        return self.state


class ClientCredentialsFlow(AuthorizationFlow):
    """The client credentials flow: the app alone, without a user."""

    fields = ("application_id", "application_secret")

    def __init__(
        self, application_id: str | None = None, application_secret: str | None = None
    ) -> None:
        self.application_id = application_id
        self.application_secret = application_secret
        self.scopes = None
        self.redirect_url = None

    @property
    def valid(self) -> bool:
        """Client id and secret are set."""
        return bool(self.application_id and self.application_secret)
