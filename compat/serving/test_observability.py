"""`/metrics` (Prometheus text, checked by promtool) and the prediction log of a running `ferry serve`.

The prediction log is read back the way monitoring will read it: JSON lines from the folder, or from S3
(moto) with boto3, each line one answered request with its model, version, inputs and outputs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
import requests

import serving_support as s

S3_ENDPOINT = os.environ.get("FERRY_TEST_S3_ENDPOINT", "").strip()


def _sample_rows(family: str) -> np.ndarray:
    return s.samples(s.entry(family))["X"][:3].astype(np.float32)


def _send(base_url: str, model: str, rows: np.ndarray, request_id: str) -> dict:
    body = {"id": request_id, "inputs": [s.oip_tensor("X", rows)]}
    response = requests.post(s.infer_url(base_url, model), json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def _metric(text: str, name: str, **labels: str) -> float:
    """The value of the sample `name{labels...}` in a Prometheus exposition (labels matched as a subset)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        head, _, value = line.rpartition(" ")
        if all(f'{key}="{wanted}"' in head for key, wanted in labels.items()):
            return float(value)
    raise AssertionError(f"no sample {name} with {labels} in:\n{text}")


def test_metrics_count_requests_failures_and_latency_per_model_version_protocol(start_server):
    server = start_server(f"lr={s.model_path('logistic_binary')}")
    rows = _sample_rows("logistic_binary")
    for index in range(3):
        _send(server.url, "lr", rows, f"m-{index}")
    scored = requests.post(server.url + "/invocations", json={"instances": rows.tolist()}, timeout=30)
    assert scored.status_code == 200, scored.text
    bad = requests.post(s.infer_url(server.url, "lr"), json={"inputs": [s.oip_tensor("X", rows[:, :2])]}, timeout=30)
    assert bad.status_code == 400
    text = requests.get(server.url + "/metrics", timeout=30).text
    assert _metric(text, "ferry_inference_requests_total", model="lr", version="1", protocol="v2", code="200") == 3
    assert _metric(text, "ferry_inference_requests_total", model="lr", version="1", protocol="mlflow", code="200") == 1
    assert _metric(text, "ferry_inference_requests_total", model="lr", version="1", protocol="v2", code="400") == 1
    assert _metric(text, "ferry_inference_failures_total", model="lr", version="1", protocol="v2") == 1
    assert _metric(text, "ferry_inference_request_duration_seconds_count", model="lr", version="1", protocol="v2") == 4
    assert _metric(text, "ferry_model_ready", model="lr", version="1") == 1
    promtool = shutil.which("promtool")
    if promtool is None:
        if os.environ.get("FERRY_TEST_REQUIRE_PROMTOOL") == "1":
            pytest.fail("promtool is required (FERRY_TEST_REQUIRE_PROMTOOL=1) but not on PATH")
        pytest.skip("promtool not installed")
    checked = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _records(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines if line.strip()]


def _check_records(records: list[dict], sent: dict[str, np.ndarray], answers: dict[str, dict], model: str) -> None:
    by_id = {record["request_id"]: record for record in records}
    assert set(by_id) == set(sent), f"logged {sorted(by_id)}, sent {sorted(sent)}"
    for request_id, rows in sent.items():
        record = by_id[request_id]
        assert record["model"] == model and record["version"] == "1", record
        assert record["timestamp"].endswith("Z"), record["timestamp"]
        logged = record["inputs"]["X"]
        assert logged["datatype"] == "FP32" and logged["shape"] == list(rows.shape)
        np.testing.assert_array_equal(np.asarray(logged["data"], dtype=np.float32), rows.reshape(-1))
        for output in answers[request_id]["outputs"]:
            assert record["outputs"][output["name"]]["data"] == output["data"], output["name"]


def _exercise(server_url: str, model: str) -> tuple[dict, dict]:
    rows = _sample_rows("logistic_binary")
    sent, answers = {}, {}
    for index in range(4):
        request_id = f"log-{index}-{uuid.uuid4().hex[:6]}"
        chunk = rows[index % len(rows):][:2]
        answers[request_id] = _send(server_url, model, chunk, request_id)
        sent[request_id] = chunk
    return sent, answers


def test_prediction_log_writes_every_answered_request_to_a_folder(start_server, work_dir):
    folder = work_dir / f"predictions-{uuid.uuid4().hex[:6]}"
    server = start_server(f"lr={s.model_path('logistic_binary')}", options=["--log-predictions", str(folder)])
    sent, answers = _exercise(server.url, "lr")
    refused = requests.post(s.infer_url(server.url, "lr"), json={"inputs": [s.oip_tensor("X", np.zeros((1, 2), np.float32))]}, timeout=30)
    assert refused.status_code == 400
    server.stop()  # SIGTERM: the log flushes what is buffered at graceful shutdown
    files = sorted(folder.rglob("*.jsonl"))
    assert files, f"no prediction log objects under {folder}"
    assert all(path.relative_to(folder).parts[0] == "lr" for path in files)
    _check_records(_records([line for path in files for line in path.read_text().splitlines()]), sent, answers, "lr")


@pytest.mark.skipif(not S3_ENDPOINT, reason="FERRY_TEST_S3_ENDPOINT (moto) not set")
def test_prediction_log_writes_to_s3_read_back_with_boto3(start_server):
    import boto3

    bucket = f"ferry-predictions-{uuid.uuid4().hex[:8]}"
    s3 = boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    s3.create_bucket(Bucket=bucket)
    env = {"AWS_ENDPOINT_URL": S3_ENDPOINT, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
    server = start_server(f"lr={s.model_path('logistic_binary')}", options=["--log-predictions", f"s3://{bucket}/live"], env=env)
    sent, answers = _exercise(server.url, "lr")
    deadline = time.monotonic() + 20  # flushed every second while running
    keys: list[str] = []
    while time.monotonic() < deadline:
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        lines = [line for key in keys for line in s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode().splitlines()]
        if len(_records(lines)) >= len(sent):
            break
        time.sleep(0.5)
    assert keys and all(key.startswith("live/lr/") and key.endswith(".jsonl") for key in keys), keys
    _check_records(_records(lines), sent, answers, "lr")
