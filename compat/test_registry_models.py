"""Model registry, registered models: create, get, rename, update, delete, tags, search, latest versions.

Reference: ../shared/reference/mlflow-rest.md §1.6, §2, §3. Model versions and aliases are in
test_registry_versions.py.
"""

import time

import mlflow
import pytest
from mlflow.exceptions import MlflowException
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from support import add_version, assert_error, ferry_only, now_ms, unique


@pytest.fixture(scope="module")
def logged(client):
    """One small sklearn model logged in a run; versions in this module all point at it."""
    features, target = load_iris(return_X_y=True, as_frame=True)
    model = LogisticRegression(max_iter=300).fit(features, target)
    experiment_id = client.create_experiment(unique("regmodels"))
    with mlflow.start_run(experiment_id=experiment_id) as run:
        info = mlflow.sklearn.log_model(model, name="model")
    return {"run_id": run.info.run_id, "model_id": info.model_id, "experiment_id": experiment_id}



def search_names(client, **kwargs) -> list[str]:
    return [m.name for m in client.search_registered_models(**kwargs)]


# --------------------------------------------------------------------------------------------
# create / get
# --------------------------------------------------------------------------------------------


def test_create_and_get(client):
    name = unique("rm")
    before = now_ms()
    created = client.create_registered_model(name, tags={"team": "core", "empty": ""}, description="first")
    assert created.name == name
    got = client.get_registered_model(name)
    assert got.name == name
    assert got.description == "first"
    assert got.tags == {"team": "core", "empty": ""}
    assert got.latest_versions == []
    assert got.aliases == {}
    assert abs(got.creation_timestamp - before) < 120_000
    assert got.last_updated_timestamp >= got.creation_timestamp


def test_create_raw_response_shape(rest):
    name = unique("rmraw")
    response = rest.post("registered-models/create", {"name": name})
    assert response.status_code == 200, response.text
    model = response.json()["registered_model"]
    assert model["name"] == name
    assert isinstance(model["creation_timestamp"], int)
    assert isinstance(model["last_updated_timestamp"], int)
    # unset fields and empty lists are omitted
    for absent in ("latest_versions", "aliases", "tags"):
        assert not model.get(absent)
    fetched = rest.get("registered-models/get", name=name)
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["registered_model"]["name"] == name


def test_duplicate_is_resource_already_exists(client, rest):
    name = unique("rmdup")
    client.create_registered_model(name)
    assert_error(rest.post("registered-models/create", {"name": name}), 400, "RESOURCE_ALREADY_EXISTS")
    with pytest.raises(MlflowException) as raised:
        client.create_registered_model(name)
    assert raised.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_get_missing_is_404(client, rest):
    name = unique("rmmissing")
    assert_error(rest.get("registered-models/get", name=name), 404, "RESOURCE_DOES_NOT_EXIST")
    with pytest.raises(MlflowException) as raised:
        client.get_registered_model(name)
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_create_requires_name(rest):
    assert_error(rest.post("registered-models/create", {}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("registered-models/create", {"name": ""}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("registered-models/create", {"name": 123}), 400, "INVALID_PARAMETER_VALUE")


@pytest.mark.parametrize("bad", ["a/b", "a:b", "../x", "x/../y"])
def test_names_with_slash_or_colon_are_refused(rest, bad):
    name = unique("rmbad") + bad
    assert_error(rest.post("registered-models/create", {"name": name}), 400, "INVALID_PARAMETER_VALUE")
    assert rest.get("registered-models/get", name=name).status_code in (400, 404)


# --------------------------------------------------------------------------------------------
# rename / update / delete
# --------------------------------------------------------------------------------------------


def test_rename_keeps_versions_and_aliases(client, rest, logged):
    old, new = unique("rmold"), unique("rmnew")
    client.create_registered_model(old, tags={"k": "v"}, description="keep me")
    add_version(rest, old, logged)
    add_version(rest, old, logged)
    client.set_registered_model_alias(old, "champion", "2")
    client.rename_registered_model(old, new)

    model = client.get_registered_model(new)
    assert model.description == "keep me"
    assert model.tags == {"k": "v"}
    assert model.aliases == {"champion": "2"}
    assert [v.version for v in model.latest_versions] == ["2"]
    versions = client.search_model_versions(f"name = '{new}'")
    assert sorted(v.version for v in versions) == ["1", "2"]
    assert all(v.name == new for v in versions)
    assert client.get_model_version(new, "1").name == new
    assert client.get_model_version_by_alias(new, "champion").version == "2"

    assert_error(rest.get("registered-models/get", name=old), 404, "RESOURCE_DOES_NOT_EXIST")
    assert client.search_model_versions(f"name = '{old}'") == []
    # the next version continues the numbering under the new name
    assert add_version(rest, new, logged)["version"] == "3"


def test_rename_raw_and_errors(client, rest):
    a, b = unique("rma"), unique("rmb")
    client.create_registered_model(a)
    client.create_registered_model(b)
    # onto an existing name
    assert_error(rest.post("registered-models/rename", {"name": a, "new_name": b}), 400, "RESOURCE_ALREADY_EXISTS")
    # a missing model
    assert_error(rest.post("registered-models/rename", {"name": unique("rmnone"), "new_name": unique("x")}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    # an invalid new name
    assert_error(rest.post("registered-models/rename", {"name": a, "new_name": "has/slash"}),
                 400, "INVALID_PARAMETER_VALUE")
    # both still there, unchanged
    assert client.get_registered_model(a).name == a
    assert client.get_registered_model(b).name == b
    new = unique("rmc")
    ok = rest.post("registered-models/rename", {"name": a, "new_name": new})
    assert ok.status_code == 200, ok.text
    assert ok.json()["registered_model"]["name"] == new


def test_update_description(client, rest):
    name = unique("rmdesc")
    created = client.create_registered_model(name)
    time.sleep(0.01)
    updated = client.update_registered_model(name, description="new words")
    assert updated.description == "new words"
    got = client.get_registered_model(name)
    assert got.description == "new words"
    assert got.last_updated_timestamp > created.creation_timestamp
    response = rest.session.patch(f"{rest.base}/api/2.0/mlflow/registered-models/update",
                                  json={"name": name, "description": "patched"}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["registered_model"]["description"] == "patched"
    missing = rest.session.patch(f"{rest.base}/api/2.0/mlflow/registered-models/update",
                                 json={"name": unique("rmnone"), "description": "x"}, timeout=60)
    assert_error(missing, 404, "RESOURCE_DOES_NOT_EXIST")


def test_delete_removes_model_and_versions(client, rest, logged):
    name = unique("rmdel")
    client.create_registered_model(name)
    add_version(rest, name, logged)
    client.delete_registered_model(name)
    assert_error(rest.get("registered-models/get", name=name), 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(rest.get("model-versions/get", name=name, version="1"), 404, "RESOURCE_DOES_NOT_EXIST")
    assert client.search_model_versions(f"name = '{name}'") == []
    assert name not in search_names(client, filter_string=f"name = '{name}'")
    with pytest.raises(MlflowException) as raised:
        client.delete_registered_model(name)
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    # the name is free again, and numbering starts over
    client.create_registered_model(name)
    assert add_version(rest, name, logged)["version"] == "1"


def test_delete_raw_uses_json_body(rest):
    name = unique("rmdelraw")
    assert rest.post("registered-models/create", {"name": name}).status_code == 200
    response = rest.session.delete(f"{rest.base}/api/2.0/mlflow/registered-models/delete",
                                   json={"name": name}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json() == {}
    assert_error(rest.get("registered-models/get", name=name), 404, "RESOURCE_DOES_NOT_EXIST")


# --------------------------------------------------------------------------------------------
# tags
# --------------------------------------------------------------------------------------------


def test_set_and_delete_tag(client, rest):
    name = unique("rmtag")
    client.create_registered_model(name)
    client.set_registered_model_tag(name, "owner", "alice")
    client.set_registered_model_tag(name, "stage.note", "x" * 1000)
    client.set_registered_model_tag(name, "owner", "bob")  # overwrite
    assert client.get_registered_model(name).tags == {"owner": "bob", "stage.note": "x" * 1000}
    client.delete_registered_model_tag(name, "owner")
    assert client.get_registered_model(name).tags == {"stage.note": "x" * 1000}
    # raw forms
    assert rest.post("registered-models/set-tag", {"name": name, "key": "k", "value": "v"}).status_code == 200
    deleted = rest.session.delete(f"{rest.base}/api/2.0/mlflow/registered-models/delete-tag",
                                  json={"name": name, "key": "k"}, timeout=60)
    assert deleted.status_code == 200, deleted.text
    assert "k" not in client.get_registered_model(name).tags
    # deleting a tag the model lacks is a quiet 200 on mlflow 3.17.2
    again = rest.session.delete(f"{rest.base}/api/2.0/mlflow/registered-models/delete-tag",
                                json={"name": name, "key": "k"}, timeout=60)
    assert again.status_code == 200, again.text


def test_tag_on_missing_model(rest):
    missing = unique("rmnone")
    assert_error(rest.post("registered-models/set-tag", {"name": missing, "key": "k", "value": "v"}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    response = rest.session.delete(f"{rest.base}/api/2.0/mlflow/registered-models/delete-tag",
                                   json={"name": missing, "key": "k"}, timeout=60)
    assert_error(response, 404, "RESOURCE_DOES_NOT_EXIST")


def test_tag_validation(client, rest):
    name = unique("rmtagbad")
    client.create_registered_model(name)
    assert_error(rest.post("registered-models/set-tag", {"name": name, "key": "k" * 251, "value": "v"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("registered-models/set-tag", {"name": name, "key": "k", "value": "v" * 100_001}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("registered-models/set-tag", {"name": name, "key": "", "value": "v"}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("registered-models/set-tag", {"name": name, "value": "v"}),
                 400, "INVALID_PARAMETER_VALUE")
    # at the limits is fine
    ok = rest.post("registered-models/set-tag", {"name": name, "key": "k" * 250, "value": "v" * 100_000})
    assert ok.status_code == 200, ok.text
    assert client.get_registered_model(name).tags["k" * 250] == "v" * 100_000
    # create with an oversize tag creates nothing
    other = unique("rmtagbad2")
    assert_error(rest.post("registered-models/create", {"name": other, "tags": [{"key": "k" * 251, "value": "v"}]}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/get", name=other), 404, "RESOURCE_DOES_NOT_EXIST")


@ferry_only  # MLflow stores descriptions of any length (no limit in 3.17.2); Ferry caps them
def test_oversize_description_is_refused(client, rest):
    name = unique("rmdescbig")
    client.create_registered_model(name)
    huge = "d" * 2_000_000
    response = rest.session.patch(f"{rest.base}/api/2.0/mlflow/registered-models/update",
                                  json={"name": name, "description": huge}, timeout=60)
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    assert not client.get_registered_model(name).description
    other = unique("rmdescbig2")
    assert_error(rest.post("registered-models/create", {"name": other, "description": huge}),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/get", name=other), 404, "RESOURCE_DOES_NOT_EXIST")


# --------------------------------------------------------------------------------------------
# search
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def family(client):
    """Four models sharing a unique prefix, created in a known order with distinct timestamps."""
    prefix = unique("fam")
    names = {
        "alpha": f"{prefix}-alpha",
        "Beta": f"{prefix}-Beta",
        "gamma": f"{prefix}-gamma",
        "delta": f"{prefix}-delta",
    }
    client.create_registered_model(names["gamma"], tags={"team": "red", "tier": "gold"})
    time.sleep(0.02)
    client.create_registered_model(names["alpha"], tags={"team": "blue"})
    time.sleep(0.02)
    client.create_registered_model(names["Beta"], tags={"team": "red"})
    time.sleep(0.02)
    client.create_registered_model(names["delta"])
    time.sleep(0.02)
    client.update_registered_model(names["alpha"], description="touched last")
    return {"prefix": prefix, **names}


def test_search_name_equals_and_like(client, family):
    p = family["prefix"]
    assert search_names(client, filter_string=f"name = '{family['alpha']}'") == [family["alpha"]]
    # default order: name ASC in binary order ('Beta' before 'alpha')
    assert search_names(client, filter_string=f"name LIKE '{p}-%'") == [
        family["Beta"], family["alpha"], family["delta"], family["gamma"]]
    # LIKE is case-sensitive, ILIKE is not
    assert search_names(client, filter_string=f"name LIKE '{p}-beta'") == []
    assert search_names(client, filter_string=f"name ILIKE '{p.upper()}-BETA'") == [family["Beta"]]
    assert search_names(client, filter_string=f"name LIKE '{p}-_a%'") == [family["gamma"]]
    assert search_names(client, filter_string=f"name != '{family['alpha']}' AND name LIKE '{p}-%'") == [
        family["Beta"], family["delta"], family["gamma"]]


def test_search_by_tags(client, rest, family):
    p = family["prefix"]
    assert search_names(client, filter_string=f"name LIKE '{p}-%' AND tags.team = 'red'") == [
        family["Beta"], family["gamma"]]
    assert search_names(client, filter_string=f"name LIKE '{p}-%' AND tags.team = 'red' AND tags.tier = 'gold'") == [
        family["gamma"]]
    assert search_names(client, filter_string=f"name LIKE '{p}-%' AND tags.`team` LIKE 'b%'") == [family["alpha"]]
    assert search_names(client, filter_string=f"name LIKE '{p}-%' AND tags.team ILIKE 'BLUE'") == [family["alpha"]]
    # Observed on mlflow 3.17.2: != on a user tag matches only models that have the tag (delta, which
    # lacks it, is left out), while the client's own `mlflow.prompt.is_prompt != 'true'` clause keeps
    # untagged models (every search above relies on that).
    assert search_names(client, filter_string=f"name LIKE '{p}-%' AND tags.team != 'red'") == [family["alpha"]]
    raw = rest.get("registered-models/search", filter=f"name LIKE '{p}-%' AND tags.team != 'red'")
    assert raw.status_code == 200, raw.text
    assert [m["name"] for m in raw.json()["registered_models"]] == [family["alpha"]]
    # the client's clause, sent raw, keeps models without the tag
    raw = rest.get("registered-models/search",
                   filter=f"name LIKE '{p}-%' AND tags.`mlflow.prompt.is_prompt` != 'true'")
    assert len(raw.json()["registered_models"]) == 4


def test_search_order_by(client, family):
    p = family["prefix"]
    flt = f"name LIKE '{p}-%'"
    ascending = [family["Beta"], family["alpha"], family["delta"], family["gamma"]]
    assert search_names(client, filter_string=flt, order_by=["name ASC"]) == ascending
    assert search_names(client, filter_string=flt, order_by=["name DESC"]) == ascending[::-1]
    assert search_names(client, filter_string=flt, order_by=["name desc"]) == ascending[::-1]
    # alpha was updated last; the others in creation order
    assert search_names(client, filter_string=flt, order_by=["last_updated_timestamp DESC"]) == [
        family["alpha"], family["delta"], family["Beta"], family["gamma"]]
    assert search_names(client, filter_string=flt, order_by=["last_updated_timestamp ASC"]) == [
        family["gamma"], family["Beta"], family["delta"], family["alpha"]]
    # `timestamp` is an alias of last_updated_timestamp
    assert search_names(client, filter_string=flt, order_by=["timestamp DESC"]) == [
        family["alpha"], family["delta"], family["Beta"], family["gamma"]]
    # two keys: ties on the first broken by the second
    assert search_names(client, filter_string=flt, order_by=["name ASC", "timestamp DESC"]) == ascending


def test_search_paging(client, rest, family):
    flt = f"name LIKE '{family['prefix']}-%'"
    first = client.search_registered_models(filter_string=flt, max_results=3)
    assert [m.name for m in first] == [family["Beta"], family["alpha"], family["delta"]]
    assert first.token
    second = client.search_registered_models(filter_string=flt, max_results=3, page_token=first.token)
    assert [m.name for m in second] == [family["gamma"]]
    assert not second.token
    exact = client.search_registered_models(filter_string=flt, max_results=4)
    assert len(exact) == 4 and not exact.token
    # raw: next_page_token only when more rows exist
    page = rest.get("registered-models/search", filter=flt, max_results=2)
    assert page.status_code == 200, page.text
    body = page.json()
    assert [m["name"] for m in body["registered_models"]] == [family["Beta"], family["alpha"]]
    token = body["next_page_token"]
    rest_page = rest.get("registered-models/search", filter=flt, max_results=2, page_token=token).json()
    assert [m["name"] for m in rest_page["registered_models"]] == [family["delta"], family["gamma"]]
    assert "next_page_token" not in rest_page or not rest_page["next_page_token"]
    empty = rest.get("registered-models/search", filter=f"name = '{unique('none')}'")
    assert empty.status_code == 200 and empty.json() == {}


def test_search_bad_input(rest, family):
    flt = f"name LIKE '{family['prefix']}-%'"
    assert_error(rest.get("registered-models/search", filter=flt, page_token="not-a-token"),
                 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/search", filter=flt, max_results=1001), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/search", filter=f"{flt} OR name = 'x'"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/search", filter="nosuchfield = 'x'"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("registered-models/search", filter=flt, order_by="nosuchfield ASC"),
                 400, "INVALID_PARAMETER_VALUE")
    # observed on mlflow 3.17.2: creation_timestamp is not an order_by key for registered models
    assert_error(rest.get("registered-models/search", filter=flt, order_by="creation_timestamp ASC"),
                 400, "INVALID_PARAMETER_VALUE")


# --------------------------------------------------------------------------------------------
# latest versions and stages
# --------------------------------------------------------------------------------------------


def test_get_latest_versions_by_stage(client, rest, logged):
    name = unique("rmlatest")
    client.create_registered_model(name)
    for _ in range(4):
        add_version(rest, name, logged)
    client.transition_model_version_stage(name, "1", "Production")
    client.transition_model_version_stage(name, "2", "Staging")
    client.transition_model_version_stage(name, "3", "Staging")

    def latest(stages=None):
        return sorted((v.current_stage, v.version) for v in client.get_latest_versions(name, stages=stages))

    assert latest(["Production"]) == [("Production", "1")]
    assert latest(["Staging"]) == [("Staging", "3")]
    assert latest(["staging", "production"]) == [("Production", "1"), ("Staging", "3")]
    assert latest(["Archived"]) == []
    assert latest() == [("None", "4"), ("Production", "1"), ("Staging", "3")]
    # the registered model carries one latest version per stage too
    assert sorted((v.current_stage, v.version) for v in client.get_registered_model(name).latest_versions) == [
        ("None", "4"), ("Production", "1"), ("Staging", "3")]

    raw = rest.post("registered-models/get-latest-versions", {"name": name, "stages": ["Production"]})
    assert raw.status_code == 200, raw.text
    assert [(v["version"], v["current_stage"]) for v in raw.json()["model_versions"]] == [("1", "Production")]
    assert_error(rest.post("registered-models/get-latest-versions", {"name": unique("rmnone")}),
                 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(rest.post("registered-models/get-latest-versions", {"name": name, "stages": ["Bogus"]}),
                 400, "INVALID_PARAMETER_VALUE")
