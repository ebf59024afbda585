"""Ferry vs MLflow tracking server, side by side, in one run. Start it with Benchmarks/tracking/run.

For each server (each on a fresh temp folder, SQLite, 127.0.0.1, a free port, stopped by PID):
  1. time to ready: spawn to the first 200 on GET /health, polled every 5 ms; median of N fresh starts
  2. idle memory ~2 s after ready (VmRSS summed over the process tree)
  3. the end-to-end workload through the mlflow client (workload.py, its own process)
  4. log-batch ingest with concurrent raw-HTTP clients (ingest.py)
and memory after 3 and 4. Then a markdown table with both servers and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest import POINTS_PER_REQUEST, raw_log_metric_round_trip, run_ingest  # noqa: E402
from report import render  # noqa: E402
from servers import ServerFailed, ServerSpec, cpu_seconds, ferry_binary, memory, mlflow_executable, settle, start_server  # noqa: E402


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_workload(python: str, url: str, runs: int, search_reps: int, folder: Path, timeout: float) -> dict:
    out = folder / "workload.json"
    command = [python, str(HERE / "workload.py"), "--url", url, "--runs", str(runs),
               "--search-reps", str(search_reps), "--out", str(out)]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        return {"error": f"workload did not finish within {timeout:.0f}s"}
    if out.exists():
        return json.loads(out.read_text())
    return {"error": f"workload exited {process.returncode}: {output.decode(errors='replace')[-2000:]}"}


def bench_server(spec: ServerSpec, args, parent: Path) -> dict:
    result: dict = {"label": spec.label, "kind": spec.kind, "command": spec.display_command()}

    readies = []
    for i in range(args.ready_starts):
        server = start_server(spec, parent)
        readies.append(server.ready_seconds)
        server.stop()
        log(f"{spec.label}: ready in {server.ready_seconds:.3f}s (start {i + 1}/{args.ready_starts})")
    result["ready_seconds"] = readies
    result["ready_median"] = statistics.median(readies)

    server = start_server(spec, parent)
    log(f"{spec.label}: serving on {server.url} (pid {server.pid}); idle {args.idle_wait:.0f}s")
    try:
        time.sleep(args.idle_wait)
        result["mem_idle"] = asdict(memory(server))
        result["settle_seconds"] = settle(server)
        if result["settle_seconds"] > 1.5:
            log(f"{spec.label}: waited {result['settle_seconds']:.1f}s more for the server's CPU to go quiet")

        log(f"{spec.label}: workload, {args.runs} runs")
        cpu_before = cpu_seconds(server)
        result["workload"] = run_workload(args.python, server.url, args.runs, args.search_reps, server.folder,
                                          args.workload_timeout)
        if "error" in result["workload"]:
            log(f"{spec.label}: workload failed: {result['workload']['error']}")
        else:
            log(f"{spec.label}: workload took {result['workload']['wall_seconds']:.2f}s")
        result["workload_server_cpu_seconds"] = cpu_seconds(server) - cpu_before
        result["mem_after_workload"] = asdict(memory(server))

        try:
            result["round_trip"] = raw_log_metric_round_trip(server.port, args.round_trips, 30.0)
        except Exception as error:  # noqa: BLE001
            result["round_trip"] = {"error": f"{type(error).__name__}: {error}"[:1000]}

        log(f"{spec.label}: ingest, {args.ingest_clients} clients, up to {args.ingest_seconds:.0f}s")
        try:
            result["ingest"] = run_ingest(server.port, args.ingest_clients, args.ingest_seconds,
                                          args.ingest_max_requests, lambda: cpu_seconds(server))
            log(f"{spec.label}: {result['ingest']['points_per_second']:,.0f} metric points/s")
        except Exception as error:  # noqa: BLE001 - keep going, report it
            result["ingest"] = {"error": f"{type(error).__name__}: {error}"[:1000]}
            log(f"{spec.label}: ingest failed: {result['ingest']['error']}")
        result["mem_after_ingest"] = asdict(memory(server))
        result["server_errors"] = server.error_lines()
        result["alive"] = server.process.poll() is None
    finally:
        server.stop()
    return result


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        mem_gb = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "cpu": model,
        "memory_gb": round(mem_gb, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def sqlite_commit_ms(folder: Path, commits: int = 50) -> dict:
    """What one committed single-row insert costs on this disk: SQLite's default journal (an fsync per commit,
    what MLflow's server uses) and WAL with synchronous=NORMAL (what Ferry uses)."""
    import sqlite3

    out = {}
    for name, pragmas in (("default", []), ("wal_normal", ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"])):
        path = folder / f"fsync-{name}.db"
        conn = sqlite3.connect(path)
        try:
            for pragma in pragmas:
                conn.execute(pragma)
            conn.execute("CREATE TABLE t (a INTEGER)")
            conn.commit()
            start = time.perf_counter()
            for i in range(commits):
                conn.execute("INSERT INTO t VALUES (?)", (i,))
                conn.commit()
            out[name] = (time.perf_counter() - start) / commits * 1000
        finally:
            conn.close()
    return out


def mlflow_version(python: str) -> str:
    try:
        return subprocess.run([python, "-c", "import mlflow; print(mlflow.__version__)"], capture_output=True,
                              text=True, timeout=120).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", choices=["both", "ferry", "mlflow"], default="both")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (3 runs, 2 s ingest, 1 start)")
    parser.add_argument("--ferry-bin", default=os.environ.get("FERRY_BIN", ""))
    parser.add_argument("--python", default=sys.executable, help="Python with mlflow, for the workload client")
    parser.add_argument("--mlflow-workers", help="comma-separated `mlflow server --workers` values, one MLflow "
                        "server each (default 4,1: MLflow's default, and one worker, which avoids uvicorn's "
                        "multi-worker ~40 ms stall; --quick: 4)")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--search-reps", type=int)
    parser.add_argument("--ingest-clients", type=int)
    parser.add_argument("--ingest-seconds", type=float)
    parser.add_argument("--ingest-max-requests", type=int, help="per client")
    parser.add_argument("--ready-starts", type=int)
    parser.add_argument("--round-trips", type=int, help="raw sequential log-metric requests")
    parser.add_argument("--idle-wait", type=float, default=2.0)
    parser.add_argument("--workload-timeout", type=float, default=1800.0)
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--keep", action="store_true", help="keep the temp folders (server logs, databases)")
    args = parser.parse_args(argv)
    defaults = dict(runs=3, search_reps=1, ingest_clients=2, ingest_seconds=2.0, ingest_max_requests=200,
                    ready_starts=1, round_trips=50) if args.quick else \
        dict(runs=20, search_reps=5, ingest_clients=4, ingest_seconds=10.0, ingest_max_requests=5000, ready_starts=3,
             round_trips=500)
    defaults["mlflow_workers"] = "4" if args.quick else "4,1"
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    specs = []
    if args.server in ("both", "ferry"):
        binary = ferry_binary(args.ferry_bin)
        if binary is None:
            return 2
        specs.append(ServerSpec("ferry", binary))
    if args.server in ("both", "mlflow"):
        for workers in args.mlflow_workers.split(","):
            specs.append(ServerSpec("mlflow", mlflow_executable(args.python), mlflow_workers=int(workers)))

    info = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "mlflow": mlflow_version(args.python),
        "load_before": os.getloadavg(),
        "settings": {k: getattr(args, k) for k in ("quick", "runs", "search_reps", "ingest_clients",
                                                   "ingest_seconds", "ingest_max_requests", "ready_starts",
                                                   "idle_wait", "mlflow_workers")},
        "points_per_request": POINTS_PER_REQUEST,
    }
    parent = Path(tempfile.mkdtemp(prefix="ferry-bench-"))
    results = []
    try:
        info["sqlite_commit_ms"] = sqlite_commit_ms(parent)
        for spec in specs:
            try:
                results.append(bench_server(spec, args, parent))
            except ServerFailed as error:
                log(str(error))
                results.append({"label": spec.label, "kind": spec.kind, "command": spec.display_command(),
                                "failed": str(error)})
    finally:
        info["load_after"] = os.getloadavg()
        if args.keep:
            log(f"kept {parent}")
        else:
            shutil.rmtree(parent, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"info": info, "results": results}, indent=2))
    print(render(info, results))
    return 0 if all("failed" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
