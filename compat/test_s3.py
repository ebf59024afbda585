"""Artifacts on S3: a server with `--artifacts-destination s3://ferry-compat/artifacts` against moto.

Runs only when FERRY_TEST_S3_ENDPOINT is set (e.g. http://127.0.0.1:PORT of `moto_server`). It starts its
own server with the AWS_* variables pointed at that endpoint, writes through mlflow and reads back with
boto3, and the other way round. It also passes against `mlflow server` (which is how it was validated).
"""

import os
import uuid

import boto3
import numpy as np
import pytest
from mlflow import MlflowClient

from support import IS_MLFLOW, SERVER_KIND, BackendStore, ServerProcess, raw_request, unique

ENDPOINT = os.environ.get("FERRY_TEST_S3_ENDPOINT", "").strip()
BUCKET = "ferry-compat"
PREFIX = "artifacts"

pytestmark = pytest.mark.skipif(not ENDPOINT, reason="FERRY_TEST_S3_ENDPOINT is not set")

AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ENDPOINT_URL": ENDPOINT,
    "MLFLOW_S3_ENDPOINT_URL": ENDPOINT,  # what mlflow's own S3 repository reads
}


@pytest.fixture(scope="module")
def s3():
    client = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if BUCKET not in existing:
        client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture(scope="module")
def s3_server(s3, tmp_path_factory):
    folder = tmp_path_factory.mktemp("s3-server")
    store = BackendStore.create(folder)
    server = ServerProcess(kind=SERVER_KIND, backend_uri=store.uri,
                           artifacts_destination=f"s3://{BUCKET}/{PREFIX}", workdir=folder / "work",
                           extra_env=AWS_ENV)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        store.cleanup()


@pytest.fixture(scope="module")
def s3_client(s3_server):
    return MlflowClient(tracking_uri=s3_server.url)


@pytest.fixture
def s3_run(s3_client):
    experiment_id = s3_client.create_experiment(unique("s3"))
    run = s3_client.create_run(experiment_id)
    return run.info.experiment_id, run.info.run_id


def run_key(experiment_id, run_id, path):
    return f"{PREFIX}/{experiment_id}/{run_id}/artifacts/{path}"


def test_log_through_mlflow_read_with_boto3(s3, s3_client, s3_run, tmp_path):
    experiment_id, run_id = s3_run
    data = os.urandom(70_000)
    (tmp_path / "blob.bin").write_bytes(data)
    (tmp_path / "notes.txt").write_text("hello s3")
    s3_client.log_artifact(run_id, str(tmp_path / "blob.bin"), artifact_path="out")
    s3_client.log_artifact(run_id, str(tmp_path / "notes.txt"))
    body = s3.get_object(Bucket=BUCKET, Key=run_key(experiment_id, run_id, "out/blob.bin"))["Body"].read()
    assert body == data
    assert s3.get_object(Bucket=BUCKET, Key=run_key(experiment_id, run_id, "notes.txt"))["Body"].read() == b"hello s3"
    listing = {(f.path, f.is_dir, f.file_size) for f in s3_client.list_artifacts(run_id)}
    assert listing == {("out", True, None), ("notes.txt", False, 8)}


def test_upload_with_boto3_download_through_mlflow(s3, s3_client, s3_run, tmp_path):
    experiment_id, run_id = s3_run
    data = os.urandom(5 * 1024 * 1024 + 3)
    s3.put_object(Bucket=BUCKET, Key=run_key(experiment_id, run_id, "uploaded/big.bin"), Body=data)
    s3.put_object(Bucket=BUCKET, Key=run_key(experiment_id, run_id, "uploaded/deep/small.txt"), Body=b"small")
    listing = {(f.path, f.is_dir, f.file_size) for f in s3_client.list_artifacts(run_id, "uploaded")}
    assert listing == {("uploaded/big.bin", False, len(data)), ("uploaded/deep", True, None)}
    local = s3_client.download_artifacts(run_id, "uploaded", str(tmp_path))
    assert open(os.path.join(local, "big.bin"), "rb").read() == data
    assert open(os.path.join(local, "deep", "small.txt"), "rb").read() == b"small"


def test_proxy_delete_removes_object(s3, s3_server):
    path = f"{unique('del')}/gone.txt"
    assert raw_request(s3_server.url, "PUT", f"/api/2.0/mlflow-artifacts/artifacts/{path}", b"bye").status == 200
    assert s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{path}")["Body"].read() == b"bye"
    assert raw_request(s3_server.url, "DELETE", f"/api/2.0/mlflow-artifacts/artifacts/{path}").status == 200
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{PREFIX}/{path}").get("Contents", [])]
    assert keys == []
    if not IS_MLFLOW:  # MLflow 3.17.2 answers a missing S3 object with a 500 (botocore 404 on HeadObject)
        assert raw_request(s3_server.url, "GET", f"/api/2.0/mlflow-artifacts/artifacts/{path}").status == 404


@pytest.mark.parametrize("hostile", ["%2e%2e%2fescape.txt", "%252e%252e%252fescape.txt", "x/%2e%2e/%2e%2e/escape.txt"])
def test_traversal_cannot_leave_the_prefix(s3, s3_server, hostile):
    marker = uuid.uuid4().hex.encode()
    response = raw_request(s3_server.url, "PUT", f"/api/2.0/mlflow-artifacts/artifacts/{hostile}", marker)
    assert 400 <= response.status < 500
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            assert item["Key"].startswith(f"{PREFIX}/"), f"object written outside the prefix: {item['Key']}"


def test_sklearn_model_on_s3(s3, s3_client, tmp_path, monkeypatch):
    import mlflow
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    features, target = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=500).fit(features, target)
    original = mlflow.get_tracking_uri()
    monkeypatch.setenv("MLFLOW_TRACKING_URI", s3_client.tracking_uri)
    mlflow.set_tracking_uri(s3_client.tracking_uri)
    try:
        experiment_id = s3_client.create_experiment(unique("s3model"))
        with mlflow.start_run(experiment_id=experiment_id):
            info = mlflow.sklearn.log_model(model, name="model")
        loaded = mlflow.pyfunc.load_model(info.model_uri)
        assert np.array_equal(loaded.predict(features), model.predict(features))
        key_prefix = f"{PREFIX}/{experiment_id}/models/{info.model_id}/artifacts/"
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix=key_prefix).get("Contents", [])}
        assert key_prefix + "MLmodel" in keys
    finally:
        mlflow.set_tracking_uri(original)
