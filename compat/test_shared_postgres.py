"""Two `ferry server` processes on one PostgreSQL database serve the same data consistently.

Runs only when FERRY_TEST_POSTGRES_URI names a PostgreSQL server (scripts/test starts one) and the server
under test is ferry: both processes migrate the same fresh database at once, then every write through one is
visible through the other, and write-once rules hold across them under concurrent writers.
"""

import concurrent.futures

import pytest
from mlflow import MlflowClient
from mlflow.entities import Metric, Param
from mlflow.exceptions import MlflowException

from support import POSTGRES_URI, SERVER_KIND, BackendStore, ServerProcess, ferry_only, now_ms, unique

pytestmark = [
    ferry_only,
    pytest.mark.skipif(not POSTGRES_URI, reason="needs FERRY_TEST_POSTGRES_URI"),
]


@pytest.fixture
def two_servers(tmp_path):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    store = BackendStore.create(tmp_path)
    servers = [
        ServerProcess(kind=SERVER_KIND, backend_uri=store.uri, artifacts_destination=str(artifacts),
                      workdir=tmp_path / f"work{index}")
        for index in range(2)
    ]
    try:
        # Start both before waiting on either, so their migrations race.
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.start(), servers))
        yield servers
    finally:
        for server in servers:
            server.stop()
        store.cleanup()


def test_writes_through_one_server_are_read_through_the_other(two_servers):
    first, second = (MlflowClient(tracking_uri=server.url) for server in two_servers)
    name = unique("shared")
    experiment_id = first.create_experiment(name)
    assert second.get_experiment_by_name(name).experiment_id == experiment_id

    run_id = second.create_run(experiment_id, run_name="shared-run").info.run_id
    ts = now_ms()
    first.log_batch(run_id, metrics=[Metric("loss", 1.0 / (i + 1), ts + i, i) for i in range(500)],
                    params=[Param("lr", "0.1")])
    second.log_metric(run_id, "loss", 0.0001, timestamp=ts + 1000, step=1000)

    for client in (first, second):
        run = client.get_run(run_id)
        assert run.info.run_name == "shared-run"
        assert run.data.params == {"lr": "0.1"}
        assert run.data.metrics["loss"] == pytest.approx(0.0001)
        assert len(client.get_metric_history(run_id, "loss")) == 501
        assert [r.info.run_id for r in client.search_runs([experiment_id], "params.lr = '0.1'")] == [run_id]

    with pytest.raises(MlflowException) as error:
        first.create_experiment(name)
    assert error.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_concurrent_param_writes_keep_one_value(two_servers):
    clients = [MlflowClient(tracking_uri=server.url) for server in two_servers]
    experiment_id = clients[0].create_experiment(unique("race"))
    run_id = clients[0].create_run(experiment_id).info.run_id

    def attempt(index):
        client = clients[index % 2]
        try:
            client.log_param(run_id, "seed", str(index))
            return "ok"
        except MlflowException as error:
            return error.error_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, range(16)))

    values = {client.get_run(run_id).data.params["seed"] for client in clients}
    assert len(values) == 1, values
    winner = values.pop()
    # Only writers of the winning value succeed; every other writer got MLflow's write-once error.
    assert outcomes[int(winner)] == "ok"
    assert all(outcome in ("ok", "INVALID_PARAMETER_VALUE") for outcome in outcomes)
    assert outcomes.count("ok") == 1, outcomes


def test_concurrent_experiment_creation_has_one_winner(two_servers):
    clients = [MlflowClient(tracking_uri=server.url) for server in two_servers]
    name = unique("one-winner")

    def attempt(index):
        try:
            return clients[index % 2].create_experiment(name)
        except MlflowException as error:
            return error.error_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    ids = [outcome for outcome in outcomes if outcome != "RESOURCE_ALREADY_EXISTS"]
    assert len(ids) == 1, outcomes
    assert clients[1].get_experiment_by_name(name).experiment_id == ids[0]
