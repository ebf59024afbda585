import FerryCore
import Testing

@Suite("Validation rules")
struct ValidationTests {
    @Test("posixpath.normpath semantics", arguments: [
        ("a/b", "a/b"), ("a//b", "a/b"), ("a/./b", "a/b"), ("a/../b", "b"), ("../a", "../a"), ("/a/../..", "/"),
        ("", "."), (".", "."), ("//a", "//a"), ("///a", "/a"), ("a/", "a"),
    ])
    func normalize(input: String, expected: String) {
        #expect(PosixPath.normalize(input) == expected)
    }

    @Test("Metric, param and tag keys", arguments: ["a", "a/b", "a.b-c_d e:f", "ünïcode", "x1"])
    func validKeys(key: String) throws {
        try KeyValidation.validate(key, path: "key")
    }

    @Test("Keys MLflow refuses", arguments: ["a$b", "../x", "/abs", "a//b", ".", "a/./b", "a/", String(repeating: "k", count: 251)])
    func invalidKeys(key: String) {
        #expect(throws: FerryError.self) { try KeyValidation.validate(key, path: "key") }
    }

    @Test("Batch limits name what was exceeded")
    func batchLimits() throws {
        try RunValidation.validateBatchLimits(metrics: 1000, params: 0, tags: 0)
        #expect(throws: FerryError.invalidParameter(
            "A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.")
        ) { try RunValidation.validateBatchLimits(metrics: 0, params: 101, tags: 0) }
        #expect(throws: FerryError.self) { try RunValidation.validateBatchLimits(metrics: 900, params: 100, tags: 1) }
    }

    @Test("Long values are truncated, not refused")
    func truncation() throws {
        let param = try RunValidation.validatedParam(KeyValue(key: "p", value: String(repeating: "x", count: 6001)))
        #expect(param.value.count == 6000)
        let tag = try RunValidation.validatedTag(KeyValue(key: "t", value: String(repeating: "y", count: 8001)))
        #expect(tag.value.count == 8000)
    }

    @Test("Messages are worded as MLflow words them")
    func messages() {
        #expect(Messages.missingValue("metrics[0].timestamp") == "Missing value for required parameter 'metrics[0].timestamp'.")
        #expect(Messages.invalidValue("key", "a$b") == "Invalid value \"a$b\" for parameter 'key' supplied.")
        #expect(Messages.jsonQuoted("é\n") == "\"\\u00e9\\n\"")
        #expect(JSONString.quoted("é\"") == "\"é\\\"\"")
    }

    @Test("Experiment ids must be integers")
    func experimentIDs() throws {
        #expect(try Identifiers.experimentNumber("12") == 12)
        #expect(throws: FerryError.self) { try Identifiers.experimentNumber("abc") }
        #expect(Identifiers.newRunID().count == 32)
        #expect(Identifiers.newLoggedModelID().hasPrefix("m-"))
    }

    @Test("Page tokens round-trip and garbage is refused")
    func pageTokens() throws {
        #expect(try PageToken(parsing: PageToken(offset: 42).encoded).offset == 42)
        #expect(try PageToken(parsing: nil).offset == 0)
        #expect(throws: FerryError.self) { try PageToken(parsing: "not-a-token") }
        #expect(throws: FerryError.self) { try PageToken(parsing: "eyJvZmZzZXQiOiAtMX0=") }
    }
}

@Suite("Artifact paths and locations")
struct ArtifactPathTests {
    @Test("Safe paths keep their segments")
    func safe() throws {
        #expect(try ArtifactPathValidator.segments(of: "") == [])
        #expect(try ArtifactPathValidator.segments(of: "a/b/c.txt") == ["a", "b", "c.txt"])
        #expect(try ArtifactPathValidator.segments(of: "a//./b/") == ["a", "b"])
        #expect(try ArtifactPathValidator.segments(of: "weird name+%.txt") == ["weird name+%.txt"])
        #expect(try ArtifactPathValidator.segments(of: "x:y") == ["x:y"])
    }

    @Test("Every known traversal input is refused", arguments: [
        "..", "../etc/passwd", "a/../../b", "%2e%2e/x", "%2e%2e%2fx", "%252e%252e%252fetc", "%25252e%25252e%25252f",
        "..\\x", "a\\b", "/etc/passwd", "//etc", "C:\\Windows", "C:/Windows", "c:", "file:///etc/passwd", "FILE:/x",
        "a#b", "a%23b", "a\u{0}b", "a%00b", "a\nb", "%2fetc",
    ])
    func refused(input: String) {
        #expect(throws: FerryError.invalidParameter("Invalid path")) { try ArtifactPathValidator.segments(of: input) }
    }

    @Test("Artifact locations", arguments: [
        ("mlflow-artifacts:/1", true), ("s3://bucket/prefix", true), ("/tmp/local", true), ("file:///tmp/x", true),
        ("http:///?/../../../etc/", false), ("http:///#/../../etc/", false), ("http://internal/x", false),
        ("https://169.254.169.254/latest", false), ("mlflow-artifacts://host:80/x", false), ("file://other-host/x", false),
        ("runs:/abc/model", false), ("s3://b/x;params", false), ("s3://b/x?versionId=1", false), ("s3://b/%2e%2e/x", false),
    ])
    func locations(location: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try ArtifactLocationPolicy.validate(location) }
        } else {
            #expect(throws: FerryError.self) { try ArtifactLocationPolicy.validate(location) }
        }
    }
}
