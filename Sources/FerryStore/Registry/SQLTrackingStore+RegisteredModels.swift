import FerryCore
import SQLKit

extension SQLTrackingStore: RegistryStore {
    public func createRegisteredModel(name: String, description: String?, tags: [KeyValue]) async throws -> RegisteredModel {
        try RegistryValidation.validateModelName(name)
        for tag in tags { try RegistryValidation.validateTag(tag) }
        try RegistryValidation.validateDescription(description)
        let now = Timestamps.nowMillis()
        let exists = "Registered Model (name=\(name)) already exists."
        try await write(alreadyExists: exists) { db in
            if try await db.raw("SELECT name FROM registered_models WHERE name = \(bind: name)").first() != nil {
                throw FerryError.alreadyExists(exists)
            }
            try await db.raw(
                """
                INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp, description)
                VALUES (\(bind: name), \(bind: now), \(bind: now), \(bind: description))
                """
            ).run()
            for tag in tags { try await Self.upsertRegisteredModelTag(db, name: name, tag) }
            var state = ["name": name]
            state["description"] = description
            for tag in tags { state["tag." + tag.key] = tag.value }
            try await Self.recordAudit(db, .createRegisteredModel, name: name, after: state)
        }
        return try await registeredModel(named: name)
    }

    public func registeredModel(named name: String) async throws -> RegisteredModel {
        try await read { db in try await Self.loadRegisteredModel(db, name) }
    }

    public func renameRegisteredModel(_ name: String, to newName: String) async throws -> RegisteredModel {
        try RegistryValidation.validateModelName(newName, path: "new_name")
        let exists = "Registered Model (name=\(newName)) already exists."
        try await write(alreadyExists: exists) { db in
            try await Self.requireRegisteredModel(db, name)
            guard newName != name else { return }
            if try await db.raw("SELECT name FROM registered_models WHERE name = \(bind: newName)").first() != nil {
                throw FerryError.alreadyExists(exists)
            }
            for table in ["registered_models", "registered_model_tags", "model_versions", "model_version_tags", "registered_model_aliases"] {
                try await db.raw("UPDATE \(unsafeRaw: table) SET name = \(bind: newName) WHERE name = \(bind: name)").run()
            }
            try await Self.touch(db, newName)
            try await Self.recordAudit(db, .renameRegisteredModel, name: newName, before: ["name": name], after: ["name": newName])
        }
        return try await registeredModel(named: newName)
    }

    public func updateRegisteredModel(_ name: String, description: String?) async throws -> RegisteredModel {
        try RegistryValidation.validateDescription(description)
        try await write { db in
            guard let row = try await db.raw("SELECT description FROM registered_models WHERE name = \(bind: name)").first() else {
                throw FerryError.notFound("Registered Model with name=\(name) not found")
            }
            let previous = try row.optionalString("description")
            try await db.raw("UPDATE registered_models SET description = \(bind: description) WHERE name = \(bind: name)").run()
            try await Self.touch(db, name)
            try await Self.recordAudit(
                db, .updateRegisteredModel, name: name, before: ["description": previous ?? ""], after: ["description": description ?? ""])
        }
        return try await registeredModel(named: name)
    }

    public func deleteRegisteredModel(_ name: String) async throws {
        try await write { db in
            let model = try await Self.loadRegisteredModel(db, name)
            let versions = try await db.raw("SELECT version FROM model_versions WHERE name = \(bind: name) ORDER BY version").all()
                .map { String(try $0.int64("version")) }
            for table in ["model_version_tags", "registered_model_aliases", "model_versions", "registered_model_tags", "registered_models"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE name = \(bind: name)").run()
            }
            var state = ["name": name, "versions": versions.joined(separator: ",")]
            state["description"] = model.description
            for alias in model.aliases { state["alias." + alias.alias] = String(alias.version) }
            try await Self.recordAudit(db, .deleteRegisteredModel, name: name, before: state)
        }
    }

    public func setRegisteredModelTag(_ name: String, _ tag: KeyValue) async throws {
        try RegistryValidation.validateTag(tag)
        try await write { db in
            try await Self.requireRegisteredModel(db, name)
            let previous = try await Self.tagValue(db, table: "registered_model_tags", owner: "name = \(bind: name)", key: tag.key)
            try await Self.upsertRegisteredModelTag(db, name: name, tag)
            try await Self.touch(db, name)
            try await Self.recordAudit(
                db, .setRegisteredModelTag, name: name, before: previous.map { ["tag." + tag.key: $0] } ?? [:],
                after: ["tag." + tag.key: tag.value])
        }
    }

    public func deleteRegisteredModelTag(_ name: String, key: String) async throws {
        try await write { db in
            try await Self.requireRegisteredModel(db, name)
            guard let previous = try await Self.tagValue(db, table: "registered_model_tags", owner: "name = \(bind: name)", key: key) else { return }
            try await db.raw("DELETE FROM registered_model_tags WHERE name = \(bind: name) AND key = \(bind: key)").run()
            try await Self.recordAudit(db, .deleteRegisteredModelTag, name: name, before: ["tag." + key: previous])
        }
    }

    static func upsertRegisteredModelTag(_ db: any SQLDatabase, name: String, _ tag: KeyValue) async throws {
        try await upsertTag(db, table: "registered_model_tags", owner: ["name": name], tag)
    }

    static func requireRegisteredModel(_ db: any SQLDatabase, _ name: String) async throws {
        guard try await db.raw("SELECT name FROM registered_models WHERE name = \(bind: name)").first() != nil else {
            throw FerryError.notFound("Registered Model with name=\(name) not found")
        }
    }

    /// Marks a registered model as changed now.
    static func touch(_ db: any SQLDatabase, _ name: String) async throws {
        try await db.raw(
            "UPDATE registered_models SET last_updated_timestamp = \(bind: Timestamps.nowMillis()) WHERE name = \(bind: name)"
        ).run()
    }

    static func loadRegisteredModel(_ db: any SQLDatabase, _ name: String) async throws -> RegisteredModel {
        guard let model = try await loadRegisteredModels(db, names: [name]).first else {
            throw FerryError.notFound("Registered Model with name=\(name) not found")
        }
        return model
    }

    /// The registered models named `names` that exist, in that order, with their tags, aliases and latest
    /// version per stage, in a fixed number of queries however many models there are.
    static func loadRegisteredModels(_ db: any SQLDatabase, names: [String]) async throws -> [RegisteredModel] {
        var models: [String: RegisteredModel] = [:]
        for chunk in chunked(names, size: 500) {
            let list = Array(chunk)
            for row in try await db.raw(
                "SELECT name, creation_timestamp, last_updated_timestamp, user_id, description FROM registered_models WHERE name IN (\(binds: list))"
            ).all() {
                let model = RegisteredModel(
                    name: try row.string("name"), creationTimestamp: try row.int64("creation_timestamp"),
                    lastUpdatedTimestamp: try row.int64("last_updated_timestamp"), userID: try row.optionalString("user_id"),
                    description: try row.optionalString("description"))
                models[model.name] = model
            }
            for row in try await db.raw("SELECT name, key, value FROM registered_model_tags WHERE name IN (\(binds: list)) ORDER BY key").all() {
                models[try row.string("name")]?.tags.append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
            for row in try await db.raw(
                "SELECT name, alias, version FROM registered_model_aliases WHERE name IN (\(binds: list)) ORDER BY alias"
            ).all() {
                models[try row.string("name")]?.aliases.append(ModelAlias(alias: try row.string("alias"), version: try row.int64("version")))
            }
            let latest = try await loadModelVersions(
                db,
                where: """
                    (name, version) IN (SELECT name, MAX(version) FROM model_versions WHERE name IN (\(binds: list)) GROUP BY name, current_stage)
                    """)
            for version in latest { models[version.name]?.latestVersions.append(version) }
        }
        return names.compactMap { models[$0] }
    }
}
