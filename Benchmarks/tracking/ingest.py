"""Server-side log-batch ingest: metric points per second with concurrent raw-HTTP clients.

Each client process owns one run and one keep-alive `http.client` connection, and posts log-batch bodies of 1000
metric points (10 keys x 100 steps). The body is serialized once; each request only substitutes its request
number into the step values (a single bytes.replace), so every point is new and the client spends almost no CPU.
A client stops after `max_requests` requests or when `seconds` have passed, whichever comes first.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import time
from dataclasses import dataclass

HOST = "127.0.0.1"
KEYS = 10
STEPS = 100  # per key per request: steps J00..J99 for request number J
POINTS_PER_REQUEST = KEYS * STEPS
LOG_BATCH = "/api/2.0/mlflow/runs/log-batch"
HEADERS = {"Content-Type": "application/json"}
FIRST_J = 1  # J=0 would give steps like "005", which is not valid JSON


def body_template(run_id: str, timestamp_ms: int) -> bytes:
    """A log-batch body whose steps read `{J}SS`; replacing b"{J}" with J >= 1 gives steps J*100+SS."""
    metrics = []
    for k in range(KEYS):
        for s in range(STEPS):
            metrics.append(
                f'{{"key":"k{k}","value":{(k + 1) * 0.5 + s / 1000:.6f},"timestamp":{timestamp_ms},'
                f'"step":{{J}}{s:02d}}}'
            )
    text = '{"run_id":"' + run_id + '","metrics":[' + ",".join(metrics) + "]}"
    return text.encode()


def _post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    conn.request("POST", LOG_BATCH, body=body, headers=HEADERS)
    response = conn.getresponse()
    return response.status, response.read()


@dataclass
class ClientResult:
    run_id: str
    ok: int
    errors: int
    first_error: str
    started: float
    ended: float
    latencies: list[float]
    cpu_seconds: float


def _client(port: int, run_id: str, max_requests: int, seconds: float, barrier, queue) -> None:
    """One client process; always puts exactly one ClientResult on the queue."""
    ok = errors = 0
    first_error = ""
    latencies: list[float] = []
    started = ended = time.monotonic()
    cpu_start = cpu_end = time.process_time()
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        template = body_template(run_id, int(time.time() * 1000))
        # one warm-up request (J=FIRST_J) before the clock starts: opens the connection, warms the server's path
        try:
            status, data = _post(conn, template.replace(b"{J}", str(FIRST_J).encode()))
        except (OSError, http.client.HTTPException) as error:
            status, data = -1, repr(error).encode()
            conn.close()
        if status != 200:
            first_error = f"warm-up: HTTP {status}: {data[:300].decode(errors='replace')}"
        barrier.wait(timeout=300)
        started = time.monotonic()
        cpu_start = time.process_time()
        deadline = started + seconds
        j = FIRST_J + 1
        while j <= FIRST_J + max_requests and time.monotonic() < deadline:
            body = template.replace(b"{J}", str(j).encode())
            t0 = time.perf_counter()
            try:
                status, data = _post(conn, body)
            except (OSError, http.client.HTTPException) as error:
                status, data = -1, repr(error).encode()
                conn.close()  # http.client reconnects on the next request
            latencies.append(time.perf_counter() - t0)
            if status == 200:
                ok += 1
            else:
                errors += 1
                if not first_error:
                    first_error = f"HTTP {status}: {data[:300].decode(errors='replace')}"
            j += 1
        ended = time.monotonic()
        cpu_end = time.process_time()
    except Exception as error:  # noqa: BLE001 - report it, never leave the parent waiting
        ended = time.monotonic()
        first_error = first_error or f"client failed: {error!r}"
    finally:
        conn.close()
        queue.put(ClientResult(run_id, ok, errors, first_error, started, ended, latencies, cpu_end - cpu_start))


def _json_request(port: int, method: str, path: str, payload: dict | None = None) -> dict:
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        body = json.dumps(payload).encode() if payload is not None else None
        conn.request(method, path, body=body, headers=HEADERS if body is not None else {})
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {response.status}: {data[:300]!r}")
        return json.loads(data or b"{}")
    finally:
        conn.close()


def history_count(port: int, run_id: str, key: str, max_pages: int = 200) -> int:
    """Points stored for one key, following page tokens (bounded)."""
    count, token = 0, ""
    for _ in range(max_pages):
        query = f"run_id={run_id}&metric_key={key}&max_results=25000"
        if token:
            query += f"&page_token={token}"
        page = _json_request(port, "GET", f"/api/2.0/mlflow/metrics/get-history?{query}")
        count += len(page.get("metrics", []))
        token = page.get("next_page_token", "")
        if not token:
            break
    return count


def run_ingest(port: int, clients: int, seconds: float, max_requests: int, server_cpu=None) -> dict:
    """Start `clients` processes against the server on `port`; return points/s and a stored-count check.

    `server_cpu`, when given, returns the server's CPU seconds so far; the difference over the run gives the
    server's CPU time per request, a figure that moves little with the machine's other load.
    """
    experiment_id = _json_request(port, "POST", "/api/2.0/mlflow/experiments/create",
                                  {"name": f"ingest-{time.time_ns()}"})["experiment_id"]
    run_ids = [
        _json_request(port, "POST", "/api/2.0/mlflow/runs/create",
                      {"experiment_id": experiment_id, "start_time": int(time.time() * 1000),
                       "run_name": f"ingest-{i}"})["run"]["info"]["run_id"]
        for i in range(clients)
    ]
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(clients)
    queue = ctx.Queue()
    procs = [ctx.Process(target=_client, args=(port, rid, max_requests, seconds, barrier, queue), daemon=True)
             for rid in run_ids]
    for p in procs:
        p.start()
    cpu_before = server_cpu() if server_cpu else None
    results: list[ClientResult] = []
    for _ in procs:
        results.append(queue.get(timeout=seconds + 600))
    for p in procs:
        p.join(timeout=30)
        if p.is_alive():
            p.kill()
    cpu_used = server_cpu() - cpu_before if server_cpu else None
    ok = sum(r.ok for r in results)
    errors = sum(r.errors for r in results)
    elapsed = max(r.ended for r in results) - min(r.started for r in results)
    latencies = sorted(x for r in results for x in r.latencies)

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")

    # Check: the first run's k0 should hold 100 points per accepted request, plus the warm-up's.
    first = next(r for r in results if r.run_id == run_ids[0])
    expected = (first.ok + (0 if first.first_error.startswith("warm-up") else 1)) * STEPS
    stored = history_count(port, run_ids[0], "k0")
    return {
        "clients": clients,
        "requests_ok": ok,
        "errors": errors,
        "first_error": next((r.first_error for r in results if r.first_error), ""),
        "elapsed_seconds": elapsed,
        "points_per_second": ok * POINTS_PER_REQUEST / elapsed if elapsed > 0 else 0.0,
        "latency_p50_ms": pct(0.50) * 1000,
        "latency_p99_ms": pct(0.99) * 1000,
        # includes the clients' warm-up requests, which land between the two readings
        "server_cpu_ms_per_request": cpu_used / (ok + errors + clients) * 1000 if cpu_used is not None else None,
        "server_cpu_seconds": cpu_used,
        "client_cpu_seconds": sum(r.cpu_seconds for r in results),
        "stored_check": {"run": run_ids[0], "key": "k0", "expected": expected, "stored": stored},
    }



def raw_log_metric_round_trip(port: int, requests: int, seconds: float) -> dict:
    """Sequential log-metric POSTs on one keep-alive connection: the server's share of a per-call log_metric.

    Compared with the client's log_metric time it shows how much of a call is the mlflow client itself.
    """
    experiment_id = _json_request(port, "POST", "/api/2.0/mlflow/experiments/create",
                                  {"name": f"roundtrip-{time.time_ns()}"})["experiment_id"]
    run_id = _json_request(port, "POST", "/api/2.0/mlflow/runs/create",
                           {"experiment_id": experiment_id, "start_time": int(time.time() * 1000)})["run"]["info"][
        "run_id"]
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    timings: list[float] = []
    failures = 0
    try:
        deadline = time.monotonic() + seconds
        for step in range(requests):
            if time.monotonic() > deadline:
                break
            body = (f'{{"run_id":"{run_id}","key":"rt","value":{step * 0.5},'
                    f'"timestamp":{int(time.time() * 1000)},"step":{step}}}').encode()
            t0 = time.perf_counter()
            conn.request("POST", "/api/2.0/mlflow/runs/log-metric", body=body, headers=HEADERS)
            response = conn.getresponse()
            response.read()
            timings.append(time.perf_counter() - t0)
            failures += response.status != 200
    finally:
        conn.close()
    timings.sort()
    return {
        "requests": len(timings),
        "failures": failures,
        "median_ms": timings[len(timings) // 2] * 1000 if timings else float("nan"),
        "mean_ms": sum(timings) / len(timings) * 1000 if timings else float("nan"),
    }
