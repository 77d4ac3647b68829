"""``python -m async_spotify.emulator``: see :mod:`.cli`."""

from .cli import main

raise SystemExit(main())
