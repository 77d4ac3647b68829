"""PKCE (RFC 7636) and OAuth ``state`` values.

The code verifier is 64 characters drawn by :mod:`secrets` from the unreserved set (RFC 7636
section 4.1 allows 43-128); the challenge is ``BASE64URL(SHA256(verifier))`` without padding, the
only method Spotify documents (S256).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import string

UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
VERIFIER_MIN_LENGTH = 43
VERIFIER_MAX_LENGTH = 128
_ALPHABET = string.ascii_letters + string.digits + "-._~"


def new_code_verifier(length: int = 64) -> str:
    """A fresh, high-entropy code verifier of ``length`` unreserved characters."""
    if not VERIFIER_MIN_LENGTH <= length <= VERIFIER_MAX_LENGTH:
        raise ValueError(f"a code verifier has 43 to 128 characters, not {length}")
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def is_valid_code_verifier(verifier: str) -> bool:
    """Whether ``verifier`` is an RFC 7636 code verifier (43-128 unreserved characters)."""
    return VERIFIER_MIN_LENGTH <= len(verifier) <= VERIFIER_MAX_LENGTH and UNRESERVED.issuperset(
        verifier
    )


def code_challenge(verifier: str) -> str:
    """The S256 challenge for ``verifier``: base64url of its SHA-256, no padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_state() -> str:
    """An unguessable ``state`` value for one authorization request."""
    return secrets.token_urlsafe(24)


def same_secret(a: str, b: str) -> bool:
    """Constant-time comparison of two secrets (state values)."""
    return hmac.compare_digest(a.encode(), b.encode())
