import FerryBlobs
import FerryCore
import NIOCore
import Testing

/// The behaviour every ``BlobStore`` driver shares, run against each driver in ``BlobDriver/all``:
/// the local folder always, S3 when `FERRY_TEST_S3_ENDPOINT` names a server (moto, MinIO).
@Suite("BlobStore conformance")
struct BlobStoreConformance {
    @Test("a written file reads back byte for byte", arguments: BlobDriver.all)
    func roundTrip(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("model/MLmodel"), "flavors:\n  python_function: {}\n")
            #expect(try await readText(store, path("model/MLmodel")) == "flavors:\n  python_function: {}\n")
        }
    }

    @Test("an empty file exists, has size 0 and reads as nothing", arguments: BlobDriver.all)
    func emptyFile(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await store.write(path("empty.txt"), bytes: ByteBuffer())
            try await store.write(path("dir/none.bin"), contents: NoChunks())
            for file in ["empty.txt", "dir/none.bin"] {
                #expect(try await store.kind(of: path(file)) == .file(size: 0))
                #expect(try await store.readAll(path(file)).readableBytes == 0)
            }
            #expect(try await store.list(.root) == [
                BlobEntry(name: "dir", isDirectory: true, size: nil),
                BlobEntry(name: "empty.txt", isDirectory: false, size: 0),
            ])
        }
    }

    @Test("writing a deep file implies every directory above it", arguments: BlobDriver.all)
    func nestedDirectories(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("a/b/c/d.txt"), "deep")
            for directory in ["a", "a/b", "a/b/c"] {
                #expect(try await store.kind(of: path(directory)) == .directory, "\(directory)")
            }
            #expect(try await store.list(path("a")) == [BlobEntry(name: "b", isDirectory: true, size: nil)])
            #expect(try await store.list(path("a/b/c")) == [BlobEntry(name: "d.txt", isDirectory: false, size: 4)])
        }
    }

    @Test("kind(of:) tells files, directories, missing paths and the root apart", arguments: BlobDriver.all)
    func kinds(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("run/metrics.json"), "{\"loss\": 0.25}")
            #expect(try await store.kind(of: path("run/metrics.json")) == .file(size: 14))
            #expect(try await store.kind(of: path("run")) == .directory)
            #expect(try await store.kind(of: path("missing")) == nil)
            #expect(try await store.kind(of: path("run/metrics.json/below")) == nil)
            #expect(try await store.kind(of: path("ru")) == nil, "a key prefix that is no whole segment is no directory")
            #expect(try await store.kind(of: .root) == .directory)
        }
    }

    @Test("list gives direct children sorted by name, with sizes, and nothing for a missing path or a file",
          arguments: BlobDriver.all)
    func listing(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            #expect(try await store.list(.root) == [], "a new store is empty")
            try await writeText(store, path("b.txt"), "bbb")
            try await writeText(store, path("a.txt"), "a")
            try await writeText(store, path("dir/x.bin"), "xx")
            try await writeText(store, path("dir/sub/y.bin"), "yyy")
            try await writeText(store, path("c/z"), "")
            try await writeText(store, path("B.txt"), "BB")
            #expect(try await store.list(.root) == [
                BlobEntry(name: "B.txt", isDirectory: false, size: 2),
                BlobEntry(name: "a.txt", isDirectory: false, size: 1),
                BlobEntry(name: "b.txt", isDirectory: false, size: 3),
                BlobEntry(name: "c", isDirectory: true, size: nil),
                BlobEntry(name: "dir", isDirectory: true, size: nil),
            ])
            #expect(try await store.list(path("dir")) == [
                BlobEntry(name: "sub", isDirectory: true, size: nil),
                BlobEntry(name: "x.bin", isDirectory: false, size: 2),
            ])
            #expect(try await store.list(path("missing")) == [])
            #expect(try await store.list(path("a.txt")) == [])
            #expect(try await store.list(path("di")) == [], "a key prefix that is no whole segment lists nothing")
        }
    }

    @Test("a write replaces the previous file", arguments: BlobDriver.all)
    func overwrite(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("notes.txt"), "a longer first version")
            try await writeText(store, path("notes.txt"), "second")
            #expect(try await readText(store, path("notes.txt")) == "second")
            #expect(try await store.kind(of: path("notes.txt")) == .file(size: 6))
        }
    }

    @Test("delete removes one file and leaves its siblings", arguments: BlobDriver.all)
    func deleteFile(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("d/keep.txt"), "keep")
            try await writeText(store, path("d/drop.txt"), "drop")
            try await store.delete(path("d/drop.txt"))
            #expect(try await store.kind(of: path("d/drop.txt")) == nil)
            #expect(try await store.list(path("d")) == [BlobEntry(name: "keep.txt", isDirectory: false, size: 4)])
        }
    }

    @Test("delete removes a whole tree and nothing that merely shares its name's prefix", arguments: BlobDriver.all)
    func deleteTree(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            for file in ["t/a.txt", "t/sub/b.txt", "t/sub/deeper/c.txt", "tt/keep.txt", "t.txt"] {
                try await writeText(store, path(file), file)
            }
            try await store.delete(path("t"))
            #expect(try await store.kind(of: path("t")) == nil)
            #expect(try await store.kind(of: path("t/sub/deeper/c.txt")) == nil)
            #expect(try await readText(store, path("tt/keep.txt")) == "tt/keep.txt")
            #expect(try await readText(store, path("t.txt")) == "t.txt")
            #expect(try await store.list(.root).map(\.name) == ["t.txt", "tt"])
        }
    }

    @Test("deleting a missing path is not an error; deleting the root is refused", arguments: BlobDriver.all)
    func deleteMissingAndRoot(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await store.delete(path("never/written"))
            try await writeText(store, path("kept.txt"), "kept")
            #expect(await ferryErrorCode { try await store.delete(.root) } == .invalidParameterValue)
            #expect(try await readText(store, path("kept.txt")) == "kept")
        }
    }

    @Test("reading a missing file is RESOURCE_DOES_NOT_EXIST; reading a directory is INVALID_PARAMETER_VALUE",
          arguments: BlobDriver.all)
    func readErrors(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("dir/file.txt"), "x")
            #expect(await ferryErrorCode { _ = try await store.readAll(path("missing.txt")) } == .resourceDoesNotExist)
            #expect(await ferryErrorCode { _ = try await store.readAll(path("dir/missing.txt")) } == .resourceDoesNotExist)
            #expect(await ferryErrorCode { _ = try await store.readAll(path("dir")) } == .invalidParameterValue)
            #expect(await ferryErrorCode { _ = try await store.readAll(.root) } == .invalidParameterValue)
        }
    }

    @Test("writing at the root is INVALID_PARAMETER_VALUE", arguments: BlobDriver.all)
    func writeAtRoot(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            #expect(await ferryErrorCode { try await store.write(.root, bytes: ByteBuffer(string: "x")) } == .invalidParameterValue)
        }
    }

    @Test("names with spaces, punctuation and non-ASCII letters round-trip and list", arguments: BlobDriver.all)
    func unusualNames(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            let names = ["a b+c=d&e;f,g(1)~$@!'.txt", "ünïcødé 日本語.csv", "100%25 done?.log", "#hash[1]{2}"]
            for name in names {
                let file = try BlobPath(segments: ["odd dir+x", name])
                try await writeText(store, file, name)
                #expect(try await readText(store, file) == name)
                #expect(try await store.kind(of: file) == .file(size: Int64(name.utf8.count)))
            }
            #expect(try await store.list(.root).map(\.name) == ["odd dir+x"])
            #expect(try await store.list(path("odd dir+x")).map(\.name) == names.sorted())
            try await store.delete(try BlobPath(segments: ["odd dir+x", names[0]]))
            #expect(try await store.list(path("odd dir+x")).count == names.count - 1)
        }
    }

    @Test("a write of tens of MB fed as many chunks reads back with the same SHA-256", arguments: BlobDriver.all)
    func largeStreamedWrite(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            // Several 5 MiB parts on S3, with chunks that straddle the part boundaries.
            let source = GeneratedBytes(totalBytes: 23 * 1024 * 1024 + 12_345)
            let expected = try await source.sha256()
            try await store.write(path("big/weights.bin"), contents: source)
            #expect(try await store.kind(of: path("big/weights.bin")) == .file(size: Int64(source.totalBytes)))
            let read = try await streamedDigest(store, path("big/weights.bin"))
            #expect(read.size == source.totalBytes)
            #expect(read.sha256 == expected)
            #expect(read.chunks > 1, "a large file is streamed in chunks, not read whole")
        }
    }

    @Test("a write of exactly whole parts reads back intact", arguments: BlobDriver.all)
    func exactPartMultiple(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            let source = GeneratedBytes(totalBytes: 2 * S3TestEnvironment.partSize, seed: 7)
            try await store.write(path("exact.bin"), contents: source)
            let read = try await streamedDigest(store, path("exact.bin"))
            #expect(read.size == source.totalBytes)
            #expect(read.sha256 == (try await source.sha256()))
        }
    }

    @Test("a write whose source fails leaves the previous file, or none", arguments: BlobDriver.all)
    func failedWrite(driver: BlobDriver) async throws {
        try await driver.withStore { store in
            try await writeText(store, path("model.bin"), "previous")
            // Fails within the first part, and after more than one part (a multipart upload on S3).
            for failAfter in [1_000, 6 * 1024 * 1024 + 1] {
                let failing = GeneratedBytes(totalBytes: 8 * 1024 * 1024, failAfter: failAfter)
                await #expect(throws: InjectedFailure.self) {
                    try await store.write(path("model.bin"), contents: failing)
                }
                await #expect(throws: InjectedFailure.self) {
                    try await store.write(path("new/model.bin"), contents: failing)
                }
                #expect(try await readText(store, path("model.bin")) == "previous")
                #expect(try await store.kind(of: path("new/model.bin")) == nil)
            }
        }
    }
}
