"""Run the resilience tests again and again while other processes keep every core busy.

``make stress-tests`` (``python scripts/stress_tests.py --runs 20 --spinners 2``) starts
``--spinners`` processes spinning ``while True: pass``, runs ``pytest tests/resilience`` ``--runs``
times one after the other, stops the spinners, and prints one line per run, the soak's counts of
every run (they must be equal: the soak is deterministic per seed), and a closing
``N passed, M failed`` line. The exit status is 0 only if every run passed and every soak counted
the same.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPIN = "while True: pass"


def run_once(pytest_args: list[str]) -> tuple[bool, str, str]:
    """One pytest run: whether it passed, its summary line and the soak's counts line."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/resilience",
        "-q",
        "-s",
        "-p",
        "no:cacheprovider",
    ]
    result = subprocess.run(
        [*command, *pytest_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.splitlines()
    summary = next((line for line in reversed(lines) if " in " in line and "=" not in line), "")
    summary = summary or (lines[-1] if lines else result.stderr.strip()[-200:])
    soak = next((line for line in lines if line.startswith("soak: ")), "")
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:])
    return result.returncode == 0, summary.strip(), soak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--spinners", type=int, default=2, help="busy processes (default 2)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments")
    arguments = parser.parse_args()

    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(arguments.spinners)]
    passed = failed = 0
    soaks: set[str] = set()
    started = time.monotonic()
    try:
        for number in range(1, arguments.runs + 1):
            ok, summary, soak = run_once(arguments.pytest_args)
            passed, failed = passed + ok, failed + (not ok)
            soaks.add(soak)
            print(f"run {number:2}: {'PASSED' if ok else 'FAILED'}  {summary}", flush=True)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    minutes = (time.monotonic() - started) / 60
    print(f"{arguments.spinners} spinning processes, {arguments.runs} runs in {minutes:.1f} min")
    print(f"soak counts, the same in every run: {len(soaks) == 1}")
    for soak in sorted(soaks):
        print(f"  {soak}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and len(soaks) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
