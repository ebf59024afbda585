/// Hands out connections one task at a time: a connection is used by one borrower until it is returned.
///
/// SQLite connections must not run statements for two readers at once: a statement still open on a
/// connection keeps its read snapshot alive, so a second reader on the same connection could miss a
/// write committed in between (a client would not find the version it has just created).
actor ConnectionLease<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty, "a lease needs at least one connection")
        idle = connections
    }

    /// Runs `body` with a connection no one else is using, waiting (first come, first served) for one.
    nonisolated func withConnection<T: Sendable>(_ body: @Sendable (Connection) async throws -> T) async throws -> T {
        let connection = await borrow()
        do {
            let result = try await body(connection)
            await giveBack(connection)
            return result
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    private func borrow() async -> Connection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func giveBack(_ connection: Connection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }
}
