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

# This file is named http.py: drop its folder from the import path, or `import requests` (which imports the
# standard library's http.client) would find this file instead. run-http also runs Python with -P.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse
import json
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
    mlflow.sklearn.save_model(model, str(mlflow_dir))
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


def _bodies(rows: np.ndarray, kind: str) -> list[bytes]:
    if kind == "invocations":
        return [json.dumps({"dataframe_split": {"columns": COLUMNS, "data": [row.tolist()]}}).encode() for row in rows]
    return [json.dumps({"inputs": [{"name": "X", "shape": [1, FEATURES], "datatype": "FP32", "data": row.tolist()}]}).encode()
            for row in rows]


def _post(session: requests.Session, url: str, body: bytes) -> None:
    response = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)
    if response.status_code != 200:
        raise SystemExit(f"POST {url} answered {response.status_code}: {response.text[:300]}")


def measure(url: str, bodies: list[bytes], warmup: int, count: int, threads: int) -> Figures:
    """Sequential: `warmup` then `count` timed requests on one keep-alive session. Threaded: `count`
    requests split over `threads` sessions (each warmed up first), wall time to the last reply."""
    latencies = []
    with requests.Session() as session:
        for i in range(warmup):
            _post(session, url, bodies[i % len(bodies)])
        started = time.perf_counter()
        for i in range(count):
            begin = time.perf_counter_ns()
            _post(session, url, bodies[i % len(bodies)])
            latencies.append(time.perf_counter_ns() - begin)
        sequential = count / (time.perf_counter() - started)
    latencies.sort()
    share = count // threads
    barrier = threading.Barrier(threads + 1)

    def client(offset: int) -> None:
        with requests.Session() as own:
            for i in range(min(50, warmup)):
                _post(own, url, bodies[(offset + i) % len(bodies)])
            barrier.wait()
            for i in range(share):
                _post(own, url, bodies[(offset + i) % len(bodies)])

    workers = [threading.Thread(target=client, args=(t * share,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    threaded = share * threads / (time.perf_counter() - started)
    return Figures(latencies[len(latencies) // 2] / 1e6, latencies[int(len(latencies) * 0.99)] / 1e6, sequential, threaded)


def same_predictions(mlflow_url: str, ferry_url: str, bodies: list[bytes]) -> int:
    """How many of `bodies` get a different label from the two servers (0 expected)."""
    differ = 0
    for body in bodies:
        got = [requests.post(u, data=body, headers={"Content-Type": "application/json"}, timeout=60).json()["predictions"]
               for u in (mlflow_url, ferry_url)]
        differ += got[0] != got[1]
    return differ


# ------------------------------------------------------------------------------------------------ report


def table(results: list[tuple[str, str, Figures, Figures]], threads: int) -> str:
    lines = [
        f"| model | server, endpoint | p50 ms | p99 ms | req/s (1 client) | req/s ({threads} threads) | "
        f"× MLflow req/s (1 / {threads}) | MLflow p50 ÷ p50 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for model, label, figures, base in results:
        ratio = (f"{figures.sequential_rps / base.sequential_rps:.1f}× / {figures.threaded_rps / base.threaded_rps:.1f}×"
                 if figures is not base else "1×")
        speedup = f"{base.p50_ms / figures.p50_ms:.1f}×" if figures is not base else "1×"
        lines.append(f"| {model} | {label} | {figures.p50_ms:.3f} | {figures.p99_ms:.3f} | {figures.sequential_rps:,.0f} | "
                     f"{figures.threaded_rps:,.0f} | {ratio} | {speedup} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ferry-bin", default=os.environ.get("FERRY_BIN"), help="ferry binary (release build); default FERRY_BIN")
    parser.add_argument("--python", default=sys.executable, help="the Python whose mlflow serves (its bin holds uvicorn)")
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--requests", type=int, default=3000, help="timed requests per case (sequential, and threaded in total)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--models", default="lr,rf", help="comma-separated: lr, rf")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if not args.ferry_bin or not Path(args.ferry_bin).is_file():
        raise SystemExit("ferry binary not found; set FERRY_BIN or --ferry-bin (Benchmarks/serving/run-http builds it)")

    names = [n.strip() for n in args.models.split(",") if n.strip()]
    models, frame = fit_models(names)
    rows = frame.to_numpy()[:200]
    results, raw = [], {}
    with tempfile.TemporaryDirectory(prefix="ferry-http-bench-") as tmp:
        folder = Path(tmp)
        written = {name: write_models(folder, name, model) for name, (_, model) in models.items()}
        ferry = start_ferry(str(Path(args.ferry_bin).resolve()), {name: onnx for name, (_, onnx) in written.items()}, folder)
        try:
            for name, (label, _) in models.items():
                mlflow = start_mlflow(args.python, written[name][0], folder)
                try:
                    split, oip = _bodies(rows, "invocations"), _bodies(rows, "oip")
                    endpoints = {
                        "MLflow `/invocations`": (f"{mlflow.url}/invocations", split),
                        "Ferry `/invocations`": (f"{ferry.url}/models/{name}/invocations", split),
                        "Ferry OIP v2 JSON": (f"{ferry.url}/v2/models/{name}/infer", oip),
                    }
                    differ = same_predictions(endpoints["MLflow `/invocations`"][0], endpoints["Ferry `/invocations`"][0], split[:50])
                    if differ:
                        print(f"WARNING: {label}: {differ} of 50 rows get different labels from MLflow and Ferry", file=sys.stderr)
                    figures = {}
                    for endpoint, (url, bodies) in endpoints.items():
                        print(f"[bench] {label}: {endpoint} ...", file=sys.stderr, flush=True)
                        figures[endpoint] = measure(url, bodies, args.warmup, args.requests, args.threads)
                    base = figures["MLflow `/invocations`"]
                    results += [(label, endpoint, f, base) for endpoint, f in figures.items()]
                    raw[name] = {endpoint: vars(f) for endpoint, f in figures.items()}
                finally:
                    mlflow.stop()
        finally:
            ferry.stop()
    print(f"\nOne-row requests, keep-alive requests.Session on loopback; {args.warmup} warm-up + {args.requests} timed "
          f"sequential, then {args.requests} over {args.threads} client threads. CPUs: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}.\n")
    print(table(results, args.threads))
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
