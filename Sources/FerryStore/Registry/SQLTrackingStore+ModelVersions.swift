import FerryCore
import SQLKit

extension SQLTrackingStore {
    public func createModelVersion(_ new: NewModelVersion) async throws -> ModelVersion {
        try RegistryValidation.validateModelName(new.name)
        for tag in new.tags { try RegistryValidation.validateTag(tag) }
        if new.source.isEmpty { throw FerryError.invalidParameter(Messages.missingValue("source")) }
        try TextValidation.rejectNUL(new.source, path: "source")
        try RegistryValidation.validateDescription(new.description)
        let now = Timestamps.nowMillis()
        // Numbers are never reused, even after a version is deleted (as in MLflow): the registered model
        // keeps the last number handed out. Two servers on one database may race; the primary key catches it.
        for attempt in 1...3 {
            do {
                return try await write { db -> ModelVersion in
                    try await Self.requireRegisteredModel(db, new.name)
                    guard let row = try await db.raw(
                        "UPDATE registered_models SET last_version = last_version + 1 WHERE name = \(bind: new.name) RETURNING last_version"
                    ).first() else {
                        throw FerryError.notFound("Registered Model with name=\(new.name) not found")
                    }
                    let next = try row.int64("last_version")
                    try await db.raw(
                        """
                        INSERT INTO model_versions (name, version, creation_timestamp, last_updated_timestamp, user_id, current_stage,
                            description, source, run_id, status, status_message, run_link, model_id)
                        VALUES (\(bind: new.name), \(bind: next), \(bind: now), \(bind: now), \(bind: new.userID), \(bind: ModelStage.none.rawValue),
                            \(bind: new.description), \(bind: new.source), \(bind: new.runID), \(bind: ModelVersionStatus.ready.rawValue), NULL,
                            \(bind: new.runLink), \(bind: new.modelID))
                        """
                    ).run()
                    for tag in new.tags { try await Self.upsertModelVersionTag(db, name: new.name, version: next, tag) }
                    try await Self.touch(db, new.name)
                    let created = try await Self.requireModelVersion(db, name: new.name, version: next)
                    try await Self.recordAudit(db, .createModelVersion, name: new.name, version: next, after: Self.auditState(of: created))
                    return created
                }
            } catch let error as FerryError where error.code == .resourceAlreadyExists && attempt < 3 {
                continue
            }
        }
        throw FerryError.internalError("Could not allocate a version number for \(new.name)")
    }

    public func modelVersion(name: String, version: Int64) async throws -> ModelVersion {
        try await read { db in try await Self.requireModelVersion(db, name: name, version: version) }
    }

    public func updateModelVersion(name: String, version: Int64, description: String?) async throws -> ModelVersion {
        try RegistryValidation.validateDescription(description)
        try await write { db in
            let previous = try await Self.requireModelVersion(db, name: name, version: version).description
            try await Self.recordAudit(
                db, .updateModelVersion, name: name, version: version,
                before: ["description": previous ?? ""], after: ["description": description ?? ""])
            try await db.raw(
                """
                UPDATE model_versions SET description = \(bind: description), last_updated_timestamp = \(bind: Timestamps.nowMillis())
                WHERE name = \(bind: name) AND version = \(bind: version)
                """
            ).run()
        }
        return try await modelVersion(name: name, version: version)
    }

    public func deleteModelVersion(name: String, version: Int64) async throws {
        try await write { db in
            let deleted = try await Self.requireModelVersion(db, name: name, version: version)
            try await Self.recordAudit(db, .deleteModelVersion, name: name, version: version, before: Self.auditState(of: deleted))
            for table in ["model_version_tags", "registered_model_aliases", "model_versions"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE name = \(bind: name) AND version = \(bind: version)").run()
            }
            try await Self.touch(db, name)
        }
    }

    public func setModelVersionTag(name: String, version: Int64, _ tag: KeyValue) async throws {
        try RegistryValidation.validateTag(tag)
        try await write { db in
            _ = try await Self.requireModelVersion(db, name: name, version: version)
            let previous = try await Self.tagValue(
                db, table: "model_version_tags", owner: "name = \(bind: name) AND version = \(bind: version)", key: tag.key)
            try await Self.upsertModelVersionTag(db, name: name, version: version, tag)
            try await Self.recordAudit(
                db, .setModelVersionTag, name: name, version: version, before: previous.map { ["tag." + tag.key: $0] } ?? [:],
                after: ["tag." + tag.key: tag.value])
        }
    }

    public func deleteModelVersionTag(name: String, version: Int64, key: String) async throws {
        try await write { db in
            _ = try await Self.requireModelVersion(db, name: name, version: version)
            guard let previous = try await Self.tagValue(
                db, table: "model_version_tags", owner: "name = \(bind: name) AND version = \(bind: version)", key: key)
            else { return }
            try await Self.recordAudit(db, .deleteModelVersionTag, name: name, version: version, before: ["tag." + key: previous])
            try await db.raw(
                "DELETE FROM model_version_tags WHERE name = \(bind: name) AND version = \(bind: version) AND key = \(bind: key)"
            ).run()
        }
    }

    public func transitionStage(name: String, version: Int64, to stage: ModelStage, archiveExisting: Bool) async throws -> ModelVersion {
        let now = Timestamps.nowMillis()
        try await write { db in
            let previous = try await Self.requireModelVersion(db, name: name, version: version).currentStage
            if archiveExisting && (stage == .staging || stage == .production) {
                let archived = try await db.raw(
                    "SELECT version FROM model_versions WHERE name = \(bind: name) AND version <> \(bind: version) AND current_stage = \(bind: stage.rawValue)"
                ).all().map { try $0.int64("version") }
                for other in archived {
                    try await Self.recordAudit(
                        db, .transitionStage, name: name, version: other, before: ["current_stage": stage.rawValue],
                        after: ["current_stage": ModelStage.archived.rawValue, "archived_by_version": String(version)])
                }
                try await db.raw(
                    """
                    UPDATE model_versions SET current_stage = \(bind: ModelStage.archived.rawValue), last_updated_timestamp = \(bind: now)
                    WHERE name = \(bind: name) AND version <> \(bind: version) AND current_stage = \(bind: stage.rawValue)
                    """
                ).run()
            }
            try await db.raw(
                """
                UPDATE model_versions SET current_stage = \(bind: stage.rawValue), last_updated_timestamp = \(bind: now)
                WHERE name = \(bind: name) AND version = \(bind: version)
                """
            ).run()
            try await Self.touch(db, name)
            try await Self.recordAudit(
                db, .transitionStage, name: name, version: version, before: ["current_stage": previous.rawValue],
                after: ["current_stage": stage.rawValue])
        }
        return try await modelVersion(name: name, version: version)
    }

    public func latestVersions(name: String, stages: [ModelStage]) async throws -> [ModelVersion] {
        try await read { db in
            try await Self.requireRegisteredModel(db, name)
            return try await Self.latestVersions(db, name: name, stages: stages)
        }
    }

    public func setAlias(name: String, alias: String, version: Int64) async throws {
        try RegistryValidation.validateAlias(alias)
        try await write { db in
            _ = try await Self.requireModelVersion(db, name: name, version: version)
            let previous = try await db.raw(
                "SELECT version FROM registered_model_aliases WHERE name = \(bind: name) AND alias = \(bind: alias)"
            ).first().map { String(try $0.int64("version")) }
            try await Self.recordAudit(
                db, .setAlias, name: name, version: version, before: previous.map { ["alias." + alias: $0] } ?? [:],
                after: ["alias." + alias: String(version)])
            try await db.raw(
                """
                INSERT INTO registered_model_aliases (name, alias, version) VALUES (\(bind: name), \(bind: alias), \(bind: version))
                ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version
                """
            ).run()
            try await Self.touch(db, name)
        }
    }

    public func deleteAlias(name: String, alias: String) async throws {
        try await write { db in
            try await Self.requireRegisteredModel(db, name)
            guard let previous = try await db.raw(
                "SELECT version FROM registered_model_aliases WHERE name = \(bind: name) AND alias = \(bind: alias)"
            ).first().map({ try $0.int64("version") }) else { return }
            try await db.raw("DELETE FROM registered_model_aliases WHERE name = \(bind: name) AND alias = \(bind: alias)").run()
            try await Self.touch(db, name)
            try await Self.recordAudit(db, .deleteAlias, name: name, version: previous, before: ["alias." + alias: String(previous)])
        }
    }

    public func modelVersion(name: String, alias: String) async throws -> ModelVersion {
        try await read { db in
            try await Self.requireRegisteredModel(db, name)
            guard let row = try await db.raw(
                "SELECT version FROM registered_model_aliases WHERE name = \(bind: name) AND alias = \(bind: alias)"
            ).first() else {
                throw FerryError.invalidParameter("Registered model alias \(alias) not found.")
            }
            return try await Self.requireModelVersion(db, name: name, version: try row.int64("version"))
        }
    }

    static func upsertModelVersionTag(_ db: any SQLDatabase, name: String, version: Int64, _ tag: KeyValue) async throws {
        try await upsertTag(db, table: "model_version_tags", owner: ["name": name, "version": version], tag)
    }

    static let modelVersionColumns = """
        name, version, creation_timestamp, last_updated_timestamp, user_id, current_stage, description, source, run_id, status,
        status_message, run_link, model_id
        """

    static func requireModelVersion(_ db: any SQLDatabase, name: String, version: Int64) async throws -> ModelVersion {
        guard let found = try await loadModelVersions(db, where: "name = \(bind: name) AND version = \(bind: version)").first else {
            throw FerryError.notFound("Model Version (name=\(name), version=\(version)) not found")
        }
        return found
    }

    static func latestVersions(_ db: any SQLDatabase, name: String, stages: [ModelStage]) async throws -> [ModelVersion] {
        let wanted = stages.isEmpty ? ModelStage.allCases : stages
        let versions = try await loadModelVersions(db, where: "name = \(bind: name)")
        return wanted.compactMap { stage in versions.filter { $0.currentStage == stage }.max { $0.version < $1.version } }
            .sorted { $0.version < $1.version }
    }

    /// Model versions matching `condition`, with their tags and aliases, by name then version unless
    /// `condition` carries its own ORDER BY (`orderedAlready`).
    static func loadModelVersions(_ db: any SQLDatabase, where condition: SQLQueryString, orderedAlready: Bool = false) async throws -> [ModelVersion] {
        let order: SQLQueryString = orderedAlready ? "" : " ORDER BY name, version"
        var versions = try await db.raw(
            "SELECT \(unsafeRaw: modelVersionColumns) FROM model_versions WHERE " + condition + order
        ).all().map { row in
            ModelVersion(
                name: try row.string("name"), version: try row.int64("version"), creationTimestamp: try row.int64("creation_timestamp"),
                lastUpdatedTimestamp: try row.int64("last_updated_timestamp"), userID: try row.optionalString("user_id"),
                currentStage: ModelStage(rawValue: try row.string("current_stage")) ?? .none, description: try row.optionalString("description"),
                source: try row.string("source"), runID: try row.optionalString("run_id"),
                status: ModelVersionStatus(rawValue: try row.string("status")) ?? .ready, statusMessage: try row.optionalString("status_message"),
                runLink: try row.optionalString("run_link"), modelID: try row.optionalString("model_id"))
        }
        guard !versions.isEmpty else { return [] }
        var tags: [String: [KeyValue]] = [:]
        var aliases: [String: [String]] = [:]
        // Tags of exactly the loaded versions: (name, version) pairs, 400 to a statement.
        for chunk in chunked(versions, size: 400) {
            var pairs: SQLQueryString = ""
            for (index, version) in chunk.enumerated() {
                pairs += index == 0 ? "(\(bind: version.name), \(bind: version.version))" : ", (\(bind: version.name), \(bind: version.version))"
            }
            // A join from the pairs (not `(name, version) IN (VALUES ...)`, which SQLite answers with a table scan).
            let query: SQLQueryString = "WITH wanted(name, version) AS (VALUES " + pairs + ") "
                + "SELECT t.name, t.version, t.key, t.value FROM wanted JOIN model_version_tags t "
                + "ON t.name = wanted.name AND t.version = wanted.version ORDER BY t.key"
            for row in try await db.raw(query).all() {
                tags["\(try row.string("name"))\u{1}\(try row.int64("version"))", default: []]
                    .append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
        }
        for chunk in chunked(Array(Set(versions.map(\.name))), size: 500) {
            for row in try await db.raw("SELECT name, version, alias FROM registered_model_aliases WHERE name IN (\(binds: Array(chunk))) ORDER BY alias").all() {
                aliases["\(try row.string("name"))\u{1}\(try row.int64("version"))", default: []].append(try row.string("alias"))
            }
        }
        for index in versions.indices {
            let key = "\(versions[index].name)\u{1}\(versions[index].version)"
            versions[index].tags = tags[key] ?? []
            versions[index].aliases = aliases[key] ?? []
        }
        return versions
    }
}
