import FerryCore
import SQLKit

extension SQLTrackingStore {
    /// Sets one tag in a `(owner columns..., key, value)` tag table, replacing any value it had.
    static func upsertTag(
        _ db: any SQLDatabase, table: String, owner: KeyValuePairs<String, any Encodable & Sendable>, _ tag: KeyValue
    ) async throws {
        let ownerColumns = owner.map(\.key).joined(separator: ", ")
        let values: [any Encodable & Sendable] = owner.map(\.value) + [tag.key, tag.value]
        try await db.raw(
            """
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: ownerColumns), key, value) VALUES (\(binds: values))
            ON CONFLICT (\(unsafeRaw: ownerColumns), key) DO UPDATE SET value = excluded.value
            """
        ).run()
    }
}
