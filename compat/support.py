"""Shared helpers for the compatibility suite: starting servers, raw HTTP, unique names.

The suite drives a running tracking server (Ferry, or MLflow's own server for reference) with the
real `mlflow` client and with raw HTTP. Nothing here knows Ferry's internals.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Which server the suite drives: "ferry" (default) or "mlflow" (the reference implementation).
SERVER_KIND = os.environ.get("FERRY_COMPAT_SERVER", "ferry").strip().lower() or "ferry"
if SERVER_KIND not in ("ferry", "mlflow"):
    raise RuntimeError(f"FERRY_COMPAT_SERVER must be 'ferry' or 'mlflow', not {SERVER_KIND!r}")

IS_FERRY = SERVER_KIND == "ferry"
IS_MLFLOW = SERVER_KIND == "mlflow"

#: Marks a test that checks Ferry-only hardening: MLflow's own server answers differently
#: (usually a 500, a silent 200, or a redirect), so the test is skipped against it.
#: FERRY_COMPAT_FORCE_ALL=1 runs them anyway, to see how MLflow itself answers.
ferry_only = pytest.mark.skipif(
    IS_MLFLOW and os.environ.get("FERRY_COMPAT_FORCE_ALL") != "1",
    reason="Ferry-only hardening; MLflow's server behaves differently here",
)


def unique(prefix: str = "compat") -> str:
    """A name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def now_ms() -> int:
    return int(time.time() * 1000)


# --------------------------------------------------------------------------------------------
# Backend stores
# --------------------------------------------------------------------------------------------

POSTGRES_URI = os.environ.get("FERRY_TEST_POSTGRES_URI", "").strip()


def _psql(admin_uri: str, sql: str) -> None:
    subprocess.run(
        ["psql", admin_uri, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _replace_database(uri: str, database: str) -> str:
    """`postgresql://user@host:port/db?x` with db replaced."""
    scheme, rest = uri.split("://", 1)
    authority, _, tail = rest.partition("/")
    _, q, query = tail.partition("?")
    return f"{scheme}://{authority}/{database}" + (f"?{query}" if q else "")


@dataclass
class BackendStore:
    """A fresh metadata store for one server: a SQLite file, or a new PostgreSQL database."""

    uri: str
    _drop: str | None = None  # database name to drop on cleanup

    @classmethod
    def create(cls, folder: Path) -> "BackendStore":
        if POSTGRES_URI:
            name = f"ferry_compat_{uuid.uuid4().hex[:16]}"
            _psql(POSTGRES_URI, f'CREATE DATABASE "{name}"')
            return cls(uri=_replace_database(POSTGRES_URI, name), _drop=name)
        return cls(uri=f"sqlite:///{folder / 'ferry.db'}")

    def cleanup(self) -> None:
        if self._drop:
            try:
                _psql(POSTGRES_URI, f'DROP DATABASE IF EXISTS "{self._drop}" WITH (FORCE)')
            except Exception as error:  # cleanup must not hide a test result
                print(f"warning: could not drop database {self._drop}: {error}")


# --------------------------------------------------------------------------------------------
# Server processes
# --------------------------------------------------------------------------------------------


def ferry_binary() -> Path:
    return Path(os.environ.get("FERRY_BIN", str(REPO_ROOT / ".build" / "debug" / "ferry")))


@dataclass
class ServerProcess:
    """One tracking server started by this suite, stopped by its PID (and its process group)."""

    kind: str
    backend_uri: str
    artifacts_destination: str
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    _log_file: object | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        common = [
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--backend-store-uri", self.backend_uri,
            "--artifacts-destination", self.artifacts_destination,
        ]
        if self.kind == "ferry":
            binary = ferry_binary()
            if not binary.exists():
                pytest.exit(f"ferry binary not found at {binary}; build it or set FERRY_BIN", returncode=3)
            return [str(binary), "server", *common]
        if self.backend_uri.startswith("postgresql://"):
            # SQLAlchemy 2.1 maps postgresql:// to psycopg 3; use psycopg2 when that is what is installed.
            if importlib.util.find_spec("psycopg") is None:
                common[common.index(self.backend_uri)] = "postgresql+psycopg2://" + self.backend_uri.split("://", 1)[1]
        sibling = Path(sys.executable).parent / "mlflow"
        mlflow = str(sibling) if sibling.exists() else (shutil.which("mlflow") or "mlflow")
        return [mlflow, "server", *common, "--workers", "1"]

    def start(self, timeout: float = 180.0) -> "ServerProcess":
        self.port = self.port or free_port()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.workdir / f"server-{self.kind}-{self.port}-{uuid.uuid4().hex[:6]}.log"
        self._log_file = open(self.log_path, "wb")
        env = dict(os.environ)
        env.update(self.extra_env)
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so helpers it spawns stop with it
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"server exited with status {self.process.returncode} during startup")
            try:
                response = requests.get(self.url + "/health", timeout=2)
                if response.status_code == 200 and response.text.strip() == "OK":
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        self._fail(f"server did not answer GET /health with OK within {timeout:.0f}s")
        return self

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def _fail(self, why: str) -> None:
        message = f"{why}\ncommand: {' '.join(self.command())}\n--- server log tail ({self.log_path}) ---\n{self.log_tail()}"
        print(message)
        pytest.fail(message, pytrace=False)

    def kill_hard(self) -> None:
        """SIGKILL, as a crash would: no shutdown hooks run."""
        self._signal(signal.SIGKILL)
        self._wait(10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            if not self._wait(15):
                self._signal(signal.SIGKILL)
                self._wait(10)
        # Reap any helper left in the group (mlflow's uvicorn workers and job consumers).
        self._signal(signal.SIGKILL)
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    def _signal(self, sig: int) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, sig)  # the group we created with start_new_session
        except (ProcessLookupError, PermissionError):
            try:
                self.process.send_signal(sig)
            except ProcessLookupError:
                pass

    def _wait(self, seconds: float) -> bool:
        try:
            self.process.wait(timeout=seconds)
            return True
        except subprocess.TimeoutExpired:
            return False


# --------------------------------------------------------------------------------------------
# Raw HTTP
# --------------------------------------------------------------------------------------------


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def error_code(self) -> str | None:
        try:
            value = self.json()
        except (ValueError, UnicodeDecodeError):
            return None
        return value.get("error_code") if isinstance(value, dict) else None


def raw_request(base_url: str, method: str, target: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30.0) -> RawResponse:
    """Send `target` byte-for-byte (no path normalisation, no re-encoding), as an attacker would."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        all_headers = dict(headers or {})
        if body is not None:
            all_headers.setdefault("Content-Length", str(len(body)))
        for name, value in all_headers.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        data = response.read()
        return RawResponse(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        connection.close()


class Rest:
    """Thin JSON client for `/api/2.0/mlflow/...` used by raw-REST tests."""

    def __init__(self, base_url: str, session: requests.Session):
        self.base = base_url
        self.session = session

    def post(self, endpoint: str, body, **kwargs) -> requests.Response:
        return self.session.post(f"{self.base}/api/2.0/mlflow/{endpoint}", json=body, timeout=60, **kwargs)

    def get(self, endpoint: str, **params) -> requests.Response:
        return self.session.get(f"{self.base}/api/2.0/mlflow/{endpoint}", params=params, timeout=60)

    def create_experiment(self, name: str | None = None, **fields) -> str:
        response = self.post("experiments/create", {"name": name or unique("rest"), **fields})
        assert response.status_code == 200, response.text
        return response.json()["experiment_id"]

    def create_run(self, experiment_id: str, **fields) -> dict:
        response = self.post("runs/create", {"experiment_id": experiment_id, "start_time": now_ms(), **fields})
        assert response.status_code == 200, response.text
        return response.json()["run"]

    def get_run(self, run_id: str) -> dict:
        response = self.get("runs/get", run_id=run_id)
        assert response.status_code == 200, response.text
        return response.json()["run"]


def assert_error(response, status: int, error_code: str) -> dict:
    """The response is an MLflow JSON error with this HTTP status and error_code."""
    status_code = getattr(response, "status_code", None) or getattr(response, "status")
    text = response.text if hasattr(response, "text") else response.body.decode("utf-8", "replace")
    assert status_code == status, f"expected HTTP {status}, got {status_code}: {text[:500]}"
    body = json.loads(text)
    assert body.get("error_code") == error_code, f"expected {error_code}, got {body}"
    assert isinstance(body.get("message"), str) and body["message"], body
    return body


def assert_client_error(status_code: int, text: str = "") -> None:
    """A 4xx: refused as bad input, never a crash (5xx) and never accepted."""
    assert 400 <= status_code < 500, f"expected a 4xx, got {status_code}: {text[:300]}"


def add_version(rest, name: str, logged, **fields) -> dict:
    """A new version of `name` from a logged model ({run_id, model_id}), by raw REST (fast, no polling)."""
    response = rest.post("model-versions/create", {
        "name": name,
        "source": f"models:/{logged['model_id']}",
        "run_id": logged["run_id"],
        "model_id": logged["model_id"],
        **fields,
    })
    assert response.status_code == 200, response.text
    return response.json()["model_version"]
