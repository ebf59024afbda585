"""Running the `ferry` binary from the monitoring suite: where it is, and one call with its exit status."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def ferry_binary() -> Path:
    """FERRY_BIN, else the debug build; the suite stops with a clear message when neither exists."""
    binary = Path(os.environ.get("FERRY_BIN", ROOT / ".build" / "debug" / "ferry"))
    if not binary.exists():
        pytest.exit(f"ferry binary not found at {binary}; build it (swift build) or set FERRY_BIN", returncode=3)
    return binary


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def ferry(*args: str | os.PathLike, timeout: float = 600) -> Outcome:
    """Runs `ferry ARGS...` and returns its exit status and output (never raises on a non-zero status)."""
    done = subprocess.run(
        [str(ferry_binary()), *map(str, args)], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def drift_json(reference: Path, current: Path, *extra: str) -> tuple[int, dict]:
    """`ferry drift --json -` on two files: the exit status and the report."""
    outcome = ferry("drift", "--reference", reference, "--current", current, "--json", "-", *extra)
    assert outcome.status in (0, 1), f"ferry drift failed ({outcome.status}): {outcome.stderr}"
    return outcome.status, outcome.json()
