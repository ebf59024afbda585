"""Turns the raw results of bench.py into the markdown report (header, table, notes).

Columns: Ferry (when benchmarked), then one per MLflow configuration, then one ratio column per MLflow
configuration ("Ferry vs ..."), then the target for Ferry.
"""

from __future__ import annotations

import math
from typing import Callable

# (phase key, label, calls per run; None: the searches)
PHASE_ROWS = [
    ("start_run", "start_run", 1),
    ("log_param", "log_param (per call)", 10),
    ("log_metric", "log_metric (per call, with step)", 50),
    ("set_tag", "set_tag (per call)", 5),
    ("log_batch", "log_batch of 1000 points", 1),
    ("end_run", "end_run", 1),
    ("get_metric_history", "get_metric_history (100 and 50 points)", 2),
    ("search_runs", "search_runs with filter + order_by", None),
]
SEARCHES_PER_ROUND = 5

E2E_TARGET = 10.0  # Ferry at least 10x faster end-to-end
INGEST_TARGET = 200_000.0  # metric points/s
READY_TARGET = 0.5  # seconds
IDLE_TARGET_MB = 60.0


def number(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _get(result: dict | None, *path):
    value = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _workload_ok(result: dict) -> bool:
    return isinstance(result.get("workload"), dict) and "error" not in result["workload"]


def _wl(result: dict, *path):
    return _get(result, "workload", *path) if _workload_ok(result) else None


def _factor(ferry, other, lower_is_better: bool):
    if not ferry or not other:
        return None
    return (other / ferry) if lower_is_better else (ferry / other)


def _ratio_text(factor, good: str, bad: str) -> str:
    if factor is None:
        return "n/a"
    if factor >= 1:
        return f"**{factor:.1f}x {good}**"
    return f"{1 / factor:.1f}x {bad}"


class Table:
    def __init__(self, ferry: dict | None, refs: list[dict]):
        self.ferry = ferry
        self.refs = refs
        self.columns = ([ferry] if ferry else []) + refs
        self.compare = ferry is not None and bool(refs)
        header = "| measure | " + " | ".join(r["label"] for r in self.columns) + " |"
        align = "|---|" + "---:|" * len(self.columns)
        if self.compare:
            header += "".join(f" Ferry vs {r['label']} |" for r in refs) + " target (Ferry) |"
            align += "---:|" * len(refs) + "---|"
        self.lines = [header, align]

    def row(self, label: str, value: Callable[[dict], float | None], fmt: Callable[[float | None], str] = number,
            ratio: tuple[bool, str, str] | None = None, target: Callable[[float | None, list], str] | None = None):
        """value(result) gives the figure; ratio = (lower_is_better, good word, bad word)."""
        values = [value(r) for r in self.columns]
        cells = f"| {label} | " + " | ".join(fmt(v) for v in values) + " |"
        if self.compare:
            mine = values[0]
            factors = [_factor(mine, value(r), ratio[0]) if ratio else None for r in self.refs]
            for f in factors:
                cells += f" {_ratio_text(f, ratio[1], ratio[2]) if ratio else ''} |"
            cells += f" {target(mine, factors) if target else ''} |"
        self.lines.append(cells)


def _met(ok: bool | None, text: str) -> str:
    if ok is None:
        return f"{text}: n/a"
    return f"{text}: {'met' if ok else '**NOT met**'}"


def render(info: dict, results: list[dict]) -> str:
    ferry = next((r for r in results if r.get("kind") == "ferry"), None)
    refs = [r for r in results if r.get("kind") == "mlflow"]
    m, s = info["machine"], info["settings"]
    runs = s["runs"]
    lines = [
        f"### Ferry vs MLflow tracking server ({info['date']})",
        "",
        f"- machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu']}, {m['memory_gb']} GB RAM, "
        f"Linux {m['kernel']}; load average before {info['load_before'][0]:.2f}, after {info['load_after'][0]:.2f}",
        f"- SQLite commit on this disk: {number(_get(info, 'sqlite_commit_ms', 'default'), 2)} ms with the default "
        f"journal (MLflow's setting, an fsync per commit), {number(_get(info, 'sqlite_commit_ms', 'wal_normal'), 3)} ms "
        f"in WAL with synchronous=NORMAL (Ferry's setting)",
        f"- client: mlflow {info['mlflow']} on Python {m['python']}, synchronous logging, no retries",
        f"- workload: {runs} runs, {s['search_reps']} rounds of {SEARCHES_PER_ROUND} searches; ingest: "
        f"{s['ingest_clients']} client processes x 1000-point log-batch bodies, up to {s['ingest_seconds']:.0f} s "
        f"or {s['ingest_max_requests']} requests each" + ("; **--quick smoke run**" if s["quick"] else ""),
    ]
    for r in results:
        lines.append(f"- {r['label']}: `{r['command']}`")
    lines.append("")

    t = Table(ferry, refs)
    faster, less, more = (True, "faster", "slower"), (True, "less", "more"), (False, "more", "fewer")

    # 1. end-to-end workload
    def e2e_target(_mine, factors):
        parts = [f"{'met' if f is not None and f >= E2E_TARGET else '**NOT met**'} vs {r['label']}"
                 for f, r in zip(factors, refs)]
        return "≥10x faster: " + ", ".join(parts)

    t.row(f"**end-to-end workload, {runs} runs (s)**", lambda r: _wl(r, "wall_seconds"), ratio=faster,
          target=e2e_target)
    for key, label, per_run in PHASE_ROWS:
        calls = per_run * runs if per_run else s["search_reps"] * SEARCHES_PER_ROUND

        def phase(r, key=key):
            return _wl(r, "phase_seconds", key)

        t.row(f"· {label} x{calls} (s)", phase, ratio=faster,
              fmt=lambda v, calls=calls: "n/a" if v is None else f"{v:.2f} ({v / calls * 1000:.1f} ms/call)")
    t.row("· server CPU time spent on the workload (s)",
          lambda r: r.get("workload_server_cpu_seconds") if _workload_ok(r) else None, ratio=less)
    t.row("· raw HTTP log-metric round trip, keep-alive, median (ms)", lambda r: _get(r, "round_trip", "median_ms"),
          ratio=faster)

    def client_share(r):
        # Only meaningful where the server's part is small and steady; MLflow's stalls make it noise.
        per_call, raw = _wl(r, "phase_seconds", "log_metric"), _get(r, "round_trip", "median_ms")
        return per_call / (50 * runs) * 1000 - raw if per_call and raw and r.get("kind") == "ferry" else None

    t.row("· the mlflow client's own share of a log_metric call (ms)", client_share,
          fmt=lambda v: "-" if v is None else number(v))

    # 2. ingest
    t.row(f"**log-batch ingest, {s['ingest_clients']} clients (metric points/s)**",
          lambda r: _get(r, "ingest", "points_per_second"), ratio=more,
          target=lambda mine, _f: _met(None if not mine else mine >= INGEST_TARGET, "≥200,000"))
    t.row("· log-batch latency p50 (ms)", lambda r: _get(r, "ingest", "latency_p50_ms"), ratio=(True, "lower", "higher"))
    t.row("· log-batch latency p99 (ms)", lambda r: _get(r, "ingest", "latency_p99_ms"))
    t.row("· server CPU per 1000-point log-batch (ms)", lambda r: _get(r, "ingest", "server_cpu_ms_per_request"),
          fmt=lambda v: number(v, 1), ratio=less)

    def busy(key):
        def f(r):
            used, elapsed = _get(r, "ingest", key), _get(r, "ingest", "elapsed_seconds")
            return used / elapsed if used is not None and elapsed else None
        return f

    t.row("· server CPU busy during the ingest (cores)", busy("server_cpu_seconds"))
    t.row("· ingest clients' CPU during the ingest (cores)", busy("client_cpu_seconds"))
    t.row("· ingest requests ok / failed", lambda r: r,
          fmt=lambda r: f"{_get(r, 'ingest', 'requests_ok')} / {_get(r, 'ingest', 'errors')}")

    # 3. time to ready
    t.row(f"**time to ready, median of {s['ready_starts']} fresh starts (s)**", lambda r: r.get("ready_median"),
          fmt=lambda v: number(v, 3), ratio=faster,
          target=lambda mine, _f: _met(None if mine is None else mine < READY_TARGET, "<0.5 s"))

    # 4. memory
    t.row("**idle RSS, 2 s after ready (MB)**", lambda r: _get(r, "mem_idle", "rss_mb"), fmt=lambda v: number(v, 1),
          ratio=less, target=lambda mine, _f: _met(None if mine is None else mine < IDLE_TARGET_MB, "<60 MB"))
    t.row("RSS after the workload (MB)", lambda r: _get(r, "mem_after_workload", "rss_mb"), fmt=lambda v: number(v, 1),
          ratio=less)
    t.row("RSS after the ingest (MB)", lambda r: _get(r, "mem_after_ingest", "rss_mb"), fmt=lambda v: number(v, 1),
          ratio=less)
    t.row("· idle: processes / PSS (shared pages split)", lambda r: r,
          fmt=lambda r: f"{_get(r, 'mem_idle', 'processes')} / {number(_get(r, 'mem_idle', 'pss_mb'), 1)} MB")
    if refs:
        t.row("· of the idle RSS: MLflow's job runner + huey consumers (MB)",
              lambda r: _get(r, "mem_idle", "helpers_rss_mb") if r.get("kind") == "mlflow" else None,
              fmt=lambda v: "-" if v is None else number(v, 1))

    return "\n".join(lines + t.lines + ["", *notes(results, ferry, refs)])


def notes(results: list[dict], ferry: dict | None, refs: list[dict]) -> list[str]:
    out = ["Notes:",
           "- RSS is VmRSS from /proc/PID/status, summed over the server's process tree (MLflow runs the `mlflow "
           "server` parent, uvicorn and its workers, a job runner and huey consumers; Ferry is one process).",
           "- Phase times are wall time in the mlflow client, so they include the client's own per-call work.",
           "- Before the workload the bench waits until the server's processes use under 5% of a core for 1 s "
           "(MLflow answers /health before all its workers have booted)."]
    base = len(out)
    for r in results:
        label = r["label"]
        if "failed" in r:
            out.append(f"- {label} failed to start: {r['failed'].splitlines()[0]}")
            continue
        if not _workload_ok(r):
            out.append(f"- {label} workload error: {_get(r, 'workload', 'error')}")
        for problem in (_get(r, "workload", "problems") or [])[:5]:
            out.append(f"- {label} workload check: {problem}")
        ingest = r.get("ingest") or {}
        if ingest.get("error"):
            out.append(f"- {label} ingest error: {ingest['error']}")
        if ingest.get("first_error"):
            out.append(f"- {label} ingest: first failed request: {ingest['first_error'][:300]}")
        check = ingest.get("stored_check")
        if check and check["expected"] != check["stored"]:
            out.append(f"- {label} ingest check: run {check['run']} key {check['key']} holds {check['stored']} "
                       f"points, expected {check['expected']}")
        if r.get("alive") is False:
            out.append(f"- {label} server had exited by the end of the run")
        for line in (r.get("server_errors") or [])[:8]:
            out.append(f"- {label} server log: `{line}`")
    if ferry and _workload_ok(ferry):
        for ref in refs:
            if not _workload_ok(ref):
                continue
            mine, theirs = ferry["workload"]["query_results"], ref["workload"]["query_results"]
            for query in theirs:
                if mine.get(query) != theirs[query]:
                    out.append(f"- search_runs '{query}' differs: Ferry {mine.get(query)} vs {ref['label']} "
                               f"{theirs[query]}")
    if len(out) == base:
        same = "; every server returned the same search results" if ferry and refs else ""
        out.append(f"- no errors{same}.")
    return out
