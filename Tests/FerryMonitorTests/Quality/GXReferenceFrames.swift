import FerryTables

/// The frames of `GXReference`, as Ferry tables (the `FRAMES` of its generator script).
enum GXReferenceFrames {
    static let people = QualityColumns.table(
        QualityColumns.integers("id", [1, 2, 3, 4, 5, 6, 7, 8, 9, 9]),
        QualityColumns.floats("age", [34, 51, .nan, 29, 130, 45, -1, 38, .nan, 62]),
        QualityColumns.strings("plan", ["free", "pro", "team", "gold", "pro", nil, "free", "gold", "gold", "enterprise"]),
        QualityColumns.strings("email", ["a@x.io", "b@x.io", "bad", "c@x.io", nil, "d@@x", "e@x.io", "f@x.io", "g@x.io", "h@x.io"]),
        QualityColumns.booleans("active", [true, false, true, true, false, true, true, true, false, true]),
        QualityColumns.floats("score", [0.5, 0.25, 0.75, 1.0, 0.5, 0.125, 0.5, 0.875, 0.375, 0.625]),
        QualityColumns.booleansWithMissing("flag", [true, nil, false, true, true, nil, false, true, true, true]))

    static let many = QualityColumns.table(
        QualityColumns.strings("letter", "zyxzyxwvzzabcabcdeffgghhk".map(String.init) + Array(repeating: "ok", count: 5)),
        QualityColumns.floats("gaps", Array(repeating: .nan, count: 25) + [1, 2, 3, 4, 5]))

    static let empty = QualityColumns.table(QualityColumns.floats("x", []))
}
