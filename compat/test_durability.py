"""Crash durability: everything the server acknowledged survives a kill -9 and a restart on the same store.

Ferry-only: it needs its own server instance, started and killed by this module. (It also passes
against MLflow with FERRY_COMPAT_FORCE_ALL=1, which is how the test itself was validated.)
"""

import threading
import time

import pytest
import requests
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag

from support import SERVER_KIND, BackendStore, ServerProcess, ferry_only, now_ms, unique

pytestmark = ferry_only


@pytest.fixture
def crashable(tmp_path):
    """A private server plus a way to kill -9 it and start it again on the same store and folder."""
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    store = BackendStore.create(tmp_path)
    servers = []

    def start():
        server = ServerProcess(kind=SERVER_KIND, backend_uri=store.uri, artifacts_destination=str(artifacts),
                               workdir=tmp_path / "work")
        servers.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in servers:
            server.stop()
        store.cleanup()


def test_acknowledged_writes_survive_kill_9(crashable, tmp_path):
    server = crashable()
    client = MlflowClient(tracking_uri=server.url)
    name = unique("durable")
    experiment_id = client.create_experiment(name, tags={"kind": "durability"})
    finished = client.create_run(experiment_id, run_name="finished-run")
    run_id = finished.info.run_id
    ts = now_ms()
    client.log_batch(run_id, metrics=[Metric("curve", i / 10, ts + i, i) for i in range(1000)],
                     params=[Param(f"p{i}", str(i)) for i in range(50)], tags=[RunTag("team", "core")])
    client.log_metric(run_id, "single", 42.0, step=7)
    client.log_param(run_id, "lone", "value")
    client.set_tag(run_id, "mlflow.runName", "renamed-run")
    (tmp_path / "model.txt").write_text("weights")
    client.log_artifact(run_id, str(tmp_path / "model.txt"), artifact_path="out")
    client.set_terminated(run_id, "FINISHED")
    doomed = client.create_run(experiment_id).info.run_id
    client.delete_run(doomed)
    gone = client.create_experiment(unique("gone"))
    client.delete_experiment(gone)
    client.rename_experiment(experiment_id, name + "-renamed")

    server.kill_hard()
    restarted = crashable()
    client = MlflowClient(tracking_uri=restarted.url)

    experiment = client.get_experiment(experiment_id)
    assert experiment.name == name + "-renamed"
    assert experiment.tags["kind"] == "durability"
    run = client.get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.info.run_name == "renamed-run"
    assert run.data.params == {**{f"p{i}": str(i) for i in range(50)}, "lone": "value"}
    assert run.data.metrics == {"curve": 99.9, "single": 42.0}
    assert run.data.tags["team"] == "core"
    history = client.get_metric_history(run_id, "curve")
    assert [m.step for m in history] == list(range(1000))
    assert [f.path for f in client.list_artifacts(run_id, "out")] == ["out/model.txt"]
    local = client.download_artifacts(run_id, "out/model.txt", str(tmp_path))
    assert open(local).read() == "weights"
    assert client.get_run(doomed).info.lifecycle_stage == "deleted"
    assert client.get_experiment(gone).lifecycle_stage == "deleted"
    # the restarted server still takes writes
    client.log_metric(run_id, "after", 1.0)
    assert client.get_run(run_id).data.metrics["after"] == 1.0


def test_writes_in_flight_during_kill_9(crashable):
    """A steady stream of log-metric calls; every point the server answered 200 for must be there."""
    server = crashable()
    client = MlflowClient(tracking_uri=server.url)
    run_id = client.create_run(client.create_experiment(unique("inflight"))).info.run_id
    acknowledged: list[int] = []
    stop = threading.Event()

    def writer():
        session = requests.Session()
        step = 0
        while not stop.is_set():
            body = {"run_id": run_id, "key": "stream", "value": float(step), "timestamp": now_ms(), "step": step}
            try:
                response = session.post(f"{server.url}/api/2.0/mlflow/runs/log-metric", json=body, timeout=5)
            except requests.RequestException:
                return  # the server is gone
            if response.status_code == 200:
                acknowledged.append(step)
            step += 1

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill_hard()
    stop.set()
    thread.join(timeout=10)
    assert len(acknowledged) >= 200, "the server acknowledged too few writes before the kill"

    restarted = crashable()
    history = MlflowClient(tracking_uri=restarted.url).get_metric_history(run_id, "stream")
    stored = {int(m.step) for m in history}
    missing = sorted(set(acknowledged) - stored)
    assert not missing, f"{len(missing)} acknowledged points lost, e.g. {missing[:10]}"
    assert len(history) == len(stored), "duplicate points after restart"
