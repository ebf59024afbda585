"""Every fixture family, served from its .onnx file, answers as onnxruntime does over both protocols:
OIP v2 with tritonclient (binary and JSON), and MLflow scoring in each input format."""

from __future__ import annotations

import onnx
import onnxruntime
import pytest

import serving_support as s

ONNX_TO_OIP = {"tensor(float)": "FP32", "tensor(double)": "FP64", "tensor(int64)": "INT64", "tensor(int32)": "INT32",
               "tensor(string)": "BYTES", "tensor(bool)": "BOOL"}


def _dims(shape) -> list[int]:
    return [d if isinstance(d, int) else -1 for d in shape]


def _zipmap_labels(path, output: str) -> list[str] | None:
    for node in onnx.load(str(path)).graph.node:
        if node.op_type == "ZipMap" and output in node.output:
            attributes = {a.name: a for a in node.attribute}
            if "classlabels_int64s" in attributes:
                return [str(v) for v in attributes["classlabels_int64s"].ints]
            return [v.decode() for v in attributes["classlabels_strings"].strings]
    return None


def test_model_metadata_matches_onnxruntime(zoo, family):
    """Names, datatypes and shapes (-1 for a free dimension) as onnxruntime declares them; a ZipMap
    output is FP32 [-1, C] with its class labels."""
    path = s.model_path(family)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    metadata = s.triton_client(zoo).get_model_metadata(family)
    assert metadata["name"] == family
    assert metadata["platform"] == "onnx_onnxv1"
    assert metadata["versions"], metadata
    want_inputs = [{"name": i.name, "datatype": ONNX_TO_OIP[i.type], "shape": _dims(i.shape)} for i in session.get_inputs()]
    assert [{k: t[k] for k in ("name", "datatype", "shape")} for t in metadata["inputs"]] == want_inputs
    for declared, got in zip(session.get_outputs(), metadata["outputs"], strict=True):
        assert got["name"] == declared.name
        labels = _zipmap_labels(path, declared.name)
        if labels is None:
            assert (got["datatype"], got["shape"]) == (ONNX_TO_OIP[declared.type], _dims(declared.shape)), got
        else:
            assert (got["datatype"], got["shape"]) == ("FP32", [-1, len(labels)]), got
            assert got["parameters"]["class_labels"] == labels


@pytest.mark.parametrize("binary", [True, False], ids=["binary", "json"])
def test_tritonclient_infer(zoo, family, binary):
    item = s.entry(family)
    result = s.triton_infer(zoo, family, s.samples(item), binary=binary, request_id=f"{family}-1")
    response = result.get_response()
    assert response["model_name"] == family
    assert response["id"] == f"{family}-1"
    assert [o["name"] for o in response["outputs"]] == item["outputs"]
    for name, want in s.expected(item).items():
        s.assert_same(f"{family}.{name}", result.as_numpy(name), want)
        if binary:
            assert "binary_data_size" in result.get_output(name)["parameters"], "tritonclient asked for binary outputs"


@pytest.mark.parametrize("form", s.SCORING_FORMATS)
def test_mlflow_scoring(zoo, family, form):
    item = s.entry(family)
    response = s.score(zoo, item, form, model=family)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    first = s.expected(item)[item["outputs"][0]]
    s.assert_same(f"{family} predictions ({form})", response.json()["predictions"], s.mlflow_predictions(first))
