/// The verdict of a scan over several files.
public enum ScanVerdict: String, Sendable, Equatable {
    /// No file imports anything dangerous.
    case clean
    /// At least one file imports something dangerous.
    case unsafe
}

/// The scan reports of a model version's artifact files, taken together.
public struct ScanSummary: Sendable, Equatable {
    /// The report of every file scanned.
    public let files: [FileScanReport]

    /// A summary of `files`.
    public init(files: [FileScanReport]) {
        self.files = files
    }

    /// `unsafe` when any file is unsafe, otherwise `clean`.
    public var verdict: ScanVerdict { files.contains(where: \.isUnsafe) ? .unsafe : .clean }

    /// One line per dangerous import, `path: module.name` (or `module.name` for a file with an empty
    /// path), sorted and without repeats. Control characters from the file are shown as `\xNN`.
    public var findings: [String] {
        var lines: Set<String> = []
        for file in files {
            for global in file.dangerous {
                let text = Self.printable(global.description)
                lines.insert(file.path.isEmpty ? text : "\(Self.printable(file.path)): \(text)")
            }
        }
        return lines.sorted()
    }

    /// `text` with control characters written as `\xNN`, since module names come from untrusted files.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
