import FerryServing
import Foundation

/// ferry-serving-bench: times `ServableModel.infer` in process, the way Benchmarks/serving/runtime.py times
/// onnxruntime's `InferenceSession.run`, on the same model file and the same rows.
///
///     ferry-serving-bench MODEL.onnx ROWS.f32 FEATURES [--warmup 500] [--calls 20000] [--batch 1000]
///                         [--repeats 3] [--batch-seconds 2] [--outputs OUT.json]
///
/// ROWS.f32 holds float32 rows, little-endian, row-major. Single-row calls cycle through the rows; batch calls
/// take the first `--batch` rows. It prints one JSON object of figures, and writes the batch's outputs to
/// `--outputs` so that the caller can check they equal onnxruntime's.
struct Options {
    var model = ""
    var rows = ""
    var features = 0
    var warmup = 500
    var calls = 20_000
    var batch = 1_000
    var repeats = 3
    var batchSeconds = 2.0
    var outputs: String?

    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--warmup": warmup = try Self.int(value())
            case "--calls": calls = try Self.int(value())
            case "--batch": batch = try Self.int(value())
            case "--repeats": repeats = try Self.int(value())
            case "--batch-seconds": batchSeconds = Double(try value()) ?? batchSeconds
            case "--outputs": outputs = try value()
            case "-h", "--help": throw BenchError(Self.usage)
            default: positional.append(arguments[index])
            }
            index += 1
        }
        guard positional.count == 3, let features = Int(positional[2]), features > 0 else { throw BenchError(Self.usage) }
        (model, rows, self.features) = (positional[0], positional[1], features)
    }

    static let usage = """
        usage: ferry-serving-bench MODEL.onnx ROWS.f32 FEATURES [--warmup N] [--calls N] [--batch N] [--repeats N] \
        [--batch-seconds S] [--outputs OUT.json]
        """

    private static func int(_ text: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw BenchError("'\(text)' is not a positive count") }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let model: ServableModel
    do {
        model = try ServableModel(onnx: [UInt8](try Data(contentsOf: URL(fileURLWithPath: options.model))))
    } catch let error as InferenceError {
        throw BenchError("cannot load \(options.model): \(error.message)")
    }
    guard let input = model.inputs.first, model.inputs.count == 1, input.datatype == .fp32 else {
        throw BenchError("the benchmark needs a model with one FP32 input")
    }
    let rows = try RowFile(path: options.rows, features: options.features)
    guard rows.count >= options.batch else { throw BenchError("\(rows.count) rows are fewer than a batch of \(options.batch)") }
    let singles = (0..<rows.count).map { InferenceTensor(name: input.name, datatype: .fp32, shape: [1, options.features], data: .float(rows.row($0))) }
    let batch = InferenceTensor(name: input.name, datatype: .fp32, shape: [options.batch, options.features], data: .float(rows.first(options.batch)))

    var best: Timing.RowFigures?
    for _ in 0..<options.repeats {
        let figures = try Timing.singleRows(model, singles, warmup: options.warmup, calls: options.calls)
        if best == nil || figures.wallP50 < best!.wallP50 { best = figures }
    }
    let throughput = try Timing.batchRowsPerSecond(model, batch, rows: options.batch, seconds: options.batchSeconds)
    if let path = options.outputs {
        try OutputFile.write(try model.infer([batch]), to: path)
    }
    let figures: [String: Any] = [
        "p50_wall_us": best?.wallP50 ?? 0, "p99_wall_us": best?.wallP99 ?? 0, "p50_cpu_us": best?.cpuP50 ?? 0,
        "batch_rows_per_s": throughput, "calls": options.calls, "batch": options.batch,
    ]
    let json = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("ferry-serving-bench: \(error)\n".utf8))
    exit(1)
}
