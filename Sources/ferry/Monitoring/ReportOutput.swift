import FerryMonitor
import Foundation

/// Writes reports: files all-or-nothing (written beside the target, then renamed), or standard output for `-`.
enum ReportOutput {
    /// Writes a drift report's HTML and JSON, where asked.
    static func write(_ report: DriftReport, html: String?, json: String?) throws {
        if let html { try emit(Data(DriftReportHTML.render(report).utf8), to: html) }
        if let json {
            let encoder = DriftReportJSON.encoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            try emit(try encoder.encode(report), to: json)
        }
    }

    /// Writes `data` to `destination`: standard output for `-`, else the file, through a temporary file in the same
    /// folder so readers never see half a file.
    static func emit(_ data: Data, to destination: String) throws {
        if destination == "-" {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: destination), options: .atomic)
        } catch {
            throw MonitoringExit.fail("cannot write \(destination): \(error.localizedDescription)")
        }
    }
}
