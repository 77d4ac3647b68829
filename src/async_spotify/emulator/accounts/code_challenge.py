"""PKCE (RFC 7636) as Spotify does it: S256 only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

#: A verifier: 43 to 128 unreserved characters (RFC 7636 section 4.1).
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
#: An S256 challenge: unpadded base64url of a SHA-256 digest, always 43 characters.
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")


def s256_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_valid_challenge(challenge: str) -> bool:
    return _CHALLENGE.fullmatch(challenge) is not None


def verifier_matches(verifier: str, challenge: str) -> bool:
    """Whether ``verifier`` is well formed and hashes to ``challenge`` (constant-time compare)."""
    if _VERIFIER.fullmatch(verifier) is None:
        return False
    return hmac.compare_digest(s256_challenge(verifier), challenge)
