import FerryClient
import Foundation
import Testing

/// Failures become FerryClientError with a one-line description.
@Suite struct RegistryClientErrorTests {
    private struct Refused: Error, CustomStringConvertible {
        var description: String { "Connection refused" }
    }

    @Test func mlflowErrorBodiesBecomeCodeAndMessage() async throws {
        let transport = FakeTransport(
            status: 404, json: #"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model with name=nope not found"}"#)
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).registeredModel(name: "nope")
        }
        #expect(error.description == "RESOURCE_DOES_NOT_EXIST: Registered Model with name=nope not found")
        #expect(error.errorCode == "RESOURCE_DOES_NOT_EXIST")
        #expect(error.httpStatus == 404)
        #expect(error.message == "Registered Model with name=nope not found")
        #expect(!error.isConnectionFailure)
    }

    @Test func anUnknownAliasIsTheServersBadRequest() async throws {
        let transport = FakeTransport(
            status: 400, json: #"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Registered model alias nope not found."}"#)
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).versionByAlias(name: "churn", alias: "nope")
        }
        #expect(error.description == "INVALID_PARAMETER_VALUE: Registered model alias nope not found.")
    }

    @Test func nonJSONErrorsNameTheRequestAndQuoteTheBody() async throws {
        let transport = FakeTransport { _ in TransportResponse(status: 502, body: Data("<html>\n  <h1>Bad Gateway</h1>\n</html>".utf8)) }
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).run(id: "abc")
        }
        #expect(error.description == "The server answered GET /api/2.0/mlflow/runs/get with HTTP 502 and no MLflow error: <html> <h1>Bad Gateway</h1> </html>")
        #expect(error.errorCode == nil)
        #expect(error.httpStatus == 502)
    }

    @Test func answersOfTheWrongShapeSayWhichField() async throws {
        let transport = FakeTransport(json: #"{"registered_model": {"description": "no name"}}"#)
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).registeredModel(name: "churn")
        }
        #expect(error.description == "The server's answer to GET /api/2.0/mlflow/registered-models/get is not what an MLflow tracking server sends: missing field 'registered_model.name'")
    }

    @Test func transportFailuresAreConnectionFailures() async throws {
        let transport = FakeTransport { _ in throw Refused() }
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).setAlias(name: "churn", alias: "champion", version: "3")
        }
        #expect(error.isConnectionFailure)
        #expect(error.httpStatus == nil)
        #expect(error.description == "Could not reach the tracking server for POST /api/2.0/mlflow/registered-models/alias: Connection refused")
    }

    @Test func aTransportsOwnFerryClientErrorPassesThrough() async throws {
        let own = FerryClientError.unreachable(request: "GET https://ferry.example/", cause: Refused())
        let transport = FakeTransport { _ in throw own }
        let error = try await #require(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).registeredModel(name: "churn")
        }
        #expect(error.description == "Could not reach the tracking server for GET https://ferry.example/: Connection refused")
    }
}
