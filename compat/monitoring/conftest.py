"""Fixtures of the monitoring suite. FERRY_BIN is the ferry binary under test; tests that need it skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def ferry_bin() -> Path:
    """The ferry binary named by FERRY_BIN (skips the test when it is unset or not an executable file)."""
    value = os.environ.get("FERRY_BIN")
    if not value:
        pytest.skip("FERRY_BIN is not set: point it at a built ferry binary (scripts/test sets it)")
    path = Path(value)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"FERRY_BIN={value} is not an executable file: build ferry first (swift build)")
    return path
