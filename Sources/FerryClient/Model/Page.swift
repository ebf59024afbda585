/// One page of a listing, and the token for the next.
public struct Page<Item: Sendable>: Sendable {
    /// The items on this page.
    public var items: [Item]
    /// Pass this as `pageToken` to get the next page; nil on the last page.
    public var nextPageToken: String?

    /// A page of `items`.
    public init(items: [Item], nextPageToken: String? = nil) {
        self.items = items
        self.nextPageToken = nextPageToken
    }
}

extension Page: Equatable where Item: Equatable {}
