@testable import FerryCore
import Foundation
import Testing

@Suite("Scan summary and model-version tags")
struct ScanSummaryTests {
    private let osSystem = PickleGlobal(module: "os", name: "system")

    @Test("Verdict and findings")
    func verdict() {
        let summary = ScanSummary(files: [
            FileScanReport(path: "model/model.pkl", dangerous: [osSystem, PickleGlobal(module: "builtins", name: "eval"), osSystem]),
            FileScanReport(path: "model/clean.pkl", unknown: [PickleGlobal(module: "mypkg", name: "Net")]),
            FileScanReport(path: "", dangerous: [PickleGlobal(module: "posix", name: "system")]),
        ])
        #expect(summary.verdict == .unsafe)
        #expect(summary.findings == ["model/model.pkl: builtins.eval", "model/model.pkl: os.system", "posix.system"])
        #expect(ScanSummary(files: [FileScanReport(path: "a.pkl")]).verdict == .clean)
        #expect(ScanSummary(files: []).verdict == .clean)
    }

    @Test("Tag values")
    func tags() {
        let tags = ModelVersionScanTags(summary: ScanSummary(files: [FileScanReport(path: "model.pkl", dangerous: [osSystem])]))
        #expect(tags.verdict == "unsafe")
        #expect(tags.findings == "model.pkl: os.system")
        #expect(tags.tags == ["ferry.scan": "unsafe", "ferry.scan.findings": "model.pkl: os.system"])
        let clean = ModelVersionScanTags(summary: ScanSummary(files: [FileScanReport(path: "model.pkl")]))
        #expect(clean.tags == ["ferry.scan": "clean", "ferry.scan.findings": ""])
    }

    @Test("Long findings are cut with a count of what was left out")
    func truncation() {
        let globals = (0..<400).map { PickleGlobal(module: "os", name: "function\($0)") }
        let tags = ModelVersionScanTags(summary: ScanSummary(files: [FileScanReport(path: "model.pkl", dangerous: globals)]))
        #expect(tags.findings.unicodeScalars.count <= 5000)
        #expect(tags.findings.hasPrefix("model.pkl: os.function0, model.pkl: os.function1, "))
        let kept = tags.findings.components(separatedBy: ", ").count - 1
        #expect(tags.findings.hasSuffix(", …(\(400 - kept) more)"))
        #expect(ModelVersionScanTags.joined(["a", "b", "c"], limit: 4) == "…(3 more)")
        #expect(ModelVersionScanTags.joined(["aaaa", "bbbb", "cccc"], limit: 15) == "aaaa, …(2 more)")
        #expect(ModelVersionScanTags.joined(["aaaa", "bbbb", "cccc"], limit: 16) == "aaaa, bbbb, cccc")
    }

    @Test("Control characters from a file are escaped")
    func printable() {
        let summary = ScanSummary(files: [FileScanReport(path: "m.pkl", dangerous: [PickleGlobal(module: "os\n", name: "sys\u{7}tem")])])
        #expect(summary.findings == ["m.pkl: os\\x0a.sys\\x07tem"])
    }
}
