/// The parsed form of an MLflow search filter and `order_by` list.
///
/// The parser (``SearchFilterParser``) turns a filter string into a conjunction of
/// ``SearchClause`` values and validates them against the rules of one ``SearchTarget``.
/// Stores translate clauses into their own query language; nothing here does I/O.

/// What a filter searches; it decides which keys and operators are allowed.
public enum SearchTarget: Sendable, Equatable {
    case runs
    case experiments
    case loggedModels
    case registeredModels
    case modelVersions
}

/// The entity a clause's key belongs to.
public enum SearchEntity: String, Sendable, Equatable {
    case attribute
    case metric
    case param
    case tag
    case dataset
}

/// A comparison operator as written in a filter.
public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case like = "LIKE"
    case ilike = "ILIKE"
    case `in` = "IN"
    case notIn = "NOT IN"
    case isNull = "IS NULL"
    case isNotNull = "IS NOT NULL"
}

/// The right-hand side of a clause.
public enum SearchValue: Sendable, Equatable {
    /// A quoted string.
    case string(String)
    /// A bare number (metrics and numeric attributes).
    case number(Double)
    /// A parenthesised list of quoted strings, for `IN` and `NOT IN`.
    case list([String])
    /// No value: `IS NULL` and `IS NOT NULL`.
    case none
}

/// One `key op value` comparison; a filter is the AND of its clauses.
public struct SearchClause: Sendable, Equatable {
    /// The entity of the key.
    public var entity: SearchEntity
    /// The key, unquoted, with attribute aliases resolved to their canonical name
    /// (`created` → `start_time`, `run name` → `run_name`).
    public var key: String
    /// The comparison.
    public var op: ComparisonOperator
    /// The compared value.
    public var value: SearchValue

    public init(entity: SearchEntity, key: String, op: ComparisonOperator, value: SearchValue) {
        self.entity = entity
        self.key = key
        self.op = op
        self.value = value
    }
}

/// One `order_by` entry.
public struct OrderByClause: Sendable, Equatable {
    /// The entity of the key.
    public var entity: SearchEntity
    /// The key, unquoted, aliases resolved as in ``SearchClause/key``.
    public var key: String
    /// Ascending unless `DESC` was given.
    public var ascending: Bool

    public init(entity: SearchEntity, key: String, ascending: Bool) {
        self.entity = entity
        self.key = key
        self.ascending = ascending
    }
}
