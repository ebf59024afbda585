import Foundation

/// Wall-clock time as MLflow records it: milliseconds since the epoch.
public enum Timestamps {
    /// Now, in epoch milliseconds.
    public static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// Identifier formats.
public enum Identifiers {
    /// A new run id: 32 lowercase hex characters.
    public static func newRunID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// A new logged-model id: `m-` and 32 lowercase hex characters.
    public static func newLoggedModelID() -> String {
        "m-" + newRunID()
    }

    /// Whether `text` is a well-formed run id as MLflow accepts it.
    public static func isValidRunID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 256 else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }
    }

    /// Parses an experiment id, which must be a decimal integer.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE in MLflow's words.
    public static func experimentNumber(_ text: String) throws -> Int64 {
        guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw FerryError.invalidParameter("Invalid experiment ID '\(text)'. Experiment ID must be a valid integer.")
        }
        return number
    }
}

/// Generates readable run names such as `brave-otter-417`, as MLflow names unnamed runs.
public enum RunNames {
    static let adjectives = [
        "able", "amber", "ample", "bold", "brave", "bright", "brisk", "calm", "candid", "clever", "cosmic", "crisp",
        "daring", "eager", "earnest", "fair", "fleet", "gentle", "glad", "golden", "grand", "handy", "honest", "humble",
        "jolly", "keen", "kind", "lively", "loyal", "lucky", "merry", "mighty", "nimble", "noble", "patient", "placid",
        "polite", "proud", "quick", "quiet", "rare", "ready", "rustic", "sharp", "shy", "silent", "silver", "smiling",
        "steady", "stellar", "sunny", "swift", "tidy", "upbeat", "valiant", "vivid", "warm", "wise", "witty", "zesty",
    ]
    static let nouns = [
        "ant", "badger", "bass", "bat", "bear", "bee", "bison", "boar", "carp", "cat", "crab", "crane", "crow", "deer",
        "dog", "dove", "duck", "eel", "elk", "finch", "fox", "frog", "gnu", "goat", "goose", "hare", "hawk", "hen",
        "heron", "horse", "ibis", "jay", "koala", "lark", "lion", "lynx", "mink", "mole", "moose", "moth", "mule",
        "newt", "otter", "owl", "panda", "quail", "ram", "rat", "robin", "seal", "shark", "sloth", "snail", "stag",
        "swan", "tern", "toad", "trout", "wasp", "whale", "wolf", "wren", "yak", "zebra",
    ]

    /// A new random name.
    public static func random() -> String {
        "\(adjectives.randomElement()!)-\(nouns.randomElement()!)-\(Int.random(in: 0..<1000))"
    }
}
