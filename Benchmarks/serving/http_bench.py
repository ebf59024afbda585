"""Single-row HTTP serving: `ferry serve` (ONNX) against `mlflow models serve` (the same sklearn model), one run.

For each model (LogisticRegression on 20 features; RandomForest, 100 trees; both fitted on
make_classification(5000, 20)) this starts `mlflow models serve` on the sklearn model (`--env-manager local`,
1 worker) and `ferry serve` on its skl2onnx conversion, checks that both predict the same labels, and then
times one-row requests with keep-alive `requests.Session`s: sequentially (p50/p99 latency, requests/s) and
from several client threads (requests/s). Ferry is timed both on `/invocations` (the very body sent to
MLflow, `dataframe_split`) and on OIP v2 `/v2/models/NAME/infer` (JSON). Prints a markdown table with
the ratios to MLflow. Figures only: nothing here asserts a time.

    Benchmarks/serving/run-http [--warmup 500] [--requests 3000] [--threads 8] [--models lr,rf]
"""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))

import argparse
import http.client
import json
import multiprocessing
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import requests

sys.path.insert(0, str(Path(_HERE).parent / "tracking"))
from servers import HOST, QUIET_ENV, RunningServer, ServerSpec, free_port, mlflow_executable  # noqa: E402

FEATURES = 20
COLUMNS = [f"f{i}" for i in range(FEATURES)]


# ------------------------------------------------------------------------------------------------ models


def fit_models(names: list[str]):
    """The sklearn models, fitted on make_classification(5000, 20) as a DataFrame (so MLflow's pandas
    input carries the feature names the model was fitted with, and sklearn warns about nothing)."""
    import pandas as pd
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression

    x, y = make_classification(n_samples=5000, n_features=FEATURES, random_state=0)
    frame = pd.DataFrame(x.astype(np.float32), columns=COLUMNS)
    makers = {
        "lr": ("LogisticRegression, 20 features", lambda: LogisticRegression(max_iter=1000)),
        "rf": ("RandomForest, 100 trees", lambda: RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1)),
    }
    return {name: (makers[name][0], makers[name][1]().fit(frame, y)) for name in names}, frame


def write_models(folder: Path, name: str, model) -> tuple[Path, Path]:
    """The sklearn model saved as an MLflow model folder (local files), and its ONNX conversion."""
    import mlflow.sklearn
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    mlflow_dir = folder / f"{name}-mlflow"
    # MLflow 3.17 saves with skops, which refuses the tree storage type unless it is named as trusted (we made it).
    mlflow.sklearn.save_model(model, str(mlflow_dir), skops_trusted_types=["sklearn.tree._tree.Tree"])
    onnx_path = folder / f"{name}.onnx"
    onnx_model = convert_sklearn(model, initial_types=[("X", FloatTensorType([None, FEATURES]))],
                                 options={id(model): {"zipmap": False}})
    onnx_path.write_bytes(onnx_model.SerializeToString())
    return mlflow_dir, onnx_path


# ------------------------------------------------------------------------------------------------ servers


def launch(label: str, command: list[str], ready_url: str, folder: Path, port: int, env: dict[str, str],
           timeout: float = 300.0) -> RunningServer:
    """Starts `command` in its own process group and returns once GET `ready_url` answers 200."""
    log_path = folder / f"{label.split()[0].lower()}-{port}.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(command, cwd=folder, env={**os.environ, **QUIET_ENV, **env}, stdin=subprocess.DEVNULL,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = RunningServer(spec=ServerSpec(kind=label, executable=command[0]), folder=folder, port=port, process=process,
                           log_path=log_path, _log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise SystemExit(f"{label} exited with status {process.returncode} during startup\n"
                             f"command: {' '.join(command)}\n{server.log_tail()}")
        try:
            if requests.get(ready_url, timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise SystemExit(f"{label} was not ready within {timeout:.0f}s\ncommand: {' '.join(command)}\n{server.log_tail()}")


def start_mlflow(python: str, model_dir: Path, folder: Path) -> RunningServer:
    port = free_port()
    command = [mlflow_executable(python), "models", "serve", "-m", str(model_dir), "--env-manager", "local",
               "-h", HOST, "-p", str(port), "-w", "1"]
    # `--env-manager local` runs uvicorn from PATH (exit 127 without it): put the venv's bin first.
    path = f"{Path(python).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return launch("MLflow models serve", command, f"http://{HOST}:{port}/ping", folder, port, {"PATH": path})


def start_ferry(binary: str, onnx_files: dict[str, Path], folder: Path) -> RunningServer:
    port = free_port()
    command = [binary, "serve", *(f"{name}={path}" for name, path in onnx_files.items()), "--host", HOST,
               "--port", str(port), "--log-level", "warning"]
    return launch("Ferry serve", command, f"http://{HOST}:{port}/v2/health/ready", folder, port, {})


# ------------------------------------------------------------------------------------------------ timing


@dataclass
class Figures:
    p50_ms: float
    p99_ms: float
    sequential_rps: float
    threaded_rps: float
    process_rps: float


def _bodies(rows: np.ndarray, kind: str) -> list[bytes]:
    if kind == "invocations":
        return [json.dumps({"dataframe_split": {"columns": COLUMNS, "data": [row.tolist()]}}).encode() for row in rows]
    return [json.dumps({"inputs": [{"name": "X", "shape": [1, FEATURES], "datatype": "FP32", "data": row.tolist()}]}).encode()
            for row in rows]


class RequestsClient:
    """A keep-alive `requests.Session`: what most Python callers use (about 1 ms of client work per call here)."""

    def __init__(self, url: str):
        self.url, self.session = url, requests.Session()

    def send(self, body: bytes | None) -> None:
        if body is None:
            response = self.session.get(self.url, timeout=60)
        else:
            response = self.session.post(self.url, data=body, headers={"Content-Type": "application/json"}, timeout=60)
        if response.status_code != 200:
            raise SystemExit(f"{self.url} answered {response.status_code}: {response.text[:300]}")

    def close(self) -> None:
        self.session.close()


class RawClient:
    """One keep-alive `http.client` connection: a thin client, so the figure is closer to the server's own time."""

    def __init__(self, url: str):
        host, _, rest = url.removeprefix("http://").partition("/")
        name, port = host.split(":")
        self.path, self.connection = "/" + rest, http.client.HTTPConnection(name, int(port), timeout=60)

    def send(self, body: bytes | None) -> None:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        self.connection.request("GET" if body is None else "POST", self.path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise SystemExit(f"{self.path} answered {response.status}: {data[:300]!r}")

    def close(self) -> None:
        self.connection.close()


CLIENTS = {"requests": RequestsClient, "http.client": RawClient}


def measure(client_kind: str, url: str, bodies: list, warmup: int, count: int, threads: int, processes: int) -> Figures:
    """Sequential: `warmup` then `count` timed requests on one keep-alive connection; then `count` requests
    over `threads` client threads, and over `processes` client processes (no shared interpreter lock)."""
    make = CLIENTS[client_kind]
    latencies = []
    client = make(url)
    for i in range(warmup):
        client.send(bodies[i % len(bodies)])
    started = time.perf_counter()
    for i in range(count):
        begin = time.perf_counter_ns()
        client.send(bodies[i % len(bodies)])
        latencies.append(time.perf_counter_ns() - begin)
    sequential = count / (time.perf_counter() - started)
    client.close()
    latencies.sort()
    threaded = _parallel(threading.Thread, threading.Barrier, make, url, bodies, warmup, count, threads)
    context = multiprocessing.get_context("fork")
    in_processes = _parallel(context.Process, context.Barrier, make, url, bodies, warmup, count, processes)
    return Figures(latencies[len(latencies) // 2] / 1e6, latencies[int(len(latencies) * 0.99)] / 1e6, sequential, threaded,
                   in_processes)


def _parallel(spawn, barrier_type, make, url: str, bodies: list, warmup: int, count: int, workers: int) -> float:
    """Requests per second with `count` requests split over `workers` clients (threads or processes), each on
    its own keep-alive connection and warmed up first; wall time from the common start to the last reply."""
    share = count // workers
    barrier = barrier_type(workers + 1)

    def worker(offset: int) -> None:
        own = make(url)
        for i in range(min(50, warmup)):
            own.send(bodies[(offset + i) % len(bodies)])
        barrier.wait()
        for i in range(share):
            own.send(bodies[(offset + i) % len(bodies)])
        own.close()

    running = [spawn(target=worker, args=(w * share,)) for w in range(workers)]
    for item in running:
        item.start()
    barrier.wait()
    started = time.perf_counter()
    for item in running:
        item.join()
    if any(getattr(item, "exitcode", 0) for item in running):
        raise SystemExit(f"a client process for {url} failed")
    return share * workers / (time.perf_counter() - started)


@dataclass
class WrkFigures:
    p50_ms: float
    p99_ms: float
    single_rps: float
    concurrent_rps: float


_WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _wrk(url: str, body: bytes, connections: int, seconds: float) -> tuple[float, float, float]:
    """(p50 ms, p99 ms, requests/s) of wrk posting `body` to `url` over `connections` keep-alive connections."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body.decode())}\nwrk.headers["Content-Type"] = "application/json"\n'
                     'done = function(summary, latency, requests) if summary.errors.status > 0 then os.exit(3) end end\n')
    try:
        threads = min(connections, 2)
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, url],
                             capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(script.name)
    if out.returncode != 0:
        raise SystemExit(f"wrk against {url} failed ({out.returncode}): {out.stdout[-500:]} {out.stderr[-500:]}")
    percentiles, rps = {}, 0.0
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("50%", "99%"):
            unit = next(u for u in ("us", "ms", "s") if parts[1].endswith(u))
            percentiles[parts[0]] = float(parts[1][: -len(unit)]) * _WRK_UNITS[unit]
        if line.startswith("Requests/sec:"):
            rps = float(parts[1])
    return percentiles["50%"], percentiles["99%"], rps


def measure_wrk(url: str, body: bytes, seconds: float, connections: int) -> WrkFigures:
    """wrk (C, negligible client cost): one connection for latency, then `connections` for throughput."""
    _wrk(url, body, 1, 1)  # warm-up
    p50, p99, single = _wrk(url, body, 1, seconds)
    return WrkFigures(p50, p99, single, _wrk(url, body, connections, seconds)[2])


def wrk_table(results: list[tuple[str, str, WrkFigures, WrkFigures]], connections: int) -> str:
    lines = [
        f"| model | server, endpoint | p50 ms | p99 ms | req/s (1 connection) | req/s ({connections} connections) | "
        f"× MLflow req/s (1 / {connections}) | MLflow p50 ÷ p50 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for model, label, figures, base in results:
        ratio = "1×" if base is figures else f"{figures.single_rps / base.single_rps:.1f}× / {figures.concurrent_rps / base.concurrent_rps:.1f}×"
        speedup = "1×" if base is figures else f"{base.p50_ms / figures.p50_ms:.1f}×"
        lines.append(f"| {model} | {label} | {figures.p50_ms:.3f} | {figures.p99_ms:.3f} | {figures.single_rps:,.0f} | "
                     f"{figures.concurrent_rps:,.0f} | {ratio} | {speedup} |")
    return "\n".join(lines)


def same_predictions(mlflow_url: str, ferry_url: str, bodies: list[bytes]) -> int:
    """How many of `bodies` get a different label from the two servers (0 expected)."""
    differ = 0
    for body in bodies:
        got = [requests.post(u, data=body, headers={"Content-Type": "application/json"}, timeout=60).json()["predictions"]
               for u in (mlflow_url, ferry_url)]
        differ += got[0] != got[1]
    return differ


# ------------------------------------------------------------------------------------------------ report


def table(results: list[tuple[str, str, str, Figures, Figures | None]], threads: int, processes: int) -> str:
    lines = [
        f"| model | server, endpoint | client | p50 ms | p99 ms | req/s (1 client) | req/s ({threads} threads) | "
        f"req/s ({processes} processes) | × MLflow req/s (1 / {threads}t / {processes}p) | MLflow p50 ÷ p50 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for model, label, client, figures, base in results:
        if base is None or base is figures:
            ratio = speedup = "–" if base is None else "1×"
        else:
            ratio = (f"{figures.sequential_rps / base.sequential_rps:.1f}× / {figures.threaded_rps / base.threaded_rps:.1f}× / "
                     f"{figures.process_rps / base.process_rps:.1f}×")
            speedup = f"{base.p50_ms / figures.p50_ms:.1f}×"
        lines.append(f"| {model} | {label} | {client} | {figures.p50_ms:.3f} | {figures.p99_ms:.3f} | {figures.sequential_rps:,.0f} | "
                     f"{figures.threaded_rps:,.0f} | {figures.process_rps:,.0f} | {ratio} | {speedup} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ferry-bin", default=os.environ.get("FERRY_BIN"), help="ferry binary (release build); default FERRY_BIN")
    parser.add_argument("--python", default=sys.executable, help="the Python whose mlflow serves (its bin holds uvicorn)")
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--requests", type=int, default=3000, help="timed requests per case (sequential, and threaded in total)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--processes", type=int, default=4, help="client processes for the second throughput figure")
    parser.add_argument("--models", default="lr,rf", help="comma-separated: lr, rf")
    parser.add_argument("--clients", default="requests,http.client", help="comma-separated: requests, http.client")
    parser.add_argument("--wrk-seconds", type=float, default=5, help="seconds per wrk run (0: skip wrk; it runs when wrk is on PATH)")
    parser.add_argument("--wrk-connections", type=int, default=8)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if not args.ferry_bin or not Path(args.ferry_bin).is_file():
        raise SystemExit("ferry binary not found; set FERRY_BIN or --ferry-bin (Benchmarks/serving/run-http builds it)")

    names = [n.strip() for n in args.models.split(",") if n.strip()]
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    models, frame = fit_models(names)
    rows = frame.to_numpy()[:200]
    results, raw, wrk_results = [], {}, []
    use_wrk = args.wrk_seconds > 0 and shutil.which("wrk") is not None
    if args.wrk_seconds > 0 and not use_wrk:
        print("[bench] wrk is not on PATH (apt-get install wrk): the wrk table is left out", file=sys.stderr)

    def run(model: str, label: str, client: str, url: str, bodies: list, base: Figures | None = None,
            baseline: bool = False) -> Figures:
        """Times one case; `base` is the MLflow figure it is compared with (the MLflow case itself: `baseline`)."""
        print(f"[bench] {model}: {label} with {client} ...", file=sys.stderr, flush=True)
        figures = measure(client, url, bodies, args.warmup, args.requests, args.threads, args.processes)
        results.append((model, label, client, figures, figures if baseline else base))
        raw.setdefault(model, {})[f"{label} ({client})"] = vars(figures)
        return figures

    with tempfile.TemporaryDirectory(prefix="ferry-http-bench-") as tmp:
        folder = Path(tmp)
        written = {name: write_models(folder, name, model) for name, (_, model) in models.items()}
        ferry = start_ferry(str(Path(args.ferry_bin).resolve()), {name: onnx for name, (_, onnx) in written.items()}, folder)
        try:
            for client in clients:  # what the client alone costs: Ferry's health check does no model work
                run("(none)", "Ferry `GET /v2/health/live`", client, f"{ferry.url}/v2/health/live", [None])
            for name, (label, _) in models.items():
                mlflow = start_mlflow(args.python, written[name][0], folder)
                try:
                    split, oip = _bodies(rows, "invocations"), _bodies(rows, "oip")
                    mlflow_url, ferry_url = f"{mlflow.url}/invocations", f"{ferry.url}/models/{name}/invocations"
                    differ = same_predictions(mlflow_url, ferry_url, split[:50])
                    if differ:
                        print(f"WARNING: {label}: {differ} of 50 rows get different labels from MLflow and Ferry", file=sys.stderr)
                    for client in clients:
                        base = run(label, "MLflow `/invocations`", client, mlflow_url, split, baseline=True)
                        run(label, "Ferry `/invocations`", client, ferry_url, split, base)
                        run(label, "Ferry OIP v2 JSON", client, f"{ferry.url}/v2/models/{name}/infer", oip, base)
                    if use_wrk:
                        print(f"[bench] {label}: wrk ...", file=sys.stderr, flush=True)
                        base = measure_wrk(mlflow_url, split[0], args.wrk_seconds, args.wrk_connections)
                        wrk_results.append((label, "MLflow `/invocations`", base, base))
                        for case, url, body in (("Ferry `/invocations`", ferry_url, split[0]),
                                                ("Ferry OIP v2 JSON", f"{ferry.url}/v2/models/{name}/infer", oip[0])):
                            figures = measure_wrk(url, body, args.wrk_seconds, args.wrk_connections)
                            wrk_results.append((label, case, figures, base))
                            raw.setdefault(name, {})[f"{case} (wrk)"] = vars(figures)
                finally:
                    mlflow.stop()
        finally:
            ferry.stop()
    print(f"\nOne-row requests on loopback, keep-alive connections; {args.warmup} warm-up + {args.requests} timed "
          f"sequential, then {args.requests} over {args.threads} client threads and over {args.processes} client processes. "
          f"CPUs: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}.\n")
    print(table(results, args.threads, args.processes))
    if wrk_results:
        print(f"\nThe same requests from wrk ({args.wrk_seconds:g} s per case; one connection, then {args.wrk_connections}):\n")
        print(wrk_table(wrk_results, args.wrk_connections))
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
