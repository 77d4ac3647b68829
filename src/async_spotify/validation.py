"""Check the parameters of a request against the spec before it is sent.

Spotify answers a bad parameter with a bare ``400 Invalid limit`` (or worse, silently clamps
it); the checks here raise :class:`InvalidRequestError` instead, naming the operation, the
parameter, the value and what was expected, and nothing goes over the wire.

The rules come from ``async_spotify.spec_data`` (generated from the spec): types, enum values,
bounds and the most ids per request. They are compiled once, at import, into one small closure
per parameter, so a check costs a dict lookup and a few comparisons per parameter given.

What is checked for a parameter the spec knows (values of ``None`` mean "not given" and are
skipped; parameters the spec does not know are passed through unchecked):

- integers (``limit``, ``offset``, ``position_ms``, ``volume_percent``...): an ``int`` but not a
  ``bool``, within the spec's bounds;
- numbers (``target_energy``...): ``int`` or ``float``, finite, within bounds;
- booleans: ``True`` or ``False`` only (not ``"true"``, not ``1``);
- strings: a ``str``, one of the enum values if the spec lists them (``time_range``, the
  repeat ``state``...); ``market`` must be an ISO 3166-1 alpha-2 code or ``from_token``;
- lists (``ids``, ``include_groups``, ``type``...): a comma-separated ``str`` or a list/tuple
  of ``str`` in the query, a list/tuple in a JSON body; each element allowed, at most
  ``max_items`` of them;
- a few rules between parameters that the spec states in prose (``after`` and ``before``
  exclude each other; at most 5 recommendation seeds in all).

Limits follow the app's mode (:mod:`async_spotify.app_mode`): the spec's search and
artist-albums limits (maximum 10) bind development-mode apps; extended-quota apps keep 50.

Required parameters are not enforced: the endpoint methods set those themselves, often after
this check (ids are chunked first).
"""

from __future__ import annotations

import dataclasses
import math
import reprlib
from collections.abc import Callable, Mapping, Sequence
from typing import NoReturn

from async_spotify.app_mode import EXTENDED_QUOTA_LIMITS, AppMode
from async_spotify.spec_data import OPERATION_SPECS, ParameterSpec
from async_spotify.spotify_errors import InvalidRequestError

__all__ = ["check_body", "check_query", "limit_bounds", "max_items"]

_Check = Callable[[object], None]

#: Shows values in messages: a 10,000-id list must not make a 300 kB error message.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 100
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 4

#: ISO 3166-1 alpha-2: the 249 assigned codes, and XK (Kosovo), which Spotify's markets use.
_COUNTRY_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
    "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
    "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
    "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
    "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
    "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
    "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
    "US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
)
_COUNTRIES = frozenset(_COUNTRY_CODES.split())
_MARKETS = _COUNTRIES | {"from_token"}


def check_query(
    operation_id: str, query: Mapping[str, object], app_mode: AppMode = "extended"
) -> None:
    """Refuse a query whose known parameters break the spec of ``operation_id``, with the
    limits of ``app_mode``.

    Raises:
        InvalidRequestError: a value has the wrong type, is out of range or not allowed.
        KeyError: ``operation_id`` is not an operation of the spec (a bug of the caller).
    """
    rules = (_EXTENDED_QUERY_RULES if app_mode == "extended" else _QUERY_RULES)[operation_id]
    for name, value in query.items():
        if value is not None:
            rule = rules.get(name)
            if rule is not None:
                rule(value)
    between = _BETWEEN_PARAMETERS.get(operation_id)
    if between is not None:
        between(query)


def check_body(operation_id: str, body: Mapping[str, object]) -> None:
    """Refuse a JSON body whose known fields break the spec of ``operation_id``.

    The same rules as :func:`check_query`, for the body's fields (``position_ms``,
    ``device_ids``, ``range_length``, ``uris``...); lists must be lists or tuples here.
    """
    rules = _BODY_RULES[operation_id]
    for name, value in body.items():
        if value is not None:
            rule = rules.get(name)
            if rule is not None:
                rule(value)


def max_items(operation_id: str, param: str, location: str | None = None) -> int:
    """The most ids/URIs/items ``param`` of ``operation_id`` may carry in one request.

    When the query and the body differ (``PUT /me/albums``: 20 in the query, 50 in the body),
    the smaller is returned unless ``location`` (``"query"`` or ``"body"``) picks one.

    Raises:
        KeyError: the operation has no such parameter with a maximum.
    """
    found = _MAX_ITEMS.get((operation_id, param, location))
    if found is None:
        raise KeyError(f"{operation_id} has no {param!r} parameter with a maximum of items")
    return found


def limit_bounds(operation_id: str, app_mode: AppMode = "extended") -> tuple[int, int]:
    """``(default, maximum)`` of the ``limit`` query parameter of ``operation_id`` for apps in
    ``app_mode`` (search: ``(20, 50)`` with extended quota, ``(5, 10)`` in development mode).

    Raises:
        KeyError: the operation takes no ``limit``.
    """
    found = (
        EXTENDED_QUOTA_LIMITS.get(operation_id) if app_mode == "extended" else None
    ) or _LIMITS.get(operation_id)
    if found is None:
        raise KeyError(f"{operation_id} takes no limit")
    return found


def _refuse(where: str, value: object, problem: str, expected: str) -> NoReturn:
    raise InvalidRequestError(f"{where}={_SHORT.repr(value)} {problem}; expected {expected}")


def _type_problem(value: object) -> str:
    name = type(value).__name__
    return f"is an {name}" if name[:1] in ("a", "e", "i", "o", "u") else f"is a {name}"


def _range_text(kind: str, low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    if low is not None:
        return f"{kind} >= {low}"
    if high is not None:
        return f"{kind} <= {high}"
    return kind


def _integer_rule(where: str, parameter: ParameterSpec) -> _Check:
    low = -math.inf if parameter.minimum is None else parameter.minimum
    high = math.inf if parameter.maximum is None else parameter.maximum
    expected = _range_text("an integer", parameter.minimum, parameter.maximum)

    def check(value: object) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            if low <= value <= high:
                return
            _refuse(where, value, "is out of range", expected)
        _refuse(where, value, _type_problem(value), expected)

    return check


def _number_rule(where: str, parameter: ParameterSpec) -> _Check:
    low = -math.inf if parameter.minimum is None else parameter.minimum
    high = math.inf if parameter.maximum is None else parameter.maximum
    expected = _range_text("a finite number", parameter.minimum, parameter.maximum)

    def check(value: object) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if low <= value <= high and math.isfinite(value):
                return
            _refuse(where, value, "is out of range", expected)
        _refuse(where, value, _type_problem(value), expected)

    return check


def _boolean_rule(where: str) -> _Check:
    def check(value: object) -> None:
        if value is not True and value is not False:
            _refuse(where, value, _type_problem(value), "True or False")

    return check


def _string_rule(where: str, parameter: ParameterSpec) -> _Check:
    allowed = frozenset(parameter.enum)
    expected = f"one of {', '.join(parameter.enum)}" if allowed else "a str"

    def check(value: object) -> None:
        if not isinstance(value, str):
            _refuse(where, value, _type_problem(value), expected)
        if allowed and value not in allowed:
            _refuse(where, value, "is not allowed", expected)

    return check


def _market_rule(where: str) -> _Check:
    expected = "an ISO 3166-1 alpha-2 country code in capitals, such as 'US', or 'from_token'"

    def check(value: object) -> None:
        if not isinstance(value, str):
            _refuse(where, value, _type_problem(value), expected)
        if value not in _MARKETS:
            _refuse(where, value, "is not a market", expected)

    return check


def _object_rule(where: str) -> _Check:
    def check(value: object) -> None:
        if not isinstance(value, Mapping):
            _refuse(where, value, _type_problem(value), "a mapping (a JSON object)")

    return check


def _list_rule(where: str, parameter: ParameterSpec) -> _Check:
    """Query lists: a comma-separated str or a list/tuple of str. Body lists: a list/tuple."""
    allowed = frozenset(parameter.enum)
    limit = parameter.max_items
    in_body = parameter.location == "body"
    element: type = Mapping if parameter.type == "object" else str
    element_name = "a mapping" if element is Mapping else "a str"
    what = f"a list of {'objects' if element is Mapping else 'str'}"
    if not in_body:
        what = f"a comma-separated str or {what}"
    if allowed:
        what += f" from {', '.join(parameter.enum)}"
    if limit is not None:
        what += f", at most {limit}"

    def check(value: object) -> None:
        if isinstance(value, str) and not in_body:
            if not allowed and limit is None:
                return
            items: Sequence[object] = value.split(",")
        elif isinstance(value, list | tuple):
            items = value
            for item in items:
                if not isinstance(item, element):
                    _refuse(where, value, f"holds {_SHORT.repr(item)}, not {element_name}", what)
        else:
            _refuse(where, value, _type_problem(value), what)
        if limit is not None and len(items) > limit:
            _refuse(where, value, f"has {len(items)} items", what)
        if allowed:
            for item in items:
                if item not in allowed:
                    _refuse(where, value, f"holds {item!r}, which is not allowed", what)

    return check


def _rule(operation_id: str, parameter: ParameterSpec) -> _Check:
    where = f"{operation_id}: {parameter.name}"
    if parameter.is_list:
        return _list_rule(where, parameter)
    if parameter.name == "market":
        return _market_rule(where)
    if parameter.type == "integer":
        return _integer_rule(where, parameter)
    if parameter.type == "number":
        return _number_rule(where, parameter)
    if parameter.type == "boolean":
        return _boolean_rule(where)
    if parameter.type == "object":
        return _object_rule(where)
    return _string_rule(where, parameter)


def _rules(location: str) -> dict[str, dict[str, _Check]]:
    return {
        operation_id: {
            parameter.name: _rule(operation_id, parameter)
            for parameter in operation.parameters
            if parameter.location == location
        }
        for operation_id, operation in OPERATION_SPECS.items()
    }


def _max_items_table() -> dict[tuple[str, str, str | None], int]:
    table: dict[tuple[str, str, str | None], int] = {}
    for operation_id, operation in OPERATION_SPECS.items():
        for parameter in operation.parameters:
            if parameter.max_items is None:
                continue
            table[operation_id, parameter.name, parameter.location] = parameter.max_items
            either = (operation_id, parameter.name, None)
            table[either] = min(table.get(either, parameter.max_items), parameter.max_items)
    return table


def _limits_table() -> dict[str, tuple[int, int]]:
    table = {}
    for operation_id, operation in OPERATION_SPECS.items():
        for parameter in operation.parameters:
            if parameter.name == "limit" and parameter.location == "query":
                default, maximum = parameter.default, parameter.maximum
                if not isinstance(default, int) or not isinstance(maximum, int):
                    raise AssertionError(f"{operation_id}: limit without default or maximum")
                table[operation_id] = (default, maximum)
    return table


def _count(value: object) -> int:
    if isinstance(value, str):
        return len(value.split(",")) if value else 0
    return len(value) if isinstance(value, list | tuple) else 0


def _after_or_before(query: Mapping[str, object]) -> None:
    """The spec: "If `after` is specified, `before` must not be specified"."""
    if query.get("after") is not None and query.get("before") is not None:
        raise InvalidRequestError(
            f"get-recently-played: after={_SHORT.repr(query['after'])} and "
            f"before={_SHORT.repr(query['before'])} "
            "were both given; expected one of them"
        )


def _five_seeds(query: Mapping[str, object]) -> None:
    """The spec: "Up to 5 seed values may be provided in any combination"."""
    names = ("seed_artists", "seed_genres", "seed_tracks")
    total = sum(_count(query.get(name)) for name in names)
    if total > 5:
        given = ", ".join(f"{name}={_SHORT.repr(query[name])}" for name in names if query.get(name))
        raise InvalidRequestError(
            f"get-recommendations: {given} are {total} seeds; expected at most 5 in all"
        )


def _extended_quota_rules(rules: dict[str, dict[str, _Check]]) -> dict[str, dict[str, _Check]]:
    """``rules`` with the ``limit`` checks of extended-quota apps where they differ."""
    extended = dict(rules)
    for operation_id, (default, maximum) in EXTENDED_QUOTA_LIMITS.items():
        (limit,) = (p for p in OPERATION_SPECS[operation_id].parameters if p.name == "limit")
        widened = dataclasses.replace(limit, default=default, maximum=maximum)
        extended[operation_id] = {
            **rules[operation_id],
            "limit": _rule(operation_id, widened),
        }
    return extended


_QUERY_RULES = _rules("query")
_EXTENDED_QUERY_RULES = _extended_quota_rules(_QUERY_RULES)
_BODY_RULES = _rules("body")
_MAX_ITEMS = _max_items_table()
_LIMITS = _limits_table()
_BETWEEN_PARAMETERS: dict[str, Callable[[Mapping[str, object]], None]] = {
    "get-recently-played": _after_or_before,
    "get-recommendations": _five_seeds,
}
