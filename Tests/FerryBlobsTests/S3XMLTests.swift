import NIOCore
import Testing

@testable import FerryBlobs

@Suite("S3 XML documents and part buffering")
struct S3XMLTests {
    func parse(_ text: String) throws -> S3XMLNode {
        try #require(S3XMLNode.parse(Array(text.utf8)))
    }

    @Test("a ListObjectsV2 page: objects, common prefixes, continuation and escaped keys")
    func listPage() throws {
        let xml = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bkt</Name><Prefix>p/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>
              <Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>
              <Contents><Key>p/a &amp; b.txt</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>
                <ETag>&quot;abc&quot;</ETag><Size>12</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key> p/ leading space</Key><Size>0</Size></Contents>
              <CommonPrefixes><Prefix>p/dir/</Prefix></CommonPrefixes>
              <NextContinuationToken>token+/=</NextContinuationToken>
            </ListBucketResult>
            """
        )
        let page = try S3ListPage(xml: xml)
        #expect(page.objects == [.init(key: "p/a & b.txt", size: 12), .init(key: " p/ leading space", size: 0)])
        #expect(page.commonPrefixes == ["p/dir/"])
        #expect(page.nextContinuationToken == "token+/=")
    }

    @Test("the last page has no continuation token; an empty page has no entries")
    func lastPage() throws {
        let page = try S3ListPage(xml: try parse("<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>"))
        #expect(page == S3ListPage(objects: [], commonPrefixes: [], nextContinuationToken: nil))
        #expect(throws: S3ResponseError.self) { try S3ListPage(xml: try parse("<Other/>")) }
    }

    @Test("error documents, upload IDs and DeleteObjects failures")
    func otherDocuments() throws {
        let error = S3ErrorBody(xml: try parse("<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message><Key>k</Key></Error>"))
        #expect(error == S3ErrorBody(xml: try parse("<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message></Error>")))
        #expect(error?.code == "NoSuchKey")
        #expect(S3ErrorBody(xml: try parse("<ListBucketResult/>")) == nil)

        let initiated = try parse(
            "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>VXBsb2FkIElE</UploadId></InitiateMultipartUploadResult>"
        )
        #expect(try s3UploadID(xml: initiated) == "VXBsb2FkIElE")

        let deleted = try parse(
            "<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>b</Key><Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>"
        )
        let failures = try s3DeleteFailures(xml: deleted)
        #expect(failures.map(\.key) == ["b"])
        #expect(failures.map(\.code) == ["AccessDenied"])
        #expect(S3XMLNode.parse(Array("<unclosed>".utf8)) == nil)
    }

    @Test("request bodies escape keys and ETags")
    func requestBodies() {
        #expect(
            S3RequestBody.deleteObjects(keys: ["a&b", "<c>"])
                == "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
                + "<Object><Key>a&amp;b</Key></Object><Object><Key>&lt;c&gt;</Key></Object></Delete>"
        )
        #expect(
            S3RequestBody.completeMultipartUpload(parts: [(1, "\"e1\""), (2, "\"e2\"")])
                == "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><PartNumber>1</PartNumber><ETag>&quot;e1&quot;</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>&quot;e2&quot;</ETag></Part></CompleteMultipartUpload>"
        )
    }

    @Test("the part buffer cuts chunks of any size into exact parts and keeps the rest", arguments: [
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [25], [10, 10, 5], [3, 0, 17, 5], [],
    ])
    func partBuffer(chunkSizes: [Int]) {
        var buffer = S3PartBuffer(partSize: 10)
        var parts: [[UInt8]] = []
        var source: [UInt8] = []
        var next: UInt8 = 0
        for size in chunkSizes {
            var chunk = ByteBuffer()
            for _ in 0..<size {
                chunk.writeInteger(next)
                source.append(next)
                next &+= 1
            }
            while let part = buffer.fill(from: &chunk) {
                parts.append(Array(part.readableBytesView))
                #expect(buffer.bufferedBytes == 0)
            }
            #expect(chunk.readableBytes == 0)
            #expect(buffer.bufferedBytes < 10)
        }
        let rest = Array(buffer.remainder().readableBytesView)
        #expect(parts.allSatisfy { $0.count == 10 })
        #expect(parts.count == source.count / 10)
        #expect(rest.count == source.count % 10)
        #expect(parts.flatMap { $0 } + rest == source)
    }
}
