"""`ferry monitor` closes the loop: traffic through `ferry serve --log-predictions` is compared with the reference
dataset registered with the model version (a run artifact named by the version's tag), each report is kept as an
MLflow run (read back with the mlflow client), and the running monitor exports gauges on /metrics (promtool)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import mlflow
import mlflow.onnx
import numpy as np
import pandas as pd
import pytest
import requests
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression

import serving_support as s
from support import BackendStore, ServerProcess, ferry_binary, free_port, unique

FEATURES = ["f0", "f1", "f2", "f3"]


@pytest.fixture(scope="module")
def registered(work_dir):
    """A tracking server with model `churn-…` version 1: a logistic regression over f0..f3, whose training run
    logged reference.csv (the features plus the model's predicted label) and whose version is tagged with it."""
    folder = work_dir / "monitor-tracking"
    (folder / "artifacts").mkdir(parents=True)
    store = BackendStore.create(folder)
    server = ServerProcess(kind="ferry", backend_uri=store.uri, artifacts_destination=str(folder / "artifacts"), workdir=folder / "work")
    server.start()
    name = unique("churn")
    rng = np.random.default_rng(11)
    features = rng.normal(0, 1, (2000, 4)).astype(np.float32)
    labels = (features[:, 0] + 0.5 * features[:, 1] > 0).astype(np.int64)
    model = LogisticRegression().fit(features, labels)
    reference = pd.DataFrame(features.astype(np.float64), columns=FEATURES)
    reference["label"] = model.predict(features)
    try:
        mlflow.set_tracking_uri(server.url)
        mlflow.set_experiment(unique("training"))
        with mlflow.start_run() as run:
            path = folder / "reference.csv"
            reference.to_csv(path, index=False)
            mlflow.log_artifact(str(path))
            onnx_model = to_onnx(model, features[:1], options={id(model): {"zipmap": False}}, target_opset=15)
            mlflow.onnx.log_model(onnx_model, name="model", registered_model_name=name)
        client = mlflow.MlflowClient(tracking_uri=server.url)
        client.set_model_version_tag(name, "1", "ferry.monitoring.reference", f"runs:/{run.info.run_id}/reference.csv")
        yield server.url, name, features
    finally:
        server.stop()
        store.cleanup()


@pytest.fixture(scope="module")
def served(registered, start_server, work_dir):
    url, name, _ = registered
    logs = work_dir / f"monitor-logs-{unique('p')}"
    server = start_server(f"models:/{name}/1", names=[name], options=["--log-predictions", str(logs)],
                          env={"MLFLOW_TRACKING_URI": url})
    return server, logs


def send(base: str, model: str, rows: np.ndarray, batch: int = 25) -> None:
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch].astype(np.float32)
        body = {"inputs": [s.oip_tensor("X", chunk)]}
        response = requests.post(s.infer_url(base, model), json=body, timeout=30)
        assert response.status_code == 200, response.text[:300]


def wait_for_rows(logs: Path, model_folder: str, rows: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        seen = 0
        for path in (logs / model_folder).rglob("*.jsonl"):
            for line in path.read_text().splitlines():
                seen += json.loads(line)["inputs"]["X"]["shape"][0]
        if seen >= rows:
            return
        time.sleep(0.3)
    pytest.fail(f"only {seen} of {rows} rows reached the prediction log under {logs}")


def monitor(*args: str, url: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(ferry_binary()), "monitor", *args, "--tracking-uri", url], capture_output=True, text=True,
                          timeout=timeout)


def test_drifted_traffic_is_reported_kept_as_a_run_and_exits_1(registered, served):
    url, name, features = registered
    server, logs = served
    rng = np.random.default_rng(12)
    moved = rng.normal(0, 1, (400, 4))
    moved[:, :3] += 1.5  # three of four features move (and the predicted label with them)
    send(server.url, name, moved)
    wait_for_rows(logs, name, 400)
    done = monitor("--model", name, "--logs", str(logs), "--version", "1", "--window", "10m", "--min-rows", "100",
                   "--once", "--json", "-", url=url)
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    columns = {c["name"]: c for c in report["columns"]}
    assert set(columns) == {"f0", "f1", "f2", "f3", "label"}, "the wide input is named after the reference's columns"
    assert columns["f0"]["drifted"] is True and columns["f0"]["method"] == "wasserstein"
    assert report["current"]["rows"] == 400 and report["reference"]["rows"] == 2000
    assert "reference.csv" in report["reference"]["source"]

    client = mlflow.MlflowClient(tracking_uri=url)
    experiment = client.get_experiment_by_name("ferry-monitoring")
    assert experiment is not None
    runs = client.search_runs([experiment.experiment_id], filter_string=f"tags.`ferry.monitoring.model` = '{name}'")
    assert len(runs) == 1
    run = runs[0]
    assert run.info.status == "FINISHED"
    assert run.data.metrics["dataset_drift"] == 1.0
    assert run.data.metrics["drift_share"] == pytest.approx(report["drift_share"])
    assert run.data.metrics["drift_score.f0"] == pytest.approx(columns["f0"]["score"])
    assert run.data.params["version"] == "1" and run.data.params["method.f0"] == "wasserstein"
    assert sorted(a.path for a in client.list_artifacts(run.info.run_id)) == ["drift_report.html", "drift_report.json"]
    kept = json.loads(Path(mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="drift_report.json",
                                                                tracking_uri=url)).read_text())
    assert kept["columns"] == report["columns"]


def test_the_running_monitor_exports_gauges(registered, served, work_dir):
    url, name, _ = registered
    server, logs = served
    send(server.url, name, np.random.default_rng(13).normal(0, 1, (200, 4)))
    wait_for_rows(logs, name, 200)
    port = free_port()
    log_file = open(work_dir / f"monitor-{port}.log", "wb")
    process = subprocess.Popen(
        [str(ferry_binary()), "monitor", "--model", name, "--logs", str(logs), "--reference", f"models:/{name}/1",
         "--window", "10m", "--interval", "1s", "--min-rows", "10", "--port", str(port), "--no-runs", "--tracking-uri", url,
         "--feature-names", "X=f0,f1,f2,f3"],
        stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        text = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
                if "ferry_monitor_dataset_drift_share{" in text:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.3)
        labels = f'model="{name}",version="1"'
        assert f"ferry_monitor_dataset_drift_share{{{labels}}}" in text.replace(", ", ","), text[:2000]
        assert "ferry_monitor_column_drift_score{" in text and 'column="f0"' in text and 'method="wasserstein"' in text
        rows = [line for line in text.splitlines() if line.startswith("ferry_monitor_rows{")]
        assert rows and float(rows[0].split()[-1]) >= 200
        promtool = shutil.which("promtool")
        if promtool:
            checked = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
            assert checked.returncode == 0, checked.stdout + checked.stderr
        elif os.environ.get("FERRY_TEST_REQUIRE_PROMTOOL") == "1":
            pytest.fail("promtool is required (FERRY_TEST_REQUIRE_PROMTOOL=1) but not on PATH")
        assert requests.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log_file.close()


def test_no_traffic_and_bad_references_exit_2(registered, work_dir):
    url, name, _ = registered
    empty = work_dir / "no-logs"
    empty.mkdir(exist_ok=True)
    done = monitor("--model", name, "--logs", str(empty), "--version", "1", "--once", url=url)
    assert done.returncode == 2 and "no prediction-log objects" in done.stderr, done.stderr
    missing = monitor("--model", name, "--logs", str(empty), "--version", "7", "--once", url=url)
    assert missing.returncode == 2 and "7" in missing.stderr, missing.stderr
    usage = monitor("--model", name, "--logs", str(empty), "--once", url=url)
    assert usage.returncode == 2 and "--reference" in usage.stderr
