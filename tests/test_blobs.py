"""The raw captures' blob store (issue 20): a folder (an NFS mount when shared) or an S3-compatible bucket.

The S3 tests run against a real S3 HTTP API on 127.0.0.1: moto's server (`moto[server]`,
ThreadedMotoServer), an emulator of the S3 API, since no MinIO server can be installed from the package
registries here. The client is the one production uses: fsspec with s3fs (botocore underneath).
"""

from __future__ import annotations

import socket

import pytest

from gongkai.store.blobs import BlobDir, S3Blobs, open_blobs, sha256_of
from gongkai.store.errors import CaptureCorruptError, CaptureMissingError

PAGE = ("<html><head><title>厦门市某局关于共享原件存储的通知</title></head><body>"
        "<h1>厦门市某局关于共享原件存储的通知</h1><p>发布机构：市某局</p><p>各节点共用一个对象存储桶保存原始抓取。</p>"
        "</body></html>").encode()


@pytest.fixture(scope="module")
def s3_endpoint():
    pytest.importorskip("s3fs")
    server_module = pytest.importorskip("moto.server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, request):
    """A fresh bucket on the local S3 server; the AWS variables are what s3fs reads, as in production."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "gongkai-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "gongkai-test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    import fsspec

    fs = fsspec.filesystem("s3", client_kwargs={"endpoint_url": s3_endpoint}, skip_instance_cache=True)
    name = "gongkai-" + request.node.name.replace("_", "-")[:40].lower().strip("-")
    fs.mkdir(name)
    return name


def _contract(blobs) -> None:
    """What the store needs of any backend: put once, get back checked, exists; errors by name."""
    digest = blobs.put(PAGE)
    assert digest == sha256_of(PAGE)
    assert blobs.put(PAGE) == digest  # content-addressed: the same bytes, the same name, stored once
    assert blobs.exists(digest) and blobs.get(digest) == PAGE
    missing = sha256_of(b"never stored")
    assert not blobs.exists(missing)
    with pytest.raises(CaptureMissingError):
        blobs.get(missing)
    with pytest.raises(ValueError):
        blobs.get("../../etc/passwd")  # a name never becomes a path or a key


def test_folder_backend_by_path_and_file_url(tmp_path):
    for location in (tmp_path / "raw", f"file://{tmp_path / 'raw2'}"):
        blobs = open_blobs(location)
        assert isinstance(blobs, BlobDir)
        _contract(blobs)
    altered = open_blobs(tmp_path / "raw")
    path = altered.path_for(sha256_of(PAGE))
    path.write_bytes(PAGE + b"x")
    with pytest.raises(CaptureCorruptError):
        altered.get(sha256_of(PAGE))


def test_s3_backend_against_a_local_s3_server(bucket, s3_endpoint):
    blobs = open_blobs(f"s3://{bucket}/raw", s3_endpoint)
    assert isinstance(blobs, S3Blobs)
    _contract(blobs)
    digest = sha256_of(PAGE)
    assert blobs.fs.cat_file(f"{bucket}/raw/{digest[:2]}/{digest[2:4]}/{digest}") == PAGE  # the object's key
    blobs.fs.pipe_file(blobs.key_for(digest), b"altered")
    with pytest.raises(CaptureCorruptError):
        blobs.get(digest)


def test_a_bad_blob_url_stops_at_start(tmp_path):
    from gongkai.settings import SettingsError, load_settings

    for bad in ("ftp://host/raw", "s3://"):
        with pytest.raises(SettingsError, match="blob_url"):
            load_settings(data_dir=tmp_path, store={"blob_url": bad})
    with pytest.raises(ValueError, match="s3://bucket/prefix"):
        open_blobs("gs://bucket/raw")


def test_two_nodes_share_a_bucket_node_b_reparses_what_node_a_crawled(tmp_path, bucket, s3_endpoint):
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings

    database = f"sqlite:///{tmp_path / 'shared' / 'gongkai.sqlite3'}"
    store = {"blob_url": f"s3://{bucket}/captures", "blob_endpoint_url": s3_endpoint}
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=database, store=store))
    # Node B names the issuer as the operator wants it now: its reparse must read A's bytes to apply that.
    b = Engine(load_settings(data_dir=tmp_path / "b", database_url=database, store=store,
                             parsers={"issuer_aliases": {"市某局": "厦门市某某管理局"}}))
    url = "https://www.example.gov.cn/zfxxgk/2026/shared-capture.html"
    report = a.ingest_captures([Capture(data=PAGE, url=url, content_type="text/html", source="site:nodes")], parallel=False)
    assert report.counts["new"] == 1, report.as_dict()
    record_id = next(r.id for r in a.store.iter_records())
    assert b.store.blobs.exists(sha256_of(PAGE))  # in the bucket, not in either node's folder
    assert not (tmp_path / "a" / "raw").exists() and not (tmp_path / "b" / "raw").exists()

    results = []
    again, skipped = b.reparse([record_id], on_item=results.append)
    assert skipped == [] and [r.status for r in results] == ["updated"], (again.as_dict(), results)
    assert b.store.get(record_id).issuer == "厦门市某某管理局"
