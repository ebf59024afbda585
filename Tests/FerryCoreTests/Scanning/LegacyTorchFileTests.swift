@testable import FerryCore
import Testing

@Suite("Legacy torch.save files")
struct LegacyTorchFileTests {
    private typealias B = ScanTestBytes
    private let scanner = ArtifactScanner()

    /// `pickle.dumps(MAGIC_NUMBER, 2)`: PROTO 2, LONG1 of 10 bytes, STOP.
    private let magic: [UInt8] = [0x80, 0x02, 0x8A, 0x0A] + LegacyTorchFile.magicNumberBytes + [0x2E]
    private let protocolVersion: [UInt8] = [0x80, 0x02, 0x4D, 0xE9, 0x03, 0x2E]
    private let systemInfo: [UInt8] = [0x80, 0x02, 0x7D, 0x2E]
    private let storageKeys: [UInt8] = [0x80, 0x02, 0x5D, 0x58, 1, 0, 0, 0, 0x30, 0x61, 0x2E]
    private let rawStorage: [UInt8] = [0x00, 0x01, 0xFF, 0x63, 0x6F, 0x73, 0x0A]

    private func object(_ module: String, _ name: String) -> [UInt8] {
        [0x80, 0x02] + B.ascii("c\(module)\n\(name)\n") + [0x29, 0x52, 0x2E]
    }

    @Test("The magic number is recognised in binary and text form")
    func magicNumber() {
        #expect(withBuffer(magic) { LegacyTorchFile.startsWithMagicNumber($0) })
        #expect(withBuffer(B.ascii("L119547037146038801333356L\n.")) { LegacyTorchFile.startsWithMagicNumber($0) })
        #expect(!withBuffer(protocolVersion) { LegacyTorchFile.startsWithMagicNumber($0) })
    }

    @Test("Five pickles are read and the raw storages after them are not")
    func fivePickles() {
        let file = magic + protocolVersion + systemInfo + object("collections", "OrderedDict") + storageKeys + rawStorage
        let report = scanner.scan(path: "model.pt", contents: file)
        #expect(!report.isUnsafe)
        #expect(report.errors.isEmpty)
        let malicious = magic + protocolVersion + systemInfo + object("posix", "system") + storageKeys + rawStorage
        #expect(scanner.scan(path: "model.pt", contents: malicious).dangerous == [PickleGlobal(module: "posix", name: "system")])
    }

    @Test("An error ends one pickle; the next is read from where it stopped")
    func errorsDoNotEndTheFile() {
        let brokenSystemInfo: [UInt8] = [0x80, 0x02, 0x7D, 0x8C, 0x02, 0xC3, 0x28, 0x2E]  // bad UTF-8, then STOP
        let file = magic + protocolVersion + brokenSystemInfo + object("os", "system") + storageKeys
        let report = scanner.scan(path: "model.pth", contents: file)
        #expect(report.dangerous == [PickleGlobal(module: "os", name: "system")])
        #expect(report.errors.count == 1)
    }

    @Test("Without the magic number, a first pickle that imports something is still read as legacy")
    func magicBypass() {
        let file = object("builtins", "eval") + protocolVersion + object("os", "system")
        #expect(scanner.scan(path: "model.bin", contents: file).dangerous.count == 2)
        #expect(withBuffer(systemInfo + protocolVersion) { LegacyTorchFile.scan($0) } == nil)
    }
}
