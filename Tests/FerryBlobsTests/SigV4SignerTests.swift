import Crypto
import Testing

@testable import FerryBlobs

/// AWS's published S3 SigV4 examples ("Examples: Signature Calculations" of the S3 API reference):
/// access key AKIAIOSFODNN7EXAMPLE, 2013-05-24T00:00:00Z, us-east-1, bucket examplebucket.
@Suite("SigV4 signer")
struct SigV4SignerTests {
    let signer = SigV4Signer(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1"
    )
    let date = AmzDate(secondsSince1970: 1_369_353_600)
    let host = "examplebucket.s3.amazonaws.com"
    let empty = S3Encoding.emptyPayloadHash

    @Test("the date forms of 2013-05-24T00:00:00Z")
    func amzDate() {
        #expect(date.day == "20130524")
        #expect(date.timestamp == "20130524T000000Z")
        #expect(AmzDate(secondsSince1970: 951_827_696).timestamp == "20000229T123456Z")
        #expect(AmzDate(secondsSince1970: 0).timestamp == "19700101T000000Z")
        #expect(AmzDate(secondsSince1970: 4_107_542_399).timestamp == "21000228T235959Z", "2100 is no leap year")
        #expect(AmzDate(secondsSince1970: 4_107_542_400).timestamp == "21000301T000000Z")
    }

    @Test("the signing key of the example")
    func signingKey() {
        let key = signer.signingKey(date: date)
        #expect(key.withUnsafeBytes { hex($0) } == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test("GET Object with a Range header")
    func getObject() {
        let signed = signer.sign(
            method: "GET",
            canonicalPath: "/test.txt",
            query: [],
            headers: [("Host", host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", empty), ("x-amz-date", date.timestamp)],
            payloadHash: empty,
            date: date
        )
        #expect(
            signed.canonicalRequest == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        )
        #expect(
            signed.stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """
        )
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    @Test("PUT Object: a key with `$`, a body and a storage class")
    func putObject() {
        let payload = S3Encoding.hex(SHA256.hash(data: Array("Welcome to Amazon S3.".utf8)))
        #expect(payload == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let path = "/" + S3Encoding.uriEncode("test$file.text", keepSlash: true)
        #expect(path == "/test%24file.text")
        let signed = signer.sign(
            method: "PUT",
            canonicalPath: path,
            query: [],
            headers: [
                ("Host", host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", date.timestamp),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", payload),
            ],
            payloadHash: payload,
            date: date
        )
        #expect(signed.signedHeaders == "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        #expect(signed.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test("GET Bucket lifecycle: a subresource without a value")
    func getLifecycle() {
        let signed = signer.sign(
            method: "GET",
            canonicalPath: "/",
            query: [("lifecycle", "")],
            headers: [("Host", host), ("x-amz-date", date.timestamp), ("x-amz-content-sha256", empty)],
            payloadHash: empty,
            date: date
        )
        #expect(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "lifecycle=")
        #expect(signed.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test("GET Bucket (List Objects): the query is sorted")
    func listObjects() {
        let signed = signer.sign(
            method: "GET",
            canonicalPath: "/",
            query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("Host", host), ("x-amz-date", date.timestamp), ("x-amz-content-sha256", empty)],
            payloadHash: empty,
            date: date
        )
        #expect(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "max-keys=2&prefix=J")
        #expect(signed.stringToSign.hasSuffix("\ndf57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7"))
        #expect(signed.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test("header values are trimmed, inner spaces collapsed, repeated names joined")
    func canonicalHeaders() {
        let headers = SigV4Signer.canonicalHeaders([("X-Amz-Meta-A", "  one   two  "), ("x-amz-meta-a", "three"), ("Host", "h")])
        #expect(headers.map(\.name) == ["host", "x-amz-meta-a"])
        #expect(headers.map(\.value) == ["h", "one two,three"])
    }
}
