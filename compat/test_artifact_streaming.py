"""Large artifacts stream through the proxy: the server's memory stays flat while hundreds of MiB pass.

Ferry-only (it reads the server's resident memory from /proc). A 256 MiB body is sent with chunked
transfer encoding from a generator, so neither side ever holds it whole; it is read back in chunks and
compared by SHA-256. The server's peak resident memory (VmHWM) must stay far below the artifact's size.
On S3 (when FERRY_TEST_S3_ENDPOINT is set) the same upload goes out as a multipart upload.
"""

import hashlib
import os

import pytest
import requests

from support import SERVER_KIND, BackendStore, ServerProcess, ferry_only, unique

pytestmark = ferry_only

SIZE = 256 * 1024 * 1024
CHUNK = 1024 * 1024
ENDPOINT = os.environ.get("FERRY_TEST_S3_ENDPOINT", "").strip()


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc status")


def chunks(digest):
    block = bytes(range(256)) * (CHUNK // 256)
    for index in range(SIZE // CHUNK):
        piece = block[index % 256:] + block[:index % 256]
        digest.update(piece)
        yield piece


def round_trip(server):
    path = f"{unique('stream')}/big.bin"
    url = f"{server.url}/api/2.0/mlflow-artifacts/artifacts/{path}"
    sent = hashlib.sha256()
    response = requests.put(url, data=chunks(sent), headers={"Content-Type": "application/octet-stream"}, timeout=600)
    assert response.status_code == 200, response.text[:300]

    received = hashlib.sha256()
    total = 0
    with requests.get(url, stream=True, timeout=600) as download:
        assert download.status_code == 200
        assert int(download.headers["Content-Length"]) == SIZE
        for piece in download.iter_content(CHUNK):
            received.update(piece)
            total += len(piece)
    assert total == SIZE
    assert received.hexdigest() == sent.hexdigest()

    listing = requests.get(f"{server.url}/api/2.0/mlflow-artifacts/artifacts", params={"path": path.split("/")[0]}).json()
    assert listing["files"] == [{"path": "big.bin", "is_dir": False, "file_size": SIZE}]
    peak = peak_rss_mib(server.process.pid)
    print(f"server peak resident memory: {peak:.0f} MiB for {SIZE >> 20} MiB up and down")
    assert peak < 160, f"server peak resident memory {peak:.0f} MiB for a {SIZE >> 20} MiB artifact"


def start_server(tmp_path, destination, extra_env=None):
    store = BackendStore.create(tmp_path)
    server = ServerProcess(kind=SERVER_KIND, backend_uri=store.uri, artifacts_destination=destination,
                           workdir=tmp_path / "work", extra_env=extra_env or {})
    return server.start(), store


def test_large_artifact_streams_on_local_disk(tmp_path):
    server, store = start_server(tmp_path, str(tmp_path / "artifacts"))
    try:
        round_trip(server)
    finally:
        server.stop()
        store.cleanup()


@pytest.mark.skipif(not ENDPOINT, reason="FERRY_TEST_S3_ENDPOINT is not set")
def test_large_artifact_streams_on_s3(tmp_path):
    import boto3

    s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    if "ferry-streaming" not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket="ferry-streaming")
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           "AWS_ENDPOINT_URL": ENDPOINT}
    server, store = start_server(tmp_path, "s3://ferry-streaming/artifacts", env)
    try:
        round_trip(server)
        objects = s3.list_objects_v2(Bucket="ferry-streaming", Prefix="artifacts/")["Contents"]
        big = [o for o in objects if o["Key"].endswith("/big.bin")]
        assert big and big[0]["Size"] == SIZE
        etag = s3.head_object(Bucket="ferry-streaming", Key=big[0]["Key"])["ETag"]
        assert "-" in etag, f"expected a multipart ETag, got {etag}"
    finally:
        server.stop()
        store.cleanup()
