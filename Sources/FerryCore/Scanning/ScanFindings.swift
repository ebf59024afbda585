/// What the scan of one file has found so far, gathered from every part of it.
struct ScanFindings {
    /// Every global imported anywhere in the file.
    var globals: Set<PickleGlobal> = []
    /// Errors, each prefixed with the part of the file it concerns.
    var errors: [String] = []

    /// Adds an error about `part` (a ZIP member name; `nil` for the file itself).
    mutating func note(_ message: String, in part: String?) {
        errors.append(part.map { "\($0): \(message)" } ?? message)
    }

    /// Adds what a pickle stream scan found in `part`.
    mutating func add(_ scan: PickleStreamScan, in part: String?) {
        globals.formUnion(scan.globals)
        for error in scan.errors { note(error.description, in: part) }
    }

    /// Adds everything `other` found.
    mutating func merge(_ other: ScanFindings) {
        globals.formUnion(other.globals)
        errors.append(contentsOf: other.errors)
    }
}
