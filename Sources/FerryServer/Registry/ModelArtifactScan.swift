import FerryBlobs
import FerryCore
import NIOCore

/// Scans a model version's files in the server's artifact store for dangerous pickle imports
/// (see ``ArtifactScanner``), reading them as opcodes and never unpickling them.
///
/// Only locations in the server's own store (`mlflow-artifacts:/…`) can be read; a version stored
/// elsewhere, a file over ``maximumFileSize`` or a tree over ``maximumFiles`` makes the result
/// `incomplete`, with the reason in the findings.
struct ModelArtifactScan: Sendable {
    let blobs: any BlobStore
    let scanner = ArtifactScanner()
    /// Files larger than this are not read (they would sit whole in memory).
    var maximumFileSize: Int64 = 256 << 20
    /// At most this many files are looked at per version.
    var maximumFiles = 10_000

    /// The scan of the files at `location` (a file or a directory tree).
    func scan(location: String) async throws -> ModelScanResult {
        guard let root = ArtifactProxy.storePath(of: location) else {
            return ModelScanResult(reports: [], skipped: ["\(location): outside the server's artifact store, not scanned"])
        }
        var result = ModelScanResult(reports: [], skipped: [])
        switch try await blobs.kind(of: root) {
        case .file(let size): try await scanFile(root, displayName: root.name, size: size, into: &result)
        case .directory: try await scanTree(root, into: &result)
        case nil: result.skipped.append("\(location): no files found")
        }
        return result
    }

    private func scanTree(_ root: BlobPath, into result: inout ModelScanResult) async throws {
        var pending: [(BlobPath, String)] = [(root, "")]
        var seen = 0
        while let (directory, prefix) = pending.popLast() {
            for entry in try await blobs.list(directory) {
                let path = try directory.appending(segment: entry.name)
                let display = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                if entry.isDirectory {
                    pending.append((path, display))
                    continue
                }
                seen += 1
                guard seen <= maximumFiles else {
                    result.skipped.append("more than \(maximumFiles) files; the rest were not scanned")
                    return
                }
                try await scanFile(path, displayName: display, size: entry.size ?? 0, into: &result)
            }
        }
    }

    private func scanFile(_ path: BlobPath, displayName: String, size: Int64, into result: inout ModelScanResult) async throws {
        // The name decides for the usual pickle extensions; only other files are sniffed by their first bytes.
        let scannedByName = ArtifactScanner.shouldScan(path: displayName, firstBytes: [])
        if !scannedByName {
            let head = try await prefix(of: path, bytes: ArtifactScanner.sniffedByteCount)
            guard ArtifactScanner.shouldScan(path: displayName, firstBytes: head) else { return }
        }
        guard size <= maximumFileSize else {
            result.skipped.append("\(displayName): larger than \(maximumFileSize >> 20) MiB, not scanned")
            return
        }
        let contents = try await blobs.readAll(path)
        result.reports.append(scanner.scan(path: displayName, contents: contents.readableBytesView))
    }

    /// The first `bytes` bytes of a file, without reading the rest.
    private func prefix(of path: BlobPath, bytes: Int) async throws -> [UInt8] {
        var head: [UInt8] = []
        do {
            try await blobs.read(path) { chunk in
                head.append(contentsOf: chunk.readableBytesView.prefix(bytes - head.count))
                if head.count >= bytes { throw EnoughBytes() }
            }
        } catch is EnoughBytes {}
        return head
    }

    private struct EnoughBytes: Error {}
}

/// What scanning a model version found.
struct ModelScanResult: Sendable {
    var reports: [FileScanReport]
    /// Files or locations that could not be scanned, with why.
    var skipped: [String]

    /// `clean`, `unsafe`, or `incomplete` (nothing dangerous found, but not everything could be read).
    var verdict: String {
        if reports.contains(where: \.isUnsafe) { return ScanVerdict.unsafe.rawValue }
        return skipped.isEmpty ? ScanVerdict.clean.rawValue : "incomplete"
    }

    /// Each dangerous import, then each file or location not scanned, cut to the tag's length limit.
    var findings: String {
        let notes = [ModelVersionScanTags(summary: ScanSummary(files: reports)).findings] + skipped
        return String(notes.filter { !$0.isEmpty }.joined(separator: ", ").prefix(ModelVersionScanTags.defaultMaximumFindingsLength))
    }

    /// The `ferry.scan` and `ferry.scan.findings` tags for the version.
    var tags: [KeyValue] {
        [KeyValue(key: ModelVersionScanTags.verdictKey, value: verdict), KeyValue(key: ModelVersionScanTags.findingsKey, value: findings)]
    }
}
