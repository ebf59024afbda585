"""Fixtures of the monitoring suite: the ferry binary under test (FERRY_BIN, else the debug build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ferry_cli import ferry_binary


@pytest.fixture(scope="session")
def ferry_bin() -> Path:
    """The ferry binary; the session stops with a clear message when it is not built."""
    return ferry_binary()
