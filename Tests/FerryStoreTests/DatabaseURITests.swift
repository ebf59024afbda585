import FerryCore
import FerryStore
import Testing

@Suite("Backend store URIs")
struct DatabaseURITests {
    @Test("SQLite paths, relative and absolute")
    func sqlite() throws {
        #expect(try DatabaseURI(parsing: "sqlite:///ferry-data/ferry.db") == .sqlite(path: "ferry-data/ferry.db"))
        #expect(try DatabaseURI(parsing: "sqlite:////tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(try DatabaseURI(parsing: "local.db") == .sqlite(path: "local.db"))
        #expect(throws: FerryError.self) { try DatabaseURI(parsing: "sqlite://") }
    }

    @Test("PostgreSQL URIs")
    func postgres() throws {
        guard case .postgres(let location) = try DatabaseURI(parsing: "postgresql://ana:s%40cret@db.local:6543/mlflow") else {
            Issue.record("not a PostgreSQL location")
            return
        }
        #expect(location.host == "db.local" && location.port == 6543 && location.user == "ana")
        #expect(location.password == "s@cret" && location.database == "mlflow")
        guard case .postgres(let defaults) = try DatabaseURI(parsing: "postgres://db") else {
            Issue.record("not a PostgreSQL location")
            return
        }
        #expect(defaults.port == 5432 && defaults.user == "postgres" && defaults.database == nil)
        #expect(throws: FerryError.self) { try DatabaseURI(parsing: "mysql://x/y") }
    }

    @Test("Passwords never reach logs")
    func redaction() {
        #expect(DatabaseURI.redacted("postgresql://ana:secret@db:5432/x") == "postgresql://ana:***@db:5432/x")
        #expect(DatabaseURI.redacted("postgresql://ana@db/x") == "postgresql://ana@db/x")
        #expect(DatabaseURI.redacted("sqlite:///f.db") == "sqlite:///f.db")
    }
}
