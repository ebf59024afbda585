/// Which columns the tensors of a prediction log become, fixed by the first record read: inputs sorted by name,
/// then outputs sorted by name; `[N]`/`[N,1]` is one column named after the tensor, `[N,F]` is `name[0]` …
/// `name[F-1]` unless the caller names them; an output column whose name an input column has gets `output.`.
struct TensorColumnLayout {
    /// One tensor's place in the table.
    struct Tensor {
        let name: String
        let nameBytes: [UInt8]
        let isOutput: Bool
        let category: TensorCategory
        let width: Int
        /// The index of its first column.
        let firstColumn: Int
    }

    private(set) var tensors: [Tensor] = []
    private(set) var columnNames: [String] = []
    private(set) var categories: [TensorCategory] = []

    /// The layout of `stage`'s tensors.
    init(stage: RecordStage, scanner: JSONLineScanner, columnNames names: [String: [String]], source: String) throws(TableError) {
        var named: [(name: String, bytes: [UInt8], tensor: StagedTensor)] = []
        for tensor in stage.tensors {
            var bytes: [UInt8] = []
            let name: String
            do {
                try scanner.unescape(tensor.name, into: &bytes)
                name = try scanner.text(tensor.name)
            } catch {
                throw TableError(source: source, message: "a tensor name is not valid text: \(error.message)")
            }
            named.append((name, bytes, tensor))
        }
        let ordered = named.filter { !$0.tensor.isOutput }.sorted { $0.name < $1.name }
            + named.filter { $0.tensor.isOutput }.sorted { $0.name < $1.name }
        var inputColumns = Set<String>()
        var seen = Set<String>()
        for entry in ordered {
            var tensorColumns: [String]
            if let given = names[entry.name] {
                guard given.count == entry.tensor.width else {
                    throw TableError(
                        source: source,
                        message: "\(given.count) column names are given for tensor '\(entry.name)', which has \(entry.tensor.width) columns")
                }
                tensorColumns = given
            } else if entry.tensor.width == 1 {
                tensorColumns = [entry.name]
            } else {
                tensorColumns = (0..<entry.tensor.width).map { "\(entry.name)[\($0)]" }
            }
            if entry.tensor.isOutput {
                tensorColumns = tensorColumns.map { inputColumns.contains($0) ? "output." + $0 : $0 }
            } else {
                inputColumns.formUnion(tensorColumns)
            }
            for column in tensorColumns where !seen.insert(column).inserted {
                throw TableError(source: source, column: column, message: "two tensor columns would both be named this")
            }
            tensors.append(
                Tensor(
                    name: entry.name, nameBytes: entry.bytes, isOutput: entry.tensor.isOutput, category: entry.tensor.category,
                    width: entry.tensor.width, firstColumn: columnNames.count))
            columnNames += tensorColumns
            categories += Array(repeating: entry.tensor.category, count: entry.tensor.width)
        }
    }

    /// For each staged tensor, its layout tensor (checking the record has the same tensors, widths and kinds).
    func match(_ stage: RecordStage, _ scanner: JSONLineScanner, into matched: inout [Int]) throws(BadLine) {
        matched.removeAll(keepingCapacity: true)
        guard stage.tensors.count == tensors.count else {
            throw BadLine("the record has \(stage.tensors.count) tensors; earlier records had \(tensors.count) (\(tensors.map(\.name).joined(separator: ", ")))")
        }
        for staged in stage.tensors {
            guard let index = find(staged, scanner) else {
                let side = staged.isOutput ? "output" : "input"
                throw BadLine("\(side) tensor '\(scanner.describe(staged.name))' was not in earlier records")
            }
            let tensor = tensors[index]
            guard staged.width == tensor.width else {
                throw BadLine("tensor '\(tensor.name)' has \(staged.width) columns here but \(tensor.width) in earlier records")
            }
            guard staged.category == tensor.category else {
                throw BadLine("tensor '\(tensor.name)' changed datatype kind from \(tensor.category) to \(staged.category)")
            }
            matched.append(index)
        }
    }

    /// The layout tensor with the staged tensor's side and name (trying the same position first).
    private func find(_ staged: StagedTensor, _ scanner: JSONLineScanner) -> Int? {
        for (index, tensor) in tensors.enumerated() where tensor.isOutput == staged.isOutput {
            if nameMatches(tensor, staged.name, scanner) { return index }
        }
        return nil
    }

    @inline(__always)
    private func nameMatches(_ tensor: Tensor, _ range: JSONLineScanner.StringRange, _ scanner: JSONLineScanner) -> Bool {
        if !range.hasEscapes {
            guard range.count == tensor.nameBytes.count else { return false }
            return tensor.nameBytes.withUnsafeBufferPointer { memcmpBytes($0.baseAddress ?? scanner.base, scanner.base + range.start, range.count) }
        }
        var bytes: [UInt8] = []
        guard (try? scanner.unescape(range, into: &bytes)) != nil else { return false }
        return bytes == tensor.nameBytes
    }
}
