"""The registry data set: its deterministic description, the expected answer of every query, and populating a
server with it through the REST API.

model-0000 .. model-NNNN, each with tags `team` (team-0..team-9) and `task` (4 values), a description and
`versions` versions. Version v of model i belongs to run (i * versions + v - 1) % runs (all runs in one
experiment); its source is that run's `info.artifact_uri` + "/model", exactly as the server returned it, and it is
tagged `validation_status` (approved / pending / rejected). Every model gets the alias `champion`; every fourth
model has its last version in Production and the one before in Staging.

Populating: one task per model (create the model, then its versions one after the other, then the alias and the
stage transitions), spread over `threads` threads, each with its own keep-alive requests.Session; the same for
both servers.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

TEAMS = 10
TASKS = ["classification", "regression", "ranking", "forecasting"]
STATUSES = ["approved", "pending", "rejected"]
EXPERIMENT = "registry-bench"


@dataclass(frozen=True)
class Spec:
    models: int = 1000
    versions: int = 20  # per model
    runs: int = 50

    def name(self, i: int) -> str:
        return f"model-{i:04d}"

    def model_tags(self, i: int) -> dict[str, str]:
        return {"team": f"team-{i % TEAMS}", "task": TASKS[(i // TEAMS) % len(TASKS)]}

    def description(self, i: int) -> str:
        return f"Benchmark model {i}: a {self.model_tags(i)['task']} model owned by {self.model_tags(i)['team']}."

    def run_index(self, i: int, v: int) -> int:
        return (i * self.versions + v - 1) % self.runs

    def status(self, i: int, v: int) -> str:
        return STATUSES[(i + v) % len(STATUSES)]

    def champion(self, i: int) -> int:
        return max(1, self.versions - i % 5)

    def stages(self, i: int) -> dict[int, str]:
        """version -> stage for the models that get transitions (every fourth)."""
        if i % 4 != 0:
            return {}
        out = {self.versions: "Production"}
        if self.versions > 1:
            out[self.versions - 1] = "Staging"
        return out

    # -- the model, in memory, for the expected answers ---------------------------------------------------------

    def all_models(self) -> list[dict]:
        return [{"name": self.name(i), "tags": self.model_tags(i)} for i in range(self.models)]

    def all_versions(self) -> list[dict]:
        return [{"name": self.name(i), "version": v, "run": self.run_index(i, v),
                 "tags": {"validation_status": self.status(i, v)}}
                for i in range(self.models) for v in range(1, self.versions + 1)]


# ---------------------------------------------------------------------------------------------------------------
# Populating a server
# ---------------------------------------------------------------------------------------------------------------

class Client:
    """One requests.Session per thread; counts requests and keeps the first few failures (request and response)."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self.requests = 0
        self.failures = 0
        self.first_failures: list[str] = []

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def call(self, method: str, path: str, body: dict) -> dict | None:
        """The JSON answer, or None (recorded) on a non-200 or a connection error."""
        url = f"{self.url}/api/2.0/mlflow/{path}"
        try:
            response = self._session().request(method, url, json=body, timeout=120)
            status, text = response.status_code, response.text
        except requests.RequestException as error:
            status, text = -1, f"{type(error).__name__}: {error}"
        with self._lock:
            self.requests += 1
            if status == 200:
                ok = True
            else:
                ok = False
                self.failures += 1
                if len(self.first_failures) < 5:
                    self.first_failures.append(
                        f"{method} /api/2.0/mlflow/{path} {json.dumps(body)} -> HTTP {status}: {text[:400]}")
        if not ok:
            return None
        return response.json()


def populate(url: str, spec: Spec, threads: int, log=lambda _m: None) -> dict:
    """Fill a fresh server with `spec`; returns timings, counts and the runs (id, artifact_uri)."""
    client = Client(url)
    started = time.perf_counter()
    created = client.call("POST", "experiments/create", {"name": EXPERIMENT})
    if created is None:
        return {"error": client.first_failures[0] if client.first_failures else "experiments/create failed"}
    experiment_id = created["experiment_id"]

    def make_run(k: int):
        answer = client.call("POST", "runs/create", {"experiment_id": experiment_id, "run_name": f"train-{k:02d}",
                                                     "start_time": int(time.time() * 1000)})
        if answer is None:
            return None
        info = answer["run"]["info"]
        return info["run_id"], info["artifact_uri"]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        runs = list(pool.map(make_run, range(spec.runs)))
    if any(r is None for r in runs):
        return {"error": "runs/create failed: " + "; ".join(client.first_failures)}
    runs_done = time.perf_counter()

    progress = {"models": 0}
    progress_lock = threading.Lock()
    mismatched: list[str] = []

    def make_model(i: int) -> None:
        name = spec.name(i)
        if client.call("POST", "registered-models/create", {
            "name": name, "description": spec.description(i),
            "tags": [{"key": k, "value": v} for k, v in spec.model_tags(i).items()],
        }) is None:
            return
        for v in range(1, spec.versions + 1):
            run_id, artifact_uri = runs[spec.run_index(i, v)]
            answer = client.call("POST", "model-versions/create", {
                "name": name, "source": artifact_uri + "/model", "run_id": run_id,
                "description": f"version {v} of {name}",
                "tags": [{"key": "validation_status", "value": spec.status(i, v)}],
            })
            if answer is not None and str(answer["model_version"]["version"]) != str(v) and len(mismatched) < 5:
                mismatched.append(f"{name}: created version {answer['model_version']['version']}, expected {v}")
        client.call("POST", "registered-models/alias", {"name": name, "alias": "champion",
                                                        "version": str(spec.champion(i))})
        for version, stage in sorted(spec.stages(i).items()):
            client.call("POST", "model-versions/transition-stage", {
                "name": name, "version": str(version), "stage": stage, "archive_existing_versions": False})
        with progress_lock:
            progress["models"] += 1
            done = progress["models"]
        if done % max(1, spec.models // 10) == 0:
            log(f"  {done}/{spec.models} models ({time.perf_counter() - started:.0f}s, "
                f"{client.requests} requests, {client.failures} failed)")

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(make_model, range(spec.models)))
    ended = time.perf_counter()
    return {
        "seconds": ended - started,
        "runs_seconds": runs_done - started,
        "requests": client.requests,
        "requests_per_second": client.requests / (ended - started),
        "failures": client.failures,
        "first_failures": client.first_failures + mismatched,
        "threads": threads,
        "runs": runs,
    }
