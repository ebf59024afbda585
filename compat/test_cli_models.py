"""`ferry models` and `ferry audit` against a running server (Ferry-only: these are Ferry's commands).

The registry is filled with the real mlflow client (a logged sklearn model with params, metrics and an
input dataset, registered and aliased); the CLI must show it back, with the lineage, and change it.
"""

import json
import os
import subprocess

import mlflow
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from support import ferry_binary, ferry_only, unique

pytestmark = ferry_only


def ferry(base_url, *args, user=None, check=True):
    env = dict(os.environ, MLFLOW_TRACKING_URI=base_url)
    env.pop("MLFLOW_TRACKING_USERNAME", None)
    if user:
        env["MLFLOW_TRACKING_USERNAME"], env["MLFLOW_TRACKING_PASSWORD"] = user, "unused"
    result = subprocess.run([str(ferry_binary()), *args], env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, f"ferry {' '.join(args)} exited {result.returncode}: {result.stderr}"
    return result


@pytest.fixture(scope="module")
def registered(client):
    name = unique("cli")
    frame = pd.DataFrame({"x1": [0.0, 1.0, 2.0, 3.0], "x2": [1.0, 0.0, 1.0, 0.0], "y": [0, 0, 1, 1]})
    experiment_id = client.create_experiment(unique("cli"))
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_param("C", 0.5)
        mlflow.log_metric("accuracy", 0.75, step=1)
        mlflow.log_metric("accuracy", 0.875, step=2)
        mlflow.log_input(mlflow.data.from_pandas(frame, name="churn-train", targets="y"), context="training")
        model = LogisticRegression(C=0.5).fit(frame[["x1", "x2"]], frame["y"])
        mlflow.sklearn.log_model(model, name="model", registered_model_name=name)
        mlflow.sklearn.log_model(model, name="model2", registered_model_name=name)
    client.set_registered_model_alias(name, "champion", "1")
    return {"name": name, "run_id": run.info.run_id}


def test_list_shows_the_model(base_url, registered):
    listed = json.loads(ferry(base_url, "models", "list", "--json").stdout)
    names = [m["name"] for m in listed["registered_models"]]
    assert registered["name"] in names
    text = ferry(base_url, "models", "list", "--filter", f"name = '{registered['name']}'").stdout
    assert registered["name"] in text and "champion→1" in text


def test_show_version_carries_the_lineage(base_url, registered):
    name = registered["name"]
    detail = json.loads(ferry(base_url, "models", "show", f"{name}/1", "--json").stdout)
    assert detail["model_version"]["version"] == "1"
    assert detail["run"]["info"]["run_id"] == registered["run_id"]
    assert {"key": "C", "value": "0.5"} in detail["run"]["data"]["params"]
    inputs = detail["run"]["inputs"]["dataset_inputs"]
    assert [i["dataset"]["name"] for i in inputs] == ["churn-train"]
    tags = {t["key"]: t["value"] for t in detail["model_version"]["tags"]}
    assert tags["ferry.scan"] == "clean"
    assert detail["download_uri"].startswith("mlflow-artifacts:/")
    text = ferry(base_url, "models", "show", f"{name}@champion").stdout
    for expected in (f"{name}/1", "champion", "Lineage", registered["run_id"], "C ", "0.5", "accuracy", "0.875",
                     "churn-train", "training", "Scan", "clean"):
        assert expected in text, (expected, text)
    overview = ferry(base_url, "models", "show", name).stdout
    assert "VERSION" in overview and "SCAN" in overview and "clean" in overview


def test_promote_and_alias_change_the_registry_and_land_in_the_audit(client, base_url, registered):
    name = registered["name"]
    promoted = ferry(base_url, "models", "promote", name, "2", "--stage", "Production", user="carol").stdout
    assert f"{name}@champion: 1 → 2" in promoted, promoted
    assert client.get_model_version_by_alias(name, "champion").version == "2"
    assert client.get_model_version(name, "2").current_stage == "Production"
    ferry(base_url, "models", "alias", name, "challenger", "1", user="dave")
    assert client.get_model_version_by_alias(name, "challenger").version == "1"
    events = json.loads(ferry(base_url, "audit", "--model", name, "--json").stdout)["events"]
    mine = [(e["actor"], e["action"], e.get("version")) for e in events if e["actor"] in ("carol", "dave")]
    assert ("carol", "set_alias", "2") in mine and ("carol", "transition_stage", "2") in mine
    assert ("dave", "set_alias", "1") in mine
    table = ferry(base_url, "audit", "--model", name).stdout
    assert "carol" in table and "alias.champion: 1 → 2" in table


def test_errors_are_one_clear_line(base_url, registered):
    missing = ferry(base_url, "models", "show", unique("nosuch"), check=False)
    assert missing.returncode == 1 and "RESOURCE_DOES_NOT_EXIST" in missing.stderr
    unreachable = ferry("http://127.0.0.1:9", "models", "list", check=False)
    assert unreachable.returncode == 1 and "Is the server running" in unreachable.stderr
    usage = ferry(base_url, "audit", "--since", "yesterday", check=False)
    assert usage.returncode == 2
