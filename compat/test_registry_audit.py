"""The registry audit trail (Ferry-only: MLflow keeps none): who changed what, when, before and after.

`GET /api/2.0/ferry/registry/audit-events?name=&version=&since=&max_results=&page_token=` lists the
events oldest first. The actor is the user name of the request's basic credentials (what the mlflow
client sends when MLFLOW_TRACKING_USERNAME is set), else `anonymous`.
"""

import requests

from support import add_version, assert_error, ferry_only, now_ms, unique

pytestmark = ferry_only


def events(base_url, **params):
    response = requests.get(f"{base_url}/api/2.0/ferry/registry/audit-events", params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def as_user(rest, user):
    session = requests.Session()
    session.auth = (user, "irrelevant")
    return lambda method, endpoint, body: session.request(
        method, f"{rest.base}/api/2.0/mlflow/{endpoint}", json=body, timeout=60)


def test_every_change_is_recorded_with_actor_before_and_after(client, rest, base_url):
    import mlflow
    from sklearn.linear_model import LinearRegression

    with mlflow.start_run(experiment_id=client.create_experiment(unique("audit"))) as run:
        info = mlflow.sklearn.log_model(LinearRegression().fit([[0.0], [1.0]], [0.0, 1.0]), name="model")
    logged = {"run_id": run.info.run_id, "model_id": info.model_id}
    started = now_ms()
    name = unique("audited")
    alice, bob = as_user(rest, "alice"), as_user(rest, "bob")
    assert alice("POST", "registered-models/create", {"name": name, "tags": [{"key": "team", "value": "risk"}]}).status_code == 200
    add_version(rest, name, logged)
    add_version(rest, name, logged)
    assert bob("POST", "registered-models/alias", {"name": name, "alias": "champion", "version": "1"}).status_code == 200
    assert bob("POST", "registered-models/alias", {"name": name, "alias": "champion", "version": "2"}).status_code == 200
    assert alice("POST", "model-versions/transition-stage",
                 {"name": name, "version": "1", "stage": "Production", "archive_existing_versions": False}).status_code == 200
    assert bob("POST", "model-versions/transition-stage",
               {"name": name, "version": "2", "stage": "Production", "archive_existing_versions": True}).status_code == 200
    assert bob("PATCH", "registered-models/update", {"name": name, "description": "credit risk"}).status_code == 200
    # refused changes leave no trace
    assert bob("POST", "registered-models/alias", {"name": name, "alias": "latest", "version": "1"}).status_code == 400
    assert bob("DELETE", "registered-models/delete-tag", {"name": name, "key": "never-set"}).status_code == 200

    trail = events(base_url, name=name)["events"]
    assert [e["action"] for e in trail] == [
        "create_registered_model", "create_model_version", "create_model_version", "set_alias", "set_alias",
        "transition_stage", "transition_stage", "transition_stage", "update_registered_model"]
    assert [e["actor"] for e in trail] == ["alice", "anonymous", "anonymous", "bob", "bob", "alice", "bob", "bob", "bob"]
    assert all(e["name"] == name and e["timestamp"] >= started for e in trail)
    assert [e["id"] for e in trail] == sorted(e["id"] for e in trail)
    assert trail[0]["after"] == {"name": name, "tag.team": "risk"} and trail[0]["before"] == {}
    assert trail[1]["version"] == "1" and trail[1]["after"]["source"] == f"models:/{logged['model_id']}"
    assert trail[1]["after"]["tag.ferry.scan"] == "clean"
    assert trail[4]["before"] == {"alias.champion": "1"} and trail[4]["after"] == {"alias.champion": "2"}
    # archiving version 1 when 2 goes to Production is recorded for version 1, then 2's own move
    assert trail[6]["version"] == "1" and trail[6]["before"] == {"current_stage": "Production"}
    assert trail[6]["after"] == {"current_stage": "Archived", "archived_by_version": "2"}
    assert trail[7]["version"] == "2" and trail[7]["after"] == {"current_stage": "Production"}
    assert trail[8]["before"] == {"description": ""} and trail[8]["after"] == {"description": "credit risk"}

    only_v2 = events(base_url, name=name, version="2")["events"]
    assert [e["action"] for e in only_v2] == ["create_model_version", "set_alias", "transition_stage"]
    first = events(base_url, name=name, max_results=4)
    rest_of = events(base_url, name=name, max_results=100, page_token=first["next_page_token"])
    assert [e["id"] for e in first["events"] + rest_of["events"]] == [e["id"] for e in trail]
    assert "next_page_token" not in rest_of
    assert events(base_url, name=name, since=now_ms() + 60_000)["events"] == []


def test_rename_and_delete_are_recorded(client, rest, base_url):
    name, renamed = unique("audren"), unique("audren2")
    client.create_registered_model(name)
    client.rename_registered_model(name, renamed)
    client.delete_registered_model(renamed)
    trail = events(base_url, name=renamed)["events"]
    assert [e["action"] for e in trail] == ["rename_registered_model", "delete_registered_model"]
    assert trail[0]["before"] == {"name": name} and trail[0]["after"] == {"name": renamed}
    assert trail[1]["before"]["name"] == renamed and trail[1]["after"] == {}


def test_bad_audit_queries(base_url):
    url = f"{base_url}/api/2.0/ferry/registry/audit-events"
    assert_error(requests.get(url, params={"max_results": 0}, timeout=30), 400, "INVALID_PARAMETER_VALUE")
    assert_error(requests.get(url, params={"page_token": "garbage"}, timeout=30), 400, "INVALID_PARAMETER_VALUE")
    assert_error(requests.get(url, params={"version": "one"}, timeout=30), 400, "INVALID_PARAMETER_VALUE")
