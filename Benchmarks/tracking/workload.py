"""The end-to-end workload, driven through the real `mlflow` Python client against one server.

Run as its own process (so the client's import and caches never leak between servers):

    python workload.py --url http://127.0.0.1:PORT --runs 20 --search-reps 5 --out result.json

Per run: start_run, 10 log_param, 50 log_metric (steps 0..49), 5 set_tag, one log_batch of 1000 metric points
(10 keys x 100 steps), end_run. Then get_metric_history on two keys of every run, then several search_runs with a
filter and order_by. Every call is synchronous; the wall time of each kind of call is summed over the runs.
The JSON written to --out holds the timings plus what each query returned, so the parent can compare servers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from contextlib import contextmanager

# Errors must surface at once (the client otherwise retries 5xx for about four minutes) and logging stays synchronous.
os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "120")
os.environ["MLFLOW_ENABLE_ASYNC_LOGGING"] = "false"
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

PHASES = [
    # (key, label, HTTP requests per run, endpoint)
    ("start_run", "start_run", 1, "runs/create"),
    ("log_param", "log_param x10", 10, "runs/log-parameter"),
    ("log_metric", "log_metric x50", 50, "runs/log-metric"),
    ("set_tag", "set_tag x5", 5, "runs/set-tag"),
    ("log_batch", "log_batch (1000 points)", 1, "runs/log-batch"),
    ("end_run", "end_run", 2, "runs/get + runs/update"),
]

LEARNING_RATES = ["0.1", "0.01", "0.001"]
TEAMS = ["vision", "speech"]
BATCH_KEYS = 10
BATCH_STEPS = 100
PER_CALL_METRICS = 50


def searches(runs: int) -> list[tuple[str, str, list[str]]]:
    """(label, filter, order_by) for search_runs; every query has a filter and an order_by."""
    half = runs / 2
    return [
        ("param = , by metric", "params.lr = '0.01'", ["metrics.m0 DESC"]),
        ("metric >, by start_time", f"metrics.m0 > {half}", ["attributes.start_time DESC"]),
        ("tag = AND metric <, by param", "tags.team = 'vision' AND metrics.loss < 10", ["params.p1 ASC"]),
        ("status =, by metric", "attributes.status = 'FINISHED'", ["metrics.loss ASC"]),
        ("runName LIKE, by run_name", "tags.`mlflow.runName` LIKE 'run-1%'", ["attributes.run_name ASC"]),
    ]


class Timers:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, key: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - start


def run_workload(url: str, runs: int, search_reps: int) -> dict:
    import_start = time.perf_counter()
    import mlflow
    from mlflow import MlflowClient
    from mlflow.entities import Metric
    import_seconds = time.perf_counter() - import_start

    mlflow.set_tracking_uri(url)
    client = MlflowClient(tracking_uri=url)
    timers = Timers()
    problems: list[str] = []

    wall_start = time.perf_counter()
    with timers("set_experiment"):
        experiment = mlflow.set_experiment(f"bench-{uuid.uuid4().hex[:10]}")
    experiment_id = experiment.experiment_id

    run_ids: list[str] = []
    with timers("logging"):
        for r in range(runs):
            now_ms = int(time.time() * 1000)
            batch = [
                Metric(f"m{k}", r + s / BATCH_STEPS + k / 1000, now_ms, s)
                for k in range(BATCH_KEYS) for s in range(BATCH_STEPS)
            ]
            with timers("start_run"):
                run = mlflow.start_run(run_name=f"run-{r}")
            run_id = run.info.run_id
            run_ids.append(run_id)
            with timers("log_param"):
                mlflow.log_param("lr", LEARNING_RATES[r % len(LEARNING_RATES)])
                for i in range(1, 10):
                    mlflow.log_param(f"p{i}", f"{(r * 7 + i) % 13}")
            with timers("log_metric"):
                for s in range(PER_CALL_METRICS):
                    mlflow.log_metric("loss", 100.0 / (1 + s + r), step=s)
            with timers("set_tag"):
                mlflow.set_tag("team", TEAMS[r % len(TEAMS)])
                for i in range(1, 5):
                    mlflow.set_tag(f"t{i}", f"value-{r}-{i}")
            with timers("log_batch"):
                client.log_batch(run_id, metrics=batch)
            with timers("end_run"):
                mlflow.end_run()

    history_lengths: dict[str, int] = {}
    with timers("get_metric_history"):
        for run_id in run_ids:
            for key, expected in (("m0", BATCH_STEPS), ("loss", PER_CALL_METRICS)):
                points = client.get_metric_history(run_id, key)
                history_lengths[key] = history_lengths.get(key, 0) + len(points)
                if len(points) != expected:
                    problems.append(f"get_metric_history({key}) returned {len(points)} points, expected {expected}")

    query_results: dict[str, list[str]] = {}
    with timers("search_runs"):
        for _ in range(search_reps):
            for label, flt, order in searches(runs):
                found = client.search_runs([experiment_id], filter_string=flt, order_by=order, max_results=1000)
                query_results[label] = [run.info.run_name for run in found]
    wall = time.perf_counter() - wall_start

    calls_per_run = sum(n for _, _, n, _ in PHASES)
    return {
        "url": url,
        "runs": runs,
        "search_reps": search_reps,
        "wall_seconds": wall,
        "client_import_seconds": import_seconds,
        "phase_seconds": timers.seconds,
        "requests": {
            "logging": runs * calls_per_run,
            "get_metric_history": runs * 2,
            "search_runs": search_reps * len(searches(runs)),
        },
        "history_points": history_lengths,
        "query_results": query_results,
        "problems": problems,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--search-reps", type=int, default=5)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not args.url.startswith("http://127.0.0.1:"):
        parser.error("--url must be http://127.0.0.1:PORT")
    try:
        result = run_workload(args.url, args.runs, args.search_reps)
    except Exception as error:  # report, never hang: the parent prints this and moves on
        result = {"error": f"{type(error).__name__}: {error}"[:2000]}
    with open(args.out, "w") as f:
        json.dump(result, f)
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
