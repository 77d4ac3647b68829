"""PKCE verifier, challenge and state (RFC 7636)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from async_spotify.auth.pkce import (
    UNRESERVED,
    code_challenge,
    is_valid_code_verifier,
    new_code_verifier,
    new_state,
    same_secret,
)


def test_rfc7636_appendix_b_vector() -> None:
    octets = bytes(
        [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
         22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]
    )  # fmt: skip
    verifier = base64.urlsafe_b64encode(octets).rstrip(b"=").decode()
    assert verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_new_verifier_is_unreserved_64_chars_and_fresh() -> None:
    verifiers = {new_code_verifier() for _ in range(50)}
    assert len(verifiers) == 50
    for verifier in verifiers:
        assert len(verifier) == 64
        assert set(verifier) <= UNRESERVED
        assert is_valid_code_verifier(verifier)


@pytest.mark.parametrize("length", [43, 128])
def test_verifier_length_bounds_accepted(length: int) -> None:
    assert len(new_code_verifier(length)) == length


@pytest.mark.parametrize("length", [42, 129, 0])
def test_verifier_length_out_of_bounds_refused(length: int) -> None:
    with pytest.raises(ValueError, match=str(length)):
        new_code_verifier(length)


@given(st.text(min_size=0, max_size=140))
def test_verifier_validity_matches_rfc(text: str) -> None:
    expected = 43 <= len(text) <= 128 and all(char in UNRESERVED for char in text)
    assert is_valid_code_verifier(text) is expected


@given(st.text(alphabet="".join(sorted(UNRESERVED)), min_size=43, max_size=128))
def test_challenge_is_43_unpadded_base64url(verifier: str) -> None:
    challenge = code_challenge(verifier)
    assert len(challenge) == 43
    assert "=" not in challenge and "+" not in challenge and "/" not in challenge


def test_state_is_unguessable_and_compared_in_constant_time() -> None:
    first, second = new_state(), new_state()
    assert first != second and len(first) >= 32
    assert same_secret(first, first)
    assert not same_secret(first, second)
