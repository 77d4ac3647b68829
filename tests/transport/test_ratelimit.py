"""The rate-limit gate: one shared pause per wave of 429s, and the rolling client-side budget."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import pytest
from aiohttp import web

from async_spotify import InvalidInputError
from async_spotify.transport.ratelimit import WINDOW_SECONDS, RateLimitGate
from async_spotify.transport.retry import RetryPolicy
from tests.transport.conftest import MakeClient
from tests.transport.scripted_server import TOKEN, Answer, FakeTime, Script


class HeldSleep:
    """A sleep that records its wait and returns only when the test releases it."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.called = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.called.set()
        await self.release.wait()


async def test_every_request_waits_for_the_one_pause() -> None:
    held = HeldSleep()
    gate = RateLimitGate(sleep=held, clock=lambda: 0.0)
    assert gate.open
    done: list[str] = []

    async def run(name: str, waiting: Awaitable[object]) -> None:
        await waiting
        done.append(name)

    async def release() -> None:
        done.append("released")
        held.release.set()

    first = asyncio.ensure_future(run("first 429", gate.pause(3.0, gate.epoch)))
    await held.called.wait()
    assert not gate.open
    # tasks run in the order they were made: both others are waiting when the release runs
    others = [
        asyncio.ensure_future(run("other 429", gate.pause(5.0, 0))),
        asyncio.ensure_future(run("new request", gate.admit())),
        asyncio.ensure_future(release()),
    ]
    await asyncio.gather(first, *others)
    assert done[0] == "released"
    assert sorted(done[1:]) == ["first 429", "new request", "other 429"]
    assert held.sleeps == [3.0]  # one pause, not one per 429
    assert gate.open
    assert gate.epoch == 1


async def test_a_429_from_before_the_last_pause_is_not_waited_twice() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock)
    sent_in = await gate.admit()
    await gate.pause(2.0, sent_in)
    await gate.pause(2.0, sent_in)  # another 429 for a request sent in the same epoch
    assert fake.sleeps == [2.0]
    await gate.pause(2.0, await gate.admit())  # a request sent after the pause: a new wave
    assert fake.sleeps == [2.0, 2.0]
    assert gate.epoch == 2


async def test_budget_paces_requests_over_a_rolling_window() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, budget=3)
    assert not gate.open
    assert gate.budget == 3
    for _ in range(3):
        await gate.admit()
        fake.now += 1.0
    assert fake.sleeps == []
    await gate.admit()  # the 4th waits until the 1st (sent at 1000.0) leaves the window
    assert fake.sleeps == [WINDOW_SECONDS - 3.0]
    assert fake.now == 1000.0 + WINDOW_SECONDS
    await gate.admit()  # the 2nd was sent at 1001.0
    assert fake.sleeps == [27.0, 1.0]


async def test_concurrent_requests_share_the_budget_in_order() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, budget=2)
    await asyncio.gather(*(gate.admit() for _ in range(5)))
    # 2 at once, 2 after 30 s, 1 after 60 s
    assert fake.sleeps == [30.0, 30.0]
    assert fake.now == 1060.0


@pytest.mark.parametrize("budget", [0, -1, True, 2.5, "10"])
def test_budget_must_be_a_positive_int(budget: object) -> None:
    with pytest.raises(InvalidInputError, match="rate_limit_budget must be a positive int"):
        RateLimitGate(sleep=FakeTime().sleep, clock=lambda: 0.0, budget=budget)  # type: ignore[arg-type]


async def test_64_requests_in_flight_make_one_wave_of_429s(
    server: tuple[Script, str], fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    limited = True
    all_in = asyncio.Event()

    async def sleep_until_lifted(seconds: float) -> None:
        nonlocal limited
        await fake_time.sleep(seconds)
        limited = False

    # every request that arrives before the pause is over gets a 429; none is answered before
    # all 64 have arrived, so all 64 are in flight together
    def answer(request: web.Request) -> Answer:
        if len(script.received) == 64:
            all_in.set()
        return Answer(429, b"", {"Retry-After": "4"}) if limited else Answer(200, b'{"id": "t"}')

    script.on_request = answer
    script.hold = all_in
    policy = RetryPolicy(sleep=sleep_until_lifted, clock=fake_time.clock)
    client = await make_client(base_url, policy)
    results = await asyncio.gather(
        *(
            client.api_request_handler.request("GET", f"/tracks/{n}", auth_token=TOKEN)
            for n in range(64)
        )
    )
    assert results == [{"id": "t"}] * 64
    assert fake_time.sleeps == [4.0]  # one pause for the wave
    assert len(script.received) == 128  # 64 refused, 64 retried once


async def test_budget_paces_a_burst_through_the_chokepoint(
    server: tuple[Script, str], fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    client = await make_client(base_url, fake_time.policy(), rate_limit_budget=10)
    assert client.api_request_handler.rate_limit_gate.budget == 10
    await asyncio.gather(
        *(client.api_request_handler.request("GET", "/me", auth_token=TOKEN) for _ in range(25))
    )
    # 10 leave at once, 10 when the window has rolled on, the last 5 one window later
    assert fake_time.sleeps == [30.0, 30.0]
    assert len(script.received) == 25


async def send(gate: RateLimitGate, count: int) -> None:
    """``count`` requests through the gate, each answered 200 at once."""
    for _ in range(count):
        gate.answered(gate.admit_now() or await gate.admit())


async def test_a_429_teaches_the_budget_spotify_accepted() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, window=10.0)
    assert gate.limit is None
    await send(gate, 40)
    assert fake.sleeps == []  # nothing learned yet: nothing paced
    refused = await gate.admit()
    await gate.pause(4.0, refused)  # Spotify refused the 41st: it accepted 40 per window
    assert fake.sleeps == [4.0]
    assert gate.limit == 38  # 95 % of the 40 accepted (the refused one is not counted)
    assert not gate.open


async def test_an_answer_that_comes_back_after_the_429_still_teaches_the_budget() -> None:
    # Spotify accepted 31 and refused the 32nd, but one of the 31 answers reaches the client
    # after the 429 does: the budget must be the one learned when the answers come in order
    held = HeldSleep()
    gate = RateLimitGate(sleep=held, clock=lambda: 0.0, window=10.0)
    admissions = [gate.admit_now() for _ in range(33)]
    sent = [admission for admission in admissions if admission is not None]
    assert len(sent) == 33
    for admission in sent[:30]:
        gate.answered(admission)
    pause = asyncio.ensure_future(gate.pause(5.0, sent[31]))
    await held.called.wait()
    assert gate.limit == 28  # 95 % of the 30 counted when the 429 came
    gate.answered(sent[30])
    assert gate.limit == 29  # 95 % of the 31 Spotify accepted
    held.release.set()
    await pause
    assert held.sleeps == [5.0]
    gate.answered(sent[32])  # answered once the pause is over: it teaches nothing more
    assert gate.limit == 29


async def test_a_learned_budget_paces_and_grows_additively() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, window=10.0)
    await send(gate, 20)
    await gate.pause(1.0, await gate.admit())
    assert gate.limit == 19
    fake.now += 10.0  # the window has rolled on: 19 leave at once, the 20th waits for room
    await send(gate, 19)
    assert fake.sleeps == [1.0]
    await send(gate, 1)
    assert fake.sleeps == [1.0, 10.0]
    await send(gate, 190)
    assert fake.sleeps == [1.0] + [10.0] * 10
    # each window in which the budget held requests back added 1 to it, a tenth of that within
    # one request of the 20 Spotify refused at
    assert gate.limit == pytest.approx(19.0 + 10 * 0.1)


async def test_a_request_is_counted_from_its_answer() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, budget=1, window=10.0)
    admission = await gate.admit()
    fake.now += 3.0  # Spotify counted it somewhere between leaving and answering
    gate.answered(admission)
    await gate.admit()
    assert fake.sleeps == [10.0]  # room again 10 s after the answer, not after it left


async def test_a_gate_without_adaptation_only_pauses() -> None:
    fake = FakeTime()
    gate = RateLimitGate(sleep=fake.sleep, clock=fake.clock, adaptive=False)
    await send(gate, 5)
    await gate.pause(1.0, await gate.admit())
    assert gate.limit is None
    assert gate.open


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"window": 0}, "window must be a positive number of seconds, not 0"),
        ({"increase": -1}, "increase must be a positive number, not -1"),
        ({"decrease": 1.5}, "decrease must be a number between 0 and 1, not 1.5"),
    ],
)
def test_gate_options_are_checked(options: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        RateLimitGate(**options)  # type: ignore[arg-type]


async def test_answers_that_left_the_window_are_forgotten() -> None:
    """A client without a budget keeps no record of requests older than the window (it used to
    keep one per request it ever sent)."""
    now = 0.0
    gate = RateLimitGate(sleep=FakeTime().sleep, clock=lambda: now)
    for second in range(300):
        now = float(second)
        admission = gate.admit_now()
        assert admission is not None
        gate.answered(admission)
    assert len(gate._accepted) <= WINDOW_SECONDS + 1  # only the last window's answers
