"""The markdown report of bench.py: header, populate table, latency table, server-CPU table, notes."""

from __future__ import annotations

from report import number  # ../tracking, on sys.path (bench.py puts it there)

TARGET_MS = 50.0


def _q(result: dict, key: str) -> dict | None:
    return (result.get("queries") or {}).get(key)


def _ok(result: dict, key: str) -> dict | None:
    q = _q(result, key)
    return q if q and "error" not in q else None


def _ratio(ferry: float | None, other: float | None) -> str:
    if not ferry or not other:
        return "n/a"
    return f"**{other / ferry:.1f}x**" if other >= ferry else f"{other / ferry:.2f}x"


def render(info: dict, results: list[dict], queries: list) -> str:
    ferry = next((r for r in results if r.get("kind") == "ferry"), None)
    refs = [r for r in results if r.get("kind") == "mlflow"]
    columns = ([ferry] if ferry else []) + refs
    m, s = info["machine"], info["settings"]
    lines = [
        f"### Ferry vs MLflow model-registry searches ({info['date']})",
        "",
        f"- machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu']}, {m['memory_gb']} GB RAM, "
        f"Linux {m['kernel']}; load average before {info['load_before'][0]:.2f}, after {info['load_after'][0]:.2f}",
        f"- data: {s['models']:,} registered models (tags `team`, `task`, a description), {s['versions']} versions "
        f"each ({s['models'] * s['versions']:,} versions, tag `validation_status`, spread over {s['runs']} runs), "
        f"alias `champion` on every model, Production + Staging on every fourth; populated through the REST API "
        f"with {s['threads']} client threads" + ("; **--quick smoke run**" if s["quick"] else ""),
        f"- timing: {s['warmup']} warm-up calls, then {s['reps']} calls per query on one keep-alive connection; "
        f"HTTP round trip on 127.0.0.1 (an upper bound of the server's time); mlflow {info['mlflow']}, "
        f"Python {m['python']}",
    ]
    for r in results:
        lines.append(f"- {r['label']}: `{r['command']}`"
                     + (f" (on the database {r['populate']['reused_from']} populated)"
                        if (r.get("populate") or {}).get("reused_from") else ""))
    lines.append("")

    # populate
    lines += ["| populate | time (s) | requests | requests/s | failed |", "|---|---:|---:|---:|---:|"]
    for r in columns:
        p = r.get("populate") or {}
        if "seconds" in p:
            lines.append(f"| {r['label']} | {p['seconds']:.1f} | {p['requests']:,} | {p['requests_per_second']:,.0f} "
                         f"| {p['failures']} |")
        elif p.get("error"):
            lines.append(f"| {r['label']} | failed | | | |")
    lines.append("")

    # latency
    header = "| query | results (page / all) |"
    align = "|---|---:|"
    for r in columns:
        header += f" {r['label']} median ms | p95 |"
        align += "---:|---:|"
        if ferry and r is not ferry:
            header += " ratio |"
            align += "---:|"
    if ferry:
        header += " Ferry < 50 ms |"
        align += "---|"
    lines += [header, align]
    for q in queries:
        first = next((_ok(r, q.key) for r in columns if _ok(r, q.key)), None)
        count = f"{first['count']} / {first['total']}" if first and first.get("total") is not None else "n/a"
        cells = f"| {q.label} | {count} |"
        mine = _ok(ferry, q.key) if ferry else None
        for r in columns:
            got = _ok(r, q.key)
            if got:
                cells += f" {number(got['median_ms'])} | {number(got['p95_ms'])} |"
            elif _q(r, q.key):
                cells += " **error** | |"
            else:
                cells += " n/a | |"
            if ferry and r is not ferry:
                cells += f" {_ratio(mine and mine['median_ms'], got and got['median_ms'])} |"
        if ferry:
            if not q.target:
                cells += " |"
            elif mine:
                cells += f" {'met' if mine['p95_ms'] < TARGET_MS else '**NOT met**'} |"
            else:
                cells += " **NOT met** (error) |"
        lines.append(cells)
    lines.append("")

    # server CPU
    header, align = "| server CPU per call (ms) |", "|---|"
    for r in columns:
        header += f" {r['label']} |"
        align += "---:|"
    if ferry:
        for r in refs:
            header += f" {r['label']} / Ferry |"
            align += "---:|"
    lines += [header, align]
    for q in queries:
        cells = f"| {q.label} |"
        for r in columns:
            got = _ok(r, q.key)
            cells += f" {number(got['cpu_ms'], 1) if got else 'n/a'} |"
        if ferry:
            mine = _ok(ferry, q.key)
            for r in refs:
                got = _ok(r, q.key)
                cells += f" {_ratio(mine and mine['cpu_ms'], got and got['cpu_ms'])} |"
        lines.append(cells)
    lines.append("")
    return "\n".join(lines + notes(results, ferry, refs, queries))


def notes(results: list[dict], ferry: dict | None, refs: list[dict], queries: list) -> list[str]:
    out = ["Notes:",
           "- ratio: MLflow's median over Ferry's (above 1: Ferry faster). The 50 ms column checks Ferry's p95.",
           "- server CPU per call: user + system time of the server's process tree over the timed calls, divided by "
           "the calls (counted in 10 ms clock ticks, so within 10 ms / calls); MLflow's multi-worker response stall "
           "(see the tracking benchmark's README) costs no CPU."]
    warnings: list[str] = []
    info: list[str] = []
    for r in results:
        label = r["label"]
        if "failed" in r:
            warnings.append(f"- **{label} failed to start**: {r['failed'].splitlines()[0]}")
            continue
        p = r.get("populate") or {}
        if p.get("error"):
            warnings.append(f"- **{label} populate failed**: {p['error'][:400]}")
        for failure in p.get("first_failures") or []:
            warnings.append(f"- **{label} populate**: `{failure[:600]}`")
        for q in queries:
            got = _q(r, q.key)
            if got is None:
                continue
            if "error" in got:
                e = got["error"]
                warnings.append(f"- **{label} `{q.key}` failed**: `{e['request']}` -> HTTP {e['status']}: "
                                f"`{e['response'][:400]}`")
            for problem in got.get("problems") or []:
                warnings.append(f"- **{label} `{q.key}` check**: {problem}")
        if r.get("alive") is False:
            warnings.append(f"- **{label} server had exited by the end of the run**")
        for line in (r.get("server_errors") or [])[:5]:
            warnings.append(f"- {label} server log: `{line}`")
    # between servers
    if ferry:
        for ref in refs:
            for q in queries:
                a, b = _ok(ferry, q.key), _ok(ref, q.key)
                if not a or not b:
                    continue
                if a["count"] != b["count"] or a.get("total") != b.get("total"):
                    warnings.append(f"- **`{q.key}` differs**: Ferry {a['count']} on the page / {a.get('total')} in "
                                    f"all, {ref['label']} {b['count']} / {b.get('total')}")
                elif a.get("all_ids") is not None and b.get("all_ids") is not None and \
                        sorted(map(str, a["all_ids"])) != sorted(map(str, b["all_ids"])):
                    warnings.append(f"- **`{q.key}` differs**: same counts, different results")
                elif a["page"] != b["page"] and ref is refs[0]:
                    what = "content" if sorted(map(str, a["page"])) != sorted(map(str, b["page"])) else "order"
                    info.append(f"- `{q.key}`: same results over all pages; the timed page differs in {what} "
                                f"(Ferry starts {a['page'][:2]}, {ref['label']} {b['page'][:2]})"
                                + (f"; {q.order_note}" if q.order_note else ""))
    if warnings:
        out.append("- **WARNING**: the servers did not all answer the same / as expected:")
        out += warnings
    else:
        out.append("- no errors; every query's results (all pages) match the data set on every server.")
    return out + info
