"""Starting, timing, measuring and stopping the two tracking servers.

Each server runs in its own process group (start_new_session), on 127.0.0.1, on a free port, with a fresh
SQLite file and artifact folder. It is stopped by its PID: SIGTERM to the group, then SIGKILL after a grace period.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"

#: Both servers and the client get these, so neither side phones home during a measurement.
QUIET_ENV = {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DO_NOT_TRACK": "true",
    "GIT_PYTHON_REFRESH": "quiet",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ferry_binary(path: str | None) -> str | None:
    """The ferry binary's absolute path; None, with a message on stderr, when it is not there."""
    if not path or not Path(path).is_file():
        print(f"ferry binary not found ({path or 'FERRY_BIN unset'}); set FERRY_BIN or --ferry-bin", file=sys.stderr)
        return None
    return str(Path(path).resolve())


def mlflow_executable(python: str) -> str:
    """The `mlflow` script next to the benchmark's Python, so client and server are the same install."""
    sibling = Path(python).parent / "mlflow"
    if sibling.exists():
        return str(sibling)
    found = shutil.which("mlflow")
    if not found:
        raise SystemExit(f"no `mlflow` executable next to {python} or on PATH")
    return found


@dataclass
class ServerSpec:
    """What to start: `ferry` (a binary) or `mlflow` (the `mlflow server` CLI)."""

    kind: str  # "ferry" or "mlflow"
    executable: str
    mlflow_workers: int = 4

    @property
    def label(self) -> str:
        if self.kind == "ferry":
            return "Ferry"
        return f"MLflow ({self.mlflow_workers} worker{'s' if self.mlflow_workers != 1 else ''})"

    def command(self, port: int, db_path: Path, artifacts: Path) -> list[str]:
        # sqlite:/// followed by an absolute path gives four slashes: sqlite:////tmp/x/ferry.db
        common = [
            "--host", HOST,
            "--port", str(port),
            "--backend-store-uri", f"sqlite:///{db_path}",
            "--artifacts-destination", str(artifacts),
        ]
        if self.kind == "ferry":
            return [self.executable, "server", *common]
        return [self.executable, "server", *common, "--workers", str(self.mlflow_workers)]

    def display_command(self) -> str:
        """The command with placeholder paths, for the report."""
        parts = self.command(0, Path("/TMP/DIR") / f"{self.kind}.db", Path("/TMP/DIR/artifacts"))
        parts[0] = "ferry" if self.kind == "ferry" else "mlflow"
        return " ".join(p if p != "0" else "PORT" for p in parts)


class ServerFailed(RuntimeError):
    pass


@dataclass
class RunningServer:
    spec: ServerSpec
    folder: Path
    port: int
    process: subprocess.Popen
    log_path: Path
    ready_seconds: float = 0.0
    _log: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def error_lines(self, limit: int = 20) -> list[str]:
        """Log lines that look like server-side errors (tracebacks, 5xx, 'error')."""
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []
        hits = []
        for line in text:
            low = line.lower()
            if ("error" in low or "traceback" in low or '" 50' in line or "critical" in low) \
                    and "deprecat" not in low:
                hits.append(line.strip()[:300])
        return hits[:limit] + ([f"... and {len(hits) - limit} more"] if len(hits) > limit else [])

    def stop(self) -> None:
        """SIGTERM to the group whose id is our child's PID, then SIGKILL whatever is left."""
        if self.process.poll() is None:
            _signal_group(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        _signal_group(self.pid, signal.SIGKILL)  # helpers (uvicorn workers, job runner) that outlived the parent
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        if self._log:
            self._log.close()
            self._log = None


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _health_ok(port: int, timeout: float) -> bool:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", "/health")
        response = conn.getresponse()
        body = response.read()
        return response.status == 200 and body.strip() == b"OK"
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def start_server(spec: ServerSpec, parent: Path, timeout: float = 180.0, poll_s: float = 0.005) -> RunningServer:
    """Spawn the server on a fresh folder and return once GET /health answers 200 `OK`.

    ready_seconds runs from just before the spawn to the first 200, polling every `poll_s`.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{spec.kind}-", dir=parent))
    artifacts = folder / "artifacts"
    artifacts.mkdir()
    port = free_port()
    log_path = folder / "server.log"
    log = open(log_path, "wb")
    env = dict(os.environ)
    env.update(QUIET_ENV)
    command = spec.command(port, folder / f"{spec.kind}.db", artifacts)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = RunningServer(spec=spec, folder=folder, port=port, process=process, log_path=log_path, _log=log)
    deadline = started + timeout
    next_poll = started
    while True:
        now = time.perf_counter()
        if now > deadline:
            server.stop()
            raise ServerFailed(f"{spec.label} did not answer /health within {timeout:.0f}s\n"
                               f"command: {' '.join(command)}\n{server.log_tail()}")
        if process.poll() is not None:
            server.stop()
            raise ServerFailed(f"{spec.label} exited with status {process.returncode} during startup\n"
                               f"command: {' '.join(command)}\n{server.log_tail()}")
        if _health_ok(port, timeout=1.0):
            server.ready_seconds = time.perf_counter() - started
            return server
        next_poll += poll_s
        delay = next_poll - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        else:
            next_poll = time.perf_counter()


# ---------------------------------------------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------------------------------------------


def _stat_fields(pid: int | str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, ppid, ...), or None if the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode(errors="replace")
    except OSError:
        return None
    # the comm field may hold spaces and parentheses; the fields after the last ')' are fixed
    return stat[stat.rfind(")") + 2:].split()


def _descendants(root: int) -> list[int]:
    """root and every process below it, from the ppid field of /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        rest = _stat_fields(entry)
        if rest is not None:
            children.setdefault(int(rest[1]), []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _status_kb(pid: int, field_name: str, filename: str = "status") -> int:
    try:
        with open(f"/proc/{pid}/{filename}") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class Memory:
    rss_mb: float  # VmRSS summed over the process tree
    pss_mb: float  # Pss summed over the tree (shared pages split between processes)
    processes: int
    helpers_rss_mb: float  # of rss_mb: mlflow's job runner and huey consumers (not serving HTTP)


def memory(server: RunningServer) -> Memory:
    pids = _descendants(server.pid)
    rss = pss = helpers = 0
    for pid in pids:
        r = _status_kb(pid, "VmRSS")
        rss += r
        pss += _status_kb(pid, "Pss", "smaps_rollup")
        cmd = _cmdline(pid)
        if "_job_runner" in cmd or "huey" in cmd:
            helpers += r
    return Memory(rss / 1024, pss / 1024, len(pids), helpers / 1024)


def _cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        rest = _stat_fields(pid)
        if rest is not None:
            ticks += int(rest[11]) + int(rest[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_seconds(server: RunningServer) -> float:
    """User + system CPU time used so far by the server's process tree (children that exited are not counted)."""
    return _cpu_seconds(_descendants(server.pid))


def settle(server: RunningServer, window: float = 1.0, busy_fraction: float = 0.05, limit: float = 90.0) -> float:
    """Wait until the server's process tree uses under `busy_fraction` of a core for `window` seconds.

    MLflow answers /health before its other workers have finished importing; starting the workload then would
    charge their start-up to the workload. Returns the seconds waited (bounded by `limit`).
    """
    start = time.perf_counter()
    previous = _cpu_seconds(_descendants(server.pid))
    while time.perf_counter() - start < limit:
        time.sleep(window)
        current = _cpu_seconds(_descendants(server.pid))
        if current - previous < busy_fraction * window:
            break
        previous = current
    return time.perf_counter() - start


if __name__ == "__main__":  # pragma: no cover
    print("run Benchmarks/tracking/run instead", file=sys.stderr)
    sys.exit(2)
