"""Benchmarks of async_spotify against bare aiohttp + orjson (``make bench``; scripts, not tests).

``python -m bench`` runs, in one go and interleaved run by run:

- ``GET /tracks/{id}`` through ``client.track.get_one``, one at a time and 64 in flight, against a
  local server (another process) that serves a 4.6 KB pretty-printed track, compared with a bare
  aiohttp session decoding with orjson: client CPU microseconds per request
  (``time.process_time``: the server's CPU is not counted) and their ratio;
- reading all items of the emulator's 10,000-item playlist at 50 ms per answer, held
  (``client.fetch_all``) and streamed (``async for item in client.paginate(first)``, keeping no
  item): wall times, and the peak of Python memory of each (tracemalloc, in further passes).

See ``python -m bench --help`` for the sizes. ``python -m bench.instructions`` (``make
bench-instructions``, needs valgrind) counts the machine instructions per request of the first
workload instead of timing it: a figure that does not move with the machine's load.
"""
