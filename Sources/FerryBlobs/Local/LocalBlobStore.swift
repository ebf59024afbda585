import FerryCore
import NIOCore
import NIOFileSystem

/// A ``BlobStore`` on a local folder.
///
/// Paths are joined onto the root segment by segment (``BlobPath`` segments are never `..`),
/// files are created transactionally (written to a hidden temporary file and renamed into place
/// when complete) and read in 256 KiB chunks.
public struct LocalBlobStore: BlobStore {
    /// The folder that holds every blob.
    public let root: FilePath
    private let fileSystem: FileSystem

    /// Creates a store on `root`; the folder is created on first write.
    public init(root: String, fileSystem: FileSystem = .shared) {
        self.root = FilePath(root)
        self.fileSystem = fileSystem
    }

    private func filePath(_ path: BlobPath) -> FilePath {
        var result = root
        for segment in path.segments { result.append(segment) }
        return result
    }

    public func kind(of path: BlobPath) async throws -> BlobKind? {
        if path.isRoot { return .directory }
        let info: FileInfo?
        do {
            info = try await fileSystem.info(forFileAt: filePath(path), infoAboutSymbolicLink: false)
        } catch let error as FileSystemError where error.code == .notFound || error.code == .unknown {
            return nil
        }
        guard let info else { return nil }
        switch info.type {
        case .directory: return .directory
        case .regular: return .file(size: info.size)
        default: return nil
        }
    }

    public func write<Contents: AsyncSequence>(_ path: BlobPath, contents: Contents) async throws
    where Contents.Element == ByteBuffer {
        guard !path.isRoot else { throw FerryError.invalidParameter("Cannot write a file at the artifact root") }
        let target = filePath(path)
        if let parent = target.removingLastComponent() as FilePath?, parent != target {
            try await createDirectories(parent, for: path)
        }
        if case .directory = try await kind(of: path) {
            throw FerryError.invalidParameter("Cannot write '\(path)': a directory of that name exists")
        }
        try await fileSystem.withFileHandle(forWritingAt: target, options: .newFile(replaceExisting: true)) { handle in
            var offset: Int64 = 0
            for try await chunk in contents {
                try await handle.write(contentsOf: chunk.readableBytesView, toAbsoluteOffset: offset)
                offset += Int64(chunk.readableBytes)
            }
        }
    }

    private func createDirectories(_ directory: FilePath, for path: BlobPath) async throws {
        do {
            try await fileSystem.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch let error as FileSystemError where error.code == .fileAlreadyExists {
            let info = try await fileSystem.info(forFileAt: directory, infoAboutSymbolicLink: false)
            if info?.type != .directory {
                throw FerryError.invalidParameter("Cannot write '\(path)': a parent of it is a file")
            }
        }
    }

    public func read(_ path: BlobPath, into consume: (ByteBuffer) async throws -> Void) async throws {
        switch try await kind(of: path) {
        case nil: throw FerryError.notFound("No artifact at '\(path)'")
        case .directory: throw FerryError.invalidParameter("'\(path)' is a directory, not a file")
        case .file: break
        }
        try await fileSystem.withFileHandle(forReadingAt: filePath(path)) { handle in
            for try await chunk in handle.readChunks(chunkLength: .kibibytes(256)) {
                try await consume(chunk)
            }
        }
    }

    public func list(_ path: BlobPath) async throws -> [BlobEntry] {
        guard case .directory = try await kind(of: path) else { return [] }
        let directory = filePath(path)
        guard (try await fileSystem.info(forFileAt: directory, infoAboutSymbolicLink: false)) != nil else { return [] }
        var entries: [BlobEntry] = []
        try await fileSystem.withDirectoryHandle(atPath: directory) { handle in
            for try await entry in handle.listContents() {
                let name = entry.name.string
                switch entry.type {
                case .directory:
                    entries.append(BlobEntry(name: name, isDirectory: true, size: nil))
                case .regular:
                    let info = try await fileSystem.info(forFileAt: entry.path, infoAboutSymbolicLink: false)
                    entries.append(BlobEntry(name: name, isDirectory: false, size: info?.size ?? 0))
                default:
                    continue
                }
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func delete(_ path: BlobPath) async throws {
        guard !path.isRoot else { throw FerryError.invalidParameter("Refusing to delete the whole artifact root") }
        try await fileSystem.removeItem(at: filePath(path), recursively: true)
    }
}
