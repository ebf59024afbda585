"""Session fixtures: one tracking server for the whole run, and clients pointed at it.

FERRY_COMPAT_SERVER=ferry|mlflow picks the server (default ferry). See compat/README.md.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Errors must surface at once: the client would otherwise retry 5xx for about four minutes.
os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "60")
# Keep the client quiet and offline.
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_LOGGING", "false")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import mlflow  # noqa: E402
import pytest  # noqa: E402
import requests  # noqa: E402

from support import SERVER_KIND, BackendStore, Rest, ServerProcess  # noqa: E402


def pytest_report_header(config):
    target = os.environ.get("FERRY_BIN", "<repo>/.build/debug/ferry") if SERVER_KIND == "ferry" else "mlflow server"
    store = "postgres" if os.environ.get("FERRY_TEST_POSTGRES_URI") else "sqlite"
    return [f"compat server: {SERVER_KIND} ({target}), backend store: {store}"]


@pytest.fixture(scope="session")
def session_dir():
    with tempfile.TemporaryDirectory(prefix="ferry-compat-") as folder:
        yield Path(folder)


KEPT_LOGS: list[Path] = []


def pytest_terminal_summary(terminalreporter):
    """When tests failed, show where the server's log was kept and its tail."""
    for path in KEPT_LOGS:
        terminalreporter.section(f"server log (kept at {path}), last 40 lines")
        terminalreporter.write_line("\n".join(path.read_text(errors="replace").splitlines()[-40:]))


@pytest.fixture(scope="session")
def server(session_dir, request):
    """The server under test, shared by the whole session."""
    artifacts = session_dir / "artifacts"
    artifacts.mkdir()
    store = BackendStore.create(session_dir)
    process = ServerProcess(
        kind=SERVER_KIND,
        backend_uri=store.uri,
        artifacts_destination=str(artifacts),
        workdir=session_dir / "work",
    )
    try:
        process.start()
        yield process
    finally:
        process.stop()
        store.cleanup()
        if request.session.testsfailed and process.log_path and process.log_path.exists():
            kept = Path(tempfile.gettempdir()) / f"ferry-compat-{SERVER_KIND}-{process.port}.log"
            shutil.copyfile(process.log_path, kept)
            KEPT_LOGS.append(kept)


@pytest.fixture(scope="session")
def base_url(server) -> str:
    """`http://127.0.0.1:PORT` of the server under test."""
    return server.url


@pytest.fixture(scope="session")
def artifacts_dir(server) -> Path:
    """The folder given as --artifacts-destination."""
    return Path(server.artifacts_destination)


@pytest.fixture(scope="session", autouse=True)
def tracking_uri(base_url):
    """Point the mlflow client at the server for every test."""
    os.environ["MLFLOW_TRACKING_URI"] = base_url
    mlflow.set_tracking_uri(base_url)
    yield base_url


@pytest.fixture(scope="session")
def http() -> requests.Session:
    """A plain `requests` session for raw REST calls."""
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def rest(base_url, http) -> Rest:
    return Rest(base_url, http)


@pytest.fixture(scope="session")
def client(tracking_uri) -> mlflow.MlflowClient:
    return mlflow.MlflowClient(tracking_uri=tracking_uri)


@pytest.fixture(autouse=True)
def _fresh_fluent_state():
    """No test sees another's active run or active experiment (fluent API globals)."""
    yield
    while mlflow.active_run() is not None:
        mlflow.end_run()
    import mlflow.tracking.fluent as fluent

    fluent._active_experiment_id = None
    for variable in ("MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_RUN_ID"):
        os.environ.pop(variable, None)


@pytest.fixture
def experiment_id(client) -> str:
    """A fresh, uniquely named experiment for one test."""
    import uuid

    return client.create_experiment(f"compat-{uuid.uuid4().hex[:12]}")
