"""The emulator's aiohttp middlewares, one module each, and the fault rules they act out.

- :mod:`.bearer`: bearer-token authentication of Web API requests.
- :mod:`.faults` (rules and injector), :mod:`.fault_spec` (the ``--faults`` syntax) and
  :mod:`.fault_actions` (acting a picked fault out on the wire).
- :mod:`.latency`, :mod:`.ratelimit`, :mod:`.etag`: simulated delay, Spotify's rolling-window
  rate limit, conditional GETs.
- :mod:`.handler_errors`: every routing or handler failure answered in Spotify's shape.
- :mod:`.admin_token`: the admin routes' lock when an admin token is configured.
"""
