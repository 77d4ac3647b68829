"""The parts one emulator is made of, built once from its config and shared by its routes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .accounts.scopes import ALL_SCOPES, unknown_scopes
from .accounts.service import Accounts
from .accounts.tokens import IssuedTokens
from .config import EmulatorConfig
from .control.clock import Clock
from .middleware.faults import FaultInjector
from .middleware.latency import Latency
from .middleware.ratelimit import RateLimiter
from .stats import Stats
from .world import World


@dataclass(frozen=True, eq=False)
class Services:
    config: EmulatorConfig
    clock: Clock
    world: World
    stats: Stats
    tokens: IssuedTokens
    accounts: Accounts
    faults: FaultInjector
    latency: Latency
    rate_limiter: RateLimiter

    @classmethod
    def build(cls, config: EmulatorConfig, clock: Clock) -> Services:
        world = World(seed=config.seed, mode=config.mode, clock=clock, catalog=config.catalog)
        stats = Stats()
        tokens = IssuedTokens(
            clock,
            access_token_ttl=config.access_token_ttl,
            refresh_token_ttl=config.refresh_token_ttl,
        )
        accounts = Accounts(config=config, clock=clock, tokens=tokens, world=world, stats=stats)
        return cls(
            config=config,
            clock=clock,
            world=world,
            stats=stats,
            tokens=tokens,
            accounts=accounts,
            faults=FaultInjector(seed=config.seed, rules=config.faults),
            latency=Latency(
                seed=config.seed, ms=config.latency_ms, jitter_ms=config.latency_jitter_ms
            ),
            rate_limiter=RateLimiter(clock, config.rate_limit, config.rate_window),
        )

    def issue_user_token(
        self, scopes: Iterable[str] = ALL_SCOPES, *, user_id: str | None = None, pkce: bool = False
    ) -> dict[str, Any]:
        """A user token response without the OAuth dance (not counted in the token stats)."""
        wanted = tuple(dict.fromkeys(scopes))
        unknown = unknown_scopes(wanted)
        if unknown:
            raise ValueError(f"unknown scopes {unknown}")
        user = self.world.default_user_id if user_id is None else user_id
        self.world.ensure_user(user)
        return self.tokens.issue_user_token(
            client_id=self.config.client_id,
            user_id=user,
            scopes=wanted,
            grant="pkce" if pkce else "authorization_code",
        )

    def issue_client_token(self) -> dict[str, Any]:
        """A client-credentials token response (not counted in the token stats)."""
        return self.tokens.issue_client_token(self.config.client_id)


SERVICES_KEY = web.AppKey("services", Services)
