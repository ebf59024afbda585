"""search_experiments: filters, order, view types, paging."""

import time

import pytest
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException

from support import assert_error, unique


@pytest.fixture(scope="module")
def family(client):
    """Four experiments sharing a unique prefix; the last one is deleted."""
    prefix = unique("xs")
    names = [f"{prefix}-a", f"{prefix}-B", f"{prefix}-c", f"{prefix}-gone"]
    ids = {}
    for name, tags in zip(names, [{"team": "core", "tier": "1"}, {"team": "ml"}, {}, {"team": "core"}]):
        ids[name] = client.create_experiment(name, tags=tags)
        time.sleep(0.01)  # distinct creation times
    client.delete_experiment(ids[f"{prefix}-gone"])
    return {"prefix": prefix, "ids": ids, "names": {v: k.removeprefix(prefix + "-") for k, v in ids.items()}}


def short_names(family, experiments):
    return [family["names"][e.experiment_id] for e in experiments if e.experiment_id in family["names"]]


def search(client, family, filter_string="", **kwargs):
    combined = f"name LIKE '{family['prefix']}-%'" + (f" AND {filter_string}" if filter_string else "")
    return short_names(family, client.search_experiments(filter_string=combined, **kwargs))


def test_default_order_is_newest_first(client, family):
    assert search(client, family) == ["c", "B", "a"]


FILTERS = [
    ("name = '{prefix}-a'", {"a"}),
    ("name != '{prefix}-a'", {"B", "c"}),
    ("name LIKE '%-b'", set()),  # LIKE is case-sensitive
    ("name ILIKE '%-b'", {"B"}),
    ("attribute.name LIKE '{prefix}-_'", {"a", "B", "c"}),
    ("tags.team = 'core'", {"a"}),
    ("tags.team != 'core'", {"B"}),
    ("tags.team LIKE 'c%'", {"a"}),
    ("tags.team ILIKE 'ML'", {"B"}),
    ("tags.tier = '1' AND tags.team = 'core'", {"a"}),
    ("tags.`team` = 'ml'", {"B"}),
    ("creation_time > 0", {"a", "B", "c"}),
    ("tags.team IS NULL", {"c"}),
    ("tags.team IS NOT NULL", {"a", "B"}),
]


@pytest.mark.parametrize("template,expected", FILTERS, ids=[f for f, _ in FILTERS])
def test_filter(client, family, template, expected):
    assert set(search(client, family, template.format(prefix=family["prefix"]))) == expected


def test_filter_experiment_id_in(client, family):
    ids = family["ids"]
    a, c = ids[family["prefix"] + "-a"], ids[family["prefix"] + "-c"]
    assert set(search(client, family, f"experiment_id IN ('{a}', '{c}')")) == {"a", "c"}
    assert search(client, family, f"attribute.experiment_id = '{a}'") == ["a"]


def test_filter_times(client, family):
    a = client.get_experiment(family["ids"][family["prefix"] + "-a"])
    newer = set(search(client, family, f"creation_time > {a.creation_time}"))
    assert "a" not in newer and newer <= {"B", "c"}
    assert "a" in search(client, family, f"last_update_time >= {a.last_update_time}")


@pytest.mark.parametrize(
    "order_by,expected",
    [
        (["name ASC"], ["B", "a", "c"]),  # binary order: upper case first
        (["name DESC"], ["c", "a", "B"]),
        (["creation_time ASC"], ["a", "B", "c"]),
        (["attribute.creation_time DESC"], ["c", "B", "a"]),
        (["experiment_id ASC"], ["a", "B", "c"]),
        (["last_update_time DESC", "name ASC"], ["c", "B", "a"]),
    ],
)
def test_order_by(client, family, order_by, expected):
    assert search(client, family, order_by=order_by) == expected


def test_view_types(client, family):
    assert search(client, family, view_type=ViewType.ACTIVE_ONLY) == ["c", "B", "a"]
    assert search(client, family, view_type=ViewType.DELETED_ONLY) == ["gone"]
    assert set(search(client, family, view_type=ViewType.ALL)) == {"a", "B", "c", "gone"}


def test_paging(client, family):
    seen, token, pages = [], None, 0
    while True:
        page = client.search_experiments(max_results=2, page_token=token, order_by=["name ASC"],
                                         filter_string=f"name LIKE '{family['prefix']}-%'")
        seen += short_names(family, page)
        pages += 1
        token = page.token
        if not token:
            break
    assert seen == ["B", "a", "c"]
    assert pages == 2


def test_search_finds_default(client):
    found = client.search_experiments(filter_string="name = 'Default'")
    assert [e.experiment_id for e in found] == ["0"]


def test_search_experiments_get_form(rest, family):
    body = rest.get("experiments/search", max_results=10, filter=f"name = '{family['prefix']}-a'").json()
    assert [e["name"] for e in body["experiments"]] == [family["prefix"] + "-a"]
    body = rest.get("experiments/search", max_results=10, filter=f"name = '{family['prefix']}-gone'",
                    view_type="ALL").json()
    assert [e["lifecycle_stage"] for e in body["experiments"]] == ["deleted"]


@pytest.mark.parametrize("bad", ["name = 'x' OR name = 'y'", "foo = 'x'", "name > 1", "tags.x >", "(name = 'x')"])
def test_bad_filter(client, bad):
    with pytest.raises(MlflowException) as raised:
        client.search_experiments(filter_string=bad)
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


@pytest.mark.parametrize("bad", ["foo", "name sideways", "tags.team ASC"])
def test_bad_order_by(client, bad):
    with pytest.raises(MlflowException) as raised:
        client.search_experiments(order_by=[bad])
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


def test_bad_paging_arguments(rest):
    # a missing max_results means 0, which is refused
    assert_error(rest.post("experiments/search", {}), 400, "INVALID_PARAMETER_VALUE")
    for bad in (0, -5, 50001):
        assert_error(rest.post("experiments/search", {"max_results": bad}), 400, "INVALID_PARAMETER_VALUE")
    assert_error(rest.post("experiments/search", {"max_results": 5, "page_token": "garbage"}), 400,
                 "INVALID_PARAMETER_VALUE")
    assert rest.post("experiments/search", {"max_results": 50000}).status_code == 200
