"""The emulator's own controls: the ``/_emulator/*`` admin routes and the clock they move."""
