"""Run lifecycle: start/end, status and times, names, delete/restore, writes to deleted runs."""

import re

import mlflow
import pytest
from mlflow.entities import RunStatus, ViewType
from mlflow.exceptions import MlflowException

from support import now_ms


def test_start_and_end_run(client, experiment_id):
    before = now_ms()
    with mlflow.start_run(experiment_id=experiment_id, run_name="first-run") as active:
        run_id = active.info.run_id
        running = client.get_run(run_id)
        assert running.info.status == "RUNNING"
        assert running.info.end_time is None
        assert running.info.run_name == "first-run"
        assert running.data.tags["mlflow.runName"] == "first-run"
    after = now_ms()
    finished = client.get_run(run_id)
    assert re.fullmatch(r"[0-9a-f]{32}", run_id)
    assert finished.info.status == "FINISHED"
    assert finished.info.experiment_id == experiment_id
    assert finished.info.lifecycle_stage == "active"
    assert before - 5000 <= finished.info.start_time <= finished.info.end_time <= after + 5000
    assert finished.info.artifact_uri == f"mlflow-artifacts:/{experiment_id}/{run_id}/artifacts"
    # The client sends these system tags on create.
    assert "mlflow.user" in finished.data.tags
    assert "mlflow.source.name" in finished.data.tags
    assert "mlflow.source.type" in finished.data.tags


def test_unnamed_run_gets_generated_name(client, experiment_id):
    with mlflow.start_run(experiment_id=experiment_id) as active:
        pass
    run = client.get_run(active.info.run_id)
    assert run.info.run_name
    assert run.data.tags["mlflow.runName"] == run.info.run_name


def test_run_in_default_experiment(client):
    mlflow.set_experiment(experiment_id="0")
    with mlflow.start_run() as active:
        pass
    assert client.get_run(active.info.run_id).info.experiment_id == "0"


def test_failed_run_on_exception(client, experiment_id):
    with pytest.raises(RuntimeError):
        with mlflow.start_run(experiment_id=experiment_id) as active:
            raise RuntimeError("boom")
    assert client.get_run(active.info.run_id).info.status == "FAILED"


@pytest.mark.parametrize("status", ["KILLED", "FAILED", "FINISHED"])
def test_end_run_with_status(client, experiment_id, status):
    mlflow.start_run(experiment_id=experiment_id)
    run_id = mlflow.active_run().info.run_id
    mlflow.end_run(status=status)
    run = client.get_run(run_id)
    assert run.info.status == status
    assert run.info.end_time is not None


def test_client_create_run_with_explicit_start_time(client, experiment_id):
    run = client.create_run(experiment_id, start_time=1_600_000_000_000, tags={"k": "v"}, run_name="explicit")
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.start_time == 1_600_000_000_000
    assert fetched.data.tags["k"] == "v"
    assert fetched.info.run_name == "explicit"
    client.set_terminated(run.info.run_id, status="FINISHED", end_time=1_600_000_005_000)
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.end_time == 1_600_000_005_000
    assert fetched.info.status == "FINISHED"


def test_update_run_status_and_name(client, experiment_id):
    run = client.create_run(experiment_id)
    client.update_run(run.info.run_id, status="SCHEDULED", name="renamed-by-update")
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.status == "SCHEDULED"
    assert fetched.info.run_name == "renamed-by-update"
    assert fetched.data.tags["mlflow.runName"] == "renamed-by-update"


def test_run_name_tag_renames_run(client, experiment_id):
    run = client.create_run(experiment_id, run_name="before")
    client.set_tag(run.info.run_id, "mlflow.runName", "after")
    fetched = client.get_run(run.info.run_id)
    assert fetched.info.run_name == "after"
    assert fetched.data.tags["mlflow.runName"] == "after"
    found = client.search_runs([experiment_id], filter_string="attributes.run_name = 'after'")
    assert [r.info.run_id for r in found] == [run.info.run_id]


def test_missing_run(client):
    with pytest.raises(MlflowException) as raised:
        client.get_run("0123456789abcdef0123456789abcdef")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_run_in_missing_experiment(client):
    with pytest.raises(MlflowException) as raised:
        client.create_run("987654321")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_delete_and_restore_run(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.delete_run(run_id)
    deleted = client.get_run(run_id)  # deleted runs are still returned
    assert deleted.info.lifecycle_stage == "deleted"
    assert client.search_runs([experiment_id]) == []
    only_deleted = client.search_runs([experiment_id], run_view_type=ViewType.DELETED_ONLY)
    assert [r.info.run_id for r in only_deleted] == [run_id]
    assert len(client.search_runs([experiment_id], run_view_type=ViewType.ALL)) == 1
    client.restore_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "active"
    assert [r.info.run_id for r in client.search_runs([experiment_id])] == [run_id]


def test_delete_missing_run(client):
    with pytest.raises(MlflowException) as raised:
        client.delete_run("0123456789abcdef0123456789abcdef")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


WRITES = {
    "log_param": lambda c, r: c.log_param(r, "p", "1"),
    "log_metric": lambda c, r: c.log_metric(r, "m", 1.0),
    "set_tag": lambda c, r: c.set_tag(r, "t", "v"),
    "delete_tag": lambda c, r: c.delete_tag(r, "existing"),
    "log_batch": lambda c, r: c.log_batch(r, metrics=[mlflow.entities.Metric("m", 1.0, now_ms(), 0)]),
    "update_run": lambda c, r: c.set_terminated(r, "FINISHED"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_writes_to_deleted_run_are_refused(client, experiment_id, write):
    run_id = client.create_run(experiment_id, tags={"existing": "x"}).info.run_id
    client.delete_run(run_id)
    with pytest.raises(MlflowException) as raised:
        WRITES[write](client, run_id)
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"
    assert "active" in raised.value.message


def test_finished_run_still_accepts_writes(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.set_terminated(run_id, "FINISHED")
    client.log_param(run_id, "late", "yes")
    client.log_metric(run_id, "late", 2.0)
    client.set_tag(run_id, "late", "yes")
    data = client.get_run(run_id).data
    assert data.params["late"] == "yes" and data.metrics["late"] == 2.0 and data.tags["late"] == "yes"


def test_run_json_shape(rest):
    experiment_id = rest.create_experiment()
    run = rest.create_run(experiment_id, run_name="shape", user_id="alice", tags=[{"key": "t", "value": "v"}])
    info = run["info"]
    assert info["run_id"] == info["run_uuid"]
    assert info["experiment_id"] == experiment_id
    assert info["status"] == "RUNNING"
    assert info["lifecycle_stage"] == "active"
    assert info["user_id"] == "alice"
    assert info["run_name"] == "shape"
    assert isinstance(info["start_time"], int)
    tags = {t["key"]: t["value"] for t in run["data"]["tags"]}
    assert tags["t"] == "v" and tags["mlflow.runName"] == "shape"
    # run_uuid (legacy) is accepted in place of run_id
    by_uuid = rest.get("runs/get", run_uuid=info["run_id"])
    assert by_uuid.status_code == 200 and by_uuid.json()["run"]["info"]["run_id"] == info["run_id"]
    updated = rest.post("runs/update", {"run_id": info["run_id"], "status": "FINISHED", "end_time": info["start_time"] + 10})
    assert updated.status_code == 200, updated.text
    run_info = updated.json()["run_info"]
    assert run_info["status"] == "FINISHED" and run_info["end_time"] == info["start_time"] + 10


def test_status_values_round_trip(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    for status in ("SCHEDULED", "RUNNING", "FAILED", "KILLED", "FINISHED"):
        client.update_run(run_id, status=status)
        assert client.get_run(run_id).info.status == status
        assert RunStatus.from_string(status) is not None


def test_nested_runs(client, experiment_id):
    with mlflow.start_run(experiment_id=experiment_id) as parent:
        with mlflow.start_run(experiment_id=experiment_id, nested=True) as child:
            pass
    child_run = client.get_run(child.info.run_id)
    assert child_run.data.tags["mlflow.parentRunId"] == parent.info.run_id
    found = client.search_runs([experiment_id], filter_string=f"tags.mlflow.parentRunId = '{parent.info.run_id}'")
    assert [r.info.run_id for r in found] == [child.info.run_id]


def test_run_ids_are_unique(client, experiment_id):
    ids = [client.create_run(experiment_id).info.run_id for _ in range(20)]
    assert len(set(ids)) == 20
    assert {r.info.run_id for r in client.search_runs([experiment_id])} == set(ids)
