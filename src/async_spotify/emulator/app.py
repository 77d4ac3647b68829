"""The emulator as one ``aiohttp.web.Application``: Accounts at the root, Web API under ``/v1``.

Middlewares, outside in (each is a small function in its own module)::

    (admin token) -> stats -> latency -> rate limit -> faults -> bearer auth -> ETag
    -> handler errors -> handler

so the stats see every answer (faults and 429s included), a fault can strike before or after
authentication as on a real gateway, and only the handler's own answers get ETags.
"""

from __future__ import annotations

from aiohttp import web, web_app

from .accounts.authorize import authorize, consent
from .accounts.consent_page import CONSENT_PATH
from .accounts.service import ACCOUNTS_KEY
from .accounts.token_endpoint import token
from .config import EmulatorConfig
from .control.admin import setup_admin
from .control.clock import Clock
from .middleware.admin_token import admin_token_middleware
from .middleware.bearer import bearer_auth_middleware
from .middleware.etag import etag_middleware
from .middleware.fault_actions import fault_middleware
from .middleware.handler_errors import handler_errors_middleware
from .middleware.latency import latency_middleware
from .middleware.ratelimit import rate_limit_middleware
from .services import SERVICES_KEY, Services
from .stats import stats_middleware
from .webapi import setup_web_api


def create_app(config: EmulatorConfig, clock: Clock | None = None) -> web.Application:
    """A fresh emulator app (its own world, tokens and counters) for any aiohttp runner."""
    services = Services.build(config, clock or Clock())
    locks = [] if config.admin_token is None else [admin_token_middleware(config.admin_token)]
    app = web.Application(
        middlewares=[
            *locks,
            stats_middleware(services.stats),
            latency_middleware(services.latency),
            rate_limit_middleware(services.rate_limiter, services.tokens, services.stats),
            fault_middleware(services.faults, services.stats),
            bearer_auth_middleware(services.tokens),
            etag_middleware(),
            handler_errors_middleware(services.stats),
        ],
        # Cover uploads are base64 JPEGs of up to 256 KB; leave room to answer oversize ones.
        client_max_size=4 * 1024 * 1024,
    )
    app[SERVICES_KEY] = services
    app[ACCOUNTS_KEY] = services.accounts
    app.router.add_get("/authorize", authorize, allow_head=False)
    app.router.add_post(CONSENT_PATH, consent)
    app.router.add_post("/api/token", token)
    setup_admin(app)
    setup_web_api(app, services.world)
    app.on_cleanup.append(_forget_cached_middleware_chains)
    return app


async def _forget_cached_middleware_chains(app: web.Application) -> None:
    """Let aiohttp forget the middleware chains it built for this app.

    aiohttp keeps every route's chain in a process-wide LRU cache of 1,024 entries keyed by the
    handler and its apps, so a test suite that starts hundreds of emulators kept that many
    worlds alive (each with its 10,000-item playlist): 2 GB by the end of ours. Clearing it
    costs the apps still running one rebuild of a chain per route they serve next.
    """
    cache_clear = getattr(getattr(web_app, "_cached_build_middleware", None), "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
