"""`ferry serve models:/NAME/N NAME2=models:/NAME@ALIAS`: versions logged with mlflow.onnx.log_model to a
`ferry server` tracking server and read back through its artifact API (MLFLOW_TRACKING_URI)."""

from __future__ import annotations

import mlflow
import mlflow.onnx
import onnx
import pytest
import requests

import serving_support as s
from support import BackendStore, ServerProcess, unique


@pytest.fixture(scope="module")
def registry(work_dir):
    """A tracking server with model `m`: version 1 a linear regression, version 2 a ridge, alias
    champion -> 2 (so the alias cannot be mistaken for version 1)."""
    folder = work_dir / "tracking"
    (folder / "artifacts").mkdir(parents=True)
    store = BackendStore.create(folder)
    server = ServerProcess(kind="ferry", backend_uri=store.uri, artifacts_destination=str(folder / "artifacts"), workdir=folder / "work")
    server.start()
    name = unique("served")
    try:
        mlflow.set_tracking_uri(server.url)
        client = mlflow.MlflowClient(tracking_uri=server.url)
        mlflow.set_experiment(unique("serving"))
        for family in ("linear_regression", "ridge"):
            with mlflow.start_run():
                mlflow.onnx.log_model(onnx.load(str(s.model_path(family))), name="model", registered_model_name=name)
        client.set_registered_model_alias(name, "champion", "2")
        yield server.url, name
    finally:
        server.stop()
        store.cleanup()


@pytest.fixture(scope="module")
def served(registry, start_server):
    url, name = registry
    return start_server(f"models:/{name}/1", f"m2=models:/{name}@champion", names=[name, "m2"],
                        env={"MLFLOW_TRACKING_URI": url}).url, name


def _predict(base: str, model: str, family: str):
    item = s.entry(family)
    response = s.score(base, item, "dataframe_split", model=model)
    assert response.status_code == 200, response.text[:300]
    return response.json()["predictions"], item


def test_version_uri_serves_that_version(served):
    base, name = served
    predictions, item = _predict(base, name, "linear_regression")
    s.assert_same("version 1", predictions, s.mlflow_predictions(s.expected(item)["variable"]))
    metadata = s.triton_client(base).get_model_metadata(name)
    assert metadata["versions"] == ["1"]


def test_alias_uri_serves_the_aliased_version(served):
    base, _ = served
    predictions, item = _predict(base, "m2", "ridge")
    s.assert_same("champion (version 2)", predictions, s.mlflow_predictions(s.expected(item)["variable"]))
    assert s.triton_client(base).get_model_metadata("m2")["versions"] == ["2"]
    result = s.triton_infer(base, "m2", s.samples(item), binary=True)
    s.assert_same("champion over OIP", result.as_numpy("variable"), s.expected(item)["variable"])


def test_unknown_registered_version_fails_to_load_and_says_why(registry, start_server):
    url, name = registry
    base = start_server(f"gone=models:/{name}/9", f"noalias=models:/{name}@nobody", names=["gone", "noalias"],
                        env={"MLFLOW_TRACKING_URI": url}).url
    for model, mentions in (("gone", ("9", "not found")), ("noalias", ("nobody", "not found"))):
        s.oip_error(requests.get(f"{base}/v2/models/{model}", timeout=10), 503, *mentions)
