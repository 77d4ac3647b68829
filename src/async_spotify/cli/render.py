"""What the commands show a person: search tables, the logged-in user, the token (masked), and
the export's progress bar."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from async_spotify.auth.token import SpotifyAuthorisationToken

SEARCH_TYPES = ("album", "artist", "playlist", "track", "show", "episode", "audiobook")


def search_tables(result: Mapping[str, Any], types: Sequence[str]) -> list[Table]:
    """One table per searched type, in the order asked."""
    tables = []
    for kind in types:
        page = result.get(f"{kind}s")
        if not isinstance(page, Mapping):
            continue
        items = [item for item in page.get("items") or [] if isinstance(item, Mapping)]
        title = f"{kind.capitalize()}s: {len(items)} of {page.get('total', len(items))}"
        table = Table(title=title, title_justify="left")
        for header in ("#", "Name", "By", "Details", "ID"):
            table.add_column(header, no_wrap=header == "ID")
        for number, item in enumerate(items, start=int(page.get("offset") or 0) + 1):
            by, details = _describe(kind, item)
            table.add_row(str(number), str(item.get("name", "")), by, details, str(item["id"]))
        tables.append(table)
    return tables


def _describe(kind: str, item: Mapping[str, Any]) -> tuple[str, str]:
    if kind == "track":
        album = item.get("album") or {}
        return _names(item.get("artists")), f"{album.get('name', '')} · {_minutes(item)}"
    if kind == "album":
        return _names(item.get("artists")), str(item.get("release_date", ""))
    if kind == "artist":
        followers = (item.get("followers") or {}).get("total")
        genres = ", ".join(item.get("genres") or [])
        return genres, f"{followers:,} followers" if isinstance(followers, int) else ""
    if kind == "playlist":
        owner = item.get("owner") or {}
        count = (item.get("items") or item.get("tracks") or {}).get("total")
        return str(owner.get("display_name") or owner.get("id", "")), f"{count} items"
    if kind == "show":
        return str(item.get("publisher", "")), f"{item.get('total_episodes', '?')} episodes"
    if kind == "episode":
        return str(item.get("release_date", "")), _minutes(item)
    if kind == "audiobook":
        return _names(item.get("authors")), str(item.get("publisher", ""))
    return "", ""


def _names(objects: object) -> str:
    if not isinstance(objects, list):
        return ""
    return ", ".join(str(o.get("name", "")) for o in objects if isinstance(o, Mapping))


def _minutes(item: Mapping[str, Any]) -> str:
    duration = item.get("duration_ms")
    if not isinstance(duration, int):
        return ""
    seconds = duration // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def user_line(me: Mapping[str, Any]) -> str:
    """``Name (id) · email · country · product``."""
    parts = [f"{me.get('display_name') or me.get('id')} ({me.get('id')})"]
    parts += [str(me[key]) for key in ("email", "country", "product") if me.get(key)]
    return " · ".join(parts)


def mask(secret: str | None) -> str:
    """A secret as ``****`` and its last four characters: enough to tell two apart."""
    if not secret:
        return "(none)"
    return "****" + secret[-4:] if len(secret) > 12 else "****"


def token_lines(
    token: SpotifyAuthorisationToken, path: Path, client_id: str, *, now: float | None = None
) -> list[tuple[str, str]]:
    """The rows ``async-spotify token`` prints: never a whole secret."""
    current = time.time() if now is None else now
    rows = [
        ("client id", client_id),
        ("access token", mask(token.access_token)),
        ("refresh token", mask(token.refresh_token)),
        ("token type", token.token_type or "Bearer"),
        ("scopes", " ".join(sorted(token.scopes)) or "(none)"),
    ]
    if token.activation_time is not None:
        rows.append(("issued", _utc(token.activation_time)))
    expires_at = token.expires_at
    if expires_at is not None:
        left = expires_at - current
        if left > 0:
            state = f"in {_span(left)}"
        else:
            renew = "renewed on next use" if token.refresh_token else "log in again"
            state = f"expired {_span(-left)} ago; {renew}"
        rows.append(("expires", f"{_utc(expires_at)} ({state})"))
    rows.append(("file", str(path)))
    return rows


def _utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes >= 120:
        return f"{minutes // 60} h {minutes % 60} min"
    if minutes >= 1:
        return f"{minutes} min"
    return f"{int(seconds)} s"


class RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} items/s" if speed else "… items/s", style="progress.data.speed")


def export_progress(console: Console, *, quiet: bool = False) -> Progress:
    """The export's bar on ``console`` (standard error); silent when that is not a terminal, or
    when ``quiet`` (the items themselves go to the same terminal)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("items"),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet or not console.is_terminal,
    )
