"""Path traversal on every artifact route (reference §5 test list, CVE-2023-6730/6831/1176/3765, CVE-2024-1560...).

Every hostile path must get a 4xx, and nothing outside the artifacts folder may be read, written or
deleted: a sentinel file planted next to the artifacts folder is checked after every request, and so is
a snapshot of everything else in that parent folder. Requests go out byte-for-byte via http.client,
because `requests` would normalise `..` and re-encode the path.
"""

import os
import uuid
from pathlib import Path

import pytest

from support import IS_MLFLOW, assert_client_error, raw_request, unique

PREFIXES = {
    "api": "/api/2.0/mlflow-artifacts/artifacts",
    "ajax": "/ajax-api/2.0/mlflow-artifacts/artifacts",
}

SECRET = f"sentinel-{uuid.uuid4().hex}".encode()


@pytest.fixture(scope="module")
def outside(artifacts_dir):
    """A sentinel file and folder next to (outside) the artifacts destination."""
    parent = Path(artifacts_dir).parent
    sentinel = parent / "sentinel.txt"
    sentinel.write_bytes(SECRET)
    folder = parent / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.txt").write_bytes(SECRET)
    return {"parent": parent, "sentinel": sentinel, "folder": folder, "artifacts": Path(artifacts_dir)}


def snapshot(outside) -> dict:
    """Every file outside the artifacts folder, except the server's own store and logs."""
    state = {}
    for root, dirs, files in os.walk(outside["parent"]):
        root_path = Path(root)
        if root_path == outside["artifacts"] or outside["artifacts"] in root_path.parents:
            dirs[:] = []
            continue
        for name in files:
            if name.startswith("ferry.db") or name.endswith(".log"):
                continue
            path = root_path / name
            stat = path.stat()
            state[str(path.relative_to(outside["parent"]))] = (stat.st_size, stat.st_mtime_ns)
    return state


def up(depth: int, sep: str = "../") -> str:
    return sep * depth


# Each case builds the hostile path for a given depth (how many levels up the sentinel lies).
# The value is the wire form: percent-escapes here are sent as written.
CASES = {
    "dotdot": lambda d: f"{up(d)}sentinel.txt",
    "dotdot-nested": lambda d: f"x/{up(d + 1)}sentinel.txt",
    "dotdot-dir": lambda d: f"{up(d)}outside",
    "bare-dotdot": lambda d: "..",
    "enc-dotdot": lambda d: f"{up(d, '%2e%2e%2f')}sentinel.txt",
    "enc-dots-only": lambda d: f"{up(d, '%2e%2e/')}sentinel.txt",
    "enc-upper": lambda d: f"{up(d, '%2E%2E%2F')}sentinel.txt",
    "enc-slash-only": lambda d: f"{up(d, '..%2f')}sentinel.txt",
    "double-enc": lambda d: f"{up(d, '%252e%252e%252f')}sentinel.txt",
    "double-enc-upper": lambda d: f"{up(d, '%252E%252E%252F')}sentinel.txt",
    "triple-enc": lambda d: f"{up(d, '%25252e%25252e%25252f')}sentinel.txt",
    "backslash": lambda d: f"{up(d, '..%5c')}sentinel.txt",
    "raw-backslash": lambda d: f"{up(d, '..' + chr(92))}sentinel.txt",
    "leading-slash": lambda d: "/etc/passwd",
    "enc-leading-slash": lambda d: "%2fetc%2fpasswd",
    "windows-drive": lambda d: "C:%5cWindows%5cwin.ini",
    "windows-drive-slash": lambda d: "C:/Windows/win.ini",
    "file-uri": lambda d: "file:///etc/passwd",
    "enc-file-uri": lambda d: "file%3a%2f%2f%2fetc%2fpasswd",
    "fragment": lambda d: "a%23b.txt",
    "fragment-traversal": lambda d: f"x%23/{up(d + 1)}sentinel.txt",
    "nul": lambda d: "a%00b.txt",
    "nul-suffix": lambda d: f"{up(d)}sentinel.txt%00.png",
    "control-char": lambda d: "a%01b.txt",
    "newline": lambda d: "a%0ab.txt",
    "carriage-return": lambda d: "a%0db.txt",
    "delete-char": lambda d: "a%7fb.txt",
}

ROUTES = ["PUT", "GET", "DELETE", "LIST"]

# How MLflow 3.17.2 itself answers where it does not give a 4xx (observed); those combinations are
# Ferry-only hardening and are skipped against MLflow. None of them escapes the artifacts folder.
MLFLOW_ACCEPTS = {
    # a Linux MLflow server treats `\` as an ordinary character and writes `..\sentinel.txt` inside the root
    "backslash": set(ROUTES),
    "raw-backslash": set(ROUTES),
    # NUL and control characters are accepted and become part of a file name inside the root
    "nul": set(ROUTES),
    "control-char": set(ROUTES),
    "carriage-return": set(ROUTES),
    "delete-char": set(ROUTES),
    "newline": {"LIST"},
    # DELETE //etc/passwd and DELETE %2fetc%2fpasswd get a 308 redirect to the merged-slash path
    # .../artifacts/etc/passwd (inside the root)
    "leading-slash": {"DELETE"},
    "enc-leading-slash": {"DELETE"},
}


def target_for(prefix: str, route: str, path: str) -> str:
    if route == "LIST":
        return f"{prefix}?path={path}"
    if path.startswith("/"):
        return f"{prefix}/{path}"  # i.e. prefix + "//etc/passwd"
    return f"{prefix}/{path}"


PARAMS = [
    pytest.param(case, route, prefix, id=f"{prefix}-{route}-{case}")
    for case in CASES
    for route in ROUTES
    for prefix in PREFIXES
]


@pytest.mark.parametrize("case,route,prefix", PARAMS)
def test_proxy_traversal(base_url, outside, case, route, prefix):
    if IS_MLFLOW and route in MLFLOW_ACCEPTS.get(case, set()) and os.environ.get("FERRY_COMPAT_FORCE_ALL") != "1":
        pytest.skip("Ferry-only hardening: MLflow 3.17.2 does not refuse this (see MLFLOW_ACCEPTS)")
    path = CASES[case](1)  # the sentinel lies one level above the artifacts root
    before = snapshot(outside)
    marker = f"written-by-{case}-{uuid.uuid4().hex}".encode()
    method = "GET" if route == "LIST" else route
    body = marker if route == "PUT" else None
    response = raw_request(base_url, method, target_for(PREFIXES[prefix], route, path), body,
                           {"Content-Type": "application/octet-stream"} if body else None)
    assert_client_error(response.status, response.body.decode("utf-8", "replace"))
    assert SECRET not in response.body
    assert b"root:x:0:0" not in response.body
    assert outside["sentinel"].read_bytes() == SECRET
    assert (outside["folder"] / "secret.txt").read_bytes() == SECRET
    assert snapshot(outside) == before, "a file outside the artifacts folder was created or changed"


# ----------------------------------------------------------------------------- run-relative routes
# GET /get-artifact?run_uuid=&path= and GET /api/2.0/mlflow/artifacts/list?run_id=&path= resolve paths
# under <artifacts>/<exp>/<run>/artifacts, four levels below the sentinel. A server that does not
# implement these UI routes answers 404, which is also a refusal.

RUN_ROUTES = {
    "get-artifact": "/get-artifact?run_uuid={run}&path={path}",
    "ajax-get-artifact": "/ajax-api/2.0/mlflow/get-artifact?run_uuid={run}&path={path}",
    "artifacts-list": "/api/2.0/mlflow/artifacts/list?run_id={run}&path={path}",
    "ajax-artifacts-list": "/ajax-api/2.0/mlflow/artifacts/list?run_id={run}&path={path}",
}

RUN_CASES = ["dotdot", "dotdot-nested", "dotdot-dir", "enc-dotdot", "double-enc", "enc-leading-slash",
             "leading-slash", "file-uri", "windows-drive", "fragment-traversal", "backslash", "nul-suffix"]
# MLflow's artifacts/list takes `..\` as a plain name (get-artifact refuses it).
RUN_MLFLOW_ACCEPTS = {("backslash", "artifacts-list"), ("backslash", "ajax-artifacts-list")}


@pytest.fixture(scope="module")
def run_with_file(rest):
    run = rest.create_run(rest.create_experiment())
    run_id = run["info"]["run_id"]
    experiment_id = run["info"]["experiment_id"]
    response = raw_request(rest.base, "PUT",
                           f"/api/2.0/mlflow-artifacts/artifacts/{experiment_id}/{run_id}/artifacts/ok.txt", b"ok")
    assert response.status == 200
    return run_id


@pytest.mark.parametrize("route", sorted(RUN_ROUTES))
@pytest.mark.parametrize("case", RUN_CASES)
def test_run_artifact_route_traversal(base_url, outside, run_with_file, route, case):
    if IS_MLFLOW and (case, route) in RUN_MLFLOW_ACCEPTS and os.environ.get("FERRY_COMPAT_FORCE_ALL") != "1":
        pytest.skip("Ferry-only hardening: MLflow 3.17.2 does not refuse a backslash")
    assert_refused_read(base_url, outside, RUN_ROUTES[route].format(run=run_with_file, path=CASES[case](4)))


def assert_refused_read(base_url, outside, target):
    """GET `target` is refused with a 4xx, leaks no secret and changes nothing outside the root."""
    before = snapshot(outside)
    response = raw_request(base_url, "GET", target)
    assert_client_error(response.status, response.body.decode("utf-8", "replace"))
    assert SECRET not in response.body
    assert b"root:x:0:0" not in response.body
    assert snapshot(outside) == before


def test_run_artifact_route_serves_real_file(base_url, run_with_file):
    # the positive case for the route above, so a 404-everything server is noticed
    response = raw_request(base_url, "GET", f"/get-artifact?run_uuid={run_with_file}&path=ok.txt")
    if response.status == 404 and not IS_MLFLOW:
        pytest.skip("/get-artifact (a UI-only route) is not implemented")
    assert response.status == 200 and response.body == b"ok"


# ----------------------------------------------------------------------------- model-version files
# GET /model-versions/get-artifact?name=&version=&path= resolves paths under the version's storage
# location; here a version whose source is the run's artifact root, four levels below the sentinel.

VERSION_ROUTES = {
    "mv-get-artifact": "/model-versions/get-artifact?name={name}&version=1&path={path}",
    # Ferry also serves it under /ajax-api, like /get-artifact; MLflow answers 404 there (a refusal too)
    "ajax-mv-get-artifact": "/ajax-api/2.0/mlflow/model-versions/get-artifact?name={name}&version=1&path={path}",
}


@pytest.fixture(scope="module")
def version_with_file(rest, run_with_file):
    name = unique("mvfiles")
    assert rest.post("registered-models/create", {"name": name}).status_code == 200
    root = rest.get_run(run_with_file)["info"]["artifact_uri"]
    response = rest.post("model-versions/create", {"name": name, "source": root, "run_id": run_with_file})
    assert response.status_code == 200, response.text
    return name


@pytest.mark.parametrize("route", sorted(VERSION_ROUTES))
@pytest.mark.parametrize("case", RUN_CASES)
def test_model_version_artifact_traversal(base_url, outside, version_with_file, route, case):
    assert_refused_read(base_url, outside, VERSION_ROUTES[route].format(name=version_with_file, path=CASES[case](4)))


@pytest.mark.parametrize("route", sorted(VERSION_ROUTES))
def test_model_version_artifact_serves_real_file(base_url, version_with_file, route):
    if IS_MLFLOW and route.startswith("ajax"):
        pytest.skip("MLflow serves this route only without the /ajax-api prefix")
    response = raw_request(base_url, "GET", VERSION_ROUTES[route].format(name=version_with_file, path="ok.txt"))
    assert response.status == 200 and response.body == b"ok"


# ----------------------------------------------------------------------------- client-made paths


def test_client_cannot_log_outside_run(client, experiment_id, tmp_path, outside):
    run_id = client.create_run(experiment_id).info.run_id
    source = tmp_path / "sentinel.txt"
    source.write_bytes(b"overwrite attempt")
    before = snapshot(outside)
    try:
        client.log_artifact(run_id, str(source), artifact_path="../../../..")
    except Exception:
        pass  # refused: fine
    assert outside["sentinel"].read_bytes() == SECRET
    assert snapshot(outside) == before
