"""Artifact scanning at registration (Ferry-only: MLflow has no scanner).

Every pickle-based file in a new version's artifacts is read as opcodes; the verdict lands on the
version as `ferry.scan` (clean / unsafe / incomplete) and `ferry.scan.findings`. The corpus in
scan_fixtures.py carries picklescan's own verdict for each file, computed by running picklescan, and
Ferry must agree with it. Malicious files are written, never loaded.
"""

import mlflow
import pytest
from mlflow import MlflowClient
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from scan_fixtures import build_fixtures
from support import BackendStore, ServerProcess, assert_error, ferry_only, unique

pytestmark = ferry_only


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_fixtures(tmp_path_factory.mktemp("scan-corpus"))


@pytest.fixture(scope="module")
def corpus_run(client, corpus):
    """One run holding each corpus file alone in its own artifact folder `fixtures/<index>/`."""
    experiment_id = client.create_experiment(unique("scan"))
    run = client.create_run(experiment_id)
    for index, fixture in enumerate(corpus):
        client.log_artifact(run.info.run_id, str(fixture.path), artifact_path=f"fixtures/{index}")
    return run


def register(rest, name, run, folder):
    root = run.info.artifact_uri
    return rest.post("model-versions/create", {"name": name, "source": f"{root}/{folder}", "run_id": run.info.run_id})


def test_verdicts_agree_with_picklescan(client, rest, corpus, corpus_run):
    assert any(f.expected_unsafe for f in corpus) and any(not f.expected_unsafe for f in corpus)
    name = unique("scanned")
    client.create_registered_model(name)
    disagreements = []
    for index, fixture in enumerate(corpus):
        response = register(rest, name, corpus_run, f"fixtures/{index}")
        assert response.status_code == 200, response.text
        tags = {t["key"]: t["value"] for t in response.json()["model_version"]["tags"]}
        verdict, findings = tags.get("ferry.scan"), tags.get("ferry.scan.findings", "")
        expected = "unsafe" if fixture.expected_unsafe else "clean"
        missing = [g for g in fixture.dangerous_globals if g not in findings]
        if verdict != expected or missing:
            disagreements.append((fixture.path.name, expected, verdict, sorted(fixture.dangerous_globals), findings))
    assert not disagreements, disagreements


def test_scan_tags_are_searchable(client, rest, corpus, corpus_run):
    name = unique("scansearch")
    client.create_registered_model(name)
    unsafe_index = next(i for i, f in enumerate(corpus) if f.expected_unsafe)
    clean_index = next(i for i, f in enumerate(corpus) if not f.expected_unsafe)
    assert register(rest, name, corpus_run, f"fixtures/{clean_index}").status_code == 200
    assert register(rest, name, corpus_run, f"fixtures/{unsafe_index}").status_code == 200
    flagged = client.search_model_versions(f"name = '{name}' AND tags.`ferry.scan` = 'unsafe'")
    assert [v.version for v in flagged] == ["2"]
    clean = client.search_model_versions(f"name = '{name}' AND tags.`ferry.scan` = 'clean'")
    assert [v.version for v in clean] == ["1"]


def test_a_logged_sklearn_model_is_clean(client):
    features, target = load_iris(return_X_y=True, as_frame=True)
    model = LogisticRegression(max_iter=200).fit(features, target)
    name = unique("scanclean")
    experiment_id = client.create_experiment(unique("scanclean"))
    with mlflow.start_run(experiment_id=experiment_id):
        mlflow.sklearn.log_model(model, name="model", registered_model_name=name)
    version = client.get_model_version(name, "1")
    assert version.tags["ferry.scan"] == "clean", version.tags
    assert version.tags["ferry.scan.findings"] == ""


def test_clients_cannot_forge_or_remove_scan_tags(client, rest, corpus, corpus_run):
    name = unique("scanforge")
    client.create_registered_model(name)
    unsafe_index = next(i for i, f in enumerate(corpus) if f.expected_unsafe)
    forged = rest.post("model-versions/create", {
        "name": name, "source": f"{corpus_run.info.artifact_uri}/fixtures/{unsafe_index}", "run_id": corpus_run.info.run_id,
        "tags": [{"key": "ferry.scan", "value": "clean"}]})
    assert_error(forged, 400, "INVALID_PARAMETER_VALUE")
    assert client.search_model_versions(f"name = '{name}'") == []
    assert register(rest, name, corpus_run, f"fixtures/{unsafe_index}").status_code == 200
    assert_error(rest.post("model-versions/set-tag", {"name": name, "version": "1", "key": "ferry.scan", "value": "clean"}),
                 400, "INVALID_PARAMETER_VALUE")
    deleted = rest.session.delete(f"{rest.base}/api/2.0/mlflow/model-versions/delete-tag",
                                  json={"name": name, "version": "1", "key": "ferry.scan"}, timeout=30)
    assert_error(deleted, 400, "INVALID_PARAMETER_VALUE")
    assert client.get_model_version(name, "1").tags["ferry.scan"] == "unsafe"


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """A server started with --require-clean-models."""
    folder = tmp_path_factory.mktemp("strict")
    store = BackendStore.create(folder)
    (folder / "artifacts").mkdir()
    server = ServerProcess(kind="ferry", backend_uri=store.uri, artifacts_destination=str(folder / "artifacts"),
                           workdir=folder / "work", extra_env={"FERRY_REQUIRE_CLEAN_MODELS": "1"})
    server.start()
    try:
        yield server
    finally:
        server.stop()
        store.cleanup()


def test_require_clean_models_refuses_unsafe_versions(strict_server, corpus, http):
    strict = MlflowClient(tracking_uri=strict_server.url)
    run = strict.create_run(strict.create_experiment(unique("strict")))
    unsafe_index = next(i for i, f in enumerate(corpus) if f.expected_unsafe)
    clean_index = next(i for i, f in enumerate(corpus) if not f.expected_unsafe)
    for index in (unsafe_index, clean_index):
        strict.log_artifact(run.info.run_id, str(corpus[index].path), artifact_path=f"fixtures/{index}")
    name = unique("strict")
    strict.create_registered_model(name)
    url = f"{strict_server.url}/api/2.0/mlflow/model-versions/create"
    refused = http.post(url, json={"name": name, "source": f"{run.info.artifact_uri}/fixtures/{unsafe_index}",
                                   "run_id": run.info.run_id}, timeout=60)
    body = assert_error(refused, 400, "INVALID_PARAMETER_VALUE")
    assert "require" in body["message"] and "unsafe" in body["message"], body
    assert strict.search_model_versions(f"name = '{name}'") == []
    accepted = http.post(url, json={"name": name, "source": f"{run.info.artifact_uri}/fixtures/{clean_index}",
                                    "run_id": run.info.run_id}, timeout=60)
    assert accepted.status_code == 200, accepted.text
    # the refused attempt used up no version number
    assert accepted.json()["model_version"]["version"] == "1"
