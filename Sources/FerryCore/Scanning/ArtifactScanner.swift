/// Scans model artifact files for pickles that import dangerous globals, without unpickling them.
///
/// The scanner reads opcodes only. It looks inside the containers that carry pickles: ZIP archives
/// (PyTorch's `torch.save` format, `.npz`, plain `.zip`), NumPy `.npy` object arrays, and zlib or gzip
/// compressed joblib files; anything else is read as a stream of one or more pickles. Each global
/// found is classified by a ``PickleImportPolicy``. It does no I/O: the caller reads the file.
///
/// What it reads follows picklescan 1.0.5 so that both give the same verdict:
/// - a file is a ZIP archive when it starts with a local header or when `zipfile` finds an end
///   record; when the archive has bytes before its first member (or cannot be read), the whole file
///   is also read as a pickle stream, which picklescan does not do;
/// - in an archive, members are scanned when their extension is a pickle one (`.pkl`, `.pickle`,
///   `.joblib`, `.dat`, `.data`; so PyTorch's `archive/data.pkl`) or their first bytes are a `PROTO`
///   opcode; `.npy` members and members starting with NumPy's magic are read as `.npy` files. Stored
///   and deflated members are read, other methods are reported as errors; a member flagged encrypted
///   is read as it is, as picklescan reads it. Every central-directory entry is read, duplicates
///   included;
/// - a `.pt`, `.pth`, `.bin` or `.ckpt` file that is not an archive is read as picklescan reads a
///   legacy `torch.save` file when it is one: its first five pickles, an error ending only the pickle
///   it occurs in, and never the raw storages after them;
/// - a `.npy` file is scanned past its header only when its dtype holds objects;
/// - reading stops at the first malformed opcode: globals found before count, the error is reported,
///   and a file with only an error is clean (picklescan: "could not parse as pickle").
public struct ArtifactScanner: Sendable {
    /// The policy that classifies imports.
    public let policy: PickleImportPolicy
    /// The most bytes a single compressed member or file is decompressed to; beyond it only the
    /// first bytes are scanned and an error is reported.
    public let maximumDecompressedBytes: Int

    /// A scanner with the given policy and decompression cap (256 MiB by default).
    public init(policy: PickleImportPolicy = .standard, maximumDecompressedBytes: Int = 256 << 20) {
        self.policy = policy
        self.maximumDecompressedBytes = maximumDecompressedBytes
    }

    /// Scans one file.
    /// - Parameters:
    ///   - path: the file's path, used for its extension and in the report.
    ///   - contents: the file's bytes (contiguous storage, such as an `Array` or `Data`, is read in place).
    public func scan(path: String, contents: some Collection<UInt8>) -> FileScanReport {
        if let report = contents.withContiguousStorageIfAvailable({ scan(path: path, buffer: $0) }) { return report }
        return Array(contents).withUnsafeBufferPointer { scan(path: path, buffer: $0) }
    }

    private func scan(path: String, buffer: UnsafeBufferPointer<UInt8>) -> FileScanReport {
        var findings = ScanFindings()
        scanFile(buffer, extension: PythonPath.pathExtension(of: path).lowercased(), into: &findings)
        return FileScanReport(path: path, globals: findings.globals, errors: findings.errors, policy: policy)
    }
}
