extension ArtifactScanner {
    private static let sevenZipMagic: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]

    /// The extensions picklescan reads as PyTorch files (`_pytorch_file_extensions`).
    static let pytorchExtensions: Set<String> = [".bin", ".pt", ".pth", ".ckpt"]

    /// Scans a whole file, choosing by its content (and, for `.npy` and PyTorch files, its extension)
    /// how to read it.
    func scanFile(_ bytes: UnsafeBufferPointer<UInt8>, extension fileExtension: String, into findings: inout ScanFindings) {
        if bytes.hasBytes(ZipEntry.localHeaderSignature) || ZipArchive.hasEndRecord(bytes) {
            scanZip(bytes, into: &findings)
        } else if bytes.hasBytes(Self.sevenZipMagic) {
            findings.note("7z archives are not scanned", in: nil)
        } else if Self.pytorchExtensions.contains(fileExtension), let legacy = LegacyTorchFile.scan(bytes) {
            findings.add(legacy, in: nil)
        } else if fileExtension == ".npy" || bytes.hasBytes(NumpyArrayHeader.magic) {
            scanNumpy(bytes, in: nil, into: &findings)
        } else if let compression = CompressedPickleStream.detect(bytes) {
            scanCompressed(bytes, compression, into: &findings)
        } else {
            findings.add(PickleImportCollector.scan(bytes), in: nil)
        }
    }

    /// Scans the pickle members of a ZIP archive; when bytes precede the archive or it cannot be read,
    /// also reads the whole file as a pickle stream.
    private func scanZip(_ bytes: UnsafeBufferPointer<UInt8>, into findings: inout ScanFindings) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            findings.note("not a readable ZIP archive (\(error)); read as a pickle", in: nil)
            findings.add(PickleImportCollector.scan(bytes), in: nil)
            return
        }
        if archive.leadingByteCount > 0 {
            findings.add(PickleImportCollector.scan(bytes), in: "data before the ZIP archive")
        }
        for entry in archive.entries {
            scanMember(entry, of: archive, into: &findings)
        }
    }

    private func scanMember(_ entry: ZipEntry, of archive: ZipArchive, into findings: inout ScanFindings) {
        let memberExtension = PythonPath.pathExtension(of: entry.name).lowercased()
        let isPickleByName = Self.pickleMemberExtensions.contains(memberExtension)
        let isNumpyByName = memberExtension == ".npy"
        guard entry.method == 0 || entry.method == 8 else {
            if isPickleByName || isNumpyByName {
                findings.note("compression method \(entry.method) not supported; member not scanned", in: entry.name)
            }
            return
        }
        let memberData: ZipArchive.MemberData
        do {
            memberData = try archive.data(of: entry)
        } catch {
            findings.note("\(error)", in: entry.name)
            return
        }
        let stored = archive.bytes.slice(memberData.range)
        let head = entry.method == 0 ? Array(stored.prefix(8)) : DeflateDecoder.inflate(stored, outputLimit: 8).output
        let readsAsPickle = isPickleByName || Self.startsLikePickle(head)
        guard readsAsPickle || isNumpyByName || head.starts(with: NumpyArrayHeader.magic) else { return }
        if entry.isEncrypted { findings.note("member marked encrypted; its bytes were read as they are", in: entry.name) }
        if memberData.isTruncated { findings.note("member data truncated; the bytes present were scanned", in: entry.name) }
        let scanContents = { (contents: UnsafeBufferPointer<UInt8>) -> ScanFindings in
            var memberFindings = ScanFindings()
            if readsAsPickle {
                memberFindings.add(PickleImportCollector.scan(contents), in: entry.name)
            } else {
                scanNumpy(contents, in: entry.name, into: &memberFindings)
            }
            return memberFindings
        }
        let memberFindings =
            entry.method == 8
            ? inflate(stored, into: &findings, in: entry.name).withUnsafeBufferPointer(scanContents)
            : scanContents(stored)
        findings.merge(memberFindings)
    }

    /// Decompresses `data`, noting in `findings` when the cap was reached or the stream is malformed.
    private func inflate(_ data: UnsafeBufferPointer<UInt8>, into findings: inout ScanFindings, in part: String?) -> [UInt8] {
        let result = DeflateDecoder.inflate(data, outputLimit: maximumDecompressedBytes)
        switch result.ending {
        case .complete: break
        case .outputLimitReached: findings.note("decompressed size exceeds \(maximumDecompressedBytes) bytes; only the start was scanned", in: part)
        case .failed(let error): findings.note("DEFLATE data malformed (\(error)); only the part before it was scanned", in: part)
        }
        return result.output
    }

    /// Scans a `.npy` file: its data is a pickle only when the dtype holds objects. A file without the
    /// NumPy magic is read as a pickle, as `numpy.load` would try to.
    private func scanNumpy(_ bytes: UnsafeBufferPointer<UInt8>, in part: String?, into findings: inout ScanFindings) {
        guard bytes.hasBytes(NumpyArrayHeader.magic) else {
            findings.add(PickleImportCollector.scan(bytes), in: part)
            return
        }
        do {
            let header = try NumpyArrayHeader(bytes)
            guard header.holdsObjects else { return }
            findings.add(PickleImportCollector.scan(bytes.slice(header.dataOffset..<bytes.count)), in: part)
        } catch {
            findings.note("\(error)", in: part)
        }
    }

    /// Scans a compressed joblib file: decoded when zlib or gzip, otherwise reported and read as it is.
    private func scanCompressed(_ bytes: UnsafeBufferPointer<UInt8>, _ compression: CompressedPickleStream, into findings: inout ScanFindings) {
        switch compression {
        case .zlib(let offset), .gzip(let offset):
            let inflated = inflate(bytes.slice(offset..<bytes.count), into: &findings, in: nil)
            inflated.withUnsafeBufferPointer { findings.add(PickleImportCollector.scan($0), in: nil) }
        case .unsupported(let name):
            findings.note("\(name)-compressed data is not decompressed; read as it is", in: nil)
            findings.add(PickleImportCollector.scan(bytes), in: nil)
        }
    }
}
