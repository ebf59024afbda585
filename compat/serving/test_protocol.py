"""Open Inference Protocol v2 and MLflow scoring details: health, metadata, readiness, ids, requested
outputs, nested and flat data, the binary tensor extension both ways, and every datatype path."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest
import requests

import serving_support as s


def _lr() -> dict:
    return s.entry("logistic_binary")


def _rows(count: int = 3) -> np.ndarray:
    return s.samples(_lr())["X"][:count]


def _want(name: str, count: int = 3) -> np.ndarray:
    return s.expected(_lr())[name][:count]


# ------------------------------------------------------------------------------------ health, metadata


def test_health_bodies(multi):
    live = requests.get(multi + "/v2/health/live", timeout=10)
    assert (live.status_code, live.json()) == (200, {"live": True})
    ready = requests.get(multi + "/v2/health/ready", timeout=10)
    assert (ready.status_code, ready.json()) == (200, {"ready": True})
    client = s.triton_client(multi)
    assert client.is_server_live() and client.is_server_ready()


def test_server_metadata(multi):
    response = requests.get(multi + "/v2", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["name"] and isinstance(body["version"], str) and body["version"]
    assert "binary_tensor_data" in body["extensions"]
    assert s.triton_client(multi).get_server_metadata() == body


def test_model_ready_with_and_without_version(multi):
    metadata = requests.get(multi + "/v2/models/lr", timeout=10).json()
    version = metadata["versions"][0]
    for path in ("/v2/models/lr/ready", f"/v2/models/lr/versions/{version}/ready"):
        response = requests.get(multi + path, timeout=10)
        assert (response.status_code, response.json()) == (200, {"name": "lr", "ready": True}), path
    client = s.triton_client(multi)
    assert client.is_model_ready("lr") and client.is_model_ready("lr", model_version=version)
    assert client.get_model_metadata("lr", model_version=version) == metadata


def test_datatypes_model_metadata(multi):
    metadata = s.triton_client(multi).get_model_metadata("types")
    assert [(t["name"], t["datatype"], t["shape"]) for t in metadata["inputs"]] == [
        (name, datatype, [d if isinstance(d, int) else -1 for d in shape]) for name, (_, shape, datatype) in s.DATATYPE_INPUTS.items()]
    assert [o["datatype"] for o in metadata["outputs"]] == [d for _, _, d in s.DATATYPE_INPUTS.values()] + ["FP32"]


# ------------------------------------------------------------------------------------ inference details


def test_request_id_is_echoed_and_absent_when_not_sent(multi):
    result = s.triton_infer(multi, "lr", {"X": _rows()}, binary=False, request_id="req-42")
    assert result.get_response()["id"] == "req-42"
    response = requests.post(s.infer_url(multi, "lr"), json={"inputs": [s.oip_tensor("X", _rows())]}, timeout=10)
    assert response.status_code == 200, response.text
    assert response.json().get("id") is None


def test_requested_outputs_subset(multi):
    for binary in (True, False):
        result = s.triton_infer(multi, "lr", {"X": _rows()}, binary=binary, outputs=["probabilities"])
        assert [o["name"] for o in result.get_response()["outputs"]] == ["probabilities"]
        s.assert_same("probabilities", result.as_numpy("probabilities"), _want("probabilities"))
        assert result.as_numpy("label") is None


def test_unknown_requested_output_is_refused(multi):
    body = {"inputs": [s.oip_tensor("X", _rows())], "outputs": [{"name": "nope"}]}
    s.oip_error(requests.post(s.infer_url(multi, "lr"), json=body, timeout=10), 400, "nope")


def test_nested_and_flat_data_agree(multi):
    answers = []
    for flat in (True, False):
        response = requests.post(s.infer_url(multi, "lr"), json={"inputs": [s.oip_tensor("X", _rows(), flat=flat)]}, timeout=10)
        assert response.status_code == 200, response.text
        outputs = {o["name"]: o for o in response.json()["outputs"]}
        assert outputs["label"]["datatype"] == "INT64" and outputs["label"]["shape"] == [3]
        assert outputs["probabilities"]["shape"] == [3, 2]
        s.assert_same("label", outputs["label"]["data"], _want("label"))
        s.assert_same("probabilities", np.reshape(outputs["probabilities"]["data"], (3, 2)), _want("probabilities"))
        answers.append(response.json()["outputs"])
    assert answers[0] == answers[1]


def test_versioned_infer(multi):
    version = requests.get(multi + "/v2/models/lr", timeout=10).json()["versions"][0]
    response = requests.post(s.infer_url(multi, "lr", version), json={"inputs": [s.oip_tensor("X", _rows())]}, timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["model_version"] == version


def test_binary_input_and_output_raw(multi):
    """The extension by hand: binary input after the JSON header, every output back in binary."""
    rows = _rows().astype("<f4")
    header = {"inputs": [{"name": "X", "shape": list(rows.shape), "datatype": "FP32", "parameters": {"binary_data_size": rows.nbytes}}],
              "parameters": {"binary_data_output": True}}
    body, headers = s.binary_request(header, rows.tobytes())
    response = requests.post(s.infer_url(multi, "lr"), data=body, headers=headers, timeout=10)
    assert response.status_code == 200, response.text[:300]
    answer, tail = s.split_binary_response(response)
    assert len(response.content) == int(response.headers["content-length"])
    offset, decoded = 0, {}
    for output in answer["outputs"]:
        assert "data" not in output
        size = output["parameters"]["binary_data_size"]
        dtype = {"INT64": "<i8", "FP32": "<f4"}[output["datatype"]]
        decoded[output["name"]] = np.frombuffer(tail[offset:offset + size], dtype=dtype).reshape(output["shape"])
        offset += size
    assert offset == len(tail)
    s.assert_same("label", decoded["label"], _want("label"))
    s.assert_same("probabilities", decoded["probabilities"], _want("probabilities"))


def test_per_output_binary_flag_overrides_request_default(multi):
    body = {"inputs": [s.oip_tensor("X", _rows())], "parameters": {"binary_data_output": True},
            "outputs": [{"name": "label", "parameters": {"binary_data": False}}, {"name": "probabilities"}]}
    response = requests.post(s.infer_url(multi, "lr"), json=body, timeout=10)
    assert response.status_code == 200, response.text[:300]
    answer, tail = s.split_binary_response(response)
    label, probabilities = answer["outputs"]
    assert label["data"] == _want("label").tolist() and "binary_data_size" not in label.get("parameters", {})
    assert probabilities["parameters"]["binary_data_size"] == len(tail) == 3 * 2 * 4
    s.assert_same("probabilities", np.frombuffer(tail, "<f4").reshape(3, 2), _want("probabilities"))


def test_json_reply_when_no_binary_asked(multi):
    response = requests.post(s.infer_url(multi, "lr"), json={"inputs": [s.oip_tensor("X", _rows())]}, timeout=10)
    assert response.status_code == 200
    assert "inference-header-content-length" not in {k.lower() for k in response.headers}
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("binary", [True, False], ids=["binary", "json"])
def test_datatype_paths_with_tritonclient(multi, binary):
    """FP64, INT64, INT32, BOOL and BYTES in and out, unchanged (Identity), and INT64 cast to FP32."""
    inputs = s.datatype_samples()
    datatypes = {name: d for name, (_, _, d) in s.DATATYPE_INPUTS.items()}
    result = s.triton_infer(multi, "types", inputs, binary=binary, datatypes=datatypes)
    outputs = {o["name"]: o for o in result.get_response()["outputs"]}
    for name, value in inputs.items():
        assert outputs[f"{name}_out"]["datatype"] == datatypes[name]
        got = result.as_numpy(f"{name}_out")
        if value.dtype == object:
            assert [v.decode() if isinstance(v, bytes) else v for v in got] == list(value)
        else:
            assert got.dtype == value.dtype, name
            assert got.tolist() == value.tolist(), name
    assert result.as_numpy("i64_as_float").tolist() == inputs["i64"].astype(np.float32).tolist()


def test_bytes_binary_layout_raw(multi):
    """A BYTES element is a 4-byte little-endian length and its UTF-8 bytes."""
    inputs = s.datatype_samples()
    parts, payload = [], b""
    for name, (_, _, datatype) in s.DATATYPE_INPUTS.items():
        value = inputs[name]
        if datatype == "BYTES":
            raw = b"".join(struct.pack("<I", len(v.encode())) + v.encode() for v in value)
        else:
            raw = value.astype({"BOOL": "u1", "INT32": "<i4", "INT64": "<i8", "FP64": "<f8"}[datatype]).tobytes()
        parts.append({"name": name, "shape": list(value.shape), "datatype": datatype, "parameters": {"binary_data_size": len(raw)}})
        payload += raw
    body, headers = s.binary_request({"inputs": parts, "outputs": [{"name": "text_out", "parameters": {"binary_data": True}}]}, payload)
    response = requests.post(s.infer_url(multi, "types"), data=body, headers=headers, timeout=10)
    assert response.status_code == 200, response.text[:300]
    answer, tail = s.split_binary_response(response)
    assert answer["outputs"][0]["name"] == "text_out"
    want = b"".join(struct.pack("<I", len(v.encode())) + v.encode() for v in inputs["text"])
    assert tail == want


def test_datatype_paths_over_mlflow_inputs(multi):
    inputs = s.datatype_samples()
    body = {"inputs": {name: value.tolist() for name, value in inputs.items()}}
    response = requests.post(multi + "/models/types/invocations", json=body, timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["predictions"] == inputs["f64"].tolist()


@pytest.mark.parametrize("binary", [True, False], ids=["binary", "json"])
def test_string_columns_over_oip(multi, binary):
    item = s.entry("column_transformer_onehot")
    result = s.triton_infer(multi, "frame", s.samples(item), binary=binary)
    for name, want in s.expected(item).items():
        s.assert_same(name, result.as_numpy(name), want)


# ------------------------------------------------------------------------------------ MLflow scoring


def test_ping_health_version(single):
    for path in ("/ping", "/health"):
        response = requests.get(single + path, timeout=10)
        assert (response.status_code, response.text) == (200, "\n"), path
    version = requests.get(single + "/version", timeout=10)
    assert version.status_code == 200 and version.text.strip()


@pytest.mark.parametrize("form", s.SCORING_FORMATS)
def test_bare_invocations_with_one_model(single, form):
    item = _lr()
    response = s.score(single, item, form)
    assert response.status_code == 200, response.text[:300]
    s.assert_same("predictions", response.json()["predictions"], s.expected(item)["label"])


def test_bare_invocations_with_several_models_names_them(multi):
    message = s.mlflow_error(s.score(multi, _lr(), "dataframe_split"), 400, "BAD_REQUEST", "/models/")
    assert "lr" in message and "types" in message


def test_json_with_charset_and_params(single):
    item = _lr()
    body = {**s.scoring_json(item, "dataframe_split"), "params": {}}
    response = requests.post(single + "/invocations", data=json.dumps(body),
                             headers={"Content-Type": "application/json; charset=utf-8"}, timeout=10)
    assert response.status_code == 200, response.text[:300]
    s.assert_same("predictions", response.json()["predictions"], s.expected(item)["label"])


def test_unnamed_tensor_inputs(single):
    rows = _rows()
    response = requests.post(single + "/invocations", json={"inputs": rows.tolist()}, timeout=10)
    assert response.status_code == 200, response.text[:300]
    s.assert_same("predictions", response.json()["predictions"], _want("label"))
