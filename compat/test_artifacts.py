"""Artifacts through the client (mlflow-artifacts proxy) and the raw proxy routes."""

import json
import os

import mlflow
import pytest
import yaml

from support import IS_MLFLOW, assert_error, raw_request, unique

PROXY = "/api/2.0/mlflow-artifacts/artifacts"


@pytest.fixture
def run_id(client, experiment_id):
    return client.create_run(experiment_id).info.run_id


def listing(client, run_id, path=None):
    return {(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(run_id, path)}


def test_log_artifact_and_list(client, run_id, tmp_path, artifacts_dir):
    source = tmp_path / "hello.txt"
    source.write_text("hello world")
    client.log_artifact(run_id, str(source))
    client.log_artifact(run_id, str(source), artifact_path="nested/deeper")
    assert listing(client, run_id) == {("hello.txt", False, 11), ("nested", True, None)}
    assert listing(client, run_id, "nested") == {("nested/deeper", True, None)}
    assert listing(client, run_id, "nested/deeper") == {("nested/deeper/hello.txt", False, 11)}
    assert listing(client, run_id, "does-not-exist") == set()
    # the bytes are in the artifacts destination, under <exp>/<run>/artifacts
    experiment_id = client.get_run(run_id).info.experiment_id
    on_disk = artifacts_dir / experiment_id / run_id / "artifacts" / "nested" / "deeper" / "hello.txt"
    assert on_disk.read_text() == "hello world"


def test_log_artifacts_directory_and_download(client, run_id, tmp_path):
    source = tmp_path / "src"
    (source / "sub" / "subsub").mkdir(parents=True)
    files = {
        "a.txt": b"alpha",
        "sub/b.bin": bytes(range(256)) * 4,
        "sub/subsub/c.json": b'{"c": 1}',
        "empty.txt": b"",
        "space name.txt": b"spaces ok",
        "unicode-\u00e9.txt": "unicode ok \u2713".encode(),
    }
    for relative, data in files.items():
        (source / relative).write_bytes(data)
    client.log_artifacts(run_id, str(source), artifact_path="bundle")
    assert listing(client, run_id, "bundle/sub") == {("bundle/sub/b.bin", False, 1024), ("bundle/sub/subsub", True, None)}
    out = tmp_path / "out"
    out.mkdir()
    local = client.download_artifacts(run_id, "bundle", str(out))
    for relative, data in files.items():
        assert open(os.path.join(local, relative), "rb").read() == data, relative
    single = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="bundle/sub/b.bin", dst_path=str(tmp_path / "one"))
    assert open(single, "rb").read() == files["sub/b.bin"]


def test_empty_file_listing_has_no_size(client, run_id, tmp_path):
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    client.log_artifact(run_id, str(source))
    [entry] = client.list_artifacts(run_id)
    assert entry.path == "empty.txt" and not entry.is_dir and not entry.file_size


def test_large_artifact_round_trip(client, run_id, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    source = tmp_path / "large.bin"
    source.write_bytes(data)
    client.log_artifact(run_id, str(source))
    downloaded = client.download_artifacts(run_id, "large.bin", str(tmp_path))
    assert open(downloaded, "rb").read() == data
    assert listing(client, run_id) == {("large.bin", False, len(data))}


def test_log_dict_and_text(client, experiment_id):
    payload = {"name": "model", "layers": [1, 2, 3], "nested": {"ok": True}}
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_dict(payload, "config/params.json")
        mlflow.log_dict(payload, "config/params.yaml")
        mlflow.log_text("line one\nline two\n", "notes/readme.txt")
    run_id = run.info.run_id
    uri = f"runs:/{run_id}"
    assert mlflow.artifacts.load_dict(f"{uri}/config/params.json") == payload
    assert yaml.safe_load(mlflow.artifacts.load_text(f"{uri}/config/params.yaml")) == payload
    assert mlflow.artifacts.load_text(f"{uri}/notes/readme.txt") == "line one\nline two\n"
    assert {f.path for f in client.list_artifacts(run_id, "config")} == {"config/params.json", "config/params.yaml"}


def test_artifact_uri_is_proxied(client, run_id):
    experiment_id = client.get_run(run_id).info.experiment_id
    with mlflow.start_run(run_id=run_id):
        assert mlflow.get_artifact_uri() == f"mlflow-artifacts:/{experiment_id}/{run_id}/artifacts"
        assert mlflow.get_artifact_uri("x/y.txt") == f"mlflow-artifacts:/{experiment_id}/{run_id}/artifacts/x/y.txt"


# ----------------------------------------------------------------------------- raw proxy


def test_proxy_put_get_list_delete(base_url):
    root = unique("raw")
    put = raw_request(base_url, "PUT", f"{PROXY}/{root}/dir/a.txt", b"hello", {"Content-Type": "text/plain"})
    assert put.status == 200, put.body
    assert put.body in (b"", b"{}")
    assert raw_request(base_url, "PUT", f"{PROXY}/{root}/dir/empty.bin", b"",
                       {"Content-Type": "application/octet-stream"}).status == 200
    got = raw_request(base_url, "GET", f"{PROXY}/{root}/dir/a.txt")
    assert got.status == 200 and got.body == b"hello"
    assert raw_request(base_url, "GET", f"{PROXY}/{root}/dir/empty.bin").body == b""

    files = raw_request(base_url, "GET", f"{PROXY}?path={root}/dir").json()["files"]
    # basenames only; an empty file has no file_size
    assert sorted(files, key=lambda f: f["path"]) == [
        {"path": "a.txt", "is_dir": False, "file_size": 5},
        {"path": "empty.bin", "is_dir": False},
    ]
    top = raw_request(base_url, "GET", f"{PROXY}?path={root}").json()["files"]
    assert top == [{"path": "dir", "is_dir": True}]
    # a missing path, or a file, lists as {}
    assert raw_request(base_url, "GET", f"{PROXY}?path={root}/nope").json() == {}
    assert raw_request(base_url, "GET", f"{PROXY}?path={root}/dir/a.txt").json() == {}

    deleted = raw_request(base_url, "DELETE", f"{PROXY}/{root}/dir/a.txt")
    assert deleted.status == 200 and deleted.json() == {}
    assert raw_request(base_url, "GET", f"{PROXY}/{root}/dir/a.txt").status == 404
    # deleting a missing path is fine
    assert raw_request(base_url, "DELETE", f"{PROXY}/{root}/dir/never").status == 200


def test_proxy_overwrite(base_url):
    path = f"{PROXY}/{unique('ow')}/f.txt"
    assert raw_request(base_url, "PUT", path, b"first version").status == 200
    assert raw_request(base_url, "PUT", path, b"second").status == 200
    assert raw_request(base_url, "GET", path).body == b"second"


def test_proxy_get_missing_is_404_json(base_url):
    response = raw_request(base_url, "GET", f"{PROXY}/{unique('missing')}/nothing.txt")
    assert_error(response, 404, "RESOURCE_DOES_NOT_EXIST")


def test_proxy_get_directory_is_400(base_url):
    root = unique("dirget")
    raw_request(base_url, "PUT", f"{PROXY}/{root}/inner/f.txt", b"x")
    assert raw_request(base_url, "GET", f"{PROXY}/{root}/inner").status == 400


def test_proxy_ajax_prefix(base_url):
    path = f"{unique('ajax')}/f.txt"
    assert raw_request(base_url, "PUT", f"/ajax-api/2.0/mlflow-artifacts/artifacts/{path}", b"via ajax").status == 200
    assert raw_request(base_url, "GET", f"{PROXY}/{path}").body == b"via ajax"
    assert raw_request(base_url, "GET", f"/ajax-api/2.0/mlflow-artifacts/artifacts/{path}").body == b"via ajax"


def test_proxy_percent_encoded_names(base_url, client, run_id, tmp_path):
    # names with spaces and URL-special characters must round-trip (the 3.17.2 client does not escape `#`)
    name = "weird name & 50% +plus=eq.txt"
    source = tmp_path / name
    source.write_text("odd")
    client.log_artifact(run_id, str(source))
    assert [f.path for f in client.list_artifacts(run_id)] == [name]
    assert open(client.download_artifacts(run_id, name, str(tmp_path / "dl")), "r").read() == "odd"


def test_server_info_reports_no_multipart(base_url):
    response = raw_request(base_url, "GET", "/api/3.0/mlflow/server-info")
    if response.status == 200:  # optional; when present multipart must be off
        info = response.json()
        assert not info.get("multipart_uploads_enabled")
        assert not info.get("multipart_downloads_enabled")


def test_run_artifacts_list_route(base_url, client, run_id, tmp_path):
    # GET /api/2.0/mlflow/artifacts/list is the UI's run-relative listing
    source = tmp_path / "f.txt"
    source.write_text("12345")
    client.log_artifact(run_id, str(source), artifact_path="d")
    response = raw_request(base_url, "GET", f"/api/2.0/mlflow/artifacts/list?run_id={run_id}&path=d")
    if response.status == 404 and not IS_MLFLOW:
        pytest.skip("artifacts/list (a UI-only route, reference §1.4) is not implemented")
    body = response.json()
    assert body["files"] == [{"path": "d/f.txt", "is_dir": False, "file_size": 5}]
    assert body["root_uri"].endswith(f"/{run_id}/artifacts")
    top = raw_request(base_url, "GET", f"/api/2.0/mlflow/artifacts/list?run_id={run_id}").json()
    assert top["files"] == [{"path": "d", "is_dir": True}]


def test_json_dump_round_trip(client, run_id, tmp_path):
    data = {"unicode": "\u00e9\u2713", "n": [1.5, None, True]}
    (tmp_path / "d.json").write_text(json.dumps(data))
    client.log_artifact(run_id, str(tmp_path / "d.json"))
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/d.json") == data
