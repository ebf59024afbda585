"""The timed registry queries, their expected answers, and a check that pages through every search.

Each query is sent the way the mlflow Python client sends it (searches and get-by-alias as GET with a query
string, get-latest-versions as POST with a JSON body), on one keep-alive http.client connection: a few warm-up
calls, then `reps` timed calls. The figure is the HTTP round trip on 127.0.0.1, which bounds the server's time
from above; the server's CPU time over the timed calls is kept too.
"""

from __future__ import annotations

import http.client
import json
import math
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

from dataset import Spec

HOST = "127.0.0.1"
API = "/api/2.0/mlflow/"
PROBE_MODEL = 420  # model-0420
PROBE_RUN = 7  # the run whose versions `run_id = ...` selects
MAX_PAGES = 2000
MV_ORDER = "no order_by: MLflow's default is last_updated_timestamp DESC, name ASC, version_number DESC"


@dataclass(frozen=True)
class Query:
    key: str
    label: str
    method: str
    path: str
    params: Callable[[dict], dict]  # ctx -> request fields
    kind: str  # "models", "versions", "latest", "alias": what the answer holds
    expected: Callable[[Spec, dict], list]  # ctx -> every matching id, in the order expected (when `ordered`)
    ordered: bool = False  # the expected order is the servers' (name ASC), so pages can be compared in order
    target: bool = True  # the <50 ms requirement applies
    order_note: str = ""  # why the servers' first pages may legitimately differ


def _names(spec: Spec, keep) -> list:
    return [m["name"] for m in spec.all_models() if keep(m)]


def _versions(spec: Spec, keep) -> list:
    return [(v["name"], v["version"]) for v in spec.all_versions() if keep(v)]


def _latest(spec: Spec, _ctx) -> list:
    i = PROBE_MODEL
    stages = spec.stages(i)
    latest: dict[str, int] = {}
    for v in range(1, spec.versions + 1):
        latest[stages.get(v, "None")] = v
    return sorted((spec.name(i), v) for v in latest.values())


def queries(spec: Spec) -> list[Query]:
    probe = spec.name(PROBE_MODEL)
    return [
        Query("rm_like", "search_registered_models `name LIKE 'model-04%'`", "GET", "registered-models/search",
              lambda c: {"filter": "name LIKE 'model-04%'", "max_results": 100}, "models",
              lambda s, c: _names(s, lambda m: m["name"].startswith("model-04")), ordered=True),
        Query("rm_tag", "search_registered_models `tags.team = 'team-3'`", "GET", "registered-models/search",
              lambda c: {"filter": "tags.team = 'team-3'", "max_results": 100}, "models",
              lambda s, c: _names(s, lambda m: m["tags"]["team"] == "team-3"), ordered=True),
        Query("rm_all", "search_registered_models, no filter, first page of 100", "GET",
              "registered-models/search", lambda c: {"max_results": 100}, "models",
              lambda s, c: _names(s, lambda m: True), ordered=True),
        Query("rm_recent", "search_registered_models, no filter, first 100 by `last_updated_timestamp DESC`",
              "GET", "registered-models/search",
              lambda c: {"max_results": 100, "order_by": ["last_updated_timestamp DESC"]}, "models",
              lambda s, c: _names(s, lambda m: True),
              order_note="the update timestamps come from each server's own populate"),
        Query("mv_name", f"search_model_versions `name = '{probe}'`", "GET", "model-versions/search",
              lambda c: {"filter": f"name = '{probe}'", "max_results": 10000}, "versions",
              lambda s, c: _versions(s, lambda v: v["name"] == probe), order_note=MV_ORDER),
        Query("mv_run", "search_model_versions `run_id = '<run>'`", "GET", "model-versions/search",
              lambda c: {"filter": f"run_id = '{c['run_id']}'", "max_results": 10000}, "versions",
              lambda s, c: _versions(s, lambda v: v["run"] == PROBE_RUN), order_note=MV_ORDER),
        Query("mv_tag", "search_model_versions `tags.validation_status = 'approved'`, max_results=100", "GET",
              "model-versions/search",
              lambda c: {"filter": "tags.validation_status = 'approved'", "max_results": 100}, "versions",
              lambda s, c: _versions(s, lambda v: v["tags"]["validation_status"] == "approved"), order_note=MV_ORDER),
        Query("mv_like", "search_model_versions `name LIKE 'model-01%'`", "GET", "model-versions/search",
              lambda c: {"filter": "name LIKE 'model-01%'", "max_results": 10000}, "versions",
              lambda s, c: _versions(s, lambda v: v["name"].startswith("model-01")), order_note=MV_ORDER),
        Query("latest", f"get_latest_versions `{probe}` (every stage)", "POST",
              "registered-models/get-latest-versions", lambda c: {"name": probe}, "latest", _latest, target=False),
        Query("alias", f"get_model_version_by_alias `{probe}@champion`", "GET", "registered-models/alias",
              lambda c: {"name": probe, "alias": "champion"}, "alias",
              lambda s, c: [(probe, s.champion(PROBE_MODEL))], target=False),
    ]


# ---------------------------------------------------------------------------------------------------------------


def _request_parts(query: Query, fields: dict) -> tuple[str, bytes | None, dict]:
    if query.method == "GET":
        return API + query.path + "?" + urlencode(fields, doseq=True), None, {}
    return API + query.path, json.dumps(fields).encode(), {"Content-Type": "application/json"}


class Connection:
    """A keep-alive http.client connection that reopens once if the server closed it while idle."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=120)

    def send(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, bytes]:
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


def ids_of(kind: str, answer: dict) -> list:
    if kind == "models":
        return [m["name"] for m in answer.get("registered_models", [])]
    if kind == "alias":
        version = answer.get("model_version") or {}
        return [(version.get("name"), int(version.get("version", 0)))]
    return [(v["name"], int(v["version"])) for v in answer.get("model_versions", [])]


def _describe(method: str, path: str, body: bytes | None) -> str:
    return f"{method} {path}" + (f" {body.decode()}" if body else "")


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def time_query(port: int, query: Query, ctx: dict, warmup: int, reps: int, cpu: Callable[[], float]) -> dict:
    """Warm-up calls, then `reps` timed calls; an error answer is returned as {"error": ...}, not raised."""
    path, body, headers = _request_parts(query, query.params(ctx))
    conn = Connection(port)
    try:
        for _ in range(max(1, warmup)):
            status, data = conn.send(query.method, path, body, headers)
            if status != 200:
                return {"error": {"request": _describe(query.method, path, body), "status": status,
                                  "response": data[:1500].decode(errors="replace")}}
        times = []
        cpu_before = cpu()
        for _ in range(reps):
            t0 = time.perf_counter()
            status, data = conn.send(query.method, path, body, headers)
            times.append(time.perf_counter() - t0)
            if status != 200:
                return {"error": {"request": _describe(query.method, path, body), "status": status,
                                  "response": data[:1500].decode(errors="replace")}}
        cpu_ms = (cpu() - cpu_before) / reps * 1000
    except (OSError, http.client.HTTPException) as error:
        return {"error": {"request": _describe(query.method, path, body), "status": -1,
                          "response": f"{type(error).__name__}: {error}"}}
    finally:
        conn.close()
    times.sort()
    answer = json.loads(data)
    ids = ids_of(query.kind, answer)
    return {
        "median_ms": percentile(times, 0.5) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "min_ms": times[0] * 1000,
        "cpu_ms": cpu_ms,
        "reps": reps,
        "response_bytes": len(data),
        "count": len(ids),
        "has_next_page": bool(answer.get("next_page_token")),
        "page": [list(x) if isinstance(x, tuple) else x for x in ids],
    }


def walk(port: int, query: Query, ctx: dict) -> dict:
    """Every result of a search, following next_page_token (untimed), for the checks."""
    fields = query.params(ctx)
    conn = Connection(port)
    found: list = []
    pages = 0
    try:
        while True:
            path, body, headers = _request_parts(query, fields)
            status, data = conn.send(query.method, path, body, headers)
            pages += 1
            if status != 200:
                return {"error": f"{_describe(query.method, path, body)} -> HTTP {status}: "
                                 f"{data[:500].decode(errors='replace')}"}
            answer = json.loads(data)
            found.extend(ids_of(query.kind, answer))
            token = answer.get("next_page_token")
            if not token or query.kind not in ("models", "versions"):
                break
            if pages >= MAX_PAGES:
                return {"error": f"more than {MAX_PAGES} pages"}
            fields = dict(fields, page_token=token)
    except (OSError, http.client.HTTPException) as error:
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        conn.close()
    return {"pages": pages, "ids": [list(x) if isinstance(x, tuple) else x for x in found]}


def _key(x):
    return tuple(x) if isinstance(x, list) else x


def check(query: Query, spec: Spec, ctx: dict, walked: dict, timed: dict) -> list[str]:
    """Problems with one server's answers against the data set (empty: all good)."""
    problems = []
    expected = [_key(x) for x in query.expected(spec, ctx)]
    if "error" in walked:
        return [f"paging through all results failed: {walked['error']}"]
    got = [_key(x) for x in walked["ids"]]
    if len(got) != len(set(got)):
        problems.append(f"{len(got) - len(set(got))} duplicate results across pages")
    if set(got) != set(expected):
        missing, extra = set(expected) - set(got), set(got) - set(expected)
        problems.append(f"all pages hold {len(set(got))} results, expected {len(expected)}"
                        + (f"; missing e.g. {sorted(missing)[:3]}" if missing else "")
                        + (f"; unexpected e.g. {sorted(extra)[:3]}" if extra else ""))
    if query.kind in ("latest", "alias"):
        got_sorted = sorted(got)
        if got_sorted != sorted(expected):
            problems.append(f"answer {got_sorted}, expected {sorted(expected)}")
    if "error" not in timed:
        page = [_key(x) for x in timed["page"]]
        limit = query.params(ctx).get("max_results")
        want = min(len(expected), limit) if limit else len(expected)
        if len(page) != want:
            problems.append(f"timed answer holds {len(page)} results, expected {want}")
        if query.ordered and page != expected[:len(page)]:
            problems.append(f"first page order {page[:3]}..., expected {expected[:3]}...")
    return problems
