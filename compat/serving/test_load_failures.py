"""A model that fails to load (not an ONNX file; an operator Ferry has no kernel for; a missing file)
does not stop the others: the good one serves, and the bad one's status says why."""

from __future__ import annotations

import pytest
import requests

import serving_support as s

BAD = {
    "garbage": "ONNX",
    "unsupported": "Det",
    "missing": "absent.onnx",
}


@pytest.fixture(scope="module")
def mixed(start_server, tiny_models, work_dir) -> str:
    garbage = work_dir / "garbage.onnx"
    garbage.write_bytes(b"this is not a protobuf \x00\xff model")
    return start_server(f"good={s.model_path('logistic_binary')}", f"garbage={garbage}",
                        f"unsupported={tiny_models['unsupported']}", f"missing={work_dir / 'absent.onnx'}").url


def test_good_model_serves_next_to_bad_ones(mixed):
    item = s.entry("logistic_binary")
    result = s.triton_infer(mixed, "good", s.samples(item), binary=True)
    s.assert_same("label", result.as_numpy("label"), s.expected(item)["label"])
    scored = s.score(mixed, item, "dataframe_split", model="good")
    assert scored.status_code == 200, scored.text[:300]
    assert s.triton_client(mixed).is_model_ready("good")


@pytest.mark.parametrize("name", list(BAD))
def test_bad_model_is_not_ready_and_says_why(mixed, name):
    assert s.triton_client(mixed).is_model_ready(name) is False
    ready = requests.get(f"{mixed}/v2/models/{name}/ready", timeout=10)
    assert ready.status_code == 503, ready.text
    body = ready.json()
    assert body.get("ready") is False and body.get("name") == name, body
    assert BAD[name].lower() in str(body.get("error", "")).lower(), f"the ready reply should say why the model failed: {body}"


@pytest.mark.parametrize("name", list(BAD))
def test_bad_model_metadata_and_infer_say_why(mixed, name):
    s.oip_error(requests.get(f"{mixed}/v2/models/{name}", timeout=10), 503, BAD[name])
    body = {"inputs": [s.oip_tensor("x", s.samples(s.entry("logistic_binary"))["X"][:1])]}
    s.oip_error(requests.post(s.infer_url(mixed, name), json=body, timeout=10), 503, BAD[name])
    scored = requests.post(f"{mixed}/models/{name}/invocations", json={"inputs": [[1.0, 2.0]]}, timeout=10)
    s.mlflow_error(scored, 503, "INTERNAL_ERROR", BAD[name])


def test_server_is_live_but_not_ready(mixed):
    assert requests.get(mixed + "/v2/health/live", timeout=10).status_code == 200
    ready = requests.get(mixed + "/v2/health/ready", timeout=10)
    assert (ready.status_code, ready.json()) == (503, {"ready": False})
