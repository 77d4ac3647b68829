"""Keyword arguments an operation does not take: still sent, with a warning naming the closest.

AsyncSpotify sent whatever keyword arguments it was given, so a 0.4.4 program that passes one
Spotify does not know keeps working; but a typo (``markt="US"``) used to vanish without a trace,
Spotify ignoring the parameter. Now it warns (:class:`UnknownParameterWarning`), naming the
closest parameter the operation takes, and is sent as before. A parameter Spotify added after
the spec this library was generated from goes in ``extra_query=``, which warns about nothing.
"""

from __future__ import annotations

import difflib
import sys
import warnings
from collections.abc import Iterable, Mapping

from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InvalidInputError

__all__ = ["UnknownParameterWarning", "merge_extra_query", "warn_unknown_parameters"]

_PACKAGE = __name__.split(".", 1)[0] + "."
#: The keywords of each operation, as sets: checked on every request.
_KEYWORDS = {op: frozenset(spec.keywords) for op, spec in OPERATION_SPECS.items()}


class UnknownParameterWarning(UserWarning):
    """A keyword argument is not a parameter of the operation (a typo, or one Spotify added).

    It is sent all the same, as AsyncSpotify did. Pass parameters the library does not know
    yet in ``extra_query=`` to send them without this warning.
    """


def warn_unknown_parameters(
    operation_id: str, given: Iterable[str], also_known: Iterable[str] = ()
) -> None:
    """Warn once per keyword in ``given`` that ``operation_id`` does not take as a keyword.

    ``also_known`` are names the method itself handles (``device_id`` of ``play``...).
    """
    known = _KEYWORDS[operation_id]
    for name in given:
        if name not in known and name not in also_known:
            names = (*OPERATION_SPECS[operation_id].keywords, *also_known)
            warnings.warn(
                _message(operation_id, name, names),
                UnknownParameterWarning,
                stacklevel=_caller_level(),
            )


def merge_extra_query(
    query: dict[str, object], extra_query: Mapping[str, object] | None
) -> dict[str, object]:
    """``query`` with the caller's ``extra_query`` added, unchecked, for parameters the spec
    does not know yet. A name in both is refused: one of the two values would be dropped."""
    if extra_query is None:
        return query
    if not isinstance(extra_query, Mapping):
        raise InvalidInputError(
            f"extra_query must be a mapping of parameter names to values, not "
            f"{type(extra_query).__name__}"
        )
    for name in extra_query:
        if not isinstance(name, str):
            raise InvalidInputError(f"extra_query names must be str, not {name!r}")
        if name in query:
            raise InvalidInputError(
                f"{name!r} is given both in extra_query and as an argument; give it once"
            )
    return {**query, **extra_query}


def _message(operation_id: str, name: str, known: tuple[str, ...]) -> str:
    shown = name if len(name) <= 60 else name[:57] + "..."
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {close[0]!r}?"
    elif known:
        hint = f"its parameters are {', '.join(known)}."
    else:
        hint = "it takes no optional parameter."
    return (
        f"{operation_id} has no parameter {shown!r}; {hint} It is sent as given; pass it in "
        "extra_query= to send a parameter Spotify added later without this warning"
    )


def _caller_level() -> int:
    """The ``stacklevel`` that points at the first frame outside this package (the caller)."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
