"""The compact fault syntax of the ``--faults`` command-line flag.

Grammar (rules separated by commas; a route cannot contain a comma)::

    RULE     := KIND ["=" VALUE] ["+" DELAY] ["@" CHANCE] ["*" COUNT] [":" ROUTE]
    KIND     := 500..599 | 500html..599html        a 5xx with Spotify's JSON body / a gateway page
              | 429 | rate_limit                   VALUE = Retry-After (default 1s)
              | hang                               VALUE = how long (default 60s), then answer
              | reset | truncated | invalid_json
              | applied_then_failed                VALUE = 5xx or 5xxhtml (default 502)
              | status                             VALUE = 5xx or 5xxhtml (default 500)
    DELAY    := DURATION                           wait before the fault strikes
    DURATION := NUMBER ["ms" | "s"]                seconds when no unit
    CHANCE   := NUMBER (0..1) | NUMBER "%"         default 1
    COUNT    := INTEGER                            fire at most COUNT times
    ROUTE    := see :mod:`.faults` ("POST /v1/playlists/*/items", "/v1/me", "re:REGEX")

Examples: ``502@0.1``, ``reset@0.05:POST /v1/playlists/*/items``, ``hang=5s@0.01``,
``429=2s*3:GET /v1/me``, ``503html@10%``, ``applied_then_failed*1:POST /v1/me/library``.
"""

from __future__ import annotations

import re
from typing import Any

from .faults import FAULT_KINDS, FaultRule

GRAMMAR = "KIND[=VALUE][+DELAY][@CHANCE][*COUNT][:ROUTE]"

_RULE = re.compile(
    r"""
    (?P<kind>[A-Za-z_]+|\d{3}(?:html)?)
    (?:=(?P<value>[^+@*:]+))?
    (?:\+(?P<delay>[^@*:]+))?
    (?:@(?P<chance>[^*:]+))?
    (?:\*(?P<count>[^:]+))?
    (?::(?P<route>.+))?
    """,
    re.VERBOSE,
)
_DURATION = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>ms|s)?")
_STATUS = re.compile(r"(?P<status>5\d\d)(?P<html>html)?")


class FaultSpecError(ValueError):
    """A ``--faults`` value that does not follow the grammar."""


def _duration_seconds(text: str, what: str) -> float:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise FaultSpecError(f"{what} {text!r} is not a duration like 5s, 250ms or 1.5")
    number = float(match["number"])
    return number / 1000 if match["unit"] == "ms" else number


def _status(text: str) -> tuple[int, bool]:
    match = _STATUS.fullmatch(text.strip())
    if match is None:
        raise FaultSpecError(f"status {text!r} is not a 5xx code (optionally with 'html')")
    return int(match["status"]), match["html"] is not None


def _chance(text: str) -> float:
    raw = text.strip()
    try:
        chance = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise FaultSpecError(f"chance {text!r} is not a number like 0.1 or 10%") from None
    if not 0.0 <= chance <= 1.0:
        raise FaultSpecError(f"chance {text!r} is outside 0..1 (0%..100%)")
    return chance


def _kind_and_value(kind: str, value: str | None) -> dict[str, Any]:
    status = _STATUS.fullmatch(kind)
    if status is not None:
        if value is not None:
            raise FaultSpecError(f"{kind} takes no =VALUE")
        return {"kind": "status", "status": int(status["status"]), "html": bool(status["html"])}
    if kind in ("429", "rate_limit"):
        params: dict[str, Any] = {"kind": "rate_limit"}
        if value is not None:
            seconds = _duration_seconds(value, "Retry-After")
            if seconds != int(seconds):
                raise FaultSpecError(f"Retry-After {value!r} must be whole seconds")
            params["retry_after"] = int(seconds)
        return params
    if kind not in FAULT_KINDS:
        known = ", ".join(("5xx", "5xxhtml", "429", *FAULT_KINDS))
        raise FaultSpecError(f"unknown fault kind {kind!r} (known: {known})")
    params = {"kind": kind}
    if value is None:
        return params
    if kind == "hang":
        params["seconds"] = _duration_seconds(value, "hang duration")
    elif kind in ("status", "applied_then_failed"):
        params["status"], params["html"] = _status(value)
    else:
        raise FaultSpecError(f"{kind} takes no =VALUE")
    return params


def parse_fault_rule(text: str) -> FaultRule:
    """One rule of the grammar above."""
    source = text.strip()
    match = _RULE.fullmatch(source)
    if match is None:
        raise FaultSpecError(f"fault rule {source!r} does not match {GRAMMAR}")
    try:
        params = _kind_and_value(match["kind"], match["value"])
        if match["delay"] is not None:
            params["after_ms"] = _duration_seconds(match["delay"], "delay") * 1000
        if match["chance"] is not None:
            params["probability"] = _chance(match["chance"])
        if match["count"] is not None:
            if not match["count"].strip().isdigit():
                raise FaultSpecError(f"count {match['count']!r} is not a whole number")
            params["count"] = int(match["count"])
        if match["route"] is not None:
            params["route"] = match["route"].strip()
        return FaultRule(**params)
    except ValueError as error:
        raise FaultSpecError(f"fault rule {source!r}: {error}") from None


def parse_fault_spec(spec: str) -> tuple[FaultRule, ...]:
    """Every rule of a ``--faults`` value; an empty value means no faults."""
    return tuple(parse_fault_rule(part) for part in spec.split(",") if part.strip())
