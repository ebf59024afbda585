"""Params, metrics, tags and dataset inputs: client calls and the raw log-* endpoints."""

import math

import mlflow
import pandas as pd
import pytest
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException

from support import assert_error, ferry_only, now_ms, unique

# ----------------------------------------------------------------------------- params


def test_log_params(client, experiment_id):
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_param("alpha", 0.5)
        mlflow.log_params({"layers": 3, "optimizer": "adam", "empty": "", "unicode": "héllo ✓"})
    params = client.get_run(run.info.run_id).data.params
    assert params == {"alpha": "0.5", "layers": "3", "optimizer": "adam", "empty": "", "unicode": "héllo ✓"}


def test_many_params_are_chunked_by_client(client, experiment_id):
    values = {f"p{i:03d}": str(i) for i in range(250)}  # the client sends batches of <= 100
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params(values)
    assert client.get_run(run.info.run_id).data.params == values


def test_params_are_write_once(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, "lr", "0.1")
    client.log_param(run_id, "lr", "0.1")  # the same value again is fine
    with pytest.raises(MlflowException) as raised:
        client.log_param(run_id, "lr", "0.2")
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"
    with pytest.raises(MlflowException) as raised:
        client.log_batch(run_id, params=[Param("lr", "0.3")])
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"
    client.log_batch(run_id, params=[Param("lr", "0.1")])  # same value in a batch is fine too
    assert client.get_run(run_id).data.params["lr"] == "0.1"


def test_duplicate_param_keys_in_one_batch(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    for params in ([{"key": "d", "value": "1"}, {"key": "d", "value": "1"}],
                   [{"key": "d", "value": "1"}, {"key": "d", "value": "2"}]):
        assert_error(rest.post("runs/log-batch", {"run_id": run_id, "params": params}), 400, "INVALID_PARAMETER_VALUE")
    assert "params" not in rest.get_run(run_id)["data"]


def test_long_param_and_tag_values_are_truncated(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    assert rest.post("runs/log-parameter", {"run_id": run_id, "key": "single", "value": "a" * 7000}).status_code == 200
    assert rest.post("runs/log-batch", {"run_id": run_id, "params": [{"key": "batched", "value": "b" * 6500}]}).status_code == 200
    assert rest.post("runs/set-tag", {"run_id": run_id, "key": "longtag", "value": "c" * 9000}).status_code == 200
    data = rest.get_run(run_id)["data"]
    params = {p["key"]: p["value"] for p in data["params"]}
    tags = {t["key"]: t["value"] for t in data["tags"]}
    assert params["single"] == "a" * 6000
    assert params["batched"] == "b" * 6000
    assert tags["longtag"] == "c" * 8000


def test_exact_limit_values_are_kept(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    assert rest.post("runs/log-parameter", {"run_id": run_id, "key": "k" * 250, "value": "v" * 6000}).status_code == 200
    data = rest.get_run(run_id)["data"]
    assert data["params"] == [{"key": "k" * 250, "value": "v" * 6000}]


# ----------------------------------------------------------------------------- keys

BAD_KEYS = ["a$b", "../etc", "a/../../b", "/leading", "double//slash", ".", "k" * 251, "semi;colon", "new\nline"]


@pytest.mark.parametrize("key", BAD_KEYS, ids=repr)
@pytest.mark.parametrize("endpoint", ["log-parameter", "log-metric", "set-tag"])
def test_key_validation(rest, endpoint, key):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    body = {"run_id": run_id, "key": key, "value": "1"}
    if endpoint == "log-metric":
        body.update(value=1.0, timestamp=now_ms())
    assert_error(rest.post(f"runs/{endpoint}", body), 400, "INVALID_PARAMETER_VALUE")


@pytest.mark.parametrize("key", ["a$b", "../etc", "k" * 251])
def test_key_validation_in_batch(rest, key):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    for field, entity in (("params", {"key": key, "value": "1"}), ("tags", {"key": key, "value": "1"}),
                          ("metrics", {"key": key, "value": 1, "timestamp": now_ms(), "step": 0})):
        response = rest.post("runs/log-batch", {"run_id": run_id, field: [entity]})
        assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    data = rest.get_run(run_id)["data"]
    assert "params" not in data and "metrics" not in data


def test_allowed_key_characters(client, experiment_id):
    key = "a-b_c.d e:f/g"
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, key, "1")
    client.log_metric(run_id, key, 1.0)
    client.set_tag(run_id, key, "1")
    data = client.get_run(run_id).data
    assert key in data.params and key in data.metrics and key in data.tags


# ----------------------------------------------------------------------------- tags


def test_tags(client, experiment_id):
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.set_tag("stage", "dev")
        mlflow.set_tags({"stage": "prod", "owner": "alice", "blank": ""})
    run_id = run.info.run_id
    tags = client.get_run(run_id).data.tags
    assert tags["stage"] == "prod" and tags["owner"] == "alice" and tags["blank"] == ""
    client.delete_tag(run_id, "owner")
    assert "owner" not in client.get_run(run_id).data.tags
    with pytest.raises(MlflowException) as raised:
        client.delete_tag(run_id, "owner")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


# ----------------------------------------------------------------------------- metrics


def test_log_metrics_steps_and_timestamps(client, experiment_id):
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_metric("loss", 1.0, step=0, timestamp=1_000)
        mlflow.log_metric("loss", 0.5, step=1, timestamp=2_000)
        mlflow.log_metric("loss", 0.25, step=2, timestamp=3_000)
        mlflow.log_metrics({"acc": 0.7, "f1": 0.6}, step=5)
        mlflow.log_metric("default_step", 3.0)
    run_id = run.info.run_id
    history = client.get_metric_history(run_id, "loss")
    assert [(m.value, m.step, m.timestamp) for m in history] == [(1.0, 0, 1_000), (0.5, 1, 2_000), (0.25, 2, 3_000)]
    metrics = client.get_run(run_id).data.metrics
    assert metrics == {"loss": 0.25, "acc": 0.7, "f1": 0.6, "default_step": 3.0}
    [point] = client.get_metric_history(run_id, "default_step")
    assert point.step == 0
    assert abs(point.timestamp - now_ms()) < 120_000
    assert client.get_metric_history(run_id, "acc")[0].step == 5


def test_latest_metric_is_largest_step_then_timestamp(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    # logged out of order: the latest is the one with the largest step, whatever the arrival order
    client.log_metric(run_id, "m", 30.0, timestamp=100, step=3)
    client.log_metric(run_id, "m", 50.0, timestamp=500, step=1)
    client.log_metric(run_id, "m", 10.0, timestamp=50, step=2)
    assert client.get_run(run_id).data.metrics["m"] == 30.0
    # same step: the later timestamp wins
    client.log_metric(run_id, "n", 1.0, timestamp=200, step=0)
    client.log_metric(run_id, "n", 2.0, timestamp=100, step=0)
    assert client.get_run(run_id).data.metrics["n"] == 1.0


def test_metric_history_order(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    # history is ordered by timestamp, then step, then value
    client.log_batch(run_id, metrics=[
        Metric("h", 3.0, 300, 0), Metric("h", 1.0, 100, 5), Metric("h", 2.0, 100, 2), Metric("h", 0.5, 100, 2),
    ])
    history = client.get_metric_history(run_id, "h")
    assert [(m.timestamp, m.step, m.value) for m in history] == [(100, 2, 0.5), (100, 2, 2.0), (100, 5, 1.0), (300, 0, 3.0)]


def test_metric_history_many_points(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    base = now_ms()
    metrics = [Metric("curve", float(i) / 7, base + i, i) for i in range(2500)]
    client.log_batch(run_id, metrics=metrics)  # the client splits it into batches of <= 1000
    history = client.get_metric_history(run_id, "curve")
    assert [(m.step, m.value) for m in history] == [(i, float(i) / 7) for i in range(2500)]
    assert client.get_run(run_id).data.metrics["curve"] == 2499 / 7


def test_metric_history_paging_raw(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    base = now_ms()
    for chunk in range(3):
        batch = [{"key": "p", "value": i, "timestamp": base + i, "step": i} for i in range(chunk * 1000, chunk * 1000 + 1000)]
        assert rest.post("runs/log-batch", {"run_id": run_id, "metrics": batch}).status_code == 200
    seen, token, pages = [], None, 0
    while True:
        params = {"run_id": run_id, "metric_key": "p", "max_results": 700}
        if token:
            params["page_token"] = token
        body = rest.get("metrics/get-history", **params).json()
        pages += 1
        assert len(body["metrics"]) <= 700
        seen.extend(m["step"] for m in body["metrics"])
        token = body.get("next_page_token")
        if not token:
            break
    assert pages == 5
    assert seen == list(range(3000))


def test_metric_history_bad_requests(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    assert rest.get("metrics/get-history", run_id=run_id, metric_key="nothing").json() == {}
    for bad in (0, -1):
        assert_error(rest.get("metrics/get-history", run_id=run_id, metric_key="m", max_results=bad), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("metrics/get-history", run_id=run_id, metric_key="m", page_token="garbage!"), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.get("metrics/get-history", metric_key="m"), 400, "INVALID_PARAMETER_VALUE")


def test_nan_and_infinity_metrics(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_metric(run_id, "nan", float("nan"), step=0)
    client.log_metric(run_id, "pinf", float("inf"), step=0)
    client.log_metric(run_id, "ninf", float("-inf"), step=0)
    metrics = client.get_run(run_id).data.metrics
    assert math.isnan(metrics["nan"])
    assert math.isnan(client.get_metric_history(run_id, "nan")[0].value)
    # MLflow on SQLite hands infinities back clamped to +-sys.float_info.max; exact +-inf is also fine.
    assert metrics["pinf"] >= 1.7976931348623157e308
    assert metrics["ninf"] <= -1.7976931348623157e308
    assert client.get_metric_history(run_id, "pinf")[0].value >= 1.7976931348623157e308


def test_nan_and_infinity_as_json_strings(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    for key, value in (("n", "NaN"), ("p", "Infinity"), ("q", "-Infinity")):
        response = rest.post("runs/log-metric", {"run_id": run_id, "key": key, "value": value, "timestamp": 1, "step": 0})
        assert response.status_code == 200, response.text
    metrics = {m["key"]: m["value"] for m in rest.get_run(run_id)["data"]["metrics"]}
    assert metrics["n"] == "NaN"
    assert metrics["p"] in ("Infinity", 1.7976931348623157e308)
    assert metrics["q"] in ("-Infinity", -1.7976931348623157e308)


def test_metric_validation(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    cases = [
        {"key": "m", "value": 1.0},  # no timestamp
        {"key": "m", "value": 1.0, "timestamp": -1},
        {"key": "m", "value": "abc", "timestamp": 1},
        {"key": "m", "value": 1.0, "timestamp": "abc"},
        {"key": "m", "value": 1.0, "timestamp": 1, "step": "x"},
        {"value": 1.0, "timestamp": 1},  # no key
    ]
    for body in cases:
        assert_error(rest.post("runs/log-metric", {"run_id": run_id, **body}), 400, "INVALID_PARAMETER_VALUE")
    assert "metrics" not in rest.get_run(run_id)["data"]


def test_batch_metric_missing_timestamp_names_the_field(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    body = assert_error(rest.post("runs/log-batch", {"run_id": run_id, "metrics": [{"key": "m", "value": 1}]}),
                        400, "INVALID_PARAMETER_VALUE")
    assert "metrics[0].timestamp" in body["message"]


@ferry_only
def test_non_numeric_batch_metric_is_refused(rest):
    # MLflow 3.17.2 answers 200 and silently stores 0.0 at timestamp 0 for a string value in log-batch.
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    response = rest.post("runs/log-batch", {"run_id": run_id, "metrics": [{"key": "m", "value": "x", "timestamp": 1}]})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    assert "metrics" not in rest.get_run(run_id)["data"]


@ferry_only
@pytest.mark.parametrize("field", ["timestamp", "step"])
def test_fractional_integer_fields_are_refused(rest, field):
    # int64 fields reject 1.5; MLflow 3.17.2 accepts it and stores a truncated or zero value.
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    body = {"run_id": run_id, "key": "m", "value": 1.0, "timestamp": 10, "step": 1, field: 1.5}
    assert_error(rest.post("runs/log-metric", body), 400, "INVALID_PARAMETER_VALUE")


def test_numeric_strings_are_accepted_for_numbers(rest):
    # int64 may arrive as a JSON string; doubles too ("1.5").
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    response = rest.post("runs/log-metric", {"run_id": run_id, "key": "m", "value": "1.5", "timestamp": "12", "step": "3"})
    assert response.status_code == 200, response.text
    [metric] = rest.get("metrics/get-history", run_id=run_id, metric_key="m").json()["metrics"]
    assert (metric["value"], metric["timestamp"], metric["step"]) == (1.5, 12, 3)


# ----------------------------------------------------------------------------- log-batch


def test_log_batch_mixed(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    ts = now_ms()
    client.log_batch(
        run_id,
        metrics=[Metric("m1", 1.0, ts, 0), Metric("m1", 2.0, ts + 1, 1), Metric("m2", 5.0, ts, 0)],
        params=[Param("p1", "a"), Param("p2", "b")],
        tags=[RunTag("t1", "x")],
    )
    data = client.get_run(run_id).data
    assert data.metrics == {"m1": 2.0, "m2": 5.0}
    assert data.params == {"p1": "a", "p2": "b"}
    assert data.tags["t1"] == "x"


def test_empty_batch_is_ok(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    response = rest.post("runs/log-batch", {"run_id": run_id, "metrics": [], "params": [], "tags": []})
    assert response.status_code == 200 and response.json() == {}
    assert rest.post("runs/log-batch", {"run_id": run_id}).status_code == 200


@pytest.mark.parametrize(
    "make_batch",
    [
        lambda ts: {"metrics": [{"key": "m", "value": i, "timestamp": ts, "step": i} for i in range(1001)]},
        lambda ts: {"params": [{"key": f"p{i}", "value": "v"} for i in range(101)]},
        lambda ts: {"tags": [{"key": f"t{i}", "value": "v"} for i in range(101)]},
        lambda ts: {"metrics": [{"key": "m", "value": i, "timestamp": ts, "step": i} for i in range(950)],
                    "params": [{"key": f"p{i}", "value": "v"} for i in range(51)]},
    ],
    ids=["1001-metrics", "101-params", "101-tags", "1001-entities"],
)
def test_log_batch_limits(rest, make_batch):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    response = rest.post("runs/log-batch", {"run_id": run_id, **make_batch(now_ms())})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    data = rest.get_run(run_id)["data"]
    assert "metrics" not in data and "params" not in data  # nothing half-written


def test_log_batch_at_limits(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    ts = now_ms()
    body = {"run_id": run_id, "metrics": [{"key": "m", "value": i, "timestamp": ts, "step": i} for i in range(1000)]}
    assert rest.post("runs/log-batch", body).status_code == 200
    body = {"run_id": run_id, "params": [{"key": f"p{i}", "value": "v"} for i in range(100)],
            "tags": [{"key": f"t{i}", "value": "v"} for i in range(100)]}
    assert rest.post("runs/log-batch", body).status_code == 200
    data = rest.get_run(run_id)["data"]
    assert len(data["params"]) == 100


def test_replayed_batch_adds_no_duplicate_points(rest):
    # The client retries POSTs; a replay of the same batch must not duplicate history.
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    ts = now_ms()
    body = {
        "run_id": run_id,
        "metrics": [{"key": "r", "value": i * 0.5, "timestamp": ts, "step": i} for i in range(20)],
        "params": [{"key": "p", "value": "same"}],
        "tags": [{"key": "t", "value": "same"}],
    }
    for _ in range(3):
        response = rest.post("runs/log-batch", body)
        assert response.status_code == 200, response.text
    single = {"run_id": run_id, "key": "r", "value": 0.0, "timestamp": ts, "step": 0}
    assert rest.post("runs/log-metric", single).status_code == 200  # replay of one point already there
    history = rest.get("metrics/get-history", run_id=run_id, metric_key="r").json()["metrics"]
    assert sorted((m["step"], m["value"]) for m in history) == [(i, i * 0.5) for i in range(20)]


# ----------------------------------------------------------------------------- datasets


def test_log_input_pandas_dataset(client, experiment_id):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [0, 1, 0]})
    dataset = mlflow.data.from_pandas(frame, name="training-frame", targets="y")
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_input(dataset, context="training", tags={"version": "v1"})
    inputs = client.get_run(run.info.run_id).inputs.dataset_inputs
    assert len(inputs) == 1
    logged = inputs[0]
    assert logged.dataset.name == "training-frame"
    assert logged.dataset.digest == dataset.digest
    assert logged.dataset.source_type == dataset.source._get_source_type()
    assert "x" in logged.dataset.schema
    tags = {t.key: t.value for t in logged.tags}
    assert tags["mlflow.data.context"] == "training"
    assert tags["version"] == "v1"
    # MLflow keeps one input per (run, dataset): logging the same dataset again adds nothing.
    with mlflow.start_run(run_id=run.info.run_id):
        mlflow.log_input(dataset, context="eval")
    again = client.get_run(run.info.run_id).inputs.dataset_inputs
    assert [i.dataset.digest for i in again] == [dataset.digest]
    assert {t.key: t.value for t in again[0].tags}["mlflow.data.context"] == "training"
    # a different dataset is a second input
    other = mlflow.data.from_pandas(frame.assign(z=1), name="eval-frame")
    with mlflow.start_run(run_id=run.info.run_id):
        mlflow.log_input(other, context="eval")
    names = sorted(i.dataset.name for i in client.get_run(run.info.run_id).inputs.dataset_inputs)
    assert names == ["eval-frame", "training-frame"]


def test_log_inputs_raw(rest):
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    dataset = {"name": unique("ds"), "digest": "abc123", "source_type": "local", "source": '{"uri": "/tmp/x.csv"}'}
    body = {"run_id": run_id, "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "test"}], "dataset": dataset}]}
    assert rest.post("runs/log-inputs", body).status_code == 200
    inputs = rest.get_run(run_id)["inputs"]["dataset_inputs"]
    assert inputs[0]["dataset"]["name"] == dataset["name"]
    assert inputs[0]["dataset"]["digest"] == "abc123"
    assert inputs[0]["tags"] == [{"key": "mlflow.data.context", "value": "test"}]


@ferry_only
def test_log_inputs_missing_required_dataset_field(rest):
    # dataset.digest is required by the proto; MLflow 3.17.2 does not check nested required fields (200).
    run_id = rest.create_run(rest.create_experiment())["info"]["run_id"]
    missing_digest = {"run_id": run_id, "datasets": [{"dataset": {"name": "x", "source_type": "local", "source": "s"}}]}
    assert_error(rest.post("runs/log-inputs", missing_digest), 400, "INVALID_PARAMETER_VALUE")
