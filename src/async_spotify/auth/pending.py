"""The authorizations a client started and no redirect has completed yet (RFC 6749 section 10.12).

Every ``build_authorization_url`` issues a ``state`` (drawn when the caller gives none) and, for
PKCE, a code verifier; both are remembered here until the redirect that carries the state comes
back, or for :data:`STATE_LIFETIME` seconds, whichever is first. A redirect whose state was not
issued, was used already or is too old is refused with :class:`StateMismatchError`: it may be
forged (CSRF), so its code is not taken. Several logins may be in flight at once (a web app
serving many users): each keeps its own state and verifier, and building a new URL never
invalidates an earlier one. At most :data:`MAX_PENDING` are kept; past that the oldest is
forgotten, so an app that builds URLs nobody follows cannot grow without bound.

The verifiers are secrets: nothing here shows them in a repr or a message.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from async_spotify.auth.pkce import new_state, same_secret
from async_spotify.spotify_errors import InvalidInputError, StateMismatchError

__all__ = ["MAX_PENDING", "STATE_LIFETIME", "PendingAuthorization", "PendingAuthorizations"]

#: Seconds an issued ``state`` (and its verifier) stays usable: Spotify's codes live minutes.
STATE_LIFETIME = 600.0
#: Authorizations remembered at once; past that the oldest is forgotten.
MAX_PENDING = 256


@dataclass(frozen=True, slots=True)
class PendingAuthorization:
    """One started authorization: its ``state``, its PKCE ``code_verifier`` (None for the
    authorization code flow) and when it was issued (the client's monotonic clock)."""

    state: str
    code_verifier: str | None = field(repr=False)
    issued_at: float


class PendingAuthorizations:
    """Issued states and their verifiers, each usable once, for :data:`STATE_LIFETIME` s."""

    __slots__ = ("_clock", "_lifetime", "_limit", "_pending")

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        lifetime: float = STATE_LIFETIME,
        limit: int = MAX_PENDING,
    ) -> None:
        self._clock = clock
        self._lifetime = lifetime
        self._limit = limit
        self._pending: OrderedDict[str, PendingAuthorization] = OrderedDict()

    def issue(self, state: str | None = None, code_verifier: str | None = None) -> str:
        """Remember a new authorization and return its state (``state``, or a fresh one)."""
        if state is None:
            state = new_state()
        elif not isinstance(state, str) or not state:
            raise InvalidInputError(f"state must be a non-empty str, not {_kind(state)}")
        self._forget_expired()
        self._pending.pop(state, None)
        self._pending[state] = PendingAuthorization(state, code_verifier, self._clock())
        while len(self._pending) > self._limit:
            self._pending.popitem(last=False)
        return state

    def take(self, state: object) -> PendingAuthorization:
        """The authorization ``state`` belongs to, forgotten so it cannot be used twice.

        Raises:
            StateMismatchError: no such state was issued, it was used already, or it expired.
        """
        self._forget_expired()
        if isinstance(state, str) and state:
            for issued, pending in self._pending.items():
                if same_secret(issued, state):
                    del self._pending[issued]
                    return pending
        if not isinstance(state, str) or not state:
            problem = "carries no state"
        else:
            problem = "carries a state this client did not issue"
        raise StateMismatchError(
            f"The redirect {problem} (or it was used already, or is more than "
            f"{self._lifetime / 60:g} minutes old): it may be forged, so its code is not taken. "
            "Send the user through build_authorization_url() again"
        )

    def only(self) -> PendingAuthorization | None:
        """The one pending authorization, if exactly one is pending (else None), forgotten."""
        self._forget_expired()
        if len(self._pending) != 1:
            return None
        return self._pending.popitem()[1]

    def __len__(self) -> int:
        self._forget_expired()
        return len(self._pending)

    def _forget_expired(self) -> None:
        oldest = self._clock() - self._lifetime
        while self._pending:
            first = next(iter(self._pending.values()))
            if first.issued_at > oldest:
                return
            self._pending.popitem(last=False)

    def __repr__(self) -> str:
        return f"PendingAuthorizations(pending={len(self._pending)})"


def _kind(value: object) -> str:
    return repr(value) if value is None or isinstance(value, str) else type(value).__name__
