"""Which scopes a request needs, read from the spec's operations, checked before it is sent.

The spec lists each operation's scopes flat; Spotify uses them in three ways, and the check
follows Spotify, not the flat list:

- most operations need every scope listed;
- some need any one of them: ``playlist-modify-public`` / ``-private`` (either will do), the
  queue's two read scopes;
- some list scopes that only unlock fields or items (``GET /me``'s email and country, a show's
  resume points, another user's private playlists, ``/me/library``'s per-type scopes): any
  token may call them, so nothing is checked.

A token whose grant is unknown (``scope`` None: an old stored token, a client-credentials one)
is never refused here; Spotify decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InsufficientScopeError

__all__ = ["ScopeRule", "check_scopes", "missing_flow_scopes", "rule_for"]

_ANY_OF = frozenset({"get-queue"})
_FIELDS_ONLY = frozenset(
    {
        "get-current-users-profile",
        "get-a-show",
        "get-a-shows-episodes",
        "get-an-episode",
        "get-multiple-episodes",
        "get-list-users-playlists",
        "save-library-items",
        "remove-library-items",
        "check-library-contains",
    }
)
_PLAYLIST_MODIFY = ("playlist-modify-public", "playlist-modify-private")


@dataclass(frozen=True, slots=True)
class ScopeRule:
    """What one operation needs: ``all_of`` every scope, and one of ``any_of`` if not empty."""

    operation_id: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...]


@cache
def _routes() -> dict[str, tuple[re.Pattern[str], tuple[ScopeRule, ...]]]:
    """Per method: one pattern matching every path that needs a scope, and its rules."""
    grouped: dict[str, list[tuple[str, ScopeRule]]] = {}
    for spec in OPERATION_SPECS.values():
        if not spec.scopes or spec.operation_id in _FIELDS_ONLY:
            continue
        if spec.operation_id in _ANY_OF:
            rule = ScopeRule(spec.operation_id, (), spec.scopes)
        else:
            alternatives = tuple(s for s in spec.scopes if s in _PLAYLIST_MODIFY)
            required = tuple(s for s in spec.scopes if s not in _PLAYLIST_MODIFY)
            rule = ScopeRule(spec.operation_id, required, alternatives)
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(spec.path))
        grouped.setdefault(spec.method, []).append((pattern, rule))
    routes = {}
    for method, entries in grouped.items():
        joined = "|".join(f"(?P<r{index}>{pattern})" for index, (pattern, _) in enumerate(entries))
        routes[method] = (re.compile(f"(?:{joined})/?"), tuple(rule for _, rule in entries))
    return routes


def rule_for(method: str, path: str) -> ScopeRule | None:
    """The scope rule of ``method path`` (a path below the API root), None if it needs none."""
    route = _routes().get(method)
    if route is None:
        return None
    pattern, rules = route
    match = pattern.fullmatch(path)
    if match is None or match.lastgroup is None:
        return None
    return rules[int(match.lastgroup[1:])]


def check_scopes(method: str, path: str, token: SpotifyAuthorisationToken) -> None:
    """Raise InsufficientScopeError, naming the scope, if ``token`` cannot call ``method path``."""
    if token.scope is None:
        return
    rule = rule_for(method, path.partition("?")[0])
    if rule is None:
        return
    granted = _granted(token.scope)
    if not granted.issuperset(rule.all_of):
        missing = tuple(scope for scope in rule.all_of if scope not in granted)
        raise InsufficientScopeError(rule.operation_id, missing, any_of=False)
    if rule.any_of and granted.isdisjoint(rule.any_of):
        raise InsufficientScopeError(rule.operation_id, rule.any_of, any_of=True)


@lru_cache(maxsize=64)
def _granted(scope: str) -> frozenset[str]:
    """The scopes of a token's ``scope`` string (checked on every request: parsed once)."""
    return frozenset(scope.split())


def missing_flow_scopes(token: SpotifyAuthorisationToken, wanted: object) -> tuple[str, ...]:
    """The scopes of ``wanted`` (a flow's ``scopes``) that ``token`` was not granted; none when
    the token does not say what it was granted."""
    if token.scope is None or not isinstance(wanted, list | tuple | set | frozenset):
        return ()
    granted = token.scopes
    return tuple(str(scope) for scope in wanted if str(scope) not in granted)
