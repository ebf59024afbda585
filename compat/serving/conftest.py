"""Fixtures of the serving suite: the ONNX fixture files, and `ferry serve` processes over them.

Each server listens on a free 127.0.0.1 port and is stopped by its PID at the end of the session.
FERRY_BIN is the binary (default .build/debug/ferry); FERRY_TEST_ONNX_DIR the folder written by
compat/onnx_fixtures.py (written into the session's temp folder when unset).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The registry tests use the mlflow client: errors surface at once, and it stays quiet and offline.
os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "60")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import pytest  # noqa: E402

import serving_support as s  # noqa: E402
from support import REPO_ROOT, ferry_binary  # noqa: E402

_GENERATED: tempfile.TemporaryDirectory | None = None


def pytest_configure(config):
    """Make sure the fixture files exist before collection: tests are parametrized by the manifest."""
    global _GENERATED
    if os.environ.get("FERRY_TEST_ONNX_DIR") and (Path(os.environ["FERRY_TEST_ONNX_DIR"]) / "manifest.json").exists():
        return
    _GENERATED = tempfile.TemporaryDirectory(prefix="ferry-serving-onnx-")
    subprocess.run([sys.executable, str(REPO_ROOT / "compat" / "onnx_fixtures.py"), _GENERATED.name], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    os.environ["FERRY_TEST_ONNX_DIR"] = _GENERATED.name


def pytest_unconfigure(config):
    if _GENERATED is not None:
        _GENERATED.cleanup()


def pytest_report_header(config):
    return [f"ferry serve: {ferry_binary()}, ONNX fixtures: {os.environ.get('FERRY_TEST_ONNX_DIR')} "
            f"({len(s.manifest())} families)"]


def pytest_generate_tests(metafunc):
    if "family" in metafunc.fixturenames:
        families = [e["family"] for e in s.manifest()]
        metafunc.parametrize("family", families, ids=families)


@pytest.fixture(scope="session")
def work_dir():
    with tempfile.TemporaryDirectory(prefix="ferry-serving-") as folder:
        yield Path(folder)


#: (command line, last log lines) of each server, kept when it stops (its folder goes with the session).
LOG_TAILS: list[tuple[str, str]] = []


def pytest_terminal_summary(terminalreporter):
    """When tests failed, show the tail of each server's log."""
    if not terminalreporter.stats.get("failed"):
        return
    for command, tail in LOG_TAILS:
        terminalreporter.section(f"ferry serve log, last 30 lines: {command[:160]}")
        terminalreporter.write_line(tail)


@pytest.fixture(scope="session")
def start_server(work_dir):
    """Starts a `ferry serve` (see serving_support.serve) that stops when the session ends."""
    started: list[s.ServeProcess] = []

    def start(*models: str, **options) -> s.ServeProcess:
        server = s.serve(work_dir / f"serve-{len(started)}", *models, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        LOG_TAILS.append((" ".join(server.command()[1:]), server.log_tail(30)))


@pytest.fixture(scope="session")
def zoo(start_server) -> str:
    """Every fixture family, each served under its family name."""
    return start_server(*(f"{e['family']}={s.fixture_dir() / e['file']}" for e in s.manifest())).url


@pytest.fixture(scope="session")
def tiny_models(work_dir) -> dict[str, Path]:
    folder = work_dir / "tiny"
    folder.mkdir()
    return {
        "datatypes": s.datatypes_model(folder / "datatypes.onnx"),
        "unsupported": s.unsupported_operator_model(folder / "unsupported.onnx"),
    }


@pytest.fixture(scope="session")
def single(start_server) -> str:
    """One model alone (so bare /invocations answers), with a 1 MiB request limit."""
    return start_server(str(s.model_path("logistic_binary")), names=["logistic_binary"],
                        options=["--max-request-size", "1"]).url


@pytest.fixture(scope="session")
def multi(start_server, tiny_models) -> str:
    """A logistic regression (no NaN support), the datatypes graph, and a string-column ColumnTransformer."""
    return start_server(f"lr={s.model_path('logistic_binary')}", f"types={tiny_models['datatypes']}",
                        f"frame={s.model_path('column_transformer_onehot')}").url
