"""The transport: session, wire, codec, retry loop, rate-limit gate; it knows nothing of clients.

``webapi`` (the request loop) -> ``attempts``/``retry`` (one retry primitive), ``ratelimit`` (the
gate), ``auth`` (the RequestAuth protocol), ``session`` and ``wire`` (aiohttp), ``codec`` (orjson
and the error mapping), ``query``, ``urls``; ``accounts`` is the Accounts service client.
"""
