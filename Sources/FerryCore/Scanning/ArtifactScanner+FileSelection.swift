extension ArtifactScanner {
    /// The extensions of the files that are scanned whatever they contain: picklescan's pickle
    /// (`.pkl .pickle .joblib .dat .data`), PyTorch (`.pt .pth .bin .ckpt`) and ZIP (`.zip .npz`)
    /// extensions, plus `.npy`. Compared without regard to case.
    public static let scannedExtensions: Set<String> = [
        ".pkl", ".pickle", ".joblib", ".dat", ".data", ".pt", ".pth", ".bin", ".ckpt", ".zip", ".npz", ".npy",
    ]

    /// The extensions that mark a ZIP member as a pickle (picklescan's `_pickle_file_extensions`);
    /// PyTorch's `archive/data.pkl` is one of them.
    static let pickleMemberExtensions: Set<String> = [".pkl", ".pickle", ".joblib", ".dat", ".data"]

    /// How many leading bytes ``shouldScan(path:firstBytes:)`` looks at.
    public static let sniffedByteCount = 8

    /// Whether a file should be scanned: its extension is in ``scannedExtensions``, or it starts like a
    /// pickle with a protocol header (`0x80` then a protocol 0–5, as picklescan recognises ZIP
    /// members), or like a ZIP archive (`PK\u{3}\u{4}`, as a `torch.save` file of any name does).
    /// - Parameters:
    ///   - path: the file's path or name.
    ///   - firstBytes: the file's first bytes (``sniffedByteCount`` are enough; fewer is fine).
    public static func shouldScan(path: String, firstBytes: some Collection<UInt8>) -> Bool {
        if scannedExtensions.contains(PythonPath.pathExtension(of: path).lowercased()) { return true }
        let head = Array(firstBytes.prefix(4))
        return startsLikePickle(head) || head == ZipEntry.localHeaderSignature
    }

    /// Whether `bytes` start with a `PROTO` opcode and a protocol from 0 to 5.
    static func startsLikePickle(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        guard iterator.next() == PickleOpcode.proto.rawValue, let protocolNumber = iterator.next() else { return false }
        return protocolNumber <= 5
    }
}
