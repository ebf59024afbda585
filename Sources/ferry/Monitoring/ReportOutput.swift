import FerryMonitor
import Foundation

/// Writes a drift report's HTML and JSON files, each all-or-nothing (written beside the target, then renamed).
enum ReportOutput {
    static func write(_ report: DriftReport, html: String?, json: String?) throws {
        if let html {
            try atomicWrite(Data(DriftReportHTML.render(report).utf8), to: html)
        }
        if let json {
            let encoder = DriftReportJSON.encoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            let data = try encoder.encode(report)
            if json == "-" {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else {
                try atomicWrite(data, to: json)
            }
        }
    }

    /// Writes `data` to `path` through a temporary file in the same folder, so readers never see half a file.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw MonitoringExit.fail("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
