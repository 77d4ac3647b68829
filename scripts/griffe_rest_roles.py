"""A griffe extension: render the reST roles of our docstrings as Markdown code.

The docstrings are written for ``help()`` and IDEs, where ``:meth:`paginate``` reads well; on the
site the role would show as literal text. ``:role:`~pkg.mod.Name``` becomes ``Name`` in code,
``:role:`pkg.mod.Name``` keeps the whole path.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:meth|class|mod|func|attr|data|exc|obj):`(~?)([^`]+)`")


def _code(match: re.Match[str]) -> str:
    target = match.group(2).lstrip(".")
    if match.group(1):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


class RestRoles(griffe.Extension):
    """Rewrites reST roles in every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _ROLE.sub(_code, obj.docstring.value)
