"""Every Python block of the README and the docs is valid as written, and every program runs.

A block is a *program* when it ends its work with ``asyncio.run(...)``; it is then run as a
reader would run it, against the emulator (see :mod:`tests.docs.programs`), and must exit 0. A
block that starts with a ``# tests/test_...py`` comment is a pytest file and must pass under
pytest. Every other block is a fragment, which must still compile as a module: a top-level
``await`` (valid only in a REPL) fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from async_spotify.emulator import Emulator
from tests.docs.programs import run_program
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def blocks() -> list[tuple[str, str]]:
    """(``file:line``, code) of every Python block."""
    found = []
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            found.append((f"{source.relative_to(ROOT)}:{line}", match.group(1)))
    return found


BLOCKS = blocks()
PROGRAMS = [(where, code) for where, code in BLOCKS if "asyncio.run(" in code]
PYTEST_FILES = [(where, code) for where, code in BLOCKS if code.startswith("# tests/test_")]


def test_the_docs_have_programs_to_run() -> None:
    assert len(PROGRAMS) >= 6
    assert len(PYTEST_FILES) >= 1


@pytest.mark.parametrize(("where", "code"), BLOCKS, ids=[where for where, _ in BLOCKS])
def test_block_compiles(where: str, code: str) -> None:
    compile(code, where, "exec")


@pytest.mark.parametrize(("where", "code"), PROGRAMS, ids=[where for where, _ in PROGRAMS])
async def test_program_runs_against_the_emulator(
    where: str, code: str, spotify_emulator: Emulator, tmp_path: Path
) -> None:
    (tmp_path / "program.py").write_text(code, encoding="utf-8")
    done = await run_program(
        ["program.py"], spotify_emulator, cwd=tmp_path, redirect_port=free_port()
    )
    assert done.returncode == 0, f"{where}:\n{done.stdout}\n{done.stderr}"
    assert spotify_emulator.stats()["emulator_bugs"] == 0


@pytest.mark.parametrize(("where", "code"), PYTEST_FILES, ids=[where for where, _ in PYTEST_FILES])
async def test_pytest_file_passes(
    where: str, code: str, spotify_emulator: Emulator, tmp_path: Path
) -> None:
    (tmp_path / "test_block.py").write_text(code, encoding="utf-8")
    done = await run_program(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "test_block.py"],
        spotify_emulator,
        cwd=tmp_path,
        redirect_port=free_port(),
    )
    assert done.returncode == 0, f"{where}:\n{done.stdout}\n{done.stderr}"
    assert re.search(r"\d+ passed", done.stdout), done.stdout
    assert " failed" not in done.stdout
