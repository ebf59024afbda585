"""Experiments through the mlflow client and raw REST: create, get, rename, delete/restore, tags."""

import time

import mlflow
import pytest
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException

from support import IS_MLFLOW, POSTGRES_URI, assert_error, ferry_only, unique


def test_default_experiment_exists(client):
    default = client.get_experiment("0")
    assert default.name == "Default"
    assert default.lifecycle_stage == "active"
    assert client.get_experiment_by_name("Default").experiment_id == "0"


def test_set_experiment_creates_once_and_reuses(client):
    name = unique("setexp")
    assert client.get_experiment_by_name(name) is None
    first = mlflow.set_experiment(name)
    second = mlflow.set_experiment(name)
    assert first.experiment_id == second.experiment_id
    assert first.experiment_id.isdigit()
    fetched = client.get_experiment(first.experiment_id)
    assert fetched.name == name
    assert fetched.lifecycle_stage == "active"
    assert fetched.artifact_location == f"mlflow-artifacts:/{first.experiment_id}"
    now = int(time.time() * 1000)
    assert abs(fetched.creation_time - now) < 120_000
    assert fetched.last_update_time >= fetched.creation_time


def test_set_experiment_by_id(client):
    experiment_id = client.create_experiment(unique("byid"))
    assert mlflow.set_experiment(experiment_id=experiment_id).experiment_id == experiment_id


def test_create_with_tags_and_custom_location(client):
    name = unique("tagged")
    location = f"s3://compat-bucket/{name}/root"
    experiment_id = client.create_experiment(name, artifact_location=location, tags={"team": "core", "k2": ""})
    experiment = client.get_experiment(experiment_id)
    assert experiment.artifact_location == location  # stored verbatim
    assert experiment.tags["team"] == "core"


def test_duplicate_name_is_resource_already_exists(client):
    name = unique("dup")
    client.create_experiment(name)
    with pytest.raises(MlflowException) as raised:
        client.create_experiment(name)
    assert raised.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_duplicate_name_of_deleted_experiment_is_refused(client):
    name = unique("dupdel")
    experiment_id = client.create_experiment(name)
    client.delete_experiment(experiment_id)
    with pytest.raises(MlflowException) as raised:
        client.create_experiment(name)
    assert raised.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_missing_experiment(client):
    with pytest.raises(MlflowException) as raised:
        client.get_experiment("987654321")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert client.get_experiment_by_name(unique("missing")) is None


def test_delete_and_restore(client):
    name = unique("lifecycle")
    experiment_id = client.create_experiment(name)
    client.delete_experiment(experiment_id)
    deleted = client.get_experiment(experiment_id)
    assert deleted.lifecycle_stage == "deleted"
    # get-by-name also returns deleted experiments
    assert client.get_experiment_by_name(name).lifecycle_stage == "deleted"
    active_ids = [e.experiment_id for e in client.search_experiments(filter_string=f"name = '{name}'")]
    assert experiment_id not in active_ids
    client.restore_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "active"


def test_set_experiment_on_deleted_experiment_fails(client):
    name = unique("setdel")
    experiment_id = client.create_experiment(name)
    client.delete_experiment(experiment_id)
    with pytest.raises(MlflowException) as raised:
        mlflow.set_experiment(name)
    assert "deleted" in str(raised.value).lower()


def test_runs_in_deleted_experiment_are_refused(client):
    experiment_id = client.create_experiment(unique("deadexp"))
    client.delete_experiment(experiment_id)
    with pytest.raises(MlflowException) as raised:
        client.create_run(experiment_id)
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


def test_delete_missing_experiment(client):
    with pytest.raises(MlflowException) as raised:
        client.delete_experiment("987654321")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_restore_active_experiment_is_not_found(rest):
    # MLflow's restore looks only among deleted experiments: restoring an active one is a 404.
    experiment_id = rest.create_experiment()
    assert_error(rest.post("experiments/restore", {"experiment_id": experiment_id}), 404, "RESOURCE_DOES_NOT_EXIST")


def test_rename(client):
    old, new = unique("old"), unique("new")
    experiment_id = client.create_experiment(old)
    client.rename_experiment(experiment_id, new)
    assert client.get_experiment(experiment_id).name == new
    assert client.get_experiment_by_name(new).experiment_id == experiment_id
    assert client.get_experiment_by_name(old) is None


def test_rename_onto_existing_name(rest):
    # MLflow answers a rename onto a taken name from its DB integrity error: 400 BAD_REQUEST.
    taken = unique("taken")
    rest.create_experiment(taken)
    other = rest.create_experiment()
    assert_error(rest.post("experiments/update", {"experiment_id": other, "new_name": taken}), 400, "BAD_REQUEST")


def test_rename_missing(rest):
    response = rest.post("experiments/update", {"experiment_id": "987654321", "new_name": unique()})
    assert_error(response, 404, "RESOURCE_DOES_NOT_EXIST")


def test_experiment_tags(client):
    experiment_id = client.create_experiment(unique("tags"))
    client.set_experiment_tag(experiment_id, "owner", "alice")
    client.set_experiment_tag(experiment_id, "owner", "bob")  # overwrite
    client.set_experiment_tag(experiment_id, "note", "x" * 20000)
    tags = client.get_experiment(experiment_id).tags
    assert tags["owner"] == "bob"
    assert len(tags["note"]) == 20000
    client.delete_experiment_tag(experiment_id, "owner")
    assert "owner" not in client.get_experiment(experiment_id).tags
    with pytest.raises(MlflowException) as raised:
        client.delete_experiment_tag(experiment_id, "owner")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_fluent_experiment_tags(client):
    experiment = mlflow.set_experiment(unique("fluenttags"))
    mlflow.set_experiment_tags({"a": "1", "b": "2"})
    assert {"a": "1", "b": "2"}.items() <= client.get_experiment(experiment.experiment_id).tags.items()


@pytest.mark.parametrize(
    "body",
    [
        {"experiment_id": "{id}", "key": "a$b", "value": "x"},
        {"experiment_id": "{id}", "key": "k" * 251, "value": "x"},
        {"experiment_id": "{id}", "key": "ok", "value": "x" * 20001},
    ],
    ids=["bad-key", "long-key", "long-value"],
)
def test_experiment_tag_validation(rest, body):
    experiment_id = rest.create_experiment()
    body = {k: (v.replace("{id}", experiment_id) if isinstance(v, str) else v) for k, v in body.items()}
    assert_error(rest.post("experiments/set-experiment-tag", body), 400, "INVALID_PARAMETER_VALUE")


def test_name_length_limits(rest):
    prefix = unique("n")
    long_ok = prefix + "x" * (500 - len(prefix))
    assert len(long_ok) == 500
    # MLflow's own column is VARCHAR(256): on PostgreSQL it refuses names of 257..500 characters,
    # on SQLite (no length enforcement) it keeps them. Ferry keeps up to 500 on both.
    if not (IS_MLFLOW and POSTGRES_URI):
        assert rest.post("experiments/create", {"name": long_ok}).status_code == 200
    assert_error(rest.post("experiments/create", {"name": "x" * 501}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("experiments/create", {"name": ""}), 400, "INVALID_PARAMETER_VALUE")


def test_experiment_json_shape(rest):
    name = unique("shape")
    experiment_id = rest.create_experiment(name, tags=[{"key": "t", "value": "v"}])
    body = rest.get("experiments/get", experiment_id=experiment_id).json()
    experiment = body["experiment"]
    assert experiment["experiment_id"] == experiment_id
    assert experiment["name"] == name
    assert experiment["lifecycle_stage"] == "active"
    assert isinstance(experiment["creation_time"], int)
    assert isinstance(experiment["last_update_time"], int)
    assert experiment["tags"] == [{"key": "t", "value": "v"}]
    by_name = rest.get("experiments/get-by-name", experiment_name=name).json()
    assert by_name["experiment"]["experiment_id"] == experiment_id


def test_get_by_name_miss_is_json_404(rest):
    # set_experiment creates the experiment only on exactly this answer.
    response = rest.get("experiments/get-by-name", experiment_name=unique("nobody"))
    assert_error(response, 404, "RESOURCE_DOES_NOT_EXIST")


def test_non_integer_experiment_id(rest):
    assert_error(rest.get("experiments/get", experiment_id="abc"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("runs/create", {"experiment_id": "abc"}), 400, "INVALID_PARAMETER_VALUE")


# --- artifact_location hardening ------------------------------------------------------------

REFUSED_BY_MLFLOW = [
    "http:///?/../../../etc/",  # CVE-2023-6909 family: traversal hidden in the query
    "http:///#/../../etc/",  # ... or in the fragment
    "http://internal/x",  # SSRF: foreign host
    "https://169.254.169.254/latest/meta-data",
    "ftp://files.internal/x",
    "hdfs://namenode/x",
    "mlflow-artifacts://evil.example:80/x",
    "s3://bucket/x?a=..",
    "s3://bucket/x#frag",
    "runs:/0123456789abcdef0123456789abcdef/x",
]


@pytest.mark.parametrize("location", REFUSED_BY_MLFLOW)
def test_artifact_location_refused(rest, location):
    response = rest.post("experiments/create", {"name": unique("loc"), "artifact_location": location})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")


# MLflow 3.17.2 accepts these (it only checks `..` inside the query), Ferry refuses any `..`
# segment and any query string, so a stored location can never climb out of its root.
REFUSED_BY_FERRY_ONLY = [
    "s3://bucket/../other",
    "s3://bucket/a/../../b",
    "mlflow-artifacts:/../escape",
    "relative/../../escape",
    "s3://bucket/x?versionId=1",
    "s3://bucket/x;params",
]


@ferry_only
@pytest.mark.parametrize("location", REFUSED_BY_FERRY_ONLY)
def test_artifact_location_refused_by_ferry(rest, location):
    response = rest.post("experiments/create", {"name": unique("loc"), "artifact_location": location})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")


def test_artifact_location_too_long(rest):
    response = rest.post("experiments/create", {"name": unique("loc"), "artifact_location": "s3://b/" + "x" * 2050})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")


def test_experiments_by_view_type(client):
    name = unique("vt")
    experiment_id = client.create_experiment(name)
    client.delete_experiment(experiment_id)
    deleted = [e.experiment_id for e in client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=f"name = '{name}'")]
    assert deleted == [experiment_id]
