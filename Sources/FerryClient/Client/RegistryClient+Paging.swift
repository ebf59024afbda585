extension RegistryClient {
    /// Fetches pages until the server stops sending a token or `limit` items have come, and returns the
    /// items in order. `fetch` gets the page token (nil first) and how many items are still wanted (nil
    /// when there is no limit). A token the server already sent ends the walk, so a faulty server
    /// cannot loop it forever.
    static func collectPages<Item: Sendable>(
        limit: Int? = nil, _ fetch: (_ pageToken: String?, _ remaining: Int?) async throws -> Page<Item>
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seenTokens: Set<String> = []
        while true {
            let remaining = limit.map { $0 - items.count }
            if let remaining, remaining <= 0 { break }
            let page = try await fetch(token, remaining)
            items += remaining.map { Array(page.items.prefix($0)) } ?? page.items
            guard let next = page.nextPageToken, !next.isEmpty, seenTokens.insert(next).inserted else { break }
            token = next
        }
        return items
    }

    /// The page size to ask for: the caller's, cut to what is still wanted and to what the server allows;
    /// nil (the server's default) when neither the caller nor a limit asks for one.
    static func pageSize(_ preferred: Int?, _ remaining: Int?, serverMaximum: Int) -> Int? {
        let wanted: Int? = switch (preferred, remaining) {
        case (let preferred?, let remaining?): min(preferred, remaining)
        case (let preferred?, nil): preferred
        case (nil, let remaining?): remaining
        case (nil, nil): nil
        }
        return wanted.map { min($0, serverMaximum) }
    }
}
