"""Model registry, model versions and aliases: the client flows, stages, search, loading, bad input.

Reference: ../shared/reference/mlflow-rest.md §1.6, §1.9, §2, §3 and §5 (model-version source CVEs).
Registered-model operations are in test_registry_models.py.
"""

import time

import mlflow
import numpy as np
import pytest
from mlflow.exceptions import MlflowException
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from support import add_version, assert_client_error, assert_error, ferry_only, now_ms, unique


@pytest.fixture(scope="module")
def trained():
    features, target = load_iris(return_X_y=True, as_frame=True)
    model = LogisticRegression(max_iter=300).fit(features, target)
    return model, features


@pytest.fixture(scope="module")
def logged(client, trained):
    """One sklearn model logged in a run, as users do."""
    model, _ = trained
    experiment_id = client.create_experiment(unique("regversions"))
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_param("max_iter", 300)
        info = mlflow.sklearn.log_model(model, name="model")
    return {"experiment_id": experiment_id, "run_id": run.info.run_id, "model_id": info.model_id, "info": info}


@pytest.fixture(scope="module")
def other_run(client, trained):
    """A second run with its own logged model, for cross-run source checks."""
    model, _ = trained
    experiment_id = client.create_experiment(unique("regother"))
    with mlflow.start_run(experiment_id=experiment_id) as run:
        info = mlflow.sklearn.log_model(model, name="model")
    return {"experiment_id": experiment_id, "run_id": run.info.run_id, "model_id": info.model_id}



def user_tags(tags):
    """Tags without Ferry's scan verdict (`ferry.scan`, `ferry.scan.findings`), which Ferry adds to every version."""
    if isinstance(tags, dict):
        return {k: v for k, v in tags.items() if not k.startswith("ferry.scan")}
    return [t for t in tags if not t["key"].startswith("ferry.scan")]


def new_model(client, rest, logged, versions: int = 0) -> str:
    name = unique("mv")
    client.create_registered_model(name)
    for _ in range(versions):
        add_version(rest, name, logged)
    return name


def patch(rest, endpoint: str, body):
    return rest.session.patch(f"{rest.base}/api/2.0/mlflow/{endpoint}", json=body, timeout=60)


def delete(rest, endpoint: str, body):
    return rest.session.delete(f"{rest.base}/api/2.0/mlflow/{endpoint}", json=body, timeout=60)


# --------------------------------------------------------------------------------------------
# creating versions through the client
# --------------------------------------------------------------------------------------------


def test_register_from_run_uri(client, logged):
    name = unique("mvrun")
    version = mlflow.register_model(f"runs:/{logged['run_id']}/model", name)
    assert version.name == name
    assert version.version == "1"
    assert version.status == "READY"
    assert version.current_stage == "None"
    assert version.run_id == logged["run_id"]
    # 3.x: the model lives under the logged model, so the client resolves the run URI to it.
    # mlflow 3.17.2's SQL registry does not echo model_id back on the version (None); allow either.
    assert version.model_id in (None, logged["model_id"])
    assert version.source == f"models:/{logged['model_id']}"
    fetched = client.get_model_version(name, "1")
    assert fetched.source == version.source
    assert fetched.run_id == logged["run_id"]
    assert abs(fetched.creation_timestamp - now_ms()) < 120_000
    # the registered model was created on the way
    assert [v.version for v in client.get_registered_model(name).latest_versions] == ["1"]
    # a second registration of the same name is version 2 (the "already exists" on create is ignored)
    assert mlflow.register_model(f"runs:/{logged['run_id']}/model", name).version == "2"


def test_register_from_logged_model(client, logged):
    name = unique("mvlm")
    version = mlflow.register_model(logged["info"].model_uri, name)
    assert version.version == "1"
    assert version.source == f"models:/{logged['model_id']}"
    assert version.model_id in (None, logged["model_id"])  # not echoed by mlflow 3.17.2
    assert version.run_id == logged["run_id"]  # filled in by the server from the logged model
    # the logged model records the registration
    tags = client.get_logged_model(logged["model_id"]).tags
    assert name in tags.get("mlflow.modelVersions", "")


def test_log_model_with_registered_model_name(client, trained, experiment_id):
    model, features = trained
    name = unique("mvlog")
    with mlflow.start_run(experiment_id=experiment_id) as run:
        first = mlflow.sklearn.log_model(model, name="model", registered_model_name=name)
        second = mlflow.sklearn.log_model(model, name="model2", registered_model_name=name)
    assert str(first.registered_model_version) == "1"
    assert str(second.registered_model_version) == "2"
    versions = {v.version: v for v in client.search_model_versions(f"name = '{name}'")}
    assert set(versions) == {"1", "2"}
    assert versions["1"].source == f"models:/{first.model_id}"
    assert versions["2"].source == f"models:/{second.model_id}"
    assert {v.run_id for v in versions.values()} == {run.info.run_id}


def test_create_raw_response_shape(client, rest, logged):
    name = new_model(client, rest, logged)
    version = add_version(rest, name, logged, description="raw", tags=[{"key": "k", "value": "v"}])
    assert version["name"] == name
    assert version["version"] == "1" and isinstance(version["version"], str)
    assert version["status"] == "READY"
    assert version["current_stage"] == "None"
    assert version["description"] == "raw"
    assert user_tags(version["tags"]) == [{"key": "k", "value": "v"}]
    assert version["run_id"] == logged["run_id"]
    assert version["source"] == f"models:/{logged['model_id']}"
    assert version.get("model_id") in (None, logged["model_id"])  # mlflow 3.17.2 omits it
    assert isinstance(version["creation_timestamp"], int)
    assert isinstance(version["last_updated_timestamp"], int)
    assert add_version(rest, name, logged)["version"] == "2"


def test_create_version_of_missing_model(rest, logged):
    response = rest.post("model-versions/create", {
        "name": unique("mvnone"), "source": f"models:/{logged['model_id']}",
        "run_id": logged["run_id"], "model_id": logged["model_id"]})
    assert_error(response, 404, "RESOURCE_DOES_NOT_EXIST")


def test_create_requires_name_and_source(client, rest, logged):
    name = new_model(client, rest, logged)
    assert_error(rest.post("model-versions/create", {"name": name}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("model-versions/create", {"source": f"models:/{logged['model_id']}"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert client.search_model_versions(f"name = '{name}'") == []


# --------------------------------------------------------------------------------------------
# get / update / delete / tags
# --------------------------------------------------------------------------------------------


def test_get_version_errors(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    assert rest.get("model-versions/get", name=name, version="1").status_code == 200
    for bad in ("abc", "1.5", "one", ""):
        assert_error(rest.get("model-versions/get", name=name, version=bad), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("model-versions/get", name=name, version="2"), 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(rest.get("model-versions/get", name=unique("mvnone"), version="1"), 404, "RESOURCE_DOES_NOT_EXIST")
    with pytest.raises(MlflowException) as raised:
        client.get_model_version(name, "7")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_update_description(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    before = client.get_model_version(name, "1")
    time.sleep(0.01)
    updated = client.update_model_version(name, "1", description="validated on holdout")
    assert updated.description == "validated on holdout"
    after = client.get_model_version(name, "1")
    assert after.description == "validated on holdout"
    assert after.last_updated_timestamp > before.last_updated_timestamp
    response = patch(rest, "model-versions/update", {"name": name, "version": "1", "description": "raw"})
    assert response.status_code == 200, response.text
    assert response.json()["model_version"]["description"] == "raw"
    assert_error(patch(rest, "model-versions/update", {"name": name, "version": "9", "description": "x"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(patch(rest, "model-versions/update", {"name": name, "version": "x", "description": "x"}),
                 400, "INVALID_PARAMETER_VALUE")


def test_delete_version(client, rest, logged):
    name = new_model(client, rest, logged, versions=3)
    client.set_registered_model_alias(name, "doomed", "3")
    client.delete_model_version(name, "3")
    assert_error(rest.get("model-versions/get", name=name, version="3"), 404, "RESOURCE_DOES_NOT_EXIST")
    assert sorted(v.version for v in client.search_model_versions(f"name = '{name}'")) == ["1", "2"]
    # its alias went with it
    assert client.get_registered_model(name).aliases == {}
    # a deleted number is not handed out again
    assert add_version(rest, name, logged)["version"] == "4"
    response = delete(rest, "model-versions/delete", {"name": name, "version": "1"})
    assert response.status_code == 200, response.text
    assert response.json() == {}
    assert_error(delete(rest, "model-versions/delete", {"name": name, "version": "1"}), 404, "RESOURCE_DOES_NOT_EXIST")
    assert sorted(v.version for v in client.search_model_versions(f"name = '{name}'")) == ["2", "4"]


def test_version_tags(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    client.set_model_version_tag(name, "1", "validated", "yes")
    client.set_model_version_tag(name, "1", "owner", "alice")
    client.set_model_version_tag(name, "1", "owner", "bob")
    assert user_tags(client.get_model_version(name, "1").tags) == {"validated": "yes", "owner": "bob"}
    client.delete_model_version_tag(name, "1", "owner")
    assert user_tags(client.get_model_version(name, "1").tags) == {"validated": "yes"}
    ok = rest.post("model-versions/set-tag", {"name": name, "version": "1", "key": "k", "value": "v"})
    assert ok.status_code == 200, ok.text
    gone = delete(rest, "model-versions/delete-tag", {"name": name, "version": "1", "key": "k"})
    assert gone.status_code == 200, gone.text
    assert "k" not in client.get_model_version(name, "1").tags
    assert_error(rest.post("model-versions/set-tag", {"name": name, "version": "5", "key": "k", "value": "v"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(rest.post("model-versions/set-tag", {"name": name, "version": "x", "key": "k", "value": "v"}),
                 400, "INVALID_PARAMETER_VALUE")


def test_version_tag_and_description_limits(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    base = {"name": name, "version": "1"}
    assert_error(rest.post("model-versions/set-tag", {**base, "key": "k" * 251, "value": "v"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("model-versions/set-tag", {**base, "key": "k", "value": "v" * 100_001}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("model-versions/set-tag", {**base, "key": "", "value": "v"}), 400, "INVALID_PARAMETER_VALUE")
    ok = rest.post("model-versions/set-tag", {**base, "key": "k" * 250, "value": "v" * 100_000})
    assert ok.status_code == 200, ok.text
    # a create with an oversize tag uses up no version
    response = rest.post("model-versions/create", {
        "name": name, "source": f"models:/{logged['model_id']}", "run_id": logged["run_id"],
        "model_id": logged["model_id"], "tags": [{"key": "k" * 251, "value": "v"}]})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    assert sorted(v.version for v in client.search_model_versions(f"name = '{name}'")) == ["1"]


@ferry_only  # MLflow stores version descriptions of any length (no limit in 3.17.2); Ferry caps them
def test_oversize_version_description_is_refused(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    huge = "d" * 2_000_000
    assert_error(patch(rest, "model-versions/update", {"name": name, "version": "1", "description": huge}),
                 400, "INVALID_PARAMETER_VALUE")
    assert not client.get_model_version(name, "1").description


# --------------------------------------------------------------------------------------------
# stages
# --------------------------------------------------------------------------------------------


def test_transition_stage(client, rest, logged):
    name = new_model(client, rest, logged, versions=3)
    moved = client.transition_model_version_stage(name, "1", "Production")
    assert moved.current_stage == "Production"
    client.transition_model_version_stage(name, "2", "Production", archive_existing_versions=False)
    stages = {v.version: v.current_stage for v in client.search_model_versions(f"name = '{name}'")}
    assert stages == {"1": "Production", "2": "Production", "3": "None"}
    # archive_existing_versions archives the others in the target stage only
    client.transition_model_version_stage(name, "3", "Staging")
    client.transition_model_version_stage(name, "3", "Production", archive_existing_versions=True)
    stages = {v.version: v.current_stage for v in client.search_model_versions(f"name = '{name}'")}
    assert stages == {"1": "Archived", "2": "Archived", "3": "Production"}
    # stage names are case-insensitive on input, canonical on output
    raw = rest.post("model-versions/transition-stage",
                    {"name": name, "version": "1", "stage": "staging", "archive_existing_versions": False})
    assert raw.status_code == 200, raw.text
    assert raw.json()["model_version"]["current_stage"] == "Staging"
    back = client.transition_model_version_stage(name, "1", "None")
    assert back.current_stage == "None"


def test_transition_stage_errors(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    body = {"name": name, "version": "1", "archive_existing_versions": False}
    assert_error(rest.post("model-versions/transition-stage", {**body, "stage": "Live"}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("model-versions/transition-stage", {**body, "version": "2", "stage": "Staging"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert client.get_model_version(name, "1").current_stage == "None"


# --------------------------------------------------------------------------------------------
# download URI and loading
# --------------------------------------------------------------------------------------------


def test_download_uri_of_logged_model_source(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    artifact_location = client.get_logged_model(logged["model_id"]).artifact_location
    assert client.get_model_version_download_uri(name, "1") == artifact_location
    raw = rest.get("model-versions/get-download-uri", name=name, version="1")
    assert raw.status_code == 200, raw.text
    assert raw.json() == {"artifact_uri": artifact_location}
    assert artifact_location.startswith(f"mlflow-artifacts:/{logged['experiment_id']}/models/{logged['model_id']}")
    assert_error(rest.get("model-versions/get-download-uri", name=name, version="9"), 404, "RESOURCE_DOES_NOT_EXIST")


def test_load_by_version_alias_and_run_give_same_predictions(client, trained, logged):
    model, features = trained
    expected = model.predict(features)
    name = unique("mvload")
    mlflow.register_model(f"runs:/{logged['run_id']}/model", name)
    client.set_registered_model_alias(name, "champion", "1")
    for uri in (f"models:/{name}/1", f"models:/{name}@champion", f"runs:/{logged['run_id']}/model"):
        loaded = mlflow.pyfunc.load_model(uri)
        assert np.array_equal(loaded.predict(features), expected), uri
    sk = mlflow.sklearn.load_model(f"models:/{name}@champion")
    assert np.allclose(sk.predict_proba(features), model.predict_proba(features))


def test_alias_follows_reassignment_when_loading(client, trained, logged, other_run, rest):
    model, features = trained
    name = new_model(client, rest, logged, versions=1)
    add_version(rest, name, other_run)
    client.set_registered_model_alias(name, "prod", "1")
    assert client.get_model_version_by_alias(name, "prod").source == f"models:/{logged['model_id']}"
    client.set_registered_model_alias(name, "prod", "2")
    assert client.get_model_version_by_alias(name, "prod").source == f"models:/{other_run['model_id']}"
    loaded = mlflow.pyfunc.load_model(f"models:/{name}@prod")
    assert np.array_equal(loaded.predict(features), model.predict(features))


# --------------------------------------------------------------------------------------------
# aliases
# --------------------------------------------------------------------------------------------


def test_set_get_delete_alias(client, rest, logged):
    name = new_model(client, rest, logged, versions=2)
    client.set_registered_model_alias(name, "champion", "1")
    client.set_registered_model_alias(name, "challenger", "2")
    client.set_registered_model_alias(name, "Champion-2_x", "2")
    assert client.get_registered_model(name).aliases == {"champion": "1", "challenger": "2", "Champion-2_x": "2"}
    by_alias = client.get_model_version_by_alias(name, "champion")
    assert by_alias.version == "1"
    assert by_alias.aliases == ["champion"]
    assert sorted(client.get_model_version(name, "2").aliases) == ["Champion-2_x", "challenger"]
    # moving an alias takes it off the old version
    client.set_registered_model_alias(name, "champion", "2")
    assert client.get_model_version(name, "1").aliases == []
    assert client.get_model_version_by_alias(name, "champion").version == "2"
    client.delete_registered_model_alias(name, "champion")
    assert "champion" not in client.get_registered_model(name).aliases
    # raw forms: aliases on the registered model are [{alias, version}], on a version a list of names
    raw_model = rest.get("registered-models/get", name=name).json()["registered_model"]
    assert sorted((a["alias"], a["version"]) for a in raw_model["aliases"]) == [
        ("Champion-2_x", "2"), ("challenger", "2")]
    raw = rest.get("registered-models/alias", name=name, alias="challenger")
    assert raw.status_code == 200, raw.text
    assert raw.json()["model_version"]["version"] == "2"
    assert sorted(raw.json()["model_version"]["aliases"]) == ["Champion-2_x", "challenger"]
    assert rest.post("registered-models/alias", {"name": name, "alias": "raw", "version": "1"}).status_code == 200
    gone = delete(rest, "registered-models/alias", {"name": name, "alias": "raw"})
    assert gone.status_code == 200, gone.text
    assert "raw" not in client.get_registered_model(name).aliases
    # deleting an alias that is not set is a quiet 200 on mlflow 3.17.2
    assert delete(rest, "registered-models/alias", {"name": name, "alias": "raw"}).status_code == 200


def test_unknown_alias_is_400_invalid_parameter_value(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    assert_error(rest.get("registered-models/alias", name=name, alias="nosuch"), 400, "INVALID_PARAMETER_VALUE")
    with pytest.raises(MlflowException) as raised:
        client.get_model_version_by_alias(name, "nosuch")
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


def test_alias_on_missing_version_or_model(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    assert_error(rest.post("registered-models/alias", {"name": name, "alias": "a", "version": "5"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(rest.post("registered-models/alias", {"name": unique("mvnone"), "alias": "a", "version": "1"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert client.get_registered_model(name).aliases == {}


@pytest.mark.parametrize("alias", ["latest", "LATEST", "Latest", "v1", "v42", "V7"])
def test_reserved_aliases_are_refused(client, rest, logged, alias):
    name = new_model(client, rest, logged, versions=1)
    assert_error(rest.post("registered-models/alias", {"name": name, "alias": alias, "version": "1"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert client.get_registered_model(name).aliases == {}


@pytest.mark.parametrize("alias", ["has space", "a/b", "a:b", "a.b", "é@x", "x" * 256, ""])
def test_malformed_aliases_are_refused(client, rest, logged, alias):
    name = new_model(client, rest, logged, versions=1)
    assert_error(rest.post("registered-models/alias", {"name": name, "alias": alias, "version": "1"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert client.get_registered_model(name).aliases == {}


def test_alias_at_length_limit(client, rest, logged):
    name = new_model(client, rest, logged, versions=1)
    alias = "a" * 255
    ok = rest.post("registered-models/alias", {"name": name, "alias": alias, "version": "1"})
    assert ok.status_code == 200, ok.text
    assert client.get_model_version_by_alias(name, alias).version == "1"


# --------------------------------------------------------------------------------------------
# search_model_versions
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog(client, rest, logged, other_run):
    """Two models: `a` with versions 1..3 (v2 from the other run, v3 tagged), `b` with version 1."""
    prefix = unique("cat")
    a, b = f"{prefix}-a", f"{prefix}-b"
    client.create_registered_model(a)
    client.create_registered_model(b)
    add_version(rest, a, logged)
    time.sleep(0.01)
    add_version(rest, a, other_run, tags=[{"key": "quality", "value": "low"}])
    time.sleep(0.01)
    add_version(rest, a, logged, tags=[{"key": "quality", "value": "high"}])
    time.sleep(0.01)
    add_version(rest, b, other_run)
    return {"prefix": prefix, "a": a, "b": b}


def versions_of(client, flt, **kwargs) -> list[tuple[str, str]]:
    return [(v.name, v.version) for v in client.search_model_versions(flt, **kwargs)]


def test_search_versions_by_name(client, catalog):
    a, b = catalog["a"], catalog["b"]
    # default order (observed, mlflow 3.17.2): last_updated_timestamp DESC, name ASC, version DESC
    assert versions_of(client, f"name = '{a}'") == [(a, "3"), (a, "2"), (a, "1")]
    assert versions_of(client, f"name LIKE '{catalog['prefix']}-%'") == [(b, "1"), (a, "3"), (a, "2"), (a, "1")]
    assert versions_of(client, f"name IN ('{b}')") == [(b, "1")]
    assert versions_of(client, f"name = '{unique('none')}'") == []


def test_search_versions_by_run_id(client, catalog, logged, other_run):
    a, b = catalog["a"], catalog["b"]
    prefix = catalog["prefix"]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND run_id = '{logged['run_id']}'") == [(a, "3"), (a, "1")]
    both = f"'{logged['run_id']}', '{other_run['run_id']}'"
    assert versions_of(client, f"name LIKE '{prefix}-%' AND run_id IN ({both})") == [
        (b, "1"), (a, "3"), (a, "2"), (a, "1")]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND run_id IN ('{other_run['run_id']}')") == [
        (b, "1"), (a, "2")]


def test_search_versions_by_version_number_and_tags(client, catalog):
    a, b = catalog["a"], catalog["b"]
    prefix = catalog["prefix"]
    assert versions_of(client, f"name = '{a}' AND version_number = 2") == [(a, "2")]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND version_number > 1") == [(a, "3"), (a, "2")]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND tags.quality = 'high'") == [(a, "3")]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND tags.quality LIKE '%o%'") == [(a, "2")]
    assert versions_of(client, f"name LIKE '{prefix}-%' AND tags.quality != 'high'") == [(a, "2")]


def test_search_versions_order_by(client, catalog):
    a, b = catalog["a"], catalog["b"]
    flt = f"name LIKE '{catalog['prefix']}-%'"
    assert versions_of(client, flt, order_by=["version_number ASC"]) in (
        [(a, "1"), (b, "1"), (a, "2"), (a, "3")], [(b, "1"), (a, "1"), (a, "2"), (a, "3")])
    assert versions_of(client, flt, order_by=["name DESC", "version_number ASC"]) == [
        (b, "1"), (a, "1"), (a, "2"), (a, "3")]
    assert versions_of(client, flt, order_by=["creation_timestamp DESC"]) == [(b, "1"), (a, "3"), (a, "2"), (a, "1")]
    assert versions_of(client, flt, order_by=["last_updated_timestamp ASC"]) == [
        (a, "1"), (a, "2"), (a, "3"), (b, "1")]


def test_search_versions_paging_and_bad_input(client, rest, catalog):
    a, b = catalog["a"], catalog["b"]
    flt = f"name LIKE '{catalog['prefix']}-%'"
    first = client.search_model_versions(flt, max_results=3)
    assert [(v.name, v.version) for v in first] == [(b, "1"), (a, "3"), (a, "2")]
    assert first.token
    second = client.search_model_versions(flt, max_results=3, page_token=first.token)
    assert [(v.name, v.version) for v in second] == [(a, "1")]
    assert not second.token
    raw = rest.get("model-versions/search", filter=flt, max_results=2)
    assert raw.status_code == 200, raw.text
    assert raw.json()["next_page_token"]
    assert_error(rest.get("model-versions/search", filter=flt, page_token="garbage"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("model-versions/search", filter=f"{flt} OR name = 'x'"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("model-versions/search", filter="nosuch = 'x'"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("model-versions/search", filter=flt, order_by="nosuch ASC"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("model-versions/search", filter=flt, max_results=200_001), 400, "INVALID_PARAMETER_VALUE")


# --------------------------------------------------------------------------------------------
# sources must stay inside the store's own artifacts (reference §5: CVE-2023-1177, -2356, -2780,
# -6977, -6753, CVE-2024-1558, -1483, -1594, -2928, -3848)
# --------------------------------------------------------------------------------------------


def run_artifact_root(client, run_id: str) -> str:
    return client.get_run(run_id).info.artifact_uri


def hostile_sources(client, logged, other_run) -> dict[str, str]:
    run_root = run_artifact_root(client, logged["run_id"])  # mlflow-artifacts:/<exp>/<run>/artifacts
    other_root = run_artifact_root(client, other_run["run_id"])
    return {
        "abs-path": "/etc",
        "abs-path-passwd": "/etc/passwd",
        "file-uri": "file:///etc/",
        "file-uri-short": "file:/etc",
        "double-slash": "//proc/self/root/etc",
        "backslash-dotdot": "\\..\\..\\etc",
        "relative-dotdot": "../../../../etc",
        "other-run-uri": f"runs:/{other_run['run_id']}/model",
        "other-run-root": f"{other_root}/model",
        "traversal-in-run-root": f"{run_root}/../../../../etc",
        "encoded-traversal": f"{run_root}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc",
        "double-encoded": f"{run_root}/%252e%252e%252f%252e%252e%252f%252e%252e%252fetc",
        "http-dotdot": "http://127.0.0.1/api/2.0/mlflow-artifacts/artifacts/../../../../etc",
        "artifacts-host-dotdot": "mlflow-artifacts://127.0.0.1:1/../../../../etc",
        "artifacts-encoded": "mlflow-artifacts:/..%2f..%2f..%2f..%2fetc",
        "nul-byte": f"{run_root}/model%00",
    }


SOURCE_CASES = [
    "abs-path", "abs-path-passwd", "file-uri", "file-uri-short", "double-slash", "backslash-dotdot",
    "relative-dotdot", "other-run-uri", "other-run-root", "traversal-in-run-root", "encoded-traversal",
    "double-encoded", "http-dotdot", "artifacts-host-dotdot", "artifacts-encoded", "nul-byte",
]


@pytest.mark.parametrize("case", SOURCE_CASES)
def test_hostile_source_with_run_id_is_refused(client, rest, logged, other_run, case):
    name = new_model(client, rest, logged)
    source = hostile_sources(client, logged, other_run)[case]
    response = rest.post("model-versions/create", {"name": name, "source": source, "run_id": logged["run_id"]})
    assert_client_error(response.status_code, response.text)
    assert response.json()["error_code"] == "INVALID_PARAMETER_VALUE", response.text
    # nothing half-created
    assert client.search_model_versions(f"name = '{name}'") == []


@pytest.mark.parametrize("case", ["abs-path", "file-uri", "file-uri-short", "double-slash", "other-run-uri",
                                  "traversal-in-run-root", "encoded-traversal", "http-dotdot"])
def test_hostile_source_without_run_id_is_refused(client, rest, logged, other_run, case):
    name = new_model(client, rest, logged)
    source = hostile_sources(client, logged, other_run)[case]
    response = rest.post("model-versions/create", {"name": name, "source": source})
    assert_client_error(response.status_code, response.text)
    assert response.json()["error_code"] == "INVALID_PARAMETER_VALUE", response.text
    assert client.search_model_versions(f"name = '{name}'") == []


def test_another_models_source_is_refused(client, rest, logged, other_run):
    name = new_model(client, rest, logged)
    # models:/<other model> while claiming this model_id
    response = rest.post("model-versions/create", {
        "name": name, "source": f"models:/{other_run['model_id']}", "model_id": logged["model_id"]})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    # local paths and file: URIs with a model_id
    for source in ("/etc", "file:///etc/", f"models:/{logged['model_id']}/../../../etc"):
        response = rest.post("model-versions/create", {"name": name, "source": source, "model_id": logged["model_id"]})
        assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    # runs:/ source with a model_id
    response = rest.post("model-versions/create", {
        "name": name, "source": f"runs:/{logged['run_id']}/model", "model_id": logged["model_id"]})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    assert client.search_model_versions(f"name = '{name}'") == []


def test_sources_inside_the_run_are_accepted(client, rest, logged):
    name = new_model(client, rest, logged)
    run_root = run_artifact_root(client, logged["run_id"])
    own = rest.post("model-versions/create",
                    {"name": name, "source": f"runs:/{logged['run_id']}/model", "run_id": logged["run_id"]})
    assert own.status_code == 200, own.text
    assert own.json()["model_version"]["version"] == "1"
    inside = rest.post("model-versions/create", {"name": name, "source": f"{run_root}/model", "run_id": logged["run_id"]})
    assert inside.status_code == 200, inside.text
    assert inside.json()["model_version"]["source"] == f"{run_root}/model"


@ferry_only  # MLflow 3.17.2 accepts a foreign cloud source (s3://) with no run_id; Ferry confines sources
def test_foreign_host_source_is_refused(client, rest, logged):
    name = new_model(client, rest, logged)
    for source in ("s3://some-bucket/models/x", "http://169.254.169.254/latest/meta-data"):
        response = rest.post("model-versions/create", {"name": name, "source": source})
        assert_client_error(response.status_code, response.text)
    assert client.search_model_versions(f"name = '{name}'") == []


def test_prompt_versions_take_only_the_placeholder_source(client, rest):
    # MLflow stores prompts as registered models; their versions have no files
    name = unique("prompt")
    prompt_tag = [{"key": "mlflow.prompt.is_prompt", "value": "true"}]
    assert rest.post("registered-models/create", {"name": name, "tags": prompt_tag}).status_code == 200
    created = rest.post("model-versions/create", {"name": name, "source": "dummy-source", "tags": prompt_tag + [
        {"key": "mlflow.prompt.text", "value": "Hello {{name}}"}]})
    assert created.status_code == 200, created.text
    assert created.json()["model_version"]["version"] == "1"
    refused = rest.post("model-versions/create", {"name": name, "source": "/etc", "tags": prompt_tag})
    assert_error(refused, 400, "INVALID_PARAMETER_VALUE")
    # prompts stay out of model searches unless asked for
    assert name not in [m.name for m in client.search_registered_models(f"name = '{name}'")]
    asked = rest.get("registered-models/search", filter=f"name = '{name}' AND tags.`mlflow.prompt.is_prompt` = 'true'")
    assert [m["name"] for m in asked.json().get("registered_models", [])] == [name]
