/// Names for the columns of wide tensors in a prediction log, so they line up with the reference's columns.
///
/// The log names a `[N,F]` tensor's columns `T[0]` … `T[F-1]`. A tensor named in `given` takes those names. Otherwise,
/// when the reference has none of the `T[i]` columns, the reference's columns that match no other log column are taken
/// in order, if there are exactly F of them: a model trained on `f0,f1,f2,f3` (plus, say, a `label` column that is
/// also an output) is served one `[N,4]` input, and its columns come back as `f0` … `f3`.
public enum WideTensorNaming {
    /// The names to read the log with.
    public static func names(given: [String: [String]], logColumns: [String], referenceColumns: [String]) -> [String: [String]] {
        var names = given
        let widths = wideTensorWidths(logColumns)
        let reference = Set(referenceColumns)
        let wideColumns = Set(widths.flatMap { tensor, width in (0..<width).map { "\(tensor)[\($0)]" } })
        let plainLogColumns = Set(logColumns).subtracting(wideColumns)
        for (tensor, width) in widths.sorted(by: { $0.key < $1.key }) where names[tensor] == nil {
            guard !(0..<width).contains(where: { reference.contains("\(tensor)[\($0)]") }) else { continue }
            let unmatched = referenceColumns.filter { !plainLogColumns.contains($0) && !names.values.joined().contains($0) }
            if unmatched.count == width { names[tensor] = unmatched }
        }
        return names
    }

    /// Tensor name → width, for columns named `T[i]` with i running from 0.
    static func wideTensorWidths(_ columns: [String]) -> [String: Int] {
        var widths = [String: Int]()
        for column in columns {
            guard column.hasSuffix("]"), let open = column.lastIndex(of: "["),
                let index = Int(column[column.index(after: open)..<column.index(before: column.endIndex)])
            else { continue }
            let tensor = String(column[..<open])
            widths[tensor] = max(widths[tensor] ?? 0, index + 1)
        }
        return widths
    }
}
