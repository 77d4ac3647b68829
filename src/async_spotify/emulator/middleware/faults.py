"""Fault rules: which requests fail, how, and how often.

A :class:`FaultRule` says what goes wrong (``kind``), for which requests (``route``), with what
probability and at most how many times. The :class:`FaultInjector` holds the active rules plus a
*script* (a queue of faults for the next matching requests, in order) and picks the fault, if
any, for each request. The middleware in :mod:`.fault_middleware` acts it out.

Routes are matched against ``"METHOD /path"`` (no query string):

- ``None``: every Web API request (``/v1/...``); the Accounts service is only hit on purpose.
- ``"POST /v1/playlists/*/items"``: a glob; ``*`` stays inside one path segment, ``**`` crosses
  segments, a method of ``*`` (or none: ``"/v1/me"``) matches every method.
- ``"re:^(PUT|DELETE) /v1/me/.*$"``: a regular expression searched in ``"METHOD /path"``.

Probabilities draw from a ``random.Random`` seeded with the emulator's seed, so a run is
repeatable for a given seed and request order.
"""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal, cast, get_args

FaultKind = Literal[
    "status", "rate_limit", "reset", "hang", "truncated", "invalid_json", "applied_then_failed"
]
FAULT_KINDS: tuple[FaultKind, ...] = get_args(FaultKind)

_DEFAULT_STATUS = {"status": 500, "applied_then_failed": 502}
DEFAULT_HANG_SECONDS = 60.0
DEFAULT_RETRY_AFTER = 1


def _compile_route(route: str) -> re.Pattern[str]:
    text = route.strip()
    if text.startswith("re:"):
        try:
            return re.compile(text[3:])
        except re.error as error:
            raise ValueError(
                f"fault route {route!r}: invalid regular expression: {error}"
            ) from None
    method, _, path = text.rpartition(" ")
    method = method.strip().upper() or "*"
    if not path.startswith("/"):
        raise ValueError(
            f"fault route {route!r}: expected 'METHOD /path-glob', '/path-glob' or 're:REGEX'"
        )
    if method != "*" and not method.isalpha():
        raise ValueError(f"fault route {route!r}: {method!r} is not an HTTP method or '*'")
    pieces = re.split(r"(\*\*|\*)", path)
    pattern = "".join(
        ".*" if piece == "**" else "[^/]*" if piece == "*" else re.escape(piece) for piece in pieces
    )
    method_pattern = "[A-Z]+" if method == "*" else re.escape(method)
    return re.compile(f"^{method_pattern} {pattern}$")


@dataclass(frozen=True)
class FaultRule:
    """One way for requests to fail.

    ``status`` (default 500; 500-599) and ``html`` (a gateway's HTML page instead of Spotify's
    JSON error) apply to ``"status"`` and ``"applied_then_failed"`` (default 502);
    ``retry_after`` (seconds, default 1) to ``"rate_limit"``; ``seconds`` (default 60) to
    ``"hang"``. ``after_ms`` delays any fault. ``count`` caps how often the rule fires (in a
    script it is how many consecutive matching requests the entry answers, default 1).
    """

    kind: FaultKind
    route: str | None = None
    probability: float = 1.0
    count: int | None = None
    status: int | None = None
    html: bool = False
    seconds: float | None = None
    retry_after: int | None = None
    after_ms: float = 0.0
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"fault probability must be within 0..1, not {self.probability!r}")
        if self.count is not None and self.count < 1:
            raise ValueError(f"fault count must be at least 1, not {self.count!r}")
        if self.after_ms < 0:
            raise ValueError(f"fault after_ms must not be negative, not {self.after_ms!r}")
        takes_status = self.kind in _DEFAULT_STATUS
        if self.status is not None and (not takes_status or not 500 <= self.status <= 599):
            raise ValueError(
                f"fault status {self.status!r}: only 'status' and 'applied_then_failed' faults "
                "take a status, within 500..599"
            )
        if self.html and not takes_status:
            raise ValueError("html applies only to 'status' and 'applied_then_failed' faults")
        if self.seconds is not None and (self.kind != "hang" or self.seconds <= 0):
            raise ValueError("seconds applies only to 'hang' faults and must be positive")
        if self.retry_after is not None and (self.kind != "rate_limit" or self.retry_after < 0):
            raise ValueError("retry_after applies only to 'rate_limit' faults, in whole seconds")
        if self.route is not None:
            object.__setattr__(self, "_pattern", _compile_route(self.route))

    @property
    def effective_status(self) -> int:
        """The HTTP status a status-like fault answers with."""
        return self.status if self.status is not None else _DEFAULT_STATUS.get(self.kind, 500)

    @property
    def hang_seconds(self) -> float:
        """How long a ``hang`` fault holds the answer back (``seconds``, or the default)."""
        return self.seconds if self.seconds is not None else DEFAULT_HANG_SECONDS

    @property
    def retry_after_seconds(self) -> int:
        """The ``Retry-After`` a ``rate_limit`` fault sends (``retry_after``, or the default)."""
        return self.retry_after if self.retry_after is not None else DEFAULT_RETRY_AFTER

    def matches(self, method: str, path: str) -> bool:
        """Whether the rule covers a request (``route=None``: Web API requests only)."""
        if self._pattern is None:
            return path == "/v1" or path.startswith("/v1/")
        return self._pattern.search(f"{method} {path}") is not None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``/_emulator/faults``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FaultRule:
        """Build a rule from its JSON form, with errors that name the bad key."""
        known = {f.name: f for f in fields(cls) if f.init}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown fault rule keys {unknown}; expected some of {list(known)}")
        if "kind" not in data:
            raise ValueError("a fault rule needs a 'kind'")
        checks: dict[str, tuple[type, ...]] = {
            "kind": (str,),
            "route": (str, type(None)),
            "probability": (int, float),
            "count": (int, type(None)),
            "status": (int, type(None)),
            "html": (bool,),
            "seconds": (int, float, type(None)),
            "retry_after": (int, type(None)),
            "after_ms": (int, float),
        }
        for key, value in data.items():
            allowed = checks[key]
            if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
                names = " or ".join("null" if t is type(None) else t.__name__ for t in allowed)
                raise ValueError(f"fault rule key {key!r} must be {names}, not {value!r}")
        return cls(**cast(dict[str, Any], dict(data)))


@dataclass(slots=True)
class _ActiveRule:
    rule: FaultRule
    fired: int = 0


@dataclass(slots=True)
class _ScriptEntry:
    rule: FaultRule
    remaining: int


class FaultInjector:
    """The emulator's fault rules and script, changeable while it runs."""

    def __init__(self, *, seed: int, rules: Iterable[FaultRule] = ()) -> None:
        self._rng = random.Random(seed)
        self._rules = [_ActiveRule(rule) for rule in rules]
        self._script: deque[_ScriptEntry] = deque()

    def add(self, rule: FaultRule) -> None:
        """Add a standing rule (rules are tried in the order they were added)."""
        self._rules.append(_ActiveRule(rule))

    def replace(self, rules: Iterable[FaultRule]) -> None:
        """Replace every standing rule (the script is kept)."""
        self._rules = [_ActiveRule(rule) for rule in rules]

    def script(self, rules: Iterable[FaultRule]) -> None:
        """Queue faults for the next matching requests, in order; probability is ignored.

        A request that does not match the entry at the head of the queue passes untouched.
        """
        self._script.extend(_ScriptEntry(rule, rule.count or 1) for rule in rules)

    def clear(self) -> None:
        """Remove every rule and the script."""
        self._rules.clear()
        self._script.clear()

    def pick(self, method: str, path: str) -> FaultRule | None:
        """The fault for this request, if any; counts it as fired."""
        if self._script:
            head = self._script[0]
            if head.rule.matches(method, path):
                head.remaining -= 1
                if head.remaining == 0:
                    self._script.popleft()
                return head.rule
        for active in self._rules:
            rule = active.rule
            if rule.count is not None and active.fired >= rule.count:
                continue
            if not rule.matches(method, path):
                continue
            if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                continue
            active.fired += 1
            return rule
        return None

    def snapshot(self) -> dict[str, Any]:
        """The JSON form of ``GET /_emulator/faults``."""
        return {
            "rules": [{**active.rule.to_dict(), "fired": active.fired} for active in self._rules],
            "script": [
                {**entry.rule.to_dict(), "remaining": entry.remaining} for entry in self._script
            ],
        }
