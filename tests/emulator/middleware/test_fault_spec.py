"""The ``--faults`` grammar: every form it accepts, and clear errors for what it refuses."""

from __future__ import annotations

import pytest

from async_spotify.emulator import FaultRule, FaultSpecError, parse_fault_spec


def test_the_documented_example() -> None:
    assert parse_fault_spec("502@0.1,reset@0.05:POST /v1/playlists/*/items,hang=5s@0.01") == (
        FaultRule("status", status=502, probability=0.1),
        FaultRule("reset", probability=0.05, route="POST /v1/playlists/*/items"),
        FaultRule("hang", seconds=5.0, probability=0.01),
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("500", FaultRule("status", status=500)),
        ("503html@10%", FaultRule("status", status=503, html=True, probability=0.1)),
        ("status", FaultRule("status")),
        ("status=504html", FaultRule("status", status=504, html=True)),
        ("429", FaultRule("rate_limit")),
        (
            "429=2s*3:GET /v1/me",
            FaultRule("rate_limit", retry_after=2, count=3, route="GET /v1/me"),
        ),
        ("rate_limit=30", FaultRule("rate_limit", retry_after=30)),
        ("hang", FaultRule("hang")),
        ("hang=250ms", FaultRule("hang", seconds=0.25)),
        ("reset+200ms@0.5", FaultRule("reset", after_ms=200.0, probability=0.5)),
        ("truncated*1", FaultRule("truncated", count=1)),
        ("invalid_json:/v1/me", FaultRule("invalid_json", route="/v1/me")),
        ("applied_then_failed", FaultRule("applied_then_failed")),
        (
            "applied_then_failed=503*1:POST /v1/me/library",
            FaultRule("applied_then_failed", status=503, count=1, route="POST /v1/me/library"),
        ),
        (" 502@0.5 ", FaultRule("status", status=502, probability=0.5)),
        ("reset:re:^(PUT|POST) /v1/", FaultRule("reset", route="re:^(PUT|POST) /v1/")),
    ],
)
def test_rules(text: str, rule: FaultRule) -> None:
    assert parse_fault_spec(text) == (rule,)


def test_empty_spec_means_no_faults() -> None:
    assert parse_fault_spec("") == ()
    assert parse_fault_spec(" , ") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("explode", "fault rule 'explode': unknown fault kind 'explode' (known: 5xx, 5xxhtml, 429"),
        ("404", "unknown fault kind '404'"),
        ("502=html", "502 takes no =VALUE"),
        ("reset=5s", "reset takes no =VALUE"),
        ("hang=soon", "hang duration 'soon' is not a duration like 5s, 250ms or 1.5"),
        ("429=1.5s", "Retry-After '1.5s' must be whole seconds"),
        ("status=404", "status '404' is not a 5xx code"),
        ("502@high", "chance 'high' is not a number like 0.1 or 10%"),
        ("502@1.5", "chance '1.5' is outside 0..1"),
        ("502@150%", "chance '150%' is outside 0..1"),
        ("502*many", "count 'many' is not a whole number"),
        ("502*0", "fault count must be at least 1"),
        ("502:GET", "expected 'METHOD /path-glob', '/path-glob' or 're:REGEX'"),
        ("502+", "does not match KIND[=VALUE][+DELAY][@CHANCE][*COUNT][:ROUTE]"),
        ("@0.5", "does not match KIND[=VALUE][+DELAY][@CHANCE][*COUNT][:ROUTE]"),
    ],
)
def test_errors_name_the_rule_and_the_problem(text: str, message: str) -> None:
    with pytest.raises(FaultSpecError) as raised:
        parse_fault_spec(f"500,{text}")
    assert message in str(raised.value)
    assert str(raised.value).startswith("fault rule ")
