"""Ferry vs MLflow model-registry searches, side by side, in one run. Start it with Benchmarks/registry/run.

For each server (fresh temp folder, SQLite, 127.0.0.1, a free port, stopped by PID; the server helpers come from
../tracking/servers.py):
  1. populate it through the REST API with the same data set (dataset.py: 1,000 registered models, 20,000
     versions, tags, aliases, stages), the same way and with the same number of client threads;
  2. time each registry query (queries.py): warm-up, then N calls on one keep-alive connection; median and p95
     of the HTTP round trip on loopback, and the server's CPU time per call;
  3. page through every search and check the answers against the data set and between the servers.
Each further `mlflow server --workers` configuration is started on the first MLflow server's database (same
data, populated once) and measured the same way. Then a markdown table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKING = HERE.parent / "tracking"
sys.path.insert(0, str(HERE))
sys.path.append(str(TRACKING))

from dataset import Spec, populate  # noqa: E402
from queries import PROBE_RUN, check, queries, time_query, walk  # noqa: E402
from servers import ServerFailed, ServerSpec, cpu_seconds, ferry_binary, memory, mlflow_executable, settle, start_server  # noqa: E402
from table import render  # noqa: E402


def _tracking_bench():
    """../tracking/bench.py, for machine() and mlflow_version() (loaded under another name than ours)."""
    spec = importlib.util.spec_from_file_location("tracking_bench", TRACKING / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def log(message: str) -> None:
    print(f"[registry-bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class OnData(ServerSpec):
    """A ServerSpec that can be pointed at an existing data folder (database + artifacts) instead of a fresh one."""

    data: Path | None = None

    def command(self, port: int, db_path: Path, artifacts: Path) -> list[str]:
        if self.data is not None:
            db_path, artifacts = self.data / f"{self.kind}.db", self.data / "artifacts"
        return super().command(port, db_path, artifacts)

    def display_command(self) -> str:
        return ServerSpec(self.kind, self.executable, self.mlflow_workers).display_command()


def measure(server, spec: Spec, ctx: dict, args) -> dict:
    out = {}
    for query in queries(spec):
        timed = time_query(server.port, query, ctx, args.warmup, args.reps, lambda: cpu_seconds(server))
        if "error" in timed:
            e = timed["error"]
            log(f"{server.spec.label}: {query.key} FAILED: {e['request']} -> HTTP {e['status']}: {e['response'][:300]}")
        else:
            log(f"{server.spec.label}: {query.key}: median {timed['median_ms']:.2f} ms, p95 {timed['p95_ms']:.2f} ms,"
                f" {timed['count']} results")
        walked = walk(server.port, query, ctx)
        timed["problems"] = check(query, spec, ctx, walked, timed)
        timed["total"] = len(walked["ids"]) if "ids" in walked else None
        timed["all_ids"] = walked.get("ids")
        for problem in timed["problems"]:
            log(f"{server.spec.label}: {query.key}: CHECK: {problem}")
        out[query.key] = timed
    return out


def bench_server(spec_: OnData, spec: Spec, args, parent: Path, ctx: dict | None) -> tuple[dict, dict | None]:
    """Start, populate (unless ctx: the data is already there), measure, check, stop."""
    result: dict = {"label": spec_.label, "kind": spec_.kind, "command": spec_.display_command(),
                    "workers": spec_.mlflow_workers if spec_.kind == "mlflow" else None}
    server = start_server(spec_, parent)
    log(f"{spec_.label}: serving on {server.url} (pid {server.pid}), ready in {server.ready_seconds:.2f}s")
    try:
        settle(server)
        if ctx is None:
            log(f"{spec_.label}: populating {spec.models} models x {spec.versions} versions, "
                f"{args.threads} client threads")
            filled = populate(server.url, spec, args.threads, log)
            result["populate"] = {k: v for k, v in filled.items() if k != "runs"}
            if "error" in filled:
                log(f"{spec_.label}: populate failed: {filled['error']}")
                return result, None
            log(f"{spec_.label}: populated in {filled['seconds']:.1f}s ({filled['requests']} requests, "
                f"{filled['failures']} failed)")
            for failure in filled["first_failures"]:
                log(f"{spec_.label}: populate: {failure}")
            ctx = {"run_id": filled["runs"][PROBE_RUN][0], "data": server.folder}
        else:
            result["populate"] = {"reused_from": ctx.get("populated_by")}
        settle(server)
        log(f"{spec_.label}: {args.reps} calls per query after {args.warmup} warm-up calls")
        result["queries"] = measure(server, spec, ctx, args)
        result["rss_mb"] = memory(server).rss_mb
        result["server_errors"] = server.error_lines()
        result["alive"] = server.process.poll() is None
    finally:
        server.stop()
    return result, ctx


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", choices=["both", "ferry", "mlflow"], default="both")
    parser.add_argument("--quick", action="store_true",
                        help="a short smoke run: 2 versions per model, 10 calls per query, MLflow 4 workers only")
    parser.add_argument("--ferry-bin", default=os.environ.get("FERRY_BIN", ""))
    parser.add_argument("--python", default=sys.executable, help="Python with mlflow (its `mlflow server`)")
    parser.add_argument("--mlflow-workers", help="comma-separated `mlflow server --workers` values (default 4,1 as "
                        "in the tracking benchmark; --quick: 4); the first populates, the others reuse its database")
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--versions", type=int, help="per model (default 20; --quick: 2)")
    parser.add_argument("--runs", type=int, default=50, help="runs the versions are spread over")
    parser.add_argument("--threads", type=int, default=8, help="client threads while populating (both servers)")
    parser.add_argument("--reps", type=int, help="timed calls per query (default 50; --quick: 10)")
    parser.add_argument("--warmup", type=int, help="untimed calls per query first (default 5; --quick: 2)")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--keep", action="store_true", help="keep the temp folders (server logs, databases)")
    args = parser.parse_args(argv)
    defaults = dict(versions=2, reps=10, warmup=2, mlflow_workers="4") if args.quick else \
        dict(versions=20, reps=50, warmup=5, mlflow_workers="4,1")
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    specs: list[OnData] = []
    if args.server in ("both", "ferry"):
        binary = ferry_binary(args.ferry_bin)
        if binary is None:
            return 2
        specs.append(OnData("ferry", binary))
    if args.server in ("both", "mlflow"):
        for workers in args.mlflow_workers.split(","):
            specs.append(OnData("mlflow", mlflow_executable(args.python), mlflow_workers=int(workers)))

    tracking = _tracking_bench()
    spec = Spec(models=args.models, versions=args.versions, runs=args.runs)
    info = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": tracking.machine(),
        "mlflow": tracking.mlflow_version(args.python),
        "load_before": os.getloadavg(),
        "settings": {"quick": args.quick, "models": spec.models, "versions": spec.versions, "runs": spec.runs,
                     "threads": args.threads, "reps": args.reps, "warmup": args.warmup},
    }
    parent = Path(tempfile.mkdtemp(prefix="ferry-registry-bench-"))
    results = []
    mlflow_ctx = None
    try:
        for s in specs:
            ctx = None
            if s.kind == "mlflow" and mlflow_ctx is not None:
                s.data, ctx = mlflow_ctx["data"], mlflow_ctx
            try:
                result, ctx = bench_server(s, spec, args, parent, ctx)
            except ServerFailed as error:
                log(str(error))
                result = {"label": s.label, "kind": s.kind, "command": s.display_command(), "failed": str(error)}
            if s.kind == "mlflow" and mlflow_ctx is None and ctx is not None:
                mlflow_ctx = dict(ctx, populated_by=s.label)
            results.append(result)
    finally:
        info["load_after"] = os.getloadavg()
        if args.keep:
            log(f"kept {parent}")
        else:
            shutil.rmtree(parent, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"info": info, "results": results}, indent=2, default=str))
    print(render(info, results, queries(spec)))
    return 0 if all("failed" not in r and "queries" in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
