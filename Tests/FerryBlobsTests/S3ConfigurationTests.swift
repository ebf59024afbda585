import FerryCore
import Foundation
import Testing

@testable import FerryBlobs

@Suite("S3 configuration")
struct S3ConfigurationTests {
    let keys = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET"]

    @Test("an s3:// URI gives the bucket and the prefix; AWS is the default endpoint")
    func uriAndDefaults() throws {
        let config = try S3Configuration.fromEnvironment(keys, uri: "s3://my-bucket/mlflow/artifacts/")
        #expect(config.bucket == "my-bucket")
        #expect(config.keyPrefix == "mlflow/artifacts")
        #expect(config.region == "us-east-1")
        #expect(config.endpoint == nil)
        #expect(config.addressingStyle == .virtualHosted)
        #expect(config.credentials == S3Credentials(accessKeyID: "AKID", secretAccessKey: "SECRET"))
        #expect(config.partSize == 8 * 1024 * 1024)

        #expect(try S3Configuration.fromEnvironment(keys, uri: "s3://my-bucket").keyPrefix == "")
        #expect(try S3Configuration.fromEnvironment(keys, uri: "s3://my-bucket/").keyPrefix == "")
        #expect(try S3Configuration.fromEnvironment(keys, uri: "s3://my-bucket//a//b").keyPrefix == "a/b")
    }

    @Test("region: AWS_REGION first, then AWS_DEFAULT_REGION")
    func region() throws {
        var env = keys
        env["AWS_DEFAULT_REGION"] = "eu-west-1"
        #expect(try S3Configuration.fromEnvironment(env, uri: "s3://bkt").region == "eu-west-1")
        env["AWS_REGION"] = "ap-south-1"
        #expect(try S3Configuration.fromEnvironment(env, uri: "s3://bkt").region == "ap-south-1")
    }

    @Test("endpoint: AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then MLFLOW_S3_ENDPOINT_URL; custom endpoints use path style")
    func endpoint() throws {
        var env = keys
        env["MLFLOW_S3_ENDPOINT_URL"] = "http://minio:9000"
        var config = try S3Configuration.fromEnvironment(env, uri: "s3://bkt")
        #expect(config.endpoint == URL(string: "http://minio:9000"))
        #expect(config.addressingStyle == .path)
        env["AWS_ENDPOINT_URL"] = "http://general:1"
        #expect(try S3Configuration.fromEnvironment(env, uri: "s3://bkt").endpoint == URL(string: "http://general:1"))
        env["AWS_ENDPOINT_URL_S3"] = "https://s3.example.com"
        config = try S3Configuration.fromEnvironment(env, uri: "s3://bkt")
        #expect(config.endpoint == URL(string: "https://s3.example.com"))
        env["AWS_ENDPOINT_URL_S3"] = "not a url"
        #expect(throws: FerryError.self) { try S3Configuration.fromEnvironment(env, uri: "s3://bkt") }
    }

    @Test("credentials: both keys are required; the session token is optional and never printed")
    func credentials() throws {
        #expect(throws: FerryError.self) { try S3Configuration.fromEnvironment([:], uri: "s3://bkt") }
        #expect(throws: FerryError.self) {
            try S3Configuration.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID"], uri: "s3://bkt")
        }
        var env = keys
        env["AWS_SESSION_TOKEN"] = "TOKEN"
        let config = try S3Configuration.fromEnvironment(env, uri: "s3://bkt")
        #expect(config.credentials.sessionToken == "TOKEN")
        #expect(!"\(config.credentials)".contains("SECRET"))
        #expect(!"\(config.credentials)".contains("TOKEN"))
    }

    @Test("malformed URIs are INVALID_PARAMETER_VALUE", arguments: [
        "file:///tmp/x", "s3://", "s3:///prefix", "s3://ab/x", "s3://bad bucket/x", "s3://bkt/a/../b", "s3://bkt/x?y=1",
    ])
    func badURIs(uri: String) {
        do {
            _ = try S3Configuration.fromEnvironment(keys, uri: uri)
            Issue.record("\(uri) was accepted")
        } catch let error as FerryError {
            #expect(error.code == .invalidParameterValue)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the part size is at least 5 MiB")
    func partSize() {
        let credentials = S3Credentials(accessKeyID: "a", secretAccessKey: "b")
        #expect(S3Configuration(bucket: "bkt", credentials: credentials, partSize: 1024).partSize == 5 * 1024 * 1024)
        #expect(S3Configuration(bucket: "bkt", credentials: credentials, partSize: 64 << 20).partSize == 64 << 20)
    }
}
