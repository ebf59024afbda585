import FerryBlobs
import FerryCore
import FerryInferenceServer
import NIOCore

/// The prediction-log objects of one model that may hold records from a time window, read whole.
///
/// `ferry serve --log-predictions` names each object after the time of its first record and flushes every
/// second, so an object named up to ``flushSlack`` before the window's start may still hold records inside it;
/// the reader filters records by their own timestamps.
public struct PredictionLogWindow: Sendable {
    /// How long before the window's start an object may begin and still hold records inside the window.
    public static let flushSlack: Int64 = 60_000

    /// The store the log writes to.
    public let store: any BlobStore
    /// The log's folder in the store (`--log-predictions`' prefix).
    public let prefix: BlobPath
    /// The served model's name, as the log writes it.
    public let model: String

    public init(store: any BlobStore, prefix: BlobPath, model: String) {
        self.store = store
        self.prefix = prefix
        self.model = model
    }

    /// One object of the log.
    public struct Object: Sendable, Equatable {
        /// Its path in the store.
        public var path: BlobPath
        /// Its name's time, `yyyymmddTHHMMSSZ`.
        public var compactTime: String
    }

    /// The objects that may hold records from `from` (inclusive) to `to` (exclusive), epoch milliseconds, oldest first.
    public func objects(from: Int64, to: Int64) async throws -> [Object] {
        let folder = PredictionLogPath.modelFolder(prefix: prefix, model: model)
        let earliest = CivilTime(millisecondsSince1970: from - Self.flushSlack)
        let latest = CivilTime(millisecondsSince1970: to)
        var objects = [Object]()
        for day in try await store.list(folder) where day.isDirectory {
            guard day.name >= earliest.date, day.name <= latest.date else { continue }
            let dayFolder = try folder.appending(segment: day.name)
            for entry in try await store.list(dayFolder) where !entry.isDirectory {
                guard let time = PredictionLogPath.compactTime(ofObjectNamed: entry.name),
                    time >= earliest.compact, time <= latest.compact
                else { continue }
                objects.append(Object(path: try dayFolder.appending(segment: entry.name), compactTime: time))
            }
        }
        return objects.sorted { ($0.compactTime, $0.path.description) < ($1.compactTime, $1.path.description) }
    }

    /// The bytes of one object.
    public func read(_ object: Object) async throws -> [UInt8] {
        var bytes = [UInt8]()
        try await store.read(object.path) { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        return bytes
    }
}
