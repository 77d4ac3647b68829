"""Run the resilience tests again and again while other processes keep every core busy.

``make stress-tests`` (``python scripts/stress_tests.py --runs 20 --spinners 2``) starts
``--spinners`` processes spinning ``while True: pass``, runs ``pytest tests/resilience`` ``--runs``
times (``--parallel`` at a time, one by default: more load still, and a shorter wait on a machine
others share), stops the spinners, and prints one line per run, the soak's counts of every run
(they must be equal: the soak is deterministic per seed), and a closing ``N passed, M failed``
line. The exit status is 0 only if every run passed and every soak counted
the same.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import signal
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
    parser.add_argument("--parallel", type=int, default=1, help="runs at a time (default 1)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments")
    arguments = parser.parse_args()

    # A SIGTERM (``timeout``, a CI limit) unwinds through the finally below: no spinner outlives us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(arguments.spinners)]
    passed = failed = 0
    soaks: set[str] = set()
    started = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(arguments.parallel) as pool:
            runs = [pool.submit(run_once, arguments.pytest_args) for _ in range(arguments.runs)]
            for number, run in enumerate(concurrent.futures.as_completed(runs), start=1):
                ok, summary, soak = run.result()
                passed, failed = passed + ok, failed + (not ok)
                soaks.add(soak)
                print(f"run {number:2}: {'PASSED' if ok else 'FAILED'}  {summary}", flush=True)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    minutes = (time.monotonic() - started) / 60
    print(
        f"{arguments.spinners} spinning processes, {arguments.runs} runs "
        f"({arguments.parallel} at a time) in {minutes:.1f} min"
    )
    print(f"soak counts, the same in every run: {len(soaks) == 1}")
    for soak in sorted(soaks):
        print(f"  {soak}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and len(soaks) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
