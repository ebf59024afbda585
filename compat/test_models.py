"""Logged models: mlflow.sklearn.log_model and loading it back, the logged-models REST surface."""

import numpy as np
import mlflow
import pytest
from mlflow.exceptions import MlflowException
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from support import assert_error, unique


@pytest.fixture(scope="module")
def trained():
    features, target = load_iris(return_X_y=True, as_frame=True)
    model = LogisticRegression(max_iter=500).fit(features, target)
    return model, features


@pytest.fixture(scope="module")
def logged(client, trained):
    """One sklearn model logged in a run with params and metrics, as users do."""
    model, features = trained
    experiment_id = client.create_experiment(unique("models"))
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params({"max_iter": 500, "solver": "lbfgs"})
        mlflow.log_metric("accuracy", float(model.score(features, model.predict(features))))
        info = mlflow.sklearn.log_model(model, name="model", input_example=features.head(3))
    return {"experiment_id": experiment_id, "run_id": run.info.run_id, "info": info}


def test_load_by_run_uri_gives_same_predictions(trained, logged):
    model, features = trained
    loaded = mlflow.pyfunc.load_model(f"runs:/{logged['run_id']}/model")
    assert np.array_equal(loaded.predict(features), model.predict(features))


def test_load_by_model_uri(trained, logged):
    model, features = trained
    info = logged["info"]
    assert info.model_uri == f"models:/{info.model_id}"
    loaded = mlflow.sklearn.load_model(info.model_uri)
    assert np.array_equal(loaded.predict(features), model.predict(features))
    assert np.allclose(loaded.predict_proba(features), model.predict_proba(features))


def test_logged_model_record(client, logged):
    info = logged["info"]
    assert info.model_id.startswith("m-") and len(info.model_id) == 34
    model = client.get_logged_model(info.model_id)
    assert model.name == "model"
    assert model.experiment_id == logged["experiment_id"]
    assert model.source_run_id == logged["run_id"]
    assert str(model.status) in ("READY", "LoggedModelStatus.READY") or model.status.name == "READY"
    assert model.artifact_location.endswith(f"/models/{info.model_id}/artifacts")
    assert model.artifact_location.startswith(f"mlflow-artifacts:/{logged['experiment_id']}/")
    assert model.params.get("solver") == "lbfgs"


def test_model_artifacts_listed(client, logged):
    info = logged["info"]
    location = client.get_logged_model(info.model_id).artifact_location
    names = {f.path for f in mlflow.artifacts.list_artifacts(artifact_uri=location)}
    assert {"MLmodel", "conda.yaml", "python_env.yaml", "requirements.txt"} <= {n.split("/")[-1] for n in names}
    mlmodel = mlflow.artifacts.load_text(f"{location}/MLmodel")
    assert "sklearn" in mlmodel and info.model_id in mlmodel


def test_run_links_to_model(client, logged):
    run = client.get_run(logged["run_id"])
    outputs = run.outputs.model_outputs if run.outputs else []
    assert [o.model_id for o in outputs] == [logged["info"].model_id]
    # log_model re-logs the run's metrics against the model; the run's history gains no duplicate point
    assert len(client.get_metric_history(logged["run_id"], "accuracy")) == 1
    model_metrics = {m.key for m in client.get_logged_model(logged["info"].model_id).metrics or []}
    assert "accuracy" in model_metrics  # metrics logged with a model_id show on the logged model


def test_search_logged_models(client, logged):
    found = client.search_logged_models(experiment_ids=[logged["experiment_id"]])
    assert [m.model_id for m in found] == [logged["info"].model_id]
    by_name = client.search_logged_models(experiment_ids=[logged["experiment_id"]], filter_string="name = 'model'")
    assert [m.model_id for m in by_name] == [logged["info"].model_id]
    none = client.search_logged_models(experiment_ids=[logged["experiment_id"]], filter_string="name = 'other'")
    assert list(none) == []


def test_logged_model_tags(client, logged):
    model_id = logged["info"].model_id
    client.set_logged_model_tags(model_id, {"stage": "candidate", "owner": "compat"})
    assert {"stage": "candidate", "owner": "compat"}.items() <= client.get_logged_model(model_id).tags.items()
    client.delete_logged_model_tag(model_id, "owner")
    assert "owner" not in client.get_logged_model(model_id).tags


def test_two_models_in_one_run(client, trained, experiment_id):
    model, features = trained
    with mlflow.start_run(experiment_id=experiment_id) as run:
        first = mlflow.sklearn.log_model(model, name="first")
        second = mlflow.sklearn.log_model(model, name="second")
    assert first.model_id != second.model_id
    outputs = {o.model_id for o in client.get_run(run.info.run_id).outputs.model_outputs}
    assert outputs == {first.model_id, second.model_id}
    loaded = mlflow.pyfunc.load_model(f"runs:/{run.info.run_id}/second")
    assert np.array_equal(loaded.predict(features), model.predict(features))


def test_model_without_run(client, trained, experiment_id):
    model, features = trained
    mlflow.set_experiment(experiment_id=experiment_id)
    info = mlflow.sklearn.log_model(model, name="standalone")
    assert not client.get_logged_model(info.model_id).source_run_id  # None or ""
    assert np.array_equal(mlflow.pyfunc.load_model(info.model_uri).predict(features), model.predict(features))


def test_missing_logged_model(client):
    with pytest.raises(MlflowException) as raised:
        client.get_logged_model("m-0123456789abcdef0123456789abcdef")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_delete_logged_model(client, trained, experiment_id):
    model, _ = trained
    mlflow.set_experiment(experiment_id=experiment_id)
    info = mlflow.sklearn.log_model(model, name="doomed")
    client.delete_logged_model(info.model_id)
    found = client.search_logged_models(experiment_ids=[experiment_id])
    assert info.model_id not in [m.model_id for m in found]


def test_create_logged_model_raw(rest):
    experiment_id = rest.create_experiment()
    response = rest.session.post(f"{rest.base}/api/2.0/mlflow/logged-models",
                                 json={"experiment_id": experiment_id, "name": "raw", "model_type": "demo"})
    assert response.status_code == 200, response.text
    model = response.json()["model"]["info"]
    assert model["status"] == "LOGGED_MODEL_PENDING"
    assert model["model_id"].startswith("m-")
    finalized = rest.session.patch(f"{rest.base}/api/2.0/mlflow/logged-models/{model['model_id']}",
                                   json={"model_id": model["model_id"], "status": "LOGGED_MODEL_READY"})
    assert finalized.status_code == 200, finalized.text
    assert finalized.json()["model"]["info"]["status"] == "LOGGED_MODEL_READY"
    missing_experiment = rest.session.post(f"{rest.base}/api/2.0/mlflow/logged-models", json={"name": "raw"})
    assert_error(missing_experiment, 400, "INVALID_PARAMETER_VALUE")
