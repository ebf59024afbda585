/// Orders model version numbers, which the API sends as decimal strings, numerically.
enum VersionOrder {
    /// True when version `left` comes before version `right`: by number, then by text for non-numbers.
    static func precedes(_ left: String, _ right: String) -> Bool {
        switch (Int64(left), Int64(right)) {
        case (let l?, let r?): l < r
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): left < right
        }
    }
}
