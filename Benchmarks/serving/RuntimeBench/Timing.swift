import FerryServing
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The clocks and loops of the benchmark: wall time from the monotonic clock, CPU time of the calling thread.
enum Timing {
    struct RowFigures {
        var wallP50: Double
        var wallP99: Double
        var cpuP50: Double
    }

    static func nanoseconds(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// `warmup` untimed calls, then `calls` single-row calls, each timed (µs), cycling through `rows`.
    static func singleRows(_ model: ServableModel, _ rows: [InferenceTensor], warmup: Int, calls: Int) throws -> RowFigures {
        var checksum = 0
        for call in 0..<warmup { checksum &+= try model.infer([rows[call % rows.count]]).count }
        var wall = [Double](repeating: 0, count: calls), cpu = [Double](repeating: 0, count: calls)
        for call in 0..<calls {
            let request = [rows[call % rows.count]]
            let cpuStart = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            let wallStart = nanoseconds(CLOCK_MONOTONIC)
            let response = try model.infer(request)
            let wallEnd = nanoseconds(CLOCK_MONOTONIC)
            let cpuEnd = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            checksum &+= response.count
            wall[call] = Double(wallEnd - wallStart) / 1_000
            cpu[call] = Double(cpuEnd - cpuStart) / 1_000
        }
        guard checksum > 0 else { throw BenchError("the model returned no outputs") }
        wall.sort()
        cpu.sort()
        return RowFigures(wallP50: percentile(wall, 0.5), wallP99: percentile(wall, 0.99), cpuP50: percentile(cpu, 0.5))
    }

    /// Rows per second over repeated calls on one batch, for at least `seconds` (after three warm-up calls).
    static func batchRowsPerSecond(_ model: ServableModel, _ batch: InferenceTensor, rows: Int, seconds: Double) throws -> Double {
        for _ in 0..<3 { _ = try model.infer([batch]) }
        let start = nanoseconds(CLOCK_MONOTONIC)
        let limit = Int64(seconds * 1e9)
        var calls = 0
        var elapsed: Int64 = 0
        repeat {
            _ = try model.infer([batch])
            calls += 1
            elapsed = nanoseconds(CLOCK_MONOTONIC) - start
        } while elapsed < limit
        return Double(calls * rows) / (Double(elapsed) / 1e9)
    }

    /// The value below which `fraction` of the sorted `values` lie (nearest rank).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))]
    }
}

/// Float32 rows read from a little-endian, row-major file.
struct RowFile {
    let values: [Float]
    let features: Int
    var count: Int { values.count / features }

    init(path: String, features: Int) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count % (4 * features) == 0 else { throw BenchError("\(path) does not hold whole rows of \(features) float32 values") }
        var values = [Float](repeating: 0, count: bytes.count / 4)
        values.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        self.values = values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
        self.features = features
    }

    func row(_ index: Int) -> [Float] { Array(values[(index * features)..<((index + 1) * features)]) }
    func first(_ rows: Int) -> [Float] { Array(values[0..<(rows * features)]) }
}

/// The batch's outputs as JSON: {name: {"datatype", "shape", "values"}}.
enum OutputFile {
    static func write(_ tensors: [InferenceTensor], to path: String) throws {
        var outputs: [String: Any] = [:]
        for tensor in tensors {
            let values: [Any] = switch tensor.data {
            case .float(let values): values.map { Double($0) }
            case .double(let values): values
            case .int64(let values): values
            case .uint64(let values): values
            case .bool(let values): values
            case .string(let values): values
            }
            outputs[tensor.name] = ["datatype": tensor.datatype.rawValue, "shape": tensor.shape, "values": values]
        }
        try JSONSerialization.data(withJSONObject: outputs).write(to: URL(fileURLWithPath: path))
    }
}
