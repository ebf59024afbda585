import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import FerryBlobs

@Suite("S3 encoding and endpoints")
struct S3EndpointTests {
    let credentials = S3Credentials(accessKeyID: "AKID", secretAccessKey: "SECRET")

    @Test("URI encoding keeps only unreserved characters, and `/` in keys")
    func uriEncoding() {
        #expect(S3Encoding.uriEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(S3Encoding.uriEncode("a b+c=d&e/f*") == "a%20b%2Bc%3Dd%26e%2Ff%2A")
        #expect(S3Encoding.uriEncode("dir/a b", keepSlash: true) == "dir/a%20b")
        #expect(S3Encoding.uriEncode("é%") == "%C3%A9%25")
    }

    @Test("the canonical query sorts by encoded name and encodes values, `/` included")
    func canonicalQuery() {
        let query = S3Encoding.canonicalQuery([("prefix", "a b/"), ("list-type", "2"), ("delimiter", "/"), ("uploads", "")])
        #expect(query == "delimiter=%2F&list-type=2&prefix=a%20b%2F&uploads=")
    }

    @Test("base64 and the MD5 that DeleteObjects sends")
    func base64AndMD5() {
        #expect(S3Encoding.base64(Array("".utf8)) == "")
        #expect(S3Encoding.base64(Array("f".utf8)) == "Zg==")
        #expect(S3Encoding.base64(Array("fo".utf8)) == "Zm8=")
        #expect(S3Encoding.base64(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(S3Encoding.md5Base64(ByteBuffer(string: "")) == "1B2M2Y8AsgTpgAmY7PhCfg==")
    }

    @Test("XML escaping of keys and ETags")
    func xmlEscape() {
        #expect(S3Encoding.xmlEscape("a&b<c>\"d'") == "a&amp;b&lt;c&gt;&quot;d&apos;")
    }

    @Test("AWS uses virtual-hosted addressing in the configured region")
    func awsVirtualHosted() {
        let endpoint = S3Endpoint(configuration: S3Configuration(bucket: "my-bucket", region: "eu-west-1", credentials: credentials))
        let target = endpoint.target(key: "runs/a b.txt")
        #expect(target.url == "https://my-bucket.s3.eu-west-1.amazonaws.com/runs/a%20b.txt")
        #expect(target.host == "my-bucket.s3.eu-west-1.amazonaws.com")
        #expect(target.canonicalPath == "/runs/a%20b.txt")
        #expect(endpoint.target(key: "", query: [("list-type", "2")]).url == "https://my-bucket.s3.eu-west-1.amazonaws.com/?list-type=2")
    }

    @Test("a bucket that is no DNS label falls back to path style on AWS")
    func dottedBucket() {
        let endpoint = S3Endpoint(configuration: S3Configuration(bucket: "my.bucket", credentials: credentials))
        #expect(endpoint.target(key: "k").url == "https://s3.us-east-1.amazonaws.com/my.bucket/k")
    }

    @Test("a custom endpoint uses path style, keeps a non-default port in Host and drops a default one")
    func customEndpoint() {
        let moto = S3Endpoint(
            configuration: S3Configuration(bucket: "bkt", endpoint: URL(string: "http://127.0.0.1:5000"), credentials: credentials)
        )
        let target = moto.target(key: "p/x+y", query: [("uploadId", "abc/def"), ("partNumber", "1")])
        #expect(target.url == "http://127.0.0.1:5000/bkt/p/x%2By?partNumber=1&uploadId=abc%2Fdef")
        #expect(target.host == "127.0.0.1:5000")
        #expect(target.canonicalPath == "/bkt/p/x%2By")
        #expect(moto.target(key: "").canonicalPath == "/bkt")

        let https = S3Endpoint(
            configuration: S3Configuration(bucket: "bkt", endpoint: URL(string: "https://minio.local:443/gw/"), credentials: credentials)
        )
        #expect(https.target(key: "k").url == "https://minio.local/gw/bkt/k")
        #expect(https.target(key: "k").host == "minio.local")
    }

    @Test("a store's keys are the prefix and the path's segments")
    func keys() throws {
        let store = S3BlobStore(
            configuration: S3Configuration(bucket: "bkt", keyPrefix: "/mlflow/1/", credentials: credentials),
            httpClient: .shared
        )
        #expect(store.key(try BlobPath("run/artifacts/model.onnx")) == "mlflow/1/run/artifacts/model.onnx")
        #expect(store.key(.root) == "mlflow/1")
        #expect(store.directoryPrefix(.root) == "mlflow/1/")
        #expect(store.directoryPrefix(try BlobPath("run")) == "mlflow/1/run/")

        let bare = S3BlobStore(configuration: S3Configuration(bucket: "bkt", credentials: credentials), httpClient: .shared)
        #expect(bare.key(try BlobPath("a/b")) == "a/b")
        #expect(bare.directoryPrefix(.root) == "")
    }

    @Test("a prepared request carries the signed headers, the session token and a signature")
    func preparedRequest() {
        let config = S3Configuration(
            bucket: "bkt", endpoint: URL(string: "http://127.0.0.1:9000"),
            credentials: S3Credentials(accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        )
        let client = S3Client(http: .shared, configuration: config, logger: .init(label: "test"))
        let request = S3Request(operation: "GetObject", method: .GET, key: "a/b")
        let prepared = client.prepare(request, payloadHash: S3Encoding.emptyPayloadHash, date: AmzDate(secondsSince1970: 0))
        #expect(prepared.url == "http://127.0.0.1:9000/bkt/a/b")
        #expect(prepared.headers.first(name: "host") == "127.0.0.1:9000")
        #expect(prepared.headers.first(name: "x-amz-security-token") == "TOKEN")
        #expect(prepared.headers.first(name: "x-amz-date") == "19700101T000000Z")
        let authorization = prepared.headers.first(name: "authorization") ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/19700101/us-east-1/s3/aws4_request,"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }
}
