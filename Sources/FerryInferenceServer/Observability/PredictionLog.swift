import FerryBlobs
import FerryCore
import FerryServing
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Samples inference requests with their answers and writes them as JSON Lines to a blob store, so that
/// monitoring can compute drift on live traffic.
///
/// The request path calls ``submit(model:version:protocol:requestID:inputs:outputs:)``, which only takes
/// a lock to sample and buffer; the service's ``run()`` writes the buffer every `flushInterval`, and once
/// more at graceful shutdown. Blob stores cannot append, so each flush writes new objects, one per model
/// and UTC day:
///
///     <prefix>/<model>/<yyyy-mm-dd>/<yyyymmddTHHMMSSZ>-<unique>.jsonl
///
/// where the time is that of the object's first record, `<model>` is the name made a safe path segment
/// (``PredictionLogPath/segment(_:)``: `team/churn` is `team%2Fchurn`) and `<unique>` is random, so that
/// replicas writing to one prefix never collide. The format of the lines is ``PredictionRecord``'s.
/// Each object is one `write`, which a store completes or leaves undone, never half-written.
///
/// Memory is bounded: at most `maxBufferedRecords` records wait (each holding its request's tensors);
/// records sampled while the buffer is full are dropped and counted. A failed write puts its records back
/// for the next flush, as far as there is room.
final class PredictionLog: Service, Sendable {
    /// Counts since the log was made.
    struct Statistics: Sendable, Equatable {
        /// Requests passed to `submit`.
        var submitted = 0
        /// Requests the sampler kept.
        var sampled = 0
        /// Sampled records thrown away because the buffer was full.
        var dropped = 0
        /// Records written to the store.
        var written = 0
    }

    private struct State {
        var pending: [PredictionRecord] = []
        var sampler: PredictionSampler
        var statistics = Statistics()
        /// Drops not yet reported in the log.
        var unreportedDrops = 0
    }

    let store: any BlobStore
    /// The folder the objects go under.
    let prefix: BlobPath
    let flushInterval: Duration
    let maxBufferedRecords: Int
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let state: Mutex<State>

    /// A log that does nothing until requests are submitted and ``run()`` or ``flush()`` is called.
    /// - Parameters:
    ///   - store: where the objects go (a local folder, S3, ...).
    ///   - prefix: the `/`-separated folder under which they go; each part is made a safe path segment, and
    ///     `""` is the store's root.
    ///   - sampleRate: the probability (`0...1`) that a request is logged; out-of-range values are clamped.
    ///   - flushInterval: how often ``run()`` writes the buffer.
    ///   - maxBufferedRecords: the most records that wait for a flush (at least 1).
    ///   - logger: for failed writes and dropped records.
    ///   - samplingSeed: fixes the sampler's random sequence (tests); `nil` seeds it from the system.
    ///   - now: the wall clock that stamps records (tests fix it).
    init(
        store: any BlobStore,
        prefix: String,
        sampleRate: Double,
        flushInterval: Duration = .seconds(1),
        maxBufferedRecords: Int = 10_000,
        logger: Logger,
        samplingSeed: UInt64? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.prefix = PredictionLogPath.prefix(prefix)
        self.flushInterval = flushInterval
        self.maxBufferedRecords = max(1, maxBufferedRecords)
        self.logger = logger
        self.now = now
        let sampler = PredictionSampler(rate: sampleRate, seed: samplingSeed ?? UInt64.random(in: .min ... .max))
        self.state = Mutex(State(sampler: sampler))
    }

    /// The sample rate in effect, after clamping.
    var sampleRate: Double { state.withLock { $0.sampler.rate } }

    /// Counts since the log was made.
    var statistics: Statistics { state.withLock { $0.statistics } }

    /// Offers one answered request to the log; it is kept with probability `sampleRate`.
    ///
    /// Never waits for I/O: it samples, stamps and buffers the record under a lock and returns. Tensors
    /// are values whose storage is shared, not copied, until they are written.
    /// - Returns: whether the record was buffered (sampled, and there was room).
    @discardableResult
    func submit(
        model: String,
        version: String,
        protocol protocolName: String,
        requestID: String?,
        inputs: [InferenceTensor],
        outputs: [InferenceTensor]
    ) -> Bool {
        state.withLock { state in
            state.statistics.submitted += 1
            guard state.sampler.sample() else { return false }
            state.statistics.sampled += 1
            guard state.pending.count < maxBufferedRecords else {
                state.statistics.dropped += 1
                state.unreportedDrops += 1
                return false
            }
            let milliseconds = (now().timeIntervalSince1970 * 1000).rounded()
            state.pending.append(
                PredictionRecord(
                    millisecondsSince1970: Int64(exactly: milliseconds) ?? 0,
                    model: model, version: version, protocolName: protocolName, requestID: requestID,
                    inputs: inputs, outputs: outputs))
            return true
        }
    }

    /// Writes every buffered record now: one object per model and UTC day.
    ///
    /// - Throws: the store's error for the first object that could not be written, after the others were
    ///   written; the records of failed objects wait for the next flush (as far as there is room).
    func flush() async throws {
        let (batch, drops) = state.withLock { state in
            defer {
                state.pending.removeAll(keepingCapacity: false)
                state.unreportedDrops = 0
            }
            return (state.pending, state.unreportedDrops)
        }
        if drops > 0 {
            logger.warning(
                "Prediction log buffer full: dropped sampled records",
                metadata: ["dropped": "\(drops)", "max_buffered_records": "\(maxBufferedRecords)"])
        }
        var failed: [PredictionRecord] = []
        var firstError: (any Error)?
        for group in Self.objects(batch) {
            guard let first = group.first else { continue }
            do {
                let path = try PredictionLogPath.object(
                    prefix: prefix, model: first.model, time: first.time, unique: Self.uniqueName())
                try await store.write(path, bytes: ByteBuffer(bytes: PredictionRecord.jsonLines(group)))
                state.withLock { $0.statistics.written += group.count }
            } catch {
                failed += group
                firstError = firstError ?? error
            }
        }
        guard let firstError else { return }
        requeue(failed)
        throw firstError
    }

    /// Flushes every `flushInterval` until a graceful shutdown (or cancellation), then flushes what is left.
    /// A failed flush is logged and retried at the next interval.
    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: flushInterval) } catch { break }
                await flushLoggingFailure()
            }
        }
        await flushLoggingFailure()
    }

    private func flushLoggingFailure() async {
        do {
            try await flush()
        } catch {
            logger.warning(
                "Could not write the prediction log; its records wait for the next flush",
                metadata: ["prefix": "\(prefix)", "error": "\(error)"])
        }
    }

    /// Puts records that could not be written back in front of the buffer, dropping what does not fit.
    private func requeue(_ records: [PredictionRecord]) {
        state.withLock { state in
            let room = max(0, maxBufferedRecords - state.pending.count)
            let kept = records.suffix(room)
            state.pending.insert(contentsOf: kept, at: 0)
            state.statistics.dropped += records.count - kept.count
            state.unreportedDrops += records.count - kept.count
        }
    }

    /// The batch split into objects: the records of one model path segment and UTC day each, in the order
    /// of their first record, records in submission order.
    private static func objects(_ batch: [PredictionRecord]) -> [[PredictionRecord]] {
        struct Key: Hashable {
            var model: String
            var day: String
        }
        var groups: [Key: [PredictionRecord]] = [:]
        var order: [Key] = []
        for record in batch {
            let key = Key(model: PredictionLogPath.segment(record.model), day: record.time.date)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        return order.compactMap { groups[$0] }
    }

    /// 16 random hex digits.
    private static func uniqueName() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
