"""Bad requests get the protocol's own error (OIP {"error"}, MLflow {"error_code", "message"}) with the
right status and a message naming the problem, and the server keeps serving: after every test here a
good request must still succeed over both protocols."""

from __future__ import annotations

import json

import numpy as np
import pytest
import requests

import serving_support as s
from support import raw_request


def _rows(count: int = 2) -> np.ndarray:
    return s.samples(s.entry("logistic_binary"))["X"][:count]


def _infer(base: str, body, model: str = "lr", **kwargs) -> requests.Response:
    if isinstance(body, (dict, list)):
        return requests.post(s.infer_url(base, model), json=body, timeout=30, **kwargs)
    return requests.post(s.infer_url(base, model), data=body, timeout=30, **kwargs)


@pytest.fixture(autouse=True)
def still_serving(multi, single):
    """After each refusal, good requests to both servers succeed over both protocols."""
    yield
    want = s.expected(s.entry("logistic_binary"))["label"][:2].tolist()
    for base, model in ((multi, "lr"), (single, "logistic_binary")):
        response = _infer(base, {"inputs": [s.oip_tensor("X", _rows())]}, model=model)
        assert response.status_code == 200, f"the server stopped serving OIP: {response.status_code} {response.text[:300]}"
        assert response.json()["outputs"][0]["data"] == want
        scored = requests.post(f"{base}/models/{model}/invocations", json={"inputs": _rows().tolist()}, timeout=30)
        assert scored.status_code == 200, f"the server stopped serving MLflow scoring: {scored.status_code} {scored.text[:300]}"
        assert scored.json()["predictions"] == want


# ------------------------------------------------------------------------------------ unknown targets


@pytest.mark.parametrize("path", ["/v2/models/nope", "/v2/models/nope/ready", "/v2/models/lr/versions/99",
                                  "/v2/models/lr/versions/99/ready"])
def test_unknown_model_or_version_metadata(multi, path):
    s.oip_error(requests.get(multi + path, timeout=10), 404, "nope" if "nope" in path else "99")


def test_unknown_model_infer(multi):
    s.oip_error(_infer(multi, {"inputs": [s.oip_tensor("X", _rows())]}, model="nope"), 404, "nope")
    s.oip_error(requests.post(s.infer_url(multi, "lr", "99"), json={"inputs": [s.oip_tensor("X", _rows())]}, timeout=10), 404, "99")


def test_unknown_model_with_tritonclient(multi):
    from tritonclient.utils import InferenceServerException

    client = s.triton_client(multi)
    assert client.is_model_ready("nope") is False
    with pytest.raises(InferenceServerException, match="nope"):
        client.get_model_metadata("nope")


def test_unknown_model_invocations(multi):
    s.mlflow_error(requests.post(multi + "/models/nope/invocations", json={"inputs": _rows().tolist()}, timeout=10),
                   404, "RESOURCE_DOES_NOT_EXIST", "nope")


def test_get_on_infer_is_405(multi):
    s.oip_error(requests.get(s.infer_url(multi, "lr"), timeout=10), 405, "POST")


# ------------------------------------------------------------------------------------ tensors


def test_wrong_input_name(multi):
    message = s.oip_error(_infer(multi, {"inputs": [s.oip_tensor("Y", _rows())]}), 400, "'Y'")
    assert "X" in message, "the message should name the model's inputs"


def test_wrong_datatype(multi):
    body = {"inputs": [s.oip_tensor("X", _rows().round().astype(np.int64), datatype="INT64")]}
    s.oip_error(_infer(multi, body), 400, "INT64", "FP32")


def test_wrong_datatype_with_tritonclient(multi):
    from tritonclient.utils import InferenceServerException

    with pytest.raises(InferenceServerException, match="FP64"):
        s.triton_infer(multi, "lr", {"X": _rows().astype(np.float64)}, binary=True)


def test_unknown_datatype_name(multi):
    body = {"inputs": [{**s.oip_tensor("X", _rows()), "datatype": "FLOAT"}]}
    s.oip_error(_infer(multi, body), 400, "FLOAT")


def test_wrong_shape(multi):
    body = {"inputs": [s.oip_tensor("X", _rows()[:, :5])]}
    s.oip_error(_infer(multi, body), 400, "shape", "[2, 5]")


def test_data_length_not_matching_shape(multi):
    tensor = {**s.oip_tensor("X", _rows()), "shape": [3, 6]}
    s.oip_error(_infer(multi, {"inputs": [tensor]}), 400, "12", "18")


def test_missing_input(multi):
    item = s.entry("column_transformer_onehot")
    tensors = [s.oip_tensor(name, value, datatype="BYTES" if value.dtype == object else "FP32")
               for name, value in s.samples(item).items() if name != "size"]
    s.oip_error(_infer(multi, {"inputs": tensors}, model="frame"), 400, "size")


def test_nan_where_the_model_cannot_take_it(multi):
    rows = _rows()
    rows[1, 2] = np.nan
    body = json.dumps({"inputs": [s.oip_tensor("X", rows)]})  # NaN as Python's json writes it
    s.oip_error(_infer(multi, body, headers={"Content-Type": "application/json"}), 400, "NaN")
    s.mlflow_error(requests.post(multi + "/models/lr/invocations", json={"inputs": {"X": [[None if np.isnan(v) else float(v) for v in r] for r in rows]}},
                                 timeout=10), 400, "BAD_REQUEST", "NaN")


def test_string_where_a_number_is_expected(multi):
    tensor = {**s.oip_tensor("X", _rows()), "data": ["a"] * 12}
    s.oip_error(_infer(multi, {"inputs": [tensor]}), 400, "X")


@pytest.mark.parametrize("body, mention", [
    ({}, "inputs"),
    ({"inputs": []}, "inputs"),
    ({"inputs": "X"}, "inputs"),
    ({"inputs": [{"name": "X", "datatype": "FP32", "data": [1.0]}]}, "shape"),
    ({"inputs": [{"name": "X", "shape": [1, 6], "datatype": "FP32"}]}, "data"),
    ({"inputs": [{"name": "X", "shape": [-1, 6], "datatype": "FP32", "data": []}]}, "shape"),
    ({"inputs": [s.oip_tensor("X", np.zeros((1, 6), np.float32))], "id": 7}, "id"),
    ([1, 2], "object"),
])
def test_malformed_request_structure(multi, body, mention):
    s.oip_error(_infer(multi, body), 400, mention)


@pytest.mark.parametrize("body", [b"{", b"", b"not json", b'{"inputs": [}', b"\xff\xfe"])
def test_malformed_json_oip(multi, body):
    s.oip_error(_infer(multi, body, headers={"Content-Type": "application/json"}), 400, "JSON")


# ------------------------------------------------------------------------------------ binary extension


def _binary_body(rows: np.ndarray, size: int | None = None, extra: bytes = b"", header_length: int | None = None):
    data = rows.astype("<f4").tobytes()
    header = {"inputs": [{"name": "X", "shape": list(rows.shape), "datatype": "FP32",
                          "parameters": {"binary_data_size": len(data) if size is None else size}}]}
    return s.binary_request(header, data + extra, header_length=header_length)


def test_header_length_beyond_body(multi):
    body, headers = _binary_body(_rows(), header_length=100_000)
    s.oip_error(_infer(multi, body, headers=headers), 400, "Inference-Header-Content-Length")


def test_header_length_not_a_number(multi):
    body, headers = _binary_body(_rows())
    headers["Inference-Header-Content-Length"] = "twelve"
    s.oip_error(_infer(multi, body, headers=headers), 400, "Inference-Header-Content-Length")


def test_header_length_cutting_the_json(multi):
    body, headers = _binary_body(_rows())
    headers["Inference-Header-Content-Length"] = "10"
    s.oip_error(_infer(multi, body, headers=headers), 400, "JSON")


def test_binary_size_larger_than_what_follows(multi):
    body, headers = _binary_body(_rows(), size=2 * 6 * 4 + 8)
    s.oip_error(_infer(multi, body, headers=headers), 400, "binary")


def test_binary_size_not_matching_shape(multi):
    """Fewer bytes than the shape needs (the rest trails unaccounted for)."""
    body, headers = _binary_body(_rows(), size=2 * 6 * 4 - 4)
    s.oip_error(_infer(multi, body, headers=headers), 400, "X")


def test_binary_bytes_left_over(multi):
    body, headers = _binary_body(_rows(), extra=b"\0" * 8)
    s.oip_error(_infer(multi, body, headers=headers), 400, "bytes")


def test_binary_size_and_data_both_given(multi):
    rows = _rows()
    header = {"inputs": [{**s.oip_tensor("X", rows), "parameters": {"binary_data_size": rows.nbytes}}]}
    body, headers = s.binary_request(header, rows.astype("<f4").tobytes())
    s.oip_error(_infer(multi, body, headers=headers), 400, "binary_data_size")


# ------------------------------------------------------------------------------------ size limit


def test_body_over_max_request_size_oip(single):
    """The single server runs with --max-request-size 1 (MiB)."""
    rows = np.zeros((60_000, 6), np.float32)  # ~1.4 MiB of binary input
    body, headers = _binary_body(rows)
    assert len(body) > 1024 * 1024
    s.oip_error(_infer(single, body, model="logistic_binary", headers=headers), 413, "limit")


def test_body_over_max_request_size_mlflow(single):
    rows = [[0.123456789] * 6] * 30_000  # ~2.5 MiB of JSON
    s.mlflow_error(requests.post(single + "/invocations", json={"inputs": rows}, timeout=30), 413, "BAD_REQUEST", "limit")


def test_body_under_the_limit_is_served(single):
    rows = np.zeros((8_000, 6), np.float32)  # ~190 KiB binary
    body, headers = _binary_body(rows)
    response = _infer(single, body, model="logistic_binary", headers=headers)
    assert response.status_code == 200, response.text[:300]


# ------------------------------------------------------------------------------------ MLflow scoring


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/json; format=pandas-split",
                                          "application/json; charset=latin-1", None])
def test_unsupported_content_type_is_415(multi, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = raw_request(multi, "POST", "/models/lr/invocations", body=json.dumps({"inputs": _rows().tolist()}).encode(), headers=headers)
    assert response.status == 415, (response.status, response.body[:300])
    assert b"application/json" in response.body and b"text/csv" in response.body, response.body


@pytest.mark.parametrize("body", [b"{", b"not json", b'{"inputs": [1,]}'])
def test_malformed_json_mlflow(multi, body):
    response = requests.post(multi + "/models/lr/invocations", data=body, headers={"Content-Type": "application/json"}, timeout=10)
    s.mlflow_error(response, 400, "BAD_REQUEST", "JSON")


@pytest.mark.parametrize("body", [{}, {"params": {}}, {"inputs": [[0.0] * 6], "instances": [[0.0] * 6]},
                                  {"dataframe_split": {"columns": ["a"], "data": [[1]]}, "dataframe_records": [{"a": 1}]},
                                  {"data": [[0.0] * 6]}, [[0.0] * 6]])
def test_mlflow_json_needs_exactly_one_format_key(multi, body):
    response = requests.post(multi + "/models/lr/invocations", json=body, timeout=10)
    s.mlflow_error(response, 400, "BAD_REQUEST", "dataframe_split", "instances")


def test_mlflow_wrong_width(multi):
    response = requests.post(multi + "/models/lr/invocations", json={"instances": _rows()[:, :4].tolist()}, timeout=10)
    s.mlflow_error(response, 400, "BAD_REQUEST", "X")


def test_mlflow_missing_column(multi):
    item = s.entry("column_transformer_onehot")
    body = s.scoring_json(item, "dataframe_records")
    for record in body["dataframe_records"]:
        del record["colour"]
    s.mlflow_error(requests.post(multi + "/models/frame/invocations", json=body, timeout=10), 400, "BAD_REQUEST", "colour")


def test_mlflow_text_in_number_column(multi):
    body = {"dataframe_split": {"columns": [f"f{i}" for i in range(6)], "data": [["x", 1, 2, 3, 4, 5]]}}
    s.mlflow_error(requests.post(multi + "/models/lr/invocations", json=body, timeout=10), 400, "BAD_REQUEST", "X")


def test_malformed_csv(multi):
    response = requests.post(multi + "/models/lr/invocations", data=b"f0,f1\n1,2,3\n", headers={"Content-Type": "text/csv"}, timeout=10)
    assert response.status_code == 400, response.text
    assert response.json()["error_code"] == "BAD_REQUEST"


def test_get_on_invocations_is_405(multi):
    response = requests.get(multi + "/models/lr/invocations", timeout=10)
    assert response.status_code == 405, response.text
