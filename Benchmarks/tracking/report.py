"""Turns the raw results of bench.py into the markdown report (header, table, notes)."""

from __future__ import annotations

import math

# (phase key, label, calls per run or None for per-workload counts)
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

TARGETS = {
    "e2e": 10.0,  # Ferry at least 10x faster end-to-end
    "ingest": 200_000.0,  # metric points/s
    "ready": 0.5,  # seconds
    "idle_mb": 60.0,
}


def _num(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _ratio(ferry, mlflow, lower_is_better: bool, word_good: str, word_bad: str) -> str:
    if not ferry or not mlflow:
        return "n/a"
    factor = (mlflow / ferry) if lower_is_better else (ferry / mlflow)
    if factor >= 1:
        return f"**{factor:.1f}x {word_good}**"
    return f"{1 / factor:.1f}x {word_bad}"


def _get(result: dict, *path):
    value = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _workload_ok(result: dict) -> bool:
    return isinstance(result.get("workload"), dict) and "error" not in result["workload"]


def render(info: dict, results: list[dict]) -> str:
    by = {r["label"]: r for r in results}
    ferry, mlflow = by.get("Ferry"), by.get("MLflow")
    both = ferry is not None and mlflow is not None
    columns = [r for r in (ferry, mlflow) if r is not None]
    m = info["machine"]
    s = info["settings"]
    lines = [
        f"### Ferry vs MLflow tracking server ({info['date']})",
        "",
        f"- machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu']}, {m['memory_gb']} GB RAM, "
        f"Linux {m['kernel']}; load average before {info['load_before'][0]:.2f}, after {info['load_after'][0]:.2f}",
        f"- SQLite commit on this disk: {_num(_get(info, 'sqlite_commit_ms', 'default'), 2)} ms with the default "
        f"journal (MLflow's setting, an fsync per commit), {_num(_get(info, 'sqlite_commit_ms', 'wal_normal'), 3)} ms "
        f"in WAL with synchronous=NORMAL (Ferry's setting)",
        f"- client: mlflow {info['mlflow']} on Python {m['python']}, synchronous logging, no retries",
        f"- workload: {s['runs']} runs, {s['search_reps']} rounds of 5 searches; ingest: {s['ingest_clients']} "
        f"client processes x 1000-point log-batch bodies, up to {s['ingest_seconds']:.0f} s or "
        f"{s['ingest_max_requests']} requests each" + ("; **--quick smoke run**" if s["quick"] else ""),
    ]
    for r in columns:
        lines.append(f"- {r['label']}: `{r['command']}`")
    lines.append("")

    header = "| measure | " + " | ".join(r["label"] for r in columns) + " |"
    align = "|---|" + "---:|" * len(columns)
    if both:
        header += " Ferry vs MLflow | target |"
        align += "---:|---|"
    lines += [header, align]

    def row(label: str, values: list[str], ratio: str = "", target: str = "") -> None:
        cells = f"| {label} | " + " | ".join(values) + " |"
        if both:
            cells += f" {ratio} | {target} |"
        lines.append(cells)

    # 1. end-to-end workload
    walls = [_get(r, "workload", "wall_seconds") if _workload_ok(r) else None for r in columns]
    e2e_ratio = (walls[1] / walls[0]) if both and walls[0] and walls[1] else None
    row(f"**end-to-end workload, {s['runs']} runs (s)**", [_num(w) for w in walls],
        _ratio(walls[0], walls[1], True, "faster", "slower") if both else "",
        _target(e2e_ratio is not None and e2e_ratio >= TARGETS["e2e"], "≥10x faster", e2e_ratio is None))
    for key, label, per_run in PHASE_ROWS:
        values, secs = [], []
        for r in columns:
            sec = _get(r, "workload", "phase_seconds", key) if _workload_ok(r) else None
            if per_run is None:
                calls = _get(r, "workload", "requests", "search_runs") or 0
            else:
                calls = per_run * s["runs"]
            secs.append(sec)
            values.append("n/a" if sec is None else f"{sec:.2f} ({sec / max(calls, 1) * 1000:.1f} ms/call)")
        calls_note = f"x{per_run * s['runs']}" if per_run else f"x{s['search_reps'] * 5}"
        row(f"· {label} {calls_note} (s)", values,
            _ratio(secs[0], secs[1], True, "faster", "slower") if both else "")

    wcpu = [r.get("workload_server_cpu_seconds") if _workload_ok(r) else None for r in columns]
    row("· server CPU time spent on the workload (s)", [_num(x, 2) for x in wcpu],
        _ratio(wcpu[0], wcpu[1], True, "less", "more") if both else "")
    rt = [_get(r, "round_trip", "median_ms") for r in columns]
    row("· raw HTTP log-metric round trip, keep-alive, median (ms)", [_num(x, 2) for x in rt],
        _ratio(rt[0], rt[1], True, "faster", "slower") if both else "")
    lm = [_get(r, "workload", "phase_seconds", "log_metric") for r in columns]
    overhead = [(l / (50 * s["runs"]) * 1000 - x) if (l and x) else None for l, x in zip(lm, rt)]
    row("· mlflow client's own share of a log_metric call (ms)", [_num(x, 2) for x in overhead])

    # 2. ingest
    pps = [_get(r, "ingest", "points_per_second") for r in columns]
    row(f"**log-batch ingest, {s['ingest_clients']} clients (metric points/s)**", [_num(p) for p in pps],
        _ratio(pps[0], pps[1], False, "more", "fewer") if both else "",
        _target(bool(pps[0]) and pps[0] >= TARGETS["ingest"], "≥200,000", not pps[0]))
    lat = [(_get(r, "ingest", "latency_p50_ms"), _get(r, "ingest", "latency_p99_ms")) for r in columns]
    row("· log-batch latency p50 / p99 (ms)", [f"{_num(a, 1)} / {_num(b, 1)}" for a, b in lat],
        _ratio(lat[0][0], lat[1][0], True, "lower p50", "higher p50") if both else "")
    icpu = [_get(r, "ingest", "server_cpu_ms_per_request") for r in columns]
    row("· server CPU per 1000-point log-batch (ms)", [_num(x, 1) for x in icpu],
        _ratio(icpu[0], icpu[1], True, "less", "more") if both else "")
    ccpu = [_get(r, "ingest", "client_cpu_seconds") for r in columns]
    scpu = [_get(r, "ingest", "server_cpu_seconds") for r in columns]
    el = [_get(r, "ingest", "elapsed_seconds") for r in columns]
    row("· server CPU busy during the ingest (cores)", [_num(c / e, 2) if c and e else "n/a" for c, e in zip(scpu, el)])
    row("· ingest clients' CPU, share of the run (cores)", [_num(c / e, 2) if c and e else "n/a" for c, e in zip(ccpu, el)])
    errs = [_get(r, "ingest", "errors") for r in columns]
    row("· ingest requests ok / failed", [f"{_get(r, 'ingest', 'requests_ok')} / {e}" for r, e in zip(columns, errs)])

    # 3. time to ready
    ready = [r.get("ready_median") for r in columns]
    row(f"**time to ready, median of {s['ready_starts']} fresh starts (s)**", [_num(x, 3) for x in ready],
        _ratio(ready[0], ready[1], True, "faster", "slower") if both else "",
        _target(ready[0] is not None and ready[0] < TARGETS["ready"], "<0.5 s", ready[0] is None))

    # 4. memory
    for key, label, target in (("mem_idle", "**idle RSS, 2 s after ready (MB)**", True),
                               ("mem_after_workload", "RSS after the workload (MB)", False),
                               ("mem_after_ingest", "RSS after the ingest (MB)", False)):
        rss = [_get(r, key, "rss_mb") for r in columns]
        row(label, [_num(x, 1) for x in rss], _ratio(rss[0], rss[1], True, "less", "more") if both else "",
            _target(rss[0] is not None and rss[0] < TARGETS["idle_mb"], "<60 MB", rss[0] is None) if target else "")
    procs = [f"{_get(r, 'mem_idle', 'processes')} / {_num(_get(r, 'mem_idle', 'pss_mb'), 1)} MB"
             for r in columns]
    row("· idle processes / PSS (shared pages split)", procs)
    if mlflow is not None and _get(mlflow, "mem_idle", "helpers_rss_mb"):
        row("· of MLflow's idle RSS: job runner + huey consumers (MB)",
            ["-" if r is not mlflow else _num(_get(r, "mem_idle", "helpers_rss_mb"), 1) for r in columns])

    lines += ["", *notes(columns, ferry, mlflow)]
    return "\n".join(lines)


def _target(met: bool, text: str, unknown: bool = False) -> str:
    if unknown:
        return f"{text}: n/a"
    return f"{text}: {'met' if met else '**NOT met**'}"


def notes(columns: list[dict], ferry: dict | None, mlflow: dict | None) -> list[str]:
    out = ["Notes:",
           "- RSS is VmRSS from /proc/PID/status, summed over the server's process tree (MLflow runs a uvicorn "
           "parent, its workers, a job runner and huey consumers; Ferry is one process). PSS splits shared pages.",
           "- Phase times are wall time in the mlflow client, so they include the client's own per-call overhead.",
           "- Before the workload the bench waits until the server's processes use under 5% of a core for 1 s "
           "(MLflow answers /health before all its workers have booted)."]
    for r in columns:
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
    if ferry and mlflow and _workload_ok(ferry) and _workload_ok(mlflow):
        fq, mq = ferry["workload"]["query_results"], mlflow["workload"]["query_results"]
        for label in mq:
            if fq.get(label) != mq[label]:
                out.append(f"- search_runs '{label}' differs: Ferry {fq.get(label)} vs MLflow {mq[label]}")
    if len(out) == 4:
        out.append("- no errors" + ("; both servers returned the same search results." if ferry and mlflow else "."))
    return out
