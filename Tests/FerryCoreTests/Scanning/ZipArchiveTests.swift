@testable import FerryCore
import Testing

@Suite("ZIP archive reader")
struct ZipArchiveTests {
    private typealias B = ScanTestBytes

    private func read(_ bytes: [UInt8]) throws -> (names: [String], contents: [[UInt8]], leading: Int) {
        try withBuffer(bytes) { buffer in
            let archive = try ZipArchive(buffer)
            let contents = try archive.entries.map { Array(buffer.slice(try archive.data(of: $0).range)) }
            return (archive.entries.map(\.name), contents, archive.leadingByteCount)
        }
    }

    @Test("Stored members in PyTorch's layout")
    func storedMembers() throws {
        let archive = B.zip([
            .init(name: "archive/data.pkl", stored: [0x80, 0x02, 0x7D, 0x2E]),
            .init(name: "archive/version", stored: B.ascii("3\n")),
        ])
        let result = try read(archive)
        #expect(result.names == ["archive/data.pkl", "archive/version"])
        #expect(result.contents == [[0x80, 0x02, 0x7D, 0x2E], B.ascii("3\n")])
        #expect(result.leading == 0)
    }

    @Test("ZIP64 end records and extra fields")
    func zip64() throws {
        let result = try read(B.zip([.init(name: "a.pkl", stored: [1, 2, 3])], zip64: true))
        #expect(result.names == ["a.pkl"])
        #expect(result.contents == [[1, 2, 3]])
    }

    @Test("Bytes prepended to an archive shift its offsets, as zipfile allows")
    func prefixed() throws {
        let prefix = [0x80, 0x02] + B.ascii("cos\nsystem\n") + [0x2E]
        let result = try read(B.zip([.init(name: "x.pkl", stored: [9, 9])], prefix: prefix))
        #expect(result.contents == [[9, 9]])
        #expect(result.leading == prefix.count)
    }

    @Test("An archive comment is skipped when finding the end record")
    func comment() throws {
        var archive = B.zip([.init(name: "x.pkl", stored: [7])])
        archive[archive.count - 2] = 5
        archive += B.ascii("hello")
        let contents = try read(archive).contents
        #expect(contents == [[7]])
    }

    @Test("Malformed archives are errors", arguments: [
        [] as [UInt8],
        ScanTestBytes.ascii("not a zip at all, just text that is long enough"),
        Array(ScanTestBytes.zip([.init(name: "x.pkl", stored: [1])]).dropFirst(40)),
    ])
    func malformed(bytes: [UInt8]) {
        #expect(throws: (any Error).self) { try read(bytes) }
    }

    @Test("A member whose data runs past the end is cut short and marked so")
    func truncatedMember() throws {
        var archive = B.zip([.init(name: "x.pkl", stored: [1, 2, 3])])
        let sizeOffset = 30 + 5 + 3 + 20  // the compressed-size field of the central entry
        archive[sizeOffset] = 200
        let data = try withBuffer(archive) { buffer in
            let zip = try ZipArchive(buffer)
            return try zip.data(of: zip.entries[0])
        }
        #expect(data.isTruncated)
        #expect(data.range == 35..<archive.count)
    }
}
