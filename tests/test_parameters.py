"""Every endpoint method's keyword arguments are typed from the spec, and behave alike.

Walked over all 97 operations: the method's ``**kwargs`` is ``Unpack[<Operation>Params]`` of
its own operation, those keys are the spec's optional parameters the method does not take as
its own arguments, a keyword the operation does not know warns (naming the operation) and is
still sent, and ``extra_query=`` is sent without a warning.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Unpack, get_args, get_origin, get_type_hints

import pytest

from async_spotify import UnknownParameterWarning
from async_spotify.operations import COMPATIBILITY_ALIASES, OPERATIONS
from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.types import parameters
from tests.endpoints import recording
from tests.test_operations import SAMPLE_CALLS, fake_answer, method_of, offline_client

recorder = recording.recorder
make_recorded_client = recording.make_recorded_client


@pytest.fixture
async def recorded_client(make_recorded_client):
    from async_spotify.transport.retry import RetryPolicy

    return await make_recorded_client(retry_policy=RetryPolicy.none())


def params_class(operation_id: str) -> type:
    name = "".join(part.capitalize() for part in operation_id.split("-")) + "Params"
    found: type = getattr(parameters, name)
    return found


def unpacked(dotted: str) -> type | None:
    """The TypedDict of ``**kwargs: Unpack[...]`` of a method, or None if it takes none."""
    call = method_of(offline_client(), dotted)
    if "kwargs" not in inspect.signature(call).parameters:
        return None
    hint = get_type_hints(call)["kwargs"]
    assert get_origin(hint) is Unpack, f"{dotted}: **kwargs is {hint}, not Unpack[...]"
    (typed,) = get_args(hint)
    return typed


def takes_keywords(operation_id: str) -> bool:
    return unpacked(OPERATIONS[operation_id]) is not None


def test_every_operation_has_a_params_typeddict_with_its_keyword_parameters():
    assert len(OPERATION_SPECS) == 97
    for operation_id, operation in OPERATION_SPECS.items():
        typed = params_class(operation_id)
        assert tuple(typed.__annotations__) == operation.keywords, operation_id
        assert typed.__total__ is False  # type: ignore[attr-defined]


def test_every_method_with_kwargs_unpacks_the_params_of_its_own_operation():
    with_kwargs = 0
    for operation_id, dotted in OPERATIONS.items():
        typed = unpacked(dotted)
        if typed is not None:
            with_kwargs += 1
            assert typed is params_class(operation_id), dotted
        else:
            assert OPERATION_SPECS[operation_id].keywords == (), f"{dotted} takes no kwargs"
    assert with_kwargs == 56  # and 2 aliases: personalization.get_top, add_multiple_tracks_to_queue


def test_aliases_are_the_same_functions_as_their_canonical_names():
    client = offline_client()
    for alias, operation_ids in COMPATIBILITY_ALIASES.items():
        canonical = [OPERATIONS[op] for op in operation_ids]
        function = method_of(client, alias).__func__
        if len(canonical) == 1 and function.__name__ == canonical[0].rsplit(".", 1)[1]:
            assert method_of(client, canonical[0]).__func__ is function


def test_enum_parameters_are_literal_aliases():
    assert get_args(parameters.RepeatState) == ("track", "context", "off")
    assert get_args(parameters.TimeRange) == ("long_term", "medium_term", "short_term")
    assert "tarck" not in get_args(parameters.SearchType)
    assert get_args(parameters.IncludeGroup) == ("album", "single", "appears_on", "compilation")
    hints = get_type_hints(parameters.GetAnArtistsAlbumsParams)
    assert hints["include_groups"] == (
        parameters.IncludeGroup | parameters.Sequence[parameters.IncludeGroup] | None  # type: ignore[attr-defined]
    )


def sent_names(request) -> set[str]:
    _, _, query, body = request
    return set(query or {}) | (set(body) if isinstance(body, dict) else set())


@pytest.mark.parametrize("operation_id", [op for op in sorted(SAMPLE_CALLS) if takes_keywords(op)])
async def test_an_unknown_keyword_warns_and_is_still_sent(recorder, recorded_client, operation_id):
    args, kwargs = SAMPLE_CALLS[operation_id]
    recorder.responder = fake_answer
    call = method_of(recorded_client, OPERATIONS[operation_id])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await call(*args, **kwargs, zz_not_a_parameter=7)

    unknown = [w for w in caught if issubclass(w.category, UnknownParameterWarning)]
    assert len(unknown) == 1, [str(w.message) for w in caught]
    assert f"{operation_id} has no parameter 'zz_not_a_parameter'" in str(unknown[0].message)
    assert unknown[0].filename == __file__
    assert recorder.requests, "nothing was sent"
    assert all("zz_not_a_parameter" in sent_names(request) for request in recorder.requests)


@pytest.mark.parametrize(
    "operation_id",
    [
        op
        for op in sorted(SAMPLE_CALLS)
        if "extra_query"
        in inspect.signature(method_of(offline_client(), OPERATIONS[op])).parameters
    ],
)
async def test_extra_query_is_sent_without_a_warning(recorder, recorded_client, operation_id):
    args, kwargs = SAMPLE_CALLS[operation_id]
    recorder.responder = fake_answer
    call = method_of(recorded_client, OPERATIONS[operation_id])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await call(*args, **kwargs, extra_query={"added_later": "yes"})

    assert [w for w in caught if issubclass(w.category, UnknownParameterWarning)] == []
    assert recorder.requests
    assert all(request[2].get("added_later") == "yes" for request in recorder.requests)


def test_every_method_with_query_keywords_takes_extra_query():
    client = offline_client()
    for operation_id, dotted in OPERATIONS.items():
        operation = OPERATION_SPECS[operation_id]
        query_keywords = [
            p.name
            for p in operation.parameters
            if p.location == "query" and p.name in operation.keywords
        ]
        if query_keywords or (
            takes_keywords(operation_id)
            and operation_id
            not in (
                "change-playlist-details",
                "create-playlist-for-user",
            )
        ):
            assert "extra_query" in inspect.signature(method_of(client, dotted)).parameters, dotted
