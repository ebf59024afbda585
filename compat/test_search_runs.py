"""search_runs: every filter form and operator, ordering with missing values, paging, the pandas form."""

import mlflow
import pandas as pd
import pytest
from mlflow.entities import Metric, Param, RunTag, ViewType
from mlflow.exceptions import MlflowException

from support import assert_error, unique

BASE_TIME = 1_700_000_000_000


@pytest.fixture(scope="module")
def corpus(client):
    """Four active runs and one deleted run, with overlapping and missing keys.

    name        start  status    params                      metrics              tags
    alpha-one   +1000  FINISHED  model=Linear lr=0.1         acc=0.9  loss=0.3    team=Vision stage=dev prio=b
    beta-two    +2000  FINISHED  model=linear lr=0.01        acc=0.8              team=nlp
    gamma-three +3000  FAILED    model=Tree                  acc=0.95 loss=0.5    stage=prod prio=a
    delta-four  +4000  RUNNING   -                           -                    -
    eps-five    +5000  deleted   model=Linear                acc=0.99             -
    """
    experiment_id = client.create_experiment(unique("search"))
    spec = [
        ("alpha-one", {"model": "Linear", "lr": "0.1"}, {"acc": 0.9, "loss": 0.3},
         {"team": "Vision", "stage": "dev", "prio": "b"}, "FINISHED"),
        ("beta-two", {"model": "linear", "lr": "0.01"}, {"acc": 0.8}, {"team": "nlp"}, "FINISHED"),
        ("gamma-three", {"model": "Tree"}, {"acc": 0.95, "loss": 0.5}, {"stage": "prod", "prio": "a"}, "FAILED"),
        ("delta-four", {}, {}, {}, "RUNNING"),
        ("eps-five", {"model": "Linear"}, {"acc": 0.99}, {}, "FINISHED"),
    ]
    ids = {}
    for offset, (name, params, metrics, tags, status) in enumerate(spec, start=1):
        run = client.create_run(experiment_id, start_time=BASE_TIME + offset * 1000, run_name=name)
        run_id = run.info.run_id
        client.log_batch(
            run_id,
            metrics=[Metric(k, v, BASE_TIME, 0) for k, v in metrics.items()],
            params=[Param(k, v) for k, v in params.items()],
            tags=[RunTag(k, v) for k, v in tags.items()],
        )
        if status != "RUNNING":
            client.set_terminated(run_id, status=status, end_time=BASE_TIME + offset * 1000 + 500)
        ids[name] = run_id
    with mlflow.start_run(run_id=ids["alpha-one"]):
        dataset = mlflow.data.from_pandas(pd.DataFrame({"a": [1, 2]}), name="train-ds")
        mlflow.log_input(dataset, context="training")
    client.set_terminated(ids["alpha-one"], status="FINISHED", end_time=BASE_TIME + 1500)
    client.delete_run(ids["eps-five"])
    return {"experiment_id": experiment_id, "ids": ids, "names": {v: k for k, v in ids.items()},
            "digest": dataset.digest}


def names_of(corpus, runs):
    return [corpus["names"][r.info.run_id] for r in runs]


def search(client, corpus, **kwargs):
    return names_of(corpus, client.search_runs([corpus["experiment_id"]], **kwargs))


FILTERS = [
    # metrics: > >= < <= = !=, and != leaves out runs without the key
    ("metrics.acc > 0.85", {"alpha-one", "gamma-three"}),
    ("metrics.acc >= 0.9", {"alpha-one", "gamma-three"}),
    ("metrics.acc < 0.9", {"beta-two"}),
    ("metrics.acc <= 0.9", {"alpha-one", "beta-two"}),
    ("metrics.acc = 0.8", {"beta-two"}),
    ("metrics.acc != 0.8", {"alpha-one", "gamma-three"}),
    ("metric.loss > 0", {"alpha-one", "gamma-three"}),
    ("metrics.`acc` > 0.85", {"alpha-one", "gamma-three"}),
    # params: = != LIKE ILIKE IS NULL IS NOT NULL
    ("params.model = 'Linear'", {"alpha-one"}),
    ('params.model = "Linear"', {"alpha-one"}),
    ("params.model != 'Linear'", {"beta-two", "gamma-three"}),
    ("params.model LIKE 'Lin%'", {"alpha-one"}),
    ("params.model LIKE '%inear'", {"alpha-one", "beta-two"}),
    ("params.model LIKE '_ree'", {"gamma-three"}),
    ("params.model ILIKE 'lin%'", {"alpha-one", "beta-two"}),
    ("params.model ILIKE 'TREE'", {"gamma-three"}),
    ("param.lr = '0.01'", {"beta-two"}),
    ("parameters.lr = '0.1'", {"alpha-one"}),
    ("params.lr IS NULL", {"gamma-three", "delta-four"}),
    ("params.lr IS NOT NULL", {"alpha-one", "beta-two"}),
    # tags
    ("tags.team = 'Vision'", {"alpha-one"}),
    ("tags.team LIKE 'vision'", set()),
    ("tags.team ILIKE 'vision'", {"alpha-one"}),
    ("tags.team != 'nlp'", {"alpha-one"}),
    ("tags.stage IS NULL", {"beta-two", "delta-four"}),
    ("tags.stage IS NOT NULL", {"alpha-one", "gamma-three"}),
    ("tag.prio = 'a'", {"gamma-three"}),
    ("tags.`mlflow.runName` = 'beta-two'", {"beta-two"}),
    ('tags."mlflow.runName" = \'beta-two\'', {"beta-two"}),
    # attributes
    ("attributes.run_name = 'gamma-three'", {"gamma-three"}),
    ("run_name LIKE '%-t%'", {"beta-two", "gamma-three"}),
    ("attributes.run_name ILIKE 'ALPHA%'", {"alpha-one"}),
    ("attributes.run_name != 'alpha-one'", {"beta-two", "gamma-three", "delta-four"}),
    ("`run name` = 'delta-four'", {"delta-four"}),
    ("attributes.status = 'FAILED'", {"gamma-three"}),
    ("status != 'FINISHED'", {"gamma-three", "delta-four"}),
    ("attribute.status LIKE 'FINI%'", {"alpha-one", "beta-two"}),
    (f"attributes.start_time > {BASE_TIME + 2500}", {"gamma-three", "delta-four"}),
    (f"attributes.start_time >= {BASE_TIME + 2000}", {"beta-two", "gamma-three", "delta-four"}),
    (f"attributes.start_time = {BASE_TIME + 1000}", {"alpha-one"}),
    (f"attributes.start_time != {BASE_TIME + 1000}", {"beta-two", "gamma-three", "delta-four"}),
    (f"attributes.created < {BASE_TIME + 2500}", {"alpha-one", "beta-two"}),
    (f"attributes.end_time > {BASE_TIME + 2000}", {"beta-two", "gamma-three"}),
    ("attributes.artifact_uri LIKE 'mlflow-artifacts:/%'", {"alpha-one", "beta-two", "gamma-three", "delta-four"}),
    # conjunctions (AND only, any case)
    ("metrics.acc > 0.5 AND params.model = 'linear'", {"beta-two"}),
    ("metrics.acc > 0.5 and params.model ILIKE 'lin%' and tags.team = 'nlp'", {"beta-two"}),
    ("params.lr IS NULL AND attributes.status = 'RUNNING'", {"delta-four"}),
    # datasets
    ("dataset.name = 'train-ds'", {"alpha-one"}),
    ("datasets.name LIKE 'train%'", {"alpha-one"}),
    ("dataset.context = 'training'", {"alpha-one"}),
    ("dataset.context IN ('training', 'eval')", {"alpha-one"}),
    ("dataset.name != 'train-ds'", set()),
    ("dataset.name = 'nothing'", set()),
]


@pytest.mark.parametrize("filter_string,expected", FILTERS, ids=[f for f, _ in FILTERS])
def test_filter(client, corpus, filter_string, expected):
    assert set(search(client, corpus, filter_string=filter_string)) == expected


def test_filter_dataset_digest(client, corpus):
    digest = corpus["digest"]
    assert search(client, corpus, filter_string=f"dataset.digest = '{digest}'") == ["alpha-one"]
    assert search(client, corpus, filter_string=f"datasets.digest IN ('{digest}', 'zzz')") == ["alpha-one"]


def test_filter_run_id_in_and_not_in(client, corpus):
    ids = corpus["ids"]
    found = search(client, corpus, filter_string=f"attributes.run_id IN ('{ids['alpha-one']}', '{ids['beta-two']}')")
    assert set(found) == {"alpha-one", "beta-two"}
    found = search(client, corpus, filter_string=f"run_id NOT IN ('{ids['alpha-one']}')")
    assert set(found) == {"beta-two", "gamma-three", "delta-four"}
    assert search(client, corpus, filter_string=f"run_id = '{ids['gamma-three']}'") == ["gamma-three"]
    # the deleted run is found by id only when deleted runs are in view
    deleted = f"run_id = '{ids['eps-five']}'"
    assert search(client, corpus, filter_string=deleted) == []
    assert search(client, corpus, filter_string=deleted, run_view_type=ViewType.ALL) == ["eps-five"]


def test_view_types(client, corpus):
    assert set(search(client, corpus)) == {"alpha-one", "beta-two", "gamma-three", "delta-four"}
    assert search(client, corpus, run_view_type=ViewType.DELETED_ONLY) == ["eps-five"]
    assert len(search(client, corpus, run_view_type=ViewType.ALL)) == 5
    assert search(client, corpus, run_view_type=ViewType.ALL, filter_string="metrics.acc > 0.97") == ["eps-five"]


def test_default_order_is_start_time_desc(client, corpus):
    assert search(client, corpus) == ["delta-four", "gamma-three", "beta-two", "alpha-one"]


ORDERS = [
    # runs missing the key sort last in both directions
    (["metrics.acc DESC"], ["gamma-three", "alpha-one", "beta-two"], {"delta-four"}),
    (["metrics.acc ASC"], ["beta-two", "alpha-one", "gamma-three"], {"delta-four"}),
    (["metrics.acc"], ["beta-two", "alpha-one", "gamma-three"], {"delta-four"}),
    (["metrics.loss asc"], ["alpha-one", "gamma-three"], {"beta-two", "delta-four"}),
    (["metrics.loss desc"], ["gamma-three", "alpha-one"], {"beta-two", "delta-four"}),
    (["params.lr ASC"], ["beta-two", "alpha-one"], {"gamma-three", "delta-four"}),
    (["params.lr DESC"], ["alpha-one", "beta-two"], {"gamma-three", "delta-four"}),
    (["tags.prio ASC"], ["gamma-three", "alpha-one"], {"beta-two", "delta-four"}),
    (["tags.prio DESC"], ["alpha-one", "gamma-three"], {"beta-two", "delta-four"}),
    (["attributes.start_time ASC"], ["alpha-one", "beta-two", "gamma-three", "delta-four"], set()),
    (["start_time DESC"], ["delta-four", "gamma-three", "beta-two", "alpha-one"], set()),
    (["attributes.run_name ASC"], ["alpha-one", "beta-two", "delta-four", "gamma-three"], set()),
    (["run_name DESC"], ["gamma-three", "delta-four", "beta-two", "alpha-one"], set()),
    (["attributes.status ASC", "start_time DESC"], ["gamma-three", "beta-two", "alpha-one", "delta-four"], set()),
    (["tags.stage DESC", "metrics.acc ASC"], ["gamma-three", "alpha-one"], {"beta-two", "delta-four"}),
]


@pytest.mark.parametrize("order_by,head,missing", ORDERS, ids=[" , ".join(o) for o, _, _ in ORDERS])
def test_order_by(client, corpus, order_by, head, missing):
    found = search(client, corpus, order_by=order_by)
    assert found[: len(head)] == head
    assert set(found[len(head):]) == missing


def test_max_results_and_paging(client, corpus):
    first = client.search_runs([corpus["experiment_id"]], max_results=1)
    assert names_of(corpus, first) == ["delta-four"]
    assert first.token
    seen, token, pages = [], None, 0
    while True:
        page = client.search_runs([corpus["experiment_id"]], max_results=3, page_token=token,
                                  order_by=["attributes.start_time ASC"])
        pages += 1
        seen += names_of(corpus, page)
        token = page.token
        if not token:
            break
    assert seen == ["alpha-one", "beta-two", "gamma-three", "delta-four"]
    assert pages == 2
    exact = client.search_runs([corpus["experiment_id"]], max_results=4)
    assert len(exact) == 4
    # a token only when more rows exist
    assert not client.search_runs([corpus["experiment_id"]], max_results=5).token


def test_paging_with_filter(client, corpus):
    page = client.search_runs([corpus["experiment_id"]], filter_string="metrics.acc > 0", max_results=2,
                              order_by=["metrics.acc DESC"])
    assert names_of(corpus, page) == ["gamma-three", "alpha-one"]
    rest_page = client.search_runs([corpus["experiment_id"]], filter_string="metrics.acc > 0", max_results=2,
                                   order_by=["metrics.acc DESC"], page_token=page.token)
    assert names_of(corpus, rest_page) == ["beta-two"]
    assert not rest_page.token


def test_pandas_search_runs(corpus):
    frame = mlflow.search_runs(experiment_ids=[corpus["experiment_id"]], order_by=["attributes.start_time ASC"])
    assert list(frame["tags.mlflow.runName"]) == ["alpha-one", "beta-two", "gamma-three", "delta-four"]
    assert frame.loc[0, "metrics.acc"] == 0.9
    assert frame.loc[0, "params.model"] == "Linear"
    assert frame.loc[1, "tags.team"] == "nlp"
    assert pd.isna(frame.loc[3, "metrics.acc"])
    assert list(frame["status"]) == ["FINISHED", "FINISHED", "FAILED", "RUNNING"]
    assert {"run_id", "experiment_id", "start_time", "end_time", "artifact_uri"} <= set(frame.columns)
    filtered = mlflow.search_runs(experiment_ids=[corpus["experiment_id"]], filter_string="params.model ILIKE 'lin%'")
    assert set(filtered["tags.mlflow.runName"]) == {"alpha-one", "beta-two"}


def test_pandas_search_runs_by_experiment_name(client, corpus):
    name = client.get_experiment(corpus["experiment_id"]).name
    frame = mlflow.search_runs(experiment_names=[name], filter_string="metrics.acc > 0.85")
    assert set(frame["tags.mlflow.runName"]) == {"alpha-one", "gamma-three"}
    runs = mlflow.search_runs(experiment_ids=[corpus["experiment_id"]], output_format="list")
    assert len(runs) == 4


def test_search_across_experiments(client, corpus):
    other = client.create_experiment(unique("search-other"))
    run_id = client.create_run(other).info.run_id
    client.log_metric(run_id, "acc", 0.5)
    found = client.search_runs([corpus["experiment_id"], other], filter_string="metrics.acc < 0.85")
    assert {r.info.run_id for r in found} == {run_id, corpus["ids"]["beta-two"]}


def test_unknown_or_empty_experiments(rest):
    assert rest.post("runs/search", {"experiment_ids": ["987654321"]}).json() == {}
    assert rest.post("runs/search", {"experiment_ids": []}).json() == {}


BAD_FILTERS = [
    "metrics.acc > 1 OR metrics.acc < 0",  # AND only
    "(metrics.acc > 1)",
    "metrics.acc = '1'",  # metrics need numbers
    "params.model = 1",  # params need strings
    "params.model > 'a'",
    "params.model IN ('a')",
    "run_name IN ('x')",  # IN is for run_id only
    "metrics.acc IS NULL",  # IS NULL is for params and tags only
    "attributes.end_time IS NULL",
    "attributes.start_time > '0'",
    "lifecycle_stage = 'active'",
    "foo.bar = 'x'",
    "attributes.nope = 'x'",
    "metrics.acc >",
    "metrics.acc ~ 1",
]


@pytest.mark.parametrize("bad", BAD_FILTERS)
def test_bad_filter(client, corpus, bad):
    with pytest.raises(MlflowException) as raised:
        client.search_runs([corpus["experiment_id"]], filter_string=bad)
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


@pytest.mark.parametrize("bad", ["foo", "name", "metrics.acc sideways", "nope.x ASC", "metrics.acc ASC DESC"])
def test_bad_order_by(client, corpus, bad):
    with pytest.raises(MlflowException) as raised:
        client.search_runs([corpus["experiment_id"]], order_by=[bad])
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


def test_bad_paging_arguments(rest, corpus):
    experiment_ids = [corpus["experiment_id"]]
    for max_results in (0, -1, 50001):
        response = rest.post("runs/search", {"experiment_ids": experiment_ids, "max_results": max_results})
        assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    response = rest.post("runs/search", {"experiment_ids": experiment_ids, "page_token": "garbage"})
    assert_error(response, 400, "INVALID_PARAMETER_VALUE")
    assert rest.post("runs/search", {"experiment_ids": experiment_ids, "max_results": 50000}).status_code == 200


def test_raw_search_shape(rest, corpus):
    body = rest.post("runs/search", {"experiment_ids": [corpus["experiment_id"]], "max_results": 2,
                                     "order_by": ["attributes.start_time ASC"]}).json()
    assert len(body["runs"]) == 2
    assert isinstance(body["next_page_token"], str) and body["next_page_token"]
    run = body["runs"][0]
    assert run["info"]["run_name"] == "alpha-one"
    metrics = {m["key"]: m["value"] for m in run["data"]["metrics"]}
    assert metrics == {"acc": 0.9, "loss": 0.3}
    assert run["inputs"]["dataset_inputs"][0]["dataset"]["name"] == "train-ds"
