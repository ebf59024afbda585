#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Bytes read front to back in caller-sized pieces, and read again from the start when asked.
protocol ByteSource: AnyObject {
    /// The name errors give (a path or an object URI).
    var name: String { get }
    /// The total size in bytes.
    var totalBytes: Int64 { get }
    /// Fills as much of `buffer` as the source has left; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TableError) -> Int
    /// Goes back to the first byte.
    func rewind() throws(TableError)
}

/// A file read with POSIX `read` (no mapping, no whole-file buffer).
final class FileByteSource: ByteSource {
    let name: String
    let totalBytes: Int64
    private let descriptor: Int32

    /// Opens `path` for reading.
    init(path: String) throws(TableError) {
        name = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Self.failure(path, "cannot open the file") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = Self.failure(path, "cannot read the file's size")
            close(descriptor)
            throw error
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw TableError(source: path, message: "is a directory, not a file")
        }
        self.descriptor = descriptor
        totalBytes = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TableError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var filled = 0
        while filled < buffer.count {
            #if canImport(Darwin)
            let got = Darwin.read(descriptor, base + filled, buffer.count - filled)
            #elseif canImport(Glibc)
            let got = Glibc.read(descriptor, base + filled, buffer.count - filled)
            #else
            let got = Musl.read(descriptor, base + filled, buffer.count - filled)
            #endif
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw Self.failure(name, "cannot read the file")
            }
            filled += got
        }
        return filled
    }

    func rewind() throws(TableError) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Self.failure(name, "cannot seek back to the start") }
    }

    /// An error with the system's reason (`errno`).
    private static func failure(_ path: String, _ what: String) -> TableError {
        let reason = String(cString: strerror(errno))
        return TableError(source: path, message: "\(what): \(reason)")
    }
}

/// Bytes already in memory (an object fetched from a blob store, or a test's text).
final class MemoryByteSource: ByteSource {
    let name: String
    private let bytes: [UInt8]
    private var offset = 0

    /// Serves `bytes` under `name`.
    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    var totalBytes: Int64 { Int64(bytes.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TableError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        if count > 0 {
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
        }
        return count
    }

    func rewind() throws(TableError) { offset = 0 }
}
