@testable import FerryCore
import Foundation
import Testing

@Suite("Artifact scanner")
struct ArtifactScannerTests {
    private typealias B = ScanTestBytes
    private let scanner = ArtifactScanner()
    private let osSystem = PickleGlobal(module: "os", name: "system")

    /// A protocol-2 pickle calling `os.system("echo pwned")`, as Python's pickler writes it.
    private let maliciousPickle: [UInt8] = [0x80, 0x02] + ScanTestBytes.ascii("cos\nsystem\n") + [0x71, 0x00]
        + [0x58, 0x0A, 0, 0, 0] + ScanTestBytes.ascii("echo pwned") + [0x71, 0x01, 0x85, 0x71, 0x02, 0x52, 0x71, 0x03, 0x2E]

    /// Python: a `zipfile.ZIP_DEFLATED` archive holding `model.pkl`, a protocol-2 pickle of
    /// `{"model": <call of os.system("echo pwned")>}`.
    private let deflatedZip = ScanTestBytes.hex("""
        504b0304140000000800d7617c5d9a6d38a63800000037000000090000006d6f64656c2e706b6c6b60aa2d648860656060c8cd
        4f49cd29644cce2fe62aae2c2e49cde52a648ae0024aa42667e42b1494e7a5a61432b716b20415b216eb0100504b0102140314
        0000000800d7617c5d9a6d38a638000000370000000900000000000000000000008001000000006d6f64656c2e706b6c504b05
        060000000001000100370000005f0000000000
        """)

    @Test("A plain pickle")
    func plainPickle() {
        let report = scanner.scan(path: "model.pkl", contents: maliciousPickle)
        #expect(report.isUnsafe)
        #expect(report.dangerous == [osSystem])
        #expect(report.errors.isEmpty)
    }

    @Test("A zip with a stored archive/data.pkl, as torch.save writes")
    func storedTorchZip() {
        let archive = B.zip([
            .init(name: "archive/data.pkl", stored: maliciousPickle),
            .init(name: "archive/version", stored: B.ascii("3\n")),
        ])
        let report = scanner.scan(path: "model.pt", contents: archive)
        #expect(report.dangerous == [osSystem])
    }

    @Test("A zip with a deflated .pkl written by Python's zipfile")
    func deflatedPickleMember() {
        let report = scanner.scan(path: "bundle.zip", contents: deflatedZip)
        #expect(report.dangerous == [osSystem])
        #expect(report.errors.isEmpty)
    }

    @Test("Zip members are chosen by pickle extension or PROTO header, as picklescan chooses them")
    func memberSelection() {
        let protocol0 = B.ascii("cos\nsystem\n(S'x'\ntR.")
        let ignored = B.zip([.init(name: "notes.txt", stored: protocol0), .init(name: "archive/data/0", stored: protocol0)])
        #expect(!scanner.scan(path: "model.pt", contents: ignored).isUnsafe)
        let byHeader = B.zip([.init(name: "archive/data/0", stored: maliciousPickle)])
        #expect(scanner.scan(path: "model.pt", contents: byHeader).isUnsafe)
        let byName = B.zip([.init(name: "weights.DATA", stored: protocol0)])
        #expect(scanner.scan(path: "model.zip", contents: byName).isUnsafe)
    }

    @Test("Members with an unsupported compression method are reported, not scanned")
    func unsupportedMembers() {
        let archive = B.zip([.init(name: "a.pkl", method: 12, stored: [1, 2, 3]), .init(name: "b.txt", method: 14, stored: [0])])
        let report = scanner.scan(path: "x.zip", contents: archive)
        #expect(!report.isUnsafe)
        #expect(report.errors == ["a.pkl: compression method 12 not supported; member not scanned"])
    }

    @Test("A member flagged encrypted is read as it is, as picklescan reads it")
    func encryptedFlag() {
        var archive = B.zip([.init(name: "archive/data.pkl", stored: maliciousPickle)])
        archive[6] = 1  // local header flags
        let centralFlags = 30 + 16 + maliciousPickle.count + 8
        archive[centralFlags] = 1
        let report = scanner.scan(path: "model.pt", contents: archive)
        #expect(report.dangerous == [osSystem])
        #expect(report.errors == ["archive/data.pkl: member marked encrypted; its bytes were read as they are"])
    }

    @Test("A pickle with a zip appended is read as a pickle too")
    func polyglot() {
        let archive = B.zip([.init(name: "archive/data.pkl", stored: [0x80, 0x02, 0x7D, 0x2E])], prefix: maliciousPickle)
        let report = scanner.scan(path: "model.pt", contents: archive)
        #expect(report.dangerous == [osSystem])
    }

    @Test("NumPy files: only object arrays hold a pickle")
    func numpy() {
        func npy(_ descr: String, data: [UInt8]) -> [UInt8] {
            let header = B.ascii("{'descr': \(descr), 'fortran_order': False, 'shape': (1,), }\n")
            return NumpyArrayHeader.magic + [1, 0] + B.littleEndian(UInt64(header.count), 2) + header + data
        }
        #expect(scanner.scan(path: "a.npy", contents: npy("'|O'", data: maliciousPickle)).dangerous == [osSystem])
        #expect(scanner.scan(path: "a.npy", contents: npy("[('a', '<f8'), ('b', '|O')]", data: maliciousPickle)).isUnsafe)
        let floats = scanner.scan(path: "a.npy", contents: npy("'<f8'", data: maliciousPickle))
        #expect(!floats.isUnsafe)
        #expect(floats.errors.isEmpty)
        let npz = B.zip([.init(name: "objects.npy", stored: npy("'|O'", data: maliciousPickle))])
        #expect(scanner.scan(path: "a.npz", contents: npz).isUnsafe)
    }

    @Test("zlib- and gzip-compressed joblib files are decompressed")
    func compressed() {
        let length = UInt16(maliciousPickle.count)
        let storedBlock: [UInt8] = [0x01] + B.littleEndian(UInt64(length), 2) + B.littleEndian(UInt64(~length), 2) + maliciousPickle
        let zlib: [UInt8] = [0x78, 0x9C] + storedBlock + [0, 0, 0, 0]
        #expect(scanner.scan(path: "model.joblib", contents: zlib).dangerous == [osSystem])
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0, 0, 0x03] + B.ascii("m.pkl") + [0] + storedBlock + [0, 0, 0, 0, 0, 0, 0, 0]
        #expect(scanner.scan(path: "model.joblib", contents: gzip).dangerous == [osSystem])
    }

    @Test("Malformed files give a clean report with an error")
    func malformed() {
        let report = scanner.scan(path: "model.pkl", contents: B.ascii("zebra"))
        #expect(!report.isUnsafe)
        #expect(report.errors == ["unknown opcode 0x7a at offset 0"])
        let text = scanner.scan(path: "model.pkl", contents: B.ascii("plain text"))
        #expect(text.errors == ["not enough data for the argument of PUT at offset 0"])
    }

    @Test("Safe globals are left out of the report; others are listed as unknown")
    func reportLists() {
        let stream: [UInt8] = [0x80, 0x02] + B.ascii("ccollections\nOrderedDict\n") + B.ascii("cmypkg\nNet\n") + B.ascii("cposix\nsystem\n") + [0x2E]
        let report = scanner.scan(path: "m.pkl", contents: stream)
        #expect(report.dangerous == [PickleGlobal(module: "posix", name: "system")])
        #expect(report.unknown == [PickleGlobal(module: "mypkg", name: "Net")])
    }

    @Test("Data and array slices are read in place")
    func contiguousCollections() {
        #expect(scanner.scan(path: "m.pkl", contents: Data(maliciousPickle)).isUnsafe)
        #expect(scanner.scan(path: "m.pkl", contents: ([0, 0] + maliciousPickle).dropFirst(2)).isUnsafe)
    }

    @Test("Which files are scanned", arguments: [
        ("model.pkl", [] as [UInt8], true), ("dir/model.PT", [], true), ("weights.bin", [], true), ("x.ckpt", [], true),
        ("data.npy", [], true), ("archive.npz", [], true), ("model.joblib", [], true), ("a.dat", [], true),
        ("MLmodel", ScanTestBytes.ascii("flavors:"), false), ("model", [0x80, 0x04, 0x95], true), ("model", [0x80, 0x06], false),
        ("checkpoint", [0x50, 0x4B, 0x03, 0x04], true), (".pkl", [], false), ("conda.yaml", [], false),
    ])
    func shouldScan(path: String, firstBytes: [UInt8], expected: Bool) {
        #expect(ArtifactScanner.shouldScan(path: path, firstBytes: firstBytes) == expected)
    }

    @Test("A 100 MB pickle of arrays is scanned by skipping payloads")
    func largePayloads() {
        let chunk = 10 << 20
        let head: [UInt8] = [0x80, 0x04] + B.shortBinUnicode("numpy") + [0x94] + B.shortBinUnicode("dtype") + [0x94, 0x93, 0x5D, 0x28]
        // Ten BINBYTES8 payloads of "c" bytes, which would read as GLOBAL opcodes if they were not skipped.
        var stream = [UInt8](repeating: 0x63, count: head.count + 10 * (9 + chunk) + 2)
        stream.replaceSubrange(0..<head.count, with: head)
        for index in 0..<10 {
            let start = head.count + index * (9 + chunk)
            stream.replaceSubrange(start..<(start + 9), with: [0x8E] + B.littleEndian(UInt64(chunk), 8))
        }
        stream.replaceSubrange((stream.count - 2)..., with: [0x65, 0x2E])
        // The payloads are skipped, not read as opcodes (no timing assertion: shared machines are noisy).
        let report = scanner.scan(path: "arrays.pkl", contents: stream)
        #expect(report.errors == [])
        #expect(report.isUnsafe == false)
        #expect(report.dangerous.isEmpty && report.unknown.isEmpty)
    }
}
